#include "base/text.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

namespace claimcheck {

std::optional<size_t> FindInvalidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // Most text is ASCII: eight bytes at a time while none has its top bit.
    uint64_t word;
    while (i + sizeof(word) <= n) {
      std::memcpy(&word, s + i, sizeof(word));
      if (word & 0x8080808080808080ULL) break;
      i += sizeof(word);
    }
    if (i == n) break;
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    unsigned int cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are invalid.
    static constexpr unsigned int kMinForLength[] = {0, 0, 0x80, 0x800,
                                                     0x10000};
    if (cp < kMinForLength[len] || (cp >= 0xD800 && cp <= 0xDFFF) ||
        cp > 0x10FFFF) {
      return i;
    }
    i += len;
  }
  return std::nullopt;
}

size_t Utf16Length(std::string_view text) {
  size_t units = 0;
  size_t i = 0;
  uint64_t word;
  for (; i + sizeof(word) <= text.size(); i += sizeof(word)) {
    std::memcpy(&word, text.data() + i, sizeof(word));
    if ((word & 0x8080808080808080ULL) == 0) {  // ASCII: a unit a byte
      units += sizeof(word);
      continue;
    }
    for (size_t k = i; k < i + sizeof(word); ++k) {
      const auto byte = static_cast<unsigned char>(text[k]);
      if ((byte & 0xC0) != 0x80) units += byte >= 0xF0 ? 2 : 1;
    }
  }
  for (; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte & 0xC0) != 0x80) units += byte >= 0xF0 ? 2 : 1;
  }
  return units;
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  // Without a branch, so that the compiler can do many bytes at once.
  for (char& c : out) {
    auto u = static_cast<unsigned char>(c);
    c = static_cast<char>(u + (static_cast<unsigned char>(u - 'A') < 26 ? 32 : 0));
  }
  return out;
}

std::string_view TrimAscii(std::string_view text) {
  auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
  };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

namespace {

// Length of a separator that is not ASCII at text[i], or 0: the no-break
// space U+00A0 and the General Punctuation block U+2000..U+206F (curly
// quotes and apostrophes, dashes, thin spaces), so "China’s" still
// yields the word "china".
size_t UnicodeSeparatorLength(std::string_view text, size_t i) {
  auto at = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  if (at(i) == 0xC2 && i + 1 < text.size() && at(i + 1) == 0xA0) return 2;
  if (at(i) == 0xE2 && i + 2 < text.size() &&
      (at(i + 1) == 0x80 || at(i + 1) == 0x81)) {
    return 3;
  }
  return 0;
}

// Calls each(start, end) for the tokens of WordTokenSpans(text), in order,
// so that each caller keeps them as it needs them.
template <typename Each>
void ForEachWordToken(std::string_view text, Each each) {
  // Every byte of every document passes here: a table tells word bytes,
  // ASCII separators and bytes past ASCII apart without a chain of tests.
  enum : unsigned char { kSeparator, kWord, kBeyondAscii };
  static constexpr auto kClass = [] {
    std::array<unsigned char, 256> table{};
    for (int c = '0'; c <= '9'; ++c) table[c] = kWord;
    for (int c = 'a'; c <= 'z'; ++c) table[c] = kWord;
    for (int c = 'A'; c <= 'Z'; ++c) table[c] = kWord;
    for (int c = 0x80; c <= 0xFF; ++c) table[c] = kBeyondAscii;
    return table;
  }();
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    while (i < n && kClass[s[i]] == kSeparator) ++i;
    if (i == n) break;
    if (kClass[s[i]] == kBeyondAscii) {
      if (size_t separator = UnicodeSeparatorLength(text, i)) {
        i += separator;
        continue;
      }
    }
    const size_t start = i;
    while (i < n && (kClass[s[i]] == kWord ||
                     (kClass[s[i]] == kBeyondAscii && UnicodeSeparatorLength(text, i) == 0))) {
      ++i;
    }
    each(start, i);
  }
}

}  // namespace

std::vector<TokenSpan> WordTokenSpans(std::string_view text) {
  std::vector<TokenSpan> spans;
  spans.reserve(text.size() / 8 + 1);
  ForEachWordToken(text, [&](size_t start, size_t end) { spans.push_back({start, end}); });
  return spans;
}

namespace {

// An ASCII byte that is not a letter or digit: WordTokenSpans ends a word
// there whatever came before, so a text cut just before or after one
// tokenizes as the whole text does.
bool IsCutPoint(char c) {
  const auto byte = static_cast<unsigned char>(c);
  const bool word = (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z') ||
                    (byte >= 'A' && byte <= 'Z');
  return byte < 0x80 && !word;
}

}  // namespace

std::vector<TokenSpan> WordTokenSpansUnder(std::string_view text,
                                           std::vector<TokenSpan> windows) {
  std::sort(windows.begin(), windows.end(),
            [](const TokenSpan& a, const TokenSpan& b) { return a.start < b.start; });
  std::vector<TokenSpan> spans;
  size_t done = 0;  // the text before is tokenized, or in no window
  size_t i = 0;
  while (i < windows.size()) {
    if (windows[i].end <= windows[i].start || windows[i].end <= done) {
      ++i;
      continue;
    }
    // A stretch: this window and those that meet it, widened to cut points.
    size_t start = std::min(std::max(windows[i].start, done), text.size());
    while (start > done && !IsCutPoint(text[start - 1])) --start;
    size_t end = windows[i].start;  // so that the first window joins
    while (i < windows.size() && windows[i].start <= end) {
      end = std::max(end, std::min(windows[i].end, text.size()));
      while (end < text.size() && !IsCutPoint(text[end])) ++end;
      ++i;
    }
    ForEachWordToken(text.substr(start, end - start), [&](size_t from, size_t to) {
      spans.push_back({start + from, start + to});
    });
    done = end;
  }
  return spans;
}

std::vector<std::string_view> LowerWordTokens(std::string_view text, std::string& lower) {
  lower = AsciiLower(text);
  std::vector<std::string_view> tokens;
  const std::string_view view(lower);
  ForEachWordToken(view, [&](size_t start, size_t end) {
    tokens.push_back(view.substr(start, end - start));
  });
  return tokens;
}

std::vector<std::string> WordTokens(std::string_view text) {
  std::vector<std::string> tokens;
  ForEachWordToken(text, [&](size_t start, size_t end) {
    tokens.push_back(AsciiLower(text.substr(start, end - start)));
  });
  return tokens;
}

LineIndex::LineIndex(std::string_view text) {
  line_starts_.push_back(0);
  for (size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1)) {
    line_starts_.push_back(i + 1);
  }
}

LineColumn LineIndex::At(size_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  size_t line = static_cast<size_t>(it - line_starts_.begin());  // >= 1
  return {line, offset - line_starts_[line - 1] + 1};
}

}  // namespace claimcheck
