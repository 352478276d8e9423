#include "link/series_cache.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include "base/text.h"

namespace claimcheck {

std::vector<std::vector<std::string>> NormalizedGroups(const Fact& fact) {
  std::vector<std::vector<std::string>> groups;
  for (const auto& group : fact.keywords) {
    std::vector<std::string> words;
    for (const std::string& word : group) words.push_back(AsciiLower(TrimAscii(word)));
    std::sort(words.begin(), words.end());
    groups.push_back(std::move(words));
  }
  return groups;
}

std::string SeriesKeyOf(const Fact& fact) {
  std::vector<std::vector<std::string>> groups = NormalizedGroups(fact);
  std::sort(groups.begin(), groups.end());
  // Unit separators keep "a b" + "c" apart from "a" + "b c".
  std::string key = fact.subject + '\x1f' + fact.unit;
  for (const auto& group : groups) {
    key += '\x1e';
    for (const std::string& word : group) key += '\x1f' + word;
  }
  return key;
}

namespace {

PreparedSeries Prepare(std::string key, std::vector<Fact> members) {
  std::sort(members.begin(), members.end(), [](const Fact& a, const Fact& b) {
    return std::tuple(a.year.has_value(), a.year.value_or(0), a.id) <
           std::tuple(b.year.has_value(), b.year.value_or(0), b.id);
  });
  PreparedSeries series;
  series.key = std::move(key);
  series.groups = NormalizedGroups(members.front());
  for (const auto& group : series.groups) {
    std::vector<std::string> firsts;
    for (const std::string& alternative : group) {
      std::vector<std::string> words = WordTokens(alternative);
      if (!words.empty()) firsts.push_back(std::move(words.front()));
    }
    series.first_tokens.push_back(std::move(firsts));
  }
  series.members = std::move(members);
  return series;
}

// Groups the facts filed under one token into series, ordered by key.
std::shared_ptr<const SeriesCache::Filed> GroupIntoSeries(std::vector<Fact> facts) {
  std::map<std::string, std::vector<Fact>> by_key;
  for (Fact& fact : facts) {
    if (fact.keywords.empty()) continue;
    std::string key = SeriesKeyOf(fact);
    by_key[std::move(key)].push_back(std::move(fact));
  }
  auto filed = std::make_shared<SeriesCache::Filed>();
  for (auto& [key, members] : by_key) {
    filed->push_back(Prepare(key, std::move(members)));
  }
  return filed;
}

size_t FactsIn(const SeriesCache::Filed& filed) {
  size_t count = 1;  // the entry itself, so empty answers are bounded too
  for (const PreparedSeries& series : filed) count += series.members.size();
  return count;
}

}  // namespace

SeriesCache::SeriesCache(const FactStore& store, size_t capacity)
    : store_(store), half_capacity_(std::max<size_t>(1, capacity / 2)) {}

std::shared_ptr<const SeriesCache::Filed> SeriesCache::Find(std::string_view token) const {
  // Heterogeneous lookup needs C++20 transparent hashing, which the
  // standard library here lacks for unordered_map: one copy per probe.
  std::string key(token);
  if (auto it = newer_.find(key); it != newer_.end()) return it->second;
  if (auto it = older_.find(key); it != older_.end()) {
    std::shared_ptr<const Filed> filed = it->second;
    older_.erase(it);
    Insert(key, filed);  // in use again: keep it through the next turn
    return filed;
  }
  return nullptr;
}

void SeriesCache::Insert(const std::string& token, std::shared_ptr<const Filed> filed) const {
  size_t facts = FactsIn(*filed);
  if (newer_facts_ + facts > half_capacity_ && !newer_.empty()) {
    older_ = std::move(newer_);
    newer_.clear();
    newer_facts_ = 0;
  }
  if (newer_.emplace(token, std::move(filed)).second) newer_facts_ += facts;
}

Result<std::vector<SeriesCache::Entry>> SeriesCache::Lookup(
    const std::vector<std::string_view>& tokens) const {
  std::vector<Entry> entries(tokens.size());
  std::vector<std::string> missing;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (size_t i = 0; i < tokens.size(); ++i) {
      entries[i].token = std::string(tokens[i]);
      entries[i].filed = Find(tokens[i]);
      if (entries[i].filed == nullptr) missing.push_back(entries[i].token);
    }
  }
  if (missing.empty()) return entries;

  // The store is asked without the lock: other threads go on meanwhile.
  Result<std::vector<FiledFact>> found = store_.FindFiled(missing);
  if (!found.ok()) return found.status();
  std::map<std::string, std::vector<Fact>> by_token;
  for (FiledFact& filed : *found) by_token[filed.token].push_back(std::move(filed.fact));
  std::map<std::string, std::shared_ptr<const Filed>> fetched;
  for (const std::string& token : missing) {
    auto it = by_token.find(token);
    fetched[token] = GroupIntoSeries(it == by_token.end() ? std::vector<Fact>{}
                                                          : std::move(it->second));
  }
  std::lock_guard<std::mutex> lock(mu_);
  for (Entry& entry : entries) {
    if (entry.filed != nullptr) continue;
    entry.filed = fetched.at(entry.token);
    Insert(entry.token, entry.filed);
  }
  return entries;
}

}  // namespace claimcheck
