#include "pipeline/batch.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace claimcheck {
namespace {

// A job whose result names its input; later jobs finish sooner than
// earlier ones, so out-of-order completion is the common case.
Job NamedJob(size_t index, size_t count) {
  return [index, count] {
    std::this_thread::sleep_for(std::chrono::microseconds(50 * ((count - index) % 7)));
    BatchResult result;
    result.report.path = "doc-" + std::to_string(index);
    return result;
  };
}

// Flags a call that overlaps another call of the same function.
class OneAtATime {
 public:
  void Enter() {
    if (inside_.fetch_add(1) != 0) overlapped_ = true;
  }
  void Leave() { inside_.fetch_sub(1); }
  bool overlapped() const { return overlapped_; }

 private:
  std::atomic<int> inside_{0};
  std::atomic<bool> overlapped_{false};
};

class RunInOrderTest : public testing::TestWithParam<int> {};

TEST_P(RunInOrderTest, EmitsEveryResultInInputOrder) {
  const int threads = GetParam();
  constexpr size_t kJobs = 200;
  size_t pulled = 0;
  size_t most_in_flight = 0;
  std::atomic<size_t> emitted_count{0};
  std::vector<std::string> emitted;
  OneAtATime in_next, in_emit;
  RunInOrder(
      threads,
      [&]() -> std::optional<Job> {
        in_next.Enter();
        std::optional<Job> job;
        if (pulled < kJobs) {
          most_in_flight = std::max(most_in_flight, pulled - emitted_count.load());
          job = NamedJob(pulled, kJobs);
          ++pulled;
        }
        in_next.Leave();
        return job;
      },
      [&](BatchResult result) {
        in_emit.Enter();
        emitted.push_back(result.report.path);
        ++emitted_count;
        in_emit.Leave();
        return true;
      });
  ASSERT_EQ(emitted.size(), kJobs);
  for (size_t i = 0; i < kJobs; ++i) EXPECT_EQ(emitted[i], "doc-" + std::to_string(i));
  EXPECT_FALSE(in_next.overlapped());
  EXPECT_FALSE(in_emit.overlapped());
  // Memory is bounded by the documents in flight, not by the input.
  EXPECT_LE(most_in_flight, kInFlightPerThread * static_cast<size_t>(threads));
}

TEST_P(RunInOrderTest, StopsPullingWhenEmitSaysSo) {
  const int threads = GetParam();
  size_t pulled = 0;
  std::vector<std::string> emitted;
  RunInOrder(
      threads,
      [&]() -> std::optional<Job> { return NamedJob(pulled++, 1000000); },
      [&](BatchResult result) {
        emitted.push_back(result.report.path);
        return emitted.size() < 5;
      });
  EXPECT_EQ(emitted, (std::vector<std::string>{"doc-0", "doc-1", "doc-2", "doc-3", "doc-4"}));
  EXPECT_LE(pulled, 5 + kInFlightPerThread * static_cast<size_t>(threads) + 1);
}

// While one long document is checked, the other threads go on with the
// next ones up to the bound, and no further (from two threads: one has
// nobody to run ahead of it).
void ExpectOthersRunAheadUpToTheBound(int threads) {
  SCOPED_TRACE(testing::Message() << threads << " threads");
  const size_t bound = kInFlightPerThread * static_cast<size_t>(threads);
  constexpr size_t kJobs = 200;
  std::mutex mutex;
  std::condition_variable others_done;
  size_t finished_others = 0;
  bool waited_in_vain = false;
  size_t pulled = 0;
  size_t emitted = 0;
  size_t most_in_flight = 0;
  RunInOrder(
      threads,
      [&]() -> std::optional<Job> {
        if (pulled == kJobs) return std::nullopt;
        {
          std::lock_guard lock(mutex);
          most_in_flight = std::max(most_in_flight, pulled - emitted);
        }
        size_t index = pulled++;
        return [&, index] {
          std::unique_lock lock(mutex);
          if (index == 0) {
            // The long one: done once all the others the bound lets in are.
            waited_in_vain = !others_done.wait_for(lock, std::chrono::seconds(20), [&] {
              return finished_others == bound - 1;
            });
          } else {
            ++finished_others;
            others_done.notify_all();
          }
          BatchResult result;
          result.report.path = "doc-" + std::to_string(index);
          return result;
        };
      },
      [&](BatchResult) {
        std::lock_guard lock(mutex);
        ++emitted;
        return true;
      });
  EXPECT_FALSE(waited_in_vain);
  EXPECT_EQ(emitted, kJobs);
  EXPECT_EQ(most_in_flight, bound - 1);  // seen as each job was pulled
}

TEST(RunInOrderBoundTest, OthersRunAheadOfALongJobUpToTheBound) {
  for (int threads : {2, 4, 8}) ExpectOthersRunAheadUpToTheBound(threads);
}

// A stream's first result is out before its later input exists: `next`
// waits for the first emit before it gives the next job.
TEST_P(RunInOrderTest, EmitsBeforeTheInputEnds) {
  const int threads = GetParam();
  std::mutex mutex;
  std::condition_variable first_out;
  bool emitted_first = false;
  bool waited_in_vain = false;
  size_t pulled = 0;
  size_t emitted = 0;
  RunInOrder(
      threads,
      [&]() -> std::optional<Job> {
        if (pulled == 2) return std::nullopt;
        if (pulled == 1) {
          std::unique_lock lock(mutex);
          waited_in_vain = !first_out.wait_for(lock, std::chrono::seconds(20),
                                               [&] { return emitted_first; });
        }
        return NamedJob(pulled++, 2);
      },
      [&](BatchResult) {
        std::lock_guard lock(mutex);
        emitted_first = true;
        ++emitted;
        first_out.notify_all();
        return true;
      });
  EXPECT_FALSE(waited_in_vain);
  EXPECT_EQ(emitted, 2u);
}

TEST_P(RunInOrderTest, AnEmptyInputEmitsNothing) {
  size_t emitted = 0;
  RunInOrder(
      GetParam(), []() -> std::optional<Job> { return std::nullopt; },
      [&](BatchResult) {
        ++emitted;
        return true;
      });
  EXPECT_EQ(emitted, 0u);
}

INSTANTIATE_TEST_SUITE_P(Threads, RunInOrderTest, testing::Values(1, 2, 4, 8));

}  // namespace
}  // namespace claimcheck
