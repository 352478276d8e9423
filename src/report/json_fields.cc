#include "report/json_fields.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>

#include "base/text.h"

namespace claimcheck {

JsonWriter::JsonWriter(std::string& out, int indent, int pad)
    : out_(out), indent_(indent), pad_(pad) {}

void JsonWriter::NewLine() {
  if (indent_ < 0) return;
  out_.push_back('\n');
  out_.append(static_cast<size_t>(pad_) + levels_.size() * static_cast<size_t>(indent_), ' ');
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (levels_.empty()) return;
  Level& level = levels_.back();
  if (!level.empty) out_.push_back(',');
  level.empty = false;
  NewLine();
}

void JsonWriter::BeginObject() {
  BeforeValue();
  out_.push_back('{');
  levels_.push_back({true, true});
}

void JsonWriter::BeginArray() {
  BeforeValue();
  out_.push_back('[');
  levels_.push_back({false, true});
}

void JsonWriter::EndObject() {
  bool empty = levels_.back().empty;
  levels_.pop_back();
  if (!empty) NewLine();
  out_.push_back('}');
}

void JsonWriter::EndArray() {
  bool empty = levels_.back().empty;
  levels_.pop_back();
  if (!empty) NewLine();
  out_.push_back(']');
}

void JsonWriter::Key(std::string_view key) {
  // Keys written in the source take the array overload (json_fields.h);
  // this one is for keys made at run time.
  BeforeValue();
  AppendString(key);
  out_.append(indent_ < 0 ? ":" : ": ");
  after_key_ = true;
}

void JsonWriter::String(std::string_view value) {
  BeforeValue();
  AppendString(value);
}

void JsonWriter::AppendString(std::string_view value) {
  // Valid UTF-8 is escaped here the way nlohmann escapes it (the report's
  // format since the start): short escapes for the usual controls, \u00xx
  // in lower-case hex for the rest, every other character as written.
  // Invalid UTF-8 is left to nlohmann, which replaces it with U+FFFD.
  if (IsPlain(value)) {
    const size_t from = out_.size();
    out_.resize(from + value.size() + 2);  // quotes and value in one step
    char* at = out_.data() + from;
    at[0] = '"';
    std::memcpy(at + 1, value.data(), value.size());
    at[value.size() + 1] = '"';
    return;
  }
  if (FindInvalidUtf8(value).has_value()) {
    out_.append(Json(std::string(value)).dump(-1, ' ', false, Json::error_handler_t::replace));
    return;
  }
  out_.push_back('"');
  size_t plain_from = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out_.append(value.substr(plain_from, i - plain_from));
    plain_from = i + 1;
    switch (c) {
      case '"': out_.append("\\\""); break;
      case '\\': out_.append("\\\\"); break;
      case '\b': out_.append("\\b"); break;
      case '\f': out_.append("\\f"); break;
      case '\n': out_.append("\\n"); break;
      case '\r': out_.append("\\r"); break;
      case '\t': out_.append("\\t"); break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        const char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        out_.append(escape, sizeof(escape));
      }
    }
  }
  out_.append(value.substr(plain_from));
  out_.push_back('"');
}

void JsonWriter::Number(double value) {
  constexpr double kExactLimit = 9007199254740992.0;  // 2^53
  if (!std::isfinite(value)) {
    Null();
  } else if (std::fabs(value) < kExactLimit && value == std::trunc(value)) {
    Integer(static_cast<int64_t>(value));
  } else {
    BeforeValue();
    out_.append(Json(value).dump());
  }
}

void JsonWriter::Integer(int64_t value) {
  BeforeValue();
  char digits[24];
  const auto written = std::to_chars(digits, digits + sizeof(digits), value);
  out_.append(digits, written.ptr);
}

void JsonWriter::Null() {
  BeforeValue();
  out_.append("null");
}

namespace {

void WriteYear(const std::optional<int>& year, JsonWriter& out) {
  if (year) {
    out.Integer(*year);
  } else {
    out.Null();
  }
}

void WriteCount(size_t count, JsonWriter& out) { out.Integer(static_cast<int64_t>(count)); }

}  // namespace

void WriteFact(const Fact& fact, JsonWriter& out) {
  out.BeginObject();
  out.Key("id");
  out.String(fact.id);
  out.Key("value");
  out.Number(fact.value);
  out.Key("unit");
  out.String(fact.unit);
  out.Key("year");
  WriteYear(fact.year, out);
  out.Key("source");
  out.String(fact.source);
  out.Key("url");
  if (fact.url.empty()) {
    out.Null();
  } else {
    out.String(fact.url);
  }
  out.EndObject();
}

void WriteFinding(const Finding& finding, JsonWriter& out) {
  out.BeginObject();
  out.Key("rule");
  out.String(RuleIdName(finding.rule));
  out.Key("severity");
  out.String(SeverityName(finding.severity));
  out.Key("message");
  out.String(finding.message);
  out.Key("expected");
  if (finding.expected) {
    out.BeginObject();
    out.Key("value");
    out.Number(finding.expected->value);
    out.Key("unit");
    out.String(finding.expected->unit);
    out.EndObject();
  } else {
    out.Null();
  }
  out.Key("fact");
  if (finding.fact) {
    WriteFact(*finding.fact, out);
  } else {
    out.Null();
  }
  out.EndObject();
}

void WriteClaim(const ClaimReport& report, ReportKind kind, JsonWriter& out) {
  const Claim& claim = report.claim;
  out.BeginObject();
  out.Key("text");
  out.String(claim.text);
  out.Key("start");
  WriteCount(claim.source.start, out);
  out.Key("end");
  WriteCount(claim.source.end, out);
  out.Key("line");
  WriteCount(claim.line, out);
  out.Key("column");
  WriteCount(claim.column, out);
  out.Key("type");
  out.String(ClaimTypeName(claim.type));
  out.Key("value");
  out.Number(claim.value);
  out.Key("unit");
  out.String(claim.unit);
  out.Key("year");
  WriteYear(claim.year, out);
  out.Key("qualifier");
  out.String(QualifierName(claim.qualifier));
  if (claim.relation) {
    out.Key("relation");
    out.BeginObject();
    out.Key("id");
    out.Integer(claim.relation->id);
    out.Key("kind");
    out.String(RelationKindName(claim.relation->kind));
    out.Key("role");
    out.String(RelationRoleName(claim.relation->role));
    out.EndObject();
  }
  if (kind == ReportKind::kCheck) {
    out.Key("verdict");
    out.String(VerdictName(report.verdict));
    out.Key("findings");
    out.BeginArray();
    for (const Finding& finding : report.findings) WriteFinding(finding, out);
    out.EndArray();
    out.Key("fact");
    if (report.fact) {
      WriteFact(*report.fact, out);
    } else {
      out.Null();
    }
    if (!report.note.empty()) {
      out.Key("note");
      out.String(report.note);
    }
  }
  out.EndObject();
}

void WriteDocument(const DocumentReport& report, ReportKind kind, JsonWriter& out) {
  out.BeginObject();
  out.Key("path");
  out.String(report.path);
  out.Key("error");
  if (report.error && !report.error->ok()) {
    out.String(report.error->message());
  } else {
    out.Null();
  }
  out.Key("claims");
  out.BeginArray();
  for (const ClaimReport& claim : report.claims) WriteClaim(claim, kind, out);
  out.EndArray();
  out.EndObject();
}

void WriteSummary(const Summary& summary, ReportKind kind, JsonWriter& out) {
  out.BeginObject();
  out.Key("documents");
  WriteCount(summary.documents, out);
  out.Key("claims");
  WriteCount(summary.claims, out);
  if (kind == ReportKind::kCheck) {
    out.Key("supported");
    WriteCount(summary.supported, out);
    out.Key("flagged");
    WriteCount(summary.flagged, out);
    out.Key("unverified");
    WriteCount(summary.unverified, out);
  }
  out.Key("errors");
  WriteCount(summary.errors, out);
  out.EndObject();
}

std::string DocumentText(const DocumentReport& report, ReportKind kind, int indent, int pad) {
  std::string text;
  // About what a claim takes on one line (350 bytes on average), so that
  // the text is not copied again and again as it grows.
  text.reserve(report.path.size() + 64 + 400 * report.claims.size());
  JsonWriter out(text, indent, pad);
  WriteDocument(report, kind, out);
  return text;
}

std::string SummaryText(const Summary& summary, ReportKind kind, int indent, int pad) {
  std::string text;
  JsonWriter out(text, indent, pad);
  WriteSummary(summary, kind, out);
  return text;
}

Json ClaimJson(const ClaimReport& claim, ReportKind kind) {
  std::string text;
  JsonWriter out(text);
  WriteClaim(claim, kind, out);
  return Json::parse(text);
}

std::string DumpNested(const Json& value, int indent) {
  const std::string dumped =
      value.dump(2, ' ', false, Json::error_handler_t::replace);
  const std::string pad(static_cast<size_t>(indent), ' ');
  std::string out;
  out.reserve(dumped.size() + dumped.size() / 8);
  for (char c : dumped) {
    out.push_back(c);
    // Strings are escaped in a dump, so every raw newline is layout.
    if (c == '\n') out += pad;
  }
  return out;
}

}  // namespace claimcheck
