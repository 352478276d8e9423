// The result model every printer reads: findings, verdicts, one report per
// document and the run's summary. Plain structs.
#ifndef CLAIMCHECK_MODEL_REPORT_H_
#define CLAIMCHECK_MODEL_REPORT_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "model/claim.h"
#include "model/fact.h"

namespace claimcheck {

// The stable rule ids of interface.md, in the order of its table.
enum class RuleId {
  kFactMismatch,
  kWrongYear,
  kScaleSlip,
  kCurrencyConversion,
  kInternalInconsistency,
  kChangeArithmetic,
  kMisattribution,
  kImpossibleValue,
};

enum class Severity { kWarning, kError };

enum class Verdict { kSupported, kFlagged, kUnverified };

struct Expected {
  double value = 0;
  std::string unit;
};

struct Finding {
  RuleId rule = RuleId::kFactMismatch;
  Severity severity = Severity::kError;
  std::string message;  // gives the expected figure, arithmetic and source
  std::optional<Expected> expected;
  // The fact the finding rests on, if any. Facts are shared, never copied:
  // a corpus flags thousands of figures against the same few facts, which
  // the linker's cache already holds.
  std::shared_ptr<const Fact> fact;
};

struct ClaimReport {
  Claim claim;
  Verdict verdict = Verdict::kUnverified;
  std::vector<Finding> findings;
  std::shared_ptr<const Fact> fact;  // the linked fact, if any (shared)
  // Why a claim is unverified although facts were near (for example two
  // facts competed and the evidence did not decide), or the arithmetic that
  // supports it without a fact (a conversion at the year's rate); empty
  // otherwise.
  std::string note;
};

struct DocumentReport {
  std::string path;
  std::optional<Status> error;  // set when the document could not be read
  std::vector<ClaimReport> claims;
  size_t bytes = 0;  // size of the source, for progress and throughput
};

struct Summary {
  size_t documents = 0;
  size_t claims = 0;
  size_t supported = 0;
  size_t flagged = 0;
  size_t unverified = 0;
  size_t errors = 0;  // documents that could not be read
};

}  // namespace claimcheck

#endif  // CLAIMCHECK_MODEL_REPORT_H_
