// Fact records in JSON lines and CSV. Both formats go through one path: a
// CSV row is first turned into the JSON object it stands for (typed by its
// column), then every record is checked by RecordFromObject, so the two
// formats accept exactly the same records with the same messages.
#include "facts/records.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_map>
#include <utility>
#include <variant>

#include "base/text.h"
#include "facts/validation.h"

namespace claimcheck {
namespace {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

// The fields of each kind of record, in the order they are written.
constexpr const char* kFactFields[] = {
    "kind", "id",       "subject",   "metric", "value", "unit",
    "year", "keywords", "tolerance", "source", "url",   "note"};
constexpr const char* kRateFields[] = {"kind",    "currency", "year",
                                       "per_usd", "source",   "url"};
// CSV columns: every field of either kind, facts first.
constexpr const char* kCsvColumns[] = {
    "kind", "id",   "subject",  "metric",    "value",
    "unit", "year", "keywords", "tolerance", "source",
    "url",  "note", "currency", "per_usd"};

// One parsed record; the error is a reason without a place.
using Record = FactRecord;

template <size_t N>
bool IsOneOf(const std::string& name, const char* const (&names)[N]) {
  for (const char* candidate : names) {
    if (name == candidate) return true;
  }
  return false;
}

std::string Quoted(std::string_view s) {
  // Appended, not `"\"" + std::string(s)`: g++ 12 warns falsely (-Wrestrict)
  // about that form once it is inlined.
  std::string out = "\"";
  out.append(s);
  out.push_back('"');
  return out;
}

// Field readers: absent fields give nullopt, wrong types an error.
class FieldReader {
 public:
  explicit FieldReader(const Json& object) : object_(object) {}

  const std::string& error() const { return error_; }
  bool ok() const { return error_.empty(); }

  std::optional<std::string> String(const char* name, bool required) {
    const Json* field = Find(name, required);
    if (field == nullptr) return std::nullopt;
    if (!field->is_string()) return Fail(name, "must be a string");
    return field->get<std::string>();
  }

  std::optional<double> Number(const char* name, bool required) {
    const Json* field = Find(name, required);
    if (field == nullptr) return std::nullopt;
    if (!field->is_number()) return Fail(name, "must be a number");
    double value = field->get<double>();
    if (!std::isfinite(value)) return Fail(name, "must be a finite number");
    return value;
  }

  std::optional<int> Integer(const char* name, bool required) {
    const Json* field = Find(name, required);
    if (field == nullptr) return std::nullopt;
    if (field->is_number_integer()) {
      auto value = field->get<int64_t>();
      if (value >= -1000000 && value <= 1000000) {
        return static_cast<int>(value);
      }
    }
    return Fail(name, "must be an integer (a year)");
  }

  std::optional<std::vector<std::vector<std::string>>> Keywords() {
    const Json* field = Find("keywords", false);
    if (field == nullptr) return std::nullopt;
    const char* shape = "must be an array of arrays of strings";
    if (!field->is_array()) return Fail("keywords", shape);
    std::vector<std::vector<std::string>> groups;
    for (const Json& group : *field) {
      if (!group.is_array()) return Fail("keywords", shape);
      groups.emplace_back();
      for (const Json& alternative : group) {
        if (!alternative.is_string()) return Fail("keywords", shape);
        groups.back().push_back(alternative.get<std::string>());
      }
    }
    return groups;
  }

 private:
  const Json* Find(const char* name, bool required) {
    if (!ok()) return nullptr;
    auto it = object_.find(name);
    if (it == object_.end()) {
      if (required) error_ = "missing field " + Quoted(name);
      return nullptr;
    }
    return &*it;
  }

  std::nullopt_t Fail(const char* name, const char* what) {
    error_ = Quoted(name) + " " + what;
    return std::nullopt;
  }

  const Json& object_;
  std::string error_;
};

Result<Record> RecordFromObject(const Json& object) {
  if (!object.is_object()) return Status::ParseError("expected a JSON object");
  std::string kind = "fact";
  if (auto it = object.find("kind"); it != object.end()) {
    if (!it->is_string())
      return Status::ParseError("\"kind\" must be a string");
    kind = it->get<std::string>();
    if (kind != "fact" && kind != "rate") {
      return Status::ParseError("unknown kind " + Quoted(kind) +
                                " (expected \"fact\" or \"rate\")");
    }
  }
  bool is_fact = kind == "fact";
  for (const auto& [name, value] : object.items()) {
    if (is_fact ? !IsOneOf(name, kFactFields) : !IsOneOf(name, kRateFields)) {
      return Status::ParseError("unknown field " + Quoted(name) + " in a " +
                                kind);
    }
  }
  FieldReader read(object);
  if (is_fact) {
    Fact fact;
    fact.id = read.String("id", true).value_or("");
    fact.subject = read.String("subject", true).value_or("");
    fact.metric = read.String("metric", true).value_or("");
    fact.value = read.Number("value", true).value_or(0);
    fact.unit = read.String("unit", true).value_or("");
    fact.year = read.Integer("year", false);
    fact.keywords = read.Keywords().value_or(fact.keywords);
    fact.tolerance = read.Number("tolerance", false);
    fact.source = read.String("source", true).value_or("");
    fact.url = read.String("url", false).value_or("");
    fact.note = read.String("note", false).value_or("");
    if (!read.ok()) return Status::ParseError(read.error());
    std::vector<std::string> problems = FactProblems(fact);
    if (!problems.empty()) return Status::ParseError(problems.front());
    return Record(std::move(fact));
  }
  Rate rate;
  rate.currency = read.String("currency", true).value_or("");
  rate.year = read.Integer("year", true).value_or(0);
  rate.per_usd = read.Number("per_usd", true).value_or(0);
  rate.source = read.String("source", true).value_or("");
  rate.url = read.String("url", false).value_or("");
  if (!read.ok()) return Status::ParseError(read.error());
  std::vector<std::string> problems = RateProblems(rate);
  if (!problems.empty()) return Status::ParseError(problems.front());
  return Record(std::move(rate));
}

// Remembers where each id and (currency, year) was first given, to refuse
// a second record of either within one file.
class Collector {
 public:
  explicit Collector(std::string_view label) : label_(label) {}

  Status Admit(const Result<Record>& record, size_t line) {
    if (!record.ok()) return At(line, record.status().message());
    if (const auto* fact = std::get_if<Fact>(&*record)) {
      auto [it, added] = fact_lines_.emplace(fact->id, line);
      if (!added) {
        return At(line, "duplicate id " + Quoted(fact->id) +
                            " (first on line " + std::to_string(it->second) +
                            ")");
      }
    } else {
      const Rate& rate = std::get<Rate>(*record);
      auto [it, added] =
          rate_lines_.emplace(std::make_pair(rate.currency, rate.year), line);
      if (!added) {
        return At(line, "duplicate " + DescribeRate(rate) + " (first on line " +
                            std::to_string(it->second) + ")");
      }
    }
    return Status();
  }

  Status At(size_t line, std::string_view reason) const {
    return Status::ParseError(std::string(label_) + ":" + std::to_string(line) +
                              ": " + std::string(reason));
  }

 private:
  std::string_view label_;
  // Unordered: a million ids are held for the length of an import.
  std::unordered_map<std::string, size_t> fact_lines_;
  std::map<std::pair<std::string, int>, size_t> rate_lines_;
};

// The physical lines of a stream, numbered from 1, each with its '\n' when
// it has one (so CSV can tell CRLF from a lone CR at the end of a file);
// the first without a UTF-8 byte-order mark (spreadsheets save CSV with
// one; it is no part of the first column's name, nor of a JSON line), each
// checked for valid UTF-8. A multi-byte character never spans a '\n', so
// checking line by line is checking the file.
class LineSource {
 public:
  LineSource(std::istream& in, const Collector& place) : in_(in), place_(place) {}

  // Whether a line was read into `line`; false at the end of the stream.
  Result<bool> Next(std::string& line) {
    if (!std::getline(in_, line)) {
      if (in_.bad()) return place_.At(number_ + 1, "read failed");
      return false;
    }
    ++number_;
    if (!in_.eof()) line.push_back('\n');
    constexpr std::string_view kBom = "\xEF\xBB\xBF";
    if (number_ == 1 && std::string_view(line).substr(0, kBom.size()) == kBom) {
      line.erase(0, kBom.size());
    }
    if (FindInvalidUtf8(line)) return place_.At(number_, "invalid UTF-8");
    return true;
  }

  size_t number() const { return number_; }

 private:
  std::istream& in_;
  const Collector& place_;
  size_t number_ = 0;
};

// nlohmann's messages start with "[json.exception.parse_error.101] parse
// error at line 1, column 5: "; the place is ours to give, the rest is kept.
std::string JsonReason(const std::exception& e) {
  std::string what = e.what();
  if (size_t bracket = what.find("] "); bracket != std::string::npos) {
    what = what.substr(bracket + 2);
  }
  if (size_t column = what.find("column "); column != std::string::npos) {
    return "malformed JSON at " + what.substr(column);
  }
  return "malformed JSON: " + what;
}

// The record of one JSON line.
Result<Record> ParseJsonLine(std::string_view line) {
  Json object;
  // The callback sees each key of the top-level object: nlohmann keeps the
  // last of two equal keys silently, we refuse them.
  std::set<std::string> keys;
  std::string duplicate;
  auto callback = [&](int depth, Json::parse_event_t event, Json& parsed) {
    if (depth == 1 && event == Json::parse_event_t::key &&
        !keys.insert(parsed.get<std::string>()).second) {
      duplicate = parsed.get<std::string>();
    }
    return true;
  };
  try {
    object = Json::parse(line, callback);
  } catch (const Json::exception& e) {
    return Status::ParseError(JsonReason(e));
  }
  if (!duplicate.empty()) {
    return Status::ParseError("field " + Quoted(duplicate) + " given twice");
  }
  return RecordFromObject(object);
}

struct CsvRow {
  size_t line;  // physical line the record starts on
  std::vector<std::string> fields;
};

// RFC 4180: fields separated by commas, records by CRLF or LF; a quoted
// field may hold commas, newlines and doubled quotes. A quote inside an
// unquoted field, or text after a closing quote, is an error. Rows are read
// one at a time, a physical line at a time.
class CsvRows {
 public:
  CsvRows(LineSource& lines, const Collector& place) : lines_(lines), place_(place) {}

  // The next row, blank lines skipped (hand-edited files have them);
  // nullopt at the end.
  Result<std::optional<CsvRow>> Next() {
    while (true) {
      Result<bool> got = lines_.Next(text_);
      if (!got.ok()) return got.status();
      if (!*got) return std::optional<CsvRow>();
      Result<CsvRow> row = ReadRow();
      if (!row.ok()) return row.status();
      // A blank line is one empty field.
      if (row->fields.size() == 1 && row->fields[0].empty()) continue;
      return std::optional<CsvRow>(std::move(*row));
    }
  }

 private:
  // The row that starts at the beginning of text_, reading more lines
  // while a quoted field is open.
  Result<CsvRow> ReadRow() {
    CsvRow row{lines_.number(), {}};
    size_t i = 0;
    while (true) {
      std::string field;
      if (i < text_.size() && text_[i] == '"') {
        const size_t quote_line = lines_.number();
        ++i;
        while (true) {
          if (i >= text_.size()) {
            Result<bool> got = lines_.Next(text_);
            if (!got.ok()) return got.status();
            if (!*got) return place_.At(quote_line, "unterminated quoted field");
            i = 0;
            continue;
          }
          if (text_[i] == '"') {
            if (i + 1 < text_.size() && text_[i + 1] == '"') {
              field.push_back('"');
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          field.push_back(text_[i++]);
        }
        if (!AtFieldEnd(i)) return place_.At(lines_.number(), "text after a closing quote");
      } else {
        while (!AtFieldEnd(i)) {
          if (text_[i] == '"') {
            return place_.At(lines_.number(), "quote inside an unquoted field");
          }
          field.push_back(text_[i++]);
        }
      }
      row.fields.push_back(std::move(field));
      if (i < text_.size() && text_[i] == ',') {
        ++i;
        continue;
      }
      return row;  // at the end of the line: its '\n' or CRLF, or the file's end
    }
  }

  bool AtFieldEnd(size_t i) const {
    return i >= text_.size() || text_[i] == ',' || text_[i] == '\n' ||
           (text_[i] == '\r' && i + 1 < text_.size() && text_[i + 1] == '\n');
  }

  LineSource& lines_;
  const Collector& place_;
  std::string text_;
};

std::optional<double> ParseDouble(std::string_view s) {
  s = TrimAscii(s);
  double value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

std::optional<int64_t> ParseInteger(std::string_view s) {
  s = TrimAscii(s);
  int64_t value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

// "a|b;c" -> [["a", "b"], ["c"]]; spaces around alternatives are dropped.
Json SplitKeywords(std::string_view cell) {
  Json groups = Json::array();
  size_t start = 0;
  while (true) {
    size_t end = cell.find(';', start);
    std::string_view group = cell.substr(start, end - start);
    Json alternatives = Json::array();
    size_t a = 0;
    while (true) {
      size_t bar = group.find('|', a);
      std::string_view alternative = TrimAscii(group.substr(a, bar - a));
      if (!alternative.empty())
        alternatives.push_back(std::string(alternative));
      if (bar == std::string_view::npos) break;
      a = bar + 1;
    }
    groups.push_back(std::move(alternatives));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return groups;
}

// The JSON object a CSV row stands for: empty cells are absent fields,
// numbers and years are typed by their column.
Result<Json> CsvRowToObject(const std::vector<std::string>& header,
                            const std::vector<std::string>& fields) {
  if (fields.size() != header.size()) {
    return Status::ParseError("expected " + std::to_string(header.size()) +
                              " fields, found " +
                              std::to_string(fields.size()));
  }
  Json object = Json::object();
  for (size_t c = 0; c < header.size(); ++c) {
    const std::string& name = header[c];
    const std::string& cell = fields[c];
    if (cell.empty()) continue;
    if (name == "value" || name == "tolerance" || name == "per_usd") {
      std::optional<double> number = ParseDouble(cell);
      if (!number) {
        return Status::ParseError(Quoted(name) + " must be a number, not " +
                                  Quoted(cell));
      }
      object[name] = *number;
    } else if (name == "year") {
      std::optional<int64_t> year = ParseInteger(cell);
      if (!year) {
        return Status::ParseError("\"year\" must be an integer (a year), not " +
                                  Quoted(cell));
      }
      object[name] = *year;
    } else if (name == "keywords") {
      Json groups = SplitKeywords(cell);
      for (size_t g = 0; g < groups.size(); ++g) {
        if (groups[g].empty()) {
          return Status::ParseError("keyword group " + std::to_string(g + 1) +
                                    " is empty");
        }
      }
      object[name] = std::move(groups);
    } else {
      object[name] = cell;
    }
  }
  return object;
}

// The column names of a CSV header row.
Result<std::vector<std::string>> ReadCsvHeader(const CsvRow& row, const Collector& place) {
  std::vector<std::string> header;
  std::set<std::string> seen;
  for (const std::string& raw : row.fields) {
    std::string name(TrimAscii(raw));
    if (!IsOneOf(name, kCsvColumns)) {
      return place.At(row.line, "unknown column " + Quoted(name));
    }
    if (!seen.insert(name).second) {
      return place.At(row.line, "column " + Quoted(name) + " given twice");
    }
    header.push_back(std::move(name));
  }
  return header;
}

// Shortest text that reads back as the same double ("109100000000",
// "0.924471", "1e+300").
std::string FormatNumber(double value) { return fmt::format("{}", value); }

// Integral values are written as JSON integers (109100000000, not
// 109100000000.0) when that is exact, so exported files read like the
// curated ones.
OrderedJson JsonNumber(double value) {
  if (std::trunc(value) == value && std::fabs(value) < 9.0e15) {
    return OrderedJson(static_cast<int64_t>(value));
  }
  return OrderedJson(value);
}

std::string JsonLine(const OrderedJson& object) {
  // Strings read from CSV are checked for valid UTF-8 at parse time; replace
  // rather than throw should a caller hand us anything else.
  return object.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string FactJsonLine(const Fact& fact) {
  OrderedJson object;
  object["id"] = fact.id;
  object["subject"] = fact.subject;
  object["metric"] = fact.metric;
  object["value"] = JsonNumber(fact.value);
  object["unit"] = fact.unit;
  if (fact.year) object["year"] = *fact.year;
  if (!fact.keywords.empty()) object["keywords"] = fact.keywords;
  if (fact.tolerance) object["tolerance"] = JsonNumber(*fact.tolerance);
  object["source"] = fact.source;
  if (!fact.url.empty()) object["url"] = fact.url;
  if (!fact.note.empty()) object["note"] = fact.note;
  return JsonLine(object);
}

std::string RateJsonLine(const Rate& rate) {
  OrderedJson object;
  object["kind"] = "rate";
  object["currency"] = rate.currency;
  object["year"] = rate.year;
  object["per_usd"] = JsonNumber(rate.per_usd);
  object["source"] = rate.source;
  if (!rate.url.empty()) object["url"] = rate.url;
  return JsonLine(object);
}

void AppendCsvField(std::string_view field, std::string& out) {
  bool quote =
      field.find_first_of(",\"\r\n") != std::string_view::npos ||
      (!field.empty() && (field.front() == ' ' || field.back() == ' '));
  if (!quote) {
    out += field;
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

std::string JoinKeywords(const std::vector<std::vector<std::string>>& groups) {
  std::string out;
  for (size_t g = 0; g < groups.size(); ++g) {
    if (g > 0) out.push_back(';');
    for (size_t a = 0; a < groups[g].size(); ++a) {
      if (a > 0) out.push_back('|');
      out += groups[g][a];
    }
  }
  return out;
}

// One CSV line of these cells, in kCsvColumns order (absent: empty).
std::string CsvLine(const std::map<std::string, std::string>& cells) {
  std::string out;
  bool first = true;
  for (const char* column : kCsvColumns) {
    if (!first) out.push_back(',');
    first = false;
    if (auto it = cells.find(column); it != cells.end()) AppendCsvField(it->second, out);
  }
  out.push_back('\n');
  return out;
}

std::string CsvHeader() {
  std::string out;
  bool first = true;
  for (const char* column : kCsvColumns) {
    if (!first) out.push_back(',');
    first = false;
    out += column;
  }
  out.push_back('\n');
  return out;
}

std::string FactCsvRow(const Fact& fact) {
  std::map<std::string, std::string> cells = {{"kind", "fact"},
                                              {"id", fact.id},
                                              {"subject", fact.subject},
                                              {"metric", fact.metric},
                                              {"value", FormatNumber(fact.value)},
                                              {"unit", fact.unit},
                                              {"keywords", JoinKeywords(fact.keywords)},
                                              {"source", fact.source},
                                              {"url", fact.url},
                                              {"note", fact.note}};
  if (fact.year) cells["year"] = std::to_string(*fact.year);
  if (fact.tolerance) cells["tolerance"] = FormatNumber(*fact.tolerance);
  return CsvLine(cells);
}

std::string RateCsvRow(const Rate& rate) {
  return CsvLine({{"kind", "rate"},
                 {"currency", rate.currency},
                 {"year", std::to_string(rate.year)},
                 {"per_usd", FormatNumber(rate.per_usd)},
                 {"source", rate.source},
                 {"url", rate.url}});
}

}  // namespace

Result<RecordFormat> ParseRecordFormat(std::string_view name) {
  if (name == "jsonl") return RecordFormat::kJsonl;
  if (name == "csv") return RecordFormat::kCsv;
  return Status::InvalidArgument("unknown record format " + Quoted(name) +
                                 " (expected jsonl or csv)");
}

Result<RecordFormat> RecordFormatForPath(std::string_view path) {
  size_t dot = path.rfind('.');
  size_t slash = path.find_last_of("/\\");
  std::string extension;
  if (dot != std::string_view::npos &&
      (slash == std::string_view::npos || dot > slash)) {
    extension = AsciiLower(path.substr(dot + 1));
  }
  if (extension == "jsonl" || extension == "json") return RecordFormat::kJsonl;
  if (extension == "csv") return RecordFormat::kCsv;
  return Status::InvalidArgument(
      std::string(path) +
      ": unknown fact file type (expected .jsonl, .json or .csv)");
}

class FactRecordReader::Impl {
 public:
  Impl(std::istream& in, RecordFormat format, std::string label)
      : format_(format), label_(std::move(label)), place_(label_), lines_(in, place_),
        csv_(lines_, place_) {}

  Result<std::optional<FactRecord>> Next() {
    if (!failed_.ok()) return failed_;
    Result<std::optional<FactRecord>> next = ReadNext();
    if (!next.ok()) failed_ = next.status();
    return next;
  }

 private:
  Result<std::optional<FactRecord>> ReadNext() {
    try {
      return format_ == RecordFormat::kJsonl ? NextJsonLine() : NextCsvRow();
    } catch (const std::exception& e) {
      // Only a bug of ours gets here: every expected failure is a Status.
      return Status::Internal(label_ + ": " + e.what());
    }
  }

  Result<std::optional<FactRecord>> NextJsonLine() {
    while (true) {
      Result<bool> got = lines_.Next(line_);
      if (!got.ok()) return got.status();
      if (!*got) return std::optional<FactRecord>();
      if (TrimAscii(line_).empty()) continue;
      // Without its '\n', so that nlohmann's column is on the line.
      std::string_view line(line_);
      if (line.ends_with('\n')) line.remove_suffix(1);
      return Admitted(ParseJsonLine(line), lines_.number());
    }
  }

  Result<std::optional<FactRecord>> NextCsvRow() {
    if (!header_) {
      Result<std::optional<CsvRow>> first = csv_.Next();
      if (!first.ok()) return first.status();
      if (!*first) return place_.At(1, "no header row");
      Result<std::vector<std::string>> header = ReadCsvHeader(**first, place_);
      if (!header.ok()) return header.status();
      header_ = std::move(*header);
    }
    Result<std::optional<CsvRow>> row = csv_.Next();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<FactRecord>();
    Result<Json> object = CsvRowToObject(*header_, (*row)->fields);
    Result<Record> record =
        object.ok() ? RecordFromObject(*object) : Result<Record>(object.status());
    return Admitted(std::move(record), (*row)->line);
  }

  Result<std::optional<FactRecord>> Admitted(Result<Record> record, size_t line) {
    if (Status status = place_.Admit(record, line); !status.ok()) return status;
    return std::optional<FactRecord>(std::move(*record));
  }

  const RecordFormat format_;
  const std::string label_;
  Collector place_;
  LineSource lines_;
  CsvRows csv_;
  std::string line_;
  std::optional<std::vector<std::string>> header_;
  Status failed_;
};

FactRecordReader::FactRecordReader(std::istream& in, RecordFormat format, std::string label)
    : impl_(std::make_unique<Impl>(in, format, std::move(label))) {}

FactRecordReader::~FactRecordReader() = default;

Result<std::optional<FactRecord>> FactRecordReader::Next() { return impl_->Next(); }

Result<FactRecords> ParseFactRecords(std::string_view content,
                                     RecordFormat format,
                                     std::string_view label) {
  std::istringstream in{std::string(content)};
  FactRecordReader reader(in, format, std::string(label));
  FactRecords records;
  while (true) {
    Result<std::optional<FactRecord>> next = reader.Next();
    if (!next.ok()) return next.status();
    if (!*next) return records;
    if (Fact* fact = std::get_if<Fact>(&**next)) {
      records.facts.push_back(std::move(*fact));
    } else {
      records.rates.push_back(std::get<Rate>(std::move(**next)));
    }
  }
}

FactRecordWriter::FactRecordWriter(std::ostream& out, RecordFormat format)
    : out_(out), format_(format) {
  if (format_ == RecordFormat::kCsv) out_ << CsvHeader();
}

void FactRecordWriter::Write(const Fact& fact) {
  out_ << (format_ == RecordFormat::kJsonl ? FactJsonLine(fact) : FactCsvRow(fact));
}

void FactRecordWriter::Write(const Rate& rate) {
  out_ << (format_ == RecordFormat::kJsonl ? RateJsonLine(rate) : RateCsvRow(rate));
}

std::string FormatFactRecords(const FactRecords& records, RecordFormat format) {
  std::ostringstream out;
  FactRecordWriter writer(out, format);
  for (const Fact& fact : records.facts) writer.Write(fact);
  for (const Rate& rate : records.rates) writer.Write(rate);
  return out.str();
}

}  // namespace claimcheck
