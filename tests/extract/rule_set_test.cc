#include <filesystem>
#include <fstream>
#include <string>

#include "extract/extractor.h"
#include "gtest/gtest.h"
#include "re2/re2.h"
#include "temp_rules.h"

namespace claimcheck {
namespace {

namespace fs = std::filesystem;

const std::string kRules = CLAIMCHECK_SOURCE_DIR "/rules";

TEST(RuleSetTest, LoadsBundledRules) {
  auto rules = RuleSet::Load(kRules);
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  EXPECT_FALSE((*rules)->rules().empty());
  EXPECT_FALSE((*rules)->lexicon().currencies.empty());
  EXPECT_EQ((*rules)->lexicon().currencies.at(Lexicon::Key("US$")).code, "USD");
  EXPECT_EQ((*rules)->lexicon().scales.at("bn"), 1e9);
}

TEST(RuleSetTest, PatternsCompileOnTheirOwn) {
  auto rules = RuleSet::Load(kRules);
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  std::vector<std::string> patterns = (*rules)->Patterns();
  ASSERT_GE(patterns.size(), 5u);  // percent, currency, number, year, multiplier, exclusions
  for (const std::string& p : patterns) {
    RE2 re(p);
    EXPECT_TRUE(re.ok()) << re.error();
  }
}

TEST(RuleSetTest, KeyIgnoresCaseAndSpaces) {
  EXPECT_EQ(Lexicon::Key("US $"), "us$");
  EXPECT_EQ(Lexicon::Key("Per\xC2\xA0" "Cent"), "percent");
  EXPECT_EQ(Lexicon::Key("HK$"), Lexicon::Key("hk $"));
}

struct BadRulesCase {
  std::string label;
  std::string file_content;
  std::string expected_message;  // a part of the message
};

TEST(RuleSetTest, RejectsBadRuleFiles) {
  const BadRulesCase cases[] = {
      {"bad pattern",
       R"({"rules": [{"name": "broken", "kind": "percent", "pattern": "(\\d+%"}]})",
       "x.json: rule broken: pattern does not compile: missing )"},
      {"unknown field",
       R"({"rules": [{"name": "r", "kind": "percent", "pattern": "\\d+%", "colour": "red"}]})",
       "x.json: rule r: unknown field \"colour\""},
      {"missing name", R"({"rules": [{"kind": "percent", "pattern": "\\d+%"}]})",
       "x.json: rule #1: missing field \"name\""},
      {"bad json", R"({"rules": [)", "x.json: not valid JSON"},
      {"unknown kind", R"({"rules": [{"name": "r", "kind": "fraction", "pattern": "x"}]})",
       "x.json: rule r: unknown kind \"fraction\""},
      {"unknown placeholder",
       R"({"rules": [{"name": "r", "kind": "percent", "pattern": "{nope}%"}]})",
       "x.json: rule r: unknown placeholder {nope}"},
      {"unknown group",
       R"({"rules": [{"name": "r", "kind": "percent", "pattern": "(?P<amount>\\d+)%"}]})",
       "x.json: rule r: unknown capture group \"amount\""},
      {"example that does not match",
       R"({"rules": [{"name": "r", "kind": "percent", "pattern": "(?P<number>\\d+)%",
          "examples": {"match": ["five percent"]}}]})",
       "x.json: rule r: example \"five percent\" does not match"},
      {"no_match example that matches",
       R"({"rules": [{"name": "r", "kind": "percent", "pattern": "(?P<number>\\d+)%",
          "examples": {"no_match": ["5%"]}}]})",
       "x.json: rule r: no_match example \"5%\" matches"},
      {"unknown example field",
       R"({"rules": [{"name": "r", "kind": "percent", "pattern": "(?P<number>\\d+)%",
          "examples": {"match": [{"text": "5%", "valu": 5}]}}]})",
       "unknown field \"valu\""},
      {"duplicate name",
       R"({"rules": [{"name": "r", "kind": "percent", "pattern": "\\d+%"},
                     {"name": "r", "kind": "percent", "pattern": "\\d+ percent"}]})",
       "x.json: rule r: duplicate rule name"},
      {"relation without between",
       R"({"rules": [{"name": "r", "kind": "percent", "pattern": "(?P<number>\\d+)%"},
                     {"name": "rel", "relation": "range", "roles": ["low", "high"]}]})",
       "x.json: rule rel: missing field \"between\""},
      {"relation with a bad role",
       R"({"rules": [{"name": "r", "kind": "percent", "pattern": "(?P<number>\\d+)%"},
                     {"name": "rel", "relation": "range", "roles": ["low", "top"], "between": "-"}]})",
       "x.json: rule rel: \"roles\" must name two roles"},
      {"relation example not related",
       R"({"rules": [{"name": "r", "kind": "percent", "pattern": "(?P<number>\\d+)%"},
                     {"name": "rel", "relation": "range", "roles": ["low", "high"], "between": "-",
                      "examples": {"match": ["2% and 3%"]}}]})",
       "x.json: rule rel: example \"2% and 3%\" is not related by this rule"},
  };
  for (const BadRulesCase& c : cases) {
    SCOPED_TRACE(c.label);
    TempRules dir;
    dir.Write("x.json", c.file_content);
    auto rules = RuleSet::Load(dir.dir());
    ASSERT_FALSE(rules.ok());
    EXPECT_EQ(rules.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(rules.status().message().find(c.expected_message), std::string::npos)
        << rules.status().message();
    // The message names the file as the folder was given.
    EXPECT_EQ(rules.status().message().rfind(dir.dir(), 0), 0u) << rules.status().message();
  }
}

// Threads share the loading; what is loaded, and which error is reported
// when several files have one, does not depend on how many.
TEST(RuleSetTest, LoadingOnThreadsGivesTheSameRules) {
  auto one = RuleSet::Load(kRules, 1);
  ASSERT_TRUE(one.ok()) << one.status().message();
  for (int threads : {2, 4, 16}) {
    SCOPED_TRACE(threads);
    auto many = RuleSet::Load(kRules, threads);
    ASSERT_TRUE(many.ok()) << many.status().message();
    EXPECT_EQ((*many)->Patterns(), (*one)->Patterns());
    ASSERT_EQ((*many)->rules().size(), (*one)->rules().size());
    for (size_t i = 0; i < (*one)->rules().size(); ++i) {
      EXPECT_EQ((*many)->rules()[i].file, (*one)->rules()[i].file);
      EXPECT_EQ((*many)->rules()[i].name, (*one)->rules()[i].name);
      EXPECT_EQ((*many)->rules()[i].pattern, (*one)->rules()[i].pattern);
    }
    // Claims found by the rules loaded either way are the same.
    Document doc;
    doc.text = doc.source =
        "Sales rose from $2.1 billion in 2022 to $2.4 billion, up 14%, and the staff "
        "of 1,200 doubled between 2019 and 2023 (about 30 billion yuan).";
    std::vector<RawClaim> a = Extractor(**one).Extract(doc);
    std::vector<RawClaim> b = Extractor(**many).Extract(doc);
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].span.start, b[i].span.start);
      EXPECT_EQ(a[i].span.end, b[i].span.end);
      EXPECT_EQ(a[i].rule, b[i].rule);
      EXPECT_EQ(a[i].relation_rule, b[i].relation_rule);
    }
  }
  TempRules dir;
  dir.Write("a.json", R"({"rules": [{"name": "first", "kind": "percent", "pattern": "(\\d+%"}]})");
  dir.Write("b.json", R"({"rules": [)");
  dir.Write("c.json", R"({"rules": [{"name": "r", "kind": "percent", "pattern": "x", "colour": 1}]})");
  for (int threads : {1, 3}) {
    SCOPED_TRACE(threads);
    auto rules = RuleSet::Load(dir.dir(), threads);
    ASSERT_FALSE(rules.ok());
    EXPECT_NE(rules.status().message().find("a.json: rule first: pattern does not compile"),
              std::string::npos)
        << rules.status().message();
  }
}

TEST(RuleSetTest, RejectsBadLexicon) {
  TempRules dir;
  dir.Write("lexicon.json", R"({"fragments": {"sp": " "}, "scales": [{"words": ["bn"]}]})");
  dir.Write("x.json", R"({"rules": [{"name": "r", "kind": "percent", "pattern": "\\d+%"}]})");
  auto rules = RuleSet::Load(dir.dir());
  ASSERT_FALSE(rules.ok());
  EXPECT_NE(rules.status().message().find("lexicon.json: scales[0]"), std::string::npos)
      << rules.status().message();
}

TEST(RuleSetTest, MissingFolderIsNotFound) {
  auto rules = RuleSet::Load("/nonexistent/claimcheck/rules");
  ASSERT_FALSE(rules.ok());
  EXPECT_EQ(rules.status().code(), StatusCode::kNotFound);
}

TEST(RuleSetTest, MissingLexiconIsAnError) {
  TempRules dir;
  fs::remove(fs::path(dir.dir()) / "lexicon.json");
  dir.Write("x.json", R"({"rules": [{"name": "r", "kind": "percent", "pattern": "\\d+%"}]})");
  auto rules = RuleSet::Load(dir.dir());
  ASSERT_FALSE(rules.ok());
  EXPECT_NE(rules.status().message().find("lexicon.json: missing"), std::string::npos);
}

TEST(RuleSetTest, AddingACurrencyIsADataChange) {
  TempRules dir;
  // A lexicon with one made-up currency and the bundled currency rules.
  std::ifstream in(kRules + "/lexicon.json");
  std::string lexicon((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string anchor = "\"currencies\": [";
  size_t at = lexicon.find(anchor);
  ASSERT_NE(at, std::string::npos);
  lexicon.insert(at + anchor.size(),
                 R"({"code": "XTS", "symbols": ["T$"], "names": ["testcoins"]},)");
  dir.Write("lexicon.json", lexicon);
  fs::copy_file(kRules + "/currency.json", fs::path(dir.dir()) / "currency.json");
  auto rules = RuleSet::Load(dir.dir());
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  Document doc;
  doc.text = doc.source = "They paid T$5bn, or 7 million testcoins.";
  std::vector<RawClaim> raw = Extractor(**rules).Extract(doc);
  ASSERT_EQ(raw.size(), 2u);
  EXPECT_EQ(doc.text.substr(raw[0].span.start, raw[0].span.end - raw[0].span.start), "T$5bn");
  EXPECT_EQ(doc.text.substr(raw[1].currency.start, raw[1].currency.end - raw[1].currency.start),
            "testcoins");
}

}  // namespace
}  // namespace claimcheck
