// Scores claimcheck's extraction against outside material in
// ../shared/peer-suites (never copied into this repository):
//
// - Recognizers-Text specs (percent, currency, number .jsonl): a case is
//   right when every expected span with a value is overlapped by a claim of
//   the suite's kind with the same value, and no claim of that kind lies
//   outside the expected spans. Their "cents"/"pence" values are in cents;
//   claimcheck's are in the main unit, so those are compared times 100.
//   A bare currency word without an amount ("dollar") has no value and is
//   neither required nor an extra.
// - Real claims (fin-fact, averitec: field `claim`): the share of claims
//   containing a digit in which at least one claim is found.
//
// Thread-compatible; used by tools/peer_suite/main.cc and its test.
#ifndef CLAIMCHECK_TOOLS_PEER_SUITE_SCORING_H_
#define CLAIMCHECK_TOOLS_PEER_SUITE_SCORING_H_

#include <string>
#include <vector>

#include "base/status.h"
#include "extract/extractor.h"

namespace claimcheck::peer {

enum class SuiteKind { kPercent, kCurrency, kNumber };

// The kind named by a suite file's name ("currency.jsonl"), or kNumber.
SuiteKind KindOfSuite(const std::string& path);

struct CaseResult {
  std::string input;
  bool right = false;
  std::string why;  // for a miss: what was expected and what was found
};

struct Score {
  int cases = 0;
  int right = 0;
  double Share() const { return cases == 0 ? 0 : static_cast<double>(right) / cases; }
  std::vector<CaseResult> results;  // one per case, in file order
};

// Scores a Recognizers-Text suite file. Fails when the file cannot be read
// or a line is not a case.
Result<Score> ScoreSuite(const std::string& path, SuiteKind kind, const RuleSet& rules);

// Scores a file of real claims: counts the claims containing a digit
// (`cases`) and those in which at least one claim is found (`right`).
// Each result's `why` lists the claims found. With `without_digits`, the
// claims containing no digit are counted instead, for reading what is
// found in prose ("doubled", "five percent" and false alarms).
Result<Score> ScoreRealClaims(const std::string& path, const RuleSet& rules,
                              bool without_digits = false);

}  // namespace claimcheck::peer

#endif  // CLAIMCHECK_TOOLS_PEER_SUITE_SCORING_H_
