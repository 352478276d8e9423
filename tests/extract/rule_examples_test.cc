// Runs every example of every rule in the bundled rules/ through the whole
// extraction (extractor and normalizer): RuleSet::Load already checks each
// pattern against its own examples; this checks what the examples promise
// about values, units and claim texts once all rules compete.
#include <cmath>
#include <string>

#include "extract/extractor.h"
#include "gtest/gtest.h"
#include "normalize/normalizer.h"
#include "re2/re2.h"

namespace claimcheck {
namespace {

ClaimType TypeOf(RuleKind kind) {
  switch (kind) {
    case RuleKind::kPercent:
      return ClaimType::kPercent;
    case RuleKind::kCurrency:
      return ClaimType::kCurrency;
    case RuleKind::kYear:
      return ClaimType::kYear;
    default:
      return ClaimType::kNumber;
  }
}

bool Near(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b)); }

class RuleExamplesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = RuleSet::Load(CLAIMCHECK_SOURCE_DIR "/rules");
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    rules_ = std::move(*loaded).release();
  }
  static void TearDownTestSuite() {
    delete rules_;
    rules_ = nullptr;
  }
  static std::vector<Claim> Claims(const std::string& text) {
    Document doc;
    doc.text = doc.source = text;
    return ExtractClaims(doc, *rules_);
  }
  static RuleSet* rules_;
};

RuleSet* RuleExamplesTest::rules_ = nullptr;

TEST_F(RuleExamplesTest, EveryRuleHasExamples) {
  for (const RuleSet::RuleInfo& info : rules_->rules()) {
    SCOPED_TRACE(info.file + ": rule " + info.name);
    EXPECT_FALSE(info.match.empty());
  }
}

TEST_F(RuleExamplesTest, MatchExamplesGiveTheirValues) {
  int checked = 0;
  for (const RuleSet::RuleInfo& info : rules_->rules()) {
    if (info.is_relation || info.kind == RuleKind::kExclude) continue;
    for (const auto& ex : info.match) {
      SCOPED_TRACE(info.file + ": rule " + info.name + ": \"" + ex.text + "\"");
      std::vector<Claim> claims = Claims(ex.text);
      bool found = false;
      for (const Claim& c : claims) {
        if (c.type != TypeOf(info.kind) && info.kind != RuleKind::kMultiplier) continue;
        if (ex.value && !Near(c.value, *ex.value)) continue;
        if (!ex.unit.empty() && c.unit != ex.unit) continue;
        if (!ex.claim.empty() && c.text != ex.claim) continue;
        found = true;
      }
      std::string got;
      for (const Claim& c : claims) got += "[" + c.text + "] " + std::to_string(c.value) + " " + c.unit + "; ";
      EXPECT_TRUE(found) << "claims: " << got;
      ++checked;
    }
  }
  EXPECT_GT(checked, 50);
}

TEST_F(RuleExamplesTest, ExclusionExamplesLeaveNoVetoedClaim) {
  for (const RuleSet::RuleInfo& info : rules_->rules()) {
    if (info.kind != RuleKind::kExclude || info.is_relation) continue;
    RE2 re(info.pattern);
    ASSERT_TRUE(re.ok()) << re.error();
    const auto& named = re.NamedCapturingGroups();
    const int veto = named.count("veto") ? named.at("veto") : 0;
    const int word = named.count("word") ? named.at("word") : -1;
    std::vector<re2::StringPiece> groups(re.NumberOfCapturingGroups() + 1);
    for (const auto& ex : info.match) {
      SCOPED_TRACE(info.file + ": rule " + info.name + ": \"" + ex.text + "\"");
      std::vector<Span> vetoed;
      size_t pos = 0;
      while (pos <= ex.text.size() && re.Match(ex.text, pos, ex.text.size(), RE2::UNANCHORED,
                                               groups.data(), groups.size())) {
        size_t end = groups[0].data() - ex.text.data() + groups[0].size();
        pos = end > pos ? end : pos + 1;
        if (word >= 0 && groups[word].data() != nullptr &&
            rules_->lexicon().InList(info.unless, groups[word])) {
          continue;
        }
        size_t start = groups[veto].data() - ex.text.data();
        vetoed.push_back({start, start + groups[veto].size()});
      }
      ASSERT_FALSE(vetoed.empty());
      for (const Claim& c : Claims(ex.text)) {
        for (const Span& v : vetoed) {
          bool overlaps = c.in_text.start < v.end && v.start < c.in_text.end;
          for (RuleKind kind : info.vetoes) {
            EXPECT_FALSE(overlaps && c.type == TypeOf(kind) &&
                         !(kind == RuleKind::kNumber && c.unit == "times"))
                << "found [" << c.text << "]";
          }
        }
      }
    }
  }
}

TEST_F(RuleExamplesTest, RelationExamplesAreRelated) {
  Extractor extractor(*rules_);
  for (size_t i = 0; i < rules_->rules().size(); ++i) {
    const RuleSet::RuleInfo& info = rules_->rules()[i];
    if (!info.is_relation) continue;
    for (const auto& ex : info.match) {
      SCOPED_TRACE(info.file + ": rule " + info.name + ": \"" + ex.text + "\"");
      Document doc;
      doc.text = doc.source = ex.text;
      int joined = 0;
      for (const RawClaim& c : extractor.Extract(doc)) {
        if (c.relation_group > 0) ++joined;
      }
      EXPECT_GE(joined, 2);
    }
  }
}

}  // namespace
}  // namespace claimcheck
