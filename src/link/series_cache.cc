#include "link/series_cache.h"

#include <algorithm>
#include <map>
#include <string_view>
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

// The series of `facts` (one series, in any order), moving each fact once.
PreparedSeries Prepare(std::string key, std::vector<Fact*> facts) {
  // The pointers are sorted, not the facts, which are then moved in order.
  // Views of the ids: a tuple of the strings would copy both at every
  // comparison.
  auto order = [](const Fact* f) {
    return std::tuple(f->year.has_value(), f->year.value_or(0), std::string_view(f->id));
  };
  std::sort(facts.begin(), facts.end(),
            [&](const Fact* a, const Fact* b) { return order(a) < order(b); });
  std::vector<Fact> members;
  members.reserve(facts.size());
  for (Fact* fact : facts) members.push_back(std::move(*fact));
  PreparedSeries series;
  series.key = std::move(key);
  series.groups = NormalizedGroups(members.front());
  for (const auto& group : series.groups) {
    std::vector<std::string> firsts;
    std::vector<uint64_t> hashes;
    for (const std::string& alternative : group) {
      std::vector<std::string> words = WordTokens(alternative);
      if (words.empty()) continue;
      hashes.push_back(WordHash(words.front()));
      firsts.push_back(std::move(words.front()));
    }
    series.first_tokens.push_back(std::move(firsts));
    series.first_token_hashes.push_back(std::move(hashes));
  }
  series.members = std::move(members);
  return series;
}

// Groups the facts filed under one key into series, ordered by series key.
// The facts are moved out of the store's answer, each once: a database of
// a million facts hands over tens of them a document.
std::shared_ptr<const SeriesCache::Filed> GroupIntoSeries(const std::vector<Fact*>& facts) {
  std::map<std::string, std::vector<Fact*>> by_key;
  // The members of a series mostly come one after another (ids name the
  // quantity before the year): one that has the last one's subject, unit
  // and keywords has its key too, without working it out again.
  const Fact* last = nullptr;
  std::vector<Fact*>* last_members = nullptr;
  for (Fact* fact : facts) {
    if (fact->keywords.empty()) continue;
    if (last == nullptr || fact->subject != last->subject || fact->unit != last->unit ||
        fact->keywords != last->keywords) {
      last_members = &by_key[SeriesKeyOf(*fact)];
    }
    last_members->push_back(fact);
    last = fact;
  }
  auto filed = std::make_shared<SeriesCache::Filed>();
  filed->reserve(by_key.size());
  for (const auto& [key, members] : by_key) filed->push_back(Prepare(key, members));
  return filed;
}

size_t FactsIn(const SeriesCache::Filed& filed) {
  size_t count = 1;  // the answer itself, so empty answers are bounded too
  for (const PreparedSeries& series : filed) count += series.members.size();
  return count;
}

// A filing key as one string, written into `out` (a buffer kept for many
// keys); a unit separator cannot occur in a token.
const std::string& KeyString(const FilingKey& key, std::string& out) {
  out.assign(key.token);
  out += '\x1f';
  out += key.second;
  return out;
}

}  // namespace

template <typename Value>
const Value* SeriesCache::Generations<Value>::Find(std::string_view key) {
  if (auto it = newer_.find(key); it != newer_.end()) return &it->second.value;
  if (auto it = older_.find(key); it != older_.end()) {
    Weighed found = std::move(it->second);
    older_.erase(it);
    return Insert(std::string(key), std::move(found.value), found.weight);  // in use again: keep it
  }
  return nullptr;
}

template <typename Value>
const Value* SeriesCache::Generations<Value>::Insert(const std::string& key, Value value,
                                                     size_t weight) {
  if (newer_weight_ + weight > half_capacity_ && !newer_.empty()) {
    older_ = std::move(newer_);
    newer_.clear();
    newer_weight_ = 0;
  }
  auto [it, inserted] = newer_.emplace(key, Weighed{std::move(value), weight});
  if (inserted) newer_weight_ += weight;
  return &it->second.value;
}

// Two generations of facts make `capacity` facts; words get four times as
// many units (a word and each of its second tokens), which take a tenth of
// the memory. A company's name comes with the second words of all its
// metrics, up to a hundred in the million-fact benchmark database: with
// as many units as facts, the words of its 3,150 subjects were evicted
// faster than a corpus named them again. Four times the room read 16%
// fewer rows from that database (5,289 generated files) for 3 MB more.
SeriesCache::SeriesCache(const FactStore& store, size_t capacity)
    : store_(store),
      seconds_(std::max<size_t>(1, capacity * 2)),
      filed_(std::max<size_t>(1, capacity / 2)) {}

Result<std::vector<SeriesCache::Seconds>> SeriesCache::SecondsOf(
    const std::vector<std::string_view>& tokens) const {
  std::vector<Seconds> found(tokens.size());
  std::vector<bool> known(tokens.size());
  std::vector<std::string> missing;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (const Seconds* cached = seconds_.Find(tokens[i])) {
        found[i] = *cached;
        known[i] = true;
      } else {
        missing.emplace_back(tokens[i]);
      }
    }
  }
  if (missing.empty()) return found;

  // The store is asked without the lock: other threads go on meanwhile.
  Result<std::vector<FilingKey>> keys = store_.FindFilingKeys(missing);
  if (!keys.ok()) return keys.status();
  // Keys come ordered, so a token's seconds are one run, in order: the
  // token is looked up once a run, and its seconds are sorted only when a
  // store gave them otherwise.
  std::map<std::string, std::vector<std::string>> by_token;
  for (size_t i = 0; i < keys->size();) {
    const std::string& token = (*keys)[i].token;
    std::vector<std::string>& seconds = by_token[token];
    size_t end = i;
    while (end < keys->size() && (*keys)[end].token == token) ++end;
    for (; i < end; ++i) seconds.push_back(std::move((*keys)[i].second));
  }
  std::map<std::string_view, Seconds> made;  // a token asked twice shares its answer
  std::lock_guard<std::mutex> lock(mu_);
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (known[i]) continue;
    auto [made_here, first] = made.try_emplace(tokens[i]);
    if (first) {
      std::string token(tokens[i]);
      size_t weight = 1;
      if (auto it = by_token.find(token); it != by_token.end()) {
        auto sorted = std::make_shared<std::vector<std::string>>(std::move(it->second));
        if (!std::is_sorted(sorted->begin(), sorted->end())) {
          std::sort(sorted->begin(), sorted->end());
        }
        weight += sorted->size();
        made_here->second = std::move(sorted);
      }
      seconds_.Insert(token, made_here->second, weight);
    }
    found[i] = made_here->second;
  }
  return found;
}

Result<const WordSet*> SeriesCache::Vocabulary() const {
  std::lock_guard<std::mutex> lock(mu_);
  if (!vocabulary_read_) {
    Result<const FactStore::Vocabulary*> words = store_.KeywordVocabulary();
    if (!words.ok()) return words.status();
    // A copy: the store's set lasts only until its next import, the
    // cache's answers as long as the cache.
    if (*words != nullptr) {
      vocabulary_ = std::make_unique<const WordSet>(**words);
    }
    vocabulary_read_ = true;
  }
  return vocabulary_.get();
}

Result<std::vector<SeriesCache::FiledPtr>> SeriesCache::Lookup(
    const std::vector<FilingKey>& keys) const {
  std::vector<FiledPtr> found(keys.size());
  std::vector<FilingKey> missing;
  std::string key_string;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (size_t i = 0; i < keys.size(); ++i) {
      if (const FiledPtr* cached = filed_.Find(KeyString(keys[i], key_string))) {
        found[i] = *cached;
      } else {
        missing.push_back(keys[i]);
      }
    }
  }
  if (missing.empty()) return found;

  Result<std::vector<FiledFact>> read = store_.FindFiled(missing);
  if (!read.ok()) return read.status();
  // The answer comes by key: a key is looked up once for each run of it.
  std::map<FilingKey, std::vector<Fact*>> by_key;
  std::vector<Fact*>* run = nullptr;
  const FilingKey* run_key = nullptr;
  for (FiledFact& filed : *read) {
    if (run_key == nullptr || filed.key != *run_key) {
      run = &by_key[filed.key];
      run_key = &filed.key;
    }
    run->push_back(&filed.fact);
  }
  // Each key's facts are moved into its series once; a key asked twice
  // shares them.
  std::map<FilingKey, FiledPtr> grouped;
  std::lock_guard<std::mutex> lock(mu_);
  for (size_t i = 0; i < keys.size(); ++i) {
    if (found[i] != nullptr) continue;
    FiledPtr& series = grouped[keys[i]];
    if (series == nullptr) {
      auto it = by_key.find(keys[i]);
      series = GroupIntoSeries(it == by_key.end() ? std::vector<Fact*>{} : it->second);
      filed_.Insert(KeyString(keys[i], key_string), series, FactsIn(*series));
    }
    found[i] = series;
  }
  return found;
}

}  // namespace claimcheck
