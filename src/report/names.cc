// The strings of interface.md for the model's enums: the only place they
// are spelled (STYLE.md: "rule ids ... are strings only at the edges").
#include "report/printer.h"

namespace claimcheck {

Result<ReportFormat> ParseReportFormat(std::string_view name) {
  if (name == "text") return ReportFormat::kText;
  if (name == "json") return ReportFormat::kJson;
  if (name == "jsonl") return ReportFormat::kJsonl;
  if (name == "sarif") return ReportFormat::kSarif;
  if (name == "html") return ReportFormat::kHtml;
  return Status::InvalidArgument(
      "unknown format \"" + std::string(name) +
      "\" (expected text, json, jsonl, sarif or html)");
}

std::string_view RuleIdName(RuleId rule) {
  switch (rule) {
    case RuleId::kFactMismatch:
      return "fact-mismatch";
    case RuleId::kWrongYear:
      return "wrong-year";
    case RuleId::kScaleSlip:
      return "scale-slip";
    case RuleId::kCurrencyConversion:
      return "currency-conversion";
    case RuleId::kInternalInconsistency:
      return "internal-inconsistency";
    case RuleId::kChangeArithmetic:
      return "change-arithmetic";
    case RuleId::kMisattribution:
      return "misattribution";
    case RuleId::kImpossibleValue:
      return "impossible-value";
  }
  return "unknown";
}

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "unknown";
}

std::string_view VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kSupported:
      return "supported";
    case Verdict::kFlagged:
      return "flagged";
    case Verdict::kUnverified:
      return "unverified";
  }
  return "unknown";
}

std::string_view ClaimTypeName(ClaimType type) {
  switch (type) {
    case ClaimType::kPercent:
      return "percent";
    case ClaimType::kCurrency:
      return "currency";
    case ClaimType::kNumber:
      return "number";
    case ClaimType::kYear:
      return "year";
  }
  return "unknown";
}

std::string_view QualifierName(Qualifier qualifier) {
  switch (qualifier) {
    case Qualifier::kExact:
      return "exact";
    case Qualifier::kAbout:
      return "about";
    case Qualifier::kNearly:
      return "nearly";
    case Qualifier::kOver:
      return "over";
    case Qualifier::kUnder:
      return "under";
  }
  return "unknown";
}

std::string_view RelationKindName(RelationKind kind) {
  switch (kind) {
    case RelationKind::kRange:
      return "range";
    case RelationKind::kChange:
      return "change";
    case RelationKind::kConversion:
      return "conversion";
    case RelationKind::kMultiplier:
      return "multiplier";
  }
  return "unknown";
}

std::string_view RelationRoleName(RelationRole role) {
  switch (role) {
    case RelationRole::kLow:
      return "low";
    case RelationRole::kHigh:
      return "high";
    case RelationRole::kFrom:
      return "from";
    case RelationRole::kTo:
      return "to";
    case RelationRole::kDelta:
      return "delta";
    case RelationRole::kAmount:
      return "amount";
    case RelationRole::kEquivalent:
      return "equivalent";
    case RelationRole::kBase:
      return "base";
    case RelationRole::kResult:
      return "result";
    case RelationRole::kFactor:
      return "factor";
  }
  return "unknown";
}

}  // namespace claimcheck
