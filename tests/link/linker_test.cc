#include "link/linker.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "facts/fact_store.h"
#include "forwarding_store.h"

namespace claimcheck {
namespace {

Fact MakeFact(std::string id, std::string subject, std::string metric, double value,
              std::string unit, std::optional<int> year,
              std::vector<std::vector<std::string>> keywords) {
  Fact fact;
  fact.id = std::move(id);
  fact.subject = std::move(subject);
  fact.metric = std::move(metric);
  fact.value = value;
  fact.unit = std::move(unit);
  fact.year = year;
  fact.keywords = std::move(keywords);
  fact.source = "test source";
  return fact;
}

// A claim on the first occurrence of `figure` in a one-sentence document.
Claim ClaimOn(const Document& doc, const std::string& figure, ClaimType type,
              double value, std::string unit) {
  Claim claim;
  size_t at = doc.text.find(figure);
  EXPECT_NE(at, std::string::npos) << figure;
  claim.text = figure;
  claim.in_text = {at, at + figure.size()};
  claim.source = claim.in_text;
  claim.sentence = {0, doc.text.size()};
  claim.type = type;
  claim.value = value;
  claim.unit = std::move(unit);
  return claim;
}

Document Doc(std::string text) {
  Document doc;
  doc.path = "test.txt";
  doc.source = text;
  doc.text = std::move(text);
  return doc;
}

class LinkerTest : public testing::Test {
 protected:
  void SetUp() override {
    store_ = NewMemoryFactStore();
    ASSERT_TRUE(store_
                    ->Import(
                        {MakeFact("us-inv-2024", "United States", "private AI investment",
                                  109.1e9, "USD", 2024,
                                  {{"US", "U.S.", "American"}, {"investment"}}),
                         MakeFact("us-inv-2023", "United States", "private AI investment",
                                  67.2e9, "USD", 2023,
                                  {{"US", "U.S.", "American"}, {"investment"}}),
                         MakeFact("cn-inv-2024", "China", "private AI investment", 9.3e9,
                                  "USD", 2024, {{"China", "Chinese"}, {"investment"}}),
                         MakeFact("cn-growth-2023", "China", "growth of the core AI industry",
                                  13.9, "%", 2023,
                                  {{"China"}, {"AI"}, {"market", "industry"}, {"growing"}}),
                         MakeFact("us-cn-gap-2024", "US vs China", "model performance gap",
                                  9.3, "%", 2024, {{"China", "Chinese"}, {"gap"}})},
                        {})
                    .ok());
  }
  std::unique_ptr<FactStore> store_;
};

TEST_F(LinkerTest, LinksWhenEveryKeywordGroupIsInTheSentence) {
  Document doc = Doc("American private investment reached $109.1 billion in 2024.");
  std::vector<Claim> claims = {ClaimOn(doc, "$109.1 billion", ClaimType::kCurrency, 109.1e9, "USD")};
  Linker linker(*store_);
  auto links = linker.Link(doc, claims);
  ASSERT_TRUE(links.ok());
  ASSERT_EQ(links->size(), 1u);
  ASSERT_EQ((*links)[0].series.size(), 1u);
  const Series& series = (*links)[0].series[0];
  EXPECT_EQ(series.members.size(), 2u);  // both years of the series
  EXPECT_EQ(series.members[0].get().id, "us-inv-2023");
  EXPECT_FALSE((*links)[0].ambiguous);
}

// A link's series refer to the facts in the linker's cache; they stay
// readable after the cache has dropped them for others (ASan would see a
// use after free in CI's sanitized build).
TEST_F(LinkerTest, LinksOutliveTheirCacheEntries) {
  Linker linker(*store_, /*cache_capacity=*/1);
  Document us = Doc("American private investment reached $109.1 billion in 2024.");
  auto us_links = linker.Link(
      us, {ClaimOn(us, "$109.1 billion", ClaimType::kCurrency, 109.1e9, "USD")});
  ASSERT_TRUE(us_links.ok());
  // Other subjects fill the cache: two generations of one entry each.
  Document cn = Doc("Chinese private investment reached $9.3 billion in 2024.");
  Document gap = Doc("The performance gap with China narrowed to 9.3% in 2024.");
  for (int round = 0; round < 2; ++round) {
    auto cn_links =
        linker.Link(cn, {ClaimOn(cn, "$9.3 billion", ClaimType::kCurrency, 9.3e9, "USD")});
    ASSERT_TRUE(cn_links.ok());
    EXPECT_EQ((*cn_links)[0].series.size(), 1u);
    auto gap_links = linker.Link(gap, {ClaimOn(gap, "9.3%", ClaimType::kPercent, 9.3, "%")});
    ASSERT_TRUE(gap_links.ok());
    EXPECT_EQ((*gap_links)[0].series.size(), 1u);
  }
  ASSERT_EQ((*us_links)[0].series.size(), 1u);
  const Series& series = (*us_links)[0].series[0];
  ASSERT_EQ(series.members.size(), 2u);
  EXPECT_EQ(series.members[0].get().id, "us-inv-2023");
  EXPECT_EQ(series.members[1].get().subject, "United States");
  EXPECT_DOUBLE_EQ(series.members[1].get().value, 109.1e9);
}

TEST_F(LinkerTest, DoesNotLinkWithoutEveryGroupOrOnPartWords) {
  Document doc = Doc("USB makers reported investment of $109.1 billion.");
  std::vector<Claim> claims = {ClaimOn(doc, "$109.1 billion", ClaimType::kCurrency, 109.1e9, "USD")};
  auto links = Linker(*store_).Link(doc, claims);
  ASSERT_TRUE(links.ok());
  EXPECT_TRUE((*links)[0].series.empty());
}

TEST_F(LinkerTest, MatchesWordsBeforeCurlyApostrophes) {
  Document doc = Doc("China\u2019s investment was $9.3 billion.");
  std::vector<Claim> claims = {ClaimOn(doc, "$9.3 billion", ClaimType::kCurrency, 9.3e9, "USD")};
  auto links = Linker(*store_).Link(doc, claims);
  ASSERT_TRUE(links.ok());
  ASSERT_EQ((*links)[0].series.size(), 1u);
  EXPECT_EQ((*links)[0].series[0].members[0].get().id, "cn-inv-2024");
}

TEST_F(LinkerTest, UnitsMustAgree) {
  Document doc = Doc("China's investment gap is 9.3 billion.");
  Claim count = ClaimOn(doc, "9.3 billion", ClaimType::kNumber, 9.3e9, "count");
  auto links = Linker(*store_).Link(doc, {count});
  ASSERT_TRUE(links.ok());
  EXPECT_TRUE((*links)[0].series.empty());
}

TEST_F(LinkerTest, NearerMetricWordsWinOverMoreGroupsFarAway) {
  Document doc = Doc(
      "China's AI market is growing at 110% annually, shrinking the performance "
      "gap from 11.9% to 5.4%.");
  std::vector<Claim> claims = {ClaimOn(doc, "110%", ClaimType::kPercent, 110, "%"),
                               ClaimOn(doc, "11.9%", ClaimType::kPercent, 11.9, "%")};
  auto links = Linker(*store_).Link(doc, claims);
  ASSERT_TRUE(links.ok());
  EXPECT_EQ((*links)[0].series[0].members[0].get().id, "cn-growth-2023");
  EXPECT_EQ((*links)[1].series[0].members[0].get().id, "us-cn-gap-2024");
}

TEST_F(LinkerTest, EquallyGoodSeriesAreAmbiguous) {
  Document doc = Doc("US and Chinese investment: $50 billion.");
  std::vector<Claim> claims = {ClaimOn(doc, "$50 billion", ClaimType::kCurrency, 50e9, "USD")};
  auto links = Linker(*store_).Link(doc, claims);
  ASSERT_TRUE(links.ok());
  ASSERT_EQ((*links)[0].series.size(), 2u);
  EXPECT_TRUE((*links)[0].ambiguous);
}

TEST(LinkerRankingTest, AnOpeningPhraseSpeaksForTheWholeSentence) {
  std::unique_ptr<FactStore> store = NewMemoryFactStore();
  ASSERT_TRUE(store
                  ->Import({MakeFact("upi", "India", "UPI transactions", 117.6e9, "count", 2023,
                                     {{"UPI"}, {"transactions"}}),
                            MakeFact("upi-dec", "India", "UPI transactions in December",
                                     12.02e9, "count", 2023,
                                     {{"UPI"}, {"transactions"}, {"December"}})},
                           {})
                  .ok());
  Linker linker(*store);
  // "In December 2023 alone," scopes what follows its comma.
  Document opening = Doc("In December 2023 alone, UPI handled 12.02 billion transactions.");
  auto dec = linker.Link(opening, {ClaimOn(opening, "12.02 billion", ClaimType::kNumber,
                                           12.02e9, "count")});
  ASSERT_TRUE(dec.ok());
  ASSERT_FALSE((*dec)[0].series.empty());
  EXPECT_EQ((*dec)[0].series[0].members[0].get().id, "upi-dec");
  // A comma after a clause with a figure of its own still separates.
  Document clause = Doc("Volumes peaked in December at 12.02 billion, and UPI handled "
                        "117.6 billion transactions over the year.");
  auto year = linker.Link(clause, {ClaimOn(clause, "117.6 billion", ClaimType::kNumber,
                                           117.6e9, "count")});
  ASSERT_TRUE(year.ok());
  ASSERT_FALSE((*year)[0].series.empty());
  EXPECT_EQ((*year)[0].series[0].members[0].get().id, "upi");
}

TEST(LinkerRankingTest, ClauseBoundariesAndMoreSpecificSeriesDecide) {
  std::unique_ptr<FactStore> store = NewMemoryFactStore();
  ASSERT_TRUE(
      store
          ->Import({MakeFact("cz", "Czechia", "inflation", 17.0, "%", 2023,
                             {{"Czechia"}, {"inflation"}}),
                    MakeFact("sk", "Slovakia", "inflation", 11.0, "%", 2023,
                             {{"Slovakia"}, {"inflation"}}),
                    MakeFact("upi", "India", "UPI transactions", 117.6e9, "count", 2023,
                             {{"UPI"}, {"transactions"}}),
                    MakeFact("upi-day", "India", "UPI transactions a day", 387e6, "count",
                             2023, {{"UPI"}, {"transactions"}, {"a day", "per day"}})},
                   {})
          .ok());
  Linker linker(*store);
  Document cz = Doc("Czechia's inflation was 17.0%, and Slovakia's 11.0%.");
  auto links = linker.Link(cz, {ClaimOn(cz, "17.0%", ClaimType::kPercent, 17, "%"),
                                ClaimOn(cz, "11.0%", ClaimType::kPercent, 11, "%")});
  ASSERT_TRUE(links.ok());
  EXPECT_EQ((*links)[0].series[0].members[0].get().id, "cz");
  EXPECT_FALSE((*links)[0].ambiguous);
  Document upi = Doc("UPI handled about 387 million transactions a day in December.");
  auto day = linker.Link(upi, {ClaimOn(upi, "387 million", ClaimType::kNumber, 387e6, "count")});
  ASSERT_TRUE(day.ok());
  ASSERT_EQ((*day)[0].series.size(), 2u);
  EXPECT_EQ((*day)[0].series[0].members[0].get().id, "upi-day");
  // Extra words far from the figure do not make a fact more specific.
  Document year = Doc(
      "UPI handled 117.6 billion transactions in 2023, and the network that carries them "
      "never pauses for a moment on a day like any other.");
  auto total = linker.Link(year, {ClaimOn(year, "117.6 billion", ClaimType::kNumber, 117.6e9,
                                          "count")});
  ASSERT_TRUE(total.ok());
  EXPECT_EQ((*total)[0].series[0].members[0].get().id, "upi");
}

TEST(LinkerRankingTest, AKeywordInsideTheClaimDoesNotCount) {
  std::unique_ptr<FactStore> store = NewMemoryFactStore();
  ASSERT_TRUE(store
                  ->Import({MakeFact("aged", "China", "people aged 60 and over", 296.97e6,
                                     "count", 2023, {{"aged 60"}, {"China"}})},
                           {})
                  .ok());
  Document doc = Doc("In China, 296.97 million people are aged 60 and over.");
  Claim sixty = ClaimOn(doc, "60", ClaimType::kNumber, 60, "count");
  auto links = Linker(*store).Link(doc, {sixty});
  ASSERT_TRUE(links.ok());
  EXPECT_TRUE((*links)[0].series.empty());
}

// One quantity in two years: the same subject, unit and keyword groups,
// whatever the metric's wording and however the groups and their
// alternatives are ordered, spaced or capitalised.
TEST(SameSeriesTest, SubjectUnitAndGroupsDecide) {
  auto fact = [](std::string id, std::string subject, std::string unit,
                 std::vector<std::vector<std::string>> keywords) {
    return MakeFact(std::move(id), std::move(subject), "investment", 1, std::move(unit), 2023,
                    std::move(keywords));
  };
  const Fact base = fact("a-2023", "China", "USD", {{"China", "Chinese"}, {"investment"}});
  Fact reworded = fact("a-2024", "China", "USD", {{"investment"}, {" chinese", "CHINA"}});
  reworded.metric = "investment (advance estimate)";
  reworded.year = 2024;
  EXPECT_TRUE(SameSeries(base, reworded));
  EXPECT_FALSE(
      SameSeries(base, fact("b", "China ", "USD", {{"China", "Chinese"}, {"investment"}})));
  EXPECT_FALSE(SameSeries(base, fact("c", "China", "CNY", {{"China", "Chinese"}, {"investment"}})));
  EXPECT_FALSE(SameSeries(base, fact("d", "China", "USD", {{"China"}, {"investment"}})));
  EXPECT_FALSE(SameSeries(base, fact("e", "China", "USD", {{"China", "Chinese"}})));
}

TEST(UnitsComparableTest, Table) {
  struct Case {
    ClaimType type;
    std::string claim_unit;
    std::string fact_unit;
    bool comparable;
    std::string metric = "";
  };
  const Case cases[] = {
      {ClaimType::kCurrency, "USD", "USD", true},
      {ClaimType::kCurrency, "USD", "CNY", true},
      {ClaimType::kPercent, "%", "%", true},
      {ClaimType::kPercent, "%", "pp", false},
      {ClaimType::kNumber, "users", "count", true, "monthly active users"},
      {ClaimType::kNumber, "transactions", "count", true, "number of UPI transaction"},
      {ClaimType::kNumber, "decades", "count", false, "population decline"},
      {ClaimType::kNumber, "count", "count", true, "population decline"},
      {ClaimType::kNumber, "count", "%", false},
      {ClaimType::kNumber, "times", "times", true},
      {ClaimType::kYear, "year", "year", true},
      {ClaimType::kYear, "year", "count", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.claim_unit + " vs " + c.fact_unit);
    Claim claim;
    claim.type = c.type;
    claim.unit = c.claim_unit;
    Fact fact;
    fact.unit = c.fact_unit;
    fact.metric = c.metric;
    EXPECT_EQ(UnitsComparable(claim, fact), c.comparable);
  }
}

}  // namespace
}  // namespace claimcheck

namespace claimcheck {
namespace {

// Each claim's linked series, as "first member id" strings, "?" when ambiguous.
std::vector<std::string> Summary(const std::vector<ClaimLink>& links) {
  std::vector<std::string> out;
  for (const ClaimLink& link : links) {
    std::string line = link.ambiguous ? "?" : "";
    for (const Series& series : link.series) line += series.members.front().get().id + " ";
    out.push_back(line);
  }
  return out;
}

// The vocabulary only spares the linker words that cannot matter: with it
// or without it (a store too large to hold one), every link is the same,
// including words cut by a window's edge and words the facts share.
TEST_F(LinkerTest, TheVocabularyNeverChangesTheAnswer) {
  std::string run_on;
  for (int i = 0; i < 12; ++i) run_on += "Chinese and American investment grew, ";
  Document doc = Doc(
      "American private investment reached $109.1 billion in 2024, while Chinese "
      "investment was $9.3 billion and China's lead shrank to a 9.3% gap. " + run_on +
      "then the US investment total hit $67.2 billion. China's core AI industry kept "
      "growing 13.9% a year.");
  std::vector<Claim> claims = {
      ClaimOn(doc, "$109.1 billion", ClaimType::kCurrency, 109.1e9, "USD"),
      ClaimOn(doc, "$9.3 billion", ClaimType::kCurrency, 9.3e9, "USD"),
      ClaimOn(doc, "9.3%", ClaimType::kPercent, 9.3, "%"),
      ClaimOn(doc, "$67.2 billion", ClaimType::kCurrency, 67.2e9, "USD"),
      ClaimOn(doc, "13.9%", ClaimType::kPercent, 13.9, "%")};
  ForwardingStore with(*store_), without(*store_);
  without.hide_vocabulary = true;
  auto expected = Linker(without).Link(doc, claims);
  auto got = Linker(with).Link(doc, claims);
  ASSERT_TRUE(expected.ok());
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(Summary(*got), Summary(*expected));
  for (const ClaimLink& link : *got) EXPECT_FALSE(link.series.empty()) << "every claim links";
}

TEST_F(LinkerTest, TheCacheSpeaksForTheStoreAndNeverChangesTheAnswer) {
  Document doc = Doc(
      "American private investment reached $109.1 billion in 2024, while Chinese "
      "investment was $9.3 billion and China's lead shrank to a 9.3% gap.");
  std::vector<Claim> claims = {
      ClaimOn(doc, "$109.1 billion", ClaimType::kCurrency, 109.1e9, "USD"),
      ClaimOn(doc, "$9.3 billion", ClaimType::kCurrency, 9.3e9, "USD"),
      ClaimOn(doc, "9.3%", ClaimType::kPercent, 9.3, "%")};
  ForwardingStore counting(*store_);
  Linker cached(counting);
  auto first = cached.Link(doc, claims);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(counting.key_calls, 1) << "one query of keys for all the claims of a document";
  EXPECT_EQ(counting.calls, 1) << "and one of facts";
  auto second = cached.Link(doc, claims);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(counting.key_calls, 1) << "the second time every token is cached";
  EXPECT_EQ(counting.calls, 1) << "and every key";
  EXPECT_EQ(Summary(*first), Summary(*second));
  // Both investment series are in the sentence; the nearer one leads.
  EXPECT_EQ(Summary(*first),
            (std::vector<std::string>{"us-inv-2023 cn-inv-2024 ", "cn-inv-2024 us-inv-2023 ",
                                      "us-cn-gap-2024 "}));

  // A cache too small to keep anything asks again and answers the same.
  ForwardingStore uncached_store(*store_);
  Linker uncached(uncached_store, /*cache_capacity=*/1);
  for (int round = 0; round < 2; ++round) {
    auto links = uncached.Link(doc, claims);
    ASSERT_TRUE(links.ok());
    EXPECT_EQ(Summary(*links), Summary(*first));
  }
  EXPECT_EQ(uncached_store.key_calls, 2);
  EXPECT_EQ(uncached_store.calls, 2);
}

TEST_F(LinkerTest, ASeriesFiledUnderTwoWordsOfTheSentenceIsLinkedOnce) {
  // cn-inv is filed under both "china" and "chinese"; both are here.
  Document doc = Doc("Chinese investment in China came to $9.3 billion.");
  std::vector<Claim> claims = {ClaimOn(doc, "$9.3 billion", ClaimType::kCurrency, 9.3e9, "USD")};
  auto links = Linker(*store_).Link(doc, claims);
  ASSERT_TRUE(links.ok());
  EXPECT_EQ(Summary(*links), std::vector<std::string>{"cn-inv-2024 "});
}

}  // namespace
}  // namespace claimcheck
