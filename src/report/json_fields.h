// The JSON report's vocabulary: the one place that spells its field names
// (interface.md, "JSON report") and turns the result model into JSON
// values. The json, jsonl and sarif printers, and later serve/, share it so
// that a field cannot be spelled two ways. Pure functions; thread-safe.
//
//   Json document = DocumentJson(report, ReportKind::kCheck);
//   out << document.dump();
//
// Objects keep their fields in the contract's order (ordered_json), so the
// output is byte-stable.
#ifndef CLAIMCHECK_REPORT_JSON_FIELDS_H_
#define CLAIMCHECK_REPORT_JSON_FIELDS_H_

#include <nlohmann/json.hpp>
#include <string>

#include "model/report.h"
#include "report/printer.h"

namespace claimcheck {

using Json = nlohmann::ordered_json;

// The report format's version ("version": 1).
inline constexpr int kReportVersion = 1;

// A number as the report writes it: an integer when the double is a whole
// number that JSON readers hold exactly (|v| < 2^53), else the double;
// null for NaN and infinities, which JSON cannot hold.
Json NumberJson(double value);

// {"id", "value", "unit", "year" (null when timeless), "source",
//  "url" (null when empty)}.
Json FactJson(const Fact& fact);

// {"rule", "severity", "message", "expected": {"value", "unit"} or null,
//  "fact": FactJson or null}.
Json FindingJson(const Finding& finding);

// {"text", "start", "end", "line", "column", "type", "value", "unit",
//  "year" (null when absent), "qualifier", "relation": {"id", "kind",
//  "role"} (only when present), then for kCheck "verdict", "findings",
//  "fact" (null when not linked) and "note" (only when not empty).
Json ClaimJson(const ClaimReport& claim, ReportKind kind);

// {"path", "error": null or the message, "claims": [...]}.
Json DocumentJson(const DocumentReport& report, ReportKind kind);

// kCheck: {"documents", "claims", "supported", "flagged", "unverified",
// "errors"}; kExtract: {"documents", "claims", "errors"}.
Json SummaryJson(const Summary& summary, ReportKind kind);

// value.dump(2) with every line after the first indented by `indent`
// spaces, for embedding in a document that is written piece by piece.
// Invalid UTF-8 is replaced (U+FFFD) rather than thrown on.
std::string DumpNested(const Json& value, int indent);

// value.dump() on one line, invalid UTF-8 replaced.
std::string DumpLine(const Json& value);

}  // namespace claimcheck

#endif  // CLAIMCHECK_REPORT_JSON_FIELDS_H_
