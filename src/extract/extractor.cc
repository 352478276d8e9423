// Scans a text with each claim family's combined pattern, drops what an
// exclusion vetoes, resolves overlaps, then relates neighbouring claims.
//
// Overlaps: a rule's priority wins first (a year after "in" beats "2023
// revenue" read as a count), then the longer claim ("$5 million" over "5
// million"), then the family rank (currency, percent, multiplier, year,
// number). Every step is linear in the text or in the number of matches.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/compiled_rules.h"
#include "extract/extractor.h"
#include "re2/re2.h"

namespace claimcheck {

namespace {

// How far relation rules look before the first and after the second claim,
// and the longest text they accept between two claims. Longer gaps are
// never "A (about B)" or "from A to B" in practice.
constexpr size_t kContextBytes = 80;
constexpr size_t kMaxGlueBytes = 120;
constexpr size_t kMaxExclusionRescan = 64;
constexpr size_t kMaxExclusionBytes = 256;  // longer exclusions are cut there

bool Empty(const Span& s) { return s.end <= s.start; }

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view Slice(std::string_view text, const Span& s) {
  return text.substr(s.start, s.end - s.start);
}

// The word that ends just before `pos` (spaces skipped), or "".
std::string_view PreviousWord(std::string_view text, size_t pos) {
  size_t end = pos;
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
  size_t start = end;
  while (start > 0 && IsAsciiAlpha(text[start - 1])) --start;
  return text.substr(start, end - start);
}

// A plain noun plural such as "people" is not caught; "-s" plurals are the
// common case for "2024 employees" and enough to tell a count from a year.
bool LooksPlural(std::string_view noun) {
  if (noun.size() < 4) return false;
  char last = noun.back() | 0x20;
  char before = noun[noun.size() - 2] | 0x20;
  return last == 's' && before != 's' && before != 'u' && before != 'i';
}

bool IsYearShaped(std::string_view number) {
  if (number.size() != 4) return false;
  for (char c : number) {
    if (!IsAsciiDigit(c)) return false;
  }
  int v = (number[0] - '0') * 1000 + (number[1] - '0') * 100 + (number[2] - '0') * 10 +
          (number[3] - '0');
  return v >= 1900 && v <= 2100;
}

struct Candidate {
  RawClaim claim;
  int priority = 0;
  size_t core = 0;  // span length without the counted noun
  int rank = 0;
  uint32_t family = 0;  // index in RuleSet::Compiled::families: the last tie-break
};

// A family match not yet read: it lies inside a claim of an earlier family
// that beats anything it could become (see Scan::Beats).
struct SetAside {
  uint32_t family = 0;
  Span whole;
  bool read = false;
};

// What reading family matches gave, by the bytes each was read from (the
// match and one byte of context each side, all that a rule's groups depend
// on): articles repeat the wording of their figures ("in 2023", "5%", "$1
// billion"), and asking a rule for its groups costs thousands of
// instructions (tens of thousands through RE2's NFA) where a lookup costs a
// hundred. One per thread and rule set; emptied when it holds kCapacity
// readings, so it stays a few megabytes.
//
// An open-addressing table over three flat arrays, not a map of strings:
// a map's lookup walked from bucket to node to the key's own buffer, a
// cache miss each, and divided by the bucket count, together 4% of a
// check; its readings took three allocations each.
class ReadingCache {
 public:
  using Group = std::pair<int32_t, int32_t>;  // (offset in the window, length); -1: no match
  struct Reading {
    int rule = -1;  // index in the family's rules; -1: no rule matched
    const Group* groups = nullptr;  // valid until the next Keep
    size_t group_count = 0;
  };

  static ReadingCache& ForThisThread(const RuleSet::Compiled& rules) {
    thread_local ReadingCache cache;
    if (cache.rules_id_ != rules.id) {
      cache.Clear();
      cache.rules_id_ = rules.id;
    }
    return cache;
  }

  // The reading of the match [start, start + length) of `window`, if kept.
  std::optional<Reading> Find(uint32_t family, size_t start, size_t length,
                              std::string_view window) {
    probe_ = {};
    if (window.size() > kLongestWindow || family > UINT8_MAX) return std::nullopt;
    probe_ = {HashOf(family, start, length, window), window, static_cast<uint8_t>(family),
              static_cast<uint8_t>(start), static_cast<uint8_t>(length), 0};
    for (size_t i = probe_.hash & (kSlots - 1);; i = (i + 1) & (kSlots - 1)) {
      const Slot& slot = slots_[i];
      if (slot.hash == 0) {
        probe_.free_slot = i;
        return std::nullopt;
      }
      if (slot.hash == probe_.hash && slot.family == probe_.family &&
          slot.start == probe_.start && slot.length == probe_.length &&
          std::string_view(keys_).substr(slot.key_at, slot.key_size) == window) {
        probe_ = {};  // found: nothing to keep
        return Reading{slot.rule, groups_.data() + slot.groups_at, slot.group_count};
      }
    }
  }

  // Keeps a reading for the match Find was last asked about (and missed).
  void Keep(int rule, const std::vector<Group>& groups) {
    if (probe_.hash == 0) return;  // found, or too long to keep
    if (size_ >= kCapacity) {
      Clear();
      probe_.free_slot = probe_.hash & (kSlots - 1);
    }
    Slot& slot = slots_[probe_.free_slot];
    slot = {probe_.hash,
            static_cast<uint32_t>(keys_.size()),
            static_cast<uint32_t>(groups_.size()),
            static_cast<uint8_t>(probe_.window.size()),
            probe_.family,
            probe_.start,
            probe_.length,
            static_cast<int16_t>(rule),
            static_cast<uint16_t>(groups.size())};
    keys_.append(probe_.window);
    groups_.insert(groups_.end(), groups.begin(), groups.end());
    ++size_;
    probe_ = {};
  }

 private:
  static constexpr size_t kCapacity = 1 << 14;
  static constexpr size_t kSlots = kCapacity * 2;  // a power of two: at most half full
  static constexpr size_t kLongestWindow = 120;    // sizes and offsets fit a byte

  struct Slot {
    uint64_t hash = 0;  // 0: empty
    uint32_t key_at = 0, groups_at = 0;  // where the window and groups start in keys_, groups_
    uint8_t key_size = 0, family = 0, start = 0, length = 0;
    int16_t rule = -1;
    uint16_t group_count = 0;
  };
  struct Probe {
    uint64_t hash = 0;  // 0: nothing to keep
    std::string_view window;
    uint8_t family = 0, start = 0, length = 0;
    size_t free_slot = 0;
  };

  static uint64_t HashOf(uint32_t family, size_t start, size_t length, std::string_view window) {
    uint64_t h = std::hash<std::string_view>()(window);
    h ^= (uint64_t{family} << 16 | uint64_t{start} << 8 | length) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 29;  // the slot is taken from the low bits
    return h == 0 ? 1 : h;
  }

  void Clear() {
    std::fill(slots_.begin(), slots_.end(), Slot{});
    keys_.clear();
    groups_.clear();
    size_ = 0;
  }

  uint64_t rules_id_ = 0;
  std::vector<Slot> slots_ = std::vector<Slot>(kSlots);
  std::string keys_;
  std::vector<Group> groups_;
  size_t size_ = 0;
  Probe probe_;
};

// Merged veto intervals of one claim kind, sorted by start.
class VetoIndex {
 public:
  void Add(Span s) { spans_.push_back(s); }
  void Finish() {
    std::sort(spans_.begin(), spans_.end(),
              [](const Span& a, const Span& b) { return a.start < b.start; });
    std::vector<Span> merged;
    for (const Span& s : spans_) {
      if (!merged.empty() && s.start <= merged.back().end) {
        merged.back().end = std::max(merged.back().end, s.end);
      } else {
        merged.push_back(s);
      }
    }
    spans_ = std::move(merged);
  }
  bool Overlaps(const Span& s) const {
    auto it = std::lower_bound(spans_.begin(), spans_.end(), s.end,
                               [](const Span& v, size_t end) { return v.start < end; });
    if (it == spans_.begin()) return false;
    --it;
    return it->end > s.start;
  }

 private:
  std::vector<Span> spans_;
};

class Scan {
 public:
  Scan(const RuleSet& rules, std::string_view text)
      : rules_(rules),
        lex_(rules.lexicon()),
        text_(text),
        measure_units_(lex_.List("measure_units")),
        year_determiners_(lex_.List("year_determiners")),
        weak_number_words_(lex_.List("weak_number_words")),
        prose_number_words_(lex_.List("prose_number_words")),
        count_modifiers_(lex_.List("count_modifiers")),
        noun_stop_words_(lex_.List("noun_stop_words")),
        plural_nouns_(lex_.List("plural_nouns")) {
    for (const Family& f : rules.compiled().families) {
      if (f.kind == RuleKind::kYear) year_rank_ = f.rank;
    }
  }

  std::vector<RawClaim> Run() {
    const auto& families = rules_.compiled().families;
    for (size_t f = 0; f < families.size(); ++f) ScanFamily(static_cast<uint32_t>(f));
    for (auto& v : vetoes_) v.Finish();
    std::vector<uint32_t> kept = Resolve();
    // A match set aside is read once no kept claim beats it; reading one
    // may change what is kept, so until every one left is beaten. A chain
    // of such changes is short in any real text; past a few rounds every
    // match left is read, which settles it in one more, so the work stays
    // linear whatever the rules.
    constexpr int kMostRounds = 4;
    for (int round = 0; ReadUnbeaten(kept, round == kMostRounds); ++round) kept = Resolve();
    std::vector<RawClaim> claims;
    claims.reserve(kept.size());
    for (uint32_t k : kept) claims.push_back(std::move(candidates_[k].claim));
    Relate(&claims);
    return claims;
  }

 private:
  Span Group(const re2::StringPiece* groups, int index) const {
    if (index < 0 || groups[index].data() == nullptr) return {};
    size_t start = groups[index].data() - text_.data();
    return {start, start + groups[index].size()};
  }

  // Claims cost most where a rule is asked for its groups, and more than a
  // third of all family matches are numbers inside a claim an earlier
  // family found ("5" of "5%", "2023" of "in 2023"). Such a match is set
  // aside unread when a claim found before it holds it and beats whatever
  // it could become; Run reads it only if that claim is not kept.
  void ScanFamily(uint32_t family_index) {
    const Family& family = rules_.compiled().families[family_index];
    const size_t first_candidate = candidates_.size();
    re2::StringPiece found;
    size_t pos = 0;
    while (pos <= text_.size() &&
           family.re->Match(text_, pos, text_.size(), RE2::UNANCHORED, &found, 1)) {
      Span whole = {static_cast<size_t>(found.data() - text_.data()),
                    static_cast<size_t>(found.data() - text_.data()) + found.size()};
      pos = whole.end > whole.start ? whole.end : whole.end + 1;
      if (family.kind == RuleKind::kExclude) {
        ApplyExclusionsAt(family, whole);
        // Exclusions may overlap ("Python 3.11.4" is a name and a version):
        // after a short one, look again from its next byte. Long ones are
        // skipped whole so that the scan stays linear.
        if (whole.end - whole.start < kMaxExclusionRescan) pos = whole.start + 1;
        continue;
      }
      if (BeatenWhenFound(family, whole)) {
        set_aside_.push_back({family_index, whole});
        continue;
      }
      ReadMatch(family_index, whole);
    }
    // The earlier families' candidates are in order already: only this
    // family's (found left to right, so nearly in order) need sorting, and
    // then the two runs merging.
    auto by_start = [&](uint32_t a, uint32_t b) {
      return candidates_[a].claim.span.start < candidates_[b].claim.span.start;
    };
    const auto earlier = static_cast<std::ptrdiff_t>(found_before_.size());
    for (size_t i = first_candidate; i < candidates_.size(); ++i) {
      found_before_.push_back(static_cast<uint32_t>(i));
    }
    std::sort(found_before_.begin() + earlier, found_before_.end(), by_start);
    merged_.resize(found_before_.size());
    std::merge(found_before_.begin(), found_before_.begin() + earlier,
               found_before_.begin() + earlier, found_before_.end(), merged_.begin(), by_start);
    found_before_.swap(merged_);
  }

  // The claim of one family match, if any: which rule matched and what its
  // groups hold.
  void ReadMatch(uint32_t family_index, Span whole) {
    const Family& family = rules_.compiled().families[family_index];
    groups_.resize(std::max(groups_.size(), static_cast<size_t>(family.max_groups)));
    // The set reads the span without what surrounds it, so it may name a
    // rule whose \b fails in context: each is confirmed in context, in
    // rule order (the family's leftmost-first choice).
    // One byte each side is all the context \b, ^ and $ need; a short
    // window lets RE2 go straight to its small-text matcher.
    const size_t ws = whole.start > 0 ? whole.start - 1 : 0;
    const size_t we = std::min(text_.size(), whole.end + 1);
    const re2::StringPiece window(text_.data() + ws, we - ws);
    ReadingCache& cache = ReadingCache::ForThisThread(rules_.compiled());
    const std::string_view window_text(window.data(), window.size());
    if (const std::optional<ReadingCache::Reading> kept =
            cache.Find(family_index, whole.start - ws, whole.end - whole.start, window_text)) {
      if (kept->rule < 0) return;
      for (size_t g = 0; g < kept->group_count; ++g) {
        const auto [offset, length] = kept->groups[g];
        groups_[g] = offset < 0 ? re2::StringPiece()
                                : re2::StringPiece(window.data() + offset, length);
      }
      AddCandidate(family_index, family.rules[kept->rule], groups_.data(), whole);
      return;
    }
    auto try_rule = [&](const CompiledRule& r) {
      return MatchRuleGroups(r, window, whole.start - ws, whole.end - ws, groups_.data());
    };
    const CompiledRule* rule = nullptr;
    which_.clear();
    family.which->Match(re2::StringPiece(text_.data() + whole.start, whole.end - whole.start),
                        &which_);
    std::sort(which_.begin(), which_.end());
    for (int index : which_) {
      if (try_rule(family.rules[index])) {
        rule = &family.rules[index];
        break;
      }
    }
    if (rule == nullptr) {  // a rule the set missed for want of context
      for (const CompiledRule& r : family.rules) {
        if (try_rule(r)) {
          rule = &r;
          break;
        }
      }
    }
    read_groups_.clear();
    if (rule != nullptr) {
      for (int g = 0; g < rule->groups; ++g) {
        read_groups_.emplace_back(
            groups_[g].data() == nullptr ? -1
                                         : static_cast<int32_t>(groups_[g].data() - window.data()),
            static_cast<int32_t>(groups_[g].size()));
      }
    }
    cache.Keep(rule == nullptr ? -1 : static_cast<int>(rule - family.rules.data()), read_groups_);
    if (rule == nullptr) return;
    AddCandidate(family_index, *rule, groups_.data(), whole);
  }

  // True when `c` wins against any claim a match of `family` spanning
  // `whole` could give, wherever they overlap: that claim's rule has at
  // most the family's highest priority, and its core is at most `whole`
  // (AddCandidate: a span only leaves the match for a counted noun, which
  // the core leaves out). Resolve's order, first tests.
  static bool Beats(const Candidate& c, const Family& family, Span whole) {
    return c.claim.span.start <= whole.start && c.claim.span.end >= whole.end &&
           (c.priority > family.max_priority ||
            (c.priority == family.max_priority && c.core > whole.end - whole.start));
  }

  // A quick guess, made while scanning: a claim of an earlier family that
  // starts shortly before `whole` beats it. Wrong guesses cost time only:
  // Run reads every match no kept claim beats.
  bool BeatenWhenFound(const Family& family, Span whole) const {
    auto it = std::upper_bound(found_before_.begin(), found_before_.end(), whole.start,
                               [&](size_t start, uint32_t c) {
                                 return start < candidates_[c].claim.span.start;
                               });
    for (int k = 0; k < 3 && it != found_before_.begin(); ++k) {
      if (Beats(candidates_[*--it], family, whole)) return true;
    }
    return false;
  }

  // Reads the matches set aside that no claim in `kept` (in text order,
  // without overlaps) beats, or `every_one` left; true when it read any.
  bool ReadUnbeaten(const std::vector<uint32_t>& kept, bool every_one) {
    const auto& families = rules_.compiled().families;
    bool read = false;
    for (SetAside& m : set_aside_) {
      if (m.read) continue;
      if (every_one) {
        ReadMatch(m.family, m.whole);
        m.read = true;
        read = true;
        continue;
      }
      // Only the last kept claim that starts at or before the match can hold it.
      auto it = std::upper_bound(kept.begin(), kept.end(), m.whole.start,
                                 [&](size_t start, uint32_t c) {
                                   return start < candidates_[c].claim.span.start;
                                 });
      if (it != kept.begin() && Beats(candidates_[*std::prev(it)], families[m.family], m.whole)) {
        continue;
      }
      ReadMatch(m.family, m.whole);
      m.read = true;
      read = true;
    }
    return read;
  }

  // Where one exclusion starts, every exclusion that starts there applies
  // (at "05/01/2023" both a leading zero and a date), not only the one the
  // leftmost-first family pattern picked.
  void ApplyExclusionsAt(const Family& family, Span whole) {
    groups_.resize(std::max(groups_.size(), static_cast<size_t>(family.max_groups)));
    const size_t ws = whole.start > 0 ? whole.start - 1 : 0;
    const size_t we = std::min(text_.size(), whole.start + kMaxExclusionBytes);
    const re2::StringPiece window(text_.data() + ws, we - ws);
    starting_.clear();
    family.starting->Match(window, &starting_);
    std::sort(starting_.begin(), starting_.end());  // in rule order
    for (int index : starting_) {
      const CompiledRule& r = family.rules[index];
      // Asked for groups, RE2 runs its backtracker on a short text without
      // first asking its DFA whether there is a match at all, and the
      // backtracker allocates and clears a bitmap of pattern size times
      // text length: most exclusions do not start here, so the DFA alone
      // says no to them first.
      if (!r.re->Match(window, whole.start - ws, we - ws, RE2::ANCHOR_START, nullptr, 0)) {
        continue;
      }
      if (r.re->Match(window, whole.start - ws, we - ws, RE2::ANCHOR_START, groups_.data(),
                      r.groups)) {
        Span matched = Group(groups_.data(), 0);
        AddVeto(r, groups_.data(), matched);
      }
    }
  }

  void AddVeto(const CompiledRule& rule, const re2::StringPiece* groups, Span whole) {
    if (!rule.unless_list.empty()) {
      Span word = Group(groups, rule.word);
      if (!Empty(word) && lex_.InList(rule.unless_list, Slice(text_, word))) return;
    }
    // A rule with a veto group vetoes only when that group took part: an
    // alternative without it lets the rule consume what it must not veto
    // ("Ohio 100,000 jobs" is no name).
    Span veto = rule.veto >= 0 ? Group(groups, rule.veto) : whole;
    if (Empty(veto)) return;
    for (unsigned k = 0; k < kKinds; ++k) {
      if (rule.vetoes & (1u << k)) vetoes_[k].Add(veto);
    }
  }

  void AddCandidate(uint32_t family_index, const CompiledRule& rule,
                    const re2::StringPiece* groups, Span whole) {
    const Family& family = rules_.compiled().families[family_index];
    Candidate c;
    c.family = family_index;
    RawClaim& claim = c.claim;
    claim.kind = family.kind;
    claim.rule = rule.info;
    claim.span = Group(groups, rule.claim);
    if (Empty(claim.span)) claim.span = whole;
    claim.number = Group(groups, rule.number);
    claim.sign = Group(groups, rule.sign);
    claim.scale = Group(groups, rule.scale);
    claim.currency = Group(groups, rule.currency);
    claim.unit = Group(groups, rule.unit);
    claim.noun = Group(groups, rule.noun);
    claim.multiplier = Group(groups, rule.multiplier);
    claim.minor = Group(groups, rule.minor);
    claim.denominator = Group(groups, rule.denominator);
    if (Empty(claim.span)) return;

    // A dash glued to what precedes it joins a range ("2-3%"), it is no
    // minus sign.
    if (!Empty(claim.sign) && claim.sign.start > 0) {
      char prev = text_[claim.sign.start - 1];
      if (IsAsciiAlpha(prev) || IsAsciiDigit(prev) || prev == '%' || prev == ')' ||
          prev == '.' || prev == ',') {
        if (claim.span.start == claim.sign.start) claim.span.start = claim.sign.end;
        claim.sign = {};
        if (Empty(claim.span)) return;  // the sign was all of it
      }
    }

    if (!Empty(claim.noun)) {
      // A unit of measure ("GB", "kg") is taken as written.
      Span head = Lexicon::Holds(measure_units_, Slice(text_, claim.noun)) ? claim.noun
                                                                         : HeadNoun(claim.noun);
      if (!Empty(head) && claim.span.end == claim.noun.end) claim.span.end = head.end;
      bool drop = Empty(head);
      if (!drop) claim.noun = head;
      std::string_view noun = Slice(text_, claim.noun);
      // "2024 employees" counts people; "2023 revenue" and "the 2024
      // elections" speak of a year.
      if (!drop && IsYearShaped(Slice(text_, claim.number))) {
        drop = !LooksPlural(noun) || !(noun[0] >= 'a' && noun[0] <= 'z') ||
               Lexicon::Holds(year_determiners_, PreviousWord(text_, claim.number.start));
      }
      if (drop) {
        if (claim.span.end == claim.noun.end) claim.span.end = CoreEnd(claim);
        claim.noun = {};
      }
    }

    // A small number in words ("one", "three") is a claim only with a
    // scale, a unit or a counted noun beside it; alone it is prose ("one of
    // them"). Larger ones ("seventeen", "one hundred and six") stand alone.
    if (family.kind == RuleKind::kNumber && Empty(claim.scale) && Empty(claim.noun) &&
        Lexicon::Holds(weak_number_words_, Slice(text_, claim.number))) {
      return;
    }
    // "one" counts nothing in "one of", "one lost", "one nation": it is a
    // claim only with a scale ("one billion") or inside another family.
    if (family.kind == RuleKind::kNumber && Empty(claim.scale) &&
        Lexicon::Holds(prose_number_words_, Slice(text_, claim.number))) {
      return;
    }
    c.priority = rule.priority;
    c.rank = family.rank;
    // The counted noun does not make a claim longer when overlaps are
    // weighed: "$ 280 million" beats "280 million first".
    c.core = claim.span.end - claim.span.start;
    if (!Empty(claim.noun) && claim.span.end == claim.noun.end) {
      c.core = std::max(CoreEnd(claim), claim.span.start) - claim.span.start;
      // ... except against a plain year: "2024 employees" is a count.
      if (IsYearShaped(Slice(text_, claim.number))) c.rank = year_rank_;
    }
    candidates_.push_back(std::move(c));
  }

  // The noun a figure counts, from the word the rule captured: the first
  // plural among the next three words ("1,200 high-wage jobs", "1.2 million
  // users signed up", "448,000 more jobs"), else the first word; nothing
  // when a function word comes first ("5 of the"). Bounded: three words.
  Span HeadNoun(Span first) const {
    auto is_word_char = [](char c) {
      return (c >= 'a' && c <= 'z') || c == '-' || c == '\'';
    };
    if (text_[first.start] >= 'A' && text_[first.start] <= 'Z') return first;  // "Americans"
    Span fallback;
    size_t pos = first.start;
    for (int k = 0; k < 3; ++k) {
      size_t end = pos;
      while (end < text_.size() && is_word_char(text_[end])) ++end;
      if (end == pos || !IsAsciiAlpha(text_[pos])) break;
      Span word = {pos, end};
      std::string_view w = Slice(text_, word);
      bool modifier = Lexicon::Holds(count_modifiers_, w);
      if (!modifier && Lexicon::Holds(noun_stop_words_, w)) break;
      if (!modifier) {
        if (LooksPlural(w) || Lexicon::Holds(plural_nouns_, w)) return word;
        if (Empty(fallback)) fallback = word;
      }
      if (end + 1 >= text_.size() || text_[end] != ' ' || !IsAsciiAlpha(text_[end + 1])) break;
      pos = end + 1;
      // A capitalised word counts only as a plural ("young Ohioans").
      if (text_[pos] >= 'A' && text_[pos] <= 'Z') {
        size_t e = pos + 1;
        while (e < text_.size() && text_[e] >= 'a' && text_[e] <= 'z') ++e;
        if (LooksPlural(text_.substr(pos, e - pos)) && (e == text_.size() || !IsAsciiAlpha(text_[e]))) {
          return {pos, e};
        }
        break;
      }
    }
    return fallback;
  }

  // Where a claim ends without its counted noun.
  static size_t CoreEnd(const RawClaim& claim) {
    size_t end = claim.number.end;
    for (const Span* s : {&claim.sign, &claim.scale, &claim.currency, &claim.unit,
                          &claim.multiplier, &claim.minor, &claim.denominator}) {
      if (!Empty(*s) && s->end <= claim.noun.start) end = std::max(end, s->end);
    }
    return end;
  }

  // The candidates kept, in text order. Overlapping candidates form
  // clusters (a run in start order where each starts before the furthest
  // end so far); each cluster is settled on its own, so the work is linear
  // in the candidates save for tiny sorts.
  std::vector<uint32_t> Resolve() {
    std::vector<std::pair<size_t, uint32_t>> by_start;  // (start, candidate)
    by_start.reserve(candidates_.size());
    for (size_t i = 0; i < candidates_.size(); ++i) {
      const RawClaim& c = candidates_[i].claim;
      if (!vetoes_[static_cast<unsigned>(c.kind)].Overlaps(c.span)) {
        by_start.emplace_back(c.span.start, static_cast<uint32_t>(i));
      }
    }
    std::sort(by_start.begin(), by_start.end());
    std::vector<uint32_t> order;
    order.reserve(by_start.size());
    for (const auto& [start, i] : by_start) order.push_back(i);
    by_start = {};
    auto better = [&](uint32_t a, uint32_t b) {
      const Candidate& x = candidates_[a];
      const Candidate& y = candidates_[b];
      if (x.priority != y.priority) return x.priority > y.priority;
      if (x.core != y.core) return x.core > y.core;
      if (x.rank != y.rank) return x.rank > y.rank;
      size_t lx = x.claim.span.end - x.claim.span.start;
      size_t ly = y.claim.span.end - y.claim.span.start;
      if (lx != ly) return lx > ly;
      if (x.claim.span.start != y.claim.span.start) return x.claim.span.start < y.claim.span.start;
      return x.family < y.family;
    };
    std::vector<uint32_t> out;
    out.reserve(order.size());
    std::vector<uint32_t> cluster, kept;
    size_t i = 0;
    while (i < order.size()) {
      cluster.clear();
      size_t end = candidates_[order[i]].claim.span.end;
      cluster.push_back(order[i++]);
      while (i < order.size() && candidates_[order[i]].claim.span.start < end) {
        end = std::max(end, candidates_[order[i]].claim.span.end);
        cluster.push_back(order[i++]);
      }
      if (cluster.size() == 1) {
        out.push_back(cluster[0]);
        continue;
      }
      std::sort(cluster.begin(), cluster.end(), better);
      kept.clear();
      for (uint32_t c : cluster) {
        const Span& s = candidates_[c].claim.span;
        bool free = true;
        for (uint32_t k : kept) {
          const Span& t = candidates_[k].claim.span;
          if (s.start < t.end && t.start < s.end) {
            free = false;
            break;
          }
        }
        if (free) kept.push_back(c);
      }
      std::sort(kept.begin(), kept.end(), [&](uint32_t a, uint32_t b) {
        return candidates_[a].claim.span.start < candidates_[b].claim.span.start;
      });
      out.insert(out.end(), kept.begin(), kept.end());
    }
    return out;
  }

  std::string CurrencyCode(const RawClaim& c) const {
    if (Empty(c.currency)) return "";
    auto it = lex_.currencies.find(Lexicon::Key(Slice(text_, c.currency)));
    return it == lex_.currencies.end() ? Lexicon::Key(Slice(text_, c.currency)) : it->second.code;
  }

  // A plain number takes its partner's kind: "2" in "2-3%", "2 billion"
  // in "$1-2 billion deal".
  // Percentages and percentage points are two kinds ("25 basis points to
  // 5.25%" is no range).
  bool SameKind(const RawClaim& a, const RawClaim& b) const {
    auto bare = [](const RawClaim& c) { return c.kind == RuleKind::kNumber; };
    if (a.kind == RuleKind::kPercent && b.kind == RuleKind::kPercent) {
      return PercentUnit(a) == PercentUnit(b);
    }
    return a.kind == b.kind || bare(a) || bare(b);
  }

  std::string_view PercentUnit(const RawClaim& c) const {
    auto it = lex_.percent_units.find(Lexicon::Key(Slice(text_, c.unit)));
    return it == lex_.percent_units.end() ? std::string_view("%") : it->second.unit;
  }

  // `between` holds the relations (by index) whose `between` matches the
  // text between the two claims, filled on first use for this pair.
  bool RuleJoins(const CompiledRelation& rel, const RawClaim& a, const RawClaim& b,
                 size_t before_start, size_t after_end,
                 std::optional<std::vector<int>>& between) const {
    if (!(rel.first_kinds & KindBit(a.kind)) || !(rel.second_kinds & KindBit(b.kind))) {
      return false;
    }
    if (rel.same_kind && !SameKind(a, b)) return false;
    if (rel.different_currency) {
      std::string ca = CurrencyCode(a), cb = CurrencyCode(b);
      if (ca.empty() || cb.empty() || ca == cb) return false;
    }
    if (!between) {
      between.emplace();
      std::string_view glue = text_.substr(a.span.end, b.span.start - a.span.end);
      rules_.compiled().between->Match(glue, &*between);
    }
    const int index = static_cast<int>(&rel - rules_.compiled().relations.data());
    if (std::find(between->begin(), between->end(), index) == between->end()) return false;
    if (rel.before &&
        !RE2::PartialMatch(text_.substr(before_start, a.span.start - before_start), *rel.before)) {
      return false;
    }
    if (rel.after && !RE2::PartialMatch(text_.substr(b.span.end, after_end - b.span.end),
                                        *rel.after)) {
      return false;
    }
    return true;
  }

  // Multiplier relations absorb change endpoints: "doubled from $2bn to
  // $4bn" has a base and a result, not a from and a to.
  static RelationRole AsMultiplierRole(RelationRole role) {
    switch (role) {
      case RelationRole::kFrom:
        return RelationRole::kBase;
      case RelationRole::kTo:
        return RelationRole::kResult;
      default:
        return role;
    }
  }

  void Relate(std::vector<RawClaim>* claims_ptr) {
    std::vector<RawClaim>& claims = *claims_ptr;
    std::vector<size_t> idx;  // years are transparent to relations
    for (size_t i = 0; i < claims.size(); ++i) {
      if (claims[i].kind != RuleKind::kYear) idx.push_back(i);
    }
    std::vector<RelationKind> group_kind(1);  // group 0 = none
    for (size_t k = 0; k + 1 < idx.size(); ++k) {
      RawClaim& a = claims[idx[k]];
      RawClaim& b = claims[idx[k + 1]];
      if (b.span.start - a.span.end > kMaxGlueBytes) continue;
      size_t floor = k > 0 ? claims[idx[k - 1]].span.end : 0;
      size_t before_start =
          std::max(floor, a.span.start > kContextBytes ? a.span.start - kContextBytes : 0);
      size_t ceiling = k + 2 < idx.size() ? claims[idx[k + 2]].span.start : text_.size();
      size_t after_end = std::min(ceiling, b.span.end + kContextBytes);
      std::optional<std::vector<int>> between;
      for (const CompiledRelation& rel : rules_.compiled().relations) {
        if (!RuleJoins(rel, a, b, before_start, after_end, between)) continue;
        if (b.relation_group != 0) break;
        if (a.relation_group == 0) {
          group_kind.push_back(rel.kind);
          a.relation_group = static_cast<int>(group_kind.size() - 1);
          a.relation_kind = rel.kind;
          a.relation_role = rel.first_role;
          a.relation_rule = rel.info;
        } else {
          RelationKind& gk = group_kind[a.relation_group];
          bool multiplier_change = (gk == RelationKind::kMultiplier && rel.kind == RelationKind::kChange) ||
                                   (gk == RelationKind::kChange && rel.kind == RelationKind::kMultiplier);
          if (gk != rel.kind && !multiplier_change) break;
          if (multiplier_change && gk == RelationKind::kChange) {
            gk = RelationKind::kMultiplier;
            for (size_t j = 0; j <= k; ++j) {
              RawClaim& m = claims[idx[j]];
              if (m.relation_group == a.relation_group) {
                m.relation_kind = gk;
                m.relation_role = AsMultiplierRole(m.relation_role);
              }
            }
          }
        }
        RelationKind gk = group_kind[a.relation_group];
        b.relation_group = a.relation_group;
        b.relation_kind = gk;
        b.relation_role =
            gk == RelationKind::kMultiplier ? AsMultiplierRole(rel.second_role) : rel.second_role;
        b.relation_rule = rel.info;
        break;
      }
    }
    // A multiplier is a relation even alone: "sales doubled" has a factor.
    for (RawClaim& c : claims) {
      if (c.kind == RuleKind::kMultiplier && c.relation_group == 0) {
        group_kind.push_back(RelationKind::kMultiplier);
        c.relation_group = static_cast<int>(group_kind.size() - 1);
        c.relation_kind = RelationKind::kMultiplier;
        c.relation_role = RelationRole::kFactor;
      }
    }
    // Number the groups in text order of their first claim.
    std::vector<int> renumber(group_kind.size(), 0);
    int next = 0;
    for (RawClaim& c : claims) {
      if (c.relation_group == 0) continue;
      int& r = renumber[c.relation_group];
      if (r == 0) r = ++next;
      c.relation_group = r;
    }
  }

  static constexpr unsigned kKinds = 6;

  const RuleSet& rules_;
  const Lexicon& lex_;
  std::string_view text_;
  // The word lists asked of every claim found, their names looked up once.
  const WordSet& measure_units_;
  const WordSet& year_determiners_;
  const WordSet& weak_number_words_;
  const WordSet& prose_number_words_;
  const WordSet& count_modifiers_;
  const WordSet& noun_stop_words_;
  const WordSet& plural_nouns_;
  int year_rank_ = 0;
  // A deque: candidates are large and many, and regrowing a vector of them
  // copied each several times on long documents.
  std::deque<Candidate> candidates_;
  // Candidates of the families scanned so far, by span start.
  std::vector<uint32_t> found_before_;
  std::vector<uint32_t> merged_;  // ScanFamily's, kept for the next
  std::vector<SetAside> set_aside_;
  std::vector<re2::StringPiece> groups_;  // ReadMatch's, kept for the next
  std::vector<ReadingCache::Group> read_groups_;  // ReadMatch's, as the cache keeps them
  std::vector<int> which_;
  VetoIndex vetoes_[kKinds];
  std::vector<int> starting_;  // exclusions that can start at a found start
};

}  // namespace

Extractor::Extractor(const RuleSet& rules) : rules_(rules) {}

std::vector<RawClaim> Extractor::Extract(const Document& doc) const {
  return Scan(rules_, doc.text).Run();
}

}  // namespace claimcheck
