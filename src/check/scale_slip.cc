// scale-slip: the value is the fact's value times a power of a thousand:
// "million" written for "billion" and the like. Severity error.
#include <cmath>

#include <fmt/format.h>

#include "check/claim_state.h"

namespace claimcheck {

Status CheckScaleSlip(CheckContext& context) {
  static constexpr double kFactors[] = {1e3, 1e6, 1e9, 1e-3, 1e-6, 1e-9};
  for (ClaimState& state : context.states) {
    if (!state.fact || state.agrees || state.explained) continue;
    const Fact& fact = *state.fact;
    const Claim& claim = *state.claim;
    for (double factor : kFactors) {
      if (!AgreesTimes(state, factor)) continue;  // never for a bound
      std::string how = factor > 1
                            ? fmt::format("{:.0f} times too large", factor)
                            : fmt::format("{:.0f} times too small", 1 / factor);
      AddFinding(state, RuleId::kScaleSlip, Severity::kError,
                 fmt::format("\"{}\" is {}: {} is {} (source: {})", claim.text,
                             how, FactLabel(fact), DescribeFact(state), Cite(fact)),
                 ExpectedFor(state), SharedFact(state));
      state.explained = true;
      break;
    }
  }
  return Status::Ok();
}

}  // namespace claimcheck
