#include "pipeline/pipeline.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "input/reader.h"
#include "report/printer.h"

namespace claimcheck {
namespace {

namespace fs = std::filesystem;

const std::string kSource = CLAIMCHECK_SOURCE_DIR;

// The corpus' files in order, with a missing one and a folder in between.
std::vector<std::string> Paths() {
  std::vector<std::string> paths;
  for (const auto& entry : fs::directory_iterator(kSource + "/corpus")) {
    paths.push_back(entry.path().string());
  }
  std::sort(paths.begin(), paths.end());
  paths.insert(paths.begin() + 3, kSource + "/corpus/no-such-file.txt");
  paths.insert(paths.begin() + 7, kSource + "/rules");
  return paths;
}

std::string Jsonl(const DocumentReport& report) {
  std::ostringstream unused;
  auto printer = NewPrinter(ReportFormat::kJsonl, ReportKind::kCheck, unused);
  return *printer->Render(report);
}

class CheckFilesTest : public testing::TestWithParam<bool> {};

// Checking files together gives each the report it gets alone, in order,
// the unreadable ones included; with the fact store and without.
TEST_P(CheckFilesTest, SameReportsAsOneDocumentAtATime) {
  const bool with_facts = GetParam();
  auto rules = RuleSet::Load(kSource + "/rules");
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  std::unique_ptr<FactStore> store;
  std::unique_ptr<Linker> linker;
  if (with_facts) {
    auto opened = OpenFactsForChecking(kSource + "/facts.db");
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    store = std::move(opened).value();
    linker = std::make_unique<Linker>(*store);
  }
  const Engine engine{rules->get(), store.get(), linker.get()};
  const std::vector<std::string> paths = Paths();
  std::vector<DocumentReport> together = CheckFiles(paths, engine);
  ASSERT_EQ(together.size(), paths.size());
  size_t failed = 0;
  for (size_t i = 0; i < paths.size(); ++i) {
    SCOPED_TRACE(paths[i]);
    Result<Document> doc = ReadDocument(paths[i]);
    DocumentReport alone =
        doc.ok() ? CheckDocument(*doc, engine) : FailedDocument(paths[i], doc.status());
    EXPECT_EQ(together[i].path, paths[i]);
    EXPECT_EQ(Jsonl(together[i]), Jsonl(alone));
    failed += together[i].error.has_value();
  }
  EXPECT_EQ(failed, 2u);
}

INSTANTIATE_TEST_SUITE_P(Store, CheckFilesTest, testing::Bool());

}  // namespace
}  // namespace claimcheck
