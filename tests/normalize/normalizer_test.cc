#include "normalize/normalizer.h"

#include <cmath>
#include <cstdint>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace claimcheck {
namespace {

class NormalizerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = RuleSet::Load(CLAIMCHECK_SOURCE_DIR "/rules");
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    rules_ = std::move(*loaded).release();
  }
  static void TearDownTestSuite() {
    delete rules_;
    rules_ = nullptr;
  }
  static std::vector<Claim> Claims(const std::string& text) {
    Document doc;
    doc.text = doc.source = text;
    return ExtractClaims(doc, *rules_);
  }
  // The claims of a marked-up source whose text is `text`; map[i] is the
  // source offset of text byte i (one more entry for the end).
  static std::vector<Claim> MarkedUpClaims(std::string source, std::string text,
                                           std::vector<uint32_t> map) {
    Document doc;
    doc.source = std::move(source);
    doc.text = std::move(text);
    doc.source_offset = std::move(map);
    EXPECT_EQ(doc.source_offset.size(), doc.text.size() + 1);
    if (doc.source_offset.size() != doc.text.size() + 1) return {};
    return ExtractClaims(doc, *rules_);
  }
  // The claim whose text is `text`, or null.
  static const Claim* Find(const std::vector<Claim>& claims, const std::string& text) {
    for (const Claim& c : claims) {
      if (c.text == text) return &c;
    }
    return nullptr;
  }
  static std::string Dump(const std::vector<Claim>& claims) {
    std::ostringstream out;
    for (const Claim& c : claims) out << "[" << c.text << "] " << c.value << " " << c.unit << "; ";
    return out.str();
  }
  static RuleSet* rules_;
};

RuleSet* NormalizerTest::rules_ = nullptr;

bool Near(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b)); }

struct ValueCase {
  std::string text;     // the sentence
  std::string claim;    // the claim's text
  ClaimType type;
  double value;
  std::string unit;
  std::string scale_word = "";
  Qualifier qualifier = Qualifier::kExact;
};

TEST_F(NormalizerTest, NormalisesValuesAndUnits) {
  using T = ClaimType;
  using Q = Qualifier;
  const ValueCase cases[] = {
      {"grew 12.5%", "12.5%", T::kPercent, 12.5, "%"},
      {"grew 12.5 per cent", "12.5 per cent", T::kPercent, 12.5, "%"},
      {"a change of -2.1%", "-2.1%", T::kPercent, -2.1, "%"},
      {"shares were down 3% on Friday", "3%", T::kPercent, -3, "%"},
      {"profit fell by 4 percent", "4 percent", T::kPercent, -4, "%"},
      {"output posted a decline of 5% in 2023", "5%", T::kPercent, -5, "%"},
      {"imports recorded a 6% decline", "6%", T::kPercent, -6, "%"},
      {"prices were 3% lower", "3%", T::kPercent, -3, "%"},
      {"a share of 5% rose", "5%", T::kPercent, 5, "%"},
      {"profit rose 4 percent", "4 percent", T::kPercent, 4, "%"},
      {"up 2 percentage points", "2 percentage points", T::kPercent, 2, "pp"},
      {"a cut of 25 basis points", "25 basis points", T::kPercent, 0.25, "pp"},
      {"five percent", "five percent", T::kPercent, 5, "%"},
      {"twenty-two percent", "twenty-two percent", T::kPercent, 22, "%"},
      {"it raised $1.5bn", "$1.5bn", T::kCurrency, 1.5e9, "USD", "bn"},
      {"3.5 trillion dollars", "3.5 trillion dollars", T::kCurrency, 3.5e12, "USD", "trillion"},
      {"US$150 million", "US$150 million", T::kCurrency, 1.5e8, "USD", "million"},
      {"C$16.4 million", "C$16.4 million", T::kCurrency, 1.64e7, "CAD", "million"},
      {"A$2bn", "A$2bn", T::kCurrency, 2e9, "AUD", "bn"},
      {"HK$10.05 billion", "HK$10.05 billion", T::kCurrency, 1.005e10, "HKD", "billion"},
      {"R$3 billion", "R$3 billion", T::kCurrency, 3e9, "BRL", "billion"},
      {"€5bn", "€5bn", T::kCurrency, 5e9, "EUR", "bn"},
      {"£3,000", "£3,000", T::kCurrency, 3000, "GBP"},
      {"₹500 crore", "₹500 crore", T::kCurrency, 5e9, "INR", "crore"},
      {"₩1,000", "₩1,000", T::kCurrency, 1000, "KRW"},
      {"₽50", "₽50", T::kCurrency, 50, "RUB"},
      {"¥300 billion", "¥300 billion", T::kCurrency, 3e11, "JPY", "billion"},
      {"¥300 billion, the yuan budget", "¥300 billion", T::kCurrency, 3e11, "CNY", "billion"},
      {"500 billion yuan", "500 billion yuan", T::kCurrency, 5e11, "CNY", "billion"},
      {"20 billion renminbi", "20 billion renminbi", T::kCurrency, 2e10, "CNY", "billion"},
      {"RMB 20bn", "RMB 20bn", T::kCurrency, 2e10, "CNY", "bn"},
      {"5 million euros", "5 million euros", T::kCurrency, 5e6, "EUR", "million"},
      {"361 million pounds", "361 million pounds", T::kCurrency, 3.61e8, "GBP", "million"},
      {"450,000 yen", "450,000 yen", T::kCurrency, 450000, "JPY"},
      {"1,000 rupees", "1,000 rupees", T::kCurrency, 1000, "INR"},
      {"50 cents", "50 cents", T::kCurrency, 0.5, "USD"},
      {"$10k", "$10k", T::kCurrency, 1e4, "USD", "k"},
      {"five million yen", "five million yen", T::kCurrency, 5e6, "JPY", "million"},
      {"1.2 million users", "1.2 million users", T::kNumber, 1.2e6, "users", "million"},
      {"two million people", "two million people", T::kNumber, 2e6, "people", "million"},
      {"a dozen eggs", "a dozen eggs", T::kNumber, 12, "eggs"},
      {"a hundred firms", "a hundred firms", T::kNumber, 100, "firms"},
      {"two-thirds of voters", "two-thirds", T::kNumber, 2.0 / 3, "count"},
      {"nearly half of adults", "half", T::kNumber, 0.5, "count", "", Q::kNearly},
      {"a 1kg bag", "1kg", T::kNumber, 1, "kg"},
      {"a 5 MW plant", "5 MW", T::kNumber, 5, "MW"},
      {"1.2m people", "1.2m people", T::kNumber, 1.2e6, "people", "m"},
      {"3/4", "3/4", T::kNumber, 0.75, "count"},
      {"40 000 people", "40 000 people", T::kNumber, 40000, "people"},
      {"1,200 high-wage jobs", "1,200 high-wage jobs", T::kNumber, 1200, "jobs"},
      {"3 dollars 50 cents", "3 dollars 50 cents", T::kCurrency, 3.5, "USD"},
      {"per cent of 210.", "per cent of 210", T::kPercent, 210, "%"},
      {"one in five adults", "one in five", T::kPercent, 20, "%"},
      {"profits rose 5pc", "5pc", T::kPercent, 5, "%"},
      {"we counted 42", "42", T::kNumber, 42, "count"},
      {"revenue doubled", "doubled", T::kNumber, 2, "times"},
      {"costs halved", "halved", T::kNumber, 0.5, "times"},
      {"3 times larger", "3 times", T::kNumber, 3, "times"},
      {"a 10-fold rise", "10-fold", T::kNumber, 10, "times"},
      {"by 2030", "2030", T::kYear, 2030, "year"},
      // Hedges.
      {"about $70 billion", "$70 billion", T::kCurrency, 7e10, "USD", "billion", Q::kAbout},
      {"roughly 5%", "5%", T::kPercent, 5, "%", "", Q::kAbout},
      {"an estimated 300 deaths", "300 deaths", T::kNumber, 300, "deaths", "", Q::kAbout},
      {"~40%", "40%", T::kPercent, 40, "%", "", Q::kAbout},
      {"nearly 40%", "40%", T::kPercent, 40, "%", "", Q::kNearly},
      {"almost 40%", "40%", T::kPercent, 40, "%", "", Q::kNearly},
      {"just under 40%", "40%", T::kPercent, 40, "%", "", Q::kNearly},
      {"more than $100 billion", "$100 billion", T::kCurrency, 1e11, "USD", "billion", Q::kOver},
      {"at least 5 people", "5 people", T::kNumber, 5, "people", "", Q::kOver},
      {"100+ people", "100+ people", T::kNumber, 100, "people", "", Q::kOver},
      {"100+ in all", "100", T::kNumber, 100, "count", "", Q::kOver},
      {"less than 5%", "5%", T::kPercent, 5, "%", "", Q::kUnder},
      {"up to 5%", "5%", T::kPercent, 5, "%", "", Q::kUnder},
      {"fewer than 10 firms", "10 firms", T::kNumber, 10, "firms", "", Q::kUnder},
      {"nearly tripled", "tripled", T::kNumber, 3, "times", "", Q::kNearly},
  };
  for (const ValueCase& c : cases) {
    SCOPED_TRACE(c.text);
    std::vector<Claim> claims = Claims(c.text);
    const Claim* claim = Find(claims, c.claim);
    ASSERT_NE(claim, nullptr) << Dump(claims);
    EXPECT_EQ(claim->type, c.type);
    EXPECT_TRUE(Near(claim->value, c.value)) << claim->value;
    EXPECT_EQ(claim->unit, c.unit);
    EXPECT_EQ(claim->scale_word, c.scale_word);
    EXPECT_EQ(claim->qualifier, c.qualifier);
  }
}

struct YearCase {
  std::string text;
  std::string claim;
  std::optional<int> year;
};

TEST_F(NormalizerTest, TakesTheYearOfTheSentence) {
  const YearCase cases[] = {
      {"It raised $109.1 billion in 2024.", "$109.1 billion", 2024},
      {"In 2023, sales hit $5bn.", "$5bn", 2023},
      {"AI could add $15.7 trillion by 2030.", "$15.7 trillion", 2030},
      {"Sales were $5bn for 2024.", "$5bn", 2024},
      {"2023's revenue was $5bn.", "$5bn", 2023},
      {"Revenue in fiscal 2023 was $5bn.", "$5bn", 2023},
      {"Revenue was $5bn last year.", "$5bn", std::nullopt},
      {"Revenue was $5bn. In 2023 it grew.", "$5bn", std::nullopt},  // another sentence
      {"The Made in China 2025 plan costs $5bn.", "$5bn", std::nullopt},
      {"from $2bn in 2022 to $4bn in 2023", "$2bn", 2022},
      {"from $2bn in 2022 to $4bn in 2023", "$4bn", 2023},
      {"shrinking from 11.9% to 5.4% in 2024", "11.9%", std::nullopt},
      {"shrinking from 11.9% to 5.4% in 2024", "5.4%", 2024},
      {"The U.S. economy grew 2.5% in 2023.", "2.5%", 2023},
      {"Between 2019 and 2022, the share rose from 18% to 23%.", "18%", 2019},
      {"Between 2019 and 2022, the share rose from 18% to 23%.", "23%", 2022},
      // A comma between a figure and a year weighs against the year.
      {"Capacity grew 13.9% in 2023, up from 9.6% growth in 2022.", "9.6%", 2022},
      {"In fiscal 2021 the deficit had been $2.1 trillion, and in fiscal 2020 it was "
       "$3.13 trillion.", "$2.1 trillion", 2021},
      // A change's delta is of the period it ends in, not its `from` side's.
      {"It processed 117.6 billion in 2023, up almost 60% from 74 billion in 2022.", "60%",
       2023},
      {"The rate fell 6% from 798.8 to 750.5 deaths per 100,000 people between 2022 and 2023.",
       "750.5 deaths", 2023},
      {"The rate fell from 5% to 3% between 2022 and 2023.", "5%", 2022},
      {"The rate fell from 5% to 3% between 2022 and 2023.", "3%", 2023},
      {"The share rose from 18% to 23%, from 2019 to 2022.", "18%", 2019},
      {"The share rose from 18% to 23%, from 2019 to 2022.", "23%", 2022},
      // A pair further on belongs to another clause.
      {"It rose from $1bn to $2bn in 2023, and from 2020 to 2021 it fell.", "$1bn",
       std::nullopt},
      {"It rose from $1bn to $2bn in 2023, and from 2020 to 2021 it fell.", "$2bn", 2023},
      {"Turnout was 66.8%, the highest since 1900.", "66.8%", std::nullopt},
      // An index's base year is no year of its figures.
      {"Consumer prices rose to 118.4 (2015=100) in 2023.", "118.4", 2023},
      {"The index stood at 104.2 (2010 = 100).", "104.2", std::nullopt},
  };
  for (const YearCase& c : cases) {
    SCOPED_TRACE(c.text + " / " + c.claim);
    std::vector<Claim> claims = Claims(c.text);
    const Claim* claim = Find(claims, c.claim);
    ASSERT_NE(claim, nullptr) << Dump(claims);
    EXPECT_EQ(claim->year, c.year);
  }
}

TEST_F(NormalizerTest, ColumnsCountBytesAndUtf16Units) {
  // "é" is 2 bytes and 1 unit, "€" 3 bytes and 1 unit, "😀" 4 bytes and 2.
  std::vector<Claim> claims = Claims("Caf\u00e9 \u20ac \U0001F600 grew 12%.");
  const Claim* claim = Find(claims, "12%");
  ASSERT_NE(claim, nullptr) << Dump(claims);
  EXPECT_EQ(claim->column, 21u);
  EXPECT_EQ(claim->column_utf16, 16u);
}

TEST_F(NormalizerTest, RangesShareUnitAndScale) {
  {
    std::vector<Claim> claims = Claims("growth of 2-3%");
    ASSERT_EQ(claims.size(), 2u) << Dump(claims);
    EXPECT_EQ(claims[0].type, ClaimType::kPercent);
    EXPECT_EQ(claims[0].unit, "%");
    EXPECT_TRUE(Near(claims[0].value, 2));
    EXPECT_EQ(claims[0].relation->role, RelationRole::kLow);
    EXPECT_EQ(claims[1].relation->role, RelationRole::kHigh);
  }
  {
    std::vector<Claim> claims = Claims("a $1-2 billion deal");
    ASSERT_EQ(claims.size(), 2u) << Dump(claims);
    for (const Claim& c : claims) {
      EXPECT_EQ(c.type, ClaimType::kCurrency);
      EXPECT_EQ(c.unit, "USD");
    }
    EXPECT_TRUE(Near(claims[0].value, 1e9));
    EXPECT_TRUE(Near(claims[1].value, 2e9));
  }
}

TEST_F(NormalizerTest, MapsOffsetsThroughTheSourceMap) {
  // text "5% rise" came from source "<b>5%</b> rise".
  std::vector<Claim> claims =
      MarkedUpClaims("<b>5%</b> rise\nand <i>$3bn</i>", "5% rise\nand $3bn",
                     {3, 4, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 22, 23, 24, 25, 30});
  ASSERT_EQ(claims.size(), 2u);
  EXPECT_EQ(claims[0].text, "5%");
  EXPECT_EQ(claims[0].source.start, 3u);
  EXPECT_EQ(claims[0].source.end, 5u);
  EXPECT_EQ(claims[0].in_text.start, 0u);
  EXPECT_EQ(claims[0].line, 1u);
  EXPECT_EQ(claims[0].column, 4u);
  EXPECT_EQ(claims[1].text, "$3bn");
  EXPECT_EQ(claims[1].source.start, 22u);
  EXPECT_EQ(claims[1].line, 2u);
  EXPECT_EQ(claims[1].column, 8u);
}

TEST_F(NormalizerTest, AClaimReadsAsTheTextWithoutTheMarkupInsideIt) {
  // text "$5 billion, 12%" came from "<b>$5</b>&nbsp;billion, <i>12</i>%".
  std::vector<Claim> claims =
      MarkedUpClaims("<b>$5</b>&nbsp;billion, <i>12</i>%", "$5\u00a0billion, 12%",
                     {3, 4, 9, 9, 15, 16, 17, 18, 19, 20, 21, 22, 23, 27, 28, 33, 34});
  ASSERT_EQ(claims.size(), 2u);
  EXPECT_EQ(claims[0].text, "$5\u00a0billion");
  EXPECT_EQ(claims[0].source.start, 3u);
  EXPECT_EQ(claims[0].source.end, 22u);
  EXPECT_EQ(claims[1].text, "12%");
  EXPECT_EQ(claims[1].source.start, 27u);
  EXPECT_EQ(claims[1].source.end, 34u);
}

TEST_F(NormalizerTest, GivesLineColumnAndSentence) {
  const std::string text = "First line.\nPrices rose 5% in May. Then 7% in June.";
  std::vector<Claim> claims = Claims(text);
  const Claim* seven = Find(claims, "7%");
  ASSERT_NE(seven, nullptr);
  EXPECT_EQ(seven->line, 2u);
  EXPECT_EQ(seven->column, text.find("7%") - text.find('\n'));
  EXPECT_EQ(text.substr(seven->sentence.start, seven->sentence.end - seven->sentence.start),
            "Then 7% in June.");
  const Claim* five = Find(claims, "5%");
  ASSERT_NE(five, nullptr);
  EXPECT_EQ(text.substr(five->sentence.start, five->sentence.end - five->sentence.start),
            "Prices rose 5% in May.");
}

TEST_F(NormalizerTest, RelationIdsAreUniqueInTextOrder) {
  std::vector<Claim> claims =
      Claims("From 2% to 3%. Between $1bn and $2bn. Sales doubled. 500 billion yuan ($70bn).");
  std::vector<int> ids;
  for (const Claim& c : claims) {
    if (c.relation) ids.push_back(c.relation->id);
  }
  EXPECT_EQ(ids, (std::vector<int>{1, 1, 2, 2, 3, 4, 4}));
}

// The first customer: every claim listed in ../shared/seed/README.md.
TEST_F(NormalizerTest, ReadsTheSeedArticle) {
  std::ifstream in(CLAIMCHECK_SHARED_DIR "/seed/ai-race-article.txt");
  if (!in) GTEST_SKIP() << "no seed article in " CLAIMCHECK_SHARED_DIR;
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::vector<Claim> claims = Claims(buffer.str());
  SCOPED_TRACE(Dump(claims));

  auto all = [&](const std::string& text) {
    std::vector<const Claim*> out;
    for (const Claim& c : claims) {
      if (c.text == text) out.push_back(&c);
    }
    return out;
  };
  ASSERT_EQ(all("110%").size(), 2u);
  ASSERT_EQ(all("11.9%").size(), 2u);
  ASSERT_EQ(all("5.4%").size(), 2u);
  // Line 1: a change without a year.
  const Claim& from1 = *all("11.9%")[0];
  const Claim& to1 = *all("5.4%")[0];
  ASSERT_TRUE(from1.relation && to1.relation);
  EXPECT_EQ(from1.relation->kind, RelationKind::kChange);
  EXPECT_EQ(from1.relation->role, RelationRole::kFrom);
  EXPECT_EQ(to1.relation->role, RelationRole::kTo);
  EXPECT_EQ(from1.relation->id, to1.relation->id);
  EXPECT_EQ(from1.line, 1u);

  const Claim* yuan = Find(claims, "500 billion yuan");
  const Claim* dollars = Find(claims, "$70 billion");
  ASSERT_TRUE(yuan && dollars);
  EXPECT_TRUE(Near(yuan->value, 5e11));
  EXPECT_EQ(yuan->unit, "CNY");
  EXPECT_EQ(yuan->year, 2023);
  EXPECT_TRUE(Near(dollars->value, 7e10));
  EXPECT_EQ(dollars->unit, "USD");
  EXPECT_EQ(dollars->qualifier, Qualifier::kAbout);
  EXPECT_EQ(dollars->year, 2023);
  ASSERT_TRUE(yuan->relation && dollars->relation);
  EXPECT_EQ(yuan->relation->kind, RelationKind::kConversion);
  EXPECT_EQ(yuan->relation->role, RelationRole::kAmount);
  EXPECT_EQ(dollars->relation->role, RelationRole::kEquivalent);
  EXPECT_EQ(yuan->relation->id, dollars->relation->id);
  EXPECT_EQ(yuan->line, 6u);

  EXPECT_EQ(all("110%")[1]->year, 2023);  // "growing 110% year-on-year"

  const Claim* us = Find(claims, "$109.1 billion");
  const Claim* cn = Find(claims, "$9.3 billion");
  ASSERT_TRUE(us && cn);
  EXPECT_TRUE(Near(us->value, 1.091e11));
  EXPECT_EQ(us->year, 2024);
  EXPECT_EQ(cn->year, 2024);
  EXPECT_FALSE(us->relation.has_value());
  EXPECT_FALSE(cn->relation.has_value());

  const Claim* world = Find(claims, "15.7 trillion dollars");
  ASSERT_NE(world, nullptr);
  EXPECT_TRUE(Near(world->value, 1.57e13));
  EXPECT_EQ(world->unit, "USD");
  EXPECT_EQ(world->year, 2030);

  const Claim& from2 = *all("11.9%")[1];
  const Claim& to2 = *all("5.4%")[1];
  ASSERT_TRUE(from2.relation && to2.relation);
  EXPECT_EQ(from2.relation->role, RelationRole::kFrom);
  EXPECT_EQ(to2.relation->role, RelationRole::kTo);
  EXPECT_FALSE(from2.year.has_value());
  EXPECT_EQ(to2.year, 2024);
  EXPECT_NE(from2.relation->id, from1.relation->id);

  std::vector<int> years;
  for (const Claim& c : claims) {
    if (c.type == ClaimType::kYear) years.push_back(static_cast<int>(c.value));
    // Nothing from "Made in China 2025" or DeepSeek's "R1".
    EXPECT_NE(c.value, 2025);
    EXPECT_NE(c.value, 1);
  }
  EXPECT_EQ(years, (std::vector<int>{2023, 2024, 2030, 2024}));
  EXPECT_EQ(claims.size(), 15u);
}

TEST_F(NormalizerTest, EmptyDocumentHasNoClaims) {
  Document doc;
  EXPECT_TRUE(ExtractClaims(doc, *rules_).empty());
}

}  // namespace
}  // namespace claimcheck
