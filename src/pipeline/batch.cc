#include "pipeline/batch.h"

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace claimcheck {

FileGrouping::FileGrouping(int threads) : threads_(static_cast<size_t>(std::max(threads, 1))) {}

std::vector<std::string> FileGrouping::NextGroup(
    const std::function<std::optional<std::string>()>& next_path) {
  const size_t wanted = std::clamp<size_t>(pulled_ / (kFilesPerGrowth * threads_) + 1, 1,
                                           kMaxFilesPerGroup);
  std::vector<std::string> group;
  uint64_t bytes = 0;
  while (group.size() < wanted && bytes < kMaxBytesPerGroup) {
    std::optional<std::string> path = next_path();
    if (!path) break;
    std::error_code unknown;  // "-", or gone: counts as empty
    const uint64_t size = std::filesystem::file_size(*path, unknown);
    if (!unknown) bytes += size;
    group.push_back(std::move(*path));
  }
  pulled_ += group.size();
  return group;
}

// Every thread is a worker: it pulls the next job, runs it, and, when its
// result is the next in line, emits it and the later ones already done.
// No thread only hands work over: on a virtual machine a wake-up costs
// tens of microseconds, and a producer and an emitter thread took three
// of them per document. A worker waits only for room (the in-flight
// bound) or for the input.
void RunInOrder(int threads, const std::function<std::optional<Job>()>& next,
                const std::function<bool(BatchResult)>& emit) {
  const int workers = std::max(threads, 1);
  const size_t max_in_flight = kInFlightPerThread * static_cast<size_t>(workers);
  // `input` serialises `next` with the numbering of what it returns;
  // `state` guards the rest. A worker that holds both took `input` first.
  std::mutex input, state;
  std::condition_variable has_room;
  std::map<size_t, std::vector<BatchResult>> done;  // finished, waiting for their turn
  size_t pulled = 0;
  size_t emitted = 0;
  bool input_done = false;
  bool stopping = false;

  auto work = [&] {
    while (true) {
      std::optional<Job> job;
      size_t index = 0;
      {
        std::lock_guard pulling(input);
        {
          std::unique_lock lock(state);
          has_room.wait(lock, [&] {
            return stopping || input_done || pulled - emitted < max_in_flight;
          });
          if (stopping || input_done) return;
        }
        job = next();
        std::lock_guard lock(state);
        if (!job || stopping) {
          input_done = true;
          has_room.notify_all();
          return;
        }
        index = pulled++;
      }
      std::vector<BatchResult> results = (*job)();
      std::unique_lock lock(state);
      if (stopping) return;
      if (index != emitted) {
        done.emplace(index, std::move(results));
        continue;
      }
      // This worker's turn: no other can emit until `emitted` moves on.
      while (true) {
        lock.unlock();
        bool keep_going = true;
        for (BatchResult& result : results) {
          keep_going = emit(std::move(result));
          if (!keep_going) break;
        }
        lock.lock();
        ++emitted;
        has_room.notify_one();
        if (!keep_going) {
          stopping = true;
          done.clear();
          has_room.notify_all();
          return;
        }
        auto it = done.find(emitted);
        if (it == done.end()) break;
        results = std::move(it->second);
        done.erase(it);
      }
    }
  };

  std::vector<std::thread> helpers;
  for (int t = 1; t < workers; ++t) helpers.emplace_back(work);
  work();
  for (std::thread& helper : helpers) helper.join();
}

}  // namespace claimcheck
