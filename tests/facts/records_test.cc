#include "facts/records.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "fact_test_util.h"
#include "facts/fact_store.h"

namespace claimcheck {
namespace {

using testing::HasSubstr;

constexpr const char* kGoodFact =
    R"({"id": "cn-2023", "subject": "China", "metric": "core AI industry",)"
    R"( "value": 578.4e9, "unit": "CNY", "year": 2023,)"
    R"( "keywords": [["China", "Chinese"], ["AI"]], "tolerance": 0.01,)"
    R"( "source": "CAICT", "url": "https://example.org", "note": "n"})";
constexpr const char* kGoodRate =
    R"({"kind": "rate", "currency": "CNY", "year": 2023, "per_usd": 7.0809,)"
    R"( "source": "Federal Reserve Board, G.5A", "url": "https://x.org"})";

TEST(RecordsTest, ParsesFactsAndRatesFromJsonLines) {
  std::string content = std::string(kGoodFact) + "\n\n" + kGoodRate + "\n";
  Result<FactRecords> records =
      ParseFactRecords(content, RecordFormat::kJsonl, "f.jsonl");
  ASSERT_TRUE(records.ok()) << records.status().ToString();
  ASSERT_EQ(records->facts.size(), 1u);
  ASSERT_EQ(records->rates.size(), 1u);
  const Fact& fact = records->facts[0];
  EXPECT_EQ(fact.id, "cn-2023");
  EXPECT_EQ(fact.value, 578.4e9);
  EXPECT_EQ(fact.year, 2023);
  EXPECT_EQ(fact.tolerance, 0.01);
  EXPECT_EQ(fact.keywords, (std::vector<std::vector<std::string>>{
                               {"China", "Chinese"}, {"AI"}}));
  EXPECT_EQ(fact.note, "n");
  EXPECT_EQ(records->rates[0].per_usd, 7.0809);
  EXPECT_EQ(records->rates[0].year, 2023);
}

TEST(RecordsTest, OptionalFieldsMayBeLeftOut) {
  Result<FactRecords> records = ParseFactRecords(
      R"({"kind": "fact", "id": "a", "subject": "s", "metric": "m", "value": 1,)"
      R"( "unit": "count", "source": "src"})",
      RecordFormat::kJsonl, "f.jsonl");
  ASSERT_TRUE(records.ok()) << records.status().ToString();
  const Fact& fact = records->facts.at(0);
  EXPECT_FALSE(fact.year.has_value());
  EXPECT_FALSE(fact.tolerance.has_value());
  EXPECT_TRUE(fact.keywords.empty());
  EXPECT_EQ(fact.url, "");
}

TEST(RecordsTest, EmptyJsonLinesFileHasNoRecords) {
  Result<FactRecords> records =
      ParseFactRecords("\n  \n", RecordFormat::kJsonl, "f.jsonl");
  ASSERT_TRUE(records.ok());
  EXPECT_TRUE(records->facts.empty());
  EXPECT_TRUE(records->rates.empty());
}

// Replaces `from` in the good fact by `to`.
std::string Edit(std::string record, const std::string& from,
                 const std::string& to) {
  size_t at = record.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return record.replace(at, from.size(), to);
}

TEST(RecordsTest, BadJsonLinesRejectTheWholeFileWithTheirLine) {
  const std::string fact = kGoodFact;
  const std::string rate = kGoodRate;
  struct Case {
    std::string bad_line;
    std::string reason;
  };
  const Case cases[] = {
      {"{\"id\": ", "malformed JSON at column"},
      {"not json", "malformed JSON"},
      {"[1, 2]", "expected a JSON object"},
      {"42", "expected a JSON object"},
      {Edit(fact, "\"note\"", "\"notes\""),
       "unknown field \"notes\" in a fact"},
      {Edit(rate, "\"url\"", "\"id\""), "unknown field \"id\" in a rate"},
      {Edit(fact, "\"source\": \"CAICT\", ", ""), "missing field \"source\""},
      {Edit(fact, "\"CAICT\"", "\"  \""), "no source"},
      {Edit(fact, "\"source\": \"CAICT\"", "\"source\": null"),
       "\"source\" must be a string"},
      {Edit(fact, "\"id\": \"cn-2023\", ", ""), "missing field \"id\""},
      {Edit(fact, "\"subject\": \"China\", ", ""), "missing field \"subject\""},
      {Edit(fact, "\"metric\": \"core AI industry\",", ""),
       "missing field \"metric\""},
      {Edit(fact, "\"unit\": \"CNY\", ", ""), "missing field \"unit\""},
      {Edit(fact, "\"value\": 578.4e9, ", ""), "missing field \"value\""},
      {Edit(fact, "578.4e9", "\"578.4e9\""), "\"value\" must be a number"},
      {Edit(fact, "578.4e9", "true"), "\"value\" must be a number"},
      {Edit(fact, "\"year\": 2023", "\"year\": 2023.5"),
       "\"year\" must be an integer"},
      {Edit(fact, "\"year\": 2023", "\"year\": \"2023\""),
       "\"year\" must be an integer"},
      {Edit(fact, "0.01", "-0.01"), "tolerance must be a finite number >= 0"},
      {Edit(fact, "0.01", "\"1%\""), "\"tolerance\" must be a number"},
      {Edit(fact, "[[\"China\", \"Chinese\"], [\"AI\"]]", "\"China\""),
       "\"keywords\" must be an array of arrays of strings"},
      {Edit(fact, "[\"AI\"]", "\"AI\""),
       "\"keywords\" must be an array of arrays of strings"},
      {Edit(fact, "[\"AI\"]", "[1]"),
       "\"keywords\" must be an array of arrays of strings"},
      {Edit(fact, "[\"AI\"]", "[]"), "keyword group 2 is empty"},
      {Edit(fact, "[\"AI\"]", "[\"\"]"), "keyword \"\" holds no word"},
      {Edit(fact, "[\"AI\"]", "[\"A|I\"]"), "contains | or ;"},
      {Edit(fact, "{", "{\"kind\": \"opinion\", "),
       "unknown kind \"opinion\" (expected \"fact\" or \"rate\")"},
      {Edit(fact, "{", "{\"kind\": 1, "), "\"kind\" must be a string"},
      {Edit(fact, "\"note\": \"n\"", "\"note\": \"n\", \"note\": \"m\""),
       "field \"note\" given twice"},
      {Edit(rate, "7.0809", "0"), "per_usd must be a finite number > 0"},
      {Edit(rate, "7.0809", "-7"), "per_usd must be a finite number > 0"},
      {Edit(rate, "\"year\": 2023, ", ""), "missing field \"year\""},
      {Edit(rate, "\"CNY\"", "\"yuan\""), "is not an ISO 4217 code"},
      {Edit(rate, "\"source\": \"Federal Reserve Board, G.5A\", ", ""),
       "missing field \"source\""},
      {fact, "duplicate id \"cn-2023\" (first on line 1)"},
      {Edit(rate, "\"url\": \"https://x.org\"", "\"url\": \"other\""),
       "duplicate rate CNY 2023 (first on line 2)"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.bad_line);
    // Good records before and after: one bad line rejects them all.
    std::string content = fact + "\n" + rate + "\n\n" + c.bad_line + "\n" +
                          Edit(fact, "cn-2023", "other") + "\n";
    Result<FactRecords> records =
        ParseFactRecords(content, RecordFormat::kJsonl, "dir/facts.jsonl");
    ASSERT_FALSE(records.ok());
    EXPECT_EQ(records.status().code(), StatusCode::kParseError);
    EXPECT_THAT(records.status().message(),
                testing::StartsWith("dir/facts.jsonl:4: "));
    EXPECT_THAT(records.status().message(), HasSubstr(c.reason));
  }
}

TEST(RecordsTest, InvalidUtf8IsRejectedWithItsLine) {
  // A good first line, so that the bad byte is the file's first problem.
  const std::string first_lines[] = {std::string(kGoodFact), "id,subject"};
  const RecordFormat formats[] = {RecordFormat::kJsonl, RecordFormat::kCsv};
  for (int f = 0; f < 2; ++f) {
    Result<FactRecords> records =
        ParseFactRecords(first_lines[f] + "\nline \xff two\n", formats[f], "x");
    ASSERT_FALSE(records.ok());
    EXPECT_EQ(records.status().message(), "x:2: invalid UTF-8");
  }
}

// An import reads a file through FactRecordReader and stops at its first
// error: records before it come one at a time, the error names its line
// and stays.
TEST(RecordsTest, ReaderHandsOverRecordsOneAtATimeUntilTheFirstBadOne) {
  std::istringstream in(std::string(kGoodFact) + "\n" + kGoodRate + "\noops\n" +
                        Edit(kGoodFact, "cn-2023", "later") + "\n");
  FactRecordReader reader(in, RecordFormat::kJsonl, "f.jsonl");
  Result<std::optional<FactRecord>> fact = reader.Next();
  ASSERT_TRUE(fact.ok()) << fact.status().ToString();
  ASSERT_TRUE(fact->has_value());
  EXPECT_EQ(std::get<Fact>(**fact).id, "cn-2023");
  Result<std::optional<FactRecord>> rate = reader.Next();
  ASSERT_TRUE(rate.ok() && rate->has_value());
  EXPECT_EQ(std::get<Rate>(**rate).currency, "CNY");
  for (int call = 0; call < 2; ++call) {
    Result<std::optional<FactRecord>> bad = reader.Next();
    ASSERT_FALSE(bad.ok());
    EXPECT_THAT(bad.status().message(), testing::StartsWith("f.jsonl:3: malformed JSON"));
  }
}

TEST(RecordsTest, ReaderEndsWithNothingMore) {
  std::istringstream jsonl{std::string(kGoodFact)};  // no newline at the end
  FactRecordReader lines(jsonl, RecordFormat::kJsonl, "f.jsonl");
  ASSERT_TRUE(lines.Next()->has_value());
  for (int call = 0; call < 2; ++call) {
    Result<std::optional<FactRecord>> end = lines.Next();
    ASSERT_TRUE(end.ok());
    EXPECT_FALSE(end->has_value());
  }
  std::istringstream header_only("id,subject,metric,value,unit,source\r\n");
  FactRecordReader csv(header_only, RecordFormat::kCsv, "f.csv");
  Result<std::optional<FactRecord>> none = csv.Next();
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_FALSE(none->has_value());
  std::istringstream empty("");
  FactRecordReader no_header(empty, RecordFormat::kCsv, "e.csv");
  EXPECT_EQ(no_header.Next().status().message(), "e.csv:1: no header row");
}

constexpr const char* kCsvHeader =
    "kind,id,subject,metric,value,unit,year,keywords,tolerance,source,url,"
    "note,currency,per_usd\n";

TEST(RecordsTest, ParsesCsvWithQuotingAndMixedKinds) {
  std::string content = std::string(kCsvHeader) +
                        "fact,a,\"Acme, Inc.\",\"revenue, \"\"net\"\"\","
                        "1.5e9,USD,2024,\"Acme|Acme Inc; revenue|sales\",,"
                        "\"Annual report\r\nline two\",,,,\r\n"
                        "\n"
                        "rate,,,,,,2023,,,Fed,https://x.org,,CNY,7.0809\n";
  Result<FactRecords> records =
      ParseFactRecords(content, RecordFormat::kCsv, "f.csv");
  ASSERT_TRUE(records.ok()) << records.status().ToString();
  ASSERT_EQ(records->facts.size(), 1u);
  const Fact& fact = records->facts[0];
  EXPECT_EQ(fact.subject, "Acme, Inc.");
  EXPECT_EQ(fact.metric, "revenue, \"net\"");
  EXPECT_EQ(fact.value, 1.5e9);
  EXPECT_EQ(fact.year, 2024);
  EXPECT_EQ(fact.keywords, (std::vector<std::vector<std::string>>{
                               {"Acme", "Acme Inc"}, {"revenue", "sales"}}));
  EXPECT_FALSE(fact.tolerance.has_value());
  EXPECT_EQ(fact.source, "Annual report\r\nline two");
  ASSERT_EQ(records->rates.size(), 1u);
  EXPECT_EQ(records->rates[0].currency, "CNY");
  EXPECT_EQ(records->rates[0].per_usd, 7.0809);
}

TEST(RecordsTest, CsvWithoutKindColumnHoldsFacts) {
  Result<FactRecords> records =
      ParseFactRecords("id,subject,metric,value,unit,source\na,s,m,3,count,src",
                       RecordFormat::kCsv, "f.csv");
  ASSERT_TRUE(records.ok()) << records.status().ToString();
  ASSERT_EQ(records->facts.size(), 1u);
  EXPECT_EQ(records->facts[0].value, 3);
}

TEST(RecordsTest, ByteOrderMarkIsSkipped) {
  Result<FactRecords> csv = ParseFactRecords(
      "\xEF\xBB\xBFid,subject,metric,value,unit,source\na,s,m,3,count,src\n",
      RecordFormat::kCsv, "f.csv");
  ASSERT_TRUE(csv.ok()) << csv.status().ToString();
  EXPECT_EQ(csv->facts.at(0).id, "a");
  Result<FactRecords> jsonl = ParseFactRecords(
      std::string("\xEF\xBB\xBF") + kGoodFact, RecordFormat::kJsonl, "f.jsonl");
  ASSERT_TRUE(jsonl.ok()) << jsonl.status().ToString();
  EXPECT_EQ(jsonl->facts.at(0).id, "cn-2023");
}

TEST(RecordsTest, BadCsvRejectsTheWholeFileWithTheLineTheRecordStarts) {
  const std::string good = "fact,a,s,m,1,count,,x,,src,,,,\n";
  struct Case {
    std::string rows;  // after the header and one good row
    std::string place;
    std::string reason;
  };
  const Case cases[] = {
      // The quoted note spans lines 3 and 4; the error is the record's line.
      {"fact,a,s,m,1,count,,x,,\"two\nlines\",,,,\n",
       "f.csv:3: ", "duplicate id \"a\" (first on line 2)"},
      {"fact,b,s,m,one,count,,x,,src,,,,\n",
       "f.csv:3: ", "\"value\" must be a number, not \"one\""},
      {"fact,b,s,m,nan,count,,x,,src,,,,\n",
       "f.csv:3: ", "\"value\" must be a finite number"},
      {"fact,b,s,m,1,count,2024.0,x,,src,,,,\n",
       "f.csv:3: ", "\"year\" must be an integer (a year), not \"2024.0\""},
      {"fact,b,s,m,1,count,,x,,,,,,\n",
       "f.csv:3: ", "missing field \"source\""},
      {"fact,b,s,m,1,count,,x;;y,,src,,,,\n",
       "f.csv:3: ", "keyword group 2 is empty"},
      {"fact,b,s,m,1,count,,x,,src,,,CNY,\n",
       "f.csv:3: ", "unknown field \"currency\" in a fact"},
      {"rate,b,,,,,2023,,,src,,,CNY,7\n",
       "f.csv:3: ", "unknown field \"id\" in a rate"},
      {"rate,,,,,,2023,,,src,,,CNY,0\n", "f.csv:3: ", "per_usd"},
      {"opinion,b,s,m,1,count,,x,,src,,,,\n",
       "f.csv:3: ", "unknown kind \"opinion\""},
      {"fact,b,s,m,1,count\n", "f.csv:3: ", "expected 14 fields, found 6"},
      {"fact,b,s,m,1,count,,x,,src,,,,,\n",
       "f.csv:3: ", "expected 14 fields, found 15"},
      {"fact,b,s\"x\",m,1,count,,x,,src,,,,\n",
       "f.csv:3: ", "quote inside an unquoted field"},
      {"fact,b,\"s\"x,m,1,count,,x,,src,,,,\n",
       "f.csv:3: ", "text after a closing quote"},
      {"\n\nfact,b,\"never closed,m,1\n",
       "f.csv:5: ", "unterminated quoted field"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.rows);
    std::string content = std::string(kCsvHeader) + good + c.rows;
    Result<FactRecords> records =
        ParseFactRecords(content, RecordFormat::kCsv, "f.csv");
    ASSERT_FALSE(records.ok());
    EXPECT_EQ(records.status().code(), StatusCode::kParseError);
    EXPECT_THAT(records.status().message(), testing::StartsWith(c.place));
    EXPECT_THAT(records.status().message(), HasSubstr(c.reason));
  }
}

TEST(RecordsTest, BadCsvHeader) {
  struct Case {
    std::string content;
    std::string message;
  };
  const Case cases[] = {
      {"", "f.csv:1: no header row"},
      {"id,subject,colour\n", "f.csv:1: unknown column \"colour\""},
      {"id,id\n", "f.csv:1: column \"id\" given twice"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.content);
    Result<FactRecords> records =
        ParseFactRecords(c.content, RecordFormat::kCsv, "f.csv");
    ASSERT_FALSE(records.ok());
    EXPECT_EQ(records.status().message(), c.message);
  }
}

// Records with every awkward thing both formats must carry exactly.
FactRecords AwkwardRecords() {
  FactRecords records;
  Fact a = MakeFact("robert-tables", 109.1e9, "USD",
                    {{"US", "U.S.", "United States"}, {"invest, ment"}});
  a.subject = "Robert'); DROP TABLE facts;--";
  a.metric = "say \"hi\", then\nnew line, then\r\nCRLF";
  a.year = 2024;
  a.tolerance = 0.01;
  a.source = " leading and trailing space ";
  a.url = "https://example.org/?q=1,2&r='3'";
  a.note = "Côte d’Ivoire — ünïcødé ✓";
  Fact b = MakeFact("tiny", 0.1 + 0.2, "%", {});
  b.tolerance = 0;
  Fact c = MakeFact("huge", -1.2345678901234567e300, "count", {{"x"}});
  c.year = -5;
  Fact d = MakeFact("integral", 2017, "year", {{"issued"}});
  records.facts = {a, b, c, d};
  Rate r = MakeRate("EUR", 2023, 1 / 1.0817);
  Rate s = MakeRate("JPY", 2023, 140.5001);
  s.url = "";
  records.rates = {r, s};
  return records;
}

void ExpectSameRecords(const FactRecords& a, const FactRecords& b) {
  ASSERT_EQ(a.facts.size(), b.facts.size());
  for (size_t i = 0; i < a.facts.size(); ++i) {
    SCOPED_TRACE(a.facts[i].id);
    EXPECT_TRUE(SameFact(a.facts[i], b.facts[i]))
        << testing::PrintToString(b.facts[i].metric);
  }
  ASSERT_EQ(a.rates.size(), b.rates.size());
  for (size_t i = 0; i < a.rates.size(); ++i) {
    EXPECT_TRUE(SameRate(a.rates[i], b.rates[i]));
  }
}

TEST(RecordsTest, FormatThenParseGivesTheRecordsBack) {
  FactRecords records = AwkwardRecords();
  for (RecordFormat format : {RecordFormat::kJsonl, RecordFormat::kCsv}) {
    SCOPED_TRACE(format == RecordFormat::kJsonl ? "jsonl" : "csv");
    std::string text = FormatFactRecords(records, format);
    Result<FactRecords> parsed = ParseFactRecords(text, format, "x");
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString() << "\n" << text;
    ExpectSameRecords(records, *parsed);
    EXPECT_EQ(FormatFactRecords(*parsed, format), text);
  }
}

TEST(RecordsTest, NumbersAreWrittenShortAndExact) {
  FactRecords records = AwkwardRecords();
  std::string jsonl = FormatFactRecords(records, RecordFormat::kJsonl);
  EXPECT_THAT(jsonl, HasSubstr("\"value\":109100000000,"));
  EXPECT_THAT(jsonl, HasSubstr("\"value\":2017,"));
  EXPECT_THAT(jsonl, HasSubstr("\"per_usd\":140.5001"));
  std::string csv = FormatFactRecords(records, RecordFormat::kCsv);
  EXPECT_THAT(csv, HasSubstr(",109100000000,USD,2024,"));
  EXPECT_THAT(csv, HasSubstr(",0.30000000000000004,"));
}

TEST(RecordsTest, ExportThenImportIntoAnEmptyStoreReproducesIt) {
  TempDir dir;
  for (RecordFormat format : {RecordFormat::kJsonl, RecordFormat::kCsv}) {
    SCOPED_TRACE(format == RecordFormat::kJsonl ? "jsonl" : "csv");
    std::unique_ptr<FactStore> first = NewMemoryFactStore();
    FactRecords records = AwkwardRecords();
    ASSERT_TRUE(first->Import(records.facts, records.rates).ok());
    FactRecords exported{*first->ListFacts(""), *first->ListRates()};
    std::string text = FormatFactRecords(exported, format);

    Result<std::unique_ptr<FactStore>> second = OpenSqliteFactStore(
        (dir.path() / (format == RecordFormat::kJsonl ? "a.db" : "b.db"))
            .string(),
        OpenMode::kReadWrite);
    ASSERT_TRUE(second.ok());
    Result<FactRecords> parsed = ParseFactRecords(text, format, "export");
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    ASSERT_TRUE((*second)->Import(parsed->facts, parsed->rates).ok());
    FactRecords again{*(*second)->ListFacts(""), *(*second)->ListRates()};
    ExpectSameRecords(exported, again);
    EXPECT_EQ(FormatFactRecords(again, format), text);
  }
}

TEST(RecordsTest, FormatNamesAndFileExtensions) {
  EXPECT_EQ(*ParseRecordFormat("jsonl"), RecordFormat::kJsonl);
  EXPECT_EQ(*ParseRecordFormat("csv"), RecordFormat::kCsv);
  EXPECT_EQ(ParseRecordFormat("json").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(*RecordFormatForPath("data/facts/seed.jsonl"),
            RecordFormat::kJsonl);
  EXPECT_EQ(*RecordFormatForPath("x.JSON"), RecordFormat::kJsonl);
  EXPECT_EQ(*RecordFormatForPath("x.Csv"), RecordFormat::kCsv);
  Result<RecordFormat> bad = RecordFormatForPath("my.facts/list.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), testing::StartsWith("my.facts/list.txt"));
  EXPECT_FALSE(RecordFormatForPath("dir.csv/file").ok());
}

}  // namespace
}  // namespace claimcheck
