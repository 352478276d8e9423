// Curated facts and exchange rates, as stored in the fact database and read
// from fact records (interface.md, "Fact records"). Plain structs.
#ifndef CLAIMCHECK_MODEL_FACT_H_
#define CLAIMCHECK_MODEL_FACT_H_

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace claimcheck {

struct Fact {
  std::string id;
  std::string subject;
  std::string metric;
  double value = 0;
  std::string unit;         // ISO 4217, "%", "pp", "count", "year", a word
  std::optional<int> year;  // absent for timeless facts
  // Groups of alternatives; every group must be matched near a claim.
  std::vector<std::vector<std::string>> keywords;
  std::optional<double> tolerance;  // relative; absent: the default
  std::string source;
  std::string url;   // may be empty
  std::string note;  // may be empty
};

// Whether a unit (of a fact or a claim) is a currency: an ISO 4217 code,
// three upper-case ASCII letters. Every other unit is a measure or a noun.
inline bool IsCurrencyUnit(std::string_view unit) {
  return unit.size() == 3 && unit[0] >= 'A' && unit[0] <= 'Z' && unit[1] >= 'A' &&
         unit[1] <= 'Z' && unit[2] >= 'A' && unit[2] <= 'Z';
}

// Annual average: per_usd units of `currency` buy one US dollar.
struct Rate {
  std::string currency;  // ISO 4217
  int year = 0;
  double per_usd = 0;
  std::string source;
  std::string url;
};

// One record of a fact file, and what an import takes: a fact or a rate.
using FactRecord = std::variant<Fact, Rate>;

}  // namespace claimcheck

#endif  // CLAIMCHECK_MODEL_FACT_H_
