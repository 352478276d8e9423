#include "input/reader.h"

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "base/text.h"

namespace claimcheck {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// A fresh directory under the system temp dir, removed with the test.
class TempDir {
 public:
  TempDir() {
    std::random_device random;
    path_ = fs::temp_directory_path() /
            ("claimcheck-reader-" + std::to_string(::getpid()) + "-" +
             std::to_string(random()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
  }
  // Writes `bytes` to the relative path `name` (parents created) and
  // returns the full path.
  std::string Write(const std::string& name, std::string_view bytes) {
    fs::path file = path_ / name;
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return file.string();
  }
  std::string Path(const std::string& name = "") const {
    return name.empty() ? path_.string() : (path_ / name).string();
  }

 private:
  fs::path path_;
};

// Every Document must keep its offset map consistent: one entry per text
// byte plus the end, never going backwards, copied bytes pointing at equal
// source bytes.
void ExpectValidMap(const Document& doc) {
  if (doc.source_offset.empty()) {
    EXPECT_EQ(doc.text.size(), doc.source.size());
    return;
  }
  ASSERT_EQ(doc.source_offset.size(), doc.text.size() + 1);
  EXPECT_EQ(doc.source_offset.back(), doc.source.size());
  for (size_t i = 0; i + 1 < doc.source_offset.size(); ++i) {
    ASSERT_LE(doc.source_offset[i], doc.source_offset[i + 1]) << "at " << i;
    ASSERT_LT(doc.source_offset[i], doc.source.size()) << "at " << i;
  }
}

// The source bytes behind the first occurrence of `needle` in the text.
std::string SourceOf(const Document& doc, std::string_view needle) {
  size_t at = doc.text.find(needle);
  if (at == std::string::npos) return "<not in text>";
  Span span = SourceSpan(doc, {at, at + needle.size()});
  return doc.source.substr(span.start, span.end - span.start);
}

TEST(ListInputsTest, WalksFolderInByteOrderSkippingHiddenAndOtherTypes) {
  TempDir dir;
  dir.Write("b.txt", "b");
  dir.Write("a.md", "a");
  dir.Write("Upper.TXT", "u");
  dir.Write("page.HTM", "p");
  dir.Write("sub/c.html", "c");
  dir.Write("sub-x.markdown", "x");
  dir.Write("notes.rst", "n");
  dir.Write("image.png", "i");
  dir.Write(".hidden.txt", "h");
  dir.Write(".git/inside.txt", "g");
  const std::string root = dir.Path();
  EXPECT_THAT(ListInputs({root}, {}),
              ElementsAre(root + "/Upper.TXT", root + "/a.md", root + "/b.txt",
                          root + "/page.HTM", root + "/sub-x.markdown",
                          root + "/sub/c.html"));
}

TEST(InputListerTest, WalksFolderByFolderInTheOrderOfWholePaths) {
  TempDir dir;
  for (const char* file : {"a/x.txt", "a/b/c.txt", "a-b/y.txt", "a.txt", "ab.txt", "a b/z.md",
                           "a/b-c.txt", "z/deep/er/est.txt"}) {
    dir.Write(file, "x");
  }
  const std::string root = dir.Path();
  std::vector<std::string> expected;
  for (const char* file : {"a/x.txt", "a/b/c.txt", "a-b/y.txt", "a.txt", "ab.txt", "a b/z.md",
                           "a/b-c.txt", "z/deep/er/est.txt"}) {
    expected.push_back(root + "/" + file);
  }
  std::sort(expected.begin(), expected.end());
  expected.insert(expected.begin(), "-");
  expected.push_back(root + "/a.txt");  // a file given by itself stays in place
  InputLister lister({"-", root, root + "/a.txt"}, {});
  std::vector<std::string> listed;
  while (std::optional<std::string> path = lister.Next()) listed.push_back(*path);
  EXPECT_EQ(listed, expected);
  EXPECT_FALSE(lister.Next().has_value());
  EXPECT_EQ(ListInputs({"-", root, root + "/a.txt"}, {}), expected);
}

TEST(ListInputsTest, IncludeGlobsAddFileNames) {
  TempDir dir;
  dir.Write("a.txt", "a");
  dir.Write("deep/notes.rst", "n");
  dir.Write("deep/other.rstx", "o");
  InputOptions options;
  options.include_globs = {"*.rst"};
  const std::string root = dir.Path();
  EXPECT_THAT(ListInputs({root}, options),
              ElementsAre(root + "/a.txt", root + "/deep/notes.rst"));
}

TEST(ListInputsTest, KeepsFilesStdinAndMissingPathsInPlace) {
  TempDir dir;
  const std::string file = dir.Write("x/data.csv", "1,2");
  const std::string folder_file = dir.Write("y/a.txt", "a");
  const std::string missing = dir.Path("nope.txt");
  EXPECT_THAT(ListInputs({missing, "-", file, dir.Path("y")}, {}),
              ElementsAre(missing, "-", file, folder_file));
}

TEST(ListInputsTest, DoesNotFollowDirectorySymlinkLoops) {
  TempDir dir;
  const std::string file = dir.Write("sub/a.txt", "a");
  fs::create_directory_symlink(dir.Path(), dir.Path("sub/loop"));
  fs::create_symlink(file, dir.Path("sub/link.txt"));
  EXPECT_THAT(ListInputs({dir.Path()}, {}),
              ElementsAre(file, dir.Path("sub/link.txt")));
}

TEST(ReadDocumentTest, ReadsPlainTextAsItsOwnText) {
  TempDir dir;
  const std::string path = dir.Write("a.txt", "Growth was 5%.\r\nNext line");
  Result<Document> doc = ReadDocument(path);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->path, path);
  EXPECT_EQ(doc->source, "Growth was 5%.\r\nNext line");
  EXPECT_EQ(doc->text, doc->source);
  EXPECT_TRUE(doc->source_offset.empty());
}

TEST(ReadDocumentTest, ReportsBadInputsByPath) {
  TempDir dir;
  struct Case {
    std::string name;
    std::string bytes;
    StatusCode code;
    std::string message;
  };
  const Case cases[] = {
      {"empty.txt", "", StatusCode::kParseError, "empty file"},
      {"binary.txt", std::string("ab\0cd", 5), StatusCode::kParseError,
       "binary file (NUL byte at offset 2)"},
      {"latin1.txt", "caf\xE9 au lait", StatusCode::kParseError,
       "invalid UTF-8 at byte 3"},
      {"overlong.md", "x \xC0\xAF", StatusCode::kParseError,
       "invalid UTF-8 at byte 2"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string path = dir.Write(c.name, c.bytes);
    Result<Document> doc = ReadDocument(path);
    ASSERT_FALSE(doc.ok());
    EXPECT_EQ(doc.status().code(), c.code);
    EXPECT_EQ(doc.status().message(), path + ": " + c.message);
  }
}

TEST(ReadDocumentTest, MissingFileIsNotFound) {
  TempDir dir;
  const std::string path = dir.Path("missing.txt");
  Result<Document> doc = ReadDocument(path);
  ASSERT_FALSE(doc.ok());
  EXPECT_TRUE(doc.status().IsNotFound());
  EXPECT_EQ(doc.status().message(), path + ": no such file");
}

TEST(ReadDocumentTest, DirectoryIsAnIoError) {
  TempDir dir;
  Result<Document> doc = ReadDocument(dir.Path());
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), StatusCode::kIoError);
  EXPECT_EQ(doc.status().message(), dir.Path() + ": is a directory");
}

TEST(ReadDocumentTest, UnreadableFileIsPermissionDenied) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads every file";
  TempDir dir;
  const std::string path = dir.Write("secret.txt", "5%");
  ::chmod(path.c_str(), 0);
  Result<Document> doc = ReadDocument(path);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), StatusCode::kIoError);
  EXPECT_EQ(doc.status().message(), path + ": permission denied");
}

TEST(ReadDocumentTest, DashReadsAllOfStdin) {
  TempDir dir;
  std::string bytes;
  while (bytes.size() < 300000)
    bytes += "Sales rose 5% \xE2\x80\x94 in 2023\r\n";
  const std::string path = dir.Write("stdin.txt", bytes);
  // Stand the file in for stdin, then put the real one back.
  const int saved = ::dup(STDIN_FILENO);
  const int fd = ::open(path.c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::dup2(fd, STDIN_FILENO), STDIN_FILENO);
  ::close(fd);
  Result<Document> doc = ReadDocument("-");
  ::dup2(saved, STDIN_FILENO);
  ::close(saved);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->path, "-");
  EXPECT_EQ(doc->source, bytes);
  EXPECT_EQ(doc->text, bytes);
}

TEST(ReadDocumentTest, EndlessBinaryDeviceStopsAtTheFirstNul) {
  if (!fs::exists("/dev/zero")) GTEST_SKIP() << "no /dev/zero";
  Result<Document> doc = ReadDocument("/dev/zero");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(),
            "/dev/zero: binary file (NUL byte at offset 0)");
}

TEST(ReadDocumentTest, ByteOrderMarkIsBlankedButOffsetsStay) {
  TempDir dir;
  const std::string plain = dir.Write("bom.txt", "\xEF\xBB\xBFUp 5%");
  Result<Document> doc = ReadDocument(plain);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->text, "   Up 5%");
  EXPECT_TRUE(doc->source_offset.empty());
  EXPECT_EQ(doc->text.find("5%"), doc->source.find("5%"));

  const std::string markdown = dir.Write("bom.md", "\xEF\xBB\xBF# Up 5%");
  doc = ReadDocument(markdown);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->text, "Up 5%");
  ExpectValidMap(*doc);
  EXPECT_EQ(SourceOf(*doc, "5%"), "5%");
  EXPECT_EQ(doc->source_offset[0], 5u);
}

TEST(ReadDocumentTest, ReadsALargeFileWithoutNewlinesQuickly) {
  TempDir dir;
  std::string big;
  big.reserve(20 << 20);
  while (big.size() < (20u << 20)) big += "The rate rose 5.4% in 2024 and ";
  const std::string path = dir.Write("big.txt", big);
  const auto start = std::chrono::steady_clock::now();
  Result<Document> doc = ReadDocument(path);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->source.size(), big.size());
  // Generous for sanitizer builds on a busy machine; quadratic work would
  // take hours.
  EXPECT_LT(elapsed, std::chrono::seconds(10));

  // The same bytes as HTML go through the stripper: still linear.
  const auto html_start = std::chrono::steady_clock::now();
  Result<Document> html = MakeDocument("big.html", big, Markup::kHtml);
  const auto html_elapsed = std::chrono::steady_clock::now() - html_start;
  ASSERT_TRUE(html.ok());
  EXPECT_EQ(html->text, big);
  EXPECT_LT(html_elapsed, std::chrono::seconds(20));
}

TEST(MarkupForPathTest, FollowsTheExtension) {
  EXPECT_EQ(MarkupForPath("a/b.md"), Markup::kMarkdown);
  EXPECT_EQ(MarkupForPath("B.MARKDOWN"), Markup::kMarkdown);
  EXPECT_EQ(MarkupForPath("x.html"), Markup::kHtml);
  EXPECT_EQ(MarkupForPath("x.Htm"), Markup::kHtml);
  EXPECT_EQ(MarkupForPath("x.txt"), Markup::kPlain);
  EXPECT_EQ(MarkupForPath("dir.md/file"), Markup::kPlain);
  EXPECT_EQ(MarkupForPath("-"), Markup::kPlain);
}

struct StripCase {
  std::string source;
  std::string text;  // expected
  // Substrings of the text whose source bytes must be `source_of`.
  std::vector<std::pair<std::string, std::string>> spans;
};

void RunStripCases(Markup markup, const std::vector<StripCase>& cases) {
  for (const StripCase& c : cases) {
    SCOPED_TRACE(c.source);
    Result<Document> doc = MakeDocument("case", c.source, markup);
    ASSERT_TRUE(doc.ok()) << doc.status().ToString();
    EXPECT_EQ(doc->text, c.text);
    ExpectValidMap(*doc);
    for (const auto& [needle, source] : c.spans) {
      EXPECT_EQ(SourceOf(*doc, needle), source) << "for " << needle;
    }
  }
}

TEST(StripHtmlTest, KeepsProseDropsMarkup) {
  RunStripCases(
      Markup::kHtml,
      {
          {"<p>Growth was <b>5.4%</b> in 2024.</p>",
           "Growth was 5.4% in 2024.\n\n",
           {{"5.4%", "5.4%"}, {"2024", "2024"}}},
          {"<table><tr><td>5%</td><td>6%</td></tr></table>",
           "5% 6% \n\n",
           {{"5%", "5%"}, {"6%", "6%"}}},
          {"<div>Revenue</div><div>$3bn</div>",
           "Revenue\n\n$3bn\n\n",
           {{"$3bn", "$3bn"}}},
          {"a<br>b<br/>c", "a\nb\nc", {}},
          {"<li>one</li><li>2 units</li>", "one\n\n2 units\n\n", {}},
          {"<head><title>Trade 2023</title><style>p{width:50%}</style>"
           "<script>var x = 5 < 6;</script></head>Body",
           "Trade 2023\n\nBody",
           {{"2023", "2023"}}},
          {"Before<!-- 99% hidden -->after", "Beforeafter", {}},
          {"<!DOCTYPE html><p>x</p>", "x\n\n", {}},
          {"Use <code>v2.1</code> now", "Use  now", {}},
          {"<a href=\"https://x.com/?a=1&amp;b=2\" title='5 > 4'>link</a> 7%",
           "link 7%",
           {{"7%", "7%"}}},
          {"5 < 6 and 7 > 3", "5 < 6 and 7 > 3", {}},
          {"x <3 y", "x <3 y", {}},
          {"unclosed <b and 5%", "unclosed <b and 5%", {{"5%", "5%"}}},
          {"<SCRIPT>evil()</Script>ok", "ok", {}},
          {"<script>never closed 5%", "", {}},
          {"<code>unclosed 5% <code>again", "unclosed 5% again", {}},
          {"in 2023<sup>1</sup> and $5bn<sup>[12]</sup>, "
           "<sup><a href=\"#n\">3</a></sup>x",
           "in 2023 and $5bn, x",
           {{"2023", "2023"}, {"$5bn", "$5bn"}}},
          {"the 21<sup>st</sup> century, 10<sup>th</sup>",
           "the 21st century, 10th",
           {}},
      });
}

TEST(StripHtmlTest, DecodesEntities) {
  RunStripCases(
      Markup::kHtml,
      {
          {"&euro;5&nbsp;billion",
           "\u20AC5\u00A0billion",
           {{"\u20AC5", "&euro;5"}, {"5\u00A0billion", "5&nbsp;billion"}}},
          {"AT&amp;T &lt;b&gt; &quot;q&quot; it&#39;s",
           "AT&T <b> \"q\" it's",
           {{"AT&T", "AT&amp;T"}}},
          {"China&#8217;s &#x2019;x&#X2019; &rsquo;",
           "China\u2019s \u2019x\u2019 \u2019",
           {{"China\u2019s", "China&#8217;s"}}},
          {"5&#37; growth", "5% growth", {{"5%", "5&#37;"}}},
          {"&mdash; &ndash; &pound;3 &yen;9 &hellip;",
           "\u2014 \u2013 \u00A33 \u00A59 \u2026",
           {{"\u00A33", "&pound;3"}}},
          {"AT&T & Co &bogus; &#xZZ; &#;", "AT&T & Co &bogus; &#xZZ; &#;", {}},
          {"&#0; &#xD800; &#x110000;", "\uFFFD \uFFFD \uFFFD", {}},
      });
}

TEST(StripMarkdownTest, KeepsProseDropsSyntax) {
  RunStripCases(
      Markup::kMarkdown,
      {
          {"# Trade in 2023\n", "Trade in 2023\n", {{"2023", "2023"}}},
          {"## Closed ##\r\nText", "Closed\r\nText", {}},
          {"Growth was **5.4%** and _6%_ here",
           "Growth was 5.4% and 6% here",
           {{"5.4%", "5.4%"}, {"6%", "6%"}}},
          {"See [the 2024 report](https://x.org/a_(b)/2023) now",
           "See the 2024 report now",
           {{"2024", "2024"}}},
          {"Ref [link text][ref] and [^3] end", "Ref link text and  end", {}},
          {"[ref]: https://example.com/2023\nText", "\nText", {}},
          {"![chart 2023](img/2023.png) Sales 5%", " Sales 5%", {{"5%", "5%"}}},
          {"Run `pip install x==2.0` first", "Run  first", {}},
          {"Code:\n```python\nx = 50%\n```\nAfter 3%",
           "Code:\n\n\n\nAfter 3%",
           {{"3%", "3%"}}},
          {"- 5% of users\n* 6 items\n+ 7 more",
           "5% of users\n6 items\n7 more",
           {{"5%", "5%"}, {"7 more", "7 more"}}},
          {"1. First 10%\n2. Second\n10) Tenth",
           "First 10%\nSecond\nTenth",
           {{"10%", "10%"}}},
          {"It rose in\n2024. Then fell", "It rose in\n2024. Then fell", {}},
          {"| Year | Share |\n|------|:-----:|\n| 2023 | 5% |",
           "  Year   Share  \n\n  2023   5%  ",
           {{"5%", "5%"}}},
          {"> Quoted 5%", "Quoted 5%", {{"5%", "5%"}}},
          {"Text <span class=\"x\">9%</span> <!-- 1% --> end",
           "Text 9%  end",
           {{"9%", "9%"}}},
          {"a <!-- spans\nlines 5% -->b\nc", "a b\nc", {}},
          {"Price \\$5 and snake_case_name and 2*3",
           "Price $5 and snake_case_name and 2*3",
           {{"$5", "$5"}}},
          {"---\ntitle: Report 2023\ndate: 2024-01-01\n---\nBody 5%",
           "Body 5%",
           {{"5%", "5%"}}},
          {"Text\n\n---\n\nMore\n===", "Text\n\n\n\nMore\n", {}},
          {"[^1]: Source, 2023 report", "Source, 2023 report", {}},
          {"&euro;5 bn &amp; more",
           "\u20AC5 bn & more",
           {{"\u20AC5 bn", "&euro;5 bn"}}},
          {"~~old 4%~~ new 5%", "old 4% new 5%", {}},
          {"Sales rose 5%<sup>2</sup> in 2023", "Sales rose 5% in 2023", {}},
          {"A<br>B <div>C</div>", "A B C ", {}},
          {"x <script>\nvar y = 50;\n</script> z", "x z", {}},
      });
}

TEST(StripMarkdownTest, PathologicalLinesStayLinear) {
  const std::string cases[] = {
      std::string(200000, '['),
      [] {
        std::string s;
        for (int i = 0; i < 50000; ++i) s += "[a](";
        return s;
      }(),
      [] {
        std::string s;
        for (int i = 0; i < 50000; ++i) s += "` `` ";
        return s;
      }(),
      [] {
        std::string s;
        for (int i = 0; i < 50000; ++i) s += "<a ";
        return s;
      }(),
  };
  for (const std::string& source : cases) {
    SCOPED_TRACE(source.substr(0, 12));
    const auto start = std::chrono::steady_clock::now();
    Result<Document> md = MakeDocument("x.md", source, Markup::kMarkdown);
    Result<Document> html = MakeDocument("x.html", source, Markup::kHtml);
    EXPECT_LT(std::chrono::steady_clock::now() - start,
              std::chrono::seconds(1));
    ASSERT_TRUE(md.ok());
    ASSERT_TRUE(html.ok());
    ExpectValidMap(*md);
    ExpectValidMap(*html);
  }
}

// Random documents built from markup fragments: whatever the mix, the map
// stays consistent and the text stays valid UTF-8.
TEST(StripMarkupTest, RandomMarkupKeepsTheMapConsistent) {
  const std::string_view pieces[] = {
      "<",         ">",      "&amp;", "&#8217;", "&euro",  "[",     "](",
      ")",         "`",      "``",    "*",       "_",      "\n",    "\r\n",
      "# ",        "- ",     "1. ",   "|",       "<!--",   "-->",   "<script>",
      "</script>", "<p>",    "</td>", "<sup>",   "</sup>", "\"",    "'",
      "=",         "x",      "5%",    "\\",      "~~",     "---\n", "```\n",
      "\u00e9",    "\u2019", "![",    "[^1]",    " ",      "2023",  "<code>"};
  std::mt19937 random(42);
  std::uniform_int_distribution<size_t> pick(0, std::size(pieces) - 1);
  std::uniform_int_distribution<int> length(1, 60);
  for (int round = 0; round < 3000; ++round) {
    std::string source;
    for (int i = length(random); i > 0; --i) source += pieces[pick(random)];
    SCOPED_TRACE(source);
    for (Markup markup : {Markup::kHtml, Markup::kMarkdown}) {
      Result<Document> doc = MakeDocument("r", source, markup);
      ASSERT_TRUE(doc.ok());
      ExpectValidMap(*doc);
      EXPECT_FALSE(FindInvalidUtf8(doc->text).has_value());
      for (size_t i = 0; i < doc->text.size(); ++i) {
        Span span = SourceSpan(*doc, {i, i + 1});
        ASSERT_LT(span.start, span.end);
        ASSERT_LE(span.end, doc->source.size());
      }
    }
  }
}

TEST(SourceSpanTest, IsTheIdentityForPlainText) {
  Result<Document> doc = MakeDocument("a", "Up 5% now", Markup::kPlain);
  ASSERT_TRUE(doc.ok());
  Span span = SourceSpan(*doc, {3, 5});
  EXPECT_EQ(span.start, 3u);
  EXPECT_EQ(span.end, 5u);
}

TEST(JsonlReaderTest, GivesOneRecordPerLine) {
  std::istringstream in(
      "{\"id\": \"a\", \"text\": \"Up 5%\"}\n"
      "\n"
      "{\"id\": \"b\", \"text\": \"x\"\n"
      "{\"id\": 7, \"text\": \"x\"}\n"
      "{\"id\": \"c\"}\n"
      "{\"text\": \"no id 6%\"}\r\n"
      "{\"id\": \"d\", \"text\": \"<p>9%</p>\", \"format\": \"html\"}\n"
      "{\"id\": \"e\", \"text\": \"a\\u0000b\"}\n"
      "[1, 2]\n"
      "{\"id\": \"f\", \"text\": \"\"}\n"
      "{\"id\": \"g\", \"text\": 5}\n"
      "{\"id\": \"h\", \"text\": \"x\", \"format\": \"pdf\"}\n"
      "{\"id\": \"i\", \"text\": \"last\", \"extra\": true}");
  JsonlReader reader(in);
  std::vector<JsonlReader::Record> records;
  while (std::optional<JsonlReader::Record> record = reader.Next()) {
    records.push_back(std::move(*record));
  }
  ASSERT_EQ(records.size(), 13u);
  for (size_t i = 0; i < records.size(); ++i) {
    EXPECT_EQ(records[i].line, i + 1);
  }

  ASSERT_TRUE(records[0].document.ok());
  EXPECT_EQ(records[0].id, "a");
  EXPECT_EQ(records[0].document->path, "a");
  EXPECT_EQ(records[0].document->text, "Up 5%");

  EXPECT_EQ(records[1].document.status().message(), "line 2: empty line");
  EXPECT_THAT(records[2].document.status().message(),
              HasSubstr("line 3: not valid JSON: "));
  EXPECT_THAT(records[2].document.status().message(),
              ::testing::Not(HasSubstr("[json.exception")));
  EXPECT_EQ(records[3].document.status().message(),
            "line 4: \"id\" must be a string");
  EXPECT_EQ(records[4].document.status().message(), "line 5: missing \"text\"");
  EXPECT_EQ(records[4].id, "c");

  ASSERT_TRUE(records[5].document.ok());
  EXPECT_EQ(records[5].id, "line-6");
  EXPECT_EQ(records[5].document->path, "line-6");

  ASSERT_TRUE(records[6].document.ok());
  EXPECT_EQ(records[6].document->text, "9%\n\n");
  EXPECT_EQ(records[6].document->source, "<p>9%</p>");

  EXPECT_EQ(records[7].document.status().message(),
            "line 8: binary file (NUL byte at offset 1)");
  EXPECT_EQ(records[8].document.status().message(),
            "line 9: expected a JSON object");
  EXPECT_EQ(records[9].document.status().message(), "line 10: empty \"text\"");
  EXPECT_EQ(records[10].document.status().message(),
            "line 11: \"text\" must be a string");
  EXPECT_THAT(records[11].document.status().message(),
              HasSubstr("line 12: \"format\" must be"));
  ASSERT_TRUE(records[12].document.ok());
  EXPECT_EQ(records[12].document->text, "last");
}

// A batch reads lines on one thread and parses them on others: the lines
// keep their numbers and raw text, and each record names its own line.
TEST(JsonlReaderTest, LinesReadInOrderParseApart) {
  std::istringstream in("{\"id\": \"a\", \"text\": \"Up 5%\"}\r\nnot json\n\n");
  JsonlReader reader(in);
  std::vector<JsonlReader::Line> lines;
  while (std::optional<JsonlReader::Line> line = reader.NextLine()) {
    lines.push_back(std::move(*line));
  }
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].number, 1u);
  EXPECT_EQ(lines[0].text, "{\"id\": \"a\", \"text\": \"Up 5%\"}");
  EXPECT_EQ(lines[2].number, 3u);
  EXPECT_EQ(lines[2].text, "");

  // Parsed last first, as threads may.
  JsonlReader::Record third = JsonlReader::ParseLine(lines[2]);
  JsonlReader::Record second = JsonlReader::ParseLine(lines[1]);
  JsonlReader::Record first = JsonlReader::ParseLine(lines[0]);
  EXPECT_EQ(third.line, 3u);
  EXPECT_EQ(third.document.status().message(), "line 3: empty line");
  EXPECT_THAT(second.document.status().message(), HasSubstr("line 2: not valid JSON: "));
  ASSERT_TRUE(first.document.ok());
  EXPECT_EQ(first.id, "a");
  EXPECT_EQ(first.document->text, "Up 5%");
}

TEST(JsonlReaderTest, EmptyStreamGivesNoRecords) {
  std::istringstream in("");
  JsonlReader reader(in);
  EXPECT_FALSE(reader.Next().has_value());
}

}  // namespace
}  // namespace claimcheck
