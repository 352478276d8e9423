// Text utilities shared by the stages: UTF-8 validation, ASCII case folding,
// and a line index that turns byte offsets into 1-based line and column.
// All functions are pure; LineIndex is immutable after construction and may
// be shared between threads.
#ifndef CLAIMCHECK_BASE_TEXT_H_
#define CLAIMCHECK_BASE_TEXT_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace claimcheck {

// Returns the byte offset of the first invalid UTF-8 sequence, or nullopt
// when the whole text is valid UTF-8 (overlongs and surrogates are invalid).
std::optional<size_t> FindInvalidUtf8(std::string_view text);

// ASCII-only lower casing; other bytes are copied unchanged, so UTF-8 stays
// valid and offsets do not move.
std::string AsciiLower(std::string_view text);

// Strips ASCII whitespace at both ends.
std::string_view TrimAscii(std::string_view text);

// Splits text into lower-cased word tokens: maximal runs of ASCII letters
// and digits, and of non-ASCII bytes (so UTF-8 letters stay inside words).
// "U.S.-led" gives "u", "s", "led". Keyword lookup in the fact database and
// in documents uses this one definition so the two sides always agree.
std::vector<std::string> WordTokens(std::string_view text);

// Where WordTokens finds its tokens: [start, end) byte offsets into `text`,
// in order. Lower-case the text first to read the tokens without copies.
struct TokenSpan {
  size_t start = 0;
  size_t end = 0;
};
std::vector<TokenSpan> WordTokenSpans(std::string_view text);

// WordTokens without a string per token: views into `lower`, which this
// sets to `text` lower-cased. For the few words around a figure, asked of
// most figures.
std::vector<std::string_view> LowerWordTokens(std::string_view text, std::string& lower);

// The spans of WordTokenSpans(text) that overlap one of `windows` (any
// order, empty ones ignored), whole, in order: only the text around the
// windows is read, for a long text of which little is wanted.
std::vector<TokenSpan> WordTokenSpansUnder(std::string_view text,
                                           std::vector<TokenSpan> windows);

// The length of `text` in UTF-16 code units, as JavaScript and LSP count
// columns: one per code point, two past U+FFFF (a four-byte sequence). A
// stray continuation byte counts for nothing, any other byte as a lead.
size_t Utf16Length(std::string_view text);

struct LineColumn {
  size_t line = 1;    // 1-based
  size_t column = 1;  // 1-based, in bytes
};

// Maps byte offsets of one text to line and column. Lines end at '\n'.
class LineIndex {
 public:
  // The index keeps only line starts, not the text.
  explicit LineIndex(std::string_view text);
  // REQUIRES: offset <= size of the indexed text.
  LineColumn At(size_t offset) const;

 private:
  std::vector<size_t> line_starts_;
};

}  // namespace claimcheck

#endif  // CLAIMCHECK_BASE_TEXT_H_
