// End-to-end cases: each folder in tests/e2e/cases/ runs the built binary
// once and compares its stdout and exit status with the goldens.
//
// A case folder holds:
//   args             one argument a line; placeholders {case} (the case
//                    folder, relative to the repo root), {db} (a fresh
//                    database built from the case's facts*.jsonl, or the
//                    bundled facts.db when it has none), {tmp} (an empty
//                    scratch folder)
//   stdin            optional, fed to the binary (else /dev/null)
//   expected.stdout  compared exactly, or as parsed JSON when the output is
//                    a JSON document or JSON lines; the scratch folder's
//                    path reads {tmp}
//   expected.exit    the exit status
//   expected.stderr  optional: every line of it must occur in stderr
//   setup            optional shell script run first (sh -e: any failing
//                    command fails the case), in the repo root,
//                    with $TMP, $CASE, $DB and $CLAIMCHECK set
//   verify           optional shell script run after, with the same
//                    variables; a non-zero exit fails the case (e.g. "the
//                    database is unchanged")
// The binary runs in the repo root, so reported paths read like the ones a
// user types. CLAIMCHECK_UPDATE_GOLDEN=1 rewrites expected.stdout and
// expected.exit from the actual run.
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace claimcheck {
namespace {

namespace fs = std::filesystem;

const fs::path kRoot = CLAIMCHECK_SOURCE_DIR;
const fs::path kCases = kRoot / "tests/e2e/cases";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void WriteFile(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::string ShellQuote(const std::string& arg) {
  std::string quoted = "'";
  for (char c : arg) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

void ReplaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (size_t pos = s.find(from); pos != std::string::npos;
       pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
}

struct CommandRun {
  std::string out;
  std::string err;
  int exit = -1;
};

CommandRun Shell(const std::string& command, const fs::path& scratch) {
  fs::path out = scratch / "stdout", err = scratch / "stderr";
  std::string full = "cd " + ShellQuote(kRoot.string()) + " && " + command + " >" +
                     ShellQuote(out.string()) + " 2>" + ShellQuote(err.string());
  int status = std::system(full.c_str());
  CommandRun run;
  run.exit = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  run.out = ReadFile(out);
  run.err = ReadFile(err);
  return run;
}

// Parses a JSON document, or JSON lines, for a comparison that ignores
// layout; nullopt when the text is neither.
std::optional<nlohmann::json> ParseJsonOutput(const std::string& text) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception&) {
  }
  nlohmann::json lines = nlohmann::json::array();
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    try {
      lines.push_back(nlohmann::json::parse(line));
    } catch (const nlohmann::json::exception&) {
      return std::nullopt;
    }
  }
  if (lines.empty()) return std::nullopt;
  return lines;
}

std::vector<std::string> CaseNames() {
  std::vector<std::string> names;
  if (!fs::exists(kCases)) return names;
  for (const auto& entry : fs::directory_iterator(kCases)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class E2eTest : public testing::TestWithParam<std::string> {};

TEST_P(E2eTest, MatchesGolden) {
  const fs::path dir = kCases / GetParam();
  const std::string case_rel = fs::relative(dir, kRoot).string();
  const fs::path scratch =
      fs::temp_directory_path() / ("claimcheck-e2e-" + GetParam() + "-" +
                                   std::to_string(::getpid()));
  fs::remove_all(scratch);
  fs::create_directories(scratch / "tmp");
  const std::string binary = CLAIMCHECK_BINARY;

  std::string db = (kRoot / "facts.db").string();
  std::vector<std::string> fact_files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (name.rfind("facts", 0) == 0 &&
        (name.ends_with(".jsonl") || name.ends_with(".csv"))) {
      fact_files.push_back(entry.path().string());
    }
  }
  std::sort(fact_files.begin(), fact_files.end());
  if (!fact_files.empty()) {
    db = (scratch / "case.db").string();
    std::string import = ShellQuote(binary) + " facts import --db " + ShellQuote(db);
    // Two appends, not `" " + ShellQuote(f)`: g++ 12 warns falsely
    // (-Wrestrict) about that form once it is inlined.
    for (const std::string& f : fact_files) import.append(" ").append(ShellQuote(f));
    CommandRun imported = Shell(import, scratch);
    ASSERT_EQ(imported.exit, 0) << "importing the case's facts failed:\n" << imported.err;
  }

  const std::string script_env = "TMP=" + ShellQuote((scratch / "tmp").string()) +
                                 " CASE=" + ShellQuote(case_rel) +
                                 " DB=" + ShellQuote(db) +
                                 " CLAIMCHECK=" + ShellQuote(binary) + " sh -e ";
  if (fs::exists(dir / "setup")) {
    CommandRun ran = Shell(script_env + ShellQuote((dir / "setup").string()), scratch);
    ASSERT_EQ(ran.exit, 0) << "setup failed:\n" << ran.out << ran.err;
  }

  std::string command = ShellQuote(binary);
  std::istringstream args(ReadFile(dir / "args"));
  std::string arg;
  while (std::getline(args, arg)) {
    if (arg.empty()) continue;
    ReplaceAll(arg, "{case}", case_rel);
    ReplaceAll(arg, "{db}", db);
    ReplaceAll(arg, "{tmp}", (scratch / "tmp").string());
    command.append(" ").append(ShellQuote(arg));
  }
  fs::path stdin_file = dir / "stdin";
  command += " <" + ShellQuote(fs::exists(stdin_file) ? stdin_file.string() : "/dev/null");
  CommandRun run = Shell(command, scratch);
  // The scratch folder's name differs from run to run; goldens say {tmp}.
  ReplaceAll(run.out, (scratch / "tmp").string(), "{tmp}");
  ReplaceAll(run.err, (scratch / "tmp").string(), "{tmp}");

  if (std::getenv("CLAIMCHECK_UPDATE_GOLDEN")) {
    WriteFile(dir / "expected.stdout", run.out);
    WriteFile(dir / "expected.exit", std::to_string(run.exit) + "\n");
  }
  std::string expected_out = ReadFile(dir / "expected.stdout");
  int expected_exit = std::stoi(ReadFile(dir / "expected.exit"));

  EXPECT_EQ(run.exit, expected_exit) << "command: " << command << "\nstderr:\n" << run.err;
  auto actual_json = ParseJsonOutput(run.out);
  auto expected_json = ParseJsonOutput(expected_out);
  if (actual_json && expected_json) {
    EXPECT_EQ(*actual_json, *expected_json)
        << "command: " << command << "\nactual:\n" << run.out << "\nexpected:\n" << expected_out;
  } else {
    EXPECT_EQ(run.out, expected_out) << "command: " << command << "\nstderr:\n" << run.err;
  }
  if (fs::exists(dir / "expected.stderr")) {
    std::istringstream wanted(ReadFile(dir / "expected.stderr"));
    std::string line;
    while (std::getline(wanted, line)) {
      if (line.empty()) continue;
      ReplaceAll(line, "{case}", case_rel);
      EXPECT_NE(run.err.find(line), std::string::npos)
          << "stderr lacks: " << line << "\nstderr:\n" << run.err;
    }
  }
  if (fs::exists(dir / "verify")) {
    CommandRun ran = Shell(script_env + ShellQuote((dir / "verify").string()), scratch);
    EXPECT_EQ(ran.exit, 0) << "verify failed:\n" << ran.out << ran.err;
  }
  fs::remove_all(scratch);
}

INSTANTIATE_TEST_SUITE_P(Cases, E2eTest, testing::ValuesIn(CaseNames()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string name;
                           for (char c : info.param) {
                             name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           }
                           return name;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(E2eTest);

}  // namespace
}  // namespace claimcheck
