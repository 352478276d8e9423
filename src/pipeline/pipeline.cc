#include "pipeline/pipeline.h"

#include <utility>

#include "check/check.h"
#include "normalize/normalizer.h"

namespace claimcheck {

DocumentReport CheckDocument(const Document& doc, const Engine& engine) {
  DocumentReport report;
  report.path = doc.path;
  report.bytes = doc.source.size();
  std::vector<Claim> claims = ExtractClaims(doc, *engine.rules);
  if (!engine.store) {
    report.claims.reserve(claims.size());
    for (Claim& claim : claims) {
      ClaimReport entry;
      entry.claim = std::move(claim);
      report.claims.push_back(std::move(entry));
    }
    return report;
  }
  Result<std::vector<ClaimLink>> links = engine.linker->Link(doc, claims);
  if (!links.ok()) {
    report.error = links.status().WithPrefix(doc.path);
    return report;
  }
  Result<std::vector<ClaimReport>> checked =
      CheckClaims({doc, claims, *links, *engine.store});
  if (!checked.ok()) {
    report.error = checked.status().WithPrefix(doc.path);
    return report;
  }
  report.claims = std::move(checked).value();
  return report;
}

DocumentReport FailedDocument(std::string path, Status error) {
  DocumentReport report;
  report.path = std::move(path);
  report.error = std::move(error);
  return report;
}

void AddToSummary(const DocumentReport& report, Summary& summary) {
  ++summary.documents;
  if (report.error) {
    ++summary.errors;
    return;
  }
  summary.claims += report.claims.size();
  for (const ClaimReport& claim : report.claims) {
    switch (claim.verdict) {
      case Verdict::kSupported: ++summary.supported; break;
      case Verdict::kFlagged: ++summary.flagged; break;
      case Verdict::kUnverified: ++summary.unverified; break;
    }
  }
}

}  // namespace claimcheck
