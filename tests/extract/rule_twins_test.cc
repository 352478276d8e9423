// Twins (compiled_rules.h) are a way to find a rule's groups faster; they
// must never change which groups are found.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/compiled_rules.h"
#include "extract/extractor.h"
#include "gtest/gtest.h"
#include "re2/re2.h"

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

// A rules folder of the bundled lexicon and one rule file.
class OneRuleFile {
 public:
  explicit OneRuleFile(const std::string& pattern) {
    dir_ = fs::temp_directory_path() /
           ("claimcheck-twins-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    fs::copy_file(kRules + "/lexicon.json", dir_ / "lexicon.json");
    std::string escaped;
    for (char c : pattern) {
      if (c == '\\' || c == '"') escaped += '\\';
      escaped += c;
    }
    std::ofstream(dir_ / "number.json")
        << R"({"description": "test", "rules": [{"name": "probe", "kind": "number", "pattern": ")"
        << escaped << R"("}]})";
  }
  ~OneRuleFile() { fs::remove_all(dir_); }
  std::string dir() const { return dir_.string(); }

 private:
  fs::path dir_;
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

}  // namespace
}  // namespace claimcheck
