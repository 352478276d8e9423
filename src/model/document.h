// A document as the pipeline sees it: where it came from, its original
// bytes, and the plain text the extraction rules run over. Plain structs,
// no logic.
#ifndef CLAIMCHECK_MODEL_DOCUMENT_H_
#define CLAIMCHECK_MODEL_DOCUMENT_H_

#include <cstdint>
#include <string>
#include <vector>

namespace claimcheck {

struct Document {
  // The path as given on the command line, "-" for stdin, or the record id
  // under --input jsonl.
  std::string path;
  // The bytes as read. Offsets and line/column in reports point here.
  std::string source;
  // What extraction runs over: markup removed (HTML tags, Markdown syntax)
  // and entities decoded. Equal to `source` for plain text.
  std::string text;
  // text byte i came from source byte source_offset[i]; one extra entry
  // maps text.size() to the end. Empty means the identity map (plain text,
  // where at most a byte-order mark was blanked in place).
  std::vector<uint32_t> source_offset;
};

}  // namespace claimcheck

#endif  // CLAIMCHECK_MODEL_DOCUMENT_H_
