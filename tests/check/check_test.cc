#include "check/check.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "facts/fact_store.h"
#include "link/linker.h"

namespace claimcheck {
namespace {

Fact MakeFact(std::string id, std::string subject, std::string metric, double value,
              std::string unit, std::optional<int> year,
              std::vector<std::vector<std::string>> keywords,
              std::optional<double> tolerance = std::nullopt) {
  Fact fact;
  fact.id = std::move(id);
  fact.subject = std::move(subject);
  fact.metric = std::move(metric);
  fact.value = value;
  fact.unit = std::move(unit);
  fact.year = year;
  fact.keywords = std::move(keywords);
  fact.tolerance = tolerance;
  fact.source = "Test Source " + fact.id;
  return fact;
}

Rate MakeRate(std::string currency, int year, double per_usd) {
  Rate rate;
  rate.currency = std::move(currency);
  rate.year = year;
  rate.per_usd = per_usd;
  rate.source = "Fed G.5A";
  return rate;
}

struct ClaimSpec {
  std::string figure;  // found in the text (the nth occurrence, see `nth`)
  ClaimType type;
  double value;
  std::string unit;
  std::optional<int> year = std::nullopt;
  Qualifier qualifier = Qualifier::kExact;
  std::optional<Relation> relation = std::nullopt;
  int nth = 0;
};

class CheckTest : public testing::Test {
 protected:
  void SetUp() override {
    store_ = NewMemoryFactStore();
    std::vector<std::vector<std::string>> core = {{"core"}, {"AI"}, {"industry"}};
    std::vector<std::vector<std::string>> us_inv = {{"US", "American"}, {"investment"}};
    std::vector<std::vector<std::string>> gap = {{"China", "Chinese"}, {"gap"}};
    std::vector<std::vector<std::string>> top = {{"top", "leading"}, {"gap"}, {"models"}};
    ASSERT_TRUE(
        store_
            ->Import(
                {MakeFact("core-2023", "China", "core AI industry", 578.4e9, "CNY", 2023, core),
                 MakeFact("core-2022", "China", "core AI industry", 508e9, "CNY", 2022, core,
                          0.02),
                 MakeFact("us-inv-2024", "United States", "private AI investment", 109.1e9,
                          "USD", 2024, us_inv),
                 MakeFact("gap-2024", "US vs China", "model gap", 9.3, "%", 2024, gap),
                 MakeFact("gap-2025", "US vs China", "model gap", 1.7, "%", 2025, gap),
                 MakeFact("top-2023", "Arena", "top vs 10th gap", 11.9, "%", 2023, top),
                 MakeFact("top-2024", "Arena", "top vs 10th gap", 5.4, "%", 2024, top)},
                {MakeRate("CNY", 2023, 7.0809)})
            .ok());
  }

  std::vector<ClaimReport> Check(const std::string& text,
                                 const std::vector<ClaimSpec>& specs) {
    doc_.path = "t.txt";
    doc_.source = doc_.text = text;
    claims_.clear();
    for (const ClaimSpec& spec : specs) {
      size_t at = text.find(spec.figure);
      for (int k = 0; k < spec.nth; ++k) at = text.find(spec.figure, at + 1);
      EXPECT_NE(at, std::string::npos) << spec.figure;
      Claim claim;
      claim.text = spec.figure;
      claim.in_text = claim.source = {at, at + spec.figure.size()};
      // The sentence: from the last ". " before the claim to the next ".".
      size_t start = text.rfind(". ", at);
      start = start == std::string::npos ? 0 : start + 2;
      size_t end = text.find(". ", at);
      end = end == std::string::npos ? text.size() : end + 1;
      claim.sentence = {start, end};
      claim.line = 1;
      claim.column = at + 1;
      claim.type = spec.type;
      claim.value = spec.value;
      claim.unit = spec.unit;
      claim.year = spec.year;
      claim.qualifier = spec.qualifier;
      claim.relation = spec.relation;
      claims_.push_back(claim);
    }
    Linker linker(*store_);
    auto links = linker.Link(doc_, claims_);
    EXPECT_TRUE(links.ok());
    auto reports = CheckClaims({doc_, claims_, *links, *store_});
    EXPECT_TRUE(reports.ok());
    return *reports;
  }

  // "The US-China gap was 12.5% in 2024." links to the gap of 2024 (9.3%);
  // its figure must be flagged as the survey gap's value.
  void ExpectTheSurveyGapOwns12Point5() {
    auto r = Check("The US-China gap was 12.5% in 2024.",
                   {{"12.5%", ClaimType::kPercent, 12.5, "%", 2024}});
    ASSERT_EQ(r[0].verdict, Verdict::kFlagged);
    EXPECT_EQ(r[0].findings[0].rule, RuleId::kMisattribution);
    EXPECT_NE(r[0].findings[0].message.find("survey gap"), std::string::npos)
        << r[0].findings[0].message;
  }

  std::unique_ptr<FactStore> store_;
  Document doc_;
  std::vector<Claim> claims_;
};

Relation Rel(int id, RelationKind kind, RelationRole role) { return {id, kind, role}; }

TEST_F(CheckTest, SupportsAValueWithinTolerance) {
  auto r = Check("US investment reached $109.1 billion in 2024.",
                 {{"$109.1 billion", ClaimType::kCurrency, 109.1e9, "USD", 2024}});
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].verdict, Verdict::kSupported);
  ASSERT_TRUE(r[0].fact);
  EXPECT_EQ(r[0].fact->id, "us-inv-2024");
}

TEST_F(CheckTest, HedgesAreOneSided) {
  auto over = Check("US investment was more than $100 billion in 2024.",
                    {{"$100 billion", ClaimType::kCurrency, 100e9, "USD", 2024,
                      Qualifier::kOver}});
  EXPECT_EQ(over[0].verdict, Verdict::kSupported);
  auto under = Check("US investment was less than $100 billion in 2024.",
                     {{"$100 billion", ClaimType::kCurrency, 100e9, "USD", 2024,
                       Qualifier::kUnder}});
  EXPECT_EQ(under[0].verdict, Verdict::kFlagged);
  EXPECT_EQ(under[0].findings[0].rule, RuleId::kFactMismatch);
}

TEST_F(CheckTest, FlagsAMismatchWithExpectedFigureAndSource) {
  auto r = Check("US investment reached $130 billion in 2024.",
                 {{"$130 billion", ClaimType::kCurrency, 130e9, "USD", 2024}});
  ASSERT_EQ(r[0].verdict, Verdict::kFlagged);
  const Finding& f = r[0].findings.at(0);
  EXPECT_EQ(f.rule, RuleId::kFactMismatch);
  EXPECT_EQ(f.severity, Severity::kError);
  ASSERT_TRUE(f.expected);
  EXPECT_DOUBLE_EQ(f.expected->value, 109.1e9);
  EXPECT_NE(f.message.find("$109.1 bn"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("Test Source us-inv-2024"), std::string::npos) << f.message;
}

TEST_F(CheckTest, FlagsAFigureFromAnotherYear) {
  auto r = Check("China's core AI industry hit 500 billion yuan in 2023.",
                 {{"500 billion yuan", ClaimType::kCurrency, 500e9, "CNY", 2023}});
  ASSERT_EQ(r[0].verdict, Verdict::kFlagged);
  ASSERT_EQ(r[0].findings.size(), 1u);
  EXPECT_EQ(r[0].findings[0].rule, RuleId::kWrongYear);
  EXPECT_EQ(r[0].findings[0].severity, Severity::kWarning);
  EXPECT_NE(r[0].findings[0].message.find("2022"), std::string::npos);
}

TEST_F(CheckTest, ComparesAcrossCurrenciesAtTheYearsRate) {
  // 578.4 bn CNY / 7.0809 = $81.7 bn.
  auto r = Check("China's core AI industry was worth $81.7 billion in 2023.",
                 {{"$81.7 billion", ClaimType::kCurrency, 81.7e9, "USD", 2023}});
  EXPECT_EQ(r[0].verdict, Verdict::kSupported);
}

TEST_F(CheckTest, FlagsAScaleSlip) {
  auto r = Check("US investment reached $109.1 million in 2024.",
                 {{"$109.1 million", ClaimType::kCurrency, 109.1e6, "USD", 2024}});
  ASSERT_EQ(r[0].verdict, Verdict::kFlagged);
  EXPECT_EQ(r[0].findings[0].rule, RuleId::kScaleSlip);
}

// An amount ten times or more from its fact, and no power of a thousand,
// is about something else the sentence names in the fact's words: it is
// left unverified with a note saying so, not flagged, and no other check
// treats it as a figure of that fact.
TEST_F(CheckTest, AnAmountFarFromItsFactIsSetAsideNotFlagged) {
  auto r = Check(
      "A US firm dropped a $250 million investment in 2024; US investment in 2024 "
      "was also called $9 billion.",
      {{"$250 million", ClaimType::kCurrency, 250e6, "USD", 2024},
       {"$9 billion", ClaimType::kCurrency, 9e9, "USD", 2024}});
  ASSERT_EQ(r.size(), 2u);
  for (const ClaimReport& report : r) {
    SCOPED_TRACE(report.claim.text);
    EXPECT_EQ(report.verdict, Verdict::kUnverified);
    EXPECT_TRUE(report.findings.empty());
    EXPECT_EQ(report.fact, nullptr);
    EXPECT_NE(report.note.find("likely about something else"), std::string::npos)
        << report.note;
    EXPECT_NE(report.note.find("a factor of"), std::string::npos) << report.note;
  }
}

TEST_F(CheckTest, NearerThanTenTimesIsStillAMismatch) {
  auto r = Check("US investment reached $12 billion in 2024.",
                 {{"$12 billion", ClaimType::kCurrency, 12e9, "USD", 2024}});
  ASSERT_EQ(r[0].verdict, Verdict::kFlagged);
  EXPECT_EQ(r[0].findings[0].rule, RuleId::kFactMismatch);
}

// The fact's digits with the decimal point moved: a slip, flagged.
TEST_F(CheckTest, ADecimalSlipIsStillAMismatch) {
  for (const char* figure : {"$10.91 billion", "$1.091 billion"}) {
    SCOPED_TRACE(figure);
    double value = std::string(figure) == "$10.91 billion" ? 10.91e9 : 1.091e9;
    auto r = Check(std::string("US investment reached ") + figure + " in 2024.",
                   {{figure, ClaimType::kCurrency, value, "USD", 2024}});
    ASSERT_EQ(r[0].verdict, Verdict::kFlagged);
    EXPECT_EQ(r[0].findings[0].rule, RuleId::kFactMismatch);
  }
}

// A bound is met by too many values for a power of ten to mean a slip:
// "less than $1.2 billion" is met by $109.1 billion / 100, by chance.
TEST_F(CheckTest, AFarBoundIsSetAsideEvenWhenAPowerOfTenMeetsIt) {
  auto r = Check("US investment was less than $1.2 billion in 2024.",
                 {{"$1.2 billion", ClaimType::kCurrency, 1.2e9, "USD", 2024,
                   Qualifier::kUnder}});
  EXPECT_EQ(r[0].verdict, Verdict::kUnverified);
  EXPECT_NE(r[0].note.find("likely about something else"), std::string::npos) << r[0].note;
}

// About a thousand times off, but not exactly: a scale slip and a wrong
// figure, about the right quantity.
TEST_F(CheckTest, NearlyAThousandTimesOffIsStillAMismatch) {
  for (double value : {95e6, 150e6, 80e12}) {
    SCOPED_TRACE(value);
    auto r = Check("US investment reached this much in 2024.",
                   {{"this much", ClaimType::kCurrency, value, "USD", 2024}});
    ASSERT_EQ(r[0].verdict, Verdict::kFlagged);
    EXPECT_EQ(r[0].findings[0].rule, RuleId::kFactMismatch);
  }
}

// Shares are bounded: one that far off is a wrong figure, not another
// quantity.
TEST_F(CheckTest, AFarShareIsStillFlagged) {
  auto r = Check("China's gap with the US was 95% in 2024.",
                 {{"95%", ClaimType::kPercent, 95, "%", 2024}});
  ASSERT_EQ(r[0].verdict, Verdict::kFlagged);
  EXPECT_EQ(r[0].findings[0].rule, RuleId::kFactMismatch);
}

// "by $X" after a word of rise or fall is an amount of change: the level
// of the quantity the sentence names is no measure of it.
TEST_F(CheckTest, AnAmountOfChangeIsNotComparedWithALevel) {
  for (const char* text : {"US investment will fall by $20 billion in 2024.",
                           "US investment was reduced by about $20 billion in 2024.",
                           "US investment will FALL BY $20 billion in 2024."}) {
    SCOPED_TRACE(text);
    auto r = Check(text, {{"$20 billion", ClaimType::kCurrency, 20e9, "USD", 2024}});
    EXPECT_EQ(r[0].verdict, Verdict::kUnverified);
    EXPECT_TRUE(r[0].findings.empty());
    EXPECT_NE(r[0].note.find("amount of change"), std::string::npos) << r[0].note;
  }
  // "by" alone, with no word of change before it, is no change.
  auto r = Check("US investment by 2024 was $20 billion.",
                 {{"$20 billion", ClaimType::kCurrency, 20e9, "USD", 2024}});
  EXPECT_EQ(r[0].verdict, Verdict::kFlagged);
}

TEST_F(CheckTest, MisattributedChangeIsAnErrorAndCarriesTheRightFigures) {
  auto r = Check("Chinese models are shrinking the gap from 11.9% to just 5.4%.",
                 {{"11.9%", ClaimType::kPercent, 11.9, "%", std::nullopt, Qualifier::kExact,
                   Rel(1, RelationKind::kChange, RelationRole::kFrom)},
                  {"5.4%", ClaimType::kPercent, 5.4, "%", std::nullopt, Qualifier::kExact,
                   Rel(1, RelationKind::kChange, RelationRole::kTo)}});
  for (size_t i = 0; i < 2; ++i) {
    SCOPED_TRACE(i);
    ASSERT_EQ(r[i].verdict, Verdict::kFlagged);
    ASSERT_EQ(r[i].findings.size(), 1u);
    EXPECT_EQ(r[i].findings[0].rule, RuleId::kMisattribution);
    EXPECT_EQ(r[i].findings[0].severity, Severity::kError);
  }
  EXPECT_DOUBLE_EQ(r[0].findings[0].expected->value, 9.3);
  EXPECT_DOUBLE_EQ(r[1].findings[0].expected->value, 1.7);
}

TEST_F(CheckTest, ALoneMisattributedValueIsAWarning) {
  auto r = Check("The US-China gap was 11.9% in 2024.",
                 {{"11.9%", ClaimType::kPercent, 11.9, "%"}});
  ASSERT_EQ(r[0].verdict, Verdict::kFlagged);
  EXPECT_EQ(r[0].findings[0].rule, RuleId::kMisattribution);
  EXPECT_EQ(r[0].findings[0].severity, Severity::kWarning);
}

TEST_F(CheckTest, AValueTwoOtherFactsShareEquallyHasNoOwner) {
  // "gap" names both the Arena gap and a benchmark gap of 11.9%: the figure
  // points at neither, and the claim keeps its plain mismatch.
  ASSERT_TRUE(store_
                  ->Import({MakeFact("bench-gap-2023", "Benchmark", "benchmark gap", 11.9, "%",
                                     2023, {{"benchmark"}, {"gap"}})},
                           {})
                  .ok());
  auto r = Check("The US-China gap was 11.9% in 2024.",
                 {{"11.9%", ClaimType::kPercent, 11.9, "%"}});
  ASSERT_EQ(r[0].verdict, Verdict::kFlagged);
  ASSERT_EQ(r[0].findings.size(), 1u);
  EXPECT_EQ(r[0].findings[0].rule, RuleId::kFactMismatch);
}

TEST_F(CheckTest, AValueManyFactsShareHasNoOwner) {
  // Without the crowd, the Arena gap is the owner ("gap" is nearer than
  // "table"); with more than eight facts of 11.9% the value is commonplace.
  std::string text = "In the table, the US-China gap was 11.9% in 2024.";
  ClaimSpec spec = {"11.9%", ClaimType::kPercent, 11.9, "%"};
  EXPECT_EQ(Check(text, {spec})[0].findings[0].rule, RuleId::kMisattribution);
  std::vector<Fact> crowd;
  for (int i = 0; i < 8; ++i) {
    std::string id = "table-" + std::to_string(i);
    crowd.push_back(MakeFact(id, "Table " + id, "share", 11.9, "%", 2024, {{"table"}, {id}}));
  }
  ASSERT_TRUE(store_->Import(crowd, {}).ok());
  auto r = Check(text, {spec});
  ASSERT_EQ(r[0].verdict, Verdict::kFlagged);
  EXPECT_EQ(r[0].findings[0].rule, RuleId::kFactMismatch);
}

TEST_F(CheckTest, OwnersAreSoughtAsFarAsTheWidestToleranceReaches) {
  // 12.5% is 25% above the survey's 10.0%, which allows 30%.
  ASSERT_TRUE(store_
                  ->Import({MakeFact("survey-gap-2024", "Survey", "survey gap", 10.0, "%", 2024,
                                     {{"survey"}, {"gap"}}, 0.3)},
                           {})
                  .ok());
  ExpectTheSurveyGapOwns12Point5();
}

TEST_F(CheckTest, AnOwnerBeyondTheFirstValuesReadIsStillFound) {
  // One loose fact widens every search to 30%; seventy facts that share
  // "gap" lie within that reach without agreeing, and come first.
  std::vector<Fact> facts = {
      MakeFact("loose", "Loose", "loose", 1.0, "count", 2024, {{"loose"}}, 0.3),
      MakeFact("survey-gap-2024", "Survey", "survey gap", 12.5, "%", 2024,
               {{"survey"}, {"gap"}})};
  for (int i = 0; i < 70; ++i) {
    facts.push_back(MakeFact(fmt::format("a-gap-{:02}", i), "Other", "other gap",
                             10.0 + i * 0.02, "%", 2024, {{"gap"}, {"other"}}));
  }
  ASSERT_TRUE(store_->Import(facts, {}).ok());
  ExpectTheSurveyGapOwns12Point5();
}

TEST_F(CheckTest, ChecksConversionsAtTheYearsAverageRate) {
  std::string text = "It hit 500 billion yuan (about $70 billion) in 2023.";
  auto good = Check(text, {{"500 billion yuan", ClaimType::kCurrency, 500e9, "CNY", 2023,
                            Qualifier::kExact,
                            Rel(1, RelationKind::kConversion, RelationRole::kAmount)},
                           {"$70 billion", ClaimType::kCurrency, 70e9, "USD", 2023,
                            Qualifier::kAbout,
                            Rel(1, RelationKind::kConversion, RelationRole::kEquivalent)}});
  EXPECT_EQ(good[1].verdict, Verdict::kSupported);
  std::string wrong = "It hit 500 billion yuan (about $90 billion) in 2023.";
  auto bad = Check(wrong, {{"500 billion yuan", ClaimType::kCurrency, 500e9, "CNY", 2023,
                            Qualifier::kExact,
                            Rel(1, RelationKind::kConversion, RelationRole::kAmount)},
                           {"$90 billion", ClaimType::kCurrency, 90e9, "USD", 2023,
                            Qualifier::kAbout,
                            Rel(1, RelationKind::kConversion, RelationRole::kEquivalent)}});
  ASSERT_EQ(bad[1].verdict, Verdict::kFlagged);
  EXPECT_EQ(bad[1].findings[0].rule, RuleId::kCurrencyConversion);
  EXPECT_NE(bad[1].findings[0].message.find("7.0809"), std::string::npos);
  EXPECT_NEAR(bad[1].findings[0].expected->value, 70.61e9, 0.01e9);
}

TEST_F(CheckTest, FlagsTheSameQuantityGivenTwoValues) {
  auto r = Check(
      "US investment reached $109.1 billion in 2024. Later: US investment was $120 billion "
      "in 2024.",
      {{"$109.1 billion", ClaimType::kCurrency, 109.1e9, "USD", 2024},
       {"$120 billion", ClaimType::kCurrency, 120e9, "USD", 2024}});
  EXPECT_EQ(r[0].verdict, Verdict::kSupported);
  ASSERT_EQ(r[1].verdict, Verdict::kFlagged);
  bool inconsistent = false;
  for (const Finding& f : r[1].findings) {
    inconsistent |= f.rule == RuleId::kInternalInconsistency;
  }
  EXPECT_TRUE(inconsistent);
}

TEST_F(CheckTest, ChecksAStatedChangeAgainstItsEndpoints) {
  auto wrong = Check("Sales rose 20% from $100 million to $150 million.",
                     {{"20%", ClaimType::kPercent, 20, "%", std::nullopt, Qualifier::kExact,
                       Rel(1, RelationKind::kChange, RelationRole::kDelta)},
                      {"$100 million", ClaimType::kCurrency, 100e6, "USD", std::nullopt,
                       Qualifier::kExact, Rel(1, RelationKind::kChange, RelationRole::kFrom)},
                      {"$150 million", ClaimType::kCurrency, 150e6, "USD", std::nullopt,
                       Qualifier::kExact, Rel(1, RelationKind::kChange, RelationRole::kTo)}});
  ASSERT_EQ(wrong[0].verdict, Verdict::kFlagged);
  EXPECT_EQ(wrong[0].findings[0].rule, RuleId::kChangeArithmetic);
  EXPECT_NEAR(wrong[0].findings[0].expected->value, 50, 1e-9);
  auto right = Check("Sales rose 50% from $100 million to $150 million.",
                     {{"50%", ClaimType::kPercent, 50, "%", std::nullopt, Qualifier::kExact,
                       Rel(1, RelationKind::kChange, RelationRole::kDelta)},
                      {"$100 million", ClaimType::kCurrency, 100e6, "USD", std::nullopt,
                       Qualifier::kExact, Rel(1, RelationKind::kChange, RelationRole::kFrom)},
                      {"$150 million", ClaimType::kCurrency, 150e6, "USD", std::nullopt,
                       Qualifier::kExact, Rel(1, RelationKind::kChange, RelationRole::kTo)}});
  EXPECT_EQ(right[0].verdict, Verdict::kSupported);
}

TEST_F(CheckTest, ChecksMultipliersAndDirectionWords) {
  auto doubled = Check("Output doubled from 40 to 60 units.",
                       {{"doubled", ClaimType::kNumber, 2, "times", std::nullopt,
                         Qualifier::kExact, Rel(1, RelationKind::kMultiplier, RelationRole::kFactor)},
                        {"40", ClaimType::kNumber, 40, "units", std::nullopt, Qualifier::kExact,
                         Rel(1, RelationKind::kMultiplier, RelationRole::kBase)},
                        {"60", ClaimType::kNumber, 60, "units", std::nullopt, Qualifier::kExact,
                         Rel(1, RelationKind::kMultiplier, RelationRole::kResult)}});
  ASSERT_EQ(doubled[0].verdict, Verdict::kFlagged);
  EXPECT_EQ(doubled[0].findings[0].rule, RuleId::kChangeArithmetic);
  auto fell = Check("Unemployment fell from 3.1% to 3.4%.",
                    {{"3.1%", ClaimType::kPercent, 3.1, "%", std::nullopt, Qualifier::kExact,
                      Rel(1, RelationKind::kChange, RelationRole::kFrom)},
                     {"3.4%", ClaimType::kPercent, 3.4, "%", std::nullopt, Qualifier::kExact,
                      Rel(1, RelationKind::kChange, RelationRole::kTo)}});
  ASSERT_EQ(fell[1].verdict, Verdict::kFlagged);
  EXPECT_EQ(fell[1].findings[0].rule, RuleId::kChangeArithmetic);
}

TEST_F(CheckTest, FlagsImpossibleValues) {
  auto share = Check("A survey found 112% of households own a car.",
                     {{"112%", ClaimType::kPercent, 112, "%"}});
  ASSERT_EQ(share[0].verdict, Verdict::kFlagged);
  EXPECT_EQ(share[0].findings[0].rule, RuleId::kImpossibleValue);
  auto growth = Check("Revenue grew 112% of its 2020 level.",
                      {{"112%", ClaimType::kPercent, 112, "%"}});
  EXPECT_EQ(growth[0].verdict, Verdict::kUnverified);
  auto date = Check("It was signed on February 30, 2023.",
                    {{"2023", ClaimType::kYear, 2023, "year", 2023}});
  ASSERT_EQ(date[0].verdict, Verdict::kFlagged);
  EXPECT_EQ(date[0].findings[0].rule, RuleId::kImpossibleValue);
  auto leap = Check("It was signed on February 29, 2024.",
                    {{"2024", ClaimType::kYear, 2024, "year", 2024}});
  EXPECT_EQ(leap[0].verdict, Verdict::kUnverified);
}

TEST_F(CheckTest, ReadsAFallWrittenInWordsAgainstANegativeFact) {
  ASSERT_TRUE(store_
                  ->Import({MakeFact("energy-2023", "Euro area", "energy prices", -6.7, "%",
                                     2023, {{"energy"}, {"prices"}})},
                           {})
                  .ok());
  auto lower = Check("Energy prices were 6.7% lower in 2023.",
                     {{"6.7%", ClaimType::kPercent, 6.7, "%", 2023}});
  EXPECT_EQ(lower[0].verdict, Verdict::kSupported);
  auto higher = Check("Energy prices were 6.7% higher in 2023.",
                      {{"6.7%", ClaimType::kPercent, 6.7, "%", 2023}});
  EXPECT_EQ(higher[0].verdict, Verdict::kFlagged);
}

TEST_F(CheckTest, AChangeWithEndpointsIsJudgedByArithmeticNotByLevelFacts) {
  // "80%" must not be compared with the 9.3% level of the gap series.
  auto r = Check("Chinese models cut the gap 80% from 10.6% to 2.1%.",
                 {{"80%", ClaimType::kPercent, 80, "%", std::nullopt, Qualifier::kExact,
                   Rel(1, RelationKind::kChange, RelationRole::kDelta)},
                  {"10.6%", ClaimType::kPercent, 10.6, "%", std::nullopt, Qualifier::kExact,
                   Rel(1, RelationKind::kChange, RelationRole::kFrom)},
                  {"2.1%", ClaimType::kPercent, 2.1, "%", std::nullopt, Qualifier::kExact,
                   Rel(1, RelationKind::kChange, RelationRole::kTo)}});
  EXPECT_FALSE(r[0].fact);
  EXPECT_EQ(r[0].verdict, Verdict::kSupported);  // (10.6 - 2.1) / 10.6 = 80.2%
}

TEST_F(CheckTest, InconsistencyIsFlaggedOnTheFigureThatIsWrong) {
  auto r = Check(
      "US investment was $120 billion in 2024. Later: US investment reached $109.1 billion "
      "in 2024.",
      {{"$120 billion", ClaimType::kCurrency, 120e9, "USD", 2024},
       {"$109.1 billion", ClaimType::kCurrency, 109.1e9, "USD", 2024}});
  ASSERT_EQ(r[0].verdict, Verdict::kFlagged);
  EXPECT_EQ(r[1].verdict, Verdict::kSupported);
  bool inconsistent = false;
  for (const Finding& f : r[0].findings) inconsistent |= f.rule == RuleId::kInternalInconsistency;
  EXPECT_TRUE(inconsistent);
}

TEST_F(CheckTest, AChangeWithOneEndpointIsJudgedByFacts) {
  ASSERT_TRUE(store_
                  ->Import({MakeFact("inv-growth-2024", "United States",
                                     "growth of private AI investment", 62.4, "%", 2024,
                                     {{"US"}, {"investment"}, {"rose", "grew"}})},
                           {})
                  .ok());
  auto r = Check("US investment rose 30% to $109.1 billion in 2024.",
                 {{"30%", ClaimType::kPercent, 30, "%", 2024, Qualifier::kExact,
                   Rel(1, RelationKind::kChange, RelationRole::kDelta)},
                  {"$109.1 billion", ClaimType::kCurrency, 109.1e9, "USD", 2024,
                   Qualifier::kExact, Rel(1, RelationKind::kChange, RelationRole::kTo)}});
  ASSERT_TRUE(r[0].fact);
  EXPECT_EQ(r[0].fact->id, "inv-growth-2024");
  EXPECT_EQ(r[0].verdict, Verdict::kFlagged);
  EXPECT_EQ(r[1].verdict, Verdict::kSupported);
}

TEST_F(CheckTest, NothingToSayIsUnverifiedNeverFlagged) {
  auto r = Check("The city planted 4,000 trees.",
                 {{"4,000", ClaimType::kNumber, 4000, "trees"}});
  EXPECT_EQ(r[0].verdict, Verdict::kUnverified);
  EXPECT_TRUE(r[0].findings.empty());
}

}  // namespace
}  // namespace claimcheck
