// A temporary rules folder for extract/ tests: the bundled lexicon plus
// the files a test writes, removed at the end of the test.
#ifndef CLAIMCHECK_TESTS_EXTRACT_TEMP_RULES_H_
#define CLAIMCHECK_TESTS_EXTRACT_TEMP_RULES_H_

#include <filesystem>
#include <fstream>
#include <string>

#include "gtest/gtest.h"

namespace claimcheck {

class TempRules {
 public:
  TempRules() {
    dir_ = std::filesystem::temp_directory_path() /
           ("claimcheck-rules-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    std::filesystem::copy_file(CLAIMCHECK_SOURCE_DIR "/rules/lexicon.json", dir_ / "lexicon.json");
  }
  ~TempRules() { std::filesystem::remove_all(dir_); }
  TempRules(const TempRules&) = delete;
  TempRules& operator=(const TempRules&) = delete;

  void Write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / name) << content;
  }
  std::string dir() const { return dir_.string(); }

 private:
  std::filesystem::path dir_;
};

}  // namespace claimcheck

#endif  // CLAIMCHECK_TESTS_EXTRACT_TEMP_RULES_H_
