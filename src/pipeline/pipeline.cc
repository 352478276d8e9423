#include "pipeline/pipeline.h"

#include <utility>

#include "check/check.h"
#include "input/reader.h"
#include "normalize/normalizer.h"

namespace claimcheck {

DocumentReport CheckDocument(const Document& doc, const Engine& engine) {
  return std::move(CheckDocuments({&doc}, engine).front());
}

std::vector<DocumentReport> CheckDocuments(const std::vector<const Document*>& docs,
                                           const Engine& engine) {
  std::vector<DocumentReport> reports(docs.size());
  std::vector<std::vector<Claim>> claims(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    reports[i].path = docs[i]->path;
    reports[i].bytes = docs[i]->source.size();
    claims[i] = ExtractClaims(*docs[i], *engine.rules);
  }
  if (!engine.store) {
    for (size_t i = 0; i < docs.size(); ++i) {
      reports[i].claims.reserve(claims[i].size());
      for (Claim& claim : claims[i]) {
        ClaimReport entry;
        entry.claim = std::move(claim);
        reports[i].claims.push_back(std::move(entry));
      }
    }
    return reports;
  }
  std::vector<Result<std::vector<ClaimLink>>> links;
  links.reserve(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) links.push_back(engine.linker->Link(*docs[i], claims[i]));
  for (size_t i = 0; i < docs.size(); ++i) {
    if (!links[i].ok()) {
      reports[i].error = links[i].status().WithPrefix(docs[i]->path);
      continue;
    }
    Result<std::vector<ClaimReport>> checked =
        CheckClaims({*docs[i], claims[i], *links[i], *engine.store});
    if (!checked.ok()) {
      reports[i].error = checked.status().WithPrefix(docs[i]->path);
      continue;
    }
    reports[i].claims = std::move(checked).value();
  }
  return reports;
}

std::vector<DocumentReport> CheckFiles(const std::vector<std::string>& paths,
                                       const Engine& engine) {
  std::vector<Result<Document>> read;
  std::vector<const Document*> readable;
  read.reserve(paths.size());
  for (const std::string& path : paths) {
    read.push_back(ReadDocument(path));
    if (read.back().ok()) readable.push_back(&*read.back());
  }
  std::vector<DocumentReport> checked = CheckDocuments(readable, engine);
  std::vector<DocumentReport> reports;
  reports.reserve(paths.size());
  for (size_t i = 0, k = 0; i < paths.size(); ++i) {
    reports.push_back(read[i].ok() ? std::move(checked[k++])
                                   : FailedDocument(paths[i], read[i].status()));
  }
  return reports;
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
