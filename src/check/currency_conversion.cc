// currency-conversion: an amount and its stated equivalent in another
// currency ("500 billion yuan (about $70 billion)") must agree at the
// year's average rate. Tolerance: the default, plus kRateSlack because the
// writer may have used the rate of the day rather than the annual average,
// plus the hedge and the rounding of both figures. Severity error.
#include <cmath>

#include <fmt/format.h>

#include "check/claim_state.h"

namespace claimcheck {

Status CheckCurrencyConversion(CheckContext& context) {
  for (const auto& [id, members] : context.relations) {
    ClaimState* amount = nullptr;
    ClaimState* equivalent = nullptr;
    for (size_t i : members) {
      const Relation& relation = *context.states[i].claim->relation;
      if (relation.kind != RelationKind::kConversion) continue;
      if (relation.role == RelationRole::kAmount) amount = &context.states[i];
      if (relation.role == RelationRole::kEquivalent) equivalent = &context.states[i];
    }
    if (!amount || !equivalent) continue;
    const Claim& a = *amount->claim;
    const Claim& e = *equivalent->claim;
    if (a.unit == e.unit) continue;
    std::optional<int> year = a.year ? a.year : e.year;
    if (!year) {
      equivalent->report.note =
          "no year is given, so no exchange rate can be chosen";
      continue;
    }
    Result<std::optional<Rate>> from = RateFor(context.input.store, a.unit, *year);
    if (!from.ok()) return from.status();
    Result<std::optional<Rate>> to = RateFor(context.input.store, e.unit, *year);
    if (!to.ok()) return to.status();
    if (!*from || !*to) {
      equivalent->report.note = fmt::format(
          "no {} exchange rate for {} in the database", !*from ? a.unit : e.unit, *year);
      continue;
    }
    double factor = (*to)->per_usd / (*from)->per_usd;
    double expected = a.value * factor;
    double half = HalfUnit(e) + HalfUnit(a) * factor;
    double tolerance = kDefaultTolerance + kRateSlack;
    Qualifier hedge = e.qualifier == Qualifier::kExact ? a.qualifier : e.qualifier;
    std::string rates;
    if (a.unit == "USD" || e.unit == "USD") {
      const Rate& foreign = a.unit == "USD" ? **to : **from;
      rates = fmt::format("{} {}/USD", foreign.per_usd, foreign.currency);
    } else {
      rates = fmt::format("{} {}/USD and {} {}/USD", (*from)->per_usd, a.unit,
                          (*to)->per_usd, e.unit);
    }
    const Rate& cited = a.unit == "USD" ? **to : **from;
    std::string arithmetic =
        fmt::format("{} at {} ({} average, {}) = {}", FormatFigure(a.value, a.unit), rates,
                    *year, cited.source, FormatFigure(expected, e.unit));
    if (Agrees(e.value, hedge, half, expected, tolerance)) {
      equivalent->confirmed = true;
      equivalent->report.note = arithmetic;
      continue;
    }
    AddFinding(*equivalent, RuleId::kCurrencyConversion, Severity::kError,
               fmt::format("\"{}\" does not match {}: {}", e.text, a.text, arithmetic),
               Expected{expected, e.unit}, nullptr);
  }
  return Status::Ok();
}

}  // namespace claimcheck
