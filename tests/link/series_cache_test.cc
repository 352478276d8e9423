#include "link/series_cache.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "facts/fact_store.h"
#include "../facts/fact_test_util.h"

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

}  // namespace
}  // namespace claimcheck
