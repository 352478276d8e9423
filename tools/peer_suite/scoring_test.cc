#include "scoring.h"

#include <filesystem>
#include <string>

#include "gtest/gtest.h"

namespace claimcheck::peer {
namespace {

const std::string kSuites = CLAIMCHECK_SHARED_DIR "/peer-suites/recognizers-text/";

std::unique_ptr<RuleSet> BundledRules() {
  auto rules = RuleSet::Load(CLAIMCHECK_SOURCE_DIR "/rules");
  EXPECT_TRUE(rules.ok()) << rules.status().message();
  return rules.ok() ? std::move(*rules) : nullptr;
}

void ExpectAtLeast(const std::string& file, double target) {
  if (!std::filesystem::exists(kSuites + file)) GTEST_SKIP() << kSuites << file << " is absent";
  auto rules = BundledRules();
  ASSERT_NE(rules, nullptr);
  Result<Score> score = ScoreSuite(kSuites + file, KindOfSuite(file), *rules);
  ASSERT_TRUE(score.ok()) << score.status().message();
  std::string misses;
  for (const CaseResult& r : score->results) {
    if (!r.right) misses += r.input + "\n  " + r.why + "\n";
  }
  EXPECT_GE(score->Share(), target) << score->right << "/" << score->cases << " right; misses:\n"
                                    << misses;
}

TEST(PeerSuiteTest, PercentCasesMeetTarget) { ExpectAtLeast("percent.jsonl", 0.90); }

TEST(PeerSuiteTest, CurrencyCasesMeetTarget) { ExpectAtLeast("currency.jsonl", 0.85); }

TEST(PeerSuiteTest, KindComesFromFileName) {
  EXPECT_EQ(KindOfSuite("a/percent.jsonl"), SuiteKind::kPercent);
  EXPECT_EQ(KindOfSuite("currency.jsonl"), SuiteKind::kCurrency);
  EXPECT_EQ(KindOfSuite("number.jsonl"), SuiteKind::kNumber);
}

}  // namespace
}  // namespace claimcheck::peer
