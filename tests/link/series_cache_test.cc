#include "link/series_cache.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "facts/fact_store.h"
#include "../facts/fact_test_util.h"
#include "forwarding_store.h"

namespace claimcheck {
namespace {

std::unique_ptr<FactStore> TwoSeriesStore() {
  std::unique_ptr<FactStore> store = NewMemoryFactStore();
  Fact cn = MakeFact("cn-inv-2024", 9.3e9, "USD", {{"China", "Chinese"}, {"investment"}});
  cn.year = 2024;
  Fact cn_before = MakeFact("cn-inv-2023", 7.8e9, "USD", {{"China", "Chinese"}, {"investment"}});
  cn_before.year = 2023;
  Fact us = MakeFact("us-inv-2024", 109.1e9, "USD", {{"US"}, {"investment"}});
  us.year = 2024;
  EXPECT_TRUE(store->Import({cn, cn_before, us}, {}).ok());
  return store;
}

std::vector<std::string> MemberIds(const SeriesCache::Filed& filed) {
  std::vector<std::string> ids;
  for (const PreparedSeries& series : filed) {
    for (const Fact& fact : series.members) ids.push_back(fact.id);
  }
  return ids;
}

// A key or token asked twice in one call gets the same answer both times,
// whether or not the cache held it before.
TEST(SeriesCacheTest, AKeyAskedTwiceInOneCallIsAnsweredTwice) {
  std::unique_ptr<FactStore> store = TwoSeriesStore();
  for (size_t capacity : {size_t{1}, size_t{1000}}) {
    SCOPED_TRACE(capacity);
    SeriesCache cache(*store, capacity);
    Result<std::vector<SeriesCache::Seconds>> seconds =
        cache.SecondsOf(std::vector<std::string_view>{"investment", "investment", "nothing"});
    ASSERT_TRUE(seconds.ok());
    ASSERT_EQ(seconds->size(), 3u);
    // "investment" (three uses) is rarer than "China" and "Chinese" (four),
    // "US" (one) rarer than it.
    const std::vector<std::string> names = {"china", "chinese"};
    EXPECT_EQ(*(*seconds)[0], names);
    EXPECT_EQ(*(*seconds)[1], names);
    EXPECT_EQ((*seconds)[2], nullptr);  // nothing filed under it

    const FilingKey key{"investment", "china"};
    for (int round = 0; round < 2; ++round) {  // from the store, then (maybe) the cache
      Result<std::vector<SeriesCache::FiledPtr>> filed =
          cache.Lookup({key, FilingKey{"us", "investment"}, key});
      ASSERT_TRUE(filed.ok());
      ASSERT_EQ(filed->size(), 3u);
      const std::vector<std::string> china = {"cn-inv-2023", "cn-inv-2024"};
      EXPECT_EQ(MemberIds(*(*filed)[0]), china);
      EXPECT_EQ(MemberIds(*(*filed)[1]), std::vector<std::string>{"us-inv-2024"});
      EXPECT_EQ(MemberIds(*(*filed)[2]), china);
    }
  }
}

// The store promises its filing answers in order, and the cache reads a
// run of one token or key at a time; answers out of order, a run split in
// two, give the same seconds, sorted, and the same series.
TEST(SeriesCacheTest, FilingAnswersOutOfOrderGiveTheSameSeries) {
  std::unique_ptr<FactStore> inner = TwoSeriesStore();
  Fact uk = MakeFact("uk-inv-2024", 4.5e9, "USD", {{"UK"}, {"investment"}});
  uk.year = 2024;
  Fact cn_earlier = MakeFact("cn-inv-2022", 6.1e9, "USD", {{"China", "Chinese"}, {"investment"}});
  cn_earlier.year = 2022;
  ASSERT_TRUE(inner->Import({uk, cn_earlier}, {}).ok());
  ForwardingStore in_order(*inner), dealt(*inner);
  dealt.out_of_order = true;
  const std::vector<std::string_view> tokens = {"investment", "us", "uk", "china"};
  const std::vector<FilingKey> keys = {{"investment", "china"}, {"investment", "chinese"},
                                       {"us", "investment"}, {"uk", "investment"}};
  auto seconds = [&](const FactStore& store) {
    SeriesCache cache(store, 1000);
    std::vector<std::vector<std::string>> all;
    for (const SeriesCache::Seconds& of_token : *cache.SecondsOf(tokens)) {
      all.push_back(of_token == nullptr ? std::vector<std::string>{} : *of_token);
    }
    return all;
  };
  auto members = [&](const FactStore& store) {
    SeriesCache cache(store, 1000);
    std::vector<std::vector<std::string>> all;
    for (const SeriesCache::FiledPtr& filed : *cache.Lookup(keys)) all.push_back(MemberIds(*filed));
    return all;
  };
  EXPECT_EQ(seconds(dealt), seconds(in_order));
  EXPECT_EQ(seconds(in_order)[0], (std::vector<std::string>{"china", "chinese"}));
  EXPECT_EQ(members(dealt), members(in_order));
  EXPECT_EQ(members(in_order)[0],
            (std::vector<std::string>{"cn-inv-2022", "cn-inv-2023", "cn-inv-2024"}));
}

}  // namespace
}  // namespace claimcheck
