#include "pipeline/batch.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <functional>
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
    return std::vector{result};
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
          return std::vector{result};
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

// Jobs of several documents (and of none) give their results in their
// own order, after every earlier job's.
TEST_P(RunInOrderTest, EmitsEachJobsResultsInTheirOrder) {
  constexpr size_t kJobs = 100;
  size_t pulled = 0;
  size_t next_document = 0;
  std::vector<std::string> emitted;
  RunInOrder(
      GetParam(),
      [&]() -> std::optional<Job> {
        if (pulled == kJobs) return std::nullopt;
        const size_t count = pulled++ % 4;  // 0, 1, 2 or 3 documents
        const size_t first = next_document;
        next_document += count;
        const size_t delay = 40 * ((kJobs - pulled) % 5);  // later ones often sooner
        return Job([first, count, delay] {
          std::this_thread::sleep_for(std::chrono::microseconds(delay));
          std::vector<BatchResult> results(count);
          for (size_t k = 0; k < count; ++k) {
            results[k].report.path = "doc-" + std::to_string(first + k);
          }
          return results;
        });
      },
      [&](BatchResult result) {
        emitted.push_back(result.report.path);
        return true;
      });
  ASSERT_EQ(emitted.size(), next_document);
  for (size_t i = 0; i < emitted.size(); ++i) EXPECT_EQ(emitted[i], "doc-" + std::to_string(i));
}

TEST_P(RunInOrderTest, StopsInsideAJobWhenEmitSaysSo) {
  size_t emitted = 0;
  size_t pulled = 0;
  RunInOrder(
      GetParam(),
      [&]() -> std::optional<Job> {
        if (pulled++ == 10) return std::nullopt;
        return Job([] { return std::vector<BatchResult>(5); });
      },
      [&](BatchResult) { return ++emitted < 7; });
  EXPECT_EQ(emitted, 7u);
}

INSTANTIATE_TEST_SUITE_P(Threads, RunInOrderTest, testing::Values(1, 2, 4, 8));

// "f0", "f1", ...: appended, since g++ 12 misreads "f" + std::to_string
// as an overlapping copy (-Wrestrict).
std::string FileName(size_t i) {
  std::string name = "f";
  name += std::to_string(i);
  return name;
}

// Paths "f0", "f1", ... from a list, as an input lister would give them.
class PathList {
 public:
  explicit PathList(size_t count) : count_(count) {}
  std::optional<std::string> operator()() {
    if (next_ == count_) return std::nullopt;
    return FileName(next_++);
  }

 private:
  size_t count_;
  size_t next_ = 0;
};

TEST(FileGroupingTest, GroupsGrowWithTheFilesPulledAndKeepTheirOrder) {
  for (int threads : {1, 2, 8}) {
    SCOPED_TRACE(testing::Message() << threads << " threads");
    FileGrouping grouping(threads);
    PathList paths(5000);
    std::vector<size_t> sizes;
    size_t expected = 0;
    while (true) {
      std::vector<std::string> group = grouping.NextGroup(std::ref(paths));
      if (group.empty()) break;
      for (const std::string& path : group) EXPECT_EQ(path, FileName(expected++));
      sizes.push_back(group.size());
    }
    EXPECT_EQ(expected, 5000u);
    // The first threads groups are single files; none is larger than the
    // one after it (but the last), and the largest is the cap.
    for (int t = 0; t < threads; ++t) EXPECT_EQ(sizes[t], 1u);
    for (size_t g = 0; g + 2 < sizes.size(); ++g) EXPECT_LE(sizes[g], sizes[g + 1]);
    EXPECT_EQ(*std::max_element(sizes.begin(), sizes.end()), FileGrouping::kMaxFilesPerGroup);
  }
}

TEST(FileGroupingTest, AGroupStopsAtItsSizeInBytes) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() /
                       ("claimcheck-grouping-" +
                        std::to_string(testing::UnitTest::GetInstance()->random_seed()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const size_t file_bytes = FileGrouping::kMaxBytesPerGroup / 4;
  std::vector<std::string> files;
  for (int i = 0; i < 200; ++i) {
    files.push_back((dir / FileName(i)).string());
    std::ofstream(files.back()) << std::string(file_bytes, 'x');
  }
  FileGrouping grouping(1);
  size_t next = 0, pulled = 0, largest = 0;
  auto next_path = [&]() -> std::optional<std::string> {
    if (next == files.size()) return std::nullopt;
    return files[next++];
  };
  while (true) {
    std::vector<std::string> group = grouping.NextGroup(next_path);
    if (group.empty()) break;
    pulled += group.size();
    largest = std::max(largest, group.size());
  }
  fs::remove_all(dir);
  EXPECT_EQ(pulled, files.size());
  EXPECT_EQ(largest, 4u);  // four files fill a group
}

}  // namespace
}  // namespace claimcheck
