// Stage 6: printers turn the result model (model/report.h) into the report
// formats of interface.md. One printer serves a whole run and is fed one
// document at a time, in input order:
//
//   std::unique_ptr<Printer> printer =
//       NewPrinter(ReportFormat::kJson, ReportKind::kCheck, std::cout);
//   printer->Begin();
//   for (const DocumentReport& report : reports) printer->Document(report);
//   printer->Finish(summary);
//
// Output is byte-stable: the same calls give the same bytes. A printer is
// not thread-safe; the caller serialises calls, except to Render. Printers
// see only model/.
//
// A batch renders on its worker threads and only writes in order:
//
//   std::optional<std::string> bytes = printer->Render(report);  // any thread
//   if (bytes) printer->Write(*bytes); else printer->Document(report);
#ifndef CLAIMCHECK_REPORT_PRINTER_H_
#define CLAIMCHECK_REPORT_PRINTER_H_

#include <memory>
#include <optional>
#include <string>
#include <ostream>
#include <string_view>

#include "base/status.h"
#include "model/report.h"

namespace claimcheck {

enum class ReportFormat { kText, kJson, kJsonl, kSarif, kHtml };

// `check` reports verdicts, findings and facts; `extract` only claims
// (interface.md: "extract writes the same report without ...").
enum class ReportKind { kCheck, kExtract };

// "text", "json", "jsonl", "sarif", "html"; kInvalidArgument otherwise.
Result<ReportFormat> ParseReportFormat(std::string_view name);

class Printer {
 public:
  virtual ~Printer() = default;
  virtual void Begin() = 0;
  virtual void Document(const DocumentReport& report) = 0;
  virtual void Finish(const Summary& summary) = 0;

  // The bytes of `report` apart from whatever depends on its place in the
  // run, so that Write(*Render(r)) writes what Document(r) would; nullopt
  // from a printer that must see documents in order (sarif, html).
  // Thread-safe: it reads nothing that Document or Write change.
  virtual std::optional<std::string> Render(const DocumentReport& report) const {
    (void)report;
    return std::nullopt;
  }
  // Writes what Render returned, as Document would have.
  virtual void Write(std::string_view rendered) { (void)rendered; }
};

// The printer for `format` (each format's file opens with its
// specification):
//   text   one line a finding (check) or a claim (extract), compiler style,
//          then a summary line; unreadable documents print nothing (the CLI
//          names them on stderr).
//   json   interface.md's report, streamed: each document is written when
//          it arrives, yet the bytes equal one two-space dump of the whole.
//   jsonl  one document object a line, no summary.
//   sarif  a SARIF 2.1.0 log: one result per finding (a note per claim for
//          extract), read errors as tool notifications.
//   html   a self-contained page for editors, everything escaped.
// Every printer flushes `out` after each document.
// REQUIRES: out outlives the printer.
std::unique_ptr<Printer> NewPrinter(ReportFormat format, ReportKind kind,
                                    std::ostream& out);

// The names of interface.md for the model's enums ("fact-mismatch",
// "error", "supported", "percent", "about", "change", "from", ...).
std::string_view RuleIdName(RuleId rule);
std::string_view SeverityName(Severity severity);
std::string_view VerdictName(Verdict verdict);
std::string_view ClaimTypeName(ClaimType type);
std::string_view QualifierName(Qualifier qualifier);
std::string_view RelationKindName(RelationKind kind);
std::string_view RelationRoleName(RelationRole role);

}  // namespace claimcheck

#endif  // CLAIMCHECK_REPORT_PRINTER_H_
