#include "cli/check_command.h"

#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/messages.h"
#include "extract/extractor.h"
#include "facts/fact_store.h"
#include "input/reader.h"
#include "link/linker.h"
#include "pipeline/batch.h"
#include "pipeline/pipeline.h"

namespace claimcheck::cli {
namespace {

bool Fails(const DocumentReport& report, FailOn fail_on) {
  if (fail_on == FailOn::kNever) return false;
  for (const ClaimReport& claim : report.claims) {
    for (const Finding& finding : claim.findings) {
      if (fail_on == FailOn::kWarning || finding.severity == Severity::kError) {
        return true;
      }
    }
  }
  return false;
}

struct InputTotals {
  size_t documents = 0;
  uint64_t bytes = 0;
};

InputTotals CountInputs(const std::vector<std::string>& paths, const InputOptions& options) {
  InputTotals totals;
  InputLister lister(paths, options);
  while (std::optional<std::string> path = lister.Next()) {
    ++totals.documents;
    std::error_code ec;
    if (*path == "-") continue;
    auto size = std::filesystem::file_size(*path, ec);
    if (!ec) totals.bytes += size;
  }
  return totals;
}

}  // namespace

int RunCheck(const CheckOptions& options) {
  Result<std::unique_ptr<RuleSet>> rules =
      RuleSet::Load(options.rules_dir, std::max(options.jobs, 1));
  if (!rules.ok()) {
    PrintError(rules.status().message());
    return 2;
  }
  std::unique_ptr<FactStore> store;
  std::optional<Linker> linker;
  if (!options.extract_only) {
    Result<std::unique_ptr<FactStore>> opened = OpenFactsForChecking(options.db);
    if (!opened.ok()) {
      PrintError(opened.status().message());
      return 2;
    }
    store = std::move(opened).value();
    linker.emplace(*store);
  }
  Engine engine{rules->get(), store.get(), linker ? &*linker : nullptr};

  std::unique_ptr<Printer> printer = NewPrinter(
      options.format,
      options.extract_only ? ReportKind::kExtract : ReportKind::kCheck, std::cout);

  // Workers render what the printer can render out of order.
  auto render = [&printer](DocumentReport report) {
    std::optional<std::string> bytes = printer->Render(report);
    return BatchResult{std::move(report), std::move(bytes)};
  };
  std::function<std::optional<Job>()> next;
  std::unique_ptr<JsonlReader> jsonl;
  std::optional<InputLister> lister;
  FileGrouping grouping(options.jobs);
  // The progress line needs the totals up front: a counting walk, made
  // only when the line will be drawn.
  const bool may_draw = options.progress && StderrIsTerminal();
  InputTotals totals;
  if (options.jsonl_input) {
    jsonl = std::make_unique<JsonlReader>(std::cin);
    // Only the reading is in order; the parsing is part of the job.
    next = [&]() -> std::optional<Job> {
      std::optional<JsonlReader::Line> line = jsonl->NextLine();
      if (!line) return std::nullopt;
      // One line a job: a caller may wait for each answer before it
      // writes the next line.
      return Job([&engine, &render, line = std::move(*line)]() mutable {
        JsonlReader::Record record = JsonlReader::ParseLine(std::move(line));
        if (!record.document.ok()) {
          std::string id = record.id.empty() ? "line-" + std::to_string(record.line)
                                             : record.id;
          return std::vector{render(FailedDocument(id, record.document.status()))};
        }
        return std::vector{render(CheckDocument(*record.document, engine))};
      });
    };
  } else {
    std::vector<std::string> paths = options.paths;
    if (paths.empty()) paths.push_back("-");
    const InputOptions input_options{options.include_globs};
    if (may_draw) totals = CountInputs(paths, input_options);
    lister.emplace(paths, input_options);
    next = [&]() -> std::optional<Job> {
      std::vector<std::string> group = grouping.NextGroup([&] { return lister->Next(); });
      if (group.empty()) return std::nullopt;
      return Job([&engine, &render, group = std::move(group)] {
        std::vector<BatchResult> results;
        for (DocumentReport& report : CheckFiles(group, engine)) {
          results.push_back(render(std::move(report)));
        }
        return results;
      });
    };
  }

  bool batch = options.jsonl_input || totals.documents > 1;
  Progress progress(may_draw && batch, totals.documents, totals.bytes);
  Summary summary;
  bool failed = false;
  bool input_error = false;
  printer->Begin();
  RunInOrder(
      std::max(options.jobs, 1), next, [&](BatchResult result) {
        const DocumentReport& report = result.report;
        AddToSummary(report, summary);
        if (report.error) {
          input_error = true;
          progress.Finish();
          PrintError(report.error->message());
        }
        failed = failed || Fails(report, options.fail_on);
        progress.DocumentDone(report.bytes);
        if (result.rendered) {
          printer->Write(*result.rendered);
        } else {
          printer->Document(report);
        }
        // A streaming consumer waits for each line: hand it over now.
        if (options.jsonl_input) std::cout.flush();
        return static_cast<bool>(std::cout);
      });
  progress.Finish();
  printer->Finish(summary);
  std::cout.flush();
  if (input_error) return 2;
  return failed ? 1 : 0;
}

}  // namespace claimcheck::cli
