// Stage 5: checks every claim of a document against its linked facts,
// exchange rates and the document's own arithmetic, and gives each claim a
// verdict with its findings. One .cc per rule id (interface.md, "Findings
// and rule ids"); all_checks.cc runs them in order.
//
//   Result<std::vector<ClaimReport>> reports =
//       CheckClaims({doc, claims, links, store});
//
// Thread-safe: CheckClaims keeps no state between calls.
#ifndef CLAIMCHECK_CHECK_CHECK_H_
#define CLAIMCHECK_CHECK_CHECK_H_

#include <vector>

#include "base/status.h"
#include "facts/fact_store.h"
#include "link/linker.h"
#include "model/claim.h"
#include "model/document.h"
#include "model/report.h"

namespace claimcheck {

struct CheckInput {
  const Document& doc;
  const std::vector<Claim>& claims;
  const std::vector<ClaimLink>& links;  // one per claim
  const FactStore& store;
};

// Returns one ClaimReport per claim, in the same order: flagged when any
// check found something, supported when a fact (or a rate, or the claim's
// own relation) confirms it, unverified otherwise. Fails only when the
// fact store fails.
Result<std::vector<ClaimReport>> CheckClaims(const CheckInput& input);

}  // namespace claimcheck

#endif  // CLAIMCHECK_CHECK_CHECK_H_
