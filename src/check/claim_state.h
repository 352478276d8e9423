// Internal to check/: the working state the checks share for one document,
// and the arithmetic they have in common. Not a face; include only from
// check/*.cc.
#ifndef CLAIMCHECK_CHECK_CLAIM_STATE_H_
#define CLAIMCHECK_CHECK_CLAIM_STATE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "check/check.h"

namespace claimcheck {

struct ClaimState {
  const Claim* claim = nullptr;
  const ClaimLink* link = nullptr;
  // The series and member the claim speaks of, once resolved; null when
  // nothing speaks to it, the link is ambiguous or no member fits its year.
  const Series* series = nullptr;
  const Fact* fact = nullptr;
  // The claim's value in the fact's unit, and how it was converted
  // ("at 7.0809 CNY/USD, 2023 average"; empty when the units are equal).
  double compared = 0;
  double conversion_factor = 1;  // compared = claim value * factor
  std::string conversion;
  bool agrees = false;
  // Set by the first value check that accounts for a disagreement, so
  // later ones (scale-slip, fact-mismatch) do not report it twice.
  bool explained = false;
  // Confirmed by arithmetic rather than a fact (a conversion at the year's
  // rate, a change that matches its endpoints).
  bool confirmed = false;
  ClaimReport report;
};

struct CheckContext {
  const CheckInput& input;
  std::vector<ClaimState> states;
  // Claims of each relation, by relation id, in text order.
  std::map<int, std::vector<size_t>> relations;
};

// The checks, in the order all_checks.cc runs them. Value checks explain a
// disagreement with the linked fact in order of how specific the
// explanation is: another year, another fact, a scale word, or plain wrong.
Status CheckWrongYear(CheckContext& context);
Status CheckMisattribution(CheckContext& context);
Status CheckScaleSlip(CheckContext& context);
Status CheckFactMismatch(CheckContext& context);
Status CheckCurrencyConversion(CheckContext& context);
Status CheckInternalInconsistency(CheckContext& context);
Status CheckChangeArithmetic(CheckContext& context);
Status CheckImpossibleValue(CheckContext& context);

// Links each claim to one fact (see all_checks.cc for the year rules).
Status ResolveFacts(CheckContext& context);

// Unlinks, with a note, an amount or count that disagrees with its fact
// by kFarFigureRatio or more and that no check before explained (another
// year, another fact, a power of a thousand). Keywords can be all present
// while the figure is about something else ("$400 million in county jobs
// and spending" and the federal government's outlays); a real error in a
// figure is seldom ten times off, save slips: a figure within
// kNearScaleSlip of a power of a thousand times the fact (a scale slip and
// a wrong figure), or with the fact's digits and the point moved ("$6.09
// billion" for $60.9 billion), stays linked, and fact-mismatch reports it.
// Runs after CheckScaleSlip, before CheckFactMismatch.
Status SetAsideFarFigures(CheckContext& context);
inline constexpr double kFarFigureRatio = 10;
inline constexpr double kNearScaleSlip = 2;

// --- arithmetic shared by the checks (figures.cc) ---

// Half a unit of the last digit the claim was written with, in the claim's
// unit: "$109.1 billion" gives 0.05e9. Zero when it cannot be told.
double HalfUnit(const Claim& claim);

// Whether a claim of `value` with `qualifier` (and written precision
// `half_unit`, same unit as value) is borne out by `expected` with relative
// tolerance `tolerance`. Hedges: "about" widens by kAboutWidening, "nearly"
// accepts an expected value a little below, "over"/"under" are one-sided.
bool Agrees(double value, Qualifier qualifier, double half_unit,
            double expected, double tolerance);

inline constexpr double kAboutWidening = 0.05;
inline constexpr double kNearlyWidening = 0.05;
// Annual-average rates are not the rate of the day a figure was converted.
inline constexpr double kRateSlack = 0.02;

double ToleranceOf(const Fact& fact);

// "$70.6 bn", "578.4 bn CNY", "13.9%", "0.3 pp", "11.7 times", "40".
std::string FormatFigure(double value, const std::string& unit);
// "Stanford HAI, The AI Index 2025 ... (2024)" for messages.
std::string Cite(const Fact& fact);
// The per_usd of `currency` for `year` (1 for USD), or nullopt.
Result<std::optional<Rate>> RateFor(const FactStore& store,
                                    const std::string& currency, int year);

// The linked fact's value in the claim's own unit (undoing a conversion),
// for a finding's "expected".
Expected ExpectedFor(const ClaimState& state);

// The linked fact's figure for a message: "578.4 bn CNY", with the
// claim-currency equivalent when a rate was used ("40.3 bn EUR (= $43.6 bn
// at 0.924 EUR/USD, ...)").
std::string DescribeFact(const ClaimState& state);
// What a fact measures, for a message: "the private AI investment for the
// United States in 2024".
std::string FactLabel(const Fact& fact);

// +1 when one of the `words` words just before the claim says a rise
// ("rose", "grew", "up"), -1 when one says a fall ("fell", "down"), 0 when
// none does; the nearest word decides.
int DirectionBefore(const Document& doc, const Claim& claim, size_t words);
// The same for the few words just after ("6.7% lower", "12% down").
int DirectionAfter(const Document& doc, const Claim& claim, size_t words);

// Whether the claim's value divided by `factor` agrees with its linked
// fact, the written precision and hedges counting as for the fact itself:
// a slip of scale or of the decimal point. Never for a bound ("more than",
// "less than"), which too many values meet for a factor to say anything.
// REQUIRES: state.fact.
bool AgreesTimes(const ClaimState& state, double factor);

// Whether the claim is an amount of change rather than a level: "by" just
// before it (hedges aside), after a word of rise or fall a few words
// earlier ("will reduce the federal deficit by $200 billion", "fell by
// 2.08 million"). Such a figure is compared only with facts that are
// changes themselves (IsChangeFact).
bool IsChangeAmount(const Document& doc, const Claim& claim);
// Whether a fact measures a change: a word of rise or fall, or "change",
// in its metric or its keywords ("change in federal outlays", [fell,
// declined]).
bool IsChangeFact(const Fact& fact);

// The state's fact, sharing the linker cache's copy (null when none).
std::shared_ptr<const Fact> SharedFact(const ClaimState& state);

void AddFinding(ClaimState& state, RuleId rule, Severity severity,
                std::string message, std::optional<Expected> expected,
                std::shared_ptr<const Fact> fact);

}  // namespace claimcheck

#endif  // CLAIMCHECK_CHECK_CLAIM_STATE_H_
