// The JSON report's vocabulary: the one place that spells its field names
// (interface.md, "JSON report") and turns the result model into JSON text.
// The json, jsonl and sarif printers, and later serve/, share it so that a
// field cannot be spelled two ways. Thread-safe.
//
//   std::string line = DocumentText(report, ReportKind::kCheck);
//
// The text is written straight from the model, without building a JSON
// tree first (which cost more than checking the claims in a batch), with
// the bytes nlohmann's dump() gives for the same value: fields in the
// contract's order, whole numbers without a fraction, invalid UTF-8
// replaced (U+FFFD).
#ifndef CLAIMCHECK_REPORT_JSON_FIELDS_H_
#define CLAIMCHECK_REPORT_JSON_FIELDS_H_

#include <nlohmann/json.hpp>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "model/report.h"
#include "report/printer.h"

namespace claimcheck {

using Json = nlohmann::ordered_json;

// The report format's version ("version": 1).
inline constexpr int kReportVersion = 1;

// Appends one JSON value to `out`: on one line (indent < 0, as dump()) or
// indented by `indent` per level (as dump(indent)) with every line after
// the first indented by `pad` more spaces, for a value embedded in a
// document that is written piece by piece. Inside an object, each value
// follows its Key.
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out, int indent = -1, int pad = 0);

  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  void Key(std::string_view key);
  // A key written in the source, as all of the report's are: its length is
  // known when the program is built, so it is quoted on the stack and
  // added in one append (keys are a fifth of the report's bytes).
  template <size_t N>
  void Key(const char (&key)[N]) {
    constexpr size_t kLength = N - 1;
    const std::string_view name(key, kLength);
    if (!IsPlain(name)) return Key(name);
    BeforeValue();
    char quoted[kLength + 4] = {'"'};
    std::memcpy(quoted + 1, key, kLength);
    quoted[kLength + 1] = '"';
    quoted[kLength + 2] = ':';
    quoted[kLength + 3] = ' ';
    out_.append(quoted, kLength + (indent_ < 0 ? 3 : 4));
    after_key_ = true;
  }
  void String(std::string_view value);
  // An integer when the double is a whole number that JSON readers hold
  // exactly (|v| < 2^53), else the double; null for NaN and infinities,
  // which JSON cannot hold.
  void Number(double value);
  void Integer(int64_t value);
  void Null();

 private:
  void BeforeValue();
  void NewLine();
  void AppendString(std::string_view value);
  // True when `value` is written as it is between quotes: printable ASCII
  // without '"' or '\\'.
  static constexpr bool IsPlain(std::string_view value) {
    for (char c : value) {
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') return false;
    }
    return true;
  }

  struct Level {
    bool object;
    bool empty;
  };
  std::string& out_;
  int indent_;
  int pad_;
  std::vector<Level> levels_;
  bool after_key_ = false;
};

// {"id", "value", "unit", "year" (null when timeless), "source",
//  "url" (null when empty)}.
void WriteFact(const Fact& fact, JsonWriter& out);

// {"rule", "severity", "message", "expected": {"value", "unit"} or null,
//  "fact": WriteFact or null}.
void WriteFinding(const Finding& finding, JsonWriter& out);

// {"text", "start", "end", "line", "column", "type", "value", "unit",
//  "year" (null when absent), "qualifier", "relation": {"id", "kind",
//  "role"} (only when present), then for kCheck "verdict", "findings",
//  "fact" (null when not linked) and "note" (only when not empty).
void WriteClaim(const ClaimReport& claim, ReportKind kind, JsonWriter& out);

// {"path", "error": null or the message, "claims": [...]}.
void WriteDocument(const DocumentReport& report, ReportKind kind, JsonWriter& out);

// kCheck: {"documents", "claims", "supported", "flagged", "unverified",
// "errors"}; kExtract: {"documents", "claims", "errors"}.
void WriteSummary(const Summary& summary, ReportKind kind, JsonWriter& out);

// A document's object as text, on one line (indent < 0) or indented.
std::string DocumentText(const DocumentReport& report, ReportKind kind, int indent = -1,
                         int pad = 0);
std::string SummaryText(const Summary& summary, ReportKind kind, int indent = -1, int pad = 0);

// A claim's object as a JSON value, for a printer that nests it in a tree
// of its own (SARIF).
Json ClaimJson(const ClaimReport& claim, ReportKind kind);

// value.dump(2) with every line after the first indented by `indent`
// spaces. Invalid UTF-8 is replaced (U+FFFD) rather than thrown on.
std::string DumpNested(const Json& value, int indent);

}  // namespace claimcheck

#endif  // CLAIMCHECK_REPORT_JSON_FIELDS_H_
