// The `--input jsonl` adapter: the only file in input/ that sees
// nlohmann_json. Its exceptions stop here and become a Status per line.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

#include "input/reader.h"

namespace claimcheck {
namespace {

using Json = nlohmann::json;

// nlohmann's messages open with "[json.exception.parse_error.101] "; the
// reader wants only the reason.
std::string Reason(const Json::exception& e) {
  std::string_view what = e.what();
  if (what.starts_with("[json.exception.")) {
    size_t close = what.find("] ");
    if (close != std::string_view::npos) what.remove_prefix(close + 2);
  }
  return std::string(what);
}

Result<Markup> ParseMarkup(const Json& format) {
  if (format.is_string()) {
    const std::string& name = format.get_ref<const std::string&>();
    if (name == "plain" || name == "text") return Markup::kPlain;
    if (name == "markdown" || name == "md") return Markup::kMarkdown;
    if (name == "html") return Markup::kHtml;
  }
  return Status::InvalidArgument(
      "\"format\" must be \"plain\", \"markdown\" or \"html\"");
}

}  // namespace

JsonlReader::JsonlReader(std::istream& in) : in_(in) {}

std::optional<JsonlReader::Record> JsonlReader::Next() {
  std::optional<Line> line = NextLine();
  if (!line) return std::nullopt;
  return ParseLine(std::move(*line));
}

std::optional<JsonlReader::Line> JsonlReader::NextLine() {
  Line line;
  if (!std::getline(in_, line.text)) return std::nullopt;
  line.number = ++line_;
  if (!line.text.empty() && line.text.back() == '\r') line.text.pop_back();
  return line;
}

JsonlReader::Record JsonlReader::ParseLine(Line input) {
  std::string& line = input.text;
  Record record;
  record.line = input.number;
  const std::string where = "line " + std::to_string(input.number);
  auto fail = [&](Status status) {
    record.document = status.WithPrefix(where);
    return record;
  };
  if (line.find_first_not_of(" \t") == std::string::npos) {
    return fail(Status::ParseError("empty line"));
  }
  Json object;
  try {
    object = Json::parse(line);
  } catch (const Json::exception& e) {
    return fail(Status::ParseError("not valid JSON: " + Reason(e)));
  }
  if (!object.is_object()) {
    return fail(Status::ParseError("expected a JSON object"));
  }
  line.clear();
  line.shrink_to_fit();

  // A record without an id is named after its line, so that its result
  // can still be matched to it.
  auto id = object.find("id");
  if (id == object.end()) {
    record.id = "line-" + std::to_string(input.number);
  } else if (id->is_string()) {
    record.id = id->get<std::string>();
  } else {
    return fail(Status::ParseError("\"id\" must be a string"));
  }
  auto text = object.find("text");
  if (text == object.end()) return fail(Status::ParseError("missing \"text\""));
  if (!text->is_string()) {
    return fail(Status::ParseError("\"text\" must be a string"));
  }
  Markup markup = Markup::kPlain;
  if (auto format = object.find("format"); format != object.end()) {
    Result<Markup> parsed = ParseMarkup(*format);
    if (!parsed.ok()) return fail(parsed.status());
    markup = *parsed;
  }
  std::string bytes = std::move(text->get_ref<std::string&>());
  if (bytes.empty()) return fail(Status::ParseError("empty \"text\""));
  // The checks name the line (the id may be anything, even empty); the
  // document itself carries the id.
  Result<Document> doc = MakeDocument(where, std::move(bytes), markup);
  if (doc.ok()) doc->path = record.id;
  record.document = std::move(doc);
  return record;
}

}  // namespace claimcheck
