// Stage 4: links each claim to the curated facts that speak to it.
//
// A fact can link to a claim when every one of its keyword groups has an
// alternative in the claim's sentence (case-insensitive, whole words) and
// its unit agrees with the claim's (a currency amount may meet a fact in
// another currency through that year's rate). Facts that differ only by
// year form a series; the claim's year picks the member. When series
// compete, the one whose keywords sit nearer the claim wins; when two are
// about as near, the one matching more keyword groups (the more specific)
// wins; a series whose groups include all of the winner's and more is a
// more specific account of the same thing and wins however far its extra
// words are; between equally specific series, the words that differ
// decide; and when nothing decides, the link is marked ambiguous. See
// README "How a claim is linked".
//
//   Linker linker(store);
//   Result<std::vector<ClaimLink>> links = linker.Link(doc, claims);
//
// Thread-safe: one Linker may serve any number of threads at once.
#ifndef CLAIMCHECK_LINK_LINKER_H_
#define CLAIMCHECK_LINK_LINKER_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "facts/fact_store.h"
#include "link/series_cache.h"
#include "model/claim.h"
#include "model/document.h"
#include "model/fact.h"

namespace claimcheck {

// Whether two facts are one quantity in different years: the same subject,
// unit and keyword groups. Keywords rather than the metric's wording decide,
// because curators often qualify one year's metric ("advance estimate")
// without meaning another quantity.
bool SameSeries(const Fact& a, const Fact& b);

// Facts of one quantity that differ by year (see SameSeries).
struct Series {
  // Ordered by year, timeless first. The facts are the linker cache's,
  // shared by every claim linked to them, not copies; `facts` keeps them
  // alive once the cache has let them go.
  std::vector<std::reference_wrapper<const Fact>> members;
  SeriesCache::FiledPtr facts;
  int groups = 0;  // keyword groups of the facts (all of them matched)
  // The groups, each lower-cased and sorted (the cache's, which `facts`
  // keeps alive), with the distance of each.
  const std::vector<std::vector<std::string>>* keywords = nullptr;
  std::vector<size_t> group_distances;
  // How far the keyword groups sit from the claim on average, in bytes of
  // text; keywords after the claim count double, since a sentence usually
  // names its subject before the figure.
  size_t distance = 0;
};

struct ClaimLink {
  // Every series whose facts fully match the claim's sentence and unit,
  // best first. Empty: nothing in the database speaks to the claim.
  std::vector<Series> series;
  // True when another series is as near and as specific as the first, so
  // the evidence does not say which one the claim is about.
  bool ambiguous = false;
};

// Whether a claim's unit and a fact's unit can be compared: equal units,
// two currencies (through a rate), or a counted noun against a count.
bool UnitsComparable(const Claim& claim, const Fact& fact);

// Counts the fact's keyword groups that have an alternative in `claim`'s
// sentence, and their mean distance from the claim (see Series).
struct KeywordMatch {
  int groups_matched = 0;
  size_t distance = 0;  // mean over the matched groups
  // Per keyword group of the fact: its nearest distance, or nullopt.
  std::vector<std::optional<size_t>> group_distances;
};
KeywordMatch MatchKeywords(const Document& doc, const Claim& claim,
                           const Fact& fact);

// The word tokens (base/text.h WordTokens) of the text around `claim` in
// which keywords are looked for: a fact with none of its keywords' first
// tokens among them cannot match there.
std::vector<std::string> WindowTokens(const Document& doc, const Claim& claim);

class Linker {
 public:
  // How many facts the linker keeps in memory between documents by default
  // (see series_cache.h): about 25 MB.
  static constexpr size_t kDefaultCacheCapacity = 50000;

  // REQUIRES: store outlives the Linker.
  explicit Linker(const FactStore& store,
                  size_t cache_capacity = kDefaultCacheCapacity);

  // Returns one ClaimLink per claim, in the same order. Fails only when the
  // fact store fails (kDatabase).
  Result<std::vector<ClaimLink>> Link(const Document& doc,
                                      const std::vector<Claim>& claims) const;

 private:
  SeriesCache cache_;
};

}  // namespace claimcheck

#endif  // CLAIMCHECK_LINK_LINKER_H_
