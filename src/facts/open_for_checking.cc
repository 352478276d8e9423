#include <cstdint>
#include <utility>

#include "facts/fact_store.h"

namespace claimcheck {

Result<std::unique_ptr<FactStore>> OpenFactsForChecking(const std::string& path,
                                                        size_t in_memory_limit) {
  Result<std::unique_ptr<FactStore>> sqlite = OpenSqliteFactStore(path, OpenMode::kReadOnly);
  if (!sqlite.ok()) return sqlite;
  Result<size_t> count = (*sqlite)->CountFacts(in_memory_limit + 1);
  if (!count.ok()) return count.status();
  if (*count > in_memory_limit) return sqlite;
  Result<std::vector<Fact>> facts = (*sqlite)->ListFacts("");
  if (!facts.ok()) return facts.status();
  Result<std::vector<Rate>> rates = (*sqlite)->ListRates();
  if (!rates.ok()) return rates.status();
  std::unique_ptr<FactStore> memory = NewMemoryFactStore();
  if (!memory->Import(*facts, *rates).ok()) return sqlite;
  return memory;
}

}  // namespace claimcheck
