// internal-inconsistency: two claims of one document speak of the same fact
// (same series, same year) and give values that cannot both be right. The
// claims of one fact are measured against one of them (the first that
// agrees with the fact, else the first), which keeps a long document
// linear and puts the finding on the figure that is wrong. Severity
// warning: one of the two may be a deliberate revision the text explains.
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "check/claim_state.h"

namespace claimcheck {
namespace {

bool IsBound(const Claim& claim) {
  return claim.qualifier == Qualifier::kOver || claim.qualifier == Qualifier::kUnder;
}

}  // namespace

Status CheckInternalInconsistency(CheckContext& context) {
  // Claims of each fact, in text order.
  std::map<std::string, std::vector<size_t>> by_fact;
  for (size_t i = 0; i < context.states.size(); ++i) {
    const ClaimState& state = context.states[i];
    if (state.fact && !IsBound(*state.claim)) by_fact[state.fact->id].push_back(i);
  }
  for (const auto& [id, claims] : by_fact) {
    if (claims.size() < 2) continue;
    // The claim the others are measured against: the first that agrees with
    // the fact, so the wrong one of a pair carries the finding.
    size_t reference = claims.front();
    for (size_t i : claims) {
      if (context.states[i].agrees) {
        reference = i;
        break;
      }
    }
    const ClaimState& earlier = context.states[reference];
    const Claim& a = *earlier.claim;
    for (size_t j : claims) {
      if (j == reference) continue;
      ClaimState& later = context.states[j];
      const Claim& b = *later.claim;
      if (a.relation && b.relation && a.relation->id == b.relation->id) continue;
      double half = std::max(HalfUnit(a) * earlier.conversion_factor,
                             HalfUnit(b) * later.conversion_factor);
      Qualifier hedge = a.qualifier == Qualifier::kExact ? b.qualifier : a.qualifier;
      if (Agrees(later.compared, hedge, half, earlier.compared, ToleranceOf(*later.fact))) {
        continue;
      }
      double expected = earlier.compared / later.conversion_factor;
      AddFinding(later, RuleId::kInternalInconsistency, Severity::kWarning,
                 fmt::format("\"{}\" gives {} as {}, but line {} gives it as \"{}\"",
                             b.text, FactLabel(*later.fact), FormatFigure(b.value, b.unit),
                             a.line, a.text),
                 Expected{expected, b.unit}, SharedFact(later));
    }
  }
  return Status::Ok();
}

}  // namespace claimcheck
