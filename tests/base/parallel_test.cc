#include "base/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

namespace claimcheck {
namespace {

TEST(ForEachIndexTest, CallsEachIndexOnceWhateverTheThreads) {
  for (size_t count : {size_t{0}, size_t{1}, size_t{2}, size_t{7}, size_t{100}}) {
    for (int threads : {-1, 0, 1, 2, 4, 16}) {
      SCOPED_TRACE(testing::Message() << count << " tasks on " << threads << " threads");
      std::vector<std::atomic<int>> calls(count);
      ForEachIndex(count, threads, [&](size_t i) { ++calls[i]; });
      for (size_t i = 0; i < count; ++i) EXPECT_EQ(calls[i].load(), 1) << i;
    }
  }
}

TEST(ForEachIndexTest, OneThreadRunsInOrderOnTheCaller) {
  std::vector<size_t> order;
  const std::thread::id caller = std::this_thread::get_id();
  ForEachIndex(5, 1, [&](size_t i) {
    EXPECT_EQ(std::this_thread::get_id(), caller);
    order.push_back(i);
  });
  EXPECT_EQ(order, (std::vector<size_t>{0, 1, 2, 3, 4}));
}

TEST(ForEachIndexTest, UsesMoreThanOneThreadWhenAllowed) {
  // Each task waits until two threads have started one: this finishes only
  // when two run at once.
  std::mutex mu;
  std::set<std::thread::id> seen;
  std::atomic<int> started{0};
  ForEachIndex(2, 2, [&](size_t) {
    {
      std::lock_guard<std::mutex> lock(mu);
      seen.insert(std::this_thread::get_id());
    }
    ++started;
    while (started.load() < 2) std::this_thread::yield();
  });
  EXPECT_EQ(seen.size(), 2u);
}

TEST(ForEachIndexTest, AThrowingTaskLetsTheOthersFinishThenThrows) {
  for (int threads : {1, 3}) {
    SCOPED_TRACE(threads);
    std::atomic<int> finished{0};
    EXPECT_THROW(ForEachIndex(10, threads,
                              [&](size_t i) {
                                if (i == 3) throw std::runtime_error("task 3");
                                ++finished;
                              }),
                 std::runtime_error);
    EXPECT_EQ(finished.load(), 9);
  }
}

}  // namespace
}  // namespace claimcheck
