// Runs jobs on worker threads and hands their results back in the order
// the jobs were pulled (and each job's in its own order), so a report is
// byte-identical whatever the number of threads. Jobs are pulled lazily
// and at most kInFlightPerThread * threads are in flight, so memory is
// bounded by the documents in flight, not the corpus.
//
//   RunInOrder(4, [&]() -> std::optional<Job> { ... next file ... },
//              [&](BatchResult r) { printer->Document(r.report); });
//
// The calling thread is one of the `threads` workers. `next` and `emit`
// are each called by one thread at a time, not always the same one
// (`next` may block, e.g. reading stdin); `emit` gets each result as soon
// as its job and every earlier one are done: a streaming caller that
// gives one document per job sees output line by line.
#ifndef CLAIMCHECK_PIPELINE_BATCH_H_
#define CLAIMCHECK_PIPELINE_BATCH_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/report.h"

namespace claimcheck {

// A document's report and, when the job could make them on its worker
// thread, the bytes a printer will write for it (report/printer.h Render):
// rendering is a good part of the work, and `emit` runs on one thread at a
// time.
struct BatchResult {
  DocumentReport report;
  std::optional<std::string> rendered;
};

// The results of one or more documents, in their order. A job of several
// documents lets each stage of the check run over all of them in turn
// (pipeline.h CheckDocuments).
using Job = std::function<std::vector<BatchResult>()>;

// Jobs in flight (pulled, not yet emitted) per thread. While one thread
// works on a long document, the others go on with the next ones and keep
// their results until its turn comes: with 2 per thread they soon stood
// idle, and the whole 100 MB corpus ran about 3% slower at -j2 than with 8.
inline constexpr size_t kInFlightPerThread = 8;

// How many files a job takes (pipeline.h CheckFiles): groups grow with the
// files already pulled, one more file a group for every
// kFilesPerGrowth * threads, so that a few dozen files still spread over
// every thread, up to kMaxFilesPerGroup files or until they hold
// kMaxBytesPerGroup, which keeps the memory in flight small.
class FileGrouping {
 public:
  static constexpr size_t kFilesPerGrowth = 1;
  static constexpr size_t kMaxFilesPerGroup = 32;
  static constexpr uint64_t kMaxBytesPerGroup = 128 << 10;

  explicit FileGrouping(int threads);

  // The next group of paths from `next_path` (nullopt: no more); empty
  // when there are none left.
  std::vector<std::string> NextGroup(
      const std::function<std::optional<std::string>()>& next_path);

 private:
  size_t threads_;
  size_t pulled_ = 0;
};

// REQUIRES: threads >= 1. Returns when `next` has returned nullopt and
// every result has been emitted. `emit` returning false stops the run
// early (a closed output); the remaining jobs are dropped.
void RunInOrder(int threads, const std::function<std::optional<Job>()>& next,
                const std::function<bool(BatchResult)>& emit);

}  // namespace claimcheck

#endif  // CLAIMCHECK_PIPELINE_BATCH_H_
