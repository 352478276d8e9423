#include "pipeline/batch.h"

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace claimcheck {

void RunInOrder(int threads, const std::function<std::optional<Job>()>& next,
                const std::function<bool(BatchResult)>& emit) {
  const size_t max_in_flight = 2 * static_cast<size_t>(std::max(threads, 1));
  std::mutex mutex;
  // One condition each for the producer (room for a job), the workers (a
  // job to take) and the emitter (the next result): a change wakes only
  // the threads it concerns, not every thread for every document.
  std::condition_variable has_room, has_job, has_result;
  std::deque<std::pair<size_t, Job>> pending;
  std::map<size_t, BatchResult> done;
  size_t pulled = 0;
  size_t emitted = 0;
  bool input_done = false;
  bool stopping = false;

  std::thread producer([&] {
    while (true) {
      {
        std::unique_lock lock(mutex);
        has_room.wait(lock, [&] { return stopping || pulled - emitted < max_in_flight; });
        if (stopping) break;
      }
      std::optional<Job> job = next();
      std::lock_guard lock(mutex);
      if (!job || stopping) {
        input_done = true;
        has_job.notify_all();
        has_result.notify_one();
        break;
      }
      pending.emplace_back(pulled++, std::move(*job));
      has_job.notify_one();
    }
  });

  std::vector<std::thread> workers;
  for (int t = 0; t < std::max(threads, 1); ++t) {
    workers.emplace_back([&] {
      while (true) {
        std::pair<size_t, Job> item;
        {
          std::unique_lock lock(mutex);
          has_job.wait(lock, [&] { return stopping || !pending.empty() || input_done; });
          if (stopping || pending.empty()) return;
          item = std::move(pending.front());
          pending.pop_front();
        }
        BatchResult result = item.second();
        std::lock_guard lock(mutex);
        bool next_in_line = item.first == emitted;
        done.emplace(item.first, std::move(result));
        if (next_in_line) has_result.notify_one();
      }
    });
  }

  while (true) {
    BatchResult result;
    {
      std::unique_lock lock(mutex);
      has_result.wait(lock, [&] {
        return done.count(emitted) || (input_done && emitted == pulled);
      });
      auto it = done.find(emitted);
      if (it == done.end()) break;
      result = std::move(it->second);
      done.erase(it);
    }
    bool keep_going = emit(std::move(result));
    std::lock_guard lock(mutex);
    ++emitted;
    if (!keep_going) {
      stopping = true;
      has_job.notify_all();
    }
    has_room.notify_one();
    if (stopping) break;
  }
  producer.join();
  for (std::thread& worker : workers) worker.join();
}

}  // namespace claimcheck
