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
using Record = std::variant<Fact, Rate>;

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

// Collects records, rejecting an id or a (currency, year) seen before.
class Collector {
 public:
  explicit Collector(std::string_view label) : label_(label) {}

  Status Add(Result<Record> record, size_t line) {
    if (!record.ok()) return At(line, record.status().message());
    if (auto* fact = std::get_if<Fact>(&*record)) {
      auto [it, added] = fact_lines_.emplace(fact->id, line);
      if (!added) {
        return At(line, "duplicate id " + Quoted(fact->id) +
                            " (first on line " + std::to_string(it->second) +
                            ")");
      }
      records_.facts.push_back(std::move(*fact));
    } else {
      Rate& rate = std::get<Rate>(*record);
      auto [it, added] =
          rate_lines_.emplace(std::make_pair(rate.currency, rate.year), line);
      if (!added) {
        return At(line, "duplicate " + DescribeRate(rate) + " (first on line " +
                            std::to_string(it->second) + ")");
      }
      records_.rates.push_back(std::move(rate));
    }
    return Status();
  }

  Status At(size_t line, std::string_view reason) const {
    return Status::ParseError(std::string(label_) + ":" + std::to_string(line) +
                              ": " + std::string(reason));
  }

  FactRecords Take() { return std::move(records_); }

 private:
  std::string_view label_;
  FactRecords records_;
  std::map<std::string, size_t> fact_lines_;
  std::map<std::pair<std::string, int>, size_t> rate_lines_;
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

Result<FactRecords> ParseJsonLines(std::string_view content,
                                   std::string_view label) {
  Collector collector(label);
  size_t line_number = 0;
  while (!content.empty()) {
    ++line_number;
    size_t end = content.find('\n');
    std::string_view line = content.substr(0, end);
    content.remove_prefix(end == std::string_view::npos ? content.size()
                                                        : end + 1);
    if (TrimAscii(line).empty()) continue;
    Json object;
    // The callback sees each key of the top-level object: nlohmann keeps
    // the last of two equal keys silently, we refuse them.
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
      return collector.At(line_number, JsonReason(e));
    }
    if (!duplicate.empty()) {
      return collector.At(line_number,
                          "field " + Quoted(duplicate) + " given twice");
    }
    if (Status status = collector.Add(RecordFromObject(object), line_number);
        !status.ok()) {
      return status;
    }
  }
  return collector.Take();
}

struct CsvRow {
  size_t line;  // physical line the record starts on
  std::vector<std::string> fields;
};

// RFC 4180: fields separated by commas, records by CRLF or LF; a quoted
// field may hold commas, newlines and doubled quotes. A quote inside an
// unquoted field, or text after a closing quote, is an error.
Result<std::vector<CsvRow>> ReadCsv(std::string_view text,
                                    std::string_view label) {
  auto error = [&](size_t line, std::string_view reason) {
    return Status::ParseError(std::string(label) + ":" + std::to_string(line) +
                              ": " + std::string(reason));
  };
  std::vector<CsvRow> rows;
  size_t line = 1;
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    CsvRow row{line, {}};
    while (true) {
      std::string field;
      if (i < n && text[i] == '"') {
        size_t quote_line = line;
        ++i;
        while (true) {
          if (i >= n) return error(quote_line, "unterminated quoted field");
          if (text[i] == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field.push_back('"');
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (text[i] == '\n') ++line;
          field.push_back(text[i++]);
        }
        bool at_end = i >= n || text[i] == ',' || text[i] == '\n' ||
                      (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n');
        if (!at_end) return error(line, "text after a closing quote");
      } else {
        while (i < n && text[i] != ',' && text[i] != '\n' &&
               !(text[i] == '\r' && i + 1 < n && text[i + 1] == '\n')) {
          if (text[i] == '"') {
            return error(line, "quote inside an unquoted field");
          }
          field.push_back(text[i++]);
        }
      }
      row.fields.push_back(std::move(field));
      if (i < n && text[i] == ',') {
        ++i;
        continue;
      }
      if (i < n && text[i] == '\r') ++i;
      if (i < n && text[i] == '\n') {
        ++i;
        ++line;
      }
      break;
    }
    // A blank line is one empty field: skip it, as hand-edited files have.
    if (row.fields.size() == 1 && row.fields[0].empty()) continue;
    rows.push_back(std::move(row));
  }
  return rows;
}

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

Result<FactRecords> ParseCsv(std::string_view content, std::string_view label) {
  Result<std::vector<CsvRow>> rows = ReadCsv(content, label);
  if (!rows.ok()) return rows.status();
  Collector collector(label);
  if (rows->empty()) return collector.At(1, "no header row");
  const CsvRow& header_row = rows->front();
  std::vector<std::string> header;
  std::set<std::string> seen;
  for (const std::string& raw : header_row.fields) {
    std::string name(TrimAscii(raw));
    if (!IsOneOf(name, kCsvColumns)) {
      return collector.At(header_row.line, "unknown column " + Quoted(name));
    }
    if (!seen.insert(name).second) {
      return collector.At(header_row.line,
                          "column " + Quoted(name) + " given twice");
    }
    header.push_back(std::move(name));
  }
  for (size_t r = 1; r < rows->size(); ++r) {
    const CsvRow& row = (*rows)[r];
    Result<Json> object = CsvRowToObject(header, row.fields);
    Result<Record> record = object.ok() ? RecordFromObject(*object)
                                        : Result<Record>(object.status());
    if (Status status = collector.Add(std::move(record), row.line);
        !status.ok()) {
      return status;
    }
  }
  return collector.Take();
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
std::string CsvRow(const std::map<std::string, std::string>& cells) {
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
  return CsvRow(cells);
}

std::string RateCsvRow(const Rate& rate) {
  return CsvRow({{"kind", "rate"},
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

Result<FactRecords> ParseFactRecords(std::string_view content,
                                     RecordFormat format,
                                     std::string_view label) {
  if (std::optional<size_t> bad = FindInvalidUtf8(content)) {
    size_t line = LineIndex(content).At(*bad).line;
    return Status::ParseError(std::string(label) + ":" + std::to_string(line) +
                              ": invalid UTF-8");
  }
  // Spreadsheets save CSV with a UTF-8 byte order mark; it is not part of
  // the first column's name (nor of the first JSON line).
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (content.substr(0, kBom.size()) == kBom)
    content.remove_prefix(kBom.size());
  try {
    return format == RecordFormat::kJsonl ? ParseJsonLines(content, label)
                                          : ParseCsv(content, label);
  } catch (const std::exception& e) {
    // Only a bug of ours gets here: every expected failure is a Status.
    return Status::Internal(std::string(label) + ": " + e.what());
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
