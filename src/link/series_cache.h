// Internal to src/link/. The facts filed under each word token (see
// FactStore::FindFiled), grouped into series and prepared for matching,
// read from the store once and kept for the documents that follow: a corpus
// names the same subjects again and again, and the store is the slow part.
//
//   SeriesCache cache(store, /*capacity=*/50000);
//   Result<std::vector<SeriesCache::Entry>> filed = cache.Lookup(tokens);
//
// Memory is bounded by `capacity` facts (a token with nothing filed counts
// as one): when the newer half is full it becomes the older half and the
// older one is dropped, so tokens in use survive and the rest go. What a
// caller holds stays valid after eviction (entries are shared). The cache
// only remembers the store's answers, so results never depend on what it
// holds. Thread-safe.
#ifndef CLAIMCHECK_LINK_SERIES_CACHE_H_
#define CLAIMCHECK_LINK_SERIES_CACHE_H_

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
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
  std::vector<Fact> members;  // by year, timeless first, then by id
};

// The series key of a fact and its normalized groups (see PreparedSeries).
std::vector<std::vector<std::string>> NormalizedGroups(const Fact& fact);
std::string SeriesKeyOf(const Fact& fact);

class SeriesCache {
 public:
  using Filed = std::vector<PreparedSeries>;
  struct Entry {
    std::string token;
    std::shared_ptr<const Filed> filed;  // never null; may be empty
  };

  // REQUIRES: store outlives the cache.
  SeriesCache(const FactStore& store, size_t capacity);

  // The series filed under each of `tokens` (lower-case, as WordTokens
  // gives them), in the order given; tokens not cached are read from the
  // store in one query. Fails only when the store fails.
  Result<std::vector<Entry>> Lookup(const std::vector<std::string_view>& tokens) const;

 private:
  using Map = std::unordered_map<std::string, std::shared_ptr<const Filed>>;

  std::shared_ptr<const Filed> Find(std::string_view token) const;  // under mu_
  void Insert(const std::string& token, std::shared_ptr<const Filed> filed) const;

  const FactStore& store_;
  const size_t half_capacity_;
  mutable std::mutex mu_;
  mutable Map newer_, older_;
  mutable size_t newer_facts_ = 0;
};

}  // namespace claimcheck

#endif  // CLAIMCHECK_LINK_SERIES_CACHE_H_
