#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "fact_store_contract.h"
#include "facts/fact_store.h"

namespace claimcheck {
namespace {

namespace fs = std::filesystem;

INSTANTIATE_TEST_SUITE_P(
    Sqlite, FactStoreContractTest,
    testing::Values(StoreKind{
        "Sqlite",
        [](const fs::path& dir) -> std::unique_ptr<FactStore> {
          Result<std::unique_ptr<FactStore>> store = OpenSqliteFactStore(
              (dir / "facts.db").string(), OpenMode::kReadWrite);
          if (!store.ok()) {
            ADD_FAILURE() << store.status().ToString();
            return nullptr;
          }
          return std::move(*store);
        }}),
    StoreKindName);

// Raw SQL on a database file, through the C API, to build the damaged and
// foreign files the store must refuse.
// Runs `sql` on its own connection, without waiting for a lock: SQLite's
// result code, and its message in `message`.
int TryExec(const fs::path& path, const std::string& sql, std::string* message = nullptr) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    sqlite3_close(db);
    return SQLITE_CANTOPEN;
  }
  char* error = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  if (message != nullptr) *message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  return rc;
}

void Exec(const fs::path& path, const std::string& sql) {
  std::string message;
  ASSERT_EQ(TryExec(path, sql, &message), SQLITE_OK) << message;
}

// The schema this build writes (sqlite_fact_store.cc kSchemaVersion).
constexpr int kCurrentSchema = 9;

int UserVersion(const fs::path& path) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr),
            SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &statement, nullptr);
  int version = -1;
  if (sqlite3_step(statement) == SQLITE_ROW) {
    version = sqlite3_column_int(statement, 0);
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return version;
}

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteBytes(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

std::unique_ptr<FactStore> OpenOrDie(const fs::path& path, OpenMode mode) {
  Result<std::unique_ptr<FactStore>> store =
      OpenSqliteFactStore(path.string(), mode);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(*store) : nullptr;
}

// A database with two facts and a rate, closed again.
void MakeSampleDatabase(const fs::path& path) {
  std::unique_ptr<FactStore> store = OpenOrDie(path, OpenMode::kReadWrite);
  ASSERT_NE(store, nullptr);
  Fact cn = MakeFact("cn", 9.3e9, "USD", {{"China"}, {"investment"}});
  Fact us = MakeFact("us", 109.1e9, "USD", {{"US"}, {"investment"}});
  ASSERT_TRUE(store->Import({cn, us}, {MakeRate("CNY", 2023, 7.0809)}).ok());
}

TEST(SqliteFactStoreTest, CreatesAMissingFileWithTheCurrentSchema) {
  TempDir dir;
  fs::path path = dir.path() / "new.db";
  ASSERT_NE(OpenOrDie(path, OpenMode::kReadWrite), nullptr);
  EXPECT_TRUE(fs::exists(path));
  EXPECT_EQ(UserVersion(path), kCurrentSchema);
}

TEST(SqliteFactStoreTest, MigratesAnEmptyVersionZeroFile) {
  TempDir dir;
  fs::path path = dir.path() / "empty.db";
  WriteBytes(path, "");
  std::unique_ptr<FactStore> store = OpenOrDie(path, OpenMode::kReadWrite);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(UserVersion(path), kCurrentSchema);
  EXPECT_TRUE(store->Import({MakeFact("a", 1, "count", {{"a"}})}, {}).ok());
  EXPECT_TRUE(store->Validate()->empty());
}

// A database as claimcheck's first schema wrote it, with one fact.
void MakeVersionOneDatabase(const fs::path& path) {
  Exec(path,
       "CREATE TABLE facts (id TEXT NOT NULL PRIMARY KEY, subject TEXT NOT NULL,"
       " metric TEXT NOT NULL, value REAL NOT NULL, unit TEXT NOT NULL,"
       " year INTEGER, tolerance REAL, source TEXT NOT NULL,"
       " url TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',"
       " group_count INTEGER NOT NULL);"
       "CREATE INDEX facts_unit_value ON facts(unit, value);"
       "CREATE INDEX facts_without_keywords ON facts(id) WHERE group_count = 0;"
       "CREATE TABLE keywords (fact_id TEXT NOT NULL REFERENCES facts(id),"
       " group_index INTEGER NOT NULL, position INTEGER NOT NULL,"
       " alternative TEXT NOT NULL, first_token TEXT NOT NULL,"
       " group_count INTEGER NOT NULL,"
       " PRIMARY KEY (fact_id, group_index, position)) WITHOUT ROWID;"
       "CREATE INDEX keywords_first_token"
       " ON keywords(first_token, fact_id, group_index, group_count);"
       "CREATE TABLE rates (currency TEXT NOT NULL, year INTEGER NOT NULL,"
       " per_usd REAL NOT NULL, source TEXT NOT NULL, url TEXT NOT NULL DEFAULT '',"
       " PRIMARY KEY (currency, year)) WITHOUT ROWID;"
       "INSERT INTO facts VALUES ('cn', 'China', 'investment', 9.3e9, 'USD', 2024,"
       " NULL, 'a source', '', '', 2);"
       "INSERT INTO keywords VALUES ('cn', 0, 0, 'China', 'china', 2),"
       " ('cn', 1, 0, 'investment', 'investment', 2);"
       "PRAGMA user_version = 1;");
}

TEST(SqliteFactStoreTest, VersionOneIsUpgradedByAWritableOpenOnly) {
  TempDir dir;
  fs::path path = dir.path() / "v1.db";
  MakeVersionOneDatabase(path);
  Result<std::unique_ptr<FactStore>> read_only =
      OpenSqliteFactStore(path.string(), OpenMode::kReadOnly);
  ASSERT_FALSE(read_only.ok());
  EXPECT_THAT(read_only.status().message(), testing::HasSubstr("schema version 1 is older"));
  std::unique_ptr<FactStore> store = OpenOrDie(path, OpenMode::kReadWrite);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(UserVersion(path), kCurrentSchema);
  // The migration files the facts it finds.
  EXPECT_EQ(Filed(*FiledUnder(*store, {"china", "investment"})),
            std::vector<std::string>{"china:cn"});
  EXPECT_EQ(ValueIds(*store, *store->FindValues("USD", 9e9, 1e10, {"investment"}, std::nullopt)),
            std::vector<std::string>{"cn"});
  // ... and copies each whole into the row a check reads.
  Result<std::vector<Fact>> read = ReadByWords(*store, "USD", {"china"});
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(read->size(), 1u);
  EXPECT_EQ((*read)[0].source, "a source");
  EXPECT_EQ((*read)[0].year, 2024);
  EXPECT_EQ((*read)[0].keywords,
            (std::vector<std::vector<std::string>>{{"China"}, {"investment"}}));
  EXPECT_TRUE(store->Validate()->empty());
}

// The sample database, fact "cn"'s record holding `keywords` as its
// encoded keywords, opened read-only.
std::unique_ptr<FactStore> OpenSampleWithRecordKeywords(const fs::path& path,
                                                        const std::string& keywords) {
  MakeSampleDatabase(path);
  Exec(path, "UPDATE fact_records SET keywords = '" + keywords + "' WHERE id = 'cn'");
  return OpenOrDie(path, OpenMode::kReadOnly);
}

// A check reads a fact's keywords from one text; one it cannot read fails
// the query, naming the file and the fact, instead of linking to nonsense.
TEST(SqliteFactStoreTest, UnreadableRecordFailsTheReadNamingTheFact) {
  // The last: a group number far past the fact's keywords, which once
  // made the read allocate that many groups.
  for (const char* keywords :
       {"0,0,99:China", "0,0:China", "x", "0,0,5:China0,", "999999999,0,5:China",
        "7,0,3:PRC0,0,5:China"}) {
    SCOPED_TRACE(keywords);
    TempDir dir;
    fs::path path = dir.path() / "facts.db";
    std::unique_ptr<FactStore> store = OpenSampleWithRecordKeywords(path, keywords);
    ASSERT_NE(store, nullptr);
    Result<std::vector<Fact>> read = ReadByWords(*store, "USD", {"china"});
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.status().code(), StatusCode::kDatabase);
    EXPECT_THAT(read.status().message(), testing::HasSubstr(path.string()));
    EXPECT_THAT(read.status().message(), testing::HasSubstr("keywords of fact \"cn\""));
    // The other fact reads as before.
    EXPECT_TRUE(ReadByWords(*store, "USD", {"us"}).ok());
  }
}

// Import writes a record's keywords in order, and a check reads them so
// without sorting; a record in another order (SQLite does not promise
// group_concat's) reads the same, and so does one whose groups leave a gap.
TEST(SqliteFactStoreTest, RecordKeywordsReadTheSameInAnyOrder) {
  using Groups = std::vector<std::vector<std::string>>;
  const Groups two = {{"China", "PRC"}, {"investment"}};
  const Groups gap = {{"China", "PRC"}, {}, {"investment"}};
  const std::vector<std::pair<const char*, Groups>> cases = {
      {"0,0,5:China0,1,3:PRC1,0,10:investment", two},
      {"1,0,10:investment0,1,3:PRC0,0,5:China", two},
      {"0,1,3:PRC1,0,10:investment0,0,5:China", two},
      {"0,0,5:China0,1,3:PRC2,0,10:investment", gap},
      {"2,0,10:investment0,0,5:China0,1,3:PRC", gap},
  };
  for (const auto& [keywords, groups] : cases) {
    SCOPED_TRACE(keywords);
    TempDir dir;
    fs::path path = dir.path() / "facts.db";
    std::unique_ptr<FactStore> store = OpenSampleWithRecordKeywords(path, keywords);
    ASSERT_NE(store, nullptr);
    Result<std::vector<Fact>> read = ReadByWords(*store, "USD", {"china"});
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    ASSERT_EQ(read->size(), 1u);
    EXPECT_EQ((*read)[0].keywords, groups);
  }
}

// The same for a listing or an export, which read the keywords table: a
// group number no import writes (negative, or past the fact's keywords)
// fails the listing, naming the fact, and validation reports the row.
TEST(SqliteFactStoreTest, ImpossibleKeywordGroupFailsTheListingNamingTheFact) {
  for (const char* group : {"-1", "1000000000"}) {
    SCOPED_TRACE(group);
    TempDir dir;
    fs::path path = dir.path() / "facts.db";
    MakeSampleDatabase(path);
    Exec(path, std::string("UPDATE keywords SET group_index = ") + group +
                   " WHERE fact_id = 'cn' AND alternative = 'China'");
    std::unique_ptr<FactStore> store = OpenOrDie(path, OpenMode::kReadOnly);
    ASSERT_NE(store, nullptr);
    Result<std::vector<Fact>> listed = store->ListFacts("");
    ASSERT_FALSE(listed.ok());
    EXPECT_EQ(listed.status().code(), StatusCode::kDatabase);
    EXPECT_THAT(listed.status().message(), testing::HasSubstr("keywords of fact \"cn\""));
    Result<std::vector<std::string>> problems = store->Validate();
    ASSERT_TRUE(problems.ok()) << problems.status().ToString();
    EXPECT_FALSE(problems->empty());
  }
}

TEST(SqliteFactStoreTest, ReadOnlyMissingFileIsNotFound) {
  TempDir dir;
  fs::path path = dir.path() / "missing.db";
  Result<std::unique_ptr<FactStore>> store =
      OpenSqliteFactStore(path.string(), OpenMode::kReadOnly);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(store.status().message(), testing::HasSubstr(path.string()));
  EXPECT_FALSE(fs::exists(path));
}

TEST(SqliteFactStoreTest, RefusesFilesThatAreNotItsDatabase) {
  struct Case {
    std::string name;
    std::function<void(const fs::path&)> make;
    std::string reason;
    bool read_write_too;
  };
  const Case cases[] = {
      {"newer schema",
       [](const fs::path& p) {
         MakeSampleDatabase(p);
         Exec(p, "PRAGMA user_version = 99");
       },
       "schema version 99 is newer", true},
      {"text file",
       [](const fs::path& p) {
         WriteBytes(p, "id,value\nthis is not a database\n");
       },
       "not a readable SQLite database", true},
      {"random bytes",
       [](const fs::path& p) { WriteBytes(p, std::string(8192, '\x5a')); },
       "not a readable SQLite database", true},
      {"header of SQLite, then garbage",
       [](const fs::path& p) {
         MakeSampleDatabase(p);
         std::string bytes = ReadBytes(p);
         // Keep the 100-byte header, wreck the rest of page 1 (the schema).
         for (size_t i = 100; i < 4096 && i < bytes.size(); ++i) {
           bytes[i] = '\xff';
         }
         WriteBytes(p, bytes);
       },
       "corrupt", true},
      {"foreign database",
       [](const fs::path& p) { Exec(p, "CREATE TABLE t (x)"); },
       "not a claimcheck database", true},
      {"foreign database claiming our version",
       [](const fs::path& p) {
         Exec(p, "CREATE TABLE t (x); PRAGMA user_version = " + std::to_string(kCurrentSchema));
       },
       "no facts table", true},
      {"vocabulary dropped by another tool",
       [](const fs::path& p) {
         MakeSampleDatabase(p);
         Exec(p, "DROP TABLE keyword_tokens");
       },
       "no keyword_tokens table", true},
      {"index dropped by another tool",
       [](const fs::path& p) {
         MakeSampleDatabase(p);
         Exec(p, "DROP INDEX keyword_values_wide");
       },
       "no keyword_values_wide index", true},
      {"empty file, read-only", [](const fs::path& p) { WriteBytes(p, ""); },
       "not a claimcheck database", false},
  };
  for (const Case& c : cases) {
    for (OpenMode mode : {OpenMode::kReadOnly, OpenMode::kReadWrite}) {
      if (mode == OpenMode::kReadWrite && !c.read_write_too) continue;
      SCOPED_TRACE(c.name + (mode == OpenMode::kReadOnly ? ", read-only"
                                                         : ", read-write"));
      TempDir dir;
      fs::path path = dir.path() / "bad.db";
      c.make(path);
      std::string before = ReadBytes(path);
      Result<std::unique_ptr<FactStore>> store =
          OpenSqliteFactStore(path.string(), mode);
      ASSERT_FALSE(store.ok());
      EXPECT_EQ(store.status().code(), StatusCode::kDatabase);
      EXPECT_THAT(store.status().message(),
                  testing::StartsWith(path.string() + ": "));
      EXPECT_THAT(store.status().message(), testing::HasSubstr(c.reason));
      EXPECT_EQ(ReadBytes(path), before) << "a refused file was changed";
    }
  }
}

TEST(SqliteFactStoreTest, DirectoryIsRefused) {
  TempDir dir;
  Result<std::unique_ptr<FactStore>> store =
      OpenSqliteFactStore(dir.path().string(), OpenMode::kReadOnly);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kDatabase);
}

TEST(SqliteFactStoreTest, DataOutlivesTheStore) {
  TempDir dir;
  fs::path path = dir.path() / "facts.db";
  MakeSampleDatabase(path);
  std::unique_ptr<FactStore> store = OpenOrDie(path, OpenMode::kReadOnly);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(Filed(*FiledUnder(*store, {"china", "investment"})),
            std::vector<std::string>{"china:cn"});
  EXPECT_EQ((*store->FindRate("CNY", 2023))->per_usd, 7.0809);
}

TEST(SqliteFactStoreTest, ReadOnlyOpenWorksOnAReadOnlyFileAndNeverWrites) {
  TempDir dir;
  fs::path path = dir.path() / "facts.db";
  MakeSampleDatabase(path);
  fs::permissions(path, fs::perms::owner_read | fs::perms::group_read |
                            fs::perms::others_read);
  fs::permissions(dir.path(), fs::perms::owner_read | fs::perms::owner_exec);
  std::string before = ReadBytes(path);
  {
    std::unique_ptr<FactStore> store = OpenOrDie(path, OpenMode::kReadOnly);
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(store->ListFacts("")->size(), 2u);
    EXPECT_EQ(store->FindValues("USD", 1e9, 1e12, {"investment"}, std::nullopt)->size(), 2u);
    EXPECT_TRUE(store->Validate()->empty());
    Status status = store->Import({MakeFact("x", 1, "count", {})}, {});
    EXPECT_FALSE(status.ok());
    EXPECT_THAT(status.message(), testing::HasSubstr("read-only"));
  }
  EXPECT_EQ(ReadBytes(path), before);
  EXPECT_EQ(std::vector<fs::path>(fs::directory_iterator(dir.path()), {}),
            std::vector<fs::path>{path})
      << "no journal or other file was left behind";
}

TEST(SqliteFactStoreTest, FailedWriteRollsBackTheWholeImport) {
  TempDir dir;
  fs::path path = dir.path() / "facts.db";
  MakeSampleDatabase(path);
  // A trigger fails the import half-way, after the facts are written.
  Exec(path,
       "CREATE TRIGGER fail BEFORE INSERT ON rates WHEN NEW.currency = 'XXX'"
       " BEGIN SELECT RAISE(ABORT, 'refused by test'); END");
  std::unique_ptr<FactStore> store = OpenOrDie(path, OpenMode::kReadWrite);
  ASSERT_NE(store, nullptr);
  Fact changed = MakeFact("cn", 1, "USD", {{"other"}});
  Status status =
      store->Import({changed, MakeFact("new", 2, "count", {{"new"}})},
                    {MakeRate("JPY", 2023, 140.5), MakeRate("XXX", 2023, 1)});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kDatabase);
  EXPECT_THAT(status.message(), testing::HasSubstr("refused by test"));
  EXPECT_EQ(Ids(*store->ListFacts("")), (std::vector<std::string>{"cn", "us"}));
  EXPECT_EQ((*store->ListFacts("cn")).front().value, 9.3e9);
  EXPECT_EQ(Filed(*FiledUnder(*store, {"china", "investment"})),
            std::vector<std::string>{"china:cn"});
  EXPECT_EQ(store->ListRates()->size(), 1u);
  // The store still works after the failure.
  EXPECT_TRUE(store->Import({changed}, {MakeRate("JPY", 2023, 140.5)}).ok());
  EXPECT_EQ((*store->ListFacts("cn")).front().value, 1);
}

// A check reads one state of the database: while a read-only store is
// open, an import waits for the busy timeout, then fails without writing;
// once the reader is gone it goes through.
TEST(SqliteFactStoreTest, AnImportWaitsForAnOpenCheck) {
  TempDir dir;
  fs::path path = dir.path() / "facts.db";
  MakeSampleDatabase(path);
  std::unique_ptr<FactStore> reader = OpenOrDie(path, OpenMode::kReadOnly);
  ASSERT_NE(reader, nullptr);
  ASSERT_EQ(Ids(*reader->ListFacts("")), (std::vector<std::string>{"cn", "us"}));
  {
    std::unique_ptr<FactStore> writer = OpenOrDie(path, OpenMode::kReadWrite);
    ASSERT_NE(writer, nullptr);
    Status status = writer->Import({MakeFact("uk", 4.5e9, "USD", {{"UK"}, {"investment"}})}, {});
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.code(), StatusCode::kDatabase);
    EXPECT_THAT(status.message(), testing::HasSubstr("in use by another claimcheck"));
    EXPECT_THAT(status.message(), testing::HasSubstr(path.string()));
  }
  EXPECT_EQ(Ids(*reader->ListFacts("")), (std::vector<std::string>{"cn", "us"}));
  reader.reset();
  std::unique_ptr<FactStore> writer = OpenOrDie(path, OpenMode::kReadWrite);
  ASSERT_TRUE(writer->Import({MakeFact("uk", 4.5e9, "USD", {{"UK"}, {"investment"}})}, {}).ok());
  EXPECT_EQ(Ids(*writer->ListFacts("")), (std::vector<std::string>{"cn", "uk", "us"}));
}

TEST(SqliteFactStoreTest, ValidateReportsDamageMadeBehindItsBack) {
  struct Case {
    std::string sql;
    std::string problem;
  };
  const Case cases[] = {
      {"UPDATE facts SET source = '' WHERE id = 'cn'",
       "fact \"cn\": no source"},
      {"UPDATE facts SET subject = ' ' WHERE id = 'us'",
       "fact \"us\": no subject"},
      {"INSERT INTO keywords VALUES ('ghost', 0, 0, 'boo', 'boo', 1)",
       "ghost: keywords of a fact that does not exist"},
      {"UPDATE keywords SET first_token = 'zzz' WHERE fact_id = 'cn'"
       " AND group_index = 0",
       "keyword \"China\" has a stale first_token"},
      {"UPDATE facts SET group_count = 3 WHERE id = 'us'",
       "us: keyword groups do not match group_count"},
      {"UPDATE keywords SET group_count = 7 WHERE fact_id = 'cn'",
       "cn: keyword groups do not match group_count"},
      {"UPDATE facts SET value = 'lots' WHERE id = 'us'",
       "us: value is not a number"},
      {"UPDATE rates SET per_usd = -7", "rate CNY 2023: per_usd"},
      {"UPDATE rates SET source = ''", "rate CNY 2023: no source"},
      {"DELETE FROM filing WHERE fact_key = (SELECT fact_key FROM fact_records WHERE id = 'cn')",
       "cn: not filed under any keyword"},
      {"DELETE FROM keyword_values"
       " WHERE fact_key = (SELECT fact_key FROM fact_records WHERE id = 'us')",
       "us: missing from the value index"},
      {"INSERT INTO keyword_values VALUES ('boo', 'USD', 5, 999, NULL, NULL)",
       "key 999: in the value index, but no fact gives that entry"},
      {"UPDATE keyword_values SET value = 1"
       " WHERE fact_key = (SELECT fact_key FROM fact_records WHERE id = 'cn')",
       "(fact \"cn\"): in the value index, but no fact gives that entry"},
      {"INSERT INTO filing VALUES ('boo', '', 999)",
       "key 999: filed, but no fact has that key"},
      {"DELETE FROM filing_keys WHERE token = 'china'",
       "[\"china\",\"investment\"]: filing key out of step with the filing"},
      {"INSERT INTO filing_keys VALUES ('boo', 'hoo')",
       "[\"boo\",\"hoo\"]: filing key out of step with the filing"},
      {"UPDATE fact_records SET value = 1 WHERE id = 'cn'",
       "cn: its copy in fact_records differs from the fact"},
      {"DELETE FROM fact_records WHERE id = 'us'",
       "us: its copy in fact_records differs from the fact"},
      {"UPDATE fact_records SET keywords = '0,0,5:China' WHERE id = 'cn'",
       "cn: its copy in fact_records differs from the fact"},
      {"DELETE FROM keyword_tokens WHERE token = 'china'",
       "china: keyword token out of step with the keywords"},
      {"INSERT INTO keyword_tokens VALUES ('boo')",
       "boo: keyword token out of step with the keywords"},
      {"PRAGMA user_version = " + std::to_string(kCurrentSchema) +
           "; DROP INDEX keywords_first_token;"
           " CREATE INDEX keywords_first_token ON keywords(first_token);",
       ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.sql);
    TempDir dir;
    fs::path path = dir.path() / "facts.db";
    MakeSampleDatabase(path);
    Exec(path, c.sql);
    std::unique_ptr<FactStore> store = OpenOrDie(path, OpenMode::kReadOnly);
    ASSERT_NE(store, nullptr);
    Result<std::vector<std::string>> problems = store->Validate();
    ASSERT_TRUE(problems.ok()) << problems.status().ToString();
    if (c.problem.empty()) {
      EXPECT_THAT(*problems, testing::IsEmpty());
    } else {
      EXPECT_THAT(*problems, testing::Contains(testing::HasSubstr(c.problem)));
    }
  }
}

TEST(SqliteFactStoreTest, ValidateFindsCorruptPages) {
  TempDir dir;
  fs::path path = dir.path() / "facts.db";
  {
    std::unique_ptr<FactStore> store = OpenOrDie(path, OpenMode::kReadWrite);
    ASSERT_NE(store, nullptr);
    std::vector<Fact> facts;
    for (int i = 0; i < 2000; ++i) {
      facts.push_back(MakeFact("fact-" + std::to_string(i), i, "count",
                               {{"word" + std::to_string(i)}}));
    }
    ASSERT_TRUE(store->Import(facts, {}).ok());
  }
  std::string bytes = ReadBytes(path);
  ASSERT_GT(bytes.size(), 20u * 4096);
  // Wreck a page in the middle of the file; page 1 (the schema) survives.
  for (size_t i = 10 * 4096; i < 11 * 4096; ++i) bytes[i] = '\x07';
  WriteBytes(path, bytes);
  std::unique_ptr<FactStore> store = OpenOrDie(path, OpenMode::kReadOnly);
  ASSERT_NE(store, nullptr);
  Result<std::vector<std::string>> problems = store->Validate();
  if (problems.ok()) {
    EXPECT_THAT(*problems, testing::Contains(testing::HasSubstr("integrity")));
  } else {
    EXPECT_EQ(problems.status().code(), StatusCode::kDatabase);
    EXPECT_THAT(problems.status().message(), testing::HasSubstr(path.string()));
  }
}

TEST(OpenFactsForCheckingTest, ASmallDatabaseIsCopiedIntoMemoryALargeOneIsNot) {
  TempDir dir;
  fs::path path = dir.path() / "facts.db";
  MakeSampleDatabase(path);
  Result<std::unique_ptr<FactStore>> in_memory = OpenFactsForChecking(path.string(), 2);
  Result<std::unique_ptr<FactStore>> in_place = OpenFactsForChecking(path.string(), 1);
  ASSERT_TRUE(in_memory.ok()) << in_memory.status().ToString();
  ASSERT_TRUE(in_place.ok()) << in_place.status().ToString();
  for (const FactStore* store : {in_memory->get(), in_place->get()}) {
    EXPECT_EQ(*store->CountFacts(100), 2u);
    EXPECT_EQ(*store->CountFacts(1), 1u);
    EXPECT_EQ(Filed(*FiledUnder(*store, {"china", "us"})),
              (std::vector<std::string>{"china:cn", "us:us"}));
    EXPECT_EQ(ValueIds(*store, *store->FindValues("USD", 1e9, 1e12, {"investment"}, std::nullopt)),
              (std::vector<std::string>{"cn", "us"}));
    EXPECT_EQ((*store->FindRate("CNY", 2023))->per_usd, 7.0809);
  }
  // Which one reads the file: the one in place holds it (a write behind
  // its back is refused while it is open); the copy does not.
  EXPECT_EQ(TryExec(path, "UPDATE facts SET value = 1 WHERE id = 'cn'"), SQLITE_BUSY);
  in_place->reset();
  Exec(path, "UPDATE facts SET value = 1 WHERE id = 'cn'");
  EXPECT_EQ((*in_memory)->ListFacts("cn")->front().value, 9.3e9);
}

TEST(OpenFactsForCheckingTest, RecordsTheMemoryStoreRefusesAreQueriedInPlace) {
  TempDir dir;
  fs::path path = dir.path() / "facts.db";
  MakeSampleDatabase(path);
  Exec(path, "UPDATE facts SET source = '' WHERE id = 'us'");
  Result<std::unique_ptr<FactStore>> store = OpenFactsForChecking(path.string());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ(Ids(*(*store)->ListFacts("")), (std::vector<std::string>{"cn", "us"}));
  // In place: it holds the file while it is open.
  EXPECT_EQ(TryExec(path, "UPDATE facts SET value = 1 WHERE id = 'cn'"), SQLITE_BUSY);
}

TEST(OpenFactsForCheckingTest, FailsLikeTheSqliteStore) {
  TempDir dir;
  Result<std::unique_ptr<FactStore>> missing =
      OpenFactsForChecking((dir.path() / "none.db").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace claimcheck
