// fact-mismatch: the value disagrees with its linked fact and no more
// specific explanation (another year, another fact, a scale word) fits.
// Severity error: the claim and its source cannot both be right.
#include <fmt/format.h>

#include "check/claim_state.h"

namespace claimcheck {

Status CheckFactMismatch(CheckContext& context) {
  for (ClaimState& state : context.states) {
    if (!state.fact || state.agrees || state.explained) continue;
    const Fact& fact = *state.fact;
    AddFinding(state, RuleId::kFactMismatch, Severity::kError,
               fmt::format("\"{}\": {} is {} (source: {})", state.claim->text,
                           FactLabel(fact), DescribeFact(state), Cite(fact)),
               ExpectedFor(state), SharedFact(state));
    state.explained = true;
  }
  return Status::Ok();
}

}  // namespace claimcheck
