// Internal to src/link/. What the store files under each key (see
// FactStore::FindFilingKeys), grouped into series and prepared for matching,
// and the keys filed under each token, read from the store once and kept for
// the documents that follow: a corpus names the same subjects again and
// again, and the store is the slow part.
//
//   SeriesCache cache(store, /*capacity=*/50000);
//   Result<std::vector<SeriesCache::Seconds>> seconds = cache.SecondsOf(tokens);
//   Result<std::vector<SeriesCache::FiledPtr>> filed = cache.Lookup(keys);
//
// Memory is bounded by `capacity` facts and four times as many words (an
// answer counts one more than the facts or second tokens it holds, so empty
// answers are bounded too; a word takes a tenth of a fact's memory or
// less, so the words take at most about half of what the facts do): each kind
// keeps two generations of half its capacity, and when the newer one is
// full it becomes the older one and the older one is dropped, so what is
// in use survives and the rest goes. What a caller holds
// stays valid after eviction (answers are shared). The cache only remembers
// the store's answers, so results never depend on what it holds.
// Thread-safe.
#ifndef CLAIMCHECK_LINK_SERIES_CACHE_H_
#define CLAIMCHECK_LINK_SERIES_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "base/word_set.h"
#include "facts/fact_store.h"
#include "model/fact.h"

namespace claimcheck {

// Facts of one series (linker.h SameSeries), as the linker matches them.
struct PreparedSeries {
  // Subject, unit and sorted groups: equal keys are the same series, even
  // when it is reached through two tokens ("China", "Chinese").
  std::string key;
  // The keyword groups of the first member, each lower-cased and sorted,
  // in that fact's order; and the first word token of each alternative.
  std::vector<std::vector<std::string>> groups;
  std::vector<std::vector<std::string>> first_tokens;
  std::vector<std::vector<uint64_t>> first_token_hashes;  // WordHash of each
  std::vector<Fact> members;  // by year, timeless first, then by id
};

// The series key of a fact and its normalized groups (see PreparedSeries).
std::vector<std::vector<std::string>> NormalizedGroups(const Fact& fact);
std::string SeriesKeyOf(const Fact& fact);

class SeriesCache {
 public:
  using Filed = std::vector<PreparedSeries>;
  using FiledPtr = std::shared_ptr<const Filed>;          // never null
  // Null when nothing is filed under the token, as for most words: a null
  // answer is handed out without touching a reference count that every
  // thread shares.
  using Seconds = std::shared_ptr<const std::vector<std::string>>;

  // REQUIRES: store outlives the cache.
  SeriesCache(const FactStore& store, size_t capacity);

  // For each of `tokens` (lower-case, as WordTokens gives them), in the
  // order given, the second tokens of the keys filed under it, sorted
  // (null when nothing is). Tokens not cached are read in one query.
  Result<std::vector<Seconds>> SecondsOf(const std::vector<std::string_view>& tokens) const;

  // The store's vocabulary, read once; null when the store does not hold
  // one (it has too many words to keep in memory).
  Result<const WordSet*> Vocabulary() const;
  // The series filed under each of `keys`, in the order given. Keys not
  // cached are read in one query. Fails only when the store fails.
  Result<std::vector<FiledPtr>> Lookup(const std::vector<FilingKey>& keys) const;

 private:
  // Two generations of answers by key, weighed in facts (see above).
  template <typename Value>
  class Generations {
   public:
    explicit Generations(size_t half_capacity) : half_capacity_(half_capacity) {}
    // The stored answer, or null when neither generation has the key;
    // valid until the next Insert.
    const Value* Find(std::string_view key);
    const Value* Insert(const std::string& key, Value value, size_t weight);

   private:
    struct Weighed {
      Value value;
      size_t weight;
    };
    // Transparent: a probe by string_view copies nothing.
    struct Hash {
      using is_transparent = void;
      size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
    };
    using Map = std::unordered_map<std::string, Weighed, Hash, std::equal_to<>>;
    size_t half_capacity_;
    Map newer_, older_;
    size_t newer_weight_ = 0;
  };

  const FactStore& store_;
  mutable std::mutex mu_;
  mutable Generations<Seconds> seconds_;
  mutable Generations<FiledPtr> filed_;
  mutable bool vocabulary_read_ = false;
  mutable std::unique_ptr<const WordSet> vocabulary_;
};

}  // namespace claimcheck

#endif  // CLAIMCHECK_LINK_SERIES_CACHE_H_
