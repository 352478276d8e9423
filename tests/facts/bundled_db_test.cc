// The bundled facts.db against its source, data/facts/*.jsonl: the one test
// that reads the bundled database. It rebuilds the database the way
// scripts/build-facts-db does (through the store API, one import per file
// in sorted order) and requires the same facts and rates, so the text that
// reviewers read and the database that ships cannot drift apart.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "fact_test_util.h"
#include "facts/fact_store.h"
#include "facts/records.h"

namespace claimcheck {
namespace {

namespace fs = std::filesystem;

const fs::path kSourceDir = CLAIMCHECK_SOURCE_DIR;
constexpr const char* kStale =
    "facts.db does not match data/facts/: run scripts/build-facts-db";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// data/facts/*.jsonl in byte order, as the build script sorts them.
std::vector<fs::path> DataFiles() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kSourceDir / "data/facts")) {
    if (entry.path().extension() == ".jsonl") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end(),
            [](const fs::path& a, const fs::path& b) {
              return a.filename().string() < b.filename().string();
            });
  return files;
}

FactRecords ParseOrFail(const fs::path& path) {
  Result<FactRecords> records = ParseFactRecords(
      ReadFile(path), RecordFormat::kJsonl, path.filename().string());
  EXPECT_TRUE(records.ok()) << records.status().ToString();
  return records.ok() ? std::move(*records) : FactRecords{};
}

std::unique_ptr<FactStore> OpenBundled() {
  Result<std::unique_ptr<FactStore>> store = OpenSqliteFactStore(
      (kSourceDir / "facts.db").string(), OpenMode::kReadOnly);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(*store) : nullptr;
}

// Builds a database from the data files into `path`.
void Rebuild(const fs::path& path) {
  Result<std::unique_ptr<FactStore>> store =
      OpenSqliteFactStore(path.string(), OpenMode::kReadWrite);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  for (const fs::path& file : DataFiles()) {
    FactRecords records = ParseOrFail(file);
    Status status = (*store)->Import(records.facts, records.rates);
    ASSERT_TRUE(status.ok()) << file << ": " << status.ToString();
  }
}

TEST(BundledDbTest, HasDataFiles) { EXPECT_GE(DataFiles().size(), 2u); }

TEST(BundledDbTest, MatchesTheDataFiles) {
  TempDir dir;
  fs::path rebuilt_path = dir.path() / "rebuilt.db";
  Rebuild(rebuilt_path);
  Result<std::unique_ptr<FactStore>> rebuilt =
      OpenSqliteFactStore(rebuilt_path.string(), OpenMode::kReadOnly);
  ASSERT_TRUE(rebuilt.ok());
  std::unique_ptr<FactStore> bundled = OpenBundled();
  ASSERT_NE(bundled, nullptr);

  std::vector<Fact> want = *(*rebuilt)->ListFacts("");
  std::vector<Fact> got = *bundled->ListFacts("");
  EXPECT_EQ(Ids(got), Ids(want)) << kStale;
  if (got.size() == want.size()) {
    for (size_t i = 0; i < want.size(); ++i) {
      EXPECT_TRUE(SameFact(got[i], want[i])) << want[i].id << ": " << kStale;
    }
  }
  std::vector<Rate> want_rates = *(*rebuilt)->ListRates();
  std::vector<Rate> got_rates = *bundled->ListRates();
  ASSERT_EQ(got_rates.size(), want_rates.size()) << kStale;
  for (size_t i = 0; i < want_rates.size(); ++i) {
    EXPECT_TRUE(SameRate(got_rates[i], want_rates[i]))
        << want_rates[i].currency << " " << want_rates[i].year << ": "
        << kStale;
  }
}

TEST(BundledDbTest, RebuildIsByteForByteReproducible) {
  TempDir dir;
  Rebuild(dir.path() / "a.db");
  Rebuild(dir.path() / "b.db");
  EXPECT_EQ(ReadFile(dir.path() / "a.db"), ReadFile(dir.path() / "b.db"));
}

// Later files override earlier ones on import, so a record given in two
// files would silently depend on file names: refuse it.
TEST(BundledDbTest, NoRecordIsGivenInTwoFiles) {
  std::map<std::string, std::string> fact_file;
  std::map<std::string, std::string> rate_file;
  for (const fs::path& file : DataFiles()) {
    FactRecords records = ParseOrFail(file);
    for (const Fact& fact : records.facts) {
      auto [it, added] = fact_file.emplace(fact.id, file.filename().string());
      EXPECT_TRUE(added) << "fact \"" << fact.id << "\" is in " << it->second
                         << " and " << file.filename().string();
    }
    for (const Rate& rate : records.rates) {
      std::string key = rate.currency + " " + std::to_string(rate.year);
      auto [it, added] = rate_file.emplace(key, file.filename().string());
      EXPECT_TRUE(added) << "rate " << key << " is in " << it->second << " and "
                         << file.filename().string();
    }
  }
}

TEST(BundledDbTest, ValidatesAndEveryRecordHasASource) {
  std::unique_ptr<FactStore> bundled = OpenBundled();
  ASSERT_NE(bundled, nullptr);
  Result<std::vector<std::string>> problems = bundled->Validate();
  ASSERT_TRUE(problems.ok()) << problems.status().ToString();
  EXPECT_THAT(*problems, testing::IsEmpty());
  // Named results: a range-for over *Result<...>() would dangle.
  std::vector<Fact> facts = *bundled->ListFacts("");
  std::vector<Rate> rates = *bundled->ListRates();
  for (const Fact& fact : facts) {
    EXPECT_FALSE(fact.source.empty()) << fact.id;
  }
  for (const Rate& rate : rates) {
    EXPECT_FALSE(rate.source.empty()) << rate.currency << " " << rate.year;
    EXPECT_FALSE(rate.url.empty()) << rate.currency << " " << rate.year;
  }
}

// The first customer's facts (../shared/seed/facts.jsonl) ship unchanged.
TEST(BundledDbTest, HoldsEverySeedRecordUnchanged) {
  fs::path seed = fs::path(CLAIMCHECK_SHARED_DIR) / "seed/facts.jsonl";
  if (!fs::exists(seed)) GTEST_SKIP() << seed << " is not in this checkout";
  FactRecords records = ParseOrFail(seed);
  ASSERT_FALSE(records.facts.empty());
  std::unique_ptr<FactStore> bundled = OpenBundled();
  ASSERT_NE(bundled, nullptr);
  std::map<std::string, Fact> by_id;
  std::vector<Fact> facts = *bundled->ListFacts("");
  for (Fact& fact : facts) by_id[fact.id] = std::move(fact);
  for (const Fact& fact : records.facts) {
    auto it = by_id.find(fact.id);
    ASSERT_NE(it, by_id.end()) << fact.id;
    EXPECT_TRUE(SameFact(it->second, fact)) << fact.id;
  }
  for (const Rate& rate : records.rates) {
    Result<std::optional<Rate>> found =
        bundled->FindRate(rate.currency, rate.year);
    ASSERT_TRUE(found.ok() && found->has_value())
        << rate.currency << " " << rate.year;
    EXPECT_TRUE(SameRate(**found, rate)) << rate.currency << " " << rate.year;
  }
}

}  // namespace
}  // namespace claimcheck
