// The in-memory fact store: the same behaviour as the SQLite store, in
// ordered maps. Queries only read, so any number of threads may run them at
// once without a lock; Import must not overlap them (see fact_store.h).
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

#include "base/text.h"
#include "facts/fact_store.h"
#include "facts/validation.h"

namespace claimcheck {
namespace {

class MemoryFactStore : public FactStore {
 public:
  Result<std::vector<Fact>> FindCandidates(
      const std::vector<std::string>& tokens) const override {
    std::set<std::string> unique;
    for (const std::string& token : tokens) unique.insert(AsciiLower(token));
    // Fact id -> the keyword groups some token matched.
    std::map<std::string, std::set<size_t>> matched;
    for (const std::string& token : unique) {
      auto it = by_first_token_.find(token);
      if (it == by_first_token_.end()) continue;
      for (const auto& [id, group] : it->second) matched[id].insert(group);
    }
    std::vector<Fact> out;
    auto bare = without_keywords_.begin();
    auto take_bare_until = [&](const std::string* id) {
      for (; bare != without_keywords_.end() && (id == nullptr || *bare < *id);
           ++bare) {
        out.push_back(facts_.at(*bare));
      }
    };
    for (const auto& [id, groups] : matched) {
      take_bare_until(&id);
      const Fact& fact = facts_.at(id);
      if (groups.size() == fact.keywords.size()) out.push_back(fact);
    }
    take_bare_until(nullptr);
    return out;
  }

  Result<std::vector<Fact>> FindByValue(std::string_view unit, double low,
                                        double high) const override {
    std::vector<Fact> out;
    for (const auto& [id, fact] : facts_) {
      if (fact.unit == unit && fact.value >= low && fact.value <= high) {
        out.push_back(fact);
      }
    }
    return out;
  }

  Result<std::optional<Rate>> FindRate(std::string_view currency,
                                       int year) const override {
    auto it = rates_.find({std::string(currency), year});
    if (it == rates_.end()) return std::optional<Rate>();
    return std::optional<Rate>(it->second);
  }

  Result<std::vector<Fact>> ListFacts(std::string_view search) const override {
    std::string needle = AsciiLower(search);
    auto contains = [&](const std::string& field) {
      return AsciiLower(field).find(needle) != std::string::npos;
    };
    std::vector<Fact> out;
    for (const auto& [id, fact] : facts_) {
      if (contains(fact.id) || contains(fact.subject) ||
          contains(fact.metric) || contains(fact.source)) {
        out.push_back(fact);
      }
    }
    return out;
  }

  Result<std::vector<Rate>> ListRates() const override {
    std::vector<Rate> out;
    for (const auto& [key, rate] : rates_) out.push_back(rate);
    return out;
  }

  Status Import(const std::vector<Fact>& facts,
                const std::vector<Rate>& rates) override {
    // Check everything before touching anything: all or nothing.
    if (Status status = CheckImportable(facts, rates); !status.ok()) {
      return status;
    }
    for (const Fact& fact : facts) {
      auto old = facts_.find(fact.id);
      if (old != facts_.end()) Unindex(old->second);
      facts_[fact.id] = fact;
      Index(fact);
    }
    for (const Rate& rate : rates) rates_[{rate.currency, rate.year}] = rate;
    return Status();
  }

  Result<std::vector<std::string>> Validate() const override {
    // Ids are unique by construction and there is no schema to check; the
    // per-record rules are the ones the SQLite store applies.
    std::vector<std::string> problems;
    for (const auto& [id, fact] : facts_) {
      for (const std::string& problem : FactProblems(fact)) {
        problems.push_back(DescribeFact(fact) + ": " + problem);
      }
    }
    for (const auto& [key, rate] : rates_) {
      for (const std::string& problem : RateProblems(rate)) {
        problems.push_back(DescribeRate(rate) + ": " + problem);
      }
    }
    return problems;
  }

 private:
  using Posting = std::pair<std::string, size_t>;  // fact id, group index

  void Index(const Fact& fact) {
    if (fact.keywords.empty()) without_keywords_.insert(fact.id);
    for (size_t g = 0; g < fact.keywords.size(); ++g) {
      for (const std::string& alternative : fact.keywords[g]) {
        by_first_token_[FirstKeywordToken(alternative)].insert({fact.id, g});
      }
    }
  }

  void Unindex(const Fact& fact) {
    without_keywords_.erase(fact.id);
    for (size_t g = 0; g < fact.keywords.size(); ++g) {
      for (const std::string& alternative : fact.keywords[g]) {
        auto it = by_first_token_.find(FirstKeywordToken(alternative));
        if (it == by_first_token_.end()) continue;
        it->second.erase({fact.id, g});
        if (it->second.empty()) by_first_token_.erase(it);
      }
    }
  }

  std::map<std::string, Fact> facts_;
  std::map<std::pair<std::string, int>, Rate> rates_;
  std::unordered_map<std::string, std::set<Posting>> by_first_token_;
  std::set<std::string> without_keywords_;
};

}  // namespace

std::unique_ptr<FactStore> NewMemoryFactStore() {
  return std::make_unique<MemoryFactStore>();
}

}  // namespace claimcheck
