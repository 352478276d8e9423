// Internal to extract/: the compiled form of a RuleSet, shared by
// rule_set.cc (which builds it) and extractor.cc (which scans with it).
// Not a face; nothing outside src/extract/ includes this file.
#ifndef CLAIMCHECK_EXTRACT_COMPILED_RULES_H_
#define CLAIMCHECK_EXTRACT_COMPILED_RULES_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "extract/extractor.h"
#include "re2/re2.h"
#include "re2/set.h"

namespace claimcheck {

// One rule: its own pattern, which gives the pieces of a claim once the
// family pattern has found where the claim is, and the indices of its
// named groups (-1 where the rule has no such group).
struct CompiledRule {
  int info = -1;  // index into RuleSet::rules()
  std::unique_ptr<RE2> re;
  int groups = 0;  // capture groups of `re`, plus one for the whole match
  // RE2 finds groups with its fast backtracker only in programs of up to
  // 512 instructions and with its NFA, several times slower, above that;
  // the lexicon's word lists make many rules larger. Such a rule may have
  // twins: the rule with one choice of fragments ({number}: {digits} or
  // {word_number}) narrowed to each of its alternatives. Each path through
  // the rule is a path of exactly one twin (the choice is made once, never
  // inside a repetition) in the same order of preference, so when only one
  // twin matches, its groups are the rule's.
  std::vector<std::unique_ptr<RE2>> twins;
  int claim = -1, number = -1, sign = -1, scale = -1, currency = -1,
      unit = -1, noun = -1, multiplier = -1, minor = -1, denominator = -1, veto = -1,
      word = -1;
  int priority = 0;
  // kExclude only: the claim kinds vetoed (bit 1 << RuleKind), and the word
  // list that cancels the exclusion when the `word` group is in it.
  unsigned vetoes = 0;
  std::string unless_list;
};

// Matches `rule` against exactly text[start, end) of `text` (which gives
// the context that \b and ^ look at) and fills `groups` (rule.groups of
// them); through a twin when only one matches.
bool MatchRuleGroups(const CompiledRule& rule, const re2::StringPiece& text, size_t start,
                     size_t end, re2::StringPiece* groups);

// All rules of one kind, scanned as one leftmost-first alternation in load
// order, so one pass over the text serves the whole family. The family
// pattern is only asked where a match is (its DFA is fast); the rule that
// matched is the first whose own pattern matches exactly that span, and
// only that small pattern is asked for groups. (Asking the large family
// pattern for groups costs a bitmap the size of the whole program per
// match, which made extraction several times slower.)
struct Family {
  RuleKind kind = RuleKind::kNumber;
  int rank = 0;  // breaks ties between equally long claims of two families
  std::unique_ptr<RE2> re;
  // The same rules as a set anchored at both ends: one pass over a found
  // span tells which rules can match it, so only those are asked for groups.
  std::unique_ptr<RE2::Set> which;
  // Exclusions only: the rules as a set anchored at the start, each after
  // an optional byte (the context before a found start): one pass where an
  // exclusion starts tells which of the rules can start there too.
  std::unique_ptr<RE2::Set> starting;
  int max_groups = 0;  // the most groups of any rule, plus one
  int max_priority = 0;  // the highest priority of any rule
  std::vector<CompiledRule> rules;
};

// A relation rule: two neighbouring claims (years skipped) are related when
// `between` matches all the text between them, `before` matches the end of
// the text before the first and `after` the start of the text after the
// second (null patterns always match).
struct CompiledRelation {
  int info = -1;
  RelationKind kind = RelationKind::kRange;
  RelationRole first_role = RelationRole::kLow;
  RelationRole second_role = RelationRole::kHigh;
  std::unique_ptr<RE2> before, between, after;
  // Claim kinds allowed on each side (bit 1 << RuleKind).
  unsigned first_kinds = 0, second_kinds = 0;
  bool different_currency = false;  // conversions: two distinct currencies
  bool same_kind = false;           // both sides of one kind (bare numbers
                                    // count as any kind)
};

struct RuleSet::Compiled {
  // Unique among the rule sets of a process, for what is kept per rule set
  // outside it (the extractor's per-thread cache of read matches).
  uint64_t id = 0;
  std::vector<Family> families;
  std::vector<CompiledRelation> relations;
  // Every relation's `between`, in relation order: one pass over the text
  // between two claims tells which relations it can join them by.
  std::unique_ptr<RE2::Set> between;
};

inline unsigned KindBit(RuleKind kind) {
  return 1u << static_cast<unsigned>(kind);
}

}  // namespace claimcheck

#endif  // CLAIMCHECK_EXTRACT_COMPILED_RULES_H_
