// The compiled rules' shortcuts (compiled_rules.h) must never change what
// is found: twins find a rule's groups faster, the exclusions' starting
// set rules out exclusions at a place in one pass.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/compiled_rules.h"
#include "extract/extractor.h"
#include "gtest/gtest.h"
#include "re2/re2.h"
#include "temp_rules.h"

namespace claimcheck {
namespace {

namespace fs = std::filesystem;

const std::string kRules = CLAIMCHECK_SOURCE_DIR "/rules";
const std::string kCorpus = CLAIMCHECK_SOURCE_DIR "/corpus";

const CompiledRule* FindRule(const RuleSet& rules, const std::string& name) {
  for (const Family& family : rules.compiled().families) {
    for (const CompiledRule& rule : family.rules) {
      if (rules.rules()[rule.info].name == name) return &rule;
    }
  }
  return nullptr;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Every place a family pattern matches in the corpus, with one byte of
// context each side, as the extractor asks; and the same texts cut at
// every byte, so that partial and failing matches are asked too.
std::vector<std::string> Windows(const RuleSet& rules) {
  std::vector<std::string> windows;
  for (const auto& entry : fs::directory_iterator(kCorpus)) {
    std::string text = ReadFile(entry.path());
    for (const Family& family : rules.compiled().families) {
      re2::StringPiece found;
      size_t pos = 0;
      while (pos < text.size() &&
             family.re->Match(text, pos, text.size(), RE2::UNANCHORED, &found, 1)) {
        size_t start = found.data() - text.data();
        size_t end = start + found.size();
        pos = end > start ? end : end + 1;
        size_t from = start > 0 ? start - 1 : 0;
        windows.push_back(text.substr(from, std::min(text.size(), end + 1) - from));
      }
    }
  }
  return windows;
}

void ExpectSameGroups(const CompiledRule& rule, const std::string& window, size_t start,
                      size_t end) {
  std::vector<re2::StringPiece> direct(rule.groups), twinned(rule.groups);
  bool a = rule.re->Match(window, start, end, RE2::ANCHOR_BOTH, direct.data(), rule.groups);
  bool b = MatchRuleGroups(rule, window, start, end, twinned.data());
  ASSERT_EQ(a, b) << "[" << window.substr(start, end - start) << "]";
  if (!a) return;
  for (int g = 0; g < rule.groups; ++g) {
    EXPECT_EQ(direct[g].data(), twinned[g].data()) << window << " group " << g;
    EXPECT_EQ(direct[g].size(), twinned[g].size()) << window << " group " << g;
  }
}

TEST(RuleTwinsTest, LargeRulesWithAChoiceOfNumbersHaveTwins) {
  auto rules = RuleSet::Load(kRules);
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  const CompiledRule* counted = FindRule(**rules, "number_counted");
  ASSERT_NE(counted, nullptr);
  EXPECT_GT(counted->re->ProgramSize(), 512);
  ASSERT_EQ(counted->twins.size(), 2u);  // {digits}, {word_number}
  EXPECT_LE(counted->twins[0]->ProgramSize(), 512);
}

TEST(RuleTwinsTest, TwinsFindTheRulesGroupsOnTheCorpus) {
  auto rules = RuleSet::Load(kRules);
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  std::vector<std::string> windows = Windows(**rules);
  ASSERT_GT(windows.size(), 100u);
  int with_twins = 0;
  for (const Family& family : (*rules)->compiled().families) {
    for (const CompiledRule& rule : family.rules) {
      if (rule.twins.empty()) continue;
      ++with_twins;
      SCOPED_TRACE((*rules)->rules()[rule.info].name);
      for (const std::string& window : windows) {
        ExpectSameGroups(rule, window, 1, window.size() - 1);
        for (size_t end = 1; end < window.size(); ++end) ExpectSameGroups(rule, window, 0, end);
      }
    }
  }
  EXPECT_GE(with_twins, 1);
}

// A rules folder of the bundled lexicon and one number rule, "probe".
class OneRuleFile : public TempRules {
 public:
  explicit OneRuleFile(const std::string& pattern) {
    std::string escaped;
    for (char c : pattern) {
      if (c == '\\' || c == '"') escaped += '\\';
      escaped += c;
    }
    Write("number.json", R"({"description": "test", "rules": [{"name": "probe", "kind": "number", "pattern": ")" +
                             escaped + R"("}]})");
  }
};

TEST(RuleTwinsTest, NoTwinsWhenTheChoiceIsMadeMoreThanOnce) {
  for (const std::string pattern :
       {"(?:(?P<number>{number}){sp}+)+(?P<noun>[a-z]+)",           // repeated
        "(?P<number>{number}){sp}+or{sp}+{number}",                  // twice
        "(?:(?P<number>{number}))*{sp}*(?P<noun>[a-z]+)",           // starred
        "(?:(?P<number>{number}),?){2,3}(?P<noun>[a-z]+)"}) {       // counted
    SCOPED_TRACE(pattern);
    OneRuleFile dir(pattern);
    auto rules = RuleSet::Load(dir.dir());
    ASSERT_TRUE(rules.ok()) << rules.status().message();
    const CompiledRule* probe = FindRule(**rules, "probe");
    ASSERT_NE(probe, nullptr);
    EXPECT_GT(probe->re->ProgramSize(), 512);
    EXPECT_TRUE(probe->twins.empty());
  }
}

TEST(RuleTwinsTest, AnOptionalChoiceHasTwinsThatAgree) {
  OneRuleFile dir("(?P<number>{number})?(?:{sp}*(?P<noun>[a-z]+|[0-9]+))?");
  auto rules = RuleSet::Load(dir.dir());
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  const CompiledRule* probe = FindRule(**rules, "probe");
  ASSERT_NE(probe, nullptr);
  ASSERT_EQ(probe->twins.size(), 2u);
  for (const std::string text : {"12 jobs", "twelve jobs", "jobs", "12", "twelve", "", "one 12",
                                 "12 twelve", "a dozen", "twenty-one", "x"}) {
    SCOPED_TRACE(text);
    ExpectSameGroups(*probe, text, 0, text.size());
  }
}

TEST(StartingSetTest, NamesEveryExclusionThatMatchesAtAPlace) {
  auto rules = RuleSet::Load(kRules);
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  const Family* exclusions = nullptr;
  for (const Family& family : (*rules)->compiled().families) {
    if (family.kind == RuleKind::kExclude) exclusions = &family;
  }
  ASSERT_NE(exclusions, nullptr);
  ASSERT_NE(exclusions->starting, nullptr);
  // Every place in the corpus and in the exclusions' own examples, with
  // each byte before it that changes what \b sees.
  std::vector<std::string> texts;
  for (const auto& entry : fs::directory_iterator(kCorpus)) texts.push_back(ReadFile(entry.path()));
  for (const CompiledRule& rule : exclusions->rules) {
    for (const auto& example : (*rules)->rules()[rule.info].match) {
      for (const std::string before : {"", " ", "x", "5", "\n", "("}) {
        texts.push_back(before + example.text);
      }
    }
  }
  size_t places = 0, matches = 0;
  std::vector<int> starting;
  for (const std::string& text : texts) {
    for (size_t start = 0; start < text.size(); ++start) {
      const size_t from = start > 0 ? start - 1 : 0;
      const size_t to = std::min(text.size(), start + 256);
      const re2::StringPiece window(text.data() + from, to - from);
      starting.clear();
      exclusions->starting->Match(window, &starting);
      ++places;
      for (size_t i = 0; i < exclusions->rules.size(); ++i) {
        if (!exclusions->rules[i].re->Match(window, start - from, to - from, RE2::ANCHOR_START,
                                            nullptr, 0)) {
          continue;
        }
        ++matches;
        EXPECT_NE(std::find(starting.begin(), starting.end(), static_cast<int>(i)), starting.end())
            << (*rules)->rules()[exclusions->rules[i].info].name << " at "
            << text.substr(start, 40);
      }
    }
  }
  EXPECT_GT(matches, 50u);
  EXPECT_GT(places, 10000u);
}

}  // namespace
}  // namespace claimcheck
