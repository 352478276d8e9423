// Turns raw claims into model Claims. The decisions that are not lexicon
// data live here, each next to its code:
//
// - Sign: a figure written with "-" or "−" is negative. A percentage (or
//   percentage points) directly after a falling-change word ("down 3%",
//   "fell by 3%", "a decline of 3%", "declined nearly 2 pp") or before
//   one ("a 3% drop", "3% lower") is negative too: the word list is
//   `negative_change_words` in rules/lexicon.json. Currency amounts keep
//   their sign as written ("lost $5bn" is a loss of 5e9, not -5e9), since
//   facts record amounts, not directions.
// - Year: see AssignYears.
// - Ranges and changes: a bare number beside a unit takes that unit and
//   scale ("2-3%", "$1-2 billion").
// - "¥" is JPY unless the sentence names the yuan (lexicon context words),
//   then CNY.
#include "normalize/normalizer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "base/text.h"

namespace claimcheck {

namespace {

bool Empty(const Span& s) { return s.end <= s.start; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || IsAsciiDigit(c); }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

std::string_view Slice(std::string_view text, const Span& s) {
  return text.substr(s.start, s.end - s.start);
}

// Length of a no-break space (U+00A0, U+202F) at text[i], or 0.
size_t NbspLength(std::string_view text, size_t i) {
  auto at = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  if (at(i) == 0xC2 && i + 1 < text.size() && at(i + 1) == 0xA0) return 2;
  if (at(i) == 0xE2 && i + 2 < text.size() && at(i + 1) == 0x80 && at(i + 2) == 0xAF) return 3;
  return 0;
}

// The first position from `from` on where a sentence may end ('\n', '.',
// '!' or '?'), or text.size(). Eight bytes at a time: the whole text is
// read, and these bytes are few.
size_t NextMayEnd(std::string_view text, size_t from) {
  constexpr uint64_t kEveryByte = 0x0101010101010101ULL;
  constexpr uint64_t kTopBits = 0x8080808080808080ULL;
  // The top bit of each zero byte; exact for the lowest one (a borrow only
  // carries upwards), which is the one used.
  auto zero_bytes = [](uint64_t word) { return (word - kEveryByte) & ~word & kTopBits; };
  size_t i = from;
  uint64_t word;
  for (; i + sizeof(word) <= text.size(); i += sizeof(word)) {
    std::memcpy(&word, text.data() + i, sizeof(word));
    const uint64_t hits = zero_bytes(word ^ ('\n' * kEveryByte)) |
                          zero_bytes(word ^ ('.' * kEveryByte)) |
                          zero_bytes(word ^ ('!' * kEveryByte)) |
                          zero_bytes(word ^ ('?' * kEveryByte));
    if (hits != 0) return i + static_cast<size_t>(__builtin_ctzll(hits)) / 8;
  }
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n' || c == '.' || c == '!' || c == '?') return i;
  }
  return text.size();
}

// Sentence starts in text order. A sentence ends at a line break, or at
// ".", "!" or "?" (closing quotes and brackets may follow) before a space
// and a capital, digit or opening quote; not after an abbreviation from
// the lexicon ("U.S.", "Mr.", "Inc.") or a single capital ("J. Smith").
std::vector<size_t> SentenceStarts(std::string_view text, const Lexicon& lex) {
  const WordSet& abbreviations = lex.List("abbreviations");
  std::vector<size_t> starts = {0};
  const size_t n = text.size();
  for (size_t i = 0; i < n; ++i) {
    i = NextMayEnd(text, i);
    if (i == n) break;
    char c = text[i];
    if (c == '\n') {
      starts.push_back(i + 1);
      continue;
    }
    if (c != '.' && c != '!' && c != '?') continue;
    size_t j = i + 1;
    // Closing quotes (ASCII and curly) and brackets stay with the sentence.
    while (j < n) {
      if (text[j] == '"' || text[j] == '\'' || text[j] == ')' || text[j] == ']') {
        ++j;
      } else if (j + 2 < n && static_cast<unsigned char>(text[j]) == 0xE2 &&
                 static_cast<unsigned char>(text[j + 1]) == 0x80 &&
                 (static_cast<unsigned char>(text[j + 2]) == 0x99 ||
                  static_cast<unsigned char>(text[j + 2]) == 0x9D)) {
        j += 3;
      } else {
        break;
      }
    }
    if (j >= n || (text[j] != ' ' && text[j] != '\t' && NbspLength(text, j) == 0)) continue;
    size_t k = j;
    while (k < n && (text[k] == ' ' || text[k] == '\t')) ++k;
    if (k < n && !(IsUpper(text[k]) || IsAsciiDigit(text[k]) || text[k] == '"' ||
                   static_cast<unsigned char>(text[k]) == 0xE2)) {
      continue;
    }
    if (c == '.') {
      size_t w = i;
      while (w > 0 && (IsAsciiAlpha(text[w - 1]) || text[w - 1] == '.')) --w;
      std::string_view word = text.substr(w, i - w);
      // An initial ("J. Smith") or an abbreviation ("Inc."), but not a unit
      // right after a figure ("it hit 40C.").
      if (w == 0 || !IsAsciiDigit(text[w - 1])) {
        if (word.size() == 1 && IsUpper(word[0])) continue;
        if (Lexicon::Holds(abbreviations, word)) continue;
      }
    }
    starts.push_back(k);
  }
  return starts;
}

double ParseDigits(std::string_view s) {
  std::string clean;
  clean.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (IsAsciiDigit(s[i]) || s[i] == '.') {
      clean.push_back(s[i]);
    } else if (size_t len = NbspLength(s, i)) {
      i += len - 1;
    }
  }
  double v = 0;
  std::from_chars(clean.data(), clean.data() + clean.size(), v);
  return v;
}

// "twenty-five", "one hundred and three", "a dozen", "two million".
double ParseWords(std::string_view s, const Lexicon& lex) {
  double total = 0, current = 0;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !IsAsciiAlpha(s[i])) ++i;
    size_t j = i;
    while (j < s.size() && IsAsciiAlpha(s[j])) ++j;
    if (j == i) break;
    std::string key = Lexicon::Key(s.substr(i, j - i));
    i = j;
    if (auto it = lex.number_words.find(key); it != lex.number_words.end()) {
      if (lex.InList("multiplying_number_words", key)) {
        current = (current == 0 ? 1 : current) * it->second;
      } else {
        current += it->second;
      }
    } else if (auto sc = lex.scales.find(key); sc != lex.scales.end()) {
      total += (current == 0 ? 1 : current) * sc->second;
      current = 0;
    } else if (auto fr = lex.fractions.find(key); fr != lex.fractions.end()) {
      current = (current == 0 ? 1 : current) * fr->second;  // "two-thirds"
    }
  }
  return total + current;
}

double ParseNumber(std::string_view s, const Lexicon& lex) {
  if (s.empty()) return 0;
  if (size_t slash = s.find('/'); slash != std::string_view::npos) {  // "3/4"
    double denominator = ParseDigits(s.substr(slash + 1));
    return denominator == 0 ? 0 : ParseDigits(s.substr(0, slash)) / denominator;
  }
  if (IsAsciiDigit(s[0]) || s[0] == '.') return ParseDigits(s);
  return ParseWords(s, lex);
}

// The lower-cased text before `pos` with runs of space collapsed, at most
// `limit` bytes of the original.
void LowerWindowBefore(std::string_view text, size_t pos, size_t limit, std::string& out) {
  size_t start = pos > limit ? pos - limit : 0;
  out.clear();
  bool space = false;
  for (size_t i = start; i < pos; ++i) {
    if (size_t len = NbspLength(text, i)) {
      space = true;
      i += len - 1;
      continue;
    }
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  if (space) out.push_back(' ');
}

bool EndsWithWord(std::string_view window, std::string_view phrase) {
  if (phrase.empty() || window.size() < phrase.size()) return false;
  // Asked of every hedge phrase for every claim: the last byte turns most
  // away without a call to memcmp.
  if (window.back() != phrase.back()) return false;
  if (window.substr(window.size() - phrase.size()) != phrase) return false;
  size_t at = window.size() - phrase.size();
  // A phrase that starts with a letter must start a word ("tenfold" is no
  // "fold"); symbols ("~") need no boundary.
  return at == 0 || !IsAsciiAlnum(phrase[0]) || !IsAsciiAlnum(window[at - 1]);
}

struct Hedge {
  Qualifier qualifier = Qualifier::kExact;
  size_t length = 0;  // of the matched phrase in the lower-cased window
};

Hedge HedgeBefore(std::string_view window, const Lexicon& lex) {
  Hedge best;
  if (window.empty()) return best;
  for (const auto& [phrase, q] :
       lex.hedges_before_by_last_byte[static_cast<unsigned char>(window.back())]) {
    if (phrase.size() > best.length && EndsWithWord(window, phrase)) {
      best = {q, phrase.size()};
    }
  }
  return best;
}

struct Working {
  Claim claim;
  const RawClaim* raw = nullptr;
  bool bare = false;  // a count without noun or scale: takes a partner's unit
  double scale = 1;
  size_t core_end = 0;  // where the claim ends without its counted noun
  size_t sentence_index = 0;
};

// "2019 and 2022", "2010 to 2020", "2019-2022".
bool IsYearPair(std::string_view text, const Span& first, const Span& second) {
  if (second.start < first.end || second.start - first.end > 8) return false;
  std::string_view glue = TrimAscii(text.substr(first.end, second.start - first.end));
  return glue == "and" || glue == "to" || glue == "-" || glue == "through" ||
         glue == "\xE2\x80\x93";  // en dash
}

// Commas, semicolons and brackets between two places: a year across one
// usually belongs to another clause ("grew 13.9% in 2023, up from 9.6%
// growth in 2022"). A comma between digits ("100,000") is none.
size_t ClauseBreaks(std::string_view text, size_t from, size_t to) {
  size_t count = 0;
  for (size_t i = from; i < to && i < text.size(); ++i) {
    char c = text[i];
    bool grouping = c == ',' && i > 0 && i + 1 < text.size() && IsAsciiDigit(text[i - 1]) &&
                    IsAsciiDigit(text[i + 1]);
    count += (c == ',' && !grouping) || c == ';' || c == '(' || c == ')';
  }
  return count;
}

// What a clause break weighs against a year, in bytes of distance.
constexpr size_t kClauseBreakBytes = 40;

// Whether a few words ending in "between" or "from", in the same clause,
// lead from a change's `to` endpoint to the first year of a pair ("to 750.5
// deaths per 100,000 people between 2022 and 2023").
bool IsYearPairLead(std::string_view text, const Span& to, const Span& year) {
  if (year.start < to.end || year.start - to.end > 48) return false;
  std::string_view glue = TrimAscii(text.substr(to.end, year.start - to.end));
  if (!glue.empty() && glue.front() == ',') glue = TrimAscii(glue.substr(1));
  if (ClauseBreaks(glue, 0, glue.size()) > 0) return false;
  auto ends_with = [&](std::string_view word) {
    return glue.size() >= word.size() && glue.substr(glue.size() - word.size()) == word &&
           (glue.size() == word.size() || glue[glue.size() - word.size() - 1] == ' ');
  };
  return ends_with("between") || ends_with("from");
}

// Commas, semicolons and brackets between two places: a year across one
// usually belongs to another clause ("grew 13.9% in 2023, up from 9.6%
// growth in 2022").


// The year a claim speaks of is the nearest year claim in its sentence,
// by bytes between the two spans, a comma or bracket between them counting
// as 40 more (a year after the claim wins a tie, as in "$109.1 billion in
// 2024"). Vetoed years ("Made in China 2025") are no
// claims and so never chosen. A change's `from` (or a multiplier's `base`)
// endpoint only takes a year written between it and its partner: in "from
// X in 2022 to Y in 2023" each side has its own year, while in "from 11.9%
// to 5.4% in 2024" the year belongs to the `to` side and the `from` side is
// an earlier period the sentence does not name, unless the sentence gives
// the two periods as a pair of years ("Between 2019 and 2022, the share
// rose from 18% to 23%": 2019 and 2022), before or right after it ("fell
// from 5% to 3% between 2022 and 2023"). A year after "since" is a baseline
// ("the highest since 1900"), never the period of another claim. Relative
// years ("last year") stay empty.
void AssignYears(std::string_view text, const Lexicon& lex, std::vector<Working>* work_ptr) {
  std::vector<Working>& work = *work_ptr;
  const size_t n = work.size();
  constexpr size_t kNone = static_cast<size_t>(-1);
  std::vector<size_t> prev_year(n, kNone), next_year(n, kNone);
  auto word_before = [&](size_t pos) {
    size_t end = pos;
    while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
    size_t start = end;
    while (start > 0 && IsAsciiAlpha(text[start - 1])) --start;
    return text.substr(start, end - start);
  };
  std::vector<bool> usable_year(n, false);
  for (size_t i = 0; i < n; ++i) {
    if (work[i].claim.type != ClaimType::kYear) continue;
    // "since 1969", "since March 2022": one word may stand between.
    std::string_view w1 = word_before(work[i].claim.in_text.start);
    std::string_view w2 = word_before(w1.data() - text.data());
    usable_year[i] = !lex.InList("baseline_year_words", w1) &&
                     !(!w1.empty() && lex.InList("baseline_year_words", w2));
  }
  for (size_t i = 0, last = kNone; i < n; ++i) {
    prev_year[i] = last;
    if (usable_year[i]) last = i;
  }
  for (size_t i = n, last = kNone; i-- > 0;) {
    next_year[i] = last;
    if (usable_year[i]) last = i;
  }
  // The partner of each `from`/`base` endpoint: the next claim of its
  // relation in the `to`/`result` role.
  std::vector<size_t> partner(n, kNone);
  for (size_t i = 0; i < n; ++i) {
    const auto& rel = work[i].claim.relation;
    if (!rel || (rel->role != RelationRole::kFrom && rel->role != RelationRole::kBase)) continue;
    for (size_t j = i + 1; j < n && j < i + 8; ++j) {
      const auto& other = work[j].claim.relation;
      if (other && other->id == rel->id &&
          (other->role == RelationRole::kTo || other->role == RelationRole::kResult)) {
        partner[i] = j;
        break;
      }
    }
  }
  std::vector<size_t> origin(n, kNone);  // a `to`/`result` endpoint's partner
  for (size_t i = 0; i < n; ++i) {
    if (partner[i] != kNone) origin[partner[i]] = i;
  }
  std::vector<bool> paired(n, false);  // a `to` endpoint given its year already
  for (size_t i = 0; i < n; ++i) {
    Claim& c = work[i].claim;
    if (c.type == ClaimType::kYear) continue;
    auto usable = [&](size_t y) {
      return y != kNone && work[y].sentence_index == work[i].sentence_index;
    };
    size_t before = prev_year[i], after = next_year[i];
    if (partner[i] != kNone) {
      if (after != kNone && work[after].claim.in_text.start > work[partner[i]].claim.in_text.start) {
        after = kNone;
      }
      // A pair of years before the change names both periods.
      size_t first = before != kNone ? prev_year[before] : kNone;
      if (after == kNone && first != kNone && usable(before) && usable(first) &&
          IsYearPair(text, work[first].claim.in_text, work[before].claim.in_text)) {
        c.year = work[first].claim.year;
        work[partner[i]].claim.year = work[before].claim.year;
        paired[partner[i]] = true;
        continue;
      }
      // Or a pair of years right after it ("fell from 5% to 3% between
      // 2022 and 2023").
      const size_t to = partner[i];
      const size_t a = next_year[to];
      const size_t b = a != kNone ? next_year[a] : kNone;
      if (usable(a) && usable(b) &&
          IsYearPair(text, work[a].claim.in_text, work[b].claim.in_text) &&
          IsYearPairLead(text, work[to].claim.in_text, work[a].claim.in_text)) {
        c.year = work[a].claim.year;
        work[to].claim.year = work[b].claim.year;
        paired[to] = true;
        continue;
      }
      before = kNone;
    }
    if (paired[i]) continue;
    // A change's delta speaks of the period the change ends in: a year
    // after its `from` endpoint is that endpoint's ("up 60% from 74
    // billion in 2022").
    if (c.relation && c.relation->role == RelationRole::kDelta && after != kNone) {
      for (size_t j = i + 1; j < n && j < i + 8; ++j) {
        const auto& other = work[j].claim.relation;
        if (other && other->id == c.relation->id && other->role == RelationRole::kFrom &&
            work[j].claim.in_text.start < work[after].claim.in_text.start) {
          after = kNone;
          break;
        }
      }
    }
    // A year between the two endpoints belongs to the `from` side ("from
    // 3.5% in December 2022 to 3.7% in December 2023").
    if (origin[i] != kNone && before != kNone && before > origin[i]) {
      before = prev_year[origin[i]];
    }
    size_t best = kNone;
    if (usable(after)) best = after;
    if (usable(before)) {
      const size_t before_end = work[before].claim.in_text.end;
      size_t gap_before = c.in_text.start - before_end +
                          kClauseBreakBytes * ClauseBreaks(text, before_end, c.in_text.start);
      size_t gap_after = 0;
      if (best != kNone) {
        const size_t after_start = work[best].claim.in_text.start;
        gap_after = after_start - c.in_text.end +
                    kClauseBreakBytes * ClauseBreaks(text, c.in_text.end, after_start);
      }
      if (best == kNone || gap_before < gap_after) best = before;
    }
    if (best != kNone) c.year = work[best].claim.year;
  }
}

}  // namespace

Normalizer::Normalizer(const RuleSet& rules) : rules_(rules) {}

std::vector<Claim> Normalizer::Normalize(const Document& doc,
                                         const std::vector<RawClaim>& raw) const {
  const Lexicon& lex = rules_.lexicon();
  const std::string_view text = doc.text;
  std::vector<Working> work(raw.size());
  if (raw.empty()) return {};
  const std::vector<size_t> starts = SentenceStarts(text, lex);
  auto sentence_of = [&](size_t pos) -> size_t {
    return std::upper_bound(starts.begin(), starts.end(), pos) - starts.begin() - 1;
  };
  auto sentence_span = [&](size_t index) {
    size_t end = index + 1 < starts.size() ? starts[index + 1] : text.size();
    size_t start = starts[index];
    while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\n' ||
                           text[end - 1] == '\r' || text[end - 1] == '\t')) {
      --end;
    }
    return Span{start, end};
  };

  std::string window;  // reused: the text before each claim, lower-cased
  for (size_t i = 0; i < raw.size(); ++i) {
    const RawClaim& r = raw[i];
    Working& w = work[i];
    Claim& c = w.claim;
    w.raw = &r;
    c.in_text = r.span;
    w.core_end = r.number.end;
    for (const Span* piece :
         {&r.sign, &r.scale, &r.currency, &r.unit, &r.multiplier, &r.minor, &r.denominator}) {
      if (!Empty(*piece) && (Empty(r.noun) || piece->end <= r.noun.start)) {
        w.core_end = std::max(w.core_end, piece->end);
      }
    }
    w.sentence_index = sentence_of(r.span.start);
    c.sentence = sentence_span(w.sentence_index);

    double value = ParseNumber(Slice(text, r.number), lex);
    // "3 dollars 50 cents": the minor unit is a hundredth of the main one.
    if (!Empty(r.minor)) value += ParseNumber(Slice(text, r.minor), lex) / 100;
    // "one in five" as a percentage: 20.
    if (!Empty(r.denominator)) {
      double denominator = ParseNumber(Slice(text, r.denominator), lex);
      value = denominator == 0 ? 0 : 100 * value / denominator;
    }
    if (!Empty(r.sign) && (text[r.sign.start] == '-' ||
                           static_cast<unsigned char>(text[r.sign.start]) == 0xE2)) {
      value = -value;
    }
    if (!Empty(r.scale)) {
      c.scale_word = std::string(Slice(text, r.scale));
      if (auto it = lex.scales.find(Lexicon::Key(c.scale_word)); it != lex.scales.end()) {
        w.scale = it->second;
      }
    } else if (!Empty(r.number) && !IsAsciiDigit(text[r.number.start])) {
      // A scale spelled inside the number words ("two million").
      std::string_view words = Slice(text, r.number);
      size_t at = 0;
      while (at < words.size()) {
        size_t e = at;
        while (e < words.size() && IsAsciiAlpha(words[e])) ++e;
        if (e > at && lex.scales.count(Lexicon::Key(words.substr(at, e - at)))) {
          c.scale_word = std::string(words.substr(at, e - at));
        }
        at = e + 1;
      }
    }
    value *= w.scale;

    switch (r.kind) {
      case RuleKind::kPercent: {
        c.type = ClaimType::kPercent;
        c.unit = "%";
        if (auto it = lex.percent_units.find(Lexicon::Key(Slice(text, r.unit)));
            it != lex.percent_units.end()) {
          c.unit = it->second.unit;
          value *= it->second.factor;
        }
        break;
      }
      case RuleKind::kCurrency: {
        c.type = ClaimType::kCurrency;
        std::string key = Lexicon::Key(Slice(text, r.currency));
        auto it = lex.currencies.find(key);
        if (it == lex.currencies.end()) {
          c.unit = AsciiLower(key);
          for (char& ch : c.unit) ch = static_cast<char>(std::toupper(ch));
          break;
        }
        const Lexicon::Currency& cur = it->second;
        c.unit = cur.code;
        value *= cur.factor;
        if (!cur.context_code.empty()) {
          for (const std::string& word : WordTokens(Slice(text, c.sentence))) {
            if (std::find(cur.context_words.begin(), cur.context_words.end(), word) !=
                cur.context_words.end()) {
              c.unit = cur.context_code;
              break;
            }
          }
        }
        break;
      }
      case RuleKind::kMultiplier: {
        c.type = ClaimType::kNumber;
        c.unit = "times";
        if (auto it = lex.multipliers.find(Lexicon::Key(Slice(text, r.multiplier)));
            it != lex.multipliers.end()) {
          value = it->second;
        }
        break;
      }
      case RuleKind::kYear: {
        c.type = ClaimType::kYear;
        c.unit = "year";
        if (value < 100) value += 2000;  // "FY23"
        c.year = static_cast<int>(value);
        break;
      }
      case RuleKind::kNumber:
      case RuleKind::kExclude: {
        c.type = ClaimType::kNumber;
        if (!Empty(r.noun)) {
          // Units of measure keep their case ("MW" is not "mW").
          std::string_view noun = Slice(text, r.noun);
          c.unit = lex.InList("measure_units", noun) ? std::string(noun) : AsciiLower(noun);
        } else {
          c.unit = "count";
          w.bare = Empty(r.scale) && c.scale_word.empty();
        }
        break;
      }
    }

    // Hedges before the figure ("about", "more than", "~"), then after it
    // ("100+", "or more").
    LowerWindowBefore(text, r.span.start, lex.longest_hedge + 16, window);
    std::string_view trimmed = window;
    while (!trimmed.empty() && trimmed.back() == ' ') trimmed.remove_suffix(1);
    // A year carries no hedge: "over 2023" speaks of the year, "around
    // 2030" of a date, neither is a bound on a figure.
    Hedge hedge = r.kind == RuleKind::kYear ? Hedge{} : HedgeBefore(trimmed, lex);
    c.qualifier = hedge.qualifier;
    if (hedge.length == 0 && r.kind != RuleKind::kYear) {
      // Read from the end of the figure, not of the counted noun: "100+
      // firms".
      std::string_view after =
          text.substr(w.core_end, std::min<size_t>(16, text.size() - w.core_end));
      char lowered[16];  // asked of most figures: kept off the heap
      for (size_t k = 0; k < after.size(); ++k) {
        const char ch = after[k];
        lowered[k] = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
      }
      const std::string_view lower(lowered, after.size());
      for (const auto& [phrase, q] : lex.hedges_after) {
        bool spaced = IsAsciiAlpha(phrase[0]);
        std::string_view rest = lower;
        if (spaced) {
          if (rest.empty() || rest[0] != ' ') continue;
          rest.remove_prefix(1);
        }
        if (rest.substr(0, phrase.size()) == phrase &&
            (rest.size() == phrase.size() || !IsAsciiAlnum(rest[phrase.size()]))) {
          c.qualifier = q;
          break;
        }
      }
    }

    // "down 3%", "fell by nearly 3%": a falling change word right before a
    // percentage makes it negative.
    if (r.kind == RuleKind::kPercent && Empty(r.sign)) {
      std::string_view rest = trimmed.substr(0, trimmed.size() - hedge.length);
      while (!rest.empty() && rest.back() == ' ') rest.remove_suffix(1);
      auto last_word = [](std::string_view s) {
        size_t e = s.size();
        size_t b = e;
        while (b > 0 && IsAsciiAlpha(s[b - 1])) --b;
        return s.substr(b, e - b);
      };
      std::string_view word = last_word(rest);
      // "fell by 3%", "a decline of 3%": the change word stands before.
      if (word == "by" || word == "of") {
        rest.remove_suffix(2);
        while (!rest.empty() && rest.back() == ' ') rest.remove_suffix(1);
        word = last_word(rest);
      }
      // "a 3% decline", "3% lower": or right after the figure.
      std::string_view next;
      if (word.empty() || !lex.InList("negative_change_words", word)) {
        size_t from = w.core_end;
        while (from < text.size() && text[from] == ' ') ++from;
        size_t to = from;
        while (to < text.size() && to - from < 16 && IsAsciiAlpha(text[to])) ++to;
        next = text.substr(from, to - from);
      }
      if ((!word.empty() && lex.InList("negative_change_words", word)) ||
          (!next.empty() && lex.InList("negative_change_words", next))) {
        value = -value;
      }
    }
    c.value = value;

    if (r.relation_group > 0) {
      c.relation = Relation{r.relation_group, r.relation_kind, r.relation_role};
    }
  }

  // Ranges and changes: a bare endpoint takes its partner's unit, scale and
  // hedge ("2-3%", "$1-2 billion", "about 2-3 million").
  for (size_t i = 0; i + 1 < work.size(); ++i) {
    Claim& a = work[i].claim;
    if (!a.relation || (a.relation->kind != RelationKind::kRange &&
                        a.relation->kind != RelationKind::kChange)) {
      continue;
    }
    size_t j = i + 1;
    while (j < work.size() && work[j].claim.type == ClaimType::kYear) ++j;
    if (j == work.size() || !work[j].claim.relation ||
        work[j].claim.relation->id != a.relation->id) {
      continue;
    }
    Working& lo = work[i];
    Working& hi = work[j];
    Claim& b = hi.claim;
    // A stated change and the level it reaches are two kinds ("fell 0.5 per
    // cent to 7,500 points"): only endpoints share units.
    if (a.relation->role == RelationRole::kDelta || b.relation->role == RelationRole::kDelta) {
      continue;
    }
    auto plain = [](const Claim& c) { return c.type == ClaimType::kNumber && c.unit != "times"; };
    // A plain number takes a percent or currency partner's type and unit,
    // and loses the noun it seemed to count ("$1-2 billion deal").
    auto adopt = [&](Working& number, const Claim& donor) {
      number.claim.type = donor.type;
      number.claim.unit = donor.unit;
      number.bare = false;
      if (!Empty(number.raw->noun)) number.claim.in_text.end = number.core_end;
    };
    if (plain(a) && !plain(b)) {
      adopt(lo, b);
    } else if (plain(b) && !plain(a)) {
      adopt(hi, a);
    } else if (plain(a) && plain(b) && a.unit == "count" && b.unit != "count") {
      a.unit = b.unit;  // "2-3 million users"
    } else if (plain(a) && plain(b) && b.unit == "count" && a.unit != "count") {
      b.unit = a.unit;  // "300 workers, up from 250", "4.8 million jobs ... to 2.7 million"
    }
    // A scale written only on the second endpoint applies to the first
    // ("$1-2 billion", "from 2 to 3 million") unless the first is already
    // the larger figure ("from 500 to 3 million" keeps 500).
    if (a.scale_word.empty() && !b.scale_word.empty() && a.type == b.type &&
        std::fabs(a.value) < std::fabs(b.value) / hi.scale * 10) {
      a.value *= hi.scale;
      a.scale_word = b.scale_word;
    }
    if (b.qualifier == Qualifier::kExact && a.relation->kind == RelationKind::kRange) {
      b.qualifier = a.qualifier;
    }
  }

  AssignYears(text, lex, &work);

  // Source coordinates.
  LineIndex lines(doc.source);
  size_t units_line = 0, units_at = 0, units = 1;  // see column_utf16 below
  std::vector<Claim> out;
  out.reserve(work.size());
  for (Working& w : work) {
    Claim& c = w.claim;
    if (doc.source_offset.size() <= c.in_text.end) {
      // The identity map (or a map too short to use: never index past it).
      c.source = {std::min(c.in_text.start, doc.source.size()),
                  std::min(c.in_text.end, doc.source.size())};
    } else {
      const auto& map = doc.source_offset;
      size_t start = map[c.in_text.start];
      size_t end = map[c.in_text.end - 1] + 1;
      // The last character may have come from an entity ("&#37;").
      if (end - 1 < doc.source.size() && doc.source[end - 1] == '&' &&
          text[c.in_text.end - 1] != '&') {
        size_t semi = doc.source.find(';', end);
        if (semi != std::string::npos && semi < end + 12) end = semi + 1;
      }
      c.source = {start, std::min(end, doc.source.size())};
    }
    // As the reader reads it: markup inside the span ("<b>$5</b> billion")
    // is left out, entities are decoded; `source` still locates it.
    c.text = std::string(Slice(text, c.in_text));
    LineColumn lc = lines.At(c.source.start);
    c.line = lc.line;
    c.column = lc.column;
    // Counted on from the previous claim when it is on the same line: a
    // document of one long line must not be read once per claim.
    if (lc.line != units_line || c.source.start < units_at) {
      units_line = lc.line;
      units_at = c.source.start - (lc.column - 1);
      units = 1;
    }
    if (units_at < c.source.start) {
      const std::string_view before(doc.source.data() + units_at, c.source.start - units_at);
      units += Utf16Length(before);
      units_at = c.source.start;
    }
    c.column_utf16 = units;
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<Claim> ExtractClaims(const Document& doc, const RuleSet& rules) {
  return Normalizer(rules).Normalize(doc, Extractor(rules).Extract(doc));
}

}  // namespace claimcheck
