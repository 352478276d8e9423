// Runs the checks of check/*.cc in order, after linking each claim to the
// one fact it speaks of.
//
// Which member of a series a claim is compared with:
// - the year the sentence gives ("in 2023"), or a timeless fact;
// - with no year, the latest member: articles speak of the present;
// - the `from` endpoint of a change whose `to` endpoint was placed in year
//   Y is the latest member before Y ("from 11.9% to 5.4% in 2024").
// A claim that gives no year and agrees with some member is supported by it:
// nothing in the text says it is about another year.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "check/claim_state.h"

namespace claimcheck {
namespace {

bool HasRole(const Claim& claim, RelationRole role) {
  return claim.relation && claim.relation->role == role;
}

const Fact* Member(const Series& series, std::optional<int> year,
                   std::optional<int> before) {
  const Fact* found = nullptr;
  for (const Fact& fact : series.members) {  // ordered: timeless, then by year
    if (year) {
      if (fact.year == year) return &fact;
      if (!fact.year) found = &fact;
    } else if (before) {
      if (!fact.year || *fact.year < *before) found = &fact;
    } else {
      found = &fact;
    }
  }
  return found;
}

// The claim's value with the sign its words give it: curators store a fall
// as a negative figure, while writers put the sign in words ("6.7% lower",
// "fell 6.7%"). Only a figure written without a minus sign is turned, and
// only towards a negative fact.
double SignedValue(const Document& doc, const Claim& claim, const Fact& fact) {
  bool written_negative = claim.text.find('-') != std::string::npos ||
                          claim.text.find("\u2212") != std::string::npos;
  if (fact.value < 0 && claim.value > 0 && !written_negative &&
      (DirectionBefore(doc, claim, 3) < 0 || DirectionAfter(doc, claim, 2) < 0)) {
    return -claim.value;
  }
  return claim.value;
}

// Puts the claim's value into the fact's unit, through the year's rates when
// the currencies differ. Sets state.compared, conversion_factor and
// conversion; returns false (with a note) when no rate is known.
Result<bool> Convert(const Document& doc, const FactStore& store, const Fact& fact,
                     ClaimState& state) {
  const Claim& claim = *state.claim;
  state.compared = SignedValue(doc, claim, fact);
  state.conversion_factor = 1;
  state.conversion.clear();
  if (claim.unit == fact.unit || claim.type != ClaimType::kCurrency) return true;
  std::optional<int> year = fact.year ? fact.year : claim.year;
  if (!year) {
    state.report.note = fmt::format(
        "{} is in {} and the fact in {}, and no year says which exchange rate applies",
        claim.text, claim.unit, fact.unit);
    return false;
  }
  Result<std::optional<Rate>> from = RateFor(store, claim.unit, *year);
  if (!from.ok()) return from.status();
  Result<std::optional<Rate>> to = RateFor(store, fact.unit, *year);
  if (!to.ok()) return to.status();
  if (!*from || !*to) {
    state.report.note = fmt::format("no {} exchange rate for {} in the database",
                                    !*from ? claim.unit : fact.unit, *year);
    return false;
  }
  state.conversion_factor = (*to)->per_usd / (*from)->per_usd;
  state.compared *= state.conversion_factor;
  const Rate& foreign = claim.unit == "USD" ? **to : **from;
  state.conversion = fmt::format("at {} {}/USD ({} average, {})", foreign.per_usd,
                                 foreign.currency, *year, foreign.source);
  if (claim.unit != "USD" && fact.unit != "USD") {
    state.conversion = fmt::format(
        "at {} {}/USD and {} {}/USD ({} averages)", (*from)->per_usd,
        claim.unit, (*to)->per_usd, fact.unit, *year);
  }
  return true;
}

Result<bool> TryAgree(const Document& doc, const FactStore& store,
                      const Series& series, const Fact& fact, ClaimState& state) {
  Result<bool> converted = Convert(doc, store, fact, state);
  if (!converted.ok() || !*converted) return converted;
  const Claim& claim = *state.claim;
  double tolerance = ToleranceOf(fact) + (state.conversion.empty() ? 0 : kRateSlack);
  bool agrees = Agrees(state.compared, claim.qualifier,
                       HalfUnit(claim) * state.conversion_factor, fact.value,
                       tolerance);
  if (agrees) {
    state.series = &series;
    state.fact = &fact;
    state.agrees = true;
  }
  return agrees;
}

Status Resolve(CheckContext& context, size_t index) {
  ClaimState& state = context.states[index];
  const Claim& claim = *state.claim;
  const ClaimLink& link = *state.link;
  // An equivalent restates its amount in another currency; the conversion
  // check judges it. A stated change or multiplier with both endpoints in
  // the text ("fell 80% from 10.6% to 2.9%") is judged by its arithmetic,
  // not by facts about the level it changed; with one endpoint ("rose 42%
  // to 602 billion yuan") only a fact can judge it.
  if (HasRole(claim, RelationRole::kEquivalent) || link.series.empty()) {
    return Status::Ok();
  }
  if (HasRole(claim, RelationRole::kDelta) || HasRole(claim, RelationRole::kFactor)) {
    int endpoints = 0;
    for (size_t other : context.relations[claim.relation->id]) {
      RelationRole role = context.states[other].claim->relation->role;
      endpoints += role == RelationRole::kFrom || role == RelationRole::kTo ||
                   role == RelationRole::kBase || role == RelationRole::kResult;
    }
    if (endpoints >= 2) return Status::Ok();
  }
  // "reduce the deficit by $200 billion" speaks of a change: the level of
  // the deficit is no measure of it.
  if (IsChangeAmount(context.input.doc, claim) &&
      std::none_of(link.series.begin(), link.series.end(), [](const Series& series) {
        return IsChangeFact(series.members.front().get());
      })) {
    state.report.note = fmt::format(
        "\"{}\" is an amount of change, and the sentence names only the level of {}, so it "
        "is not checked",
        claim.text, FactLabel(link.series.front().members.back().get()));
    return Status::Ok();
  }
  std::optional<int> year;
  if (claim.type != ClaimType::kYear) year = claim.year;
  std::optional<int> before;
  if (!year && HasRole(claim, RelationRole::kFrom)) {
    for (size_t other : context.relations[claim.relation->id]) {
      const ClaimState& to = context.states[other];
      if (HasRole(*to.claim, RelationRole::kTo) && to.fact && to.fact->year) {
        before = to.fact->year;
      }
    }
  }
  // A figure that agrees with any fully matched series is supported by it:
  // ranking decides which fact a wrong figure is compared with, never
  // whether a right one is doubted.
  const FactStore& store = context.input.store;
  for (const Series& series : link.series) {
    if (const Fact* fact = Member(series, year, before)) {
      Result<bool> agrees = TryAgree(context.input.doc, store, series, *fact, state);
      if (!agrees.ok()) return agrees.status();
      if (*agrees) return Status::Ok();
    }
  }
  if (!year) {
    for (const Series& series : link.series) {
      for (const Fact& fact : series.members) {
        if (before && fact.year && *fact.year >= *before) continue;
        Result<bool> agrees = TryAgree(context.input.doc, store, series, fact, state);
        if (!agrees.ok()) return agrees.status();
        if (*agrees) return Status::Ok();
      }
    }
  }
  if (link.ambiguous) {
    state.report.note = fmt::format(
        "the sentence fits more than one fact ({}; {}), so it is not checked",
        link.series[0].members.front().get().metric,
        link.series[1].members.front().get().metric);
    return Status::Ok();
  }
  // The best series, or when it has no figure for the year, the next
  // fully matched one that has.
  const Series* chosen = nullptr;
  const Fact* fact = nullptr;
  for (const Series& series : link.series) {
    if ((fact = Member(series, year, before))) {
      chosen = &series;
      break;
    }
  }
  if (!fact) {
    state.report.note = fmt::format("the database has no figure for {} in {}",
                                    link.series.front().members.front().get().metric, *year);
    return Status::Ok();
  }
  const Series& series = *chosen;
  Result<bool> converted = Convert(context.input.doc, store, *fact, state);
  if (!converted.ok()) return converted.status();
  if (!*converted) return Status::Ok();
  state.series = &series;
  state.fact = fact;
  return Status::Ok();
}

// Amounts and counts: magnitudes a sentence's words can pin on the wrong
// quantity by orders of magnitude. Shares, points, years and multiples are
// bounded, and one that far off is a wrong figure, not another quantity.
bool IsMagnitude(const std::string& unit) {
  return unit != "%" && unit != "pp" && unit != "year" && unit != "times";
}

// Whether the figure agrees with its fact times a power of ten other than
// one ("$6.09 billion" for $60.9 billion).
bool IsDecimalSlip(const ClaimState& state) {
  double power = 1;
  for (int k = 1; k <= 12; ++k) {
    power *= 10;
    if (AgreesTimes(state, power) || AgreesTimes(state, 1 / power)) return true;
  }
  return false;
}

}  // namespace

Status SetAsideFarFigures(CheckContext& context) {
  for (ClaimState& state : context.states) {
    if (!state.fact || state.agrees || state.explained) continue;
    const Fact& fact = *state.fact;
    if (!IsMagnitude(fact.unit) || fact.value == 0 || state.compared == 0 ||
        (fact.value < 0) != (state.compared < 0)) {
      continue;
    }
    double ratio = state.compared / fact.value;
    if (ratio < kFarFigureRatio && ratio > 1 / kFarFigureRatio) continue;
    // About a thousand times off ("$1.4 billion" for $1.5 trillion) is a
    // scale slip with a wrong figure besides: the right quantity, flagged.
    double thousands = std::log10(ratio) / 3;
    if (std::fabs(thousands - std::round(thousands)) * 3 < std::log10(kNearScaleSlip)) continue;
    // The fact's own digits with the point moved ("$6.09 billion" for $60.9
    // billion) are a slip of the decimal point, not another quantity.
    if (IsDecimalSlip(state)) continue;
    state.report.note = fmt::format(
        "the sentence names {} ({}), but \"{}\" is a factor of {:.0f} {} it: it is likely "
        "about something else, so it is not checked",
        FactLabel(fact), DescribeFact(state), state.claim->text,
        ratio > 1 ? ratio : 1 / ratio, ratio > 1 ? "above" : "below");
    state.fact = nullptr;
    state.series = nullptr;
  }
  return Status::Ok();
}

Status ResolveFacts(CheckContext& context) {
  // `to` endpoints first, so a `from` endpoint can be placed before them.
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t i = 0; i < context.states.size(); ++i) {
      bool is_from = HasRole(*context.states[i].claim, RelationRole::kFrom);
      if (is_from != (pass == 1)) continue;
      Status status = Resolve(context, i);
      if (!status.ok()) return status;
    }
  }
  return Status::Ok();
}

Result<std::vector<ClaimReport>> CheckClaims(const CheckInput& input) {
  CheckContext context{input, {}, {}};
  context.states.resize(input.claims.size());
  for (size_t i = 0; i < input.claims.size(); ++i) {
    ClaimState& state = context.states[i];
    state.claim = &input.claims[i];
    state.link = &input.links[i];
    state.report.claim = input.claims[i];
    if (input.claims[i].relation) {
      context.relations[input.claims[i].relation->id].push_back(i);
    }
  }
  using Check = Status (*)(CheckContext&);
  static constexpr Check kChecks[] = {
      ResolveFacts,           CheckWrongYear,
      CheckMisattribution,    CheckScaleSlip,
      SetAsideFarFigures,     CheckFactMismatch,
      CheckCurrencyConversion,
      CheckInternalInconsistency, CheckChangeArithmetic,
      CheckImpossibleValue,
  };
  for (Check check : kChecks) {
    Status status = check(context);
    if (!status.ok()) return status;
  }
  std::vector<ClaimReport> reports;
  reports.reserve(context.states.size());
  for (ClaimState& state : context.states) {
    ClaimReport& report = state.report;
    report.fact = SharedFact(state);
    if (!report.findings.empty()) {
      report.verdict = Verdict::kFlagged;
    } else if (state.agrees || state.confirmed) {
      report.verdict = Verdict::kSupported;
    } else {
      report.verdict = Verdict::kUnverified;
    }
    // A note says why nothing was checked, or how arithmetic confirmed a
    // claim; a flagged claim's findings say it all.
    if (report.verdict == Verdict::kFlagged || (state.agrees && !state.confirmed)) {
      report.note.clear();
    }
    reports.push_back(std::move(report));
  }
  return reports;
}

}  // namespace claimcheck
