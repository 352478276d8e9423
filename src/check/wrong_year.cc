// wrong-year: the value disagrees with the fact for the year the text
// gives, but agrees with the same series in another year. Severity warning:
// the figure is real, only stale or early, which is often a reporting lag
// rather than an invention.
#include <cstdlib>

#include <fmt/format.h>

#include "check/claim_state.h"

namespace claimcheck {

Status CheckWrongYear(CheckContext& context) {
  for (ClaimState& state : context.states) {
    if (!state.fact || state.agrees || state.explained) continue;
    const Claim& claim = *state.claim;
    if (claim.type == ClaimType::kYear || !claim.year) continue;
    // A bound is met by many years' values; only a figure can be dated.
    if (claim.qualifier == Qualifier::kOver || claim.qualifier == Qualifier::kUnder) {
      continue;
    }
    const Fact* match = nullptr;
    for (const Fact& other : state.series->members) {
      if (!other.year || other.year == claim.year) continue;
      if (match && std::abs(*match->year - *claim.year) <=
                       std::abs(*other.year - *claim.year)) {
        continue;
      }
      // Across currencies, the linked year's rate stands in for the other
      // year's; kRateSlack covers the drift between neighbouring years.
      double factor = state.conversion_factor;
      double tolerance = ToleranceOf(other) + (state.conversion.empty() ? 0 : kRateSlack);
      if (Agrees(state.compared, claim.qualifier, HalfUnit(claim) * factor,
                 other.value, tolerance)) {
        match = &other;
      }
    }
    if (!match) continue;
    const Fact& fact = *state.fact;
    AddFinding(state, RuleId::kWrongYear, Severity::kWarning,
               fmt::format("\"{}\" is the {} figure ({}); {} is {} (source: {})",
                           claim.text, *match->year,
                           FormatFigure(match->value, match->unit), FactLabel(fact),
                           DescribeFact(state), Cite(fact)),
               ExpectedFor(state), SharedFact(state));
    state.explained = true;
  }
  return Status::Ok();
}

}  // namespace claimcheck
