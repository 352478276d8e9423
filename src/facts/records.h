// Fact records: the .jsonl and .csv files that `claimcheck facts import`
// reads and `facts export` writes (interface.md, "Fact records").
// Pure functions, and a writer that owns no state but its stream.
#ifndef CLAIMCHECK_FACTS_RECORDS_H_
#define CLAIMCHECK_FACTS_RECORDS_H_

#include <istream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/fact.h"

namespace claimcheck {

enum class RecordFormat { kJsonl, kCsv };

// "jsonl" or "csv"; kInvalidArgument otherwise.
Result<RecordFormat> ParseRecordFormat(std::string_view name);

// The format of a fact file by its extension, ignoring case: .jsonl and
// .json are JSON lines, .csv is CSV; kInvalidArgument naming the path
// otherwise.
Result<RecordFormat> RecordFormatForPath(std::string_view path);

struct FactRecords {
  std::vector<Fact> facts;
  std::vector<Rate> rates;
};

// Reads a fact file a record at a time, so that a file of any size can be
// imported holding one record (and the ids met so far, to refuse a second
// use of one). A bad record (malformed, invalid UTF-8, unknown field,
// missing source, non-numeric value, unknown kind, duplicate id within the
// file) is a kParseError "LABEL:LINE: reason"; the first one in the file is
// reported, and every later call gives it again.
//
//   std::ifstream in(path, std::ios::binary);
//   FactRecordReader reader(in, RecordFormat::kJsonl, path);
//   Result<std::optional<FactRecord>> record = reader.Next();  // nullopt: done
class FactRecordReader {
 public:
  // REQUIRES: `in` outlives the reader.
  FactRecordReader(std::istream& in, RecordFormat format, std::string label);
  ~FactRecordReader();

  Result<std::optional<FactRecord>> Next();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Parses a whole file held in memory: FactRecordReader's records and errors.
Result<FactRecords> ParseFactRecords(std::string_view content,
                                     RecordFormat format,
                                     std::string_view label);

// Writes facts then rates, one record a line (CSV: with a header).
// ParseFactRecords(FormatFactRecords(r, f), f) gives r back.
std::string FormatFactRecords(const FactRecords& records, RecordFormat format);

// The same, a record at a time, for an export too large to hold: write
// the facts, then the rates.
class FactRecordWriter {
 public:
  // Writes CSV's header.
  FactRecordWriter(std::ostream& out, RecordFormat format);
  void Write(const Fact& fact);
  void Write(const Rate& rate);

 private:
  std::ostream& out_;
  const RecordFormat format_;
};

}  // namespace claimcheck

#endif  // CLAIMCHECK_FACTS_RECORDS_H_
