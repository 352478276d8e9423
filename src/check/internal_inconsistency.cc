// internal-inconsistency: two claims of one document speak of the same fact
// (same series, same year) and give values that cannot both be right. Each
// later claim is compared with the first claim of that fact, and flagged
// pointing at it; comparing with the first only keeps a long document
// linear. Severity warning: one of the two may be a deliberate revision the
// text explains.
#include <cmath>
#include <map>
#include <string>

#include <fmt/format.h>

#include "check/claim_state.h"

namespace claimcheck {
namespace {

bool IsBound(const Claim& claim) {
  return claim.qualifier == Qualifier::kOver || claim.qualifier == Qualifier::kUnder;
}

}  // namespace

Status CheckInternalInconsistency(CheckContext& context) {
  std::map<std::string, size_t> first_of_fact;
  for (size_t j = 0; j < context.states.size(); ++j) {
    ClaimState& later = context.states[j];
    if (!later.fact || IsBound(*later.claim)) continue;
    auto [it, inserted] = first_of_fact.emplace(later.fact->id, j);
    if (inserted) continue;
    const ClaimState& earlier = context.states[it->second];
    const Claim& a = *earlier.claim;
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
               Expected{expected, b.unit}, later.fact);
  }
  return Status::Ok();
}

}  // namespace claimcheck
