// `claimcheck facts ...` end to end: real files on disk, a real database in
// a temporary directory, the command functions the CLI calls, and (for the
// bad inputs of issue 3) the built binary itself.
#include "cli/facts_command.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "fact_test_util.h"

namespace claimcheck::cli {
namespace {

namespace fs = std::filesystem;
using testing::HasSubstr;

void WriteFile(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Every table's schema and rows (sorted), and the schema version: two
// databases with the same dump hold the same data.
std::string Dump(const fs::path& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) !=
      SQLITE_OK) {
    sqlite3_close(db);
    return "cannot open";
  }
  auto rows = [&](const std::string& sql) {
    std::vector<std::string> out;
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) !=
        SQLITE_OK) {
      return std::vector<std::string>{"error: " + sql};
    }
    while (sqlite3_step(statement) == SQLITE_ROW) {
      std::string row;
      for (int c = 0; c < sqlite3_column_count(statement); ++c) {
        const unsigned char* text = sqlite3_column_text(statement, c);
        row += std::string(sqlite3_column_type(statement, c) == SQLITE_NULL
                               ? "NULL"
                               : reinterpret_cast<const char*>(text)) +
               "\x1f";
      }
      out.push_back(row);
    }
    sqlite3_finalize(statement);
    return out;
  };
  std::string dump;
  for (const std::string& v : rows("PRAGMA user_version")) dump += v + "\n";
  for (const std::string& table :
       rows("SELECT name FROM sqlite_master WHERE type = 'table'"
            " ORDER BY name")) {
    std::string name = table.substr(0, table.size() - 1);
    std::vector<std::string> data = rows("SELECT * FROM \"" + name + "\"");
    std::sort(data.begin(), data.end());
    dump += "table " + name + " (" + std::to_string(data.size()) + " rows)\n";
    for (const std::string& row : data) dump += row + "\n";
  }
  for (const std::string& schema :
       rows("SELECT sql FROM sqlite_master ORDER BY name")) {
    dump += schema + "\n";
  }
  sqlite3_close(db);
  return dump;
}

constexpr const char* kBaseFacts =
    R"({"id": "cn-core-ai-2023", "subject": "China", "metric": "core AI industry scale", "value": 578.4e9, "unit": "CNY", "year": 2023, "keywords": [["China", "Chinese"], ["AI"]], "source": "CAICT"})"
    "\n"
    R"({"id": "us-investment-2024", "subject": "United States", "metric": "private AI investment", "value": 109.1e9, "unit": "USD", "year": 2024, "keywords": [["US", "U.S."], ["investment"]], "tolerance": 0.01, "source": "AI Index 2025", "url": "https://hai.stanford.edu"})"
    "\n"
    R"({"kind": "rate", "currency": "CNY", "year": 2023, "per_usd": 7.0809, "source": "Federal Reserve Board, G.5A", "url": "https://www.federalreserve.gov/releases/g5a/"})"
    "\n";

class FactsCommandTest : public testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.path() / "facts.db";
    WriteFile(dir_.path() / "base.jsonl", kBaseFacts);
    ASSERT_EQ(Import({(dir_.path() / "base.jsonl").string()}), 0) << err_;
    out_.clear();
    err_.clear();
  }

  int Import(const std::vector<std::string>& files) {
    std::ostringstream out, err;
    int status = RunFactsImport(db_.string(), files, out, err);
    out_ = out.str();
    err_ = err.str();
    return status;
  }

  std::string Path(const std::string& name) const {
    return (dir_.path() / name).string();
  }

  TempDir dir_;
  fs::path db_;
  std::string out_;
  std::string err_;
};

TEST_F(FactsCommandTest, ImportReportsEachFile) {
  WriteFile(Path("more.csv"),
            "id,subject,metric,value,unit,source\n"
            "a,s,m,1,count,src\n"
            "b,s,m,2,count,src\n");
  EXPECT_EQ(Import({Path("more.csv")}), 0);
  EXPECT_EQ(out_, Path("more.csv") + ": 2 facts, 0 rates imported\n");
  EXPECT_EQ(err_, "");
}

struct BadFile {
  std::string name;
  std::string content;
  std::string message;  // after "DIR/"
};

std::vector<BadFile> BadFiles() {
  std::string good =
      R"({"id": "new", "subject": "s", "metric": "m", "value": 1, "unit": "count", "source": "src"})";
  return {
      {"malformed.jsonl", good + "\n{\"id\": \"x\",\n",
       "malformed.jsonl:2: malformed JSON"},
      {"unknown-field.jsonl",
       good + "\n" +
           R"({"id": "x", "subject": "s", "metric": "m", "value": 1, "unit": "count", "source": "src", "colour": "red"})",
       "unknown-field.jsonl:2: unknown field \"colour\" in a fact"},
      {"no-source.jsonl",
       good + "\n\n" +
           R"({"id": "x", "subject": "s", "metric": "m", "value": 1, "unit": "count"})",
       "no-source.jsonl:3: missing field \"source\""},
      {"empty-source.jsonl",
       R"({"id": "x", "subject": "s", "metric": "m", "value": 1, "unit": "count", "source": ""})",
       "empty-source.jsonl:1: no source"},
      {"text-value.jsonl",
       good + "\n" +
           R"({"id": "x", "subject": "s", "metric": "m", "value": "lots", "unit": "count", "source": "src"})",
       "text-value.jsonl:2: \"value\" must be a number"},
      {"unknown-kind.jsonl", good + "\n" + R"({"kind": "opinion", "id": "x"})",
       "unknown-kind.jsonl:2: unknown kind \"opinion\""},
      {"duplicate-id.jsonl", good + "\n" + good,
       "duplicate-id.jsonl:2: duplicate id \"new\" (first on line 1)"},
      {"updates-then-fails.jsonl",
       R"({"id": "cn-core-ai-2023", "subject": "changed", "metric": "m", "value": 1, "unit": "count", "source": "src"})"
       "\n"
       R"({"kind": "rate", "currency": "CNY", "year": 2023, "per_usd": 0, "source": "src"})",
       "updates-then-fails.jsonl:2: per_usd must be a finite number > 0"},
      {"bad-quote.csv",
       "id,subject,metric,value,unit,source\nnew,s,m,1,count,src\n"
       "x,\"s\"x,m,1,count,src\n",
       "bad-quote.csv:3: text after a closing quote"},
      {"text-value.csv",
       "id,subject,metric,value,unit,source\nnew,s,m,1,count,src\n"
       "x,\"multi\nline\",m,one,count,src\n",
       "text-value.csv:3: \"value\" must be a number, not \"one\""},
      {"unknown-column.csv", "id,subject,metric,value,unit,source,colour\n",
       "unknown-column.csv:1: unknown column \"colour\""},
      {"latin1.jsonl", "{\"id\": \"caf\xe9\"}\n",
       "latin1.jsonl:1: invalid UTF-8"},
      {"facts.txt", good, "facts.txt: unknown fact file type"},
  };
}

TEST_F(FactsCommandTest, BadFileLeavesTheDatabaseAsItWas) {
  for (const BadFile& bad : BadFiles()) {
    SCOPED_TRACE(bad.name);
    WriteFile(Path(bad.name), bad.content);
    std::string before = Dump(db_);
    std::string bytes = ReadFile(db_);
    EXPECT_EQ(Import({Path(bad.name)}), 2);
    EXPECT_THAT(err_, testing::StartsWith(Path(bad.message)));
    EXPECT_THAT(err_, HasSubstr(Path(bad.name) + ": not imported"));
    EXPECT_EQ(out_, "");
    EXPECT_EQ(Dump(db_), before);
    EXPECT_EQ(ReadFile(db_), bytes);
  }
}

TEST_F(FactsCommandTest, MissingAndUnreadableFilesAreReported) {
  EXPECT_EQ(Import({Path("absent.jsonl")}), 2);
  EXPECT_THAT(err_, HasSubstr(Path("absent.jsonl") + ": cannot be read"));
  fs::create_directory(Path("dir.jsonl"));
  EXPECT_EQ(Import({Path("dir.jsonl")}), 2);
  EXPECT_THAT(err_, HasSubstr(Path("dir.jsonl") + ": is a directory"));
}

TEST_F(FactsCommandTest, GoodFilesImportAroundABadOne) {
  WriteFile(
      Path("a.jsonl"),
      R"({"id": "a", "subject": "s", "metric": "m", "value": 1, "unit": "count", "source": "src"})");
  WriteFile(Path("bad.jsonl"), "oops\n");
  WriteFile(Path("b.csv"),
            "kind,currency,year,per_usd,source\nrate,JPY,2023,140.5001,Fed\n");
  EXPECT_EQ(Import({Path("a.jsonl"), Path("bad.jsonl"), Path("b.csv")}), 2);
  EXPECT_EQ(out_, Path("a.jsonl") + ": 1 fact, 0 rates imported\n" +
                      Path("b.csv") + ": 0 facts, 1 rate imported\n");
  EXPECT_THAT(err_, testing::StartsWith(Path("bad.jsonl") + ":1: "));
  std::ostringstream out, err;
  EXPECT_EQ(RunFactsList(db_.string(), "", out, err), 0);
  EXPECT_THAT(out.str(),
              testing::StartsWith("a  1 count  -  s \u2014 m  [src]\n"));
  EXPECT_THAT(out.str(), HasSubstr("rate JPY 2023  140.5001 per USD  [Fed]\n"));
}

TEST_F(FactsCommandTest, SqlLookingTextIsStoredAsText) {
  WriteFile(
      Path("sql.jsonl"),
      R"({"id": "x'; DROP TABLE facts; --", "subject": "Robert'); DELETE FROM rates;--", "metric": "\" OR 1=1 --", "value": 1, "unit": "count", "keywords": [["DROP TABLE keywords' --"]], "source": "src"})");
  EXPECT_EQ(Import({Path("sql.jsonl")}), 0) << err_;
  std::ostringstream out, err;
  EXPECT_EQ(RunFactsExport(db_.string(), "jsonl", out, err), 0);
  EXPECT_THAT(
      out.str(),
      HasSubstr(
          R"({"id":"x'; DROP TABLE facts; --","subject":"Robert'); DELETE FROM rates;--","metric":"\" OR 1=1 --","value":1,"unit":"count","keywords":[["DROP TABLE keywords' --"]],"source":"src"})"));
  EXPECT_THAT(out.str(), HasSubstr("\"currency\":\"CNY\""));
  std::ostringstream vout, verr;
  EXPECT_EQ(RunFactsValidate(db_.string(), vout, verr), 0) << vout.str();
}

TEST_F(FactsCommandTest, ExportThenImportReproducesTheDatabase) {
  WriteFile(Path("awkward.csv"),
            "id,subject,metric,value,unit,year,keywords,tolerance,source,note\n"
            "q,\"Acme, \"\"Inc\"\"\",\"line\none\",0.1,%,2020,a|b c;d,0,"
            "src,\"ü ✓\"\n");
  ASSERT_EQ(Import({Path("awkward.csv")}), 0) << err_;
  for (std::string format : {"jsonl", "csv"}) {
    SCOPED_TRACE(format);
    std::ostringstream out, err;
    ASSERT_EQ(RunFactsExport(db_.string(), format, out, err), 0) << err.str();
    std::string file = Path("export." + format);
    WriteFile(file, out.str());
    fs::path copy = dir_.path() / ("copy-" + format + ".db");
    std::ostringstream iout, ierr;
    ASSERT_EQ(RunFactsImport(copy.string(), {file}, iout, ierr), 0)
        << ierr.str();
    EXPECT_EQ(Dump(copy), Dump(db_));
    std::ostringstream again, again_err;
    ASSERT_EQ(RunFactsExport(copy.string(), format, again, again_err), 0);
    EXPECT_EQ(again.str(), out.str());
  }
}

TEST_F(FactsCommandTest, ListSearchesIgnoringCase) {
  std::ostringstream out, err;
  EXPECT_EQ(RunFactsList(db_.string(), "CHINA", out, err), 0);
  EXPECT_EQ(out.str(),
            "cn-core-ai-2023  578400000000 CNY  2023  China \u2014 core AI "
            "industry scale  [CAICT]\n");
}

TEST_F(FactsCommandTest, ValidateSaysOkOrListsProblems) {
  std::ostringstream out, err;
  EXPECT_EQ(RunFactsValidate(db_.string(), out, err), 0);
  EXPECT_EQ(out.str(), db_.string() + ": ok (2 facts, 1 rate)\n");

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
  // Both copies of the fact, so that the one problem is the missing source.
  ASSERT_EQ(sqlite3_exec(db, "UPDATE facts SET source = ''; UPDATE fact_records SET source = ''",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  std::ostringstream bad_out, bad_err;
  EXPECT_EQ(RunFactsValidate(db_.string(), bad_out, bad_err), 1);
  EXPECT_EQ(bad_out.str(),
            db_.string() + ": fact \"cn-core-ai-2023\": no source\n" +
                db_.string() + ": fact \"us-investment-2024\": no source\n");
}

TEST_F(FactsCommandTest, DatabaseErrorsExitTwo) {
  WriteFile(Path("not.db"), "plain text, not SQLite\n");
  struct Case {
    std::string db;
    std::string message;
  };
  const Case cases[] = {
      {Path("missing.db"), Path("missing.db") + ": no such fact database"},
      {Path("not.db"), Path("not.db") + ": not a readable SQLite database"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.db);
    std::ostringstream out, err;
    EXPECT_EQ(RunFactsValidate(c.db, out, err), 2);
    EXPECT_THAT(err.str(), HasSubstr("claimcheck: error: " + c.message));
    EXPECT_EQ(RunFactsList(c.db, "", out, err), 2);
    EXPECT_EQ(RunFactsExport(c.db, "jsonl", out, err), 2);
    EXPECT_EQ(out.str(), "");
  }
  EXPECT_FALSE(fs::exists(Path("missing.db")));
  std::ostringstream out, err;
  EXPECT_EQ(RunFactsExport(db_.string(), "xml", out, err), 2);
  EXPECT_THAT(err.str(), HasSubstr("unknown record format \"xml\""));
  EXPECT_EQ(RunFactsImport(Path("not.db"), {Path("base.jsonl")}, out, err), 2);
  EXPECT_EQ(RunFactsImport(db_.string(), {}, out, err), 2);
}

#ifdef CLAIMCHECK_BINARY
// The same bad inputs through the built binary: exit status 2, the place on
// stderr, and a database that is byte for byte what it was.
TEST_F(FactsCommandTest, BinaryRejectsBadFilesWithoutWriting) {
  for (const BadFile& bad : BadFiles()) {
    SCOPED_TRACE(bad.name);
    WriteFile(Path(bad.name), bad.content);
    std::string before = Dump(db_);
    std::string bytes = ReadFile(db_);
    std::string stderr_path = Path("stderr.txt");
    std::string command = std::string("'") + CLAIMCHECK_BINARY +
                          "' facts import --db '" + db_.string() + "' '" +
                          Path(bad.name) + "' >/dev/null 2>'" + stderr_path +
                          "'";
    int status = std::system(command.c_str());
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 2);
    EXPECT_THAT(ReadFile(stderr_path), HasSubstr(Path(bad.message)));
    EXPECT_EQ(Dump(db_), before);
    EXPECT_EQ(ReadFile(db_), bytes);
  }
}
#endif

}  // namespace
}  // namespace claimcheck::cli
