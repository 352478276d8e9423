// misattribution: the value disagrees with the fact the sentence speaks of
// but is, within tolerance, the value of another fact that the sentence
// partly names (at least one of its keyword groups is there): a true figure
// pinned on the wrong thing.
//
// Severity: a single matching value can be a coincidence, so it is a
// warning; when every endpoint of a range or change matches the same other
// series ("from 11.9% to 5.4%" both belonging to one metric), a coincidence
// is unlikely and it is an error.
//
// A value that several other facts share points at none of them: when two
// candidates the sentence names equally well agree with the figure, or more
// than kMaxOwners do at all, it is a coincidence of a large database (a
// million facts share "revenue", and a few dozen of them lie within 1% of any
// figure), and the claim keeps its plain mismatch.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "check/claim_state.h"

namespace claimcheck {
namespace {

// More agreeing facts than this and the value is too common to have an owner.
constexpr size_t kMaxOwners = 8;

// How far from the figure a value can lie and still agree with it (Agrees)
// as a fact of tolerance at most `widest`: with t that tolerance and the
// hedge's widening, |v - e| <= t|e| + half, so |v - e| <= (t|v| + half) /
// (1 - t). A tight reach keeps the search to the few values that can agree
// among the many a large database holds near any figure.
double Reach(const Claim& claim, double half, double widest) {
  double t = widest;
  if (claim.qualifier == Qualifier::kAbout) t += kAboutWidening;
  if (claim.qualifier == Qualifier::kNearly) t += kNearlyWidening;
  if (t >= 1) return std::numeric_limits<double>::infinity();
  return (t * std::abs(claim.value) + half) / (1 - t);
}

}  // namespace

Status CheckMisattribution(CheckContext& context) {
  const Document& doc = context.input.doc;
  // Claim index -> the fact its value belongs to, for the relation pass.
  std::map<size_t, Fact> owner;
  std::map<size_t, size_t> finding_index;
  std::optional<double> widest;  // read once, when first needed
  for (size_t i = 0; i < context.states.size(); ++i) {
    ClaimState& state = context.states[i];
    if (!state.fact || state.agrees || state.explained) continue;
    const Claim& claim = *state.claim;
    if (claim.qualifier == Qualifier::kOver || claim.qualifier == Qualifier::kUnder) {
      continue;  // a bound matches too many values to point at one
    }
    if (!widest) {
      Result<double> read = context.input.store.MaxTolerance();
      if (!read.ok()) return read.status();
      widest = *read;
    }
    double half = HalfUnit(claim);
    const double reach = Reach(claim, half, kDefaultTolerance);
    const double wide_reach = Reach(claim, half, *widest);
    // Only a fact the sentence partly names can be the figure's owner. The
    // values come first: in a large database many facts share a word and
    // a value range, and few of them agree with the figure.
    // A figure of another year than the sentence gives is no owner.
    std::optional<int> year;
    if (claim.type != ClaimType::kYear) year = claim.year;
    const std::vector<std::string> tokens = WindowTokens(doc, claim);
    // The store tests each value as it reads it, and stops at a crowd.
    const ValueRange range{claim.value - reach, claim.value + reach, claim.value - wide_reach,
                           claim.value + wide_reach};
    Result<std::vector<FactValue>> values = context.input.store.FindValues(
        claim.unit, range, tokens, year, kMaxOwners + 1,
        [&](double value, std::optional<double> tolerance) {
          return Agrees(claim.value, claim.qualifier, half, value,
                        tolerance.value_or(kDefaultTolerance));
        });
    if (!values.ok()) return values.status();
    std::vector<FactKey> agreeing;
    for (const FactValue& other : *values) agreeing.push_back(other.key);
    if (agreeing.empty() || agreeing.size() > kMaxOwners) continue;
    Result<std::vector<Fact>> near = context.input.store.FindFactsByKey(agreeing);
    if (!near.ok()) return near.status();
    const Fact* best = nullptr;
    KeywordMatch best_match;
    bool tied = false;
    for (const Fact& other : *near) {
      if (SameSeries(other, *state.fact)) continue;
      KeywordMatch match = MatchKeywords(doc, claim, other);
      if (match.groups_matched == 0) continue;
      auto rank = std::tuple(-match.groups_matched, match.distance);
      auto best_rank = std::tuple(-best_match.groups_matched, best_match.distance);
      if (best && rank == best_rank && !SameSeries(other, *best)) tied = true;
      if (!best || rank < best_rank) {
        best = &other;
        best_match = match;
        tied = false;
      }
    }
    if (!best || tied) continue;
    const Fact& fact = *state.fact;
    std::string sources = Cite(*best) == Cite(fact)
                              ? Cite(fact)
                              : fmt::format("{}; {}", Cite(*best), Cite(fact));
    AddFinding(state, RuleId::kMisattribution, Severity::kWarning,
               fmt::format("\"{}\" is {}, not {}, which is {} (sources: {})",
                           claim.text, FactLabel(*best), FactLabel(fact),
                           DescribeFact(state), sources),
               ExpectedFor(state), SharedFact(state));
    state.explained = true;
    owner.emplace(i, *best);
    finding_index[i] = state.report.findings.size() - 1;
  }
  // Corroboration: all endpoints of one relation belong to one other series.
  for (const auto& [id, members] : context.relations) {
    std::vector<size_t> endpoints;
    for (size_t i : members) {
      RelationRole role = context.states[i].claim->relation->role;
      if (role == RelationRole::kFrom || role == RelationRole::kTo ||
          role == RelationRole::kLow || role == RelationRole::kHigh) {
        endpoints.push_back(i);
      }
    }
    if (endpoints.size() < 2) continue;
    bool corroborated = std::all_of(endpoints.begin(), endpoints.end(), [&](size_t i) {
      return owner.count(i) && owner.count(endpoints.front()) &&
             SameSeries(owner.at(i), owner.at(endpoints.front()));
    });
    if (!corroborated) continue;
    for (size_t i : endpoints) {
      context.states[i].report.findings[finding_index[i]].severity = Severity::kError;
    }
  }
  return Status::Ok();
}

}  // namespace claimcheck
