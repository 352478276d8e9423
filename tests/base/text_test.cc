#include "base/text.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace claimcheck
