// The fact database behind one interface. Claims are linked to facts by
// keyword; checks also look facts up by value and read exchange rates.
//
//   Result<std::unique_ptr<FactStore>> store =
//       OpenSqliteFactStore("facts.db", OpenMode::kReadOnly);
//   if (!store.ok()) return store.status();
//   Result<std::vector<FilingKey>> keys = (*store)->FindFilingKeys(tokens);
//
// The query methods (Find*, List*, Validate) are thread-safe: any number of
// threads may call them at once. Imports are not, and must not run alongside
// queries. No method throws.
#ifndef CLAIMCHECK_FACTS_FACT_STORE_H_
#define CLAIMCHECK_FACTS_FACT_STORE_H_

#include <compare>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/word_set.h"
#include "model/fact.h"

namespace claimcheck {

// Relative tolerance of a fact that gives none (see README, "Tolerance").
inline constexpr double kDefaultTolerance = 0.01;

// Where facts are filed (see FactStore::FindFiled): a token of a fact's
// rarest keyword group and one of its second-rarest group ("" for a fact
// of one group).
struct FilingKey {
  std::string token;
  std::string second;
  friend bool operator==(const FilingKey&, const FilingKey&) = default;
  friend auto operator<=>(const FilingKey&, const FilingKey&) = default;
};

// A fact and a key it is filed under.
struct FiledFact {
  FilingKey key;
  Fact fact;
};

// Where the values a search asks for lie (see FindValues). A fact of at
// most kDefaultTolerance (or of none, as most are) can agree with a figure
// only within [low, high]; one of a wider tolerance within [wide_low,
// wide_high], which holds [low, high]. A database needs only one wide fact
// to make every search reach as far as that fact may; the others are still
// searched only as far as theirs may.
struct ValueRange {
  double low = 0;
  double high = 0;
  double wide_low = 0;
  double wide_high = 0;
};

// A store's own handle on a fact: what FindValues finds and FindFactsByKey
// reads. It names the same fact until the store is next written (Import),
// and nothing in any other store. A value search finds many facts and
// reads few of them whole; a number is what the index it searches can hold
// cheaply (a database of a million facts: half the size of one holding ids).
using FactKey = int64_t;

// A fact's value and what its agreement depends on (see FindValues).
struct FactValue {
  FactKey key = 0;
  double value = 0;
  std::optional<int> year;
  std::optional<double> tolerance;
};

// Hands an import its records one at a time: the next one, nullopt after
// the last, or an error that ends the import (a bad line of a file).
using RecordSource = std::function<Result<std::optional<FactRecord>>()>;

class FactStore {
 public:
  FactStore() = default;
  FactStore(const FactStore&) = delete;
  FactStore& operator=(const FactStore&) = delete;
  virtual ~FactStore() = default;

  // Every fact with keywords is filed under keys of two word tokens (base/
  // text.h WordTokens): the first token of each alternative of its rarest
  // keyword group, with the first token of each alternative of its second-
  // rarest group ("" when it has one group). Rarest: the least sum of the
  // groups' token counts among all keywords in the store; ties go to the
  // group with the alphabetically first alternative, then the lower index.
  // A fact can only link to a claim whose nearby text holds all of its
  // groups, so it is found through a key both of whose tokens are near the
  // claim; two rare tokens keep what the linker reads short (a million
  // facts may share "revenue", a company's name a few hundred, the name and
  // "revenue" a few). Facts without keywords are filed nowhere.
  //
  // The keys whose first token is one of `tokens` (compared after ASCII
  // lower-casing), ordered: what the linker may ask FindFiled for.
  virtual Result<std::vector<FilingKey>> FindFilingKeys(
      const std::vector<std::string>& tokens) const = 0;

  // Every word the store answers to: the first word token of each keyword
  // alternative (validation.h FirstKeywordToken), lower case. Filing keys
  // and value searches are made of these alone, so a caller may drop every
  // other word before asking, and most words of a text are other words.
  // Null when the store holds more of them than it keeps in memory. Valid
  // until the next import.
  using Vocabulary = WordSet;
  virtual Result<const Vocabulary*> KeywordVocabulary() const = 0;

  // The facts filed under any of `keys` (compared as given), one entry per
  // key and fact, ordered by key then id.
  virtual Result<std::vector<FiledFact>> FindFiled(
      const std::vector<FilingKey>& keys) const = 0;

  // The facts in `unit` whose value lies in `range` and that have a
  // keyword alternative whose first word token is among `tokens` (compared
  // after ASCII lower-casing), each once, ordered by key: the facts a text
  // with these words may be quoting a value of. Only what tells whether a
  // value agrees is read; FindFactsByKey reads the few that do. Asking for
  // the words makes the search an index probe per word, however many facts
  // share the range.
  // With a `year`, facts of other years are left out (timeless ones stay).
  // With `accepts`, only the facts it takes (given their value and their
  // own tolerance, if any) count and come back: the store can test a value
  // before it reads the rest of the fact, and most values a range holds do
  // not agree with a figure. At most `limit` facts come back; when more
  // match, which ones is not said, so a full answer is one with fewer than
  // `limit`: a caller that only needs to know whether there are many stops
  // reading early.
  using ValueTest = std::function<bool(double value, std::optional<double> tolerance)>;
  virtual Result<std::vector<FactValue>> FindValues(
      std::string_view unit, const ValueRange& range,
      const std::vector<std::string>& tokens, std::optional<int> year,
      size_t limit = SIZE_MAX, const ValueTest& accepts = nullptr) const = 0;
  // The same with one range, [low, high], for facts of any tolerance.
  Result<std::vector<FactValue>> FindValues(
      std::string_view unit, double low, double high,
      const std::vector<std::string>& tokens, std::optional<int> year,
      size_t limit = SIZE_MAX, const ValueTest& accepts = nullptr) const {
    return FindValues(unit, ValueRange{low, high, low, high}, tokens, year, limit, accepts);
  }

  // The widest relative tolerance of any fact, and never less than
  // kDefaultTolerance (what a fact without one gets): how far from a figure
  // a search for values that may agree with it has to reach.
  virtual Result<double> MaxTolerance() const = 0;

  // The facts of these keys (from FindValues), ordered by id; keys no fact
  // has are left out.
  virtual Result<std::vector<Fact>> FindFactsByKey(const std::vector<FactKey>& keys) const = 0;

  // The rate of `currency` for `year`, or nullopt when there is none.
  virtual Result<std::optional<Rate>> FindRate(std::string_view currency,
                                               int year) const = 0;

  // Calls `each` with every fact whose id, subject, metric or source
  // contains `search` (case-insensitive), or with all facts when it is
  // empty, in id order, one at a time: an export of a million facts need
  // not hold them all. `each` may query the store.
  virtual Status ForEachFact(std::string_view search,
                             const std::function<void(const Fact&)>& each) const = 0;
  // The same facts, collected.
  Result<std::vector<Fact>> ListFacts(std::string_view search) const {
    std::vector<Fact> facts;
    Status status = ForEachFact(search, [&](const Fact& fact) { facts.push_back(fact); });
    if (!status.ok()) return status;
    return facts;
  }
  // How many facts the store holds, counting no further than `limit`: a
  // question about a million facts need not read them all.
  virtual Result<size_t> CountFacts(size_t limit) const = 0;
  // Every rate, ordered by currency then year.
  virtual Result<std::vector<Rate>> ListRates() const = 0;

  // Upserts the records `next` hands over, facts by id and rates by
  // currency and year, in one transaction. When a record is bad (the rules
  // of validation.h, an id or a rate given twice), `next` fails or the
  // database does, nothing is written; `next`'s own error is returned as
  // it is. Records are taken one at a time: a file of a million facts is
  // imported without being held.
  virtual Status ImportRecords(const RecordSource& next) = 0;

  // The same, from records in memory.
  Status Import(const std::vector<Fact>& facts, const std::vector<Rate>& rates) {
    size_t fact = 0, rate = 0;
    return ImportRecords([&]() -> Result<std::optional<FactRecord>> {
      if (fact < facts.size()) return std::optional<FactRecord>(facts[fact++]);
      if (rate < rates.size()) return std::optional<FactRecord>(rates[rate++]);
      return std::optional<FactRecord>();
    });
  }

  // Checks schema version, integrity, that every fact has a source and
  // that ids are unique. Returns the problems found, empty when valid.
  virtual Result<std::vector<std::string>> Validate() const = 0;
};

enum class OpenMode {
  kReadOnly,   // the file must exist; it is never written
  kReadWrite,  // created (with the current schema) when missing; migrated
};

// Opens a SQLite fact database. Fails with kNotFound when a read-only
// database is missing, kDatabase when the file is not a claimcheck
// database, is corrupt, or has a schema version this build does not know.
// Every message starts with "PATH: ". Damage beyond the schema page is
// found by Validate (integrity_check), or fails the query that meets it
// with kDatabase. Queries run in parallel: each thread borrows its own
// connection from a pool, so threads do not wait on one another.
Result<std::unique_ptr<FactStore>> OpenSqliteFactStore(const std::string& path,
                                                       OpenMode mode);

// An empty in-memory store with the same behaviour.
std::unique_ptr<FactStore> NewMemoryFactStore();

// Databases of at most this many facts are read into memory for checking.
inline constexpr size_t kInMemoryFactLimit = 20000;

// Opens a fact database read-only for `claimcheck check`. One of up to
// `in_memory_limit` facts (a curated database: the bundled one holds a few
// hundred) is copied into a memory store, so that every query of the run is
// a lookup in memory instead of a SQL statement; a larger one is queried in
// place, and so is one whose records the memory store refuses (a database
// written by another tool), so that checking works wherever it did.
// Errors as OpenSqliteFactStore's.
Result<std::unique_ptr<FactStore>> OpenFactsForChecking(
    const std::string& path, size_t in_memory_limit = kInMemoryFactLimit);

}  // namespace claimcheck

#endif  // CLAIMCHECK_FACTS_FACT_STORE_H_
