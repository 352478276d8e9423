// `claimcheck check` and `claimcheck extract`: options as plain data, and
// the run that turns them into a report on stdout and an exit status.
#ifndef CLAIMCHECK_CLI_CHECK_COMMAND_H_
#define CLAIMCHECK_CLI_CHECK_COMMAND_H_

#include <string>
#include <vector>

#include "report/printer.h"

namespace claimcheck::cli {

enum class FailOn { kError, kWarning, kNever };

struct CheckOptions {
  bool extract_only = false;        // `extract`: no database, no verdicts
  std::vector<std::string> paths;   // empty or "-": stdin
  std::string db;                   // resolved by the caller
  std::string rules_dir;
  ReportFormat format = ReportFormat::kText;
  FailOn fail_on = FailOn::kError;
  int jobs = 1;
  bool jsonl_input = false;         // --input jsonl
  bool progress = true;             // false with --quiet / --no-progress
  std::vector<std::string> include_globs;
};

// Runs the command; returns the exit status of interface.md: 0, 1 (a
// finding at or above fail_on), 2 (rules, database or input errors).
int RunCheck(const CheckOptions& options);

}  // namespace claimcheck::cli

#endif  // CLAIMCHECK_CLI_CHECK_COMMAND_H_
