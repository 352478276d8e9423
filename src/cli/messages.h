// The only writer to stderr: error lines and the progress line.
// Not thread-safe: call from the thread that runs the command.
#ifndef CLAIMCHECK_CLI_MESSAGES_H_
#define CLAIMCHECK_CLI_MESSAGES_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace claimcheck::cli {

// "claimcheck: error: MESSAGE" on stderr. Clears a progress line first.
void PrintError(std::string_view message);

// Whether stderr is a terminal (the progress line is drawn only there).
bool StderrIsTerminal();

// A progress line for batches, redrawn in place on stderr at most ten times
// a second: documents done and total, MB/s, elapsed and remaining time.
class Progress {
 public:
  // total_documents / total_bytes: 0 when unknown (a stream). A disabled
  // Progress does nothing.
  Progress(bool enabled, size_t total_documents, uint64_t total_bytes);
  ~Progress();

  void DocumentDone(uint64_t bytes);
  // Erases the line; called by the destructor too.
  void Finish();

 private:
  void Draw(bool force);

  bool enabled_;
  bool drawn_ = false;
  size_t total_documents_;
  uint64_t total_bytes_;
  size_t documents_ = 0;
  uint64_t bytes_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace claimcheck::cli

#endif  // CLAIMCHECK_CLI_MESSAGES_H_
