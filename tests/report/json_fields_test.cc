#include "report/json_fields.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace claimcheck {
namespace {

// The writer promises nlohmann's bytes: each case writes a value with
// JsonWriter and builds the same value as a Json tree, and the two texts
// must agree, on one line and indented.
struct Case {
  std::string name;
  std::function<void(JsonWriter&)> write;
  Json tree;
};

std::vector<Case> Cases() {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<Case> cases;
  auto string = [&](std::string name, std::string value) {
    cases.push_back({name, [value](JsonWriter& out) { out.String(value); }, Json(value)});
  };
  string("plain", "US private AI investment");
  string("empty", "");
  string("quotes and backslashes", "say \"$5bn\" \\ not");
  string("control characters", std::string("a\nb\tc\rd\x01\x1f\x7f") + '\0' + "end");
  string("unicode", "500 billion yuan \xe2\x80\x94 \xe2\x82\xac" "70 billion");
  string("invalid UTF-8", "bad \xff\xfe byte and a cut \xe2\x82");
  std::string ascii;
  for (int c = 0; c < 0x80; ++c) ascii.push_back(static_cast<char>(c));
  string("every ASCII byte", ascii);
  string("four-byte character", "rose \xf0\x9f\x93\x88 by 5%");
  string("overlong form", "a \xc0\x80 b");
  string("surrogate", "a \xed\xa0\x80 b");
  string("past U+10FFFF", "a \xf4\x90\x80\x80 b");
  for (int c = 0x80; c < 0x100; ++c) {
    string("lone byte " + std::to_string(c), std::string("x") + static_cast<char>(c) + "\"");
  }
  auto number = [&](std::string name, double value, Json tree) {
    cases.push_back({name, [value](JsonWriter& out) { out.Number(value); }, tree});
  };
  number("whole", 109.1e9, Json(int64_t{109100000000}));
  number("negative whole", -3, Json(int64_t{-3}));
  number("fraction", 5.4, Json(5.4));
  number("tiny", 1.25e-7, Json(1.25e-7));
  number("beyond 2^53", 1e300, Json(1e300));
  number("NaN", nan, Json(nullptr));
  number("infinity", -inf, Json(nullptr));
  cases.push_back({"empty object and array",
                   [](JsonWriter& out) {
                     out.BeginArray();
                     out.BeginObject();
                     out.EndObject();
                     out.BeginArray();
                     out.EndArray();
                     out.EndArray();
                   },
                   Json::array({Json::object(), Json::array()})});
  cases.push_back({"nested",
                   [](JsonWriter& out) {
                     out.BeginObject();
                     out.Key("path");
                     out.String("a.txt");
                     out.Key("error");
                     out.Null();
                     out.Key("claims");
                     out.BeginArray();
                     out.Integer(1);
                     out.BeginObject();
                     out.Key("k \"q\"");
                     out.Number(0.5);
                     out.EndObject();
                     out.EndArray();
                     out.Key("count");
                     out.Integer(7);
                     out.EndObject();
                   },
                   [] {
                     Json tree;
                     tree["path"] = "a.txt";
                     tree["error"] = nullptr;
                     Json inner;
                     inner["k \"q\""] = 0.5;
                     tree["claims"] = Json::array({1, inner});
                     tree["count"] = 7;
                     return tree;
                   }()});
  return cases;
}

TEST(JsonWriterTest, WritesNlohmannsBytesOnOneLine) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    std::string text;
    JsonWriter out(text);
    c.write(out);
    EXPECT_EQ(text, c.tree.dump(-1, ' ', false, Json::error_handler_t::replace));
  }
}

TEST(JsonWriterTest, WritesNlohmannsBytesIndented) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    std::string text;
    JsonWriter out(text, 2, 4);
    c.write(out);
    EXPECT_EQ(text, DumpNested(c.tree, 4));
  }
}

// Strings are read eight bytes at a time: characters to escape, and
// multi-byte and invalid sequences, at every offset and in every mix.
TEST(JsonWriterTest, WritesNlohmannsBytesForRandomStrings) {
  const std::vector<std::string> pieces = {
      "a", "Z", " ", "5", "%", "\"", "\\", "\n", "\t", std::string(1, '\0'), "\x1f", "\x7f",
      "\xe2\x80\x94", "\xc2\xa0", "\xf0\x9f\x93\x88", "\xff", "\xe2\x82", "plain words "};
  std::mt19937 random(20261130);
  for (int n = 0; n < 2000; ++n) {
    std::string value;
    const size_t count = random() % 24;
    for (size_t k = 0; k < count; ++k) value += pieces[random() % pieces.size()];
    SCOPED_TRACE(::testing::PrintToString(value));
    std::string text;
    JsonWriter out(text);
    out.String(value);
    ASSERT_EQ(text, Json(value).dump(-1, ' ', false, Json::error_handler_t::replace));
  }
}

TEST(JsonFieldsTest, ClaimJsonReadsBackWhatWriteClaimWrote) {
  ClaimReport report;
  report.claim.text = "\xe2\x82\xac" "70 billion";
  report.claim.value = 70e9;
  report.claim.unit = "EUR";
  report.claim.year = 2023;
  report.verdict = Verdict::kFlagged;
  Finding finding;
  finding.rule = RuleId::kWrongYear;
  finding.message = "the 2022 figure";
  report.findings.push_back(finding);
  Json claim = ClaimJson(report, ReportKind::kCheck);
  EXPECT_EQ(claim["text"], "\xe2\x82\xac" "70 billion");
  EXPECT_EQ(claim["value"], 70000000000);
  EXPECT_EQ(claim["year"], 2023);
  EXPECT_EQ(claim["verdict"], "flagged");
  ASSERT_EQ(claim["findings"].size(), 1u);
  EXPECT_EQ(claim["findings"][0]["rule"], "wrong-year");
  EXPECT_TRUE(claim["fact"].is_null());
  std::string line;
  JsonWriter out(line);
  WriteClaim(report, ReportKind::kCheck, out);
  EXPECT_EQ(claim.dump(), line);
}

}  // namespace
}  // namespace claimcheck
