#include "report/printer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace claimcheck {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

Fact GdpFact() {
  Fact fact;
  fact.id = "cn-core-ai-industry-2023";
  fact.value = 578.4e9;
  fact.unit = "CNY";
  fact.year = 2023;
  fact.source = "CAICT";
  fact.url = "https://example.org/caict";
  return fact;
}

// Two documents: one with a flagged, a supported and an unverified claim,
// and one that could not be read.
std::vector<DocumentReport> SampleReports() {
  DocumentReport doc;
  doc.path = "corpus/ai race.txt";
  doc.bytes = 900;

  ClaimReport flagged;
  flagged.claim.text = "500 billion yuan";
  flagged.claim.source = {812, 828};
  flagged.claim.line = 9;
  flagged.claim.column = 33;
  flagged.claim.column_utf16 = 33;
  flagged.claim.type = ClaimType::kCurrency;
  flagged.claim.value = 5e11;
  flagged.claim.unit = "CNY";
  flagged.claim.year = 2023;
  flagged.claim.relation =
      Relation{3, RelationKind::kConversion, RelationRole::kAmount};
  flagged.verdict = Verdict::kFlagged;
  Finding finding;
  finding.rule = RuleId::kWrongYear;
  finding.severity = Severity::kWarning;
  finding.message = "500 bn CNY is the 2022 level; 2023 was 578.4 bn (CAICT)";
  finding.expected = Expected{578.4e9, "CNY"};
  finding.fact = std::make_shared<const Fact>(GdpFact());
  flagged.findings.push_back(finding);
  flagged.fact = std::make_shared<const Fact>(GdpFact());
  doc.claims.push_back(flagged);

  ClaimReport supported;
  supported.claim.text = "about 12.5%";
  supported.claim.source = {900, 911};
  supported.claim.line = 10;
  supported.claim.column = 1;
  supported.claim.column_utf16 = 1;
  supported.claim.type = ClaimType::kPercent;
  supported.claim.value = 12.5;
  supported.claim.unit = "%";
  supported.claim.qualifier = Qualifier::kAbout;
  supported.verdict = Verdict::kSupported;
  Fact share;
  share.id = "share";
  share.value = 12.6;
  share.unit = "%";
  share.source = "Survey";
  supported.fact = std::make_shared<const Fact>(share);
  doc.claims.push_back(supported);

  ClaimReport unverified;
  unverified.claim.text = "<script>alert(\"2024\")</script>";
  unverified.claim.source = {950, 980};
  unverified.claim.line = 11;
  unverified.claim.column = 4;
  unverified.claim.column_utf16 = 4;
  unverified.claim.type = ClaimType::kYear;
  unverified.claim.value = 2024;
  unverified.claim.unit = "year";
  unverified.claim.year = 2024;
  unverified.verdict = Verdict::kUnverified;
  unverified.note = "two facts competed";
  doc.claims.push_back(unverified);

  DocumentReport bad;
  bad.path = "corpus/broken.txt";
  bad.error = Status::ParseError("corpus/broken.txt: invalid UTF-8 at byte 7");
  return {doc, bad};
}

Summary SampleSummary() {
  Summary summary;
  summary.documents = 2;
  summary.claims = 3;
  summary.supported = 1;
  summary.flagged = 1;
  summary.unverified = 1;
  summary.errors = 1;
  return summary;
}

std::string Print(ReportFormat format, ReportKind kind,
                  const std::vector<DocumentReport>& reports) {
  std::ostringstream out;
  std::unique_ptr<Printer> printer = NewPrinter(format, kind, out);
  printer->Begin();
  for (const DocumentReport& report : reports) printer->Document(report);
  printer->Finish(SampleSummary());
  return out.str();
}

// nlohmann::json sorts keys; ordered_json keeps the written order.
using OrderedJson = nlohmann::ordered_json;

std::vector<std::string> Keys(const OrderedJson& object) {
  std::vector<std::string> keys;
  for (auto it = object.begin(); it != object.end(); ++it) {
    keys.push_back(it.key());
  }
  return keys;
}

TEST(NamesTest, SpellTheContract) {
  EXPECT_EQ(RuleIdName(RuleId::kFactMismatch), "fact-mismatch");
  EXPECT_EQ(RuleIdName(RuleId::kWrongYear), "wrong-year");
  EXPECT_EQ(RuleIdName(RuleId::kScaleSlip), "scale-slip");
  EXPECT_EQ(RuleIdName(RuleId::kCurrencyConversion), "currency-conversion");
  EXPECT_EQ(RuleIdName(RuleId::kInternalInconsistency),
            "internal-inconsistency");
  EXPECT_EQ(RuleIdName(RuleId::kChangeArithmetic), "change-arithmetic");
  EXPECT_EQ(RuleIdName(RuleId::kMisattribution), "misattribution");
  EXPECT_EQ(RuleIdName(RuleId::kImpossibleValue), "impossible-value");
  EXPECT_EQ(SeverityName(Severity::kError), "error");
  EXPECT_EQ(SeverityName(Severity::kWarning), "warning");
  EXPECT_EQ(VerdictName(Verdict::kSupported), "supported");
  EXPECT_EQ(VerdictName(Verdict::kFlagged), "flagged");
  EXPECT_EQ(VerdictName(Verdict::kUnverified), "unverified");
  EXPECT_EQ(ClaimTypeName(ClaimType::kPercent), "percent");
  EXPECT_EQ(ClaimTypeName(ClaimType::kCurrency), "currency");
  EXPECT_EQ(ClaimTypeName(ClaimType::kNumber), "number");
  EXPECT_EQ(ClaimTypeName(ClaimType::kYear), "year");
  EXPECT_EQ(QualifierName(Qualifier::kExact), "exact");
  EXPECT_EQ(QualifierName(Qualifier::kAbout), "about");
  EXPECT_EQ(QualifierName(Qualifier::kNearly), "nearly");
  EXPECT_EQ(QualifierName(Qualifier::kOver), "over");
  EXPECT_EQ(QualifierName(Qualifier::kUnder), "under");
  EXPECT_EQ(RelationKindName(RelationKind::kRange), "range");
  EXPECT_EQ(RelationKindName(RelationKind::kChange), "change");
  EXPECT_EQ(RelationKindName(RelationKind::kConversion), "conversion");
  EXPECT_EQ(RelationKindName(RelationKind::kMultiplier), "multiplier");
  const std::pair<RelationRole, std::string_view> roles[] = {
      {RelationRole::kLow, "low"},
      {RelationRole::kHigh, "high"},
      {RelationRole::kFrom, "from"},
      {RelationRole::kTo, "to"},
      {RelationRole::kDelta, "delta"},
      {RelationRole::kAmount, "amount"},
      {RelationRole::kEquivalent, "equivalent"},
      {RelationRole::kBase, "base"},
      {RelationRole::kResult, "result"},
      {RelationRole::kFactor, "factor"},
  };
  for (const auto& [role, name] : roles) {
    EXPECT_EQ(RelationRoleName(role), name);
  }
}

TEST(ParseReportFormatTest, AcceptsTheFiveFormats) {
  const std::pair<std::string_view, ReportFormat> cases[] = {
      {"text", ReportFormat::kText},   {"json", ReportFormat::kJson},
      {"jsonl", ReportFormat::kJsonl}, {"sarif", ReportFormat::kSarif},
      {"html", ReportFormat::kHtml},
  };
  for (const auto& [name, format] : cases) {
    SCOPED_TRACE(name);
    Result<ReportFormat> parsed = ParseReportFormat(name);
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, format);
  }
  Result<ReportFormat> bad = ParseReportFormat("xml");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(bad.status().message(), HasSubstr("\"xml\""));
}

constexpr std::string_view kJsonGolden = R"json({
  "version": 1,
  "documents": [
    {
      "path": "corpus/ai race.txt",
      "error": null,
      "claims": [
        {
          "text": "500 billion yuan",
          "start": 812,
          "end": 828,
          "line": 9,
          "column": 33,
          "type": "currency",
          "value": 500000000000,
          "unit": "CNY",
          "year": 2023,
          "qualifier": "exact",
          "relation": {
            "id": 3,
            "kind": "conversion",
            "role": "amount"
          },
          "verdict": "flagged",
          "findings": [
            {
              "rule": "wrong-year",
              "severity": "warning",
              "message": "500 bn CNY is the 2022 level; 2023 was 578.4 bn (CAICT)",
              "expected": {
                "value": 578400000000,
                "unit": "CNY"
              },
              "fact": {
                "id": "cn-core-ai-industry-2023",
                "value": 578400000000,
                "unit": "CNY",
                "year": 2023,
                "source": "CAICT",
                "url": "https://example.org/caict"
              }
            }
          ],
          "fact": {
            "id": "cn-core-ai-industry-2023",
            "value": 578400000000,
            "unit": "CNY",
            "year": 2023,
            "source": "CAICT",
            "url": "https://example.org/caict"
          }
        },
        {
          "text": "about 12.5%",
          "start": 900,
          "end": 911,
          "line": 10,
          "column": 1,
          "type": "percent",
          "value": 12.5,
          "unit": "%",
          "year": null,
          "qualifier": "about",
          "verdict": "supported",
          "findings": [],
          "fact": {
            "id": "share",
            "value": 12.6,
            "unit": "%",
            "year": null,
            "source": "Survey",
            "url": null
          }
        },
        {
          "text": "<script>alert(\"2024\")</script>",
          "start": 950,
          "end": 980,
          "line": 11,
          "column": 4,
          "type": "year",
          "value": 2024,
          "unit": "year",
          "year": 2024,
          "qualifier": "exact",
          "verdict": "unverified",
          "findings": [],
          "fact": null,
          "note": "two facts competed"
        }
      ]
    },
    {
      "path": "corpus/broken.txt",
      "error": "corpus/broken.txt: invalid UTF-8 at byte 7",
      "claims": []
    }
  ],
  "summary": {
    "documents": 2,
    "claims": 3,
    "supported": 1,
    "flagged": 1,
    "unverified": 1,
    "errors": 1
  }
}
)json";

TEST(JsonPrinterTest, WritesTheContractShape) {
  const std::string out =
      Print(ReportFormat::kJson, ReportKind::kCheck, SampleReports());
  EXPECT_EQ(out, kJsonGolden);

  // The streamed bytes are what one dump of the whole report would give.
  const OrderedJson parsed = OrderedJson::parse(out);
  EXPECT_EQ(parsed.dump(2) + "\n", out);
  EXPECT_THAT(Keys(parsed), ElementsAre("version", "documents", "summary"));
  const OrderedJson& claim = parsed["documents"][0]["claims"][0];
  EXPECT_THAT(Keys(claim),
              ElementsAre("text", "start", "end", "line", "column", "type",
                          "value", "unit", "year", "qualifier", "relation",
                          "verdict", "findings", "fact"));
  EXPECT_EQ(claim["value"].get<double>(), 5e11);
  EXPECT_THAT(Keys(claim["findings"][0]),
              ElementsAre("rule", "severity", "message", "expected", "fact"));
  EXPECT_THAT(Keys(claim["fact"]),
              ElementsAre("id", "value", "unit", "year", "source", "url"));
  EXPECT_THAT(Keys(parsed["documents"][1]),
              ElementsAre("path", "error", "claims"));
}

TEST(JsonPrinterTest, EmptyRunIsValidJson) {
  std::ostringstream out;
  std::unique_ptr<Printer> printer =
      NewPrinter(ReportFormat::kJson, ReportKind::kCheck, out);
  printer->Begin();
  printer->Finish(Summary{});
  const OrderedJson parsed = OrderedJson::parse(out.str());
  EXPECT_TRUE(parsed["documents"].empty());
  EXPECT_EQ(parsed.dump(2) + "\n", out.str());
}

TEST(JsonPrinterTest, ExtractOmitsCheckFields) {
  const std::string out =
      Print(ReportFormat::kJson, ReportKind::kExtract, SampleReports());
  const OrderedJson parsed = OrderedJson::parse(out);
  EXPECT_EQ(parsed.dump(2) + "\n", out);
  for (const OrderedJson& claim : parsed["documents"][0]["claims"]) {
    EXPECT_FALSE(claim.contains("verdict"));
    EXPECT_FALSE(claim.contains("findings"));
    EXPECT_FALSE(claim.contains("fact"));
    EXPECT_FALSE(claim.contains("note"));
  }
  EXPECT_THAT(Keys(parsed["documents"][0]["claims"][0]),
              ElementsAre("text", "start", "end", "line", "column", "type",
                          "value", "unit", "year", "qualifier", "relation"));
  EXPECT_THAT(Keys(parsed["summary"]),
              ElementsAre("documents", "claims", "errors"));
}

TEST(JsonlPrinterTest, WritesOneDocumentALineAndNoSummary) {
  const std::string out =
      Print(ReportFormat::kJsonl, ReportKind::kCheck, SampleReports());
  std::istringstream lines(out);
  std::string line;
  std::vector<OrderedJson> documents;
  while (std::getline(lines, line))
    documents.push_back(OrderedJson::parse(line));
  ASSERT_EQ(documents.size(), 2u);
  // The same object as in the json report.
  const OrderedJson full = OrderedJson::parse(
      Print(ReportFormat::kJson, ReportKind::kCheck, SampleReports()));
  EXPECT_EQ(documents[0], full["documents"][0]);
  EXPECT_EQ(documents[1], full["documents"][1]);
  EXPECT_EQ(documents[1]["error"],
            "corpus/broken.txt: invalid UTF-8 at byte 7");
}

TEST(TextPrinterTest, WritesOneLineAFindingThenTheSummary) {
  EXPECT_EQ(
      Print(ReportFormat::kText, ReportKind::kCheck, SampleReports()),
      "corpus/ai race.txt:9:33: warning: 500 bn CNY is the 2022 level; 2023 "
      "was 578.4 bn (CAICT) [wrong-year]\n"
      "2 documents, 3 claims: 1 supported, 1 flagged, 1 unverified; "
      "1 error\n");
}

TEST(TextPrinterTest, ExtractWritesOneLineAClaim) {
  EXPECT_EQ(Print(ReportFormat::kText, ReportKind::kExtract, SampleReports()),
            "corpus/ai race.txt:9:33: currency 500000000000 CNY (year 2023; "
            "conversion 3 amount) \"500 billion yuan\"\n"
            "corpus/ai race.txt:10:1: percent 12.5 % (about) \"about 12.5%\"\n"
            "corpus/ai race.txt:11:4: year 2024 year "
            "\"<script>alert(\\\"2024\\\")</script>\"\n"
            "2 documents, 3 claims; 1 error\n");
}

TEST(TextPrinterTest, KeepsEachRecordOnOneLine) {
  DocumentReport doc;
  doc.path = "a.txt";
  ClaimReport claim;
  claim.claim.text = "$5\nbillion";
  claim.verdict = Verdict::kFlagged;
  Finding finding;
  finding.message = "two\nlines";
  claim.findings.push_back(finding);
  doc.claims.push_back(claim);
  const std::string check =
      Print(ReportFormat::kText, ReportKind::kCheck, {doc});
  EXPECT_THAT(check, HasSubstr("two\\nlines [fact-mismatch]\n"));
  const std::string extract =
      Print(ReportFormat::kText, ReportKind::kExtract, {doc});
  EXPECT_THAT(extract, HasSubstr("\"$5\\nbillion\"\n"));
}

TEST(SarifPrinterTest, WritesAValidLogWithResultsAndNotifications) {
  const std::string out =
      Print(ReportFormat::kSarif, ReportKind::kCheck, SampleReports());
  const OrderedJson log = OrderedJson::parse(out);
  EXPECT_EQ(log.dump(2) + "\n", out);
  EXPECT_EQ(log["version"], "2.1.0");
  EXPECT_THAT(log["$schema"].get<std::string>(), HasSubstr("sarif-2.1.0"));
  ASSERT_EQ(log["runs"].size(), 1u);
  const OrderedJson& run = log["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "claimcheck");
  std::vector<std::string> rule_ids;
  for (const OrderedJson& rule : run["tool"]["driver"]["rules"]) {
    rule_ids.push_back(rule["id"]);
    EXPECT_FALSE(rule["shortDescription"]["text"].get<std::string>().empty());
  }
  EXPECT_THAT(
      rule_ids,
      ElementsAre("fact-mismatch", "wrong-year", "scale-slip",
                  "currency-conversion", "internal-inconsistency",
                  "change-arithmetic", "misattribution", "impossible-value"));
  ASSERT_EQ(run["results"].size(), 1u);
  const OrderedJson& result = run["results"][0];
  EXPECT_EQ(result["ruleId"], "wrong-year");
  EXPECT_EQ(rule_ids[result["ruleIndex"].get<size_t>()], "wrong-year");
  EXPECT_EQ(result["level"], "warning");
  EXPECT_THAT(result["message"]["text"].get<std::string>(),
              HasSubstr("578.4 bn"));
  const OrderedJson& location = result["locations"][0]["physicalLocation"];
  EXPECT_EQ(location["artifactLocation"]["uri"], "corpus/ai%20race.txt");
  EXPECT_EQ(location["region"]["startLine"], 9);
  EXPECT_EQ(location["region"]["startColumn"], 33);
  EXPECT_EQ(location["region"]["byteOffset"], 812);
  EXPECT_EQ(location["region"]["byteLength"], 16);
  EXPECT_EQ(result["properties"]["claim"]["verdict"], "flagged");

  const OrderedJson& invocation = run["invocations"][0];
  EXPECT_EQ(invocation["executionSuccessful"], false);
  ASSERT_EQ(invocation["toolExecutionNotifications"].size(), 1u);
  EXPECT_EQ(invocation["toolExecutionNotifications"][0]["level"], "error");
}

TEST(SarifPrinterTest, AbsolutePathsBecomeFileUris) {
  std::vector<DocumentReport> reports = SampleReports();
  reports[0].path = "/srv/news/a#1.txt";
  const OrderedJson log = OrderedJson::parse(
      Print(ReportFormat::kSarif, ReportKind::kCheck, reports));
  EXPECT_EQ(log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
               ["artifactLocation"]["uri"],
            "file:///srv/news/a%231.txt");
}

TEST(SarifPrinterTest, ExtractGivesANoteAClaim) {
  const OrderedJson log = OrderedJson::parse(
      Print(ReportFormat::kSarif, ReportKind::kExtract, SampleReports()));
  const OrderedJson& run = log["runs"][0];
  ASSERT_EQ(run["tool"]["driver"]["rules"].size(), 1u);
  EXPECT_EQ(run["tool"]["driver"]["rules"][0]["id"], "claim");
  ASSERT_EQ(run["results"].size(), 3u);
  for (const OrderedJson& result : run["results"]) {
    EXPECT_EQ(result["ruleId"], "claim");
    EXPECT_EQ(result["level"], "note");
    EXPECT_FALSE(result["properties"]["claim"].contains("verdict"));
  }
}

TEST(SarifPrinterTest, EmptyRunIsValid) {
  std::ostringstream out;
  std::unique_ptr<Printer> printer =
      NewPrinter(ReportFormat::kSarif, ReportKind::kCheck, out);
  printer->Begin();
  printer->Finish(Summary{});
  const OrderedJson log = OrderedJson::parse(out.str());
  EXPECT_TRUE(log["runs"][0]["results"].empty());
  EXPECT_EQ(log["runs"][0]["invocations"][0]["executionSuccessful"], true);
}

TEST(HtmlPrinterTest, EscapesEverythingFromTheInput) {
  std::vector<DocumentReport> reports = SampleReports();
  reports[0].path = "<img src=x onerror=alert(1)>.txt";
  Fact scripted = *reports[0].claims[1].fact;
  scripted.url = "javascript:alert(1)";
  reports[0].claims[1].fact = std::make_shared<const Fact>(scripted);
  reports[0].claims[0].findings[0].message = "a < b & \"c\"";
  const std::string out =
      Print(ReportFormat::kHtml, ReportKind::kCheck, reports);
  EXPECT_THAT(out, HasSubstr("<!DOCTYPE html>"));
  EXPECT_THAT(out, Not(HasSubstr("<script>")));
  EXPECT_THAT(out, Not(HasSubstr("<img")));
  EXPECT_THAT(out, Not(HasSubstr("href=\"javascript:")));
  EXPECT_THAT(out, HasSubstr("&lt;script&gt;alert(&quot;2024&quot;)"));
  EXPECT_THAT(out, HasSubstr("&lt;img src=x onerror=alert(1)&gt;.txt"));
  EXPECT_THAT(out, HasSubstr("a &lt; b &amp; &quot;c&quot;"));
  EXPECT_THAT(out, HasSubstr("<a href=\"https://example.org/caict\""));
  EXPECT_THAT(out, HasSubstr("wrong-year"));
  EXPECT_THAT(out, HasSubstr("two facts competed"));
  EXPECT_THAT(out, HasSubstr("source: Survey"));
  EXPECT_THAT(out, HasSubstr("2 documents, 3 claims: 1 supported, 1 flagged, "
                             "1 unverified; 1 error</footer>"));
  EXPECT_THAT(out, HasSubstr("invalid UTF-8 at byte 7"));
  EXPECT_THAT(out, HasSubstr("</html>\n"));
  EXPECT_THAT(out, HasSubstr("3 claims: 1 flagged, 1 supported, 1 unverified"));
  // The fact behind the finding is also the linked fact: shown once.
  size_t shown = 0;
  for (size_t at = out.find("cn-core-ai-industry-2023:");
       at != std::string::npos;
       at = out.find("cn-core-ai-industry-2023:", at + 1)) {
    ++shown;
  }
  EXPECT_EQ(shown, 1u);
}

TEST(HtmlPrinterTest, ExtractHasNoVerdictColumn) {
  const std::string out =
      Print(ReportFormat::kHtml, ReportKind::kExtract, SampleReports());
  EXPECT_THAT(out, Not(HasSubstr("Verdict")));
  EXPECT_THAT(out, Not(HasSubstr("class=\"verdict")));
  EXPECT_THAT(out, HasSubstr("500 billion yuan"));
}

}  // namespace
}  // namespace claimcheck

namespace claimcheck {
namespace {

// What a batch does on its workers must not change a byte of the report.
TEST(PrinterRenderTest, RenderThenWriteEqualsDocument) {
  for (ReportFormat format : {ReportFormat::kText, ReportFormat::kJson, ReportFormat::kJsonl,
                              ReportFormat::kSarif, ReportFormat::kHtml}) {
    for (ReportKind kind : {ReportKind::kCheck, ReportKind::kExtract}) {
      SCOPED_TRACE(static_cast<int>(format) * 10 + static_cast<int>(kind));
      std::ostringstream direct, rendered;
      std::unique_ptr<Printer> a = NewPrinter(format, kind, direct);
      std::unique_ptr<Printer> b = NewPrinter(format, kind, rendered);
      a->Begin();
      b->Begin();
      for (const DocumentReport& report : SampleReports()) {
        a->Document(report);
        std::optional<std::string> bytes = b->Render(report);
        bool streams = format == ReportFormat::kText || format == ReportFormat::kJson ||
                       format == ReportFormat::kJsonl;
        EXPECT_EQ(bytes.has_value(), streams);
        if (bytes) {
          b->Write(*bytes);
        } else {
          b->Document(report);
        }
      }
      a->Finish(SampleSummary());
      b->Finish(SampleSummary());
      EXPECT_EQ(rendered.str(), direct.str());
      EXPECT_FALSE(direct.str().empty());
    }
  }
}

}  // namespace
}  // namespace claimcheck
