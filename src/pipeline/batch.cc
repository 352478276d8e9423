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
                const std::function<bool(DocumentReport)>& emit) {
  const size_t max_in_flight = 2 * static_cast<size_t>(std::max(threads, 1));
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<std::pair<size_t, Job>> pending;
  std::map<size_t, DocumentReport> done;
  size_t pulled = 0;
  size_t emitted = 0;
  bool input_done = false;
  bool stopping = false;

  std::thread producer([&] {
    while (true) {
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return stopping || pulled - emitted < max_in_flight; });
        if (stopping) break;
      }
      std::optional<Job> job = next();
      std::lock_guard lock(mutex);
      if (!job || stopping) {
        input_done = true;
        changed.notify_all();
        break;
      }
      pending.emplace_back(pulled++, std::move(*job));
      changed.notify_all();
    }
  });

  std::vector<std::thread> workers;
  for (int t = 0; t < std::max(threads, 1); ++t) {
    workers.emplace_back([&] {
      while (true) {
        std::pair<size_t, Job> item;
        {
          std::unique_lock lock(mutex);
          changed.wait(lock, [&] { return stopping || !pending.empty() || input_done; });
          if (stopping || pending.empty()) return;
          item = std::move(pending.front());
          pending.pop_front();
        }
        DocumentReport report = item.second();
        std::lock_guard lock(mutex);
        done.emplace(item.first, std::move(report));
        changed.notify_all();
      }
    });
  }

  while (true) {
    DocumentReport report;
    {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] {
        return done.count(emitted) || (input_done && emitted == pulled);
      });
      auto it = done.find(emitted);
      if (it == done.end()) break;
      report = std::move(it->second);
      done.erase(it);
    }
    bool keep_going = emit(std::move(report));
    std::lock_guard lock(mutex);
    ++emitted;
    if (!keep_going) stopping = true;
    changed.notify_all();
    if (stopping) break;
  }
  producer.join();
  for (std::thread& worker : workers) worker.join();
}

}  // namespace claimcheck
