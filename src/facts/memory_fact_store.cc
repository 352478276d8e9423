// The in-memory fact store: the same behaviour as the SQLite store, in
// ordered maps. Queries only read, so any number of threads may run them at
// once without a lock; Import must not overlap them (see fact_store.h).
#include <algorithm>
#include <map>
#include <optional>
#include <tuple>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/text.h"
#include "facts/fact_store.h"
#include "facts/validation.h"

namespace claimcheck {
namespace {

// Lets a map keyed by string be probed with a string_view.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

class MemoryFactStore : public FactStore {
 public:
  Result<std::vector<FilingKey>> FindFilingKeys(
      const std::vector<std::string>& tokens) const override {
    std::set<std::string> unique;
    for (const std::string& token : tokens) unique.insert(AsciiLower(token));
    std::vector<FilingKey> out;
    for (const std::string& token : unique) {
      auto it = filing_.find(token);
      if (it == filing_.end()) continue;
      for (const auto& [second, ids] : it->second) out.push_back({token, second});
    }
    return out;
  }

  Result<std::vector<FiledFact>> FindFiled(
      const std::vector<FilingKey>& keys) const override {
    std::set<FilingKey> unique(keys.begin(), keys.end());
    std::vector<FiledFact> out;
    for (const FilingKey& key : unique) {
      auto token = filing_.find(key.token);
      if (token == filing_.end()) continue;
      auto second = token->second.find(key.second);
      if (second == token->second.end()) continue;
      for (const std::string& id : second->second) out.push_back({key, facts_.at(id)});
    }
    return out;
  }

  using FactStore::FindValues;
  Result<std::vector<FactValue>> FindValues(
      std::string_view unit, const ValueRange& range,
      const std::vector<std::string>& tokens, std::optional<int> year,
      size_t limit, const ValueTest& accepts) const override {
    // Made when a fact first gets this far: most figures lie near no value
    // of their unit at all.
    std::optional<std::vector<std::string>> wanted;
    auto named = [&](const Fact& fact) {
      if (!wanted) {
        wanted.emplace();
        for (const std::string& token : tokens) wanted->push_back(AsciiLower(token));
        std::sort(wanted->begin(), wanted->end());
      }
      for (const auto& group : fact.keywords) {
        for (const std::string& alternative : group) {
          if (std::binary_search(wanted->begin(), wanted->end(), FirstKeywordToken(alternative))) {
            return true;
          }
        }
      }
      return false;
    };
    // The facts of the unit within the wider range, through the value
    // index, then tested in key order as the answer is ordered.
    std::vector<FactKey> keys;
    if (auto unit_values = by_unit_value_.find(unit); unit_values != by_unit_value_.end()) {
      const auto& values = unit_values->second;
      const double from = std::min(range.low, range.wide_low);
      const double to = std::max(range.high, range.wide_high);
      auto it = std::lower_bound(values.begin(), values.end(), std::pair(from, FactKey{0}));
      for (; it != values.end() && it->first <= to; ++it) keys.push_back(it->second);
    }
    std::sort(keys.begin(), keys.end());
    std::vector<FactValue> out;
    for (FactKey key : keys) {
      const Fact& fact = *by_key_[static_cast<size_t>(key)];
      if (year && fact.year && fact.year != year) continue;
      if (out.size() >= limit) break;
      const bool wide = fact.tolerance.value_or(kDefaultTolerance) > kDefaultTolerance;
      const double low = wide ? range.wide_low : range.low;
      const double high = wide ? range.wide_high : range.high;
      if (fact.unit == unit && fact.value >= low && fact.value <= high && named(fact) &&
          (!accepts || accepts(fact.value, fact.tolerance))) {
        out.push_back({key, fact.value, fact.year, fact.tolerance});
      }
    }
    return out;
  }

  Result<double> MaxTolerance() const override { return max_tolerance_; }

  Result<const Vocabulary*> KeywordVocabulary() const override { return &vocabulary_; }

  Result<std::vector<Fact>> FindFactsByKey(const std::vector<FactKey>& keys) const override {
    std::set<FactKey> unique(keys.begin(), keys.end());
    std::vector<Fact> out;
    for (FactKey key : unique) {
      if (key >= 0 && key < static_cast<FactKey>(by_key_.size())) {
        out.push_back(*by_key_[static_cast<size_t>(key)]);
      }
    }
    return out;  // keys run in id order
  }

  Result<std::optional<Rate>> FindRate(std::string_view currency,
                                       int year) const override {
    auto it = rates_.find({std::string(currency), year});
    if (it == rates_.end()) return std::optional<Rate>();
    return std::optional<Rate>(it->second);
  }

  Status ForEachFact(std::string_view search,
                     const std::function<void(const Fact&)>& each) const override {
    std::string needle = AsciiLower(search);
    auto contains = [&](const std::string& field) {
      return AsciiLower(field).find(needle) != std::string::npos;
    };
    for (const auto& [id, fact] : facts_) {
      if (contains(fact.id) || contains(fact.subject) || contains(fact.metric) ||
          contains(fact.source)) {
        each(fact);
      }
    }
    return Status();
  }

  Result<size_t> CountFacts(size_t limit) const override {
    return std::min(limit, facts_.size());
  }

  Result<std::vector<Rate>> ListRates() const override {
    std::vector<Rate> out;
    for (const auto& [key, rate] : rates_) out.push_back(rate);
    return out;
  }

  Status ImportRecords(const RecordSource& next) override {
    // Everything is read and checked before anything is touched: all or
    // nothing. A memory store holds its facts anyway.
    std::vector<Fact> facts;
    std::vector<Rate> rates;
    while (true) {
      Result<std::optional<FactRecord>> record = next();
      if (!record.ok()) return record.status();
      if (!*record) break;
      if (Fact* fact = std::get_if<Fact>(&**record)) {
        facts.push_back(std::move(*fact));
      } else {
        rates.push_back(std::get<Rate>(std::move(**record)));
      }
    }
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
    for (const Fact& fact : facts) {
      max_tolerance_ = std::max(max_tolerance_, fact.tolerance.value_or(0));
    }
    FileFacts();
    std::vector<std::string> words;
    for (const auto& [token, count] : keyword_counts_) words.push_back(token);
    vocabulary_ = WordSet(std::move(words));
    by_key_.clear();
    by_unit_value_.clear();
    for (const auto& [id, fact] : facts_) {
      by_unit_value_[fact.unit].emplace_back(fact.value, static_cast<FactKey>(by_key_.size()));
      by_key_.push_back(&fact);
    }
    for (auto& [unit, values] : by_unit_value_) std::sort(values.begin(), values.end());
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
  void Index(const Fact& fact) {
    for (const auto& group : fact.keywords) {
      for (const std::string& alternative : group) {
        ++keyword_counts_[FirstKeywordToken(alternative)];
      }
    }
  }

  void Unindex(const Fact& fact) {
    for (const auto& group : fact.keywords) {
      for (const std::string& alternative : group) {
        auto it = keyword_counts_.find(FirstKeywordToken(alternative));
        if (it != keyword_counts_.end() && --it->second == 0) keyword_counts_.erase(it);
      }
    }
  }

  // The rule of FactStore::FindFilingKeys, as the SQLite store's
  // kFileFacts applies it: least summed count, then first alternative,
  // then index.
  void FileFacts() {
    filing_.clear();
    for (const auto& [id, fact] : facts_) {
      std::vector<std::tuple<size_t, std::string, size_t>> ranked;
      for (size_t g = 0; g < fact.keywords.size(); ++g) {
        size_t cost = 0;
        std::string first_word;
        for (const std::string& alternative : fact.keywords[g]) {
          cost += keyword_counts_.at(FirstKeywordToken(alternative));
          std::string lower = AsciiLower(alternative);
          if (first_word.empty() || lower < first_word) first_word = lower;
        }
        ranked.emplace_back(cost, first_word, g);
      }
      if (ranked.empty()) continue;
      std::sort(ranked.begin(), ranked.end());
      std::set<std::string> seconds;
      if (ranked.size() > 1) {
        for (const std::string& alternative : fact.keywords[std::get<2>(ranked[1])]) {
          seconds.insert(FirstKeywordToken(alternative));
        }
      } else {
        seconds.insert("");
      }
      for (const std::string& alternative : fact.keywords[std::get<2>(ranked[0])]) {
        auto& by_second = filing_[FirstKeywordToken(alternative)];
        for (const std::string& second : seconds) by_second[second].insert(id);
      }
    }
  }

  std::map<std::string, Fact> facts_;
  // Each fact at its key: the facts in id order, numbered again by each
  // import (a key holds until the next write, as FactKey says).
  std::vector<const Fact*> by_key_;
  // Each unit's facts by value, for value searches: (value, key), sorted.
  std::unordered_map<std::string, std::vector<std::pair<double, FactKey>>, StringHash,
                     std::equal_to<>>
      by_unit_value_;
  // Never below the truth: an upsert that narrows a tolerance leaves it
  // wider, which only widens value searches.
  double max_tolerance_ = kDefaultTolerance;
  std::map<std::pair<std::string, int>, Rate> rates_;
  // Keyword alternatives per first token, over all facts.
  std::unordered_map<std::string, size_t> keyword_counts_;
  Vocabulary vocabulary_;  // the keys of keyword_counts_
  // Token -> second token -> ids of the facts filed under the two.
  std::unordered_map<std::string, std::map<std::string, std::set<std::string>>> filing_;
};

}  // namespace

std::unique_ptr<FactStore> NewMemoryFactStore() {
  return std::make_unique<MemoryFactStore>();
}

}  // namespace claimcheck
