// change-arithmetic: a stated change must agree with its own endpoints.
// - a percent change ("rose 20% from $100m to $130m") against (to-from)/from;
// - a change in percentage points against to-from; a percent change between
//   two percentages may mean either, so either reading is accepted;
// - a multiplier ("doubled", "3 times") against result/base;
// - the direction word before a change ("fell from 3.1% to 3.4%") against
//   the direction of its endpoints.
// Severity error: the text contradicts itself, no database needed.
#include <algorithm>
#include <cmath>
#include <string_view>

#include <fmt/format.h>

#include "base/text.h"
#include "check/claim_state.h"

namespace claimcheck {
namespace {

// Rounded endpoints make a computed change imprecise; this much relative
// slack on top of the stated figure's own rounding keeps "rose 7% from 2.8
// to 3" (7.1%) supported.
constexpr double kChangeTolerance = 0.03;
constexpr double kMultiplierTolerance = 0.05;

struct Roles {
  ClaimState* from = nullptr;
  ClaimState* to = nullptr;
  ClaimState* delta = nullptr;
  ClaimState* base = nullptr;
  ClaimState* result = nullptr;
  ClaimState* factor = nullptr;
};

void CheckDelta(ClaimState& delta, const Claim& from, const Claim& to) {
  const Claim& d = *delta.claim;
  if (from.unit != to.unit || from.value == 0) return;
  double stated = std::fabs(d.value);
  double relative = std::fabs((to.value - from.value) / from.value * 100);
  double points = std::fabs(to.value - from.value);
  double half = HalfUnit(d);
  bool endpoints_are_percent = from.unit == "%" || from.unit == "pp";
  // The endpoints' own rounding moves the computed change too.
  double endpoint_half = std::max(HalfUnit(from), HalfUnit(to));
  double relative_half = endpoint_half / std::fabs(from.value) * 100 * 2;
  bool ok;
  double expected;
  std::string unit;
  if (d.unit == "pp") {
    if (!endpoints_are_percent) return;
    expected = points;
    unit = "pp";
    ok = Agrees(stated, d.qualifier, half + 2 * endpoint_half, points, kChangeTolerance);
  } else if (d.unit == "%") {
    expected = relative;
    unit = "%";
    ok = Agrees(stated, d.qualifier, half + relative_half, relative, kChangeTolerance) ||
         (endpoints_are_percent &&
          Agrees(stated, d.qualifier, half + 2 * endpoint_half, points, kChangeTolerance));
  } else {
    return;
  }
  std::string_view way = to.value >= from.value ? "rise" : "fall";
  if (ok) {
    delta.confirmed = true;
    delta.report.note = fmt::format("{} to {} is a {} {}", from.text, to.text,
                                    FormatFigure(expected, unit), way);
    return;
  }
  AddFinding(delta, RuleId::kChangeArithmetic, Severity::kError,
             fmt::format("\"{}\" does not follow from its endpoints: {} to {} is a "
                         "{} {}",
                         d.text, from.text, to.text, FormatFigure(expected, unit), way),
             Expected{expected, unit}, nullptr);
}

void CheckFactor(ClaimState& factor, const Claim& base, const Claim& result) {
  const Claim& m = *factor.claim;
  if (base.unit != result.unit || base.value == 0) return;
  double expected = result.value / base.value;
  double half = std::max(HalfUnit(base), HalfUnit(result)) / std::fabs(base.value) *
                std::max(1.0, std::fabs(expected));
  if (Agrees(m.value, m.qualifier, half, expected, kMultiplierTolerance)) {
    factor.confirmed = true;
    factor.report.note = fmt::format("{} to {} is {}", base.text, result.text,
                                     FormatFigure(expected, "times"));
    return;
  }
  AddFinding(factor, RuleId::kChangeArithmetic, Severity::kError,
             fmt::format("\"{}\" does not follow from its endpoints: {} to {} is {}",
                         m.text, base.text, result.text,
                         FormatFigure(expected, "times")),
             Expected{expected, "times"}, nullptr);
}

void CheckDirection(const Document& doc, ClaimState& from, ClaimState& to) {
  const Claim& f = *from.claim;
  const Claim& t = *to.claim;
  if (f.unit != t.unit) return;
  int said = DirectionBefore(doc, f, /*words=*/5);
  double half = std::max(HalfUnit(f), HalfUnit(t));
  if (said == 0 || std::fabs(t.value - f.value) <= half) return;
  int actual = t.value > f.value ? 1 : -1;
  if (said == actual) return;
  AddFinding(to, RuleId::kChangeArithmetic, Severity::kError,
             fmt::format("the text says the figure {}, but {} to {} is a {}",
                         said < 0 ? "fell" : "rose", f.text, t.text,
                         actual > 0 ? "rise" : "fall"),
             std::nullopt, nullptr);
}

}  // namespace

Status CheckChangeArithmetic(CheckContext& context) {
  for (const auto& [id, members] : context.relations) {
    Roles roles;
    for (size_t i : members) {
      ClaimState& state = context.states[i];
      switch (state.claim->relation->role) {
        case RelationRole::kFrom: roles.from = &state; break;
        case RelationRole::kTo: roles.to = &state; break;
        case RelationRole::kDelta: roles.delta = &state; break;
        case RelationRole::kBase: roles.base = &state; break;
        case RelationRole::kResult: roles.result = &state; break;
        case RelationRole::kFactor: roles.factor = &state; break;
        default: break;
      }
    }
    if (roles.from && roles.to) {
      CheckDirection(context.input.doc, *roles.from, *roles.to);
      if (roles.delta) CheckDelta(*roles.delta, *roles.from->claim, *roles.to->claim);
    }
    if (roles.factor && roles.base && roles.result) {
      CheckFactor(*roles.factor, *roles.base->claim, *roles.result->claim);
    }
  }
  return Status::Ok();
}

}  // namespace claimcheck
