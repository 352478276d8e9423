#include "extract/extractor.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "temp_rules.h"

namespace claimcheck {
namespace {

class ExtractorTest : public ::testing::Test {
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

  // The claim texts found in `text`, in order.
  static std::vector<std::string> Texts(const std::string& text) {
    Document doc;
    doc.text = doc.source = text;
    std::vector<std::string> out;
    for (const RawClaim& c : Extractor(*rules_).Extract(doc)) {
      out.push_back(text.substr(c.span.start, c.span.end - c.span.start));
    }
    return out;
  }
  static std::vector<RawClaim> Raw(const std::string& text) {
    Document doc;
    doc.text = doc.source = text;
    return Extractor(*rules_).Extract(doc);
  }

  static RuleSet* rules_;
};

RuleSet* ExtractorTest::rules_ = nullptr;

struct SpanCase {
  std::string text;
  std::vector<std::string> claims;
};

TEST_F(ExtractorTest, FindsEachFamily) {
  const SpanCase cases[] = {
      {"Sales grew 12.5% last year.", {"12.5%"}},
      {"It fell 12.5 per cent.", {"12.5 per cent"}},
      {"a rise of 2 percentage points", {"2 percentage points"}},
      {"a cut of 25 basis points", {"25 basis points"}},
      {"They raised $1.5bn in May.", {"$1.5bn"}},
      {"worth 3.5 trillion dollars", {"3.5 trillion dollars"}},
      {"USD 3bn and 500 billion yuan", {"USD 3bn", "500 billion yuan"}},
      {"€5bn, £3 billion and ¥20,000", {"€5bn", "£3 billion", "¥20,000"}},
      {"1.2 million users signed up", {"1.2 million users"}},
      {"by 2030, the plan says", {"2030"}},
      {"revenue doubled", {"doubled"}},
      {"three times larger", {"three times"}},
      {"a 5-fold increase", {"5-fold"}},
      {"twenty percent of adults", {"twenty percent"}},
      // No-break spaces (U+00A0, U+202F) inside figures.
      {"12\xC2\xA0%", {"12\xC2\xA0%"}},
      {"1\xE2\x80\xAF" "000\xE2\x80\xAF" "000 people", {"1\xE2\x80\xAF" "000\xE2\x80\xAF" "000 people"}},
      {"about 100 euros", {"100 euros"}},
  };
  for (const SpanCase& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(Texts(c.text), c.claims);
  }
}

TEST_F(ExtractorTest, SkipsWhatIsNotAClaim) {
  const SpanCase cases[] = {
      {"The meeting starts at 9:30.", {}},
      {"Doors open at 10 a.m. sharp", {}},
      {"Update to iOS 17.2 now", {}},
      {"the v2.3 release", {}},
      {"GPT-4 and COVID-19 and Boeing 737 jets", {}},
      {"DeepSeek's R1 model", {}},
      {"the Made in China 2025 strategy", {}},
      {"Windows 11 ships", {}},
      {"Call (555) 123-4567 today", {}},
      {"She lives at 10 Downing Street.", {}},
      {"the 3rd quarter and the 10th-ranked model", {}},
      {"ranked No. 1 in sales", {}},
      {"as reported [3]", {}},
      {"1. First item\n2) Second item", {}},
      {"the 10-year yield and a 45-year-old man", {}},
      {"in the first half of the year", {}},
      {"one of them said one thing", {}},
      {"5G networks and 3D printers", {}},
      {"Tencent and Alibaba", {}},
      {"ISBN 978-3-16-148410-0", {}},
      {"on May 5, 2023", {"2023"}},
      {"on 2023-05-01", {"2023-05-01"}},
      {"one of them, three", {}},
  };
  for (const SpanCase& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(Texts(c.text), c.claims);
  }
}

TEST_F(ExtractorTest, TellsCountsFromYears) {
  const SpanCase cases[] = {
      {"2,024 people attended", {"2,024 people"}},
      {"The firm has 2024 employees", {"2024 employees"}},
      {"the 2024 elections", {"2024"}},
      {"in 2023 revenue rose", {"2023"}},
      {"2023's results", {"2023"}},
      {"in fiscal 2024", {"2024"}},
  };
  for (const SpanCase& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(Texts(c.text), c.claims);
  }
}

TEST_F(ExtractorTest, KeepsThePiecesOfAClaim) {
  const std::string text = "about US$1.5 billion";
  std::vector<RawClaim> raw = Raw(text);
  ASSERT_EQ(raw.size(), 1u);
  auto piece = [&](Span s) { return text.substr(s.start, s.end - s.start); };
  EXPECT_EQ(raw[0].kind, RuleKind::kCurrency);
  EXPECT_EQ(piece(raw[0].span), "US$1.5 billion");
  EXPECT_EQ(piece(raw[0].currency), "US$");
  EXPECT_EQ(piece(raw[0].number), "1.5");
  EXPECT_EQ(piece(raw[0].scale), "billion");
}

struct RelationCase {
  std::string text;
  RelationKind kind;
  std::vector<RelationRole> roles;  // of the related claims, in order
};

TEST_F(ExtractorTest, RelatesNeighbours) {
  using K = RelationKind;
  using R = RelationRole;
  const RelationCase cases[] = {
      {"between 2% and 3%", K::kRange, {R::kLow, R::kHigh}},
      {"2-3%", K::kRange, {R::kLow, R::kHigh}},
      {"$1bn-$2bn", K::kRange, {R::kLow, R::kHigh}},
      {"2\xE2\x80\x93" "3 million", K::kRange, {R::kLow, R::kHigh}},
      {"from 11.9% to 5.4%", K::kChange, {R::kFrom, R::kTo}},
      {"fell to 5.4% from 11.9%", K::kChange, {R::kTo, R::kFrom}},
      {"rose 20% from $100m to $120m", K::kChange, {R::kDelta, R::kFrom, R::kTo}},
      {"up 20% to $120m", K::kChange, {R::kDelta, R::kTo}},
      {"raised rates by 25 basis points to 5.25%", K::kChange, {R::kDelta, R::kTo}},
      {"fell to 2.9% in October from 4.3% in September", K::kChange, {R::kTo, R::kFrom}},
      {"300 workers, up from 250 last year", K::kChange, {R::kTo, R::kFrom}},
      {"increased by $5bn to $20bn", K::kChange, {R::kDelta, R::kTo}},
      {"from $2bn in 2022 to $4bn in 2023", K::kChange, {R::kFrom, R::kTo}},
      {"500 billion yuan (about $70 billion)", K::kConversion, {R::kAmount, R::kEquivalent}},
      {"€5bn ($5.4bn)", K::kConversion, {R::kAmount, R::kEquivalent}},
      {"£3 billion, or $3.8 billion,", K::kConversion, {R::kAmount, R::kEquivalent}},
      {"doubled from $2bn to $4bn", K::kMultiplier, {R::kFactor, R::kBase, R::kResult}},
      {"tripled to 300 from 100", K::kMultiplier, {R::kFactor, R::kResult, R::kBase}},
      {"sales halved", K::kMultiplier, {R::kFactor}},
  };
  for (const RelationCase& c : cases) {
    SCOPED_TRACE(c.text);
    std::vector<RelationRole> roles;
    for (const RawClaim& r : Raw(c.text)) {
      if (r.relation_group == 0) continue;
      EXPECT_EQ(r.relation_group, 1);
      EXPECT_EQ(r.relation_kind, c.kind);
      roles.push_back(r.relation_role);
    }
    EXPECT_EQ(roles, c.roles);
  }
}

TEST_F(ExtractorTest, DoesNotRelateWhatIsNotARelation) {
  const std::string cases[] = {
      "$109.1 billion in 2024 (compared to China’s $9.3 billion)",
      "$5bn ($6bn)",            // a conversion needs two currencies
      "5% of 300 people",       // no relation words between them
      "from 2022 to 2023",      // years are never endpoints
      "25 basis points to 5%",  // points and percentages are no range
  };
  for (const std::string& text : cases) {
    SCOPED_TRACE(text);
    for (const RawClaim& r : Raw(text)) EXPECT_EQ(r.relation_group, 0);
  }
}

TEST_F(ExtractorTest, NumbersRelationsInTextOrder) {
  std::vector<RawClaim> raw = Raw("between 2% and 3%, then from $1bn to $2bn, and sales doubled.");
  std::vector<int> groups;
  for (const RawClaim& r : raw) groups.push_back(r.relation_group);
  EXPECT_EQ(groups, (std::vector<int>{1, 1, 2, 2, 3}));
}

TEST_F(ExtractorTest, LongLineFindsEveryClaim) {
  // 2 MB without a newline, figures everywhere: every claim is found and
  // none is merged across the run-on line. Speed on long lines is measured
  // by bench/ (scripts/bench), not by a timed test.
  std::string chunk = "Revenue rose 12.5% to $1.5bn in 2023, about 300 people (GPT-4) at 9:30. ";
  std::string text;
  while (text.size() < (2u << 20)) text += chunk;
  std::vector<RawClaim> raw = Raw(text);
  EXPECT_EQ(raw.size(), 4 * (text.size() / chunk.size()));
}

TEST_F(ExtractorTest, EmptyTextHasNoClaims) { EXPECT_TRUE(Raw("").empty()); }

TEST_F(ExtractorTest, ServesManyThreadsAtOnce) {
  std::string text;
  for (int i = 0; i < 200; ++i) {
    text += "Sales rose 12.5% to $1.5bn in 2023, from about 500 billion yuan (about $70 billion). ";
  }
  Document doc;
  doc.text = doc.source = text;
  const Extractor extractor(*rules_);
  const std::vector<RawClaim> expected = extractor.Extract(doc);
  std::vector<std::vector<RawClaim>> results(4);
  std::vector<std::thread> threads;
  for (auto& result : results) {
    threads.emplace_back([&extractor, &doc, &result] { result = extractor.Extract(doc); });
  }
  for (auto& t : threads) t.join();
  for (const auto& result : results) {
    ASSERT_EQ(result.size(), expected.size());
    for (size_t i = 0; i < result.size(); ++i) {
      EXPECT_EQ(result[i].span.start, expected[i].span.start);
      EXPECT_EQ(result[i].span.end, expected[i].span.end);
      EXPECT_EQ(result[i].relation_group, expected[i].relation_group);
    }
  }
}

// Every field of two raw claims, for comparing whole extractions.
std::string Describe(const RawClaim& c) {
  std::string out;
  for (const Span* s : {&c.span, &c.number, &c.sign, &c.scale, &c.currency, &c.unit, &c.noun,
                        &c.multiplier, &c.minor, &c.denominator}) {
    out += std::to_string(s->start) + "-" + std::to_string(s->end) + " ";
  }
  out += std::to_string(static_cast<int>(c.kind)) + " " + std::to_string(c.rule) + " " +
         std::to_string(c.relation_rule) + " " + std::to_string(c.relation_group) + " " +
         std::to_string(static_cast<int>(c.relation_kind)) + " " +
         std::to_string(static_cast<int>(c.relation_role));
  return out;
}

std::vector<std::string> DescribeAll(const std::vector<RawClaim>& claims) {
  std::vector<std::string> out;
  for (const RawClaim& c : claims) out.push_back(Describe(c));
  return out;
}

// A thread keeps what reading each match gave, by the bytes around it: a
// document read after many others (most of its matches kept) gives the
// same claims as in a thread of its own, where none are.
TEST_F(ExtractorTest, KeptReadingsGiveTheSameClaims) {
  std::vector<Document> docs;
  for (const auto& entry : std::filesystem::directory_iterator(CLAIMCHECK_SOURCE_DIR "/corpus")) {
    std::ifstream in(entry.path());
    Document doc;
    doc.text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    doc.source = doc.text;
    docs.push_back(std::move(doc));
  }
  ASSERT_FALSE(docs.empty());
  // Each document twice: the second time every match of it is kept.
  const size_t count = docs.size();
  for (size_t i = 0; i < count; ++i) docs.push_back(docs[i]);
  const Extractor extractor(*rules_);
  std::vector<std::vector<std::string>> warm;
  for (const Document& doc : docs) warm.push_back(DescribeAll(extractor.Extract(doc)));
  for (size_t i = 0; i < docs.size(); ++i) {
    std::vector<std::string> cold;
    std::thread([&] { cold = DescribeAll(extractor.Extract(docs[i])); }).join();
    EXPECT_EQ(warm[i], cold) << "document " << i;
  }
}

// A thread keeps a bounded number of readings and starts afresh when it
// holds them all. A document of far more distinct figures than that,
// whose last sentences come again at its end (read from what was kept
// after the cache was emptied and refilled), gives for those the claims
// the same sentences give in a thread of their own.
TEST_F(ExtractorTest, ReadingsKeptAfterTheCacheFilledUpGiveTheSameClaims) {
  auto sentence = [](int i) {
    return "Sales rose " + std::to_string(i * 7 + 3) + "% to $" + std::to_string(i) +
           " billion. ";
  };
  Document whole, tail;
  for (int i = 0; i < 20000; ++i) whole.text += sentence(i);
  const size_t tail_start = whole.text.size();
  for (int i = 19000; i < 20000; ++i) tail.text += sentence(i);
  whole.text += tail.text;
  whole.source = whole.text;
  tail.source = tail.text;
  // Every field but the relation group's number, which counts from the
  // start of the document; spans from `from`.
  auto describe_after = [](const std::vector<RawClaim>& claims, size_t from) {
    std::vector<std::string> out;
    for (RawClaim c : claims) {
      if (c.span.start < from) continue;
      for (Span* s : {&c.span, &c.number, &c.sign, &c.scale, &c.currency, &c.unit, &c.noun,
                      &c.multiplier, &c.minor, &c.denominator}) {
        if (s->end > s->start) *s = {s->start - from, s->end - from};
      }
      c.relation_group = c.relation_group != 0;
      out.push_back(Describe(c));
    }
    return out;
  };
  const Extractor extractor(*rules_);
  std::vector<std::string> repeated, alone;
  std::thread([&] { repeated = describe_after(extractor.Extract(whole), tail_start); }).join();
  std::thread([&] { alone = describe_after(extractor.Extract(tail), 0); }).join();
  EXPECT_EQ(alone.size(), 2000u);
  EXPECT_EQ(repeated, alone);
}

// Overlaps are settled the same whether or not a match inside another
// family's claim is read at once (the extractor sets such matches aside
// while a claim that beats them is kept).
class SetAsideTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rules_.Write("currency.json", R"json({"description": "t", "rules": [
        {"name": "q_amount", "kind": "currency", "pattern": "(?P<currency>Q)(?P<number>\\d+)"}]})json");
  }
  void WriteNumberRule(int priority) {
    rules_.Write("number.json", R"json({"description": "t", "rules": [
        {"name": "digits", "kind": "number", "priority": )json" + std::to_string(priority) +
                                    R"json(, "pattern": "(?P<number>\\d+)"}]})json");
  }
  std::vector<std::pair<std::string, RuleKind>> Claims(const std::string& text) {
    auto loaded = RuleSet::Load(rules_.dir());
    EXPECT_TRUE(loaded.ok()) << loaded.status().message();
    if (!loaded.ok()) return {};
    Document doc;
    doc.text = doc.source = text;
    std::vector<std::pair<std::string, RuleKind>> out;
    for (const RawClaim& c : Extractor(**loaded).Extract(doc)) {
      out.emplace_back(text.substr(c.span.start, c.span.end - c.span.start), c.kind);
    }
    return out;
  }
  TempRules rules_;
};

TEST_F(SetAsideTest, ANumberInsideAKeptClaimIsNoClaim) {
  WriteNumberRule(0);
  using P = std::pair<std::string, RuleKind>;
  EXPECT_EQ(Claims("xQ12 and Q34"),
            (std::vector<P>{{"Q12", RuleKind::kCurrency}, {"Q34", RuleKind::kCurrency}}));
}

TEST_F(SetAsideTest, ANumberIsReadWhenTheClaimHoldingItLoses) {
  WriteNumberRule(0);
  // "xQ" outranks "Q12" (priority 1), so "12" is free to be a claim; "34"
  // stays inside the kept "Q34".
  rules_.Write("year.json", R"json({"description": "t", "rules": [
      {"name": "x_mark", "kind": "year", "priority": 1, "pattern": "(?P<claim>x(?P<number>Q))"}]})json");
  using P = std::pair<std::string, RuleKind>;
  EXPECT_EQ(Claims("xQ12 and Q34"), (std::vector<P>{{"xQ", RuleKind::kYear},
                                                   {"12", RuleKind::kNumber},
                                                   {"Q34", RuleKind::kCurrency}}));
}

TEST_F(SetAsideTest, ANumberRuleOfHigherPriorityIsNotSetAside) {
  WriteNumberRule(1);
  using P = std::pair<std::string, RuleKind>;
  EXPECT_EQ(Claims("xQ12 and Q34"),
            (std::vector<P>{{"12", RuleKind::kNumber}, {"34", RuleKind::kNumber}}));
}

TEST_F(SetAsideTest, ReadingsKeptForOneRuleSetAreNotUsedForAnother) {
  WriteNumberRule(0);
  using P = std::pair<std::string, RuleKind>;
  EXPECT_EQ(Claims("Q12 and Q34"),
            (std::vector<P>{{"Q12", RuleKind::kCurrency}, {"Q34", RuleKind::kCurrency}}));
  // The same bytes, read by a rule whose groups lie elsewhere: a reading
  // kept from the rule set before would make "Q" the claim.
  rules_.Write("currency.json", R"json({"description": "t", "rules": [
      {"name": "q_amount", "kind": "currency", "pattern": "(?P<claim>(?P<currency>Q)(?P<number>\\d))\\d"}]})json");
  EXPECT_EQ(Claims("Q12 and Q34"),
            (std::vector<P>{{"Q1", RuleKind::kCurrency}, {"Q3", RuleKind::kCurrency}}));
}

}  // namespace
}  // namespace claimcheck
