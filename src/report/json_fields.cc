#include "report/json_fields.h"

#include <cmath>
#include <cstdint>

namespace claimcheck {

Json NumberJson(double value) {
  if (!std::isfinite(value)) return nullptr;
  constexpr double kExactLimit = 9007199254740992.0;  // 2^53
  if (std::fabs(value) < kExactLimit && value == std::trunc(value)) {
    return static_cast<int64_t>(value);
  }
  return value;
}

namespace {

Json YearJson(const std::optional<int>& year) {
  if (!year) return nullptr;
  return *year;
}

}  // namespace

Json FactJson(const Fact& fact) {
  Json json;
  json["id"] = fact.id;
  json["value"] = NumberJson(fact.value);
  json["unit"] = fact.unit;
  json["year"] = YearJson(fact.year);
  json["source"] = fact.source;
  json["url"] = fact.url.empty() ? Json(nullptr) : Json(fact.url);
  return json;
}

Json FindingJson(const Finding& finding) {
  Json json;
  json["rule"] = RuleIdName(finding.rule);
  json["severity"] = SeverityName(finding.severity);
  json["message"] = finding.message;
  if (finding.expected) {
    Json expected;
    expected["value"] = NumberJson(finding.expected->value);
    expected["unit"] = finding.expected->unit;
    json["expected"] = std::move(expected);
  } else {
    json["expected"] = nullptr;
  }
  json["fact"] = finding.fact ? FactJson(*finding.fact) : Json(nullptr);
  return json;
}

Json ClaimJson(const ClaimReport& report, ReportKind kind) {
  const Claim& claim = report.claim;
  Json json;
  json["text"] = claim.text;
  json["start"] = claim.source.start;
  json["end"] = claim.source.end;
  json["line"] = claim.line;
  json["column"] = claim.column;
  json["type"] = ClaimTypeName(claim.type);
  json["value"] = NumberJson(claim.value);
  json["unit"] = claim.unit;
  json["year"] = YearJson(claim.year);
  json["qualifier"] = QualifierName(claim.qualifier);
  if (claim.relation) {
    Json relation;
    relation["id"] = claim.relation->id;
    relation["kind"] = RelationKindName(claim.relation->kind);
    relation["role"] = RelationRoleName(claim.relation->role);
    json["relation"] = std::move(relation);
  }
  if (kind == ReportKind::kExtract) return json;
  json["verdict"] = VerdictName(report.verdict);
  Json findings = Json::array();
  for (const Finding& finding : report.findings) {
    findings.push_back(FindingJson(finding));
  }
  json["findings"] = std::move(findings);
  json["fact"] = report.fact ? FactJson(*report.fact) : Json(nullptr);
  if (!report.note.empty()) json["note"] = report.note;
  return json;
}

Json DocumentJson(const DocumentReport& report, ReportKind kind) {
  Json json;
  json["path"] = report.path;
  json["error"] = report.error && !report.error->ok()
                      ? Json(report.error->message())
                      : Json(nullptr);
  Json claims = Json::array();
  for (const ClaimReport& claim : report.claims) {
    claims.push_back(ClaimJson(claim, kind));
  }
  json["claims"] = std::move(claims);
  return json;
}

Json SummaryJson(const Summary& summary, ReportKind kind) {
  Json json;
  json["documents"] = summary.documents;
  json["claims"] = summary.claims;
  if (kind == ReportKind::kCheck) {
    json["supported"] = summary.supported;
    json["flagged"] = summary.flagged;
    json["unverified"] = summary.unverified;
  }
  json["errors"] = summary.errors;
  return json;
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

std::string DumpLine(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace claimcheck
