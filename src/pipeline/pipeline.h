// The whole check of one document, as a pure function of the document and
// an Engine (the compiled rules and, for `check`, the fact database):
// extract claims, normalise them, link them to facts, run the checks.
//
//   Linker linker(*store);
//   Engine engine{rules.get(), store.get(), &linker};
//   DocumentReport report = CheckDocument(doc, engine);
//
// Thread-safe: any number of threads may call CheckDocument with one Engine.
#ifndef CLAIMCHECK_PIPELINE_PIPELINE_H_
#define CLAIMCHECK_PIPELINE_PIPELINE_H_

#include <string>
#include <vector>

#include "base/status.h"
#include "extract/extractor.h"
#include "facts/fact_store.h"
#include "link/linker.h"
#include "model/document.h"
#include "model/report.h"

namespace claimcheck {

struct Engine {
  const RuleSet* rules = nullptr;    // required
  const FactStore* store = nullptr;  // null: extract only, no verdicts
  const Linker* linker = nullptr;    // required when store is set
};

// Returns the document's report. With no store, claims are reported as
// found (unverified, no findings). A fact-store failure becomes the
// report's error, like an unreadable file.
DocumentReport CheckDocument(const Document& doc, const Engine& engine);

// The reports of several documents, in their order, each as CheckDocument
// gives it. Each stage runs over all of them before the next begins, so
// that its rules, caches and code are still in the processor's caches for
// the next document: on 2,000 generated files, groups of 32 ran about 10%
// faster than one document at a time.
std::vector<DocumentReport> CheckDocuments(const std::vector<const Document*>& docs,
                                           const Engine& engine);

// The reports of the files at `paths`, in their order: each is read
// (input/reader.h ReadDocument), the readable ones are checked together
// (CheckDocuments), and one that cannot be read gets its error.
std::vector<DocumentReport> CheckFiles(const std::vector<std::string>& paths,
                                       const Engine& engine);

// The report of a document that could not be read.
DocumentReport FailedDocument(std::string path, Status error);

// Adds a document's counts to the run's summary.
void AddToSummary(const DocumentReport& report, Summary& summary);

}  // namespace claimcheck

#endif  // CLAIMCHECK_PIPELINE_PIPELINE_H_
