// Helpers shared by the tests of src/facts/: temporary directories and
// small facts and rates built in code.
#ifndef CLAIMCHECK_TESTS_FACTS_FACT_TEST_UTIL_H_
#define CLAIMCHECK_TESTS_FACTS_FACT_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <limits>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "facts/fact_store.h"
#include "model/fact.h"

namespace claimcheck {

// A fresh directory under the test temp dir, removed on destruction.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    std::random_device random;
    path_ = std::filesystem::path(testing::TempDir()) /
            ("claimcheck-facts-" + std::to_string(random()) + "-" +
             std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                 ignored);
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline Fact MakeFact(std::string id, double value, std::string unit,
                     std::vector<std::vector<std::string>> keywords) {
  Fact fact;
  fact.id = std::move(id);
  fact.subject = "Subject of " + fact.id;
  fact.metric = "metric of " + fact.id;
  fact.value = value;
  fact.unit = std::move(unit);
  fact.keywords = std::move(keywords);
  fact.source = "Source of " + fact.id;
  return fact;
}

inline Rate MakeRate(std::string currency, int year, double per_usd) {
  Rate rate;
  rate.currency = std::move(currency);
  rate.year = year;
  rate.per_usd = per_usd;
  rate.source = "Federal Reserve Board, G.5A";
  rate.url = "https://www.federalreserve.gov/releases/g5a/";
  return rate;
}

// Every fact of `unit` that has a keyword starting with one of `words`,
// read whole by the keys a value search gives: what a check reads of a
// fact whose value a sentence may quote.
inline Result<std::vector<Fact>> ReadByWords(const FactStore& store, std::string_view unit,
                                             const std::vector<std::string>& words) {
  Result<std::vector<FactValue>> values =
      store.FindValues(unit, -std::numeric_limits<double>::max(),
                       std::numeric_limits<double>::max(), words, std::nullopt);
  if (!values.ok()) return values.status();
  std::vector<FactKey> keys;
  for (const FactValue& value : *values) keys.push_back(value.key);
  return store.FindFactsByKey(keys);
}

// The ids of the facts a value search found, read back by their keys, in
// id order, and "unread key" when a key reads no fact.
inline std::vector<std::string> ValueIds(const FactStore& store,
                                         const std::vector<FactValue>& values) {
  std::vector<FactKey> keys;
  for (const FactValue& value : values) keys.push_back(value.key);
  Result<std::vector<Fact>> facts = store.FindFactsByKey(keys);
  if (!facts.ok()) return {facts.status().ToString()};
  std::vector<std::string> ids;
  for (const Fact& fact : *facts) ids.push_back(fact.id);
  if (facts->size() != values.size()) ids.push_back("unread key");
  return ids;
}

// "token:id" per entry, in the order found.
inline std::vector<std::string> Filed(const std::vector<FiledFact>& filed) {
  std::vector<std::string> out;
  for (const FiledFact& entry : filed) out.push_back(entry.key.token + ":" + entry.fact.id);
  return out;
}

// "token/second" per key, in the order found.
inline std::vector<std::string> Keys(const std::vector<FilingKey>& keys) {
  std::vector<std::string> out;
  for (const FilingKey& key : keys) out.push_back(key.token + "/" + key.second);
  return out;
}

// Every fact filed under any key of these tokens (what a text holding all
// of a fact's words would reach), one entry per token and fact, ordered.
inline Result<std::vector<FiledFact>> FiledUnder(const FactStore& store,
                                                 const std::vector<std::string>& tokens) {
  Result<std::vector<FilingKey>> keys = store.FindFilingKeys(tokens);
  if (!keys.ok()) return keys.status();
  Result<std::vector<FiledFact>> filed = store.FindFiled(*keys);
  if (!filed.ok()) return filed.status();
  std::vector<FiledFact> out;
  for (FiledFact& entry : *filed) {
    bool seen = std::any_of(out.begin(), out.end(), [&](const FiledFact& other) {
      return other.key.token == entry.key.token && other.fact.id == entry.fact.id;
    });
    if (!seen) out.push_back(std::move(entry));
  }
  std::sort(out.begin(), out.end(), [](const FiledFact& a, const FiledFact& b) {
    return std::tie(a.key.token, a.fact.id) < std::tie(b.key.token, b.fact.id);
  });
  return out;
}

inline std::vector<std::string> Ids(const std::vector<Fact>& facts) {
  std::vector<std::string> ids;
  for (const Fact& fact : facts) ids.push_back(fact.id);
  return ids;
}

inline bool SameFact(const Fact& a, const Fact& b) {
  return a.id == b.id && a.subject == b.subject && a.metric == b.metric &&
         a.value == b.value && a.unit == b.unit && a.year == b.year &&
         a.keywords == b.keywords && a.tolerance == b.tolerance &&
         a.source == b.source && a.url == b.url && a.note == b.note;
}

inline bool SameRate(const Rate& a, const Rate& b) {
  return a.currency == b.currency && a.year == b.year &&
         a.per_usd == b.per_usd && a.source == b.source && a.url == b.url;
}

}  // namespace claimcheck

#endif  // CLAIMCHECK_TESTS_FACTS_FACT_TEST_UTIL_H_
