// Independent tasks spread over a few threads, for work done once, such as
// compiling the rules at start, where each task is large and few.
//
//   std::vector<Result<Part>> parts(files.size());
//   ForEachIndex(files.size(), jobs, [&](size_t i) { parts[i] = LoadPart(files[i]); });
//
// The document batch has its own runner (pipeline/batch.h): it keeps order
// and bounds what is in flight, which tasks that all fit in memory do not
// need.
#ifndef CLAIMCHECK_BASE_PARALLEL_H_
#define CLAIMCHECK_BASE_PARALLEL_H_

#include <cstddef>
#include <functional>

namespace claimcheck {

// Calls task(i) once for each i in [0, count), on up to `threads` threads,
// the calling one included (with one thread, or fewer than two tasks, all
// on the caller, in order). Returns when every call has returned. A task
// that throws does not stop the others; the first exception caught is
// thrown again once all are done.
void ForEachIndex(size_t count, int threads, const std::function<void(size_t)>& task);

}  // namespace claimcheck

#endif  // CLAIMCHECK_BASE_PARALLEL_H_
