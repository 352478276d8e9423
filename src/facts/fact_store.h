// The fact database behind one interface. Claims are linked to facts by
// keyword; checks also look facts up by value and read exchange rates.
//
//   Result<std::unique_ptr<FactStore>> store =
//       OpenSqliteFactStore("facts.db", OpenMode::kReadOnly);
//   if (!store.ok()) return store.status();
//   Result<std::vector<Fact>> near = (*store)->FindCandidates(tokens);
//
// The query methods (Find*, List*, Validate) are thread-safe: any number of
// threads may call them at once. Import is not, and must not run alongside
// queries. No method throws.
#ifndef CLAIMCHECK_FACTS_FACT_STORE_H_
#define CLAIMCHECK_FACTS_FACT_STORE_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/fact.h"

namespace claimcheck {

// Relative tolerance of a fact that gives none (see README, "Tolerance").
inline constexpr double kDefaultTolerance = 0.01;

class FactStore {
 public:
  FactStore() = default;
  FactStore(const FactStore&) = delete;
  FactStore& operator=(const FactStore&) = delete;
  virtual ~FactStore() = default;

  // Facts for which every keyword group has an alternative whose first word
  // token (base/text.h WordTokens) is among `tokens`. A superset of the
  // facts that can link to a claim in a text with these tokens; the linker
  // confirms whole-phrase matches. Ordered by id. Tokens are compared after
  // ASCII lower-casing; a fact without keyword groups is a candidate for
  // any tokens (every one of its zero groups is matched).
  virtual Result<std::vector<Fact>> FindCandidates(
      const std::vector<std::string>& tokens) const = 0;

  // Facts in `unit` whose value lies in [low, high], ordered by id.
  virtual Result<std::vector<Fact>> FindByValue(std::string_view unit,
                                                double low,
                                                double high) const = 0;

  // The rate of `currency` for `year`, or nullopt when there is none.
  virtual Result<std::optional<Rate>> FindRate(std::string_view currency,
                                               int year) const = 0;

  // Facts whose id, subject, metric or source contain `search`
  // (case-insensitive); all facts when it is empty. Ordered by id.
  virtual Result<std::vector<Fact>> ListFacts(
      std::string_view search) const = 0;
  // Every rate, ordered by currency then year.
  virtual Result<std::vector<Rate>> ListRates() const = 0;

  // Upserts facts (by id) and rates (by currency and year) in one
  // transaction: on failure nothing is written.
  virtual Status Import(const std::vector<Fact>& facts,
                        const std::vector<Rate>& rates) = 0;

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

// An empty in-memory store with the same behaviour, for tests.
std::unique_ptr<FactStore> NewMemoryFactStore();

}  // namespace claimcheck

#endif  // CLAIMCHECK_FACTS_FACT_STORE_H_
