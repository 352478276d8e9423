// Arithmetic and wording shared by the checks.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "base/text.h"
#include "check/claim_state.h"

namespace claimcheck {
namespace {

// Up to four significant digits, no trailing zeros, no exponent below 1e15.
std::string Number(double v) {
  double a = std::fabs(v);
  if (a != 0 && (a >= 1e15 || a < 1e-4)) return fmt::format("{:.4g}", v);
  int digits = a >= 1 ? static_cast<int>(std::floor(std::log10(a))) + 1 : 1;
  int decimals = std::max(0, 4 - digits);
  std::string s = fmt::format("{:.{}f}", v, decimals);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

// 5.784e11 -> {"578.4", "bn"}.
std::pair<std::string, std::string> Scaled(double v) {
  double a = std::fabs(v);
  if (a >= 1e12) return {Number(v / 1e12), "tn"};
  if (a >= 1e9) return {Number(v / 1e9), "bn"};
  if (a >= 1e6) return {Number(v / 1e6), "million"};
  return {Number(v), ""};
}

constexpr std::string_view kFallWords[] = {
    "fell",      "fall",      "falls",      "falling",   "dropped",   "drop",
    "drops",     "declined",  "declines",   "declining", "decreased", "decreasing",
    "shrank",    "shrinking", "shrunk",     "narrowed",  "narrowing", "slipped",
    "slid",      "plunged",   "plummeted",  "tumbled",   "cut",       "down",
    "lower",     "fewer",     "contracted", "decline",   "decrease",  "slumped",
    "slowed",    "slowing",   "slows",      "cooled",    "cooling",   "reduce",
    "reduced",   "reduces",   "reducing",   "lowered",   "lowering",  "lowers",
    "slashed",   "slash",     "trimmed",    "trim",      "cuts"};
constexpr std::string_view kRiseWords[] = {
    "rose",     "rise",     "rises",    "rising",  "risen",    "grew",
    "grow",     "grows",    "growing",  "grown",   "increased", "increasing",
    "climbed",  "climbing", "jumped",   "surged",  "soared",   "widened",
    "widening", "expanded", "gained",   "up",      "doubled",  "tripled",
    "higher",   "increase", "growth",   "raise",   "raises",   "raised",
    "raising",  "boost",    "boosts",   "boosted", "boosting"};

int DirectionOf(std::string_view word) {
  if (std::find(std::begin(kFallWords), std::end(kFallWords), word) != std::end(kFallWords)) {
    return -1;
  }
  if (std::find(std::begin(kRiseWords), std::end(kRiseWords), word) != std::end(kRiseWords)) {
    return 1;
  }
  return 0;
}

// Words that may stand between "by" and the figure it measures ("by about
// $200 billion", "by more than 2 million", "by a further 5%").
bool IsHedgeWord(std::string_view word) {
  static constexpr std::string_view kWords[] = {
      "about", "around", "roughly", "nearly", "almost", "some", "an", "a", "estimated",
      "more", "less", "than", "over", "under", "just", "up", "to", "at", "least",
      "approximately", "further", "another"};
  return std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords);
}

// Enough bytes for a handful of words; never the whole of a run-on sentence.
constexpr size_t kDirectionReach = 80;

}  // namespace

int DirectionBefore(const Document& doc, const Claim& claim, size_t words) {
  size_t end = std::min(claim.in_text.start, doc.text.size());
  size_t start = std::max(claim.sentence.start, end > kDirectionReach ? end - kDirectionReach : 0);
  if (end <= start) return 0;
  std::string lower;
  const std::vector<std::string_view> tokens =
      LowerWordTokens(std::string_view(doc.text).substr(start, end - start), lower);
  size_t seen = 0;
  for (auto it = tokens.rbegin(); it != tokens.rend() && seen < words; ++it, ++seen) {
    if (int direction = DirectionOf(*it)) return direction;
  }
  return 0;
}

int DirectionAfter(const Document& doc, const Claim& claim, size_t words) {
  size_t start = std::min(claim.in_text.end, doc.text.size());
  size_t end = std::min({claim.sentence.end, start + kDirectionReach, doc.text.size()});
  if (end <= start) return 0;
  std::string lower;
  const std::vector<std::string_view> tokens =
      LowerWordTokens(std::string_view(doc.text).substr(start, end - start), lower);
  for (size_t i = 0; i < tokens.size() && i < words; ++i) {
    if (int direction = DirectionOf(tokens[i])) return direction;
  }
  return 0;
}

bool AgreesTimes(const ClaimState& state, double factor) {
  const Claim& claim = *state.claim;
  if (claim.qualifier == Qualifier::kOver || claim.qualifier == Qualifier::kUnder) return false;
  double half = HalfUnit(claim) * state.conversion_factor;
  return Agrees(state.compared / factor, claim.qualifier, half / factor, state.fact->value,
                ToleranceOf(*state.fact));
}

bool IsChangeAmount(const Document& doc, const Claim& claim) {
  constexpr size_t kHedgeWordsAtMost = 3;
  constexpr size_t kVerbReach = 8;  // words before "by"
  size_t end = std::min(claim.in_text.start, doc.text.size());
  size_t start =
      std::max(claim.sentence.start, end > 2 * kDirectionReach ? end - 2 * kDirectionReach : 0);
  if (end <= start) return false;
  // Most figures have no "by" before them: look for the letters before
  // tokenizing the words.
  const std::string_view before = std::string_view(doc.text).substr(start, end - start);
  bool has_by = false;
  for (size_t k = 0; !has_by && k + 1 < before.size(); ++k) {
    has_by = (before[k] | 0x20) == 'b' && (before[k + 1] | 0x20) == 'y';
  }
  if (!has_by) return false;
  std::string lower;
  const std::vector<std::string_view> tokens = LowerWordTokens(before, lower);
  size_t i = tokens.size();
  for (size_t hedges = 0; i > 0 && hedges < kHedgeWordsAtMost && IsHedgeWord(tokens[i - 1]);
       ++hedges) {
    --i;
  }
  if (i == 0 || tokens[i - 1] != "by") return false;
  --i;
  for (size_t seen = 0; i > 0 && seen < kVerbReach; ++seen) {
    if (DirectionOf(tokens[--i]) != 0) return true;
  }
  return false;
}

bool IsChangeFact(const Fact& fact) {
  auto speaks_of_change = [](std::string_view text) {
    for (const std::string& word : WordTokens(text)) {
      if (DirectionOf(word) != 0 || word == "change" || word == "changes") return true;
    }
    return false;
  };
  if (speaks_of_change(fact.metric)) return true;
  for (const auto& group : fact.keywords) {
    for (const std::string& alternative : group) {
      if (speaks_of_change(alternative)) return true;
    }
  }
  return false;
}

double HalfUnit(const Claim& claim) {
  const std::string& t = claim.text;
  size_t i = 0;
  while (i < t.size() && !std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
  if (i == t.size()) return 0;
  double number = 0;
  int decimals = -1;
  for (; i < t.size(); ++i) {
    char c = t[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      number = number * 10 + (c - '0');
      if (decimals >= 0) ++decimals;
    } else if (c == '.' && decimals < 0 && i + 1 < t.size() &&
               std::isdigit(static_cast<unsigned char>(t[i + 1]))) {
      decimals = 0;
    } else if (c == ',' && decimals < 0 && i + 3 < t.size() &&
               std::isdigit(static_cast<unsigned char>(t[i + 1]))) {
      continue;  // thousands separator
    } else {
      break;
    }
  }
  if (decimals > 0) number /= std::pow(10.0, decimals);
  if (number == 0) return 0;
  double scale = std::fabs(claim.value / number);
  return 0.5 * std::pow(10.0, -std::max(decimals, 0)) * scale;
}

bool Agrees(double value, Qualifier qualifier, double half_unit,
            double expected, double tolerance) {
  double slack = std::max(tolerance * std::fabs(expected), half_unit);
  switch (qualifier) {
    case Qualifier::kExact:
      return std::fabs(value - expected) <= slack;
    case Qualifier::kAbout:
      return std::fabs(value - expected) <=
             std::max((tolerance + kAboutWidening) * std::fabs(expected),
                      half_unit);
    case Qualifier::kNearly:
      // "nearly 12 times" is borne out by 11.7: a little below, not above.
      return expected <= value + slack &&
             expected >= value - (tolerance + kNearlyWidening) *
                                     std::fabs(value) - half_unit;
    case Qualifier::kOver:
      return expected >= value - slack;
    case Qualifier::kUnder:
      return expected <= value + slack;
  }
  return false;
}

double ToleranceOf(const Fact& fact) {
  return fact.tolerance.value_or(kDefaultTolerance);
}

std::string FormatFigure(double value, const std::string& unit) {
  if (unit == "%") return Number(value) + "%";
  if (unit == "pp") return Number(value) + " pp";
  if (unit == "year") return fmt::format("{:.0f}", value);
  if (unit == "times") return Number(value) + " times";
  auto [number, scale] = Scaled(value);
  std::string amount = scale.empty() ? number : number + " " + scale;
  if (unit == "USD") return "$" + amount;
  if (IsCurrencyUnit(unit)) return amount + " " + unit;
  if (unit == "count" || unit.empty()) return amount;
  return amount + " " + unit;
}

std::string Cite(const Fact& fact) { return fact.source; }

Result<std::optional<Rate>> RateFor(const FactStore& store,
                                    const std::string& currency, int year) {
  if (currency == "USD") {
    Rate usd;
    usd.currency = "USD";
    usd.year = year;
    usd.per_usd = 1;
    return std::optional<Rate>(usd);
  }
  return store.FindRate(currency, year);
}

Expected ExpectedFor(const ClaimState& state) {
  return {state.fact->value / state.conversion_factor, state.claim->unit};
}

std::string DescribeFact(const ClaimState& state) {
  const Fact& fact = *state.fact;
  std::string text = FormatFigure(fact.value, fact.unit);
  if (!state.conversion.empty()) {
    Expected expected = ExpectedFor(state);
    text += fmt::format(" (= {} {})", FormatFigure(expected.value, expected.unit),
                        state.conversion);
  }
  return text;
}

std::string FactLabel(const Fact& fact) {
  std::string label = fmt::format("the {} for {}", fact.metric, fact.subject);
  if (fact.year) label += fmt::format(" in {}", *fact.year);
  return label;
}

std::shared_ptr<const Fact> SharedFact(const ClaimState& state) {
  if (state.fact == nullptr) return nullptr;
  // The series' facts own the member: an alias keeps them alive, no copy.
  if (state.series != nullptr && state.series->facts != nullptr) {
    return std::shared_ptr<const Fact>(state.series->facts, state.fact);
  }
  return std::make_shared<const Fact>(*state.fact);
}

void AddFinding(ClaimState& state, RuleId rule, Severity severity,
                std::string message, std::optional<Expected> expected,
                std::shared_ptr<const Fact> fact) {
  Finding finding;
  finding.rule = rule;
  finding.severity = severity;
  finding.message = std::move(message);
  finding.expected = std::move(expected);
  finding.fact = std::move(fact);
  state.report.findings.push_back(std::move(finding));
}

}  // namespace claimcheck
