#include "cli/messages.h"

#include <unistd.h>

#include <cstdio>
#include <string>

#include <fmt/format.h>

namespace claimcheck::cli {
namespace {

// A progress line on screen that an error line must first erase.
bool g_progress_on_screen = false;

std::string Clock(double seconds) {
  auto s = static_cast<long>(seconds + 0.5);
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

}  // namespace

void PrintError(std::string_view message) {
  if (g_progress_on_screen) std::fputs("\r\x1b[K", stderr);
  std::fputs(fmt::format("claimcheck: error: {}\n", message).c_str(), stderr);
  std::fflush(stderr);
}

bool StderrIsTerminal() { return isatty(STDERR_FILENO) == 1; }

Progress::Progress(bool enabled, size_t total_documents, uint64_t total_bytes)
    : enabled_(enabled),
      total_documents_(total_documents),
      total_bytes_(total_bytes),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

Progress::~Progress() { Finish(); }

void Progress::DocumentDone(uint64_t bytes) {
  ++documents_;
  bytes_ += bytes;
  Draw(false);
}

void Progress::Draw(bool force) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (!force && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  double elapsed = std::chrono::duration<double>(now - start_).count();
  double rate = elapsed > 0 ? bytes_ / elapsed : 0;
  std::string line;
  if (total_documents_ > 0) {
    line = fmt::format("{}/{} documents", documents_, total_documents_);
  } else {
    line = fmt::format("{} documents", documents_);
  }
  line += fmt::format("  {:.1f} MB/s  elapsed {}", rate / 1e6, Clock(elapsed));
  if (total_bytes_ > 0 && bytes_ > 0 && rate > 0 && bytes_ < total_bytes_) {
    line += fmt::format("  remaining {}", Clock((total_bytes_ - bytes_) / rate));
  }
  std::fputs(fmt::format("\r{}\x1b[K", line).c_str(), stderr);
  std::fflush(stderr);
  drawn_ = true;
  g_progress_on_screen = true;
}

void Progress::Finish() {
  if (!drawn_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
  g_progress_on_screen = false;
}

}  // namespace claimcheck::cli
