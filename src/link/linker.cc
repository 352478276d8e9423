#include "link/linker.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <tuple>

#include "base/text.h"
#include "link/series_cache.h"

namespace claimcheck {
namespace {

bool IsAsciiWordByte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z');
}

// Whether the code point that starts at `pos` (or ends just before it, when
// `before`) is a letter or digit. Non-ASCII counts as a letter unless it is
// the no-break space or General Punctuation (curly apostrophes, dashes), so
// "China" is a whole word in "China\u2019s".
bool IsWordCodePoint(std::string_view text, size_t pos, bool before) {
  if (before) {
    if (pos == 0) return false;
    size_t start = pos - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
      --start;
    }
    pos = start;
  } else if (pos >= text.size()) {
    return false;
  }
  auto c = static_cast<unsigned char>(text[pos]);
  if (c < 0x80) return IsAsciiWordByte(c);
  if (c == 0xC2 && pos + 1 < text.size() &&
      static_cast<unsigned char>(text[pos + 1]) == 0xA0) {
    return false;
  }
  if (c == 0xE2 && pos + 1 < text.size()) {
    auto c1 = static_cast<unsigned char>(text[pos + 1]);
    if (c1 == 0x80 || c1 == 0x81) return false;
  }
  return true;
}

// Units with a fixed meaning; any other fact unit is a counted thing.
bool IsDimensionedUnit(std::string_view unit) {
  return unit == "%" || unit == "pp" || unit == "year" || unit == "times" ||
         IsCurrencyUnit(unit);
}

// Words behind a comma, semicolon, parenthesis or dash usually belong to
// another clause ("Czechia's rate was 17.0%, and Slovakia's ..."): each
// such boundary between a keyword and the claim counts as this many bytes.
constexpr size_t kClauseBoundaryCost = 40;

// An opening phrase ("In December 2023 alone, UPI handled ...", "For
// Czechia, the rate was ...") sets the scene for the whole sentence: the
// comma that closes it is no boundary. Where that comma is in a lower-cased
// sentence, or npos: the sentence opens with one of these prepositions and
// a comma follows within a few words, before any other boundary.
size_t OpeningPhraseEnd(std::string_view lower_sentence) {
  static constexpr std::string_view kOpeners[] = {
      "in ", "on ", "at ", "by ", "during ", "for ", "since ", "after ", "before ",
      "over ", "throughout ", "until ", "across ", "as of "};
  constexpr size_t kMaxOpeningBytes = 60;
  bool opens = std::any_of(std::begin(kOpeners), std::end(kOpeners), [&](std::string_view w) {
    return lower_sentence.substr(0, w.size()) == w;
  });
  if (!opens) return std::string_view::npos;
  for (size_t i = 0; i < lower_sentence.size() && i < kMaxOpeningBytes; ++i) {
    char c = lower_sentence[i];
    if (c == ';' || c == '(' || c == ')' || c == '\xE2') return std::string_view::npos;
    if (c == ',' && i + 1 < lower_sentence.size() && lower_sentence[i + 1] == ' ') return i;
  }
  return std::string_view::npos;
}

// The boundaries between text[from] and text[to], counted up to two (no
// more count).
size_t ClauseBoundaries(std::string_view text, size_t from, size_t to, size_t opening_end) {
  constexpr size_t kMostCounted = 2;
  size_t count = 0;
  for (size_t i = from; i < to && i < text.size(); ++i) {
    if (i == opening_end) continue;
    char c = text[i];
    bool boundary = c == ';' || c == '(' || c == ')' ||
                    (c == ',' && i + 1 < text.size() && text[i + 1] == ' ') ||
                    // U+2014 EM DASH
                    (c == '\xE2' && i + 2 < text.size() && text[i + 1] == '\x80' &&
                     text[i + 2] == '\x94');
    if (boundary && ++count == kMostCounted) break;
  }
  return count;
}

// Distance in bytes from the claim to the nearest occurrence of `needle`
// (lower case) inside the sentence, as a whole word; nullopt when absent.
// Occurrences after the claim count double (see Series::distance).
std::optional<size_t> NearestOccurrence(std::string_view lower_sentence,
                                        size_t sentence_start,
                                        const Span& claim,
                                        std::string_view needle,
                                        size_t opening_end) {
  if (needle.empty()) return std::nullopt;
  bool word_start = IsAsciiWordByte(static_cast<unsigned char>(needle.front())) ||
                    static_cast<unsigned char>(needle.front()) >= 0x80;
  bool word_end = IsAsciiWordByte(static_cast<unsigned char>(needle.back())) ||
                  static_cast<unsigned char>(needle.back()) >= 0x80;
  std::optional<size_t> best;
  for (size_t pos = lower_sentence.find(needle); pos != std::string_view::npos;
       pos = lower_sentence.find(needle, pos + 1)) {
    size_t end = pos + needle.size();
    if (word_start && IsWordCodePoint(lower_sentence, pos, /*before=*/true)) continue;
    if (word_end && IsWordCodePoint(lower_sentence, end, /*before=*/false)) continue;
    size_t abs_start = sentence_start + pos;
    size_t abs_end = sentence_start + end;
    size_t distance = 0;
    // Boundaries only add to a distance: none are counted for an
    // occurrence already farther than the nearest so far.
    if (abs_end <= claim.start) {
      distance = claim.start - abs_end;
      if (best && distance >= *best) continue;
      distance += kClauseBoundaryCost * ClauseBoundaries(lower_sentence, end,
                                                         claim.start - sentence_start,
                                                         opening_end);
    } else if (abs_start >= claim.end) {
      distance = (abs_start - claim.end) * 3 / 2;
      if (best && distance >= *best) break;  // later ones are farther still
      distance += kClauseBoundaryCost * ClauseBoundaries(lower_sentence,
                                                         claim.end - sentence_start, pos,
                                                         opening_end);
    } else {
      // Inside the claim: its noun ("12.02 million transactions") names the
      // metric, but a keyword that covers the figure's digits ("aged 60"
      // for the claim "60") is the figure naming itself.
      size_t from = std::max(abs_start, claim.start) - sentence_start;
      size_t to = std::min(abs_end, claim.end) - sentence_start;
      bool covers_digit = false;
      for (size_t k = from; k < to; ++k) {
        covers_digit |= lower_sentence[k] >= '0' && lower_sentence[k] <= '9';
      }
      if (covers_digit) continue;
    }
    if (!best || distance < *best) best = distance;
  }
  return best;
}

// How far from a claim keywords are looked for, even inside a sentence: a
// run-on "sentence" (a table, a text with no full stops) must not make each
// claim read the whole document.
constexpr size_t kMaxKeywordReach = 400;

Span KeywordWindow(const Claim& claim) {
  Span s = claim.sentence;
  if (claim.in_text.start > s.start + kMaxKeywordReach) {
    s.start = claim.in_text.start - kMaxKeywordReach;
  }
  if (s.end > claim.in_text.end + kMaxKeywordReach) {
    s.end = claim.in_text.end + kMaxKeywordReach;
  }
  return s;
}

// REQUIRES: groups hold the fact's keyword groups lower-cased and trimmed
// (NormalizedGroups), in the fact's order.
KeywordMatch MatchInSentence(std::string_view lower_text, const Claim& claim,
                             const std::vector<std::vector<std::string>>& groups) {
  KeywordMatch match;
  match.group_distances.assign(groups.size(), std::nullopt);
  const Span s = KeywordWindow(claim);
  if (s.end > lower_text.size() || s.start > s.end) return match;
  std::string_view sentence = lower_text.substr(s.start, s.end - s.start);
  const size_t opening_end =
      s.start == claim.sentence.start ? OpeningPhraseEnd(sentence) : std::string_view::npos;
  for (const std::vector<std::string>& group : groups) {
    std::optional<size_t> group_distance;
    for (const std::string& needle : group) {
      auto d = NearestOccurrence(sentence, s.start, claim.in_text, needle, opening_end);
      if (d && (!group_distance || *d < *group_distance)) group_distance = d;
    }
    if (group_distance) {
      ++match.groups_matched;
      match.distance += *group_distance;
    }
    match.group_distances[&group - groups.data()] = group_distance;
  }
  // The mean, not the farthest: the words that name a metric sit next to
  // its figure while the subject may open the sentence, and a fact whose
  // metric words are close should beat one that only shares the subject.
  if (match.groups_matched > 0) match.distance /= match.groups_matched;
  return match;
}

bool HasGroup(const Series& series, const std::vector<std::string>& group) {
  return std::find(series.keywords->begin(), series.keywords->end(), group) !=
         series.keywords->end();
}

// Mean distance of the groups of `a` that `b` does not have; nullopt when
// `a` has none of its own.
std::optional<size_t> DistinctiveDistance(const Series& a, const Series& b) {
  size_t total = 0, count = 0;
  for (size_t g = 0; g < a.keywords->size(); ++g) {
    if (HasGroup(b, (*a.keywords)[g])) continue;
    total += a.group_distances[g];
    ++count;
  }
  if (count == 0) return std::nullopt;
  return total / count;
}

size_t Margin(size_t distance) { return std::max<size_t>(8, distance / 3); }

// Puts the series the claim most likely speaks of first and says whether
// the evidence decided (see the face for the order of the tests).
void RankSeries(ClaimLink& link) {
  auto& all = link.series;
  if (all.size() < 2) return;
  std::sort(all.begin(), all.end(), [](const Series& a, const Series& b) {
    return std::tuple(a.distance, -a.groups, a.members.front().get().id) <
           std::tuple(b.distance, -b.groups, b.members.front().get().id);
  });
  size_t limit = all[0].distance + Margin(all[0].distance);
  size_t close = 0;
  while (close < all.size() && all[close].distance <= limit) ++close;
  auto leader = std::max_element(
      all.begin(), all.begin() + close,
      [](const Series& a, const Series& b) { return a.groups < b.groups; });
  std::rotate(all.begin(), leader, leader + 1);
  // A more specific account of the same thing: every group of the leader,
  // and more ("transactions" vs "transactions a day"), provided its extra
  // words sit near the figure rather than anywhere in a long sentence.
  for (size_t k = 1; k < all.size(); ++k) {
    const Series& candidate = all[k];
    if (candidate.groups <= all[0].groups) continue;
    bool superset = std::all_of(all[0].keywords->begin(), all[0].keywords->end(),
                                [&](const auto& g) { return HasGroup(candidate, g); });
    std::optional<size_t> extra = DistinctiveDistance(candidate, all[0]);
    if (superset && extra && *extra <= 2 * std::max<size_t>(all[0].distance, 24)) {
      std::rotate(all.begin(), all.begin() + k, all.begin() + k + 1);
      k = 0;
    }
  }
  // Equally specific rivals that are about as near: the words that differ
  // between the two decide, when one set sits at less than half the
  // distance of the other ("Czechia's rate was 17.0%, and Slovakia's").
  // Each swap puts a clearly nearer series first; the cap only guards
  // against a cycle of three.
  for (size_t k = 1, swaps = 0; k < all.size(); ++k) {
    const Series& rival = all[k];
    size_t lead = all[0].distance;
    size_t gap = rival.distance > lead ? rival.distance - lead : lead - rival.distance;
    if (rival.groups != all[0].groups || gap > Margin(std::min(lead, rival.distance))) {
      continue;
    }
    std::optional<size_t> mine = DistinctiveDistance(all[0], rival);
    std::optional<size_t> theirs = DistinctiveDistance(rival, all[0]);
    if (mine && theirs && 2 * *theirs + 8 < *mine && swaps < all.size()) {
      std::rotate(all.begin(), all.begin() + k, all.begin() + k + 1);
      k = 0;
      ++swaps;
      continue;
    }
    if (mine && theirs && 2 * *mine + 8 < *theirs) continue;
    link.ambiguous = true;
  }
}

// The distinct tokens of one document, numbered in the order first seen:
// an open-addressing table of views into the document's text, by WordHash
// (which the caller has already worked out to ask the vocabulary).
class TokenNumbers {
 public:
  uint32_t Add(std::string_view token, uint64_t hash) {
    if (2 * (tokens_.size() + 1) > slots_.size()) Grow();
    uint32_t& slot = slots_[SlotOf(token, hash)];
    if (slot == kEmpty) {
      slot = static_cast<uint32_t>(tokens_.size());
      tokens_.push_back(token);
      hashes_.push_back(hash);
    }
    return slot;
  }
  // REQUIRES: hash == WordHash(token).
  std::optional<uint32_t> Find(std::string_view token, uint64_t hash) const {
    if (slots_.empty()) return std::nullopt;
    uint32_t slot = slots_[SlotOf(token, hash)];
    if (slot == kEmpty) return std::nullopt;
    return slot;
  }
  const std::vector<std::string_view>& tokens() const { return tokens_; }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;

  // Where `token` is, or the empty slot where it would go.
  size_t SlotOf(std::string_view token, uint64_t hash) const {
    const size_t mask = slots_.size() - 1;
    for (size_t at = hash & mask;; at = (at + 1) & mask) {
      if (slots_[at] == kEmpty || tokens_[slots_[at]] == token) return at;
    }
  }
  void Grow() {
    slots_.assign(std::max<size_t>(64, 2 * slots_.size()), kEmpty);
    for (uint32_t number = 0; number < tokens_.size(); ++number) {
      slots_[SlotOf(tokens_[number], hashes_[number])] = number;
    }
  }

  std::vector<uint32_t> slots_;  // token numbers; size a power of two
  std::vector<std::string_view> tokens_;
  std::vector<uint64_t> hashes_;
};

}  // namespace

bool SameSeries(const Fact& a, const Fact& b) {
  // Most facts asked about differ in subject or unit; only the others need
  // their keywords normalized and compared.
  if (a.subject != b.subject || a.unit != b.unit) return false;
  return SeriesKeyOf(a) == SeriesKeyOf(b);
}

namespace {

std::string Singular(std::string word) {
  if (word.size() > 3 && word.back() == 's') word.pop_back();
  return word;
}

// Units of time and measurement: a figure in one of these is a quantity of
// that measure, never a count of some other thing.
bool IsMeasureNoun(const std::string& noun) {
  static constexpr std::string_view kMeasures[] = {
      "second", "minute", "hour", "day", "week", "month", "year", "decade",
      "century", "centurie", "km", "kilometre", "kilometer", "mile", "metre",
      "meter", "kg", "kilogram", "tonne", "ton", "pound", "barrel", "litre",
      "liter", "gallon", "kw", "mw", "gw", "tw", "kwh", "mwh", "gwh", "twh",
      "watt", "hectare", "acre", "degree", "ppm"};
  std::vector<std::string> words = WordTokens(noun);
  if (words.empty()) return false;
  std::string last = Singular(words.back());
  return std::find(std::begin(kMeasures), std::end(kMeasures), last) != std::end(kMeasures);
}

// Whether the fact names the noun a claim counts ("117.6 billion
// transactions" and a fact on the "number of UPI transactions"), in its
// unit, metric or keywords. "six decades" names no count of people.
bool NamesNoun(const Fact& fact, const std::string& noun) {
  std::vector<std::string> nouns = WordTokens(noun);
  if (nouns.empty()) return false;
  std::string wanted = Singular(nouns.back());
  auto mentions = [&](std::string_view text) {
    for (const std::string& word : WordTokens(text)) {
      if (Singular(word) == wanted) return true;
    }
    return false;
  };
  if (mentions(fact.unit) || mentions(fact.metric)) return true;
  for (const auto& group : fact.keywords) {
    for (const std::string& alternative : group) {
      if (mentions(alternative)) return true;
    }
  }
  return false;
}

// UnitsComparable, with whether the claim's unit is a measure worked out
// when first needed and kept in `measure` for the claim's other facts (the
// linker asks it of every member of every series a claim may speak of).
bool UnitsComparableKeeping(const Claim& claim, const Fact& fact, std::optional<bool>& measure) {
  if (claim.unit == fact.unit) return true;
  switch (claim.type) {
    case ClaimType::kCurrency:
      return IsCurrencyUnit(claim.unit) && IsCurrencyUnit(fact.unit);
    case ClaimType::kNumber:
      // A bare number meets any count, and "10.41 million people" a count
      // of deaths; but a measure ("six decades", "62 GW") only a fact that
      // names it.
      if (IsDimensionedUnit(claim.unit) || IsDimensionedUnit(fact.unit)) return false;
      if (claim.unit == "count") return true;
      if (!measure) measure = IsMeasureNoun(claim.unit);
      return !*measure || NamesNoun(fact, claim.unit);
    case ClaimType::kPercent:
    case ClaimType::kYear:
      return false;
  }
  return false;
}

}  // namespace

bool UnitsComparable(const Claim& claim, const Fact& fact) {
  std::optional<bool> measure;
  return UnitsComparableKeeping(claim, fact, measure);
}

KeywordMatch MatchKeywords(const Document& doc, const Claim& claim,
                           const Fact& fact) {
  const Span s = KeywordWindow(claim);
  if (s.end > doc.text.size() || s.start > s.end) return {};
  std::string lower = AsciiLower(
      std::string_view(doc.text).substr(s.start, s.end - s.start));
  // MatchInSentence indexes the text by absolute offsets; pad a view.
  Claim local = claim;
  local.sentence = {0, lower.size()};
  local.in_text = {claim.in_text.start - s.start, claim.in_text.end - s.start};
  return MatchInSentence(lower, local, NormalizedGroups(fact));
}

std::vector<std::string> WindowTokens(const Document& doc, const Claim& claim) {
  const Span s = KeywordWindow(claim);
  if (s.end > doc.text.size() || s.start > s.end) return {};
  return WordTokens(std::string_view(doc.text).substr(s.start, s.end - s.start));
}

Linker::Linker(const FactStore& store, size_t cache_capacity)
    : cache_(store, cache_capacity) {}

Result<std::vector<ClaimLink>> Linker::Link(
    const Document& doc, const std::vector<Claim>& claims) const {
  std::vector<ClaimLink> links(claims.size());
  if (claims.empty()) return links;

  // The text the windows cover is tokenized once; each claim's window takes
  // its share of the tokens, the ones cut by its edges clipped (as if the
  // window alone had been tokenized). Each distinct token gets a number,
  // and a window is the sorted numbers of its tokens: sorting and comparing
  // numbers, not strings, was a quarter of the linker's time. Only the
  // words of the store's vocabulary can be part of a filing key or a
  // keyword's first token, which is all that windows are asked for: the
  // others (most words) are left out of them.
  Result<const WordSet*> vocabulary = cache_.Vocabulary();
  if (!vocabulary.ok()) return vocabulary.status();
  const WordSet* known = *vocabulary;
  const std::string lower_text = AsciiLower(doc.text);
  const std::string_view text(lower_text);
  std::vector<TokenSpan> windows;
  windows.reserve(claims.size());
  for (const Claim& claim : claims) {
    Span window = KeywordWindow(claim);
    if (window.start > window.end || window.end > text.size()) window = {0, 0};
    windows.push_back({window.start, window.end});
  }
  // Most of a long article lies in no sentence with a figure.
  const std::vector<TokenSpan> spans = WordTokenSpansUnder(text, windows);
  TokenNumbers numbers;
  constexpr uint32_t kNotWanted = UINT32_MAX, kNotYet = UINT32_MAX - 1;
  auto number_of = [&](std::string_view token) {
    const uint64_t hash = WordHash(token);
    if (known != nullptr && !known->Holds(token, hash)) return kNotWanted;
    return numbers.Add(token, hash);
  };
  // Windows overlap: a whole token is looked at once, however many hold it.
  std::vector<uint32_t> span_numbers(spans.size(), kNotYet);
  auto window_tokens = [&](const Span& window) {
    std::vector<uint32_t> tokens;
    auto first = std::partition_point(spans.begin(), spans.end(), [&](const TokenSpan& t) {
      return t.end <= window.start;
    });
    for (auto it = first; it != spans.end() && it->start < window.end; ++it) {
      uint32_t number;
      if (it->start >= window.start && it->end <= window.end) {
        uint32_t& whole = span_numbers[static_cast<size_t>(it - spans.begin())];
        if (whole == kNotYet) whole = number_of(text.substr(it->start, it->end - it->start));
        number = whole;
      } else {
        size_t from = std::max(it->start, window.start);
        size_t to = std::min(it->end, window.end);
        number = number_of(text.substr(from, to - from));
      }
      if (number != kNotWanted) tokens.push_back(number);
    }
    std::sort(tokens.begin(), tokens.end());
    tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
    return tokens;
  };

  std::vector<std::vector<uint32_t>> claim_tokens;
  std::vector<bool> window_of_previous;  // the claim shares the window before it
  Span previous = {1, 0};  // no window
  for (const TokenSpan& stretch : windows) {
    const Span window = {stretch.start, stretch.end};
    // Claims of one sentence mostly share their window: tokenize it once.
    bool shared = !claim_tokens.empty() && window.start == previous.start &&
                  window.end == previous.end;
    window_of_previous.push_back(shared);
    if (shared) {
      claim_tokens.push_back(claim_tokens.back());
      continue;
    }
    previous = window;
    claim_tokens.push_back(window_tokens(window));
  }

  // Which of the tokens near claims facts are filed under, and with which
  // second tokens, in one lookup; every numbered token is in some window.
  Result<std::vector<SeriesCache::Seconds>> seconds = cache_.SecondsOf(numbers.tokens());
  if (!seconds.ok()) return seconds.status();
  if (std::all_of(seconds->begin(), seconds->end(), [](const auto& s) { return s == nullptr; })) {
    return links;
  }
  auto in_window = [&](const std::vector<uint32_t>& tokens, std::string_view token,
                       uint64_t hash) {
    std::optional<uint32_t> number = numbers.Find(token, hash);
    return number && std::binary_search(tokens.begin(), tokens.end(), *number);
  };

  // Each claim's keys, both tokens in its window (or the second none), as
  // indices into `keys`, the document's distinct keys; then what is filed
  // under all of them, in one lookup. A token's second tokens are numbered,
  // and its keys made, once per document, however many windows hold it.
  constexpr uint32_t kNone = UINT32_MAX, kAnyWindow = UINT32_MAX - 1;
  struct FiledWith {
    std::vector<uint32_t> seconds;  // each second's token number; kNone: not here
    std::vector<uint32_t> keys;     // index into `keys`; kNone: not made yet
  };
  std::vector<FiledWith> filed_with(numbers.tokens().size());
  std::vector<std::vector<uint32_t>> claim_keys(claims.size());
  std::vector<FilingKey> keys;
  for (size_t i = 0; i < claims.size(); ++i) {
    if (window_of_previous[i]) {
      claim_keys[i] = claim_keys[i - 1];
      continue;
    }
    const std::vector<uint32_t>& tokens = claim_tokens[i];
    for (uint32_t token : tokens) {
      const SeriesCache::Seconds& seconds_of_token = (*seconds)[token];
      if (seconds_of_token == nullptr) continue;
      FiledWith& with = filed_with[token];
      if (with.keys.size() != seconds_of_token->size()) {
        with.keys.assign(seconds_of_token->size(), kNone);
        for (const std::string& second : *seconds_of_token) {
          with.seconds.push_back(second.empty()
                                     ? kAnyWindow
                                     : numbers.Find(second, WordHash(second)).value_or(kNone));
        }
      }
      for (size_t k = 0; k < with.seconds.size(); ++k) {
        const uint32_t second = with.seconds[k];
        if (second == kNone ||
            (second != kAnyWindow && !std::binary_search(tokens.begin(), tokens.end(), second))) {
          continue;
        }
        if (with.keys[k] == kNone) {
          with.keys[k] = static_cast<uint32_t>(keys.size());
          keys.push_back({std::string(numbers.tokens()[token]), (*seconds_of_token)[k]});
        }
        claim_keys[i].push_back(with.keys[k]);
      }
    }
  }
  Result<std::vector<SeriesCache::FiledPtr>> filed = cache_.Lookup(keys);
  if (!filed.ok()) return filed.status();

  for (size_t i = 0; i < claims.size(); ++i) {
    const Claim& claim = claims[i];
    std::vector<std::string_view> seen;  // series keys: one visit per series
    std::optional<bool> measure;          // see UnitsComparableKeeping
    ClaimLink& link = links[i];
    for (uint32_t key : claim_keys[i]) {
      const SeriesCache::FiledPtr& filed_here = (*filed)[key];
      for (const PreparedSeries& candidate : *filed_here) {
        if (std::find(seen.begin(), seen.end(), candidate.key) != seen.end()) continue;
        seen.push_back(candidate.key);
        // Every group needs the first token of one of its alternatives here.
        bool possible = true;
        for (size_t g = 0; possible && g < candidate.first_tokens.size(); ++g) {
          const std::vector<std::string>& firsts = candidate.first_tokens[g];
          const std::vector<uint64_t>& hashes = candidate.first_token_hashes[g];
          bool any = false;
          for (size_t k = 0; !any && k < firsts.size(); ++k) {
            any = in_window(claim_tokens[i], firsts[k], hashes[k]);
          }
          possible = any;
        }
        if (!possible) continue;
        auto comparable = [&](const Fact& fact) {
          return UnitsComparableKeeping(claim, fact, measure);
        };
        if (std::none_of(candidate.members.begin(), candidate.members.end(), comparable)) {
          continue;
        }
        KeywordMatch match = MatchInSentence(text, claim, candidate.groups);
        if (match.groups_matched != static_cast<int>(candidate.groups.size())) continue;
        Series series;
        for (const Fact& fact : candidate.members) {
          if (comparable(fact)) series.members.push_back(std::cref(fact));
        }
        series.facts = filed_here;
        series.groups = match.groups_matched;
        series.keywords = &candidate.groups;
        for (const auto& d : match.group_distances) {
          series.group_distances.push_back(d.value_or(0));
        }
        series.distance = match.distance;
        link.series.push_back(std::move(series));
      }
    }
    RankSeries(link);
  }
  return links;
}

}  // namespace claimcheck
