#include "facts/validation.h"

#include <cmath>
#include <set>
#include <utility>

#include "base/text.h"

namespace claimcheck {

std::string FirstKeywordToken(std::string_view alternative) {
  std::vector<std::string> tokens = WordTokens(alternative);
  return tokens.empty() ? std::string() : std::move(tokens.front());
}

std::vector<std::string> FactProblems(const Fact& fact) {
  std::vector<std::string> problems;
  auto require = [&](const std::string& field, const char* name) {
    if (TrimAscii(field).empty()) problems.push_back(std::string("no ") + name);
  };
  require(fact.id, "id");
  require(fact.subject, "subject");
  require(fact.metric, "metric");
  require(fact.unit, "unit");
  require(fact.source, "source");
  if (!std::isfinite(fact.value)) problems.push_back("value is not finite");
  if (fact.tolerance &&
      !(std::isfinite(*fact.tolerance) && *fact.tolerance >= 0)) {
    problems.push_back("tolerance must be a finite number >= 0");
  }
  for (size_t g = 0; g < fact.keywords.size(); ++g) {
    const std::vector<std::string>& group = fact.keywords[g];
    if (group.empty()) {
      problems.push_back("keyword group " + std::to_string(g + 1) +
                         " is empty");
    }
    for (const std::string& alternative : group) {
      // An alternative without a word could never be matched, so the fact
      // could never be linked: almost certainly a typo in the record.
      if (FirstKeywordToken(alternative).empty()) {
        problems.push_back("keyword \"" + alternative + "\" holds no word");
      } else if (alternative.find_first_of("|;") != std::string::npos) {
        // CSV writes keywords as alt|alt;alt: these would not read back.
        problems.push_back("keyword \"" + alternative + "\" contains | or ;");
      } else if (TrimAscii(alternative).size() != alternative.size()) {
        problems.push_back("keyword \"" + alternative +
                           "\" has spaces at its ends");
      }
    }
  }
  return problems;
}

std::vector<std::string> RateProblems(const Rate& rate) {
  std::vector<std::string> problems;
  bool code = rate.currency.size() == 3;
  for (char c : rate.currency) code = code && c >= 'A' && c <= 'Z';
  if (!code) {
    problems.push_back("currency \"" + rate.currency +
                       "\" is not an ISO 4217 code");
  }
  if (!(std::isfinite(rate.per_usd) && rate.per_usd > 0)) {
    problems.push_back("per_usd must be a finite number > 0");
  }
  if (TrimAscii(rate.source).empty()) problems.push_back("no source");
  return problems;
}

Status CheckImportable(const std::vector<Fact>& facts,
                       const std::vector<Rate>& rates) {
  std::set<std::string> ids;
  for (const Fact& fact : facts) {
    if (Status status = CheckImportable(fact); !status.ok()) return status;
    if (!ids.insert(fact.id).second) return GivenTwice(fact);
  }
  std::set<std::pair<std::string, int>> keys;
  for (const Rate& rate : rates) {
    if (Status status = CheckImportable(rate); !status.ok()) return status;
    if (!keys.emplace(rate.currency, rate.year).second) return GivenTwice(rate);
  }
  return Status();
}

Status CheckImportable(const Fact& fact) {
  std::vector<std::string> problems = FactProblems(fact);
  if (problems.empty()) return Status();
  return Status::InvalidArgument(DescribeFact(fact) + ": " + problems.front());
}

Status CheckImportable(const Rate& rate) {
  std::vector<std::string> problems = RateProblems(rate);
  if (problems.empty()) return Status();
  return Status::InvalidArgument(DescribeRate(rate) + ": " + problems.front());
}

Status GivenTwice(const Fact& fact) {
  return Status::InvalidArgument(DescribeFact(fact) + ": duplicate id in one import");
}

Status GivenTwice(const Rate& rate) {
  return Status::InvalidArgument(DescribeRate(rate) + ": given twice in one import");
}

std::string DescribeFact(const Fact& fact) {
  return "fact \"" + fact.id + "\"";
}

std::string DescribeRate(const Rate& rate) {
  return "rate " + rate.currency + " " + std::to_string(rate.year);
}

}  // namespace claimcheck
