#include "input/markup.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <span>
#include <utility>

namespace claimcheck {
namespace {

bool IsAsciiAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || IsAsciiDigit(c); }
bool IsBlank(char c) { return c == ' ' || c == '\t'; }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c; }

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// The named references that turn up in news prose: markup escapes, spaces,
// typographic punctuation, currency and maths signs, and accented letters.
// Sorted by name (byte order) for binary search.
struct NamedEntity {
  std::string_view name;
  char32_t code_point;
};
constexpr NamedEntity kNamedEntities[] = {
    {"AElig", 0xC6},    {"Aacute", 0xC1},   {"Agrave", 0xC0},
    {"Aring", 0xC5},    {"Atilde", 0xC3},   {"Auml", 0xC4},
    {"Ccedil", 0xC7},   {"Eacute", 0xC9},   {"Egrave", 0xC8},
    {"Iacute", 0xCD},   {"Ntilde", 0xD1},   {"Oacute", 0xD3},
    {"Oslash", 0xD8},   {"Ouml", 0xD6},     {"Prime", 0x2033},
    {"Uacute", 0xDA},   {"Uuml", 0xDC},     {"aacute", 0xE1},
    {"acirc", 0xE2},    {"acute", 0xB4},    {"aelig", 0xE6},
    {"agrave", 0xE0},   {"amp", '&'},       {"apos", '\''},
    {"aring", 0xE5},    {"atilde", 0xE3},   {"auml", 0xE4},
    {"bull", 0x2022},   {"ccedil", 0xE7},   {"cent", 0xA2},
    {"colon", ':'},     {"comma", ','},     {"copy", 0xA9},
    {"dagger", 0x2020}, {"deg", 0xB0},      {"divide", 0xF7},
    {"dollar", '$'},    {"eacute", 0xE9},   {"ecirc", 0xEA},
    {"egrave", 0xE8},   {"emsp", 0x2003},   {"ensp", 0x2002},
    {"euml", 0xEB},     {"euro", 0x20AC},   {"frac12", 0xBD},
    {"frac14", 0xBC},   {"frac34", 0xBE},   {"gt", '>'},
    {"hellip", 0x2026}, {"hyphen", 0x2010}, {"iacute", 0xED},
    {"icirc", 0xEE},    {"iexcl", 0xA1},    {"iquest", 0xBF},
    {"iuml", 0xEF},     {"laquo", 0xAB},    {"ldquo", 0x201C},
    {"lsaquo", 0x2039}, {"lsquo", 0x2018},  {"lt", '<'},
    {"mdash", 0x2014},  {"micro", 0xB5},    {"middot", 0xB7},
    {"minus", 0x2212},  {"nbsp", 0xA0},     {"ndash", 0x2013},
    {"ntilde", 0xF1},   {"num", '#'},       {"oacute", 0xF3},
    {"ocirc", 0xF4},    {"ograve", 0xF2},   {"oslash", 0xF8},
    {"otilde", 0xF5},   {"ouml", 0xF6},     {"para", 0xB6},
    {"percnt", '%'},    {"period", '.'},    {"permil", 0x2030},
    {"plus", '+'},      {"plusmn", 0xB1},   {"pound", 0xA3},
    {"prime", 0x2032},  {"quot", '"'},      {"raquo", 0xBB},
    {"rdquo", 0x201D},  {"reg", 0xAE},      {"rsaquo", 0x203A},
    {"rsquo", 0x2019},  {"sbquo", 0x201A},  {"sect", 0xA7},
    {"shy", 0xAD},      {"sol", '/'},       {"sup1", 0xB9},
    {"sup2", 0xB2},     {"sup3", 0xB3},     {"szlig", 0xDF},
    {"thinsp", 0x2009}, {"times", 0xD7},    {"trade", 0x2122},
    {"uacute", 0xFA},   {"ucirc", 0xFB},    {"ugrave", 0xF9},
    {"uuml", 0xFC},     {"yen", 0xA5},      {"yuml", 0xFF},
};

static_assert(std::is_sorted(std::begin(kNamedEntities),
                             std::end(kNamedEntities),
                             [](const NamedEntity& a, const NamedEntity& b) {
                               return a.name < b.name;
                             }));

std::optional<char32_t> LookupNamed(std::string_view name) {
  auto it = std::lower_bound(
      std::begin(kNamedEntities), std::end(kNamedEntities), name,
      [](const NamedEntity& e, std::string_view n) { return e.name < n; });
  if (it == std::end(kNamedEntities) || it->name != name) return std::nullopt;
  return it->code_point;
}

// Appends text and keeps the offset map in step with it.
class Builder {
 public:
  Builder(std::string_view source, std::string& text,
          std::vector<uint32_t>& offsets)
      : source_(source), text_(text), offsets_(offsets) {
    text_.reserve(source.size());
    offsets_.reserve(source.size() + 1);
  }

  void Put(char c, size_t from) {
    text_.push_back(c);
    offsets_.push_back(static_cast<uint32_t>(from));
  }
  // Copies source[from, to) unchanged.
  void Copy(size_t from, size_t to) {
    text_.append(source_.data() + from, to - from);
    for (size_t i = from; i < to; ++i) {
      offsets_.push_back(static_cast<uint32_t>(i));
    }
  }
  // Every byte of a decoded character maps to the start of its reference.
  void PutDecoded(const std::string& utf8, size_t from) {
    for (char c : utf8) Put(c, from);
  }
  // Keeps the words of two blocks apart without piling up blank lines.
  void Break(std::string_view separator, size_t from) {
    if (text_.empty()) return;
    if (separator == " ") {
      if (!IsSpace(text_.back())) Put(' ', from);
      return;
    }
    for (char c : separator) {
      if (text_.size() >= 2 && text_[text_.size() - 1] == '\n' &&
          text_[text_.size() - 2] == '\n') {
        return;
      }
      Put(c, from);
    }
  }
  void Finish() { offsets_.push_back(static_cast<uint32_t>(source_.size())); }

 private:
  static bool IsSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  std::string_view source_;
  std::string& text_;
  std::vector<uint32_t>& offsets_;
};

// Finds `needle` at or after `from`, ASCII case-insensitively; npos if none.
size_t FindCaseless(std::string_view haystack, std::string_view needle,
                    size_t from) {
  if (needle.empty()) return from;
  const char first_lower = Lower(needle[0]);
  const char first_upper = (first_lower >= 'a' && first_lower <= 'z')
                               ? first_lower - 'a' + 'A'
                               : first_lower;
  for (size_t i = from; i + needle.size() <= haystack.size(); ++i) {
    if (haystack[i] != first_lower && haystack[i] != first_upper) continue;
    size_t k = 1;
    while (k < needle.size() && Lower(haystack[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return i;
  }
  return std::string_view::npos;
}

// ---- HTML ----

// Elements whose content is not prose: dropped with their tags.
constexpr std::string_view kDroppedElements[] = {"code", "script", "style",
                                                 "template"};

// Elements that start a new block when rendered: their tags become a
// paragraph break so "<p>5%</p><p>6%</p>" cannot read as one figure.
constexpr std::string_view kBlockElements[] = {
    "address",  "article",    "aside",  "blockquote", "body",   "caption",
    "dd",       "details",    "dialog", "div",        "dl",     "dt",
    "fieldset", "figcaption", "figure", "footer",     "form",   "h1",
    "h2",       "h3",         "h4",     "h5",         "h6",     "head",
    "header",   "hgroup",     "hr",     "html",       "legend", "li",
    "main",     "nav",        "ol",     "option",     "p",      "pre",
    "section",  "summary",    "table",  "tbody",      "tfoot",  "thead",
    "title",    "tr",         "ul"};

bool Contains(std::span<const std::string_view> set, std::string_view name) {
  return std::find(set.begin(), set.end(), name) != set.end();
}

// The lower-cased name of the tag in source[p, end] ("<TD class=x>" gives
// "td"); *closing tells an end tag.
std::string TagName(std::string_view src, size_t p, size_t end, bool* closing) {
  *closing = p + 1 < end && src[p + 1] == '/';
  std::string name;
  for (size_t i = p + (*closing ? 2 : 1);
       i < end && (IsAsciiAlnum(src[i]) || src[i] == '-' || src[i] == ':');
       ++i) {
    name.push_back(Lower(src[i]));
  }
  return name;
}

bool IsFootnoteMarkByte(std::string_view src, size_t i, size_t* length) {
  *length = 1;
  const char c = src[i];
  if (IsAsciiDigit(c) || c == '[' || c == ']' || c == '(' || c == ')' ||
      c == ',' || c == '*' || c == '-' || c == ' ') {
    return true;
  }
  // The dagger, double dagger and section sign.
  for (std::string_view mark : {"\u2020", "\u2021", "\u00A7"}) {
    if (src.substr(i, mark.size()) == mark) {
      *length = mark.size();
      return true;
    }
  }
  return false;
}

// A superscript footnote marker: "<sup>3</sup>", "<sup>[12]</sup>",
// "<sup><a href=\"#n1\">1</a></sup>". Left in, its digits would glue onto
// the figure before it ("in 2023<sup>1</sup>" reading as 20231). Given the
// position after "<sup>", returns the position after "</sup>" when the
// content, tags aside, is a short run of digits and marks; else 0.
size_t FootnoteSupEnd(std::string_view src, size_t content, size_t limit) {
  constexpr size_t kMaxScan = 200;
  constexpr size_t kMaxMarks = 6;
  limit = std::min({limit, src.size(), content + kMaxScan});
  size_t marks = 0;
  for (size_t i = content; i < limit;) {
    if (src[i] == '<') {
      size_t close = src.find('>', i);
      if (close == std::string_view::npos || close >= limit) return 0;
      bool closing = false;
      if (TagName(src, i, close, &closing) == "sup" && closing) {
        return marks > 0 ? close + 1 : 0;
      }
      i = close + 1;
      continue;
    }
    size_t length = 0;
    if (!IsFootnoteMarkByte(src, i, &length) || ++marks > kMaxMarks) return 0;
    i += length;
  }
  return 0;
}

class HtmlStripper {
 public:
  HtmlStripper(std::string_view source, std::string& text,
               std::vector<uint32_t>& offsets)
      : src_(source), out_(source, text, offsets) {}

  void Run(size_t begin) {
    size_t p = begin;
    const size_t n = src_.size();
    while (p < n) {
      // Copy the plain run up to the next byte that may start markup.
      size_t q = p;
      while (q < n && src_[q] != '<' && src_[q] != '&') ++q;
      out_.Copy(p, q);
      p = q;
      if (p >= n) break;
      if (src_[p] == '&') {
        std::string utf8;
        if (size_t len = DecodeEntity(src_, p, utf8)) {
          out_.PutDecoded(utf8, p);
          p += len;
        } else {
          out_.Put('&', p);
          ++p;
        }
        continue;
      }
      p = Markup(p);
    }
    out_.Finish();
  }

 private:
  // Handles the '<' at p; returns where text resumes.
  size_t Markup(size_t p) {
    const size_t n = src_.size();
    if (src_.substr(p, 4) == "<!--") {
      size_t end = src_.find("-->", p + 4);
      return end == std::string_view::npos ? n : end + 3;
    }
    const char next = p + 1 < n ? src_[p + 1] : '\0';
    const bool closing = next == '/';
    const size_t name_start = p + (closing ? 2 : 1);
    const bool declaration = next == '!' || next == '?';
    if (!declaration && !(name_start < n && IsAsciiAlpha(src_[name_start]))) {
      out_.Put('<', p);  // "a < b", "<3": not markup
      return p + 1;
    }
    const size_t end = TagEnd(p);
    if (end == std::string_view::npos) {
      out_.Put('<', p);
      return p + 1;
    }
    if (declaration) return end + 1;
    bool is_end_tag = false;
    const std::string name = TagName(src_, p, end, &is_end_tag);
    const bool self_closing = src_[end - 1] == '/';
    if (name == "br") {
      out_.Break("\n", p);
    } else if (name == "td" || name == "th") {
      out_.Break(" ", p);
    } else if (Contains(kBlockElements, name)) {
      out_.Break("\n\n", p);
    }
    if (closing || self_closing) return end + 1;
    if (name == "sup") {
      if (size_t after = FootnoteSupEnd(src_, end + 1, n)) return after;
    }
    if (Contains(kDroppedElements, name)) {
      // Everything up to the matching end tag goes. Without one, script,
      // style and template hide the rest of the document (as browsers read
      // them); an unclosed code tag is just dropped.
      size_t after = ElementEnd(name, end + 1);
      if (after != std::string_view::npos) return after;
      if (name != "code") return n;
    }
    return end + 1;
  }

  // The position after the end tag of element `name` whose content starts
  // at `content`, or npos. A name found unclosed once is not searched for
  // again, which keeps a document of unclosed tags linear.
  size_t ElementEnd(const std::string& name, size_t content) {
    if (std::find(unclosed_.begin(), unclosed_.end(), name) !=
        unclosed_.end()) {
      return std::string_view::npos;
    }
    size_t close = FindCaseless(src_, "</" + name, content);
    size_t close_end = close == std::string_view::npos ? std::string_view::npos
                                                       : src_.find('>', close);
    if (close_end == std::string_view::npos) {
      unclosed_.push_back(name);
      return std::string_view::npos;
    }
    return close_end + 1;
  }

  // The '>' that ends the tag opened at p, skipping quoted attribute
  // values; npos when there is none. Once a quote runs to the end of the
  // document, later tags end at their first '>' so that no byte is scanned
  // twice per tag.
  size_t TagEnd(size_t p) {
    if (no_close_) return std::string_view::npos;
    if (!quotes_broken_) {
      char quote = '\0';
      for (size_t i = p + 1; i < src_.size(); ++i) {
        const char c = src_[i];
        if (quote != '\0') {
          if (c == quote) quote = '\0';
        } else if (c == '"' || c == '\'') {
          if (src_[i - 1] == '=' || IsBlank(src_[i - 1])) quote = c;
        } else if (c == '>') {
          return i;
        }
      }
      quotes_broken_ = true;
    }
    size_t end = src_.find('>', p + 1);
    if (end == std::string_view::npos) no_close_ = true;
    return end;
  }

  std::string_view src_;
  Builder out_;
  bool quotes_broken_ = false;
  bool no_close_ = false;
  std::vector<std::string> unclosed_;
};

// ---- Markdown ----

struct Line {
  size_t start;        // first byte
  size_t content_end;  // before "\r\n" or "\n"
  size_t end;          // after the newline, or source end
};

Line LineAt(std::string_view src, size_t start) {
  size_t nl = src.find('\n', start);
  size_t end = nl == std::string_view::npos ? src.size() : nl + 1;
  size_t content_end = nl == std::string_view::npos ? src.size() : nl;
  if (content_end > start && src[content_end - 1] == '\r') --content_end;
  return {start, content_end, end};
}

size_t SkipBlanks(std::string_view src, size_t p, size_t end) {
  while (p < end && IsBlank(src[p])) ++p;
  return p;
}

bool IsBlankLine(std::string_view src, const Line& line) {
  return SkipBlanks(src, line.start, line.content_end) == line.content_end;
}

// "---", "***", "___" (spaces allowed between), or a setext underline of
// '=' or '-'.
bool IsRuleLine(std::string_view src, const Line& line) {
  size_t p = SkipBlanks(src, line.start, line.content_end);
  if (p == line.content_end || p - line.start > 3) return false;
  const char mark = src[p];
  if (mark != '-' && mark != '*' && mark != '_' && mark != '=') return false;
  size_t count = 0;
  for (; p < line.content_end; ++p) {
    if (src[p] == mark) {
      ++count;
    } else if (!IsBlank(src[p])) {
      return false;
    }
  }
  return mark == '=' || mark == '-' ? count >= 2 : count >= 3;
}

// A table's delimiter row: "| --- | :---: |".
bool IsTableRule(std::string_view src, const Line& line) {
  bool pipe = false;
  bool dash = false;
  for (size_t p = line.start; p < line.content_end; ++p) {
    const char c = src[p];
    if (c == '|') {
      pipe = true;
    } else if (c == '-') {
      dash = true;
    } else if (c != ':' && !IsBlank(c)) {
      return false;
    }
  }
  return pipe && dash;
}

// "[label]: destination" (not a footnote, which keeps its prose).
bool IsLinkDefinition(std::string_view src, const Line& line) {
  size_t p = SkipBlanks(src, line.start, line.content_end);
  if (p - line.start > 3 || p >= line.content_end || src[p] != '[') {
    return false;
  }
  if (p + 1 < line.content_end && src[p + 1] == '^') return false;
  size_t close = src.substr(0, line.content_end).find(']', p + 1);
  return close != std::string_view::npos && close + 1 < line.content_end &&
         src[close + 1] == ':';
}

// The fence that opens a code block at this line ("```", "~~~~"), or 0.
size_t FenceLength(std::string_view src, const Line& line, char* mark) {
  size_t p = SkipBlanks(src, line.start, line.content_end);
  if (p - line.start > 3 || p >= line.content_end) return 0;
  const char c = src[p];
  if (c != '`' && c != '~') return 0;
  size_t q = p;
  while (q < line.content_end && src[q] == c) ++q;
  if (q - p < 3) return 0;
  *mark = c;
  return q - p;
}

bool ClosesFence(std::string_view src, const Line& line, char mark,
                 size_t length) {
  size_t p = SkipBlanks(src, line.start, line.content_end);
  if (p - line.start > 3) return false;
  size_t q = p;
  while (q < line.content_end && src[q] == mark) ++q;
  return q - p >= length &&
         SkipBlanks(src, q, line.content_end) == line.content_end;
}

bool IsAsciiPunct(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
         (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

class MarkdownStripper {
 public:
  MarkdownStripper(std::string_view source, std::string& text,
                   std::vector<uint32_t>& offsets)
      : src_(source), out_(source, text, offsets) {}

  void Run(size_t begin) {
    size_t p = SkipFrontMatter(begin);
    bool in_fence = false;
    char fence_mark = '\0';
    size_t fence_length = 0;
    bool previous_blank = true;
    bool in_list = false;
    while (p < src_.size()) {
      const Line line = LineAt(src_, p);
      p = line.end;
      const auto keep_newline = [&] { out_.Copy(line.content_end, line.end); };
      if (in_fence) {
        if (ClosesFence(src_, line, fence_mark, fence_length)) in_fence = false;
        keep_newline();
        continue;
      }
      if (size_t length = FenceLength(src_, line, &fence_mark)) {
        in_fence = true;
        fence_length = length;
        keep_newline();
        continue;
      }
      if (IsBlankLine(src_, line)) {
        previous_blank = true;
        out_.Copy(line.start, line.end);
        continue;
      }
      if (IsRuleLine(src_, line) || IsTableRule(src_, line) ||
          IsLinkDefinition(src_, line)) {
        keep_newline();
        previous_blank = false;
        continue;
      }
      size_t content_end = line.content_end;
      bool list_item = false;
      const bool indented =
          line.start < line.content_end && IsBlank(src_[line.start]);
      size_t q = BlockPrefix(line, previous_blank || in_list, &content_end,
                             &list_item);
      if (list_item) {
        in_list = true;
      } else if (previous_blank && !indented) {
        in_list = false;
      }
      previous_blank = false;
      size_t resume = Inline(q, content_end, line.content_end);
      if (resume > line.content_end) {
        // An HTML comment ran over line ends: carry on after it.
        p = resume;
        continue;
      }
      keep_newline();
    }
    out_.Finish();
  }

 private:
  // YAML front matter ("---" on the first line up to a closing "---" or
  // "...") holds metadata, not prose.
  size_t SkipFrontMatter(size_t begin) {
    Line first = LineAt(src_, begin);
    if (src_.substr(first.start, first.content_end - first.start) != "---") {
      return begin;
    }
    for (size_t p = first.end; p < src_.size();) {
      Line line = LineAt(src_, p);
      std::string_view body =
          src_.substr(line.start, line.content_end - line.start);
      if (body == "---" || body == "...") return line.end;
      p = line.end;
    }
    return begin;
  }

  // Skips block quote markers, list markers and heading hashes at the start
  // of a line; returns where the prose starts. A numbered marker counts
  // only where a list may start (after a blank line or inside a list, or
  // "1."), so a wrapped line beginning "12. " mid-paragraph stays text.
  size_t BlockPrefix(const Line& line, bool list_allowed, size_t* content_end,
                     bool* list_item) {
    size_t p = line.start;
    const size_t e = line.content_end;
    while (true) {
      p = SkipBlanks(src_, p, e);
      if (p >= e) return p;
      const char c = src_[p];
      if (c == '>') {
        ++p;
        continue;
      }
      if ((c == '-' || c == '*' || c == '+') &&
          (p + 1 == e || IsBlank(src_[p + 1]))) {
        *list_item = true;
        p = SkipTaskBox(p + 1, e);
        continue;
      }
      if (IsAsciiDigit(c)) {
        size_t q = p;
        while (q < e && IsAsciiDigit(src_[q])) ++q;
        const size_t digits = q - p;
        const bool one = digits == 1 && c == '1';
        if (digits <= 3 && q < e && (src_[q] == '.' || src_[q] == ')') &&
            (q + 1 == e || IsBlank(src_[q + 1])) && (list_allowed || one)) {
          *list_item = true;
          p = SkipTaskBox(q + 1, e);
          continue;
        }
        return p;
      }
      if (c == '#') {
        size_t q = p;
        while (q < e && src_[q] == '#') ++q;
        if (q - p <= 6 && (q == e || IsBlank(src_[q]))) {
          // A closing run of hashes ("## Title ##") goes too.
          size_t end = e;
          while (end > q && IsBlank(src_[end - 1])) --end;
          size_t hashes = end;
          while (hashes > q && src_[hashes - 1] == '#') --hashes;
          if (hashes < end && (hashes == q || IsBlank(src_[hashes - 1]))) {
            end = hashes;
            while (end > q && IsBlank(src_[end - 1])) --end;
          }
          *content_end = end;
          return SkipBlanks(src_, q, end);
        }
        return p;
      }
      if (c == '[' && p + 1 < e && src_[p + 1] == '^') {
        // A footnote definition: its label goes, its prose stays.
        size_t close = src_.substr(0, e).find(']', p);
        if (close != std::string_view::npos && close + 1 < e &&
            src_[close + 1] == ':') {
          return SkipBlanks(src_, close + 2, e);
        }
      }
      return p;
    }
  }

  size_t SkipTaskBox(size_t p, size_t e) {
    size_t q = SkipBlanks(src_, p, e);
    if (q + 2 < e && src_[q] == '[' &&
        (src_[q + 1] == ' ' || src_[q + 1] == 'x' || src_[q + 1] == 'X') &&
        src_[q + 2] == ']') {
      return q + 3;
    }
    return p;
  }

  // The next `c` (']' or '>') in [from, end), or npos. The last answer is
  // remembered and reused for any later start before it, so that a line
  // full of unmatched brackets costs linear time.
  size_t FindOnLine(char c, size_t from, size_t end) {
    Memo& memo = c == ']' ? close_bracket_ : close_angle_;
    if (memo.end == end && from >= memo.from && from <= memo.found) {
      return memo.found == end ? std::string_view::npos : memo.found;
    }
    size_t found = src_.substr(0, end).find(c, from);
    memo = {from, found == std::string_view::npos ? end : found, end};
    return found;
  }

  // The ')' closing a link destination opened at `open`, allowing balanced
  // parentheses inside ("wiki/Foo_(bar)").
  size_t FindLinkEnd(size_t open, size_t end) {
    if (end == paren_fail_end_ && open >= paren_fail_from_) {
      return std::string_view::npos;
    }
    int depth = 0;
    for (size_t i = open; i < end; ++i) {
      if (src_[i] == '(') ++depth;
      if (src_[i] == ')' && --depth == 0) return i;
    }
    paren_fail_from_ = open;
    paren_fail_end_ = end;
    return std::string_view::npos;
  }

  // Processes the prose of one line, source[p, e); `line_end` is where the
  // line's text ends (a comment may run past it). Returns where processing
  // stopped: e, or past a comment that spans lines.
  size_t Inline(size_t p, size_t e, size_t line_end) {
    size_t link_close = std::string_view::npos;  // the ']' of an open link
    size_t link_resume = 0;                      // where its target ends
    std::array<size_t, 17> code_fail{};          // by backtick run length
    code_fail.fill(std::string_view::npos);
    while (p < e) {
      if (link_close != std::string_view::npos && p >= link_close) {
        if (p == link_close) p = link_resume;
        link_close = std::string_view::npos;
        continue;
      }
      const char c = src_[p];
      switch (c) {
        case '\\':
          if (p + 1 < e && IsAsciiPunct(src_[p + 1])) {
            out_.Put(src_[p + 1], p + 1);
            p += 2;
          } else {
            out_.Put(c, p++);
          }
          break;
        case '`': {
          size_t q = p;
          while (q < e && src_[q] == '`') ++q;
          const size_t run = q - p;
          size_t close = std::string_view::npos;
          if (run < code_fail.size() &&
              code_fail[run] == std::string_view::npos) {
            for (size_t i = q; i < e;) {
              if (src_[i] != '`') {
                ++i;
                continue;
              }
              size_t j = i;
              while (j < e && src_[j] == '`') ++j;
              if (j - i == run) {
                close = j;
                break;
              }
              i = j;
            }
            if (close == std::string_view::npos) code_fail[run] = p;
          }
          if (close != std::string_view::npos) {
            p = close;  // code is not prose: drop the span
          } else {
            out_.Copy(p, q);
            p = q;
          }
          break;
        }
        case '!':
          if (p + 1 < e && src_[p + 1] == '[') {
            if (size_t end = LinkEnd(p + 1, e, nullptr)) {
              p = end;  // an image: its alt text is not prose on the page
              break;
            }
          }
          out_.Put(c, p++);
          break;
        case '[': {
          if (p + 1 < e && src_[p + 1] == '^') {
            size_t close = FindOnLine(']', p + 2, e);
            if (close != std::string_view::npos) {
              p = close + 1;  // a footnote reference
              break;
            }
          }
          size_t close = 0;
          if (size_t end = LinkEnd(p, e, &close)) {
            link_close = close;
            link_resume = end;
            ++p;  // keep the link text, drop the brackets and target
            break;
          }
          out_.Put(c, p++);
          break;
        }
        case '*':
          // Emphasis (list bullets were taken by BlockPrefix), except
          // between digits: "2*3" must not become "23".
          if (p > 0 && IsAsciiDigit(src_[p - 1]) && p + 1 < e &&
              IsAsciiDigit(src_[p + 1])) {
            out_.Put(c, p);
          }
          ++p;
          break;
        case '~':
          if (p + 1 < e && src_[p + 1] == '~') {
            p += 2;
          } else {
            out_.Put(c, p++);
          }
          break;
        case '_': {
          size_t q = p;
          while (q < e && src_[q] == '_') ++q;
          const bool word_before = p > 0 && IsAsciiAlnum(src_[p - 1]);
          const bool word_after = q < e && IsAsciiAlnum(src_[q]);
          if (word_before && word_after) {
            out_.Copy(p, q);  // snake_case, not emphasis
          }
          p = q;
          break;
        }
        case '<': {
          if (src_.substr(p, 4) == "<!--") {
            size_t end = src_.find("-->", p + 4);
            // Unclosed, it hides the rest of the document; spanning lines,
            // the caller resumes after it.
            if (end == std::string_view::npos) return src_.size() + 1;
            if (end + 3 > line_end) return end + 3;
            p = end + 3;
            break;
          }
          const char next = p + 1 < e ? src_[p + 1] : '\0';
          if (IsAsciiAlpha(next) || next == '/' || next == '!' || next == '?') {
            size_t close = FindOnLine('>', p + 1, e);
            if (close != std::string_view::npos) {
              // An inline tag or an autolink: neither is prose.
              size_t resume = InlineTag(p, close, e);
              if (resume > line_end) return resume;
              p = resume;
              break;
            }
          }
          out_.Put(c, p++);
          break;
        }
        case '&': {
          std::string utf8;
          if (size_t len = DecodeEntity(src_.substr(0, e), p, utf8)) {
            out_.PutDecoded(utf8, p);
            p += len;
          } else {
            out_.Put(c, p++);
          }
          break;
        }
        case '|':
          out_.Put(' ', p++);  // a table cell border
          break;
        default: {
          size_t q = p + 1;
          while (q < e && !IsSpecial(src_[q])) ++q;
          if (link_close != std::string_view::npos && q > link_close) {
            q = std::max(p + 1, link_close);
          }
          out_.Copy(p, q);
          p = q;
        }
      }
    }
    return e;
  }

  // HTML inside Markdown, the tag source[p, close]: returns where the
  // prose resumes, which is past the element for footnote superscripts and
  // for code, script and style (possibly on a later line).
  size_t InlineTag(size_t p, size_t close, size_t e) {
    bool closing = false;
    const std::string name = TagName(src_, p, close, &closing);
    if (name == "br" || name == "td" || name == "th" ||
        Contains(kBlockElements, name)) {
      out_.Break(" ", p);  // within a line, a space keeps blocks apart
    }
    if (closing || src_[close - 1] == '/') return close + 1;
    if (name == "sup") {
      if (size_t after = FootnoteSupEnd(src_, close + 1, e)) return after;
    }
    if (Contains(kDroppedElements, name) && !unclosed_seen_) {
      size_t end = FindCaseless(src_, "</" + name, close + 1);
      size_t end_close = end == std::string_view::npos ? std::string_view::npos
                                                       : src_.find('>', end);
      if (end_close != std::string_view::npos) return end_close + 1;
      // Searched once to the end; later tags are only dropped (linear).
      unclosed_seen_ = true;
    }
    return close + 1;
  }

  static bool IsSpecial(char c) {
    switch (c) {
      case '\\':
      case '`':
      case '!':
      case '[':
      case '*':
      case '~':
      case '_':
      case '<':
      case '&':
      case '|':
        return true;
      default:
        return false;
    }
  }

  // For a '[' at p opening "[text](target)" or "[text][ref]" on this line,
  // returns the end of the whole link and sets *close to its ']'; else 0.
  size_t LinkEnd(size_t p, size_t e, size_t* close) {
    size_t bracket = FindOnLine(']', p + 1, e);
    if (bracket == std::string_view::npos || bracket + 1 >= e) return 0;
    size_t end = 0;
    if (src_[bracket + 1] == '(') {
      size_t paren = FindLinkEnd(bracket + 1, e);
      if (paren == std::string_view::npos) return 0;
      end = paren + 1;
    } else if (src_[bracket + 1] == '[') {
      size_t ref = FindOnLine(']', bracket + 2, e);
      if (ref == std::string_view::npos) return 0;
      end = ref + 1;
    } else {
      return 0;
    }
    if (close != nullptr) *close = bracket;
    return end;
  }

  struct Memo {
    size_t from = 0;
    size_t found = 0;
    size_t end = std::string_view::npos;
  };

  std::string_view src_;
  Builder out_;
  Memo close_bracket_;
  Memo close_angle_;
  bool unclosed_seen_ = false;
  size_t paren_fail_from_ = 0;
  size_t paren_fail_end_ = std::string_view::npos;
};

}  // namespace

size_t DecodeEntity(std::string_view source, size_t at, std::string& utf8) {
  // The longest reference we decode is "&#x10FFFF;" or a name of 8 letters.
  constexpr size_t kMaxLength = 12;
  if (at >= source.size() || source[at] != '&') return 0;
  const size_t limit = std::min(source.size(), at + kMaxLength);
  size_t semi = at + 1;
  while (semi < limit && source[semi] != ';') ++semi;
  if (semi >= limit) return 0;
  std::string_view body = source.substr(at + 1, semi - at - 1);
  if (body.empty()) return 0;
  char32_t cp = 0;
  if (body[0] == '#') {
    const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    for (char c : digits) {
      int d;
      if (IsAsciiDigit(c)) {
        d = c - '0';
      } else if (hex && Lower(c) >= 'a' && Lower(c) <= 'f') {
        d = Lower(c) - 'a' + 10;
      } else {
        return 0;
      }
      cp = cp * (hex ? 16 : 10) + d;
      if (cp > 0x10FFFF) cp = 0x110000;  // stays invalid, cannot overflow
    }
    // As HTML does: NUL, surrogates and values past Unicode become U+FFFD.
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
      cp = 0xFFFD;
    }
  } else {
    std::optional<char32_t> named = LookupNamed(body);
    if (!named) return 0;
    cp = *named;
  }
  utf8.clear();
  AppendUtf8(cp, utf8);
  return semi + 1 - at;
}

size_t SourceUnitEnd(std::string_view source, size_t at) {
  std::string ignored;
  size_t len = DecodeEntity(source, at, ignored);
  return at + (len == 0 ? 1 : len);
}

void StripHtml(std::string_view source, size_t begin, std::string& text,
               std::vector<uint32_t>& offsets) {
  HtmlStripper(source, text, offsets).Run(begin);
}

void StripMarkdown(std::string_view source, size_t begin, std::string& text,
                   std::vector<uint32_t>& offsets) {
  MarkdownStripper(source, text, offsets).Run(begin);
}

}  // namespace claimcheck
