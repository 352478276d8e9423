// Internal to input/: reduces HTML and Markdown to the prose a reader sees,
// with a map from every text byte back to the source byte it came from.
// Both strippers run in linear time and never fail: markup they do not
// understand is kept as text.
#ifndef CLAIMCHECK_INPUT_MARKUP_H_
#define CLAIMCHECK_INPUT_MARKUP_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace claimcheck {

// Fill `text` and `offsets` (text.size() + 1 entries, the last one
// source.size()) from source[begin, end). Tags, comments and the content of
// script/style/template/code elements are removed; block-level tags become
// a line break (or a space between table cells) so that words of adjacent
// blocks stay apart; entities are decoded.
// REQUIRES: text and offsets are empty; source.size() < 2^32.
void StripHtml(std::string_view source, size_t begin, std::string& text,
               std::vector<uint32_t>& offsets);

// As StripHtml for Markdown: keeps the prose and drops heading hashes,
// emphasis markers, link targets, images, code (spans and fenced blocks),
// inline HTML, list markers, footnote references, link definitions, front
// matter and table rules; table pipes become spaces.
void StripMarkdown(std::string_view source, size_t begin, std::string& text,
                   std::vector<uint32_t>& offsets);

// The character reference at source[at] ("&amp;", "&#8217;", "&#x20AC;"),
// decoded to UTF-8 in `utf8`; returns its length in source bytes, or 0 when
// there is none (a bare '&' stays text).
size_t DecodeEntity(std::string_view source, size_t at, std::string& utf8);

// Where the source unit that produced a text byte mapped to `at` ends: after
// the entity starting there, else at + 1.
size_t SourceUnitEnd(std::string_view source, size_t at);

}  // namespace claimcheck

#endif  // CLAIMCHECK_INPUT_MARKUP_H_
