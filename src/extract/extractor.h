// Stage 2: finds the numeric claims of a document with the extraction rules
// of rules/ (RE2 patterns kept as data, see rules/README.md).
//
//   Result<std::unique_ptr<RuleSet>> rules = RuleSet::Load("rules");
//   if (!rules.ok()) return rules.status();        // exit 2 in cli/
//   Extractor extractor(**rules);
//   std::vector<RawClaim> raw = extractor.Extract(doc);
//   // normalize/normalizer.h turns raw claims into model Claims.
//
// A RawClaim is a span of Document::text plus the pieces the rule named
// (number, scale, currency, unit, counted noun, ...) and the relation it
// takes part in; turning those pieces into values is normalize/'s job.
// RuleSet is immutable after Load; one RuleSet and one Extractor may serve
// any number of threads at once.
#ifndef CLAIMCHECK_EXTRACT_EXTRACTOR_H_
#define CLAIMCHECK_EXTRACT_EXTRACTOR_H_

#include <array>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/word_set.h"
#include "model/claim.h"
#include "model/document.h"

namespace claimcheck {

// The word data of rules/lexicon.json: what the names, symbols and words in
// a matched claim mean. Map keys are Lexicon::Key of the written form.
// Plain data, filled by RuleSet::Load.
struct Lexicon {
  struct Currency {
    std::string code;       // ISO 4217 ("USD"), or a common code ("BTC")
    double factor = 1;      // 0.01 for "cents", "pence"
    // Another code used when one of `context_words` occurs in the same
    // sentence ("¥" is JPY unless the sentence names the yuan: then CNY).
    std::string context_code;
    std::vector<std::string> context_words;
  };
  struct PercentUnit {
    std::string unit;  // "%" or "pp"
    double factor = 1;  // 0.01 for basis points (25 bp = 0.25 pp)
  };
  std::map<std::string, Currency, std::less<>> currencies;
  std::map<std::string, double, std::less<>> scales;        // "bn" -> 1e9
  std::map<std::string, double, std::less<>> number_words;  // "twelve" -> 12
  std::map<std::string, PercentUnit, std::less<>> percent_units;
  std::map<std::string, double, std::less<>> multipliers;   // "doubled" -> 2
  std::map<std::string, double, std::less<>> fractions;     // "thirds" -> 1/3
  // Hedge phrases before a figure ("more than") and after it ("+", "or
  // more"), each with its qualifier.
  std::map<std::string, Qualifier, std::less<>> hedges_before;
  std::map<std::string, Qualifier, std::less<>> hedges_after;
  size_t longest_hedge = 0;  // in bytes, of hedges_before keys
  // hedges_before again, by each phrase's last byte, in key order: the
  // text before a figure asks only the phrases that end as it does.
  std::array<std::vector<std::pair<std::string, Qualifier>>, 256> hedges_before_by_last_byte;
  // Named word lists ("noun_stop_words", "year_prepositions", ...).
  std::map<std::string, WordSet, std::less<>> word_lists;

  // True when `word` (any case) is in the named list.
  bool InList(std::string_view list, std::string_view word) const;
  // The named list (empty when there is none), for a caller that asks it
  // many times: the name is looked up once, then Holds asks the list.
  const WordSet& List(std::string_view list) const;
  static bool Holds(const WordSet& list, std::string_view word);

  // The lookup key of a written form: ASCII lower case, whitespace
  // (including no-break spaces) removed, so "US $", "us$" and "US$" agree.
  static std::string Key(std::string_view written);
};

// What a rule produces. kExclude rules produce nothing: they veto claims
// of the listed types that overlap their `veto` group (or whole match).
enum class RuleKind { kPercent, kCurrency, kNumber, kYear, kMultiplier, kExclude };

// The compiled rules/ folder. Built once by Load, immutable afterwards,
// thread-safe to share.
class RuleSet {
 public:
  // Loads every *.json in `dir`, sorted by name: lexicon.json holds the
  // word data, every other file a list of rules. Fails with
  // kInvalidArgument and "DIR/FILE: rule NAME: reason" when a file is not
  // JSON, a field is unknown or missing, a pattern does not compile, or an
  // example disagrees with its pattern; kNotFound when `dir` has no rules.
  // Compiling the rules and checking their examples is most of a check's
  // start: `threads` share it (the rules are the same however many do).
  static Result<std::unique_ptr<RuleSet>> Load(const std::string& dir, int threads = 1);

  ~RuleSet();
  RuleSet(const RuleSet&) = delete;
  RuleSet& operator=(const RuleSet&) = delete;

  const Lexicon& lexicon() const { return lexicon_; }

  // The expanded pattern of every claim and exclusion family, one per
  // family, exactly as Extractor scans them (for benchmarks: a bare RE2
  // scan of these is the baseline extraction is measured against).
  std::vector<std::string> Patterns() const;

  // Each rule of every file, in load order, for tests and tools.
  struct RuleInfo {
    std::string file;  // "rules/percent.json" (dir as given + file name)
    std::string name;
    RuleKind kind = RuleKind::kNumber;  // claim rules and exclusions
    bool is_relation = false;           // relation rules: kind unused
    std::string pattern;                // expanded, for claim rules
    std::vector<RuleKind> vetoes;       // kExclude: the kinds it vetoes
    std::string unless;                 // kExclude: the word list that cancels it
    // The examples as written: text, and for match cases the expected
    // value/unit when given.
    struct Example {
      std::string text;
      std::optional<double> value;
      std::string unit;
      std::string claim;  // the expected claim text, when given
    };
    std::vector<Example> match;
    std::vector<Example> no_match;
  };
  const std::vector<RuleInfo>& rules() const { return infos_; }

  // Internal: compiled state, defined in rule_set.cc.
  struct Compiled;
  const Compiled& compiled() const { return *compiled_; }

 private:
  RuleSet();

  Lexicon lexicon_;
  std::vector<RuleInfo> infos_;
  std::unique_ptr<Compiled> compiled_;
};

// One claim as found: its span in Document::text and the pieces its rule
// named. An absent piece is an empty span. Offsets are into Document::text.
struct RawClaim {
  RuleKind kind = RuleKind::kNumber;  // never kExclude
  Span span;        // the claim as reported
  Span number;      // the figure as written: "1.5", "1,200", "twenty-five"
  Span sign;        // a "-" or "+" written before the figure
  Span scale;       // "bn", "billion"
  Span currency;    // "$", "US$", "yuan", "EUR"
  Span unit;        // percent unit: "%", "per cent", "basis points"
  Span noun;        // the counted noun: "users"
  Span multiplier;  // "doubled", "times", "fold", "twice"
  Span minor;       // cents after a main unit: "50" in "3 dollars 50 cents"
  Span denominator; // "five" in "one in five" (the value is number/denominator)
  int rule = -1;    // index into RuleSet::rules()
  int relation_rule = -1;  // the relation rule that joined it, if any
  // Set by relation rules: claims with the same group (> 0) form one
  // relation; groups are numbered in text order from 1.
  int relation_group = 0;
  RelationKind relation_kind = RelationKind::kRange;
  RelationRole relation_role = RelationRole::kLow;
};

// Finds claims with a compiled RuleSet.
// Thread-safe: one Extractor may serve any number of threads at once.
class Extractor {
 public:
  // REQUIRES: rules outlives this Extractor.
  explicit Extractor(const RuleSet& rules);

  // Returns the claims of doc.text in text order, without overlaps; never
  // fails. Linear in the size of the text.
  std::vector<RawClaim> Extract(const Document& doc) const;

 private:
  const RuleSet& rules_;
};

}  // namespace claimcheck

#endif  // CLAIMCHECK_EXTRACT_EXTRACTOR_H_
