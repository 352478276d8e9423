// internal-inconsistency: two claims of one document speak of the same fact
// (same series, same year) and give values that cannot both be right. The
// later claim is flagged, pointing at the earlier one. Severity warning:
// one of the two may be a deliberate revision the text explains.
#include <cmath>

#include <fmt/format.h>

#include "check/claim_state.h"

namespace claimcheck {

Status CheckInternalInconsistency(CheckContext& context) {
  auto& states = context.states;
  for (size_t j = 0; j < states.size(); ++j) {
    ClaimState& later = states[j];
    if (!later.fact) continue;
    const Claim& b = *later.claim;
    if (b.qualifier == Qualifier::kOver || b.qualifier == Qualifier::kUnder) continue;
    for (size_t i = 0; i < j; ++i) {
      const ClaimState& earlier = states[i];
      if (earlier.fact != later.fact && (!earlier.fact || earlier.fact->id != later.fact->id)) {
        continue;
      }
      const Claim& a = *earlier.claim;
      if (a.qualifier == Qualifier::kOver || a.qualifier == Qualifier::kUnder) continue;
      if (a.relation && b.relation && a.relation->id == b.relation->id) continue;
      double half = std::max(HalfUnit(a) * earlier.conversion_factor,
                             HalfUnit(b) * later.conversion_factor);
      Qualifier hedge = a.qualifier == Qualifier::kExact ? b.qualifier : a.qualifier;
      if (Agrees(later.compared, hedge, half, earlier.compared,
                 ToleranceOf(*later.fact))) {
        continue;
      }
      double expected = earlier.compared / later.conversion_factor;
      AddFinding(later, RuleId::kInternalInconsistency, Severity::kWarning,
                 fmt::format("\"{}\" gives the {} ({}) as {}, but line {} gives it "
                             "as \"{}\"",
                             b.text, later.fact->metric, later.fact->subject,
                             FormatFigure(b.value, b.unit), a.line, a.text),
                 Expected{expected, b.unit}, later.fact);
      break;
    }
  }
  return Status::Ok();
}

}  // namespace claimcheck
