// Stage 1: turns what the user named (files, folders, "-", JSON lines on
// stdin) into Documents. Markdown and HTML are reduced to plain text for
// matching, with a map back to the original bytes (see model/document.h).
//
//   for (const std::string& path : ListInputs({"corpus/"}, {})) {
//     Result<Document> doc = ReadDocument(path);
//     ...
//   }
//
// A path that cannot be read is an error for that path alone. All functions
// are thread-safe; JsonlReader is not (one reader per stream).
#ifndef CLAIMCHECK_INPUT_READER_H_
#define CLAIMCHECK_INPUT_READER_H_

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "model/claim.h"
#include "model/document.h"

namespace claimcheck {

struct InputOptions {
  // Extra file-name globs ("*.rst") read when walking a folder, besides the
  // defaults .txt, .md, .markdown, .html, .htm.
  std::vector<std::string> include_globs;
};

// Expands `paths` in order: a file stays as given (whatever its extension),
// "-" stays "-", a folder becomes its matching files: recursive, sorted by
// path in byte order, names starting with "." skipped, extensions matched
// without regard to case, symlinks to files followed and symlinks to
// folders not (so a link loop cannot hang the walk). A path that does not
// exist, or a folder that cannot be listed, stays in the list so that
// reading it reports the error in its place. Never fails.
std::vector<std::string> ListInputs(const std::vector<std::string>& paths,
                                    const InputOptions& options);

// ListInputs one path at a time: the same paths in the same order, found as
// they are asked for, so that a corpus of a million files costs no more
// memory than one of ten. It holds the folders on the way down, each listed
// and sorted when entered (names of folders compare as if they ended in
// "/", which is what byte order of whole paths does). Not thread-safe.
class InputLister {
 public:
  InputLister(std::vector<std::string> paths, InputOptions options);
  // The next input, or nullopt when every path has been expanded.
  std::optional<std::string> Next();

 private:
  struct Entry {
    std::string key;  // the name, with "/" after a folder's: the sort key
    std::string path;
    bool folder = false;
  };
  struct Level {
    std::vector<Entry> entries;
    size_t next = 0;
  };
  void Enter(const std::string& folder);

  std::vector<std::string> paths_;
  InputOptions options_;
  size_t next_path_ = 0;
  std::vector<Level> stack_;
};

enum class Markup { kPlain, kMarkdown, kHtml };

// The markup implied by a file name's extension, case-insensitively:
// .md/.markdown Markdown, .html/.htm HTML, anything else plain.
Markup MarkupForPath(const std::string& path);

// Reads a file ("-" means stdin) and builds its Document, with the markup
// of MarkupForPath. Fails with kNotFound ("PATH: no such file") or kIoError
// ("PATH: permission denied", "PATH: is a directory") when it cannot be
// read, and kParseError when it is not text ("PATH: binary file (NUL byte at
// offset N)", "PATH: invalid UTF-8 at byte N") or is empty ("PATH: empty
// file"). A UTF-8 byte-order mark is left out of `text`: for plain text it
// becomes three spaces, so source_offset stays empty (the identity map).
Result<Document> ReadDocument(const std::string& path);

// Builds a Document from bytes already in memory (stdin records, tests),
// with the same checks and messages as ReadDocument; also kInvalidArgument
// for Markdown or HTML of 4 GiB or more (source_offset holds 32 bits).
Result<Document> MakeDocument(std::string path, std::string bytes,
                              Markup markup);

// The source bytes that text bytes [in_text.start, in_text.end) came from,
// without the markup around them: "**5%**" gives the span of "5%", and a
// span ending in an entity ("5&#37;") ends after its ';'. Use it to turn a
// match in Document::text into Claim::source.
// REQUIRES: in_text.start <= in_text.end <= doc.text.size().
Span SourceSpan(const Document& doc, Span in_text);

// Reads `--input jsonl` records, {"id": "...", "text": "..."}, one a line.
// Every line gives one Record, so results can be written line for line:
//  - "id" must be a string; a record without one is named "line-N".
//  - "text" must be a non-empty string; the document checks of
//    MakeDocument apply, with messages naming the line ("line 3: binary
//    file (NUL byte at offset 4)").
//  - "format" (optional): "plain" (the default), "markdown" or "html".
//  - Other fields are ignored, so a pipeline may carry its own.
//  - An empty line, or one that is not a JSON object, is a record with an
//    error: "line 5: not valid JSON: ...", "line 6: empty line".
class JsonlReader {
 public:
  // REQUIRES: in outlives the reader.
  explicit JsonlReader(std::istream& in);

  struct Record {
    size_t line = 0;  // 1-based line number in the stream
    // The document, or why this line is not a valid record (the message
    // names the line). Either way the caller writes one result line.
    Result<Document> document = Status::Internal("unset");
    std::string id;  // the record's id when it could be read, else ""
  };

  // Returns the next record, or nullopt at end of stream.
  std::optional<Record> Next();

  // The same in two steps, so that a batch reads lines in order on one
  // thread and parses each on whichever thread checks it: NextLine only
  // reads, ParseLine (thread-safe) makes the record.
  struct Line {
    size_t number = 0;  // 1-based
    std::string text;
  };
  std::optional<Line> NextLine();
  static Record ParseLine(Line line);

 private:
  std::istream& in_;
  size_t line_ = 0;
};

}  // namespace claimcheck

#endif  // CLAIMCHECK_INPUT_READER_H_
