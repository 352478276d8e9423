// The behaviour every FactStore shares, as a value-parameterised suite.
// memory_fact_store_test.cc and sqlite_fact_store_test.cc instantiate it
// with a factory for their store, so the test twin cannot drift from the
// real thing.
#ifndef CLAIMCHECK_TESTS_FACTS_FACT_STORE_CONTRACT_H_
#define CLAIMCHECK_TESTS_FACTS_FACT_STORE_CONTRACT_H_

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "fact_test_util.h"
#include "facts/fact_store.h"

namespace claimcheck {

// Makes an empty store; `dir` is a fresh directory it may create files in.
using StoreFactory =
    std::function<std::unique_ptr<FactStore>(const std::filesystem::path&)>;

struct StoreKind {
  std::string name;
  StoreFactory make;
};

inline std::string StoreKindName(
    const testing::TestParamInfo<StoreKind>& info) {
  return info.param.name;
}

class FactStoreContractTest : public testing::TestWithParam<StoreKind> {
 protected:
  void SetUp() override { store_ = GetParam().make(dir_.path()); }

  // Facts about investment in three countries plus a timeless one.
  void ImportSample() {
    Fact us =
        MakeFact("us-investment-2024", 109.1e9, "USD",
                 {{"US", "U.S.", "United States"}, {"investment", "invested"}});
    us.year = 2024;
    us.tolerance = 0.01;
    Fact cn = MakeFact("cn-investment-2024", 9.3e9, "USD",
                       {{"China", "Chinese"}, {"investment", "invested"}});
    cn.year = 2024;
    Fact uk = MakeFact("uk-investment-2024", 4.5e9, "USD",
                       {{"UK", "Britain"}, {"investment"}});
    uk.year = 2024;
    Fact share = MakeFact("cn-share-2023", 13.9, "%",
                          {{"China"}, {"core"}, {"industry", "sector"}});
    ASSERT_TRUE(
        store_
            ->Import({us, cn, uk, share}, {MakeRate("CNY", 2023, 7.0809),
                                           MakeRate("EUR", 2023, 0.924471),
                                           MakeRate("CNY", 2022, 6.729)})
            .ok());
  }

  TempDir dir_;
  std::unique_ptr<FactStore> store_;
};

TEST_P(FactStoreContractTest, EmptyStoreFindsNothing) {
  ASSERT_NE(store_, nullptr);
  EXPECT_THAT(Filed(*FiledUnder(*store_, {"china", "investment"})),
              testing::IsEmpty());
  EXPECT_THAT(ValueIds(*store_, *store_->FindValues("USD", 0, 1e15, {"china"}, std::nullopt)), testing::IsEmpty());
  EXPECT_FALSE(store_->FindRate("CNY", 2023)->has_value());
  EXPECT_THAT(Ids(*store_->ListFacts("")), testing::IsEmpty());
  EXPECT_TRUE(store_->ListRates()->empty());
  EXPECT_TRUE(store_->Validate()->empty());
}

// In the sample, "investment" starts 3 keywords and "invested" 2; each
// country's name 1 or 2 ("China" is also in cn-share-2023): every
// investment fact is filed under its country, the share under "core".
TEST_P(FactStoreContractTest, FindFiledFilesUnderTheRarestGroup) {
  ImportSample();
  struct Case {
    std::vector<std::string> tokens;
    std::vector<std::string> filed;
  };
  const Case cases[] = {
      {{}, {}},
      {{"investment", "invested"}, {}},
      {{"china"}, {"china:cn-investment-2024"}},
      // Tokens are folded like WordTokens does; repeats count once.
      {{"CHINA", "China"}, {"china:cn-investment-2024"}},
      {{"chinese", "china"}, {"china:cn-investment-2024", "chinese:cn-investment-2024"}},
      // "U.S." is filed under its first token, "United States" too.
      {{"united", "states", "u", "s"}, {"u:us-investment-2024", "united:us-investment-2024"}},
      {{"core"}, {"core:cn-share-2023"}},
      {{"industry", "sector", "the"}, {}},
      {{"uk", "britain", "us"},
       {"britain:uk-investment-2024", "uk:uk-investment-2024", "us:us-investment-2024"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::PrintToString(c.tokens));
    Result<std::vector<FiledFact>> found = FiledUnder(*store_, c.tokens);
    ASSERT_TRUE(found.ok()) << found.status().ToString();
    EXPECT_EQ(Filed(*found), c.filed);
  }
}

// acme-revenue is filed under its name with each word of its metric; the
// profit fact under "profit" (rarer than "acme") with "acme"; a fact of one
// group with no second word.
TEST_P(FactStoreContractTest, FactsAreFiledUnderTheirTwoRarestGroups) {
  ASSERT_TRUE(store_
                  ->Import({MakeFact("acme-revenue", 1, "USD", {{"Acme"}, {"revenue", "sales"}}),
                            MakeFact("acme-profit", 1, "USD", {{"Acme"}, {"profit"}}),
                            MakeFact("beta-revenue", 1, "USD", {{"Beta"}, {"revenue"}}),
                            MakeFact("gamma-revenue", 1, "USD", {{"Gamma"}, {"Revenue"}}),
                            MakeFact("solo", 1, "count", {{"solo"}})},
                           {})
                  .ok());
  EXPECT_EQ(Keys(*store_->FindFilingKeys({"ACME", "profit", "solo", "revenue", "acme"})),
            (std::vector<std::string>{"acme/revenue", "acme/sales", "profit/acme", "solo/"}));
  EXPECT_EQ(Filed(*store_->FindFiled({{"acme", "sales"}})),
            std::vector<std::string>{"acme:acme-revenue"});
  EXPECT_EQ(Filed(*store_->FindFiled({{"profit", "acme"}, {"solo", ""}, {"profit", "acme"}})),
            (std::vector<std::string>{"profit:acme-profit", "solo:solo"}));
  // Keys are compared as given, and a key of two filed words that no fact
  // joins holds nothing.
  EXPECT_THAT(Filed(*store_->FindFiled({{"ACME", "sales"}, {"acme", "profit"}, {"solo", "x"}})),
              testing::IsEmpty());
}

TEST_P(FactStoreContractTest, FilingBreaksTiesByTheFirstWordThenFollowsImports) {
  ImportSample();
  // Two groups of one keyword each, both unique: the first word decides.
  ASSERT_TRUE(store_->Import({MakeFact("tie", 1, "count", {{"zeta"}, {"alpha"}})}, {}).ok());
  EXPECT_EQ(Filed(*FiledUnder(*store_, {"alpha", "zeta"})), std::vector<std::string>{"alpha:tie"});
  // Once "core" is common, cn-share-2023 moves to a rarer group: {China}
  // and {industry, sector} both count 2, and "china" sorts first.
  std::vector<Fact> cores;
  for (std::string n : {"1", "2", "3"}) {
    cores.push_back(MakeFact("core-" + n, 1, "count", {{"core"}, {"unique" + n}}));
  }
  ASSERT_TRUE(store_->Import(cores, {}).ok());
  EXPECT_EQ(Filed(*FiledUnder(*store_, {"core"})), std::vector<std::string>{});
  EXPECT_EQ(Filed(*FiledUnder(*store_, {"china"})),
            (std::vector<std::string>{"china:cn-investment-2024", "china:cn-share-2023"}));
  EXPECT_EQ(Filed(*FiledUnder(*store_, {"unique1", "unique2"})),
            (std::vector<std::string>{"unique1:core-1", "unique2:core-2"}));
}

TEST_P(FactStoreContractTest, FindFiledTakesAnyBytesAsTokens) {
  ImportSample();
  Result<std::vector<FiledFact>> found = FiledUnder(*store_, 
      {"\"", "\\", "\"]", "\n\t", std::string("a\0b", 3), "\xff\xfe", "china",
       "investment", "'); DROP TABLE keywords; --"});
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(Filed(*found), std::vector<std::string>{"china:cn-investment-2024"});
}

TEST_P(FactStoreContractTest, FindFiledReturnsWholeFacts) {
  ImportSample();
  Result<std::vector<FiledFact>> found = FiledUnder(*store_, {"us"});
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  const Fact& fact = found->front().fact;
  EXPECT_EQ(fact.value, 109.1e9);
  EXPECT_EQ(fact.year, 2024);
  EXPECT_EQ(fact.tolerance, 0.01);
  EXPECT_EQ(fact.keywords,
            (std::vector<std::vector<std::string>>{
                {"US", "U.S.", "United States"}, {"investment", "invested"}}));
}

TEST_P(FactStoreContractTest, FactWithoutKeywordsIsFiledNowhere) {
  ImportSample();
  Fact bare = MakeFact("bare", 1, "count", {});
  ASSERT_TRUE(store_->Import({bare}, {}).ok());
  EXPECT_THAT(Filed(*FiledUnder(*store_, {"", "bare", "china"})),
              (std::vector<std::string>{"china:cn-investment-2024"}));
  EXPECT_EQ(Ids(*store_->ListFacts("bare")), std::vector<std::string>{"bare"});
}

TEST_P(FactStoreContractTest, FindValuesIsInclusiveAndKeepsToTheUnit) {
  ImportSample();
  const std::vector<std::string> words = {"investment"};
  EXPECT_EQ(
      ValueIds(*store_, *store_->FindValues("USD", 9.3e9, 109.1e9, words, std::nullopt)),
      (std::vector<std::string>{"cn-investment-2024", "us-investment-2024"}));
  EXPECT_EQ(ValueIds(*store_, *store_->FindValues("USD", 4e9, 5e9, words, std::nullopt)),
            std::vector<std::string>{"uk-investment-2024"});
  EXPECT_THAT(ValueIds(*store_, *store_->FindValues("CNY", 0, 1e15, words, std::nullopt)), testing::IsEmpty());
  EXPECT_EQ(ValueIds(*store_, *store_->FindValues("%", 13.9, 13.9, {"sector"}, std::nullopt)),
            std::vector<std::string>{"cn-share-2023"});
  EXPECT_THAT(ValueIds(*store_, *store_->FindValues("%", 14, 13, {"sector"}, std::nullopt)), testing::IsEmpty());
}

TEST_P(FactStoreContractTest, FindValuesNeedsOneOfTheFactsWords) {
  ImportSample();
  struct Case {
    std::vector<std::string> tokens;
    std::vector<std::string> ids;
  };
  const Case cases[] = {
      {{}, {}},
      {{"the", "states"}, {}},
      // Any one word of any group will do, first tokens only, any case.
      {{"united"}, {"us-investment-2024"}},
      {{"INVESTED"}, {"cn-investment-2024", "us-investment-2024"}},
      {{"britain", "chinese", "britain"}, {"cn-investment-2024", "uk-investment-2024"}},
      {{"'); DROP TABLE keywords; --", "\"]", "\xff\xfe"}, {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::PrintToString(c.tokens));
    Result<std::vector<FactValue>> found = store_->FindValues("USD", 0, 1e15, c.tokens, std::nullopt);
    ASSERT_TRUE(found.ok()) << found.status().ToString();
    EXPECT_EQ(ValueIds(*store_, *found), c.ids);
  }
}

TEST_P(FactStoreContractTest, FindValuesStopsAtTheLimit) {
  ImportSample();
  const std::vector<std::string> words = {"investment"};
  Result<std::vector<FactValue>> some = store_->FindValues("USD", 0, 1e15, words, std::nullopt, 2);
  ASSERT_TRUE(some.ok()) << some.status().ToString();
  EXPECT_EQ(some->size(), 2u);
  EXPECT_TRUE(std::is_sorted(some->begin(), some->end(),
                             [](const FactValue& a, const FactValue& b) { return a.key < b.key; }));
  EXPECT_EQ(ValueIds(*store_, *store_->FindValues("USD", 0, 1e15, words, std::nullopt, 3)),
            (std::vector<std::string>{"cn-investment-2024", "uk-investment-2024",
                                      "us-investment-2024"}));
  EXPECT_THAT(ValueIds(*store_, *store_->FindValues("USD", 0, 1e15, words, std::nullopt, 0)), testing::IsEmpty());
}

TEST_P(FactStoreContractTest, FindValuesKeepsWhatTheTestAccepts) {
  ImportSample();
  const std::vector<std::string> words = {"investment"};
  std::map<double, std::optional<double>> asked;  // value -> tolerance
  auto under_10bn = [&](double value, std::optional<double> tolerance) {
    asked[value] = tolerance;
    return value < 1e10;
  };
  EXPECT_EQ(ValueIds(*store_, *store_->FindValues("USD", 0, 1e15, words, std::nullopt, SIZE_MAX, under_10bn)),
            (std::vector<std::string>{"cn-investment-2024", "uk-investment-2024"}));
  // The test is given each fact's own tolerance, if it has one.
  EXPECT_EQ(asked, (std::map<double, std::optional<double>>{
                       {4.5e9, std::nullopt}, {9.3e9, std::nullopt}, {109.1e9, 0.01}}));
  // Only accepted facts count towards the limit: a crowd of rejected
  // values does not stop the search before the ones that agree.
  auto over_1bn = [](double value, std::optional<double>) { return value > 1e9 && value < 1e10; };
  EXPECT_EQ(ValueIds(*store_, *store_->FindValues("USD", 0, 1e15, words, std::nullopt, 2, over_1bn)),
            (std::vector<std::string>{"cn-investment-2024", "uk-investment-2024"}));
  auto none = [](double, std::optional<double>) { return false; };
  EXPECT_THAT(ValueIds(*store_, *store_->FindValues("USD", 0, 1e15, words, std::nullopt, SIZE_MAX, none)),
              testing::IsEmpty());
}

// A store may remember which words start keywords; an import teaches it
// the new ones.
TEST_P(FactStoreContractTest, SearchesFindTheWordsOfALaterImport) {
  ImportSample();
  EXPECT_THAT(ValueIds(*store_, *store_->FindValues("USD", 0, 1e15, {"spending"}, std::nullopt)),
              testing::IsEmpty());
  EXPECT_THAT(Filed(*FiledUnder(*store_, {"france", "spending"})), testing::IsEmpty());
  ASSERT_TRUE(
      store_->Import({MakeFact("fr-spending-2024", 2e9, "USD", {{"France"}, {"spending"}})}, {})
          .ok());
  EXPECT_EQ(ValueIds(*store_, *store_->FindValues("USD", 0, 1e15, {"spending"}, std::nullopt)),
            std::vector<std::string>{"fr-spending-2024"});
  EXPECT_EQ(Filed(*FiledUnder(*store_, {"france", "spending"})),
            std::vector<std::string>{"france:fr-spending-2024"});
}

// The vocabulary is every keyword's first word, lower case, and follows
// imports; what it leaves out, no search finds.
TEST_P(FactStoreContractTest, TheVocabularyIsTheFirstWordOfEveryKeyword) {
  auto words = [&] {
    Result<const FactStore::Vocabulary*> vocabulary = store_->KeywordVocabulary();
    EXPECT_TRUE(vocabulary.ok());
    EXPECT_NE(*vocabulary, nullptr) << "a small store keeps its vocabulary";
    return std::set<std::string>((*vocabulary)->words().begin(), (*vocabulary)->words().end());
  };
  EXPECT_THAT(words(), testing::IsEmpty());
  ImportSample();
  EXPECT_EQ(words(), (std::set<std::string>{"britain", "china", "chinese", "core", "industry",
                                            "invested", "investment", "sector", "u", "uk",
                                            "united", "us"}));
  ASSERT_TRUE(
      store_->Import({MakeFact("fr-spending-2024", 2e9, "USD", {{"France"}, {"Spending plans"}})},
                     {})
          .ok());
  EXPECT_TRUE(words().count("france"));
  EXPECT_TRUE(words().count("spending"));
  EXPECT_FALSE(words().count("plans")) << "only the first word of a keyword";
}

TEST_P(FactStoreContractTest, FindValuesOfAYearKeepsTimelessFacts) {
  ImportSample();
  const std::vector<std::string> words = {"investment", "core"};
  EXPECT_EQ(ValueIds(*store_, *store_->FindValues("USD", 0, 1e15, words, 2024)),
            (std::vector<std::string>{"cn-investment-2024", "uk-investment-2024",
                                      "us-investment-2024"}));
  EXPECT_THAT(ValueIds(*store_, *store_->FindValues("USD", 0, 1e15, words, 2023)), testing::IsEmpty());
  // cn-share-2023 has no year: it stays whatever the year asked.
  EXPECT_EQ(ValueIds(*store_, *store_->FindValues("%", 0, 100, words, 1999)),
            std::vector<std::string>{"cn-share-2023"});
}

TEST_P(FactStoreContractTest, FindValuesTellsWhatAgreementNeeds) {
  ImportSample();
  Result<std::vector<FactValue>> values = store_->FindValues("USD", 1e11, 1.1e11, {"us"}, std::nullopt);
  ASSERT_TRUE(values.ok());
  ASSERT_EQ(values->size(), 1u);
  EXPECT_EQ(ValueIds(*store_, *values), std::vector<std::string>{"us-investment-2024"});
  EXPECT_EQ(values->front().value, 109.1e9);
  EXPECT_EQ(values->front().year, 2024);
  EXPECT_EQ(values->front().tolerance, 0.01);
  values = store_->FindValues("%", 13, 14, {"core"}, std::nullopt);
  ASSERT_EQ(values->size(), 1u);
  EXPECT_FALSE(values->front().year.has_value());
  EXPECT_FALSE(values->front().tolerance.has_value());
}

// Facts of a wide tolerance are searched over the wide range, the others
// over the narrow one, whose tolerance cannot reach further.
TEST_P(FactStoreContractTest, FindValuesSearchesEachFactOverTheRangeOfItsTolerance) {
  Fact usual = MakeFact("usual", 105, "USD", {{"exports"}});          // no tolerance
  Fact stated = MakeFact("stated", 104, "USD", {{"exports"}});        // the default, stated
  stated.tolerance = kDefaultTolerance;
  Fact loose = MakeFact("loose", 110, "USD", {{"exports"}});
  loose.tolerance = 0.2;
  Fact loose_near = MakeFact("loose-near", 100.5, "USD", {{"exports"}});
  loose_near.tolerance = 0.2;
  ASSERT_TRUE(store_->Import({usual, stated, loose, loose_near}, {}).ok());
  const std::vector<std::string> words = {"exports"};
  // Narrow [99, 101], wide [80, 120].
  EXPECT_EQ(ValueIds(*store_, *store_->FindValues("USD", ValueRange{99, 101, 80, 120}, words, std::nullopt)),
            (std::vector<std::string>{"loose", "loose-near"}));
  // Narrow [103, 106] holds the two usual facts; each wide fact comes once,
  // whether or not it lies in both ranges.
  EXPECT_EQ(ValueIds(*store_, *store_->FindValues("USD", ValueRange{103, 106, 90, 120}, words, std::nullopt)),
            (std::vector<std::string>{"loose", "loose-near", "stated", "usual"}));
  EXPECT_EQ(ValueIds(*store_, *store_->FindValues("USD", ValueRange{100, 111, 90, 120}, words, std::nullopt)),
            (std::vector<std::string>{"loose", "loose-near", "stated", "usual"}));
  // One range for all: the plain form.
  EXPECT_EQ(ValueIds(*store_, *store_->FindValues("USD", 99, 101, words, std::nullopt)),
            std::vector<std::string>{"loose-near"});
  // The limit counts the facts of both searches.
  EXPECT_EQ(store_->FindValues("USD", ValueRange{103, 106, 90, 120}, words, std::nullopt, 2)
                ->size(),
            2u);
  // A wide fact of a later import is searched as widely, under a word no
  // wide fact had before.
  Fact later = MakeFact("later", 115, "USD", {{"imports"}});
  later.tolerance = 0.2;
  ASSERT_TRUE(store_->Import({later}, {}).ok());
  EXPECT_EQ(ValueIds(*store_, *store_->FindValues("USD", ValueRange{99, 101, 80, 120}, {"imports"},
                                    std::nullopt)),
            std::vector<std::string>{"later"});
  // Words of wide facts and of others, asked together.
  EXPECT_EQ(ValueIds(*store_, *store_->FindValues("USD", ValueRange{99, 101, 80, 120},
                                                  {"exports", "imports", "other"}, std::nullopt)),
            (std::vector<std::string>{"later", "loose", "loose-near"}));
}

TEST_P(FactStoreContractTest, MaxToleranceIsTheWidestAndNeverBelowTheDefault) {
  EXPECT_DOUBLE_EQ(*store_->MaxTolerance(), kDefaultTolerance);
  ImportSample();  // tolerances 0.01 and none
  EXPECT_DOUBLE_EQ(*store_->MaxTolerance(), kDefaultTolerance);
  Fact loose = MakeFact("estimate-2024", 3e9, "USD", {{"estimate"}});
  loose.tolerance = 0.2;
  ASSERT_TRUE(store_->Import({loose}, {}).ok());
  EXPECT_DOUBLE_EQ(*store_->MaxTolerance(), 0.2);
}

// A value search hands out keys; the facts read by them are whole, in id
// order, and keys no fact has are left out.
TEST_P(FactStoreContractTest, FindFactsByKeyReadsWhatTheSearchFound) {
  ImportSample();
  Result<std::vector<FactValue>> values =
      store_->FindValues("USD", 0, 1e15, {"investment"}, std::nullopt);
  ASSERT_TRUE(values.ok()) << values.status().ToString();
  ASSERT_EQ(values->size(), 3u);
  std::vector<FactKey> keys = {values->at(2).key, -1, values->at(0).key, values->at(2).key,
                               values->at(1).key, values->at(0).key + 1000000};
  Result<std::vector<Fact>> read = store_->FindFactsByKey(keys);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(Ids(*read), (std::vector<std::string>{"cn-investment-2024", "uk-investment-2024",
                                                  "us-investment-2024"}));
  EXPECT_EQ(read->back().keywords, (std::vector<std::vector<std::string>>{
                                       {"US", "U.S.", "United States"}, {"investment", "invested"}}));
  EXPECT_THAT(Ids(*store_->FindFactsByKey({})), testing::IsEmpty());
  Result<std::vector<Fact>> share = ReadByWords(*store_, "%", {"sector"});
  ASSERT_TRUE(share.ok());
  ASSERT_EQ(share->size(), 1u);
  EXPECT_EQ(share->front().keywords,
            (std::vector<std::vector<std::string>>{{"China"}, {"core"}, {"industry", "sector"}}));
}

// An import may number the facts again: a search after it hands out keys
// that read the facts as they now are.
TEST_P(FactStoreContractTest, KeysOfASearchAfterAnImportReadTheFactsAsImported) {
  ImportSample();
  Fact cn = MakeFact("cn-investment-2024", 9.9e9, "USD", {{"China"}, {"investment"}});
  ASSERT_TRUE(store_->Import({MakeFact("aa-investment-2024", 7e9, "USD", {{"Austria"}, {"investment"}}),
                              cn},
                             {})
                  .ok());
  EXPECT_EQ(ValueIds(*store_, *store_->FindValues("USD", 9e9, 1e10, {"china"}, std::nullopt)),
            std::vector<std::string>{"cn-investment-2024"});
  Result<std::vector<FactValue>> values =
      store_->FindValues("USD", 0, 1e15, {"investment"}, std::nullopt);
  ASSERT_TRUE(values.ok());
  std::vector<FactKey> keys;
  for (const FactValue& value : *values) keys.push_back(value.key);
  Result<std::vector<Fact>> read = store_->FindFactsByKey(keys);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(Ids(*read), (std::vector<std::string>{"aa-investment-2024", "cn-investment-2024",
                                                  "uk-investment-2024", "us-investment-2024"}));
  EXPECT_EQ(read->at(1).value, 9.9e9);
}

TEST_P(FactStoreContractTest, FindRateByCurrencyAndYear) {
  ImportSample();
  Result<std::optional<Rate>> rate = store_->FindRate("CNY", 2023);
  ASSERT_TRUE(rate.ok());
  ASSERT_TRUE(rate->has_value());
  EXPECT_TRUE(SameRate(**rate, MakeRate("CNY", 2023, 7.0809)));
  EXPECT_FALSE(store_->FindRate("CNY", 2021)->has_value());
  EXPECT_FALSE(store_->FindRate("cny", 2023)->has_value());
  EXPECT_FALSE(store_->FindRate("JPY", 2023)->has_value());
}

TEST_P(FactStoreContractTest, ListFactsSearchesIgnoringCase) {
  ImportSample();
  struct Case {
    std::string search;
    std::vector<std::string> ids;
  };
  const Case cases[] = {
      {"",
       {"cn-investment-2024", "cn-share-2023", "uk-investment-2024",
        "us-investment-2024"}},
      {"CN-", {"cn-investment-2024", "cn-share-2023"}},
      {"subject of uk", {"uk-investment-2024"}},
      {"METRIC OF US", {"us-investment-2024"}},
      {"source of cn-share", {"cn-share-2023"}},
      // Wildcards of LIKE are plain characters here.
      {"%", {}},
      {"_", {}},
      {"nothing like this", {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.search);
    EXPECT_EQ(Ids(*store_->ListFacts(c.search)), c.ids);
  }
}

// An export reads facts one at a time, and what it does with each may ask
// the store again meanwhile.
TEST_P(FactStoreContractTest, ForEachFactGoesInIdOrderAndMayQueryTheStore) {
  ImportSample();
  std::vector<std::string> ids;
  std::vector<size_t> counted;
  Status status = store_->ForEachFact("investment", [&](const Fact& fact) {
    ids.push_back(fact.id);
    counted.push_back(*store_->CountFacts(100));
    EXPECT_FALSE(fact.keywords.empty()) << fact.id;
  });
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(ids, (std::vector<std::string>{"cn-investment-2024", "uk-investment-2024",
                                           "us-investment-2024"}));
  EXPECT_EQ(counted, (std::vector<size_t>{4, 4, 4}));
}

TEST_P(FactStoreContractTest, ListRatesByCurrencyThenYear) {
  ImportSample();
  Result<std::vector<Rate>> rates = store_->ListRates();
  ASSERT_TRUE(rates.ok());
  ASSERT_EQ(rates->size(), 3u);
  EXPECT_EQ((*rates)[0].currency + std::to_string((*rates)[0].year), "CNY2022");
  EXPECT_EQ((*rates)[1].currency + std::to_string((*rates)[1].year), "CNY2023");
  EXPECT_EQ((*rates)[2].currency + std::to_string((*rates)[2].year), "EUR2023");
}

TEST_P(FactStoreContractTest, StoresEveryFieldAsGiven) {
  Fact full = MakeFact("full", -0.000123456789012345, "pp",
                       {{"Côte d’Ivoire", "l'\"x\""}, {"a b c"}});
  full.year = -44;
  full.tolerance = 0;
  full.subject = "Robert'); DROP TABLE facts;--";
  full.metric = "100% \"quoted\", with, commas\nand a newline";
  full.source = "' OR 1=1 --";
  full.url = "https://example.org/?a=1&b='2'";
  full.note = "ünïcødé ✓";
  Fact bare = MakeFact("bare", 1e300, "count", {{"x"}});
  ASSERT_TRUE(store_->Import({full, bare}, {}).ok());
  Result<std::vector<Fact>> facts = store_->ListFacts("");
  ASSERT_TRUE(facts.ok());
  ASSERT_EQ(facts->size(), 2u);
  EXPECT_TRUE(SameFact((*facts)[0], bare));
  EXPECT_FALSE((*facts)[0].year.has_value());
  EXPECT_FALSE((*facts)[0].tolerance.has_value());
  EXPECT_TRUE(SameFact((*facts)[1], full));
  // {"a b c"} holds one keyword to the other group's two.
  EXPECT_EQ(Filed(*FiledUnder(*store_, {"côte", "l", "a"})),
            std::vector<std::string>{"a:full"});
}

// What a check reads of a fact (FindFiled, FindFactsByKey) is the fact as
// imported, whatever its keywords hold: the SQLite store keeps them in one
// text for these reads.
TEST_P(FactStoreContractTest, ChecksReadFactsAsGiven) {
  Fact odd = MakeFact("odd", 5, "count", {{"x,1:2", "ünï:ç", "0,0,3:abc"}, {"3,4", "q: 1,2"}});
  odd.year = 2024;
  odd.tolerance = 0.02;
  odd.note = "a note";
  Fact plain = MakeFact("plain", 7, "count", {{"y"}});
  Status imported = store_->Import({odd, plain}, {});
  ASSERT_TRUE(imported.ok()) << imported.ToString();
  Result<std::vector<Fact>> read = ReadByWords(*store_, "count", {"x", "y", "missing"});
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(read->size(), 2u);
  EXPECT_TRUE(SameFact((*read)[0], odd));
  EXPECT_TRUE(SameFact((*read)[1], plain));
  Result<std::vector<FilingKey>> keys = store_->FindFilingKeys({"3", "x", "y"});
  ASSERT_TRUE(keys.ok());
  Result<std::vector<FiledFact>> filed = store_->FindFiled(*keys);
  ASSERT_TRUE(filed.ok());
  ASSERT_FALSE(filed->empty());
  for (const FiledFact& entry : *filed) {
    EXPECT_TRUE(SameFact(entry.fact, entry.fact.id == "odd" ? odd : plain)) << entry.fact.id;
  }
}

TEST_P(FactStoreContractTest, ImportReplacesFactsAndTheirKeywords) {
  ImportSample();
  Fact cn =
      MakeFact("cn-investment-2024", 9.29e9, "USD", {{"PRC"}, {"funding"}});
  cn.note = "revised";
  ASSERT_TRUE(store_->Import({cn}, {MakeRate("CNY", 2023, 7.1)}).ok());
  // The old keywords are gone, and the counts moved the filing of others:
  // "China" is now rarer than "core", and "investment" (us, uk) ties with
  // the three names of the US, and sorts first.
  EXPECT_EQ(Filed(*FiledUnder(*store_, {"china", "chinese", "investment"})),
            (std::vector<std::string>{"china:cn-share-2023", "investment:us-investment-2024"}));
  Result<std::vector<FiledFact>> found = FiledUnder(*store_, {"prc", "funding"});
  ASSERT_EQ(found->size(), 1u);
  EXPECT_TRUE(SameFact(found->front().fact, cn));
  EXPECT_EQ(ValueIds(*store_, *store_->FindValues("USD", 9e9, 1e10, {"prc"}, std::nullopt)),
            std::vector<std::string>{"cn-investment-2024"});
  EXPECT_THAT(ValueIds(*store_, *store_->FindValues("USD", 9e9, 1e10, {"china", "investment"}, std::nullopt)),
              testing::IsEmpty());
  EXPECT_EQ(store_->ListFacts("")->size(), 4u);
  EXPECT_EQ((*store_->FindRate("CNY", 2023))->per_usd, 7.1);
  EXPECT_EQ(store_->ListRates()->size(), 3u);
}

TEST_P(FactStoreContractTest, BadImportWritesNothing) {
  ImportSample();
  auto good = [] { return MakeFact("new-fact", 1, "count", {{"new"}}); };
  struct Case {
    std::string name;
    std::vector<Fact> facts;
    std::vector<Rate> rates;
    std::string message;
  };
  std::vector<Case> cases;
  {
    Fact f = good();
    f.source = "  ";
    cases.push_back({"no source", {good(), f}, {}, "no source"});
  }
  {
    Fact f = good();
    f.id = "";
    cases.push_back({"no id", {f}, {}, "no id"});
  }
  cases.push_back({"duplicate id", {good(), good()}, {}, "duplicate id"});
  {
    Fact f = good();
    f.value = std::numeric_limits<double>::quiet_NaN();
    cases.push_back({"nan", {f}, {}, "not finite"});
  }
  {
    Fact f = good();
    f.tolerance = -0.5;
    cases.push_back({"negative tolerance", {f}, {}, "tolerance"});
  }
  {
    Fact f = good();
    f.keywords.push_back({});
    cases.push_back({"empty group", {f}, {}, "group 2 is empty"});
  }
  {
    Fact f = good();
    f.keywords[0].push_back("--");
    cases.push_back({"wordless keyword", {f}, {}, "holds no word"});
  }
  cases.push_back(
      {"zero rate", {good()}, {MakeRate("JPY", 2023, 0)}, "per_usd"});
  cases.push_back(
      {"bad currency", {good()}, {MakeRate("yen", 2023, 140)}, "ISO 4217"});
  cases.push_back({"twice the same rate",
                   {},
                   {MakeRate("JPY", 2023, 140), MakeRate("JPY", 2023, 141)},
                   "twice"});
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Status status = store_->Import(c.facts, c.rates);
    EXPECT_FALSE(status.ok());
    EXPECT_THAT(status.message(), testing::HasSubstr(c.message));
    EXPECT_EQ(store_->ListFacts("")->size(), 4u);
    EXPECT_EQ(store_->ListRates()->size(), 3u);
    EXPECT_FALSE(store_->FindRate("JPY", 2023)->has_value());
    EXPECT_THAT(Ids(*store_->ListFacts("new-fact")), testing::IsEmpty());
  }
}

// An import from a stream (a file read a record at a time) that fails
// part way, after records were handed over, writes none of them and
// returns the stream's own error; the store takes the next import as usual.
TEST_P(FactStoreContractTest, ImportThatFailsPartWayWritesNothing) {
  ImportSample();
  int handed = 0;
  Status status = store_->ImportRecords([&]() -> Result<std::optional<FactRecord>> {
    ++handed;
    if (handed == 1) return std::optional<FactRecord>(MakeFact("early", 1, "count", {{"early"}}));
    if (handed == 2) return std::optional<FactRecord>(MakeRate("JPY", 2023, 140));
    return Status::ParseError("facts.jsonl:3: malformed JSON");
  });
  EXPECT_EQ(handed, 3);
  EXPECT_EQ(status.code(), StatusCode::kParseError);
  EXPECT_EQ(status.message(), "facts.jsonl:3: malformed JSON");
  EXPECT_EQ(store_->ListFacts("")->size(), 4u);
  EXPECT_THAT(Ids(*store_->ListFacts("early")), testing::IsEmpty());
  EXPECT_FALSE(store_->FindRate("JPY", 2023)->has_value());

  // The ids of the failed import are forgotten: "early" is no duplicate.
  Status again = store_->Import({MakeFact("early", 1, "count", {{"early"}})}, {});
  ASSERT_TRUE(again.ok()) << again.ToString();
  EXPECT_EQ(Ids(*store_->ListFacts("early")), std::vector<std::string>{"early"});
}

TEST_P(FactStoreContractTest, ValidStoreValidates) {
  ImportSample();
  Result<std::vector<std::string>> problems = store_->Validate();
  ASSERT_TRUE(problems.ok()) << problems.status().ToString();
  EXPECT_THAT(*problems, testing::IsEmpty());
}

TEST_P(FactStoreContractTest, QueriesFromManyThreadsAgree) {
  std::vector<Fact> facts;
  for (int i = 0; i < 200; ++i) {
    std::string n = std::to_string(i);
    facts.push_back(MakeFact("fact-" + std::string(3 - n.size(), '0') + n, i,
                             "count", {{"group" + n}, {"shared"}}));
  }
  ASSERT_TRUE(store_->Import(facts, {MakeRate("CNY", 2023, 7.0809)}).ok());
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = t; i < 200; i += 8) {
        std::string n = std::to_string(i);
        Result<std::vector<FiledFact>> filed =
            FiledUnder(*store_, {"group" + n, "shared"});
        Result<std::vector<FactValue>> by_value =
            store_->FindValues("count", i - 0.5, i + 0.5, {"shared"}, std::nullopt);
        Result<std::optional<Rate>> rate = store_->FindRate("CNY", 2023);
        if (!filed.ok() || filed->size() != 1 || filed->front().fact.value != i ||
            !by_value.ok() || by_value->size() != 1 || !rate.ok() ||
            !rate->has_value()) {
          ++failures;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace claimcheck

#endif  // CLAIMCHECK_TESTS_FACTS_FACT_STORE_CONTRACT_H_
