#include "base/text.h"

#include <gtest/gtest.h>

#include <cctype>
#include <random>
#include <string>
#include <vector>

namespace claimcheck {
namespace {

TEST(TextTest, FindsInvalidUtf8) {
  struct Case {
    std::string text;
    std::optional<size_t> invalid_at;
  };
  const Case cases[] = {
      {"plain ascii", std::nullopt},
      {"China\u2019s \u2014 \u00a5500", std::nullopt},
      {"ok\xff", 2},
      {"a\xc3", 1},              // truncated sequence
      {"\xc0\xaf", 0},           // overlong "/"
      {"x\xed\xa0\x80", 1},      // surrogate
      {"\xf0\x9f\x98\x80", std::nullopt},  // emoji
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(FindInvalidUtf8(c.text), c.invalid_at);
  }
}

// ASCII is skipped eight bytes at a time: a bad byte is found at every
// offset after any length of ASCII, and a good sequence there is no error.
TEST(TextTest, FindsInvalidUtf8AfterAnyRunOfAscii) {
  for (size_t prefix = 0; prefix < 20; ++prefix) {
    const std::string ascii(prefix, 'a');
    EXPECT_EQ(FindInvalidUtf8(ascii + "\xff" + "tail of ascii"), prefix) << prefix;
    EXPECT_EQ(FindInvalidUtf8(ascii + "\xe2\x82"), prefix) << prefix;
    EXPECT_EQ(FindInvalidUtf8(ascii + "\xe2\x82\xac" + ascii + "\xc0\xaf"), 2 * prefix + 3)
        << prefix;
    EXPECT_EQ(FindInvalidUtf8(ascii + "\xe2\x82\xac" + ascii), std::nullopt) << prefix;
  }
}

// Counted eight bytes at a time where they are ASCII: the same count as a
// byte at a time, whatever mix and wherever the multi-byte characters are.
TEST(TextTest, Utf16LengthCountsCodeUnits) {
  EXPECT_EQ(Utf16Length(""), 0u);
  EXPECT_EQ(Utf16Length("rose 5%"), 7u);
  EXPECT_EQ(Utf16Length("\xe2\x82\xac" "70 billion"), 11u);         // euro sign: one unit
  EXPECT_EQ(Utf16Length("up \xf0\x9f\x93\x88 by 5% this year"), 21u);  // emoji: two
  const std::vector<std::string> pieces = {"a", " ", "longer ascii run", "\xc2\xa0",
                                           "\xe2\x80\x94", "\xf0\x9f\x93\x88", "\x80", "\xff"};
  std::mt19937 random(30112026);
  for (int n = 0; n < 1000; ++n) {
    std::string text;
    const size_t count = random() % 20;
    for (size_t k = 0; k < count; ++k) text += pieces[random() % pieces.size()];
    size_t expected = 0;
    for (unsigned char byte : text) {
      if ((byte & 0xC0) != 0x80) expected += byte >= 0xF0 ? 2 : 1;
    }
    ASSERT_EQ(Utf16Length(text), expected) << ::testing::PrintToString(text);
  }
}

// Tokens under windows are tokens of the whole text, and every token of it
// that overlaps a window is among them, whatever the windows cut: words,
// multi-byte letters, Unicode separators (em dash, no-break space, curly
// quotes), or nothing at all.
TEST(TextTest, WordTokenSpansUnderAreTheWholeTextsTokensInTheWindows) {
  const std::vector<std::string> pieces = {
      "China", "GDP", "1,234.5", " ", "  ", ".", ",", "\u2014", "\u00a0", "\u2019s",
      "na\u00efve", "\u4e2d\u56fd", "-", "(", "x", "\n"};
  std::mt19937 random(7);
  for (int round = 0; round < 500; ++round) {
    std::string text;
    const int count = static_cast<int>(random() % 40);
    for (int k = 0; k < count; ++k) text += pieces[random() % pieces.size()];
    std::vector<TokenSpan> windows;
    const int window_count = static_cast<int>(random() % 5);
    for (int w = 0; w < window_count; ++w) {
      size_t a = text.empty() ? 0 : random() % (text.size() + 1);
      size_t b = text.empty() ? 0 : random() % (text.size() + 1);
      windows.push_back({std::min(a, b), std::max(a, b)});
    }
    std::vector<TokenSpan> expected;
    for (const TokenSpan& token : WordTokenSpans(text)) {
      for (const TokenSpan& window : windows) {
        if (window.start < window.end && token.start < window.end && window.start < token.end) {
          expected.push_back(token);
          break;
        }
      }
    }
    std::vector<TokenSpan> got = WordTokenSpansUnder(text, windows);
    // Tokens the stretches around the windows hold beyond the windows'
    // own are allowed; the windows' own must all be there, unchanged.
    for (const TokenSpan& token : expected) {
      bool found = false;
      for (const TokenSpan& span : got) found |= span.start == token.start && span.end == token.end;
      EXPECT_TRUE(found) << "round " << round << ": token at " << token.start << " in \"" << text
                         << "\"";
    }
    for (size_t k = 1; k < got.size(); ++k) EXPECT_LE(got[k - 1].end, got[k].start);
    // Every span is a token of the whole text.
    const std::vector<TokenSpan> all = WordTokenSpans(text);
    for (const TokenSpan& span : got) {
      bool whole = false;
      for (const TokenSpan& token : all) whole |= span.start == token.start && span.end == token.end;
      EXPECT_TRUE(whole) << "round " << round << ": span at " << span.start << " in \"" << text
                         << "\"";
    }
  }
}

TEST(TextTest, LowerWordTokensAreWordTokensAsViews) {
  for (std::string_view text : {"", "  ", "Fell BY 2.08 Million\u2014in 2023", "na\u00efve U.S. GDP"}) {
    std::string lower;
    const std::vector<std::string_view> views = LowerWordTokens(text, lower);
    const std::vector<std::string> words = WordTokens(text);
    ASSERT_EQ(views.size(), words.size()) << text;
    for (size_t i = 0; i < words.size(); ++i) EXPECT_EQ(views[i], words[i]) << text;
  }
}

TEST(TextTest, WordTokensSplitOnUnicodePunctuation) {
  EXPECT_EQ(WordTokens("China\u2019s AI\u2014market"),
            (std::vector<std::string>{"china", "s", "ai", "market"}));
  EXPECT_EQ(WordTokens("U.S.-led, 11.9%"),
            (std::vector<std::string>{"u", "s", "led", "11", "9"}));
  EXPECT_EQ(WordTokens("caf\u00e9\u00a0Z\u00fcrich"),
            (std::vector<std::string>{"caf\u00e9", "z\u00fcrich"}));
}

TEST(TextTest, LineIndexGivesOneBasedLineAndByteColumn) {
  LineIndex index("ab\ncd\n\nx");
  EXPECT_EQ(index.At(0).line, 1u);
  EXPECT_EQ(index.At(0).column, 1u);
  EXPECT_EQ(index.At(4).line, 2u);
  EXPECT_EQ(index.At(4).column, 2u);
  EXPECT_EQ(index.At(6).line, 3u);
  EXPECT_EQ(index.At(7).line, 4u);
  EXPECT_EQ(index.At(8).column, 2u);
}

TEST(TextTest, AsciiLowerAndTrim) {
  EXPECT_EQ(AsciiLower("US\u2019s GDP"), "us\u2019s gdp");
  EXPECT_EQ(TrimAscii("  a b\n"), "a b");
}

}  // namespace
}  // namespace claimcheck

namespace claimcheck {
namespace {

TEST(WordTokenSpansTest, SpansAreWhereWordTokensFindTheirTokens) {
  const std::string text = "U.S.-led  Côte\u2019s 42\u00a0bn, done";
  std::vector<std::string> from_spans;
  for (const TokenSpan& span : WordTokenSpans(text)) {
    from_spans.push_back(AsciiLower(text.substr(span.start, span.end - span.start)));
  }
  EXPECT_EQ(from_spans, WordTokens(text));
  EXPECT_EQ(from_spans,
            (std::vector<std::string>{"u", "s", "led", "côte", "s", "42", "bn", "done"}));
  ASSERT_FALSE(WordTokenSpans(text).empty());
  EXPECT_EQ(WordTokenSpans(text).back().end, text.size());
  EXPECT_TRUE(WordTokenSpans("").empty());
  EXPECT_TRUE(WordTokenSpans(" ,.\u2014").empty());
}

// The definition of a token, read a byte at a time: the reference the
// table-driven reader must agree with.
std::vector<std::pair<size_t, size_t>> ReferenceSpans(std::string_view text) {
  auto separator_length = [&](size_t i) -> size_t {
    auto at = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    if (at(i) == 0xC2 && i + 1 < text.size() && at(i + 1) == 0xA0) return 2;
    if (at(i) == 0xE2 && i + 2 < text.size() && (at(i + 1) == 0x80 || at(i + 1) == 0x81)) {
      return 3;
    }
    return 0;
  };
  std::vector<std::pair<size_t, size_t>> spans;
  size_t start = 0;
  bool in_token = false;
  for (size_t i = 0; i < text.size();) {
    auto u = static_cast<unsigned char>(text[i]);
    size_t separator = u >= 0x80 ? separator_length(i) : 0;
    bool word = u >= 0x80 ? separator == 0 : std::isalnum(u) != 0;
    if (word) {
      if (!in_token) start = i;
      in_token = true;
      ++i;
    } else {
      if (in_token) spans.emplace_back(start, i);
      in_token = false;
      i += separator > 0 ? separator : 1;
    }
  }
  if (in_token) spans.emplace_back(start, text.size());
  return spans;
}

TEST(WordTokenSpansTest, AgreesWithAByteAtATimeReading) {
  // Bytes that matter to the reader: word bytes, ASCII separators, the
  // lead and continuation bytes of the no-break space and of General
  // Punctuation, and of other characters.
  const std::string alphabet = std::string("aZ5 .-\t\n") + "\xC2\xA0\xE2\x80\x81\x99\xC3\xA9\xFF";
  std::mt19937 random(20261130);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const size_t length = random() % 12;
    for (size_t k = 0; k < length; ++k) text += alphabet[random() % alphabet.size()];
    std::vector<std::pair<size_t, size_t>> spans;
    for (const TokenSpan& span : WordTokenSpans(text)) spans.emplace_back(span.start, span.end);
    ASSERT_EQ(spans, ReferenceSpans(text)) << "text of " << text.size() << " bytes, round " << round;
  }
}

TEST(TextTest, AsciiLowerChangesOnlyAsciiCapitals) {
  std::string every;
  for (int c = 0; c < 256; ++c) every.push_back(static_cast<char>(c));
  const std::string lower = AsciiLower(every);
  ASSERT_EQ(lower.size(), every.size());
  for (int c = 0; c < 256; ++c) {
    const int want = c >= 'A' && c <= 'Z' ? c + 32 : c;
    EXPECT_EQ(static_cast<unsigned char>(lower[c]), want) << "byte " << c;
  }
}

}  // namespace
}  // namespace claimcheck
