// The SQLite fact store: the only file that includes SQLiteCpp.
//
// Schema (version 9, kept in PRAGMA user_version):
//   facts(id PK, subject, metric, value, unit, year, tolerance, source, url,
//         note, group_count)             index (unit, value) for FindByValue,
//                                        index (tolerance) for MaxTolerance
//   keywords(fact_id, group_index, position, alternative, first_token,
//            group_count)               index (first_token, fact_id,
//                                        group_index, group_count) for
//                                        counting tokens
//   keyword_values(first_token, unit, value, fact_key, year, tolerance)
//                                        PK (first_token, unit, value, fact_key):
//                                        FindValues's index, rebuilt by
//                                        every import; index
//                                        keyword_values_wide (first_token,
//                                        unit, value, year, tolerance) of
//                                        the rows whose tolerance is wider
//                                        than the default, for the wide
//                                        search
//   filing(token, second, fact_key)      PK (token, second, fact_key): where
//                                        each fact is filed (FindFiled),
//                                        rebuilt by every import
//   filing_keys(token, second)           PK: filing's distinct keys
//                                        (FindFilingKeys), rebuilt by every
//                                        import
//   fact_records(fact_key, id, subject, metric, value, unit, year,
//                tolerance, source, url, note, keywords)  INTEGER PK
//                                        fact_key (the FactKey), id unique:
//                                        each fact whole in one row, its
//                                        keywords in one text
//                                        (ParseEncodedKeywords), for the
//                                        reads of a check (FindFiled,
//                                        FindFactsByKey); rebuilt by every
//                                        import, keys in id order
//   keyword_tokens(token)                PK: the distinct first tokens of all
//                                        keywords (the vocabulary the searches
//                                        filter words by), rebuilt by every
//                                        import
//   rates(currency, year, per_usd, source, url)  PK (currency, year)
//
// Threads: the store keeps a pool of connections. A query borrows an idle
// connection (or opens a new one) under a mutex held only for the borrow and
// the return, runs on it without any lock, and gives it back; so N threads
// run N queries in parallel, each on its own connection with its own cached
// prepared statements. SQLite connections are not shared between threads.
//
// Processes: a read-only store keeps its read lock from its first query to
// its end (locking_mode EXCLUSIVE), so a check reads one state of the
// database, which its caches assume anyway, and a query does not pay for
// taking and dropping the lock and re-reading the header (a fifth of the
// database time with a million facts). An import meanwhile waits for the
// busy timeout, then fails, writing nothing.
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <tuple>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include "base/text.h"
#include "facts/fact_store.h"
#include "facts/validation.h"

namespace claimcheck {
namespace {

constexpr int kSchemaVersion = 9;

// Files every fact under the first tokens of its two rarest keyword groups
// (the rule is on FactStore::FindFilingKeys). Counts change with every
// import, so an import files everything again rather than only what it
// wrote.
constexpr const char* kClearFiling = "DELETE FROM filing";
constexpr const char* kClearKeywordValues = "DELETE FROM keyword_values";
// The index tables name a fact by its record's key, not its id: a number
// in place of a text of 20 to 40 bytes more than halves them (a million
// generated facts: filing 236 -> 91 MB, keyword_values 365 -> 152 MB), and
// with them what a check reads from the file.
constexpr const char* kFillKeywordValues =
    "INSERT OR IGNORE INTO keyword_values"
    " (first_token, unit, value, fact_key, year, tolerance)"
    " SELECT k.first_token, f.unit, f.value, r.fact_key, f.year, f.tolerance"
    " FROM keywords k JOIN facts f ON f.id = k.fact_id JOIN fact_records r ON r.id = f.id";
// Schema 2's, by id; schema 9 replaced it.
constexpr const char* kFillKeywordValuesSchema2 =
    "INSERT OR IGNORE INTO keyword_values"
    " (first_token, unit, value, fact_id, year, tolerance)"
    " SELECT k.first_token, f.unit, f.value, f.id, f.year, f.tolerance"
    " FROM keywords k JOIN facts f ON f.id = k.fact_id";
#define CLAIMCHECK_RANKED_GROUPS                                          \
  "WITH counts AS ("                                                      \
  "  SELECT first_token, COUNT(*) AS n FROM keywords GROUP BY first_token)," \
  " costs AS ("                                                           \
  "  SELECT k.fact_id, k.group_index, SUM(c.n) AS cost,"                  \
  "   MIN(lower(k.alternative)) AS first_word"                            \
  "  FROM keywords k JOIN counts c ON c.first_token = k.first_token"      \
  "  GROUP BY k.fact_id, k.group_index),"                                 \
  " ranked AS ("                                                          \
  "  SELECT fact_id, group_index, ROW_NUMBER() OVER ("                    \
  "   PARTITION BY fact_id ORDER BY cost, first_word, group_index) AS rank" \
  "  FROM costs)"
// The two groups of a fact side by side, so that each is one probe of the
// keywords' key (a join of the ranking with itself has no index to use).
#define CLAIMCHECK_PAIRED_GROUPS                                                      \
  CLAIMCHECK_RANKED_GROUPS                                                            \
  ", pairs AS ("                                                                      \
  "  SELECT fact_id, MAX(CASE WHEN rank = 1 THEN group_index END) AS first_group,"    \
  "   MAX(CASE WHEN rank = 2 THEN group_index END) AS second_group"                   \
  "  FROM ranked GROUP BY fact_id)"
#define CLAIMCHECK_PAIRED_TOKENS                                                        \
  " JOIN keywords k1 ON k1.fact_id = p.fact_id AND k1.group_index = p.first_group"      \
  " LEFT JOIN keywords k2 ON k2.fact_id = p.fact_id AND k2.group_index = p.second_group"
constexpr const char* kFileFacts =
    CLAIMCHECK_PAIRED_GROUPS
    " INSERT INTO filing (token, second, fact_key)"
    " SELECT DISTINCT k1.first_token, COALESCE(k2.first_token, ''), r.fact_key FROM pairs p"
    " JOIN fact_records r ON r.id = p.fact_id" CLAIMCHECK_PAIRED_TOKENS;
// Schemas 4 to 8 filed ids; schema 9 replaced it.
constexpr const char* kFileFactsSchema4 =
    CLAIMCHECK_PAIRED_GROUPS
    " INSERT INTO filing (token, second, fact_id)"
    " SELECT DISTINCT k1.first_token, COALESCE(k2.first_token, ''), p.fact_id FROM pairs p"
    CLAIMCHECK_PAIRED_TOKENS;
#undef CLAIMCHECK_PAIRED_TOKENS
#undef CLAIMCHECK_PAIRED_GROUPS
// Schema 2's filing, by the rarest group alone; schema 4 replaced it.
constexpr const char* kFileFactsSchema2 =
    CLAIMCHECK_RANKED_GROUPS
    " INSERT INTO filing (token, fact_id)"
    " SELECT DISTINCT k.first_token, k.fact_id FROM ranked r"
    " JOIN keywords k ON k.fact_id = r.fact_id AND k.group_index = r.group_index"
    " WHERE r.rank = 1";
#undef CLAIMCHECK_RANKED_GROUPS
// A company's name keys a few dozen metrics but files hundreds of facts:
// FindFilingKeys reads the keys, not the facts.
constexpr const char* kClearFilingKeys = "DELETE FROM filing_keys";
constexpr const char* kFillFilingKeys =
    "INSERT INTO filing_keys (token, second) SELECT DISTINCT token, second FROM filing";
// The vocabulary, by a loose scan of keywords_first_token: one probe per
// distinct token, not one row per keyword. Stored, because a check reads it
// before its first document, and the scan touches a page of that index per
// token: 4,621 tokens of a million facts took 40 ms warm and seconds when
// the file was not in the page cache; the table is a few pages in a row.
constexpr const char* kClearKeywordTokens = "DELETE FROM keyword_tokens";
constexpr const char* kFillKeywordTokens =
    "INSERT INTO keyword_tokens (token)"
    " WITH RECURSIVE v(token) AS ("
    " SELECT MIN(first_token) FROM keywords"
    " UNION ALL SELECT (SELECT MIN(first_token) FROM keywords WHERE first_token > v.token)"
    " FROM v WHERE v.token IS NOT NULL)"
    " SELECT token FROM v WHERE token IS NOT NULL";

// A fact's keywords as one text: "group,position,bytes:alternative" for
// each alternative, end to end. Each entry says where it belongs and how
// long it is, so neither the order group_concat gives (unspecified) nor
// what an alternative holds can confuse the reader (ParseEncodedKeywords).
#define CLAIMCHECK_ENCODED_KEYWORDS                                              \
  "COALESCE((SELECT group_concat(k.group_index || ',' || k.position || ','"     \
  " || length(CAST(k.alternative AS BLOB)) || ':' || k.alternative, '')"        \
  " FROM keywords k WHERE k.fact_id = f.id), '')"
// A check reads a fact with its keywords from one row of one b-tree: from
// facts, its id index and keywords it took three random pages (and a row
// per alternative, each carrying every column), most of the time a check
// spent in a database of a million facts.
#define CLAIMCHECK_RECORD_COLUMNS \
  "id, subject, metric, value, unit, year, tolerance, source, url, note, keywords"
// Each fact's record as its rows in facts and keywords give it.
#define CLAIMCHECK_RECORD_FROM_SOURCE                                                   \
  "SELECT f.id, f.subject, f.metric, f.value, f.unit, f.year, f.tolerance, f.source," \
  " f.url, f.note, " CLAIMCHECK_ENCODED_KEYWORDS " FROM facts f"
// Every import writes the records afresh, as it files every fact again:
// keys then run 1..n in id order whatever order the facts came in, so the
// same facts make the same database, and a subject's facts lie together.
constexpr const char* kClearFactRecords = "DELETE FROM fact_records";
constexpr const char* kFillFactRecords = "INSERT INTO fact_records (" CLAIMCHECK_RECORD_COLUMNS
                                         ") " CLAIMCHECK_RECORD_FROM_SOURCE " ORDER BY f.id";
// Records that differ from the facts and keywords they copy, either way.
constexpr const char* kStaleFactRecords =
    "SELECT id FROM (" CLAIMCHECK_RECORD_FROM_SOURCE
    " EXCEPT SELECT " CLAIMCHECK_RECORD_COLUMNS " FROM fact_records)"
    " UNION SELECT id FROM (SELECT " CLAIMCHECK_RECORD_COLUMNS " FROM fact_records"
    " EXCEPT " CLAIMCHECK_RECORD_FROM_SOURCE ") ORDER BY id";
#undef CLAIMCHECK_RECORD_FROM_SOURCE
#undef CLAIMCHECK_RECORD_COLUMNS
#undef CLAIMCHECK_ENCODED_KEYWORDS

// The rows of keyword_values that FindValues searches apart, with their
// wider range; a literal, so that SQLite can match the query's condition to
// the partial index's.
#define CLAIMCHECK_WIDE_TOLERANCE "tolerance > 0.01"
static_assert(kDefaultTolerance == 0.01, "CLAIMCHECK_WIDE_TOLERANCE names the default");

// Migrations[i] takes a database from version i to version i + 1; a new
// schema version appends one entry (ALTER TABLE ..., data fixes) and bumps
// kSchemaVersion. Version 0 is an empty file.
const std::vector<std::vector<const char*>>& Migrations() {
  static const auto* migrations = new std::vector<std::vector<const char*>>{
      // 0 -> 1: the first schema.
      {
          "CREATE TABLE facts ("
          " id TEXT NOT NULL PRIMARY KEY,"
          " subject TEXT NOT NULL,"
          " metric TEXT NOT NULL,"
          " value REAL NOT NULL,"
          " unit TEXT NOT NULL,"
          " year INTEGER,"
          " tolerance REAL,"
          " source TEXT NOT NULL,"
          " url TEXT NOT NULL DEFAULT '',"
          " note TEXT NOT NULL DEFAULT '',"
          " group_count INTEGER NOT NULL)",
          "CREATE INDEX facts_unit_value ON facts(unit, value)",
          // Facts without keyword groups are candidates for any text; this
          // partial index finds them without a scan.
          "CREATE INDEX facts_without_keywords ON facts(id)"
          " WHERE group_count = 0",
          "CREATE TABLE keywords ("
          " fact_id TEXT NOT NULL REFERENCES facts(id),"
          " group_index INTEGER NOT NULL,"
          " position INTEGER NOT NULL,"
          " alternative TEXT NOT NULL,"
          " first_token TEXT NOT NULL,"
          // A copy of facts.group_count (schema 1 answered its candidate
          // query from this table's index alone).
          " group_count INTEGER NOT NULL,"
          " PRIMARY KEY (fact_id, group_index, position)) WITHOUT ROWID",
          "CREATE INDEX keywords_first_token"
          " ON keywords(first_token, fact_id, group_index, group_count)",
          "CREATE TABLE rates ("
          " currency TEXT NOT NULL,"
          " year INTEGER NOT NULL,"
          " per_usd REAL NOT NULL,"
          " source TEXT NOT NULL,"
          " url TEXT NOT NULL DEFAULT '',"
          " PRIMARY KEY (currency, year)) WITHOUT ROWID",
      },
      // 1 -> 2: the filing that FindFiled reads, instead of matching every
      // keyword group of every fact that shares a word with the text; and
      // an index by word and value, instead of reading every fact in a
      // value range.
      {
          "CREATE TABLE filing ("
          " token TEXT NOT NULL,"
          " fact_id TEXT NOT NULL REFERENCES facts(id),"
          " PRIMARY KEY (token, fact_id)) WITHOUT ROWID",
          kFileFactsSchema2,
          "CREATE TABLE keyword_values ("
          " first_token TEXT NOT NULL,"
          " unit TEXT NOT NULL,"
          " value REAL NOT NULL,"
          " fact_id TEXT NOT NULL REFERENCES facts(id),"
          // Copies, so that FindValues never reads the facts table.
          " year INTEGER,"
          " tolerance REAL,"
          " PRIMARY KEY (first_token, unit, value, fact_id)) WITHOUT ROWID",
          kFillKeywordValuesSchema2,
      },
      // 2 -> 3: the widest tolerance, which bounds every value search,
      // without reading every fact.
      {
          "CREATE INDEX facts_tolerance ON facts(tolerance)",
      },
      // 3 -> 4: facts filed under a token of their second-rarest group too,
      // so that the linker reads the facts of a subject's metrics near its
      // claims, not every fact of the subject.
      {
          "DROP TABLE filing",
          "CREATE TABLE filing ("
          " token TEXT NOT NULL,"
          " second TEXT NOT NULL,"
          " fact_id TEXT NOT NULL REFERENCES facts(id),"
          " PRIMARY KEY (token, second, fact_id)) WITHOUT ROWID",
          kFileFactsSchema4,
      },
      // 4 -> 5: filing's keys apart from its facts.
      {
          "CREATE TABLE filing_keys ("
          " token TEXT NOT NULL,"
          " second TEXT NOT NULL,"
          " PRIMARY KEY (token, second)) WITHOUT ROWID",
          kFillFilingKeys,
      },
      // 5 -> 6: each fact in one row for the reads of a check.
      {
          "CREATE TABLE fact_records ("
          " id TEXT NOT NULL PRIMARY KEY,"
          " subject TEXT NOT NULL,"
          " metric TEXT NOT NULL,"
          " value REAL NOT NULL,"
          " unit TEXT NOT NULL,"
          " year INTEGER,"
          " tolerance REAL,"
          " source TEXT NOT NULL,"
          " url TEXT NOT NULL,"
          " note TEXT NOT NULL,"
          " keywords TEXT NOT NULL) WITHOUT ROWID",
          kFillFactRecords,
      },
      // 6 -> 7: the few facts of a wide tolerance apart, so that they do not
      // widen the value search of all the others.
      {
          "CREATE INDEX keyword_values_wide"
          " ON keyword_values(first_token, unit, value, year, tolerance)"
          " WHERE " CLAIMCHECK_WIDE_TOLERANCE,
      },
      // 7 -> 8: the vocabulary stored, not scanned for at every start.
      {
          "CREATE TABLE keyword_tokens (token TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID",
          kFillKeywordTokens,
      },
      // 8 -> 9: facts named by a number in the index tables (kFillKeywordValues).
      // The records are copied afresh from the facts, which they copy anyway.
      {
          "DROP TABLE fact_records",
          "CREATE TABLE fact_records ("
          " fact_key INTEGER PRIMARY KEY,"
          " id TEXT NOT NULL UNIQUE,"
          " subject TEXT NOT NULL,"
          " metric TEXT NOT NULL,"
          " value REAL NOT NULL,"
          " unit TEXT NOT NULL,"
          " year INTEGER,"
          " tolerance REAL,"
          " source TEXT NOT NULL,"
          " url TEXT NOT NULL,"
          " note TEXT NOT NULL,"
          " keywords TEXT NOT NULL)",
          kFillFactRecords,
          "DROP TABLE filing",
          "CREATE TABLE filing ("
          " token TEXT NOT NULL,"
          " second TEXT NOT NULL,"
          " fact_key INTEGER NOT NULL REFERENCES fact_records(fact_key),"
          " PRIMARY KEY (token, second, fact_key)) WITHOUT ROWID",
          kFileFacts,
          "DROP TABLE keyword_values",
          "CREATE TABLE keyword_values ("
          " first_token TEXT NOT NULL,"
          " unit TEXT NOT NULL,"
          " value REAL NOT NULL,"
          " fact_key INTEGER NOT NULL REFERENCES fact_records(fact_key),"
          " year INTEGER,"
          " tolerance REAL,"
          " PRIMARY KEY (first_token, unit, value, fact_key)) WITHOUT ROWID",
          "CREATE INDEX keyword_values_wide"
          " ON keyword_values(first_token, unit, value, year, tolerance)"
          " WHERE " CLAIMCHECK_WIDE_TOLERANCE,
          kFillKeywordValues,
      },
  };
  return *migrations;
}

// Facts from their own tables, a row per keyword (one row of NULLs for a
// fact without keywords), for the facts that `condition` keeps, ordered so
// that each fact's rows come together (ForEachFactInIdOrder). SQLite walks
// the id index and the keywords' primary key in that order: nothing is
// sorted, and a million facts stream in constant memory.
std::string FactRowsSql(const std::string& condition) {
  return "SELECT f.id, f.subject, f.metric, f.value, f.unit, f.year, f.tolerance, f.source,"
         " f.url, f.note, k.group_index, k.alternative, k.position"
         " FROM facts f LEFT JOIN keywords k ON k.fact_id = f.id WHERE " +
         condition + " ORDER BY f.id, k.group_index, k.position";
}

// What a check reads of a fact: one row of fact_records (AppendRecords).
constexpr const char* kRecordColumns =
    "r.id, r.subject, r.metric, r.value, r.unit, r.year, r.tolerance, r.source, r.url,"
    " r.note, r.keywords";

// FindFiled, FindFilingKeys and FindFactsByKey step one statement per key,
// each a probe of a primary key: with the few keys a document asks for,
// that costs less than binding them as one JSON array and joining
// json_each, which parses the array, builds a temporary index for DISTINCT
// and parses each pair again to take it apart (callgrind, a million facts:
// the three 17% fewer instructions). FindValues keeps its array: a claim's window
// holds a dozen words, and one statement over them costs less than twelve.
const std::string& FiledSql() {
  static const auto* sql = new std::string(
      std::string("SELECT ") + kRecordColumns +
      " FROM filing fi JOIN fact_records r ON r.fact_key = fi.fact_key"
      " WHERE fi.token = ?1 AND fi.second = ?2");
  return *sql;
}

// A token's keys: one probe of filing_keys' primary key (see FiledSql).
constexpr const char* kFilingKeysSql =
    "SELECT second FROM filing_keys WHERE token = ?1 ORDER BY second";

// ?4 is a JSON array of tokens, each one range probe of keyword_values. A
// fact comes once per token of its keywords: FindValues keeps the first.
// Neither DISTINCT nor ORDER BY: either would read every row before the
// first came back, and a caller may stop early.
constexpr const char* kValuesSql =
    "SELECT kv.fact_key, kv.value, kv.year, kv.tolerance"
    " FROM json_each(?4) t"
    " JOIN keyword_values kv ON kv.first_token = t.value AND kv.unit = ?1"
    " AND kv.value >= ?2 AND kv.value <= ?3"
    " WHERE ?5 IS NULL OR kv.year IS NULL OR kv.year = ?5";
// The same over the facts of a wide tolerance only. Named, because to
// SQLite's planner, without statistics, the primary key looks as good.
constexpr const char* kWideValuesSql =
    "SELECT kv.fact_key, kv.value, kv.year, kv.tolerance"
    " FROM json_each(?4) t"
    " JOIN keyword_values kv INDEXED BY keyword_values_wide"
    " ON kv.first_token = t.value AND kv.unit = ?1"
    " AND kv.value >= ?2 AND kv.value <= ?3 AND kv." CLAIMCHECK_WIDE_TOLERANCE
    " WHERE ?5 IS NULL OR kv.year IS NULL OR kv.year = ?5";
// The words of the facts of a wide tolerance (kWideValuesSql's rows): a
// database holds few such facts, if any, and a search beyond the narrow
// range need not ask for any other word.
constexpr const char* kWideWordsSql =
    "SELECT DISTINCT first_token FROM keyword_values INDEXED BY keyword_values_wide"
    " WHERE " CLAIMCHECK_WIDE_TOLERANCE " ORDER BY first_token LIMIT ?1";
#undef CLAIMCHECK_WIDE_TOLERANCE

const std::string& ByKeySql() {
  static const auto* sql = new std::string(std::string("SELECT ") + kRecordColumns +
                                           " FROM fact_records r WHERE r.fact_key = ?1");
  return *sql;
}

// SQLite's lower() folds ASCII only, like AsciiLower, so both stores agree.
const std::string& ListSql() {
  static const auto* sql = new std::string(FactRowsSql(
      "(?1 = '' OR instr(lower(f.id), ?1) > 0 OR instr(lower(f.subject), ?1) > 0"
      " OR instr(lower(f.metric), ?1) > 0 OR instr(lower(f.source), ?1) > 0)"));
  return *sql;
}

// A JSON string literal, for binding the token list as one parameter.
void AppendJsonString(std::string_view s, std::string& out) {
  out.push_back('"');
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (u < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out += buf;
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

// Strings as one JSON array parameter.
template <typename Strings>
std::string JsonArray(const Strings& strings) {
  std::string json = "[";
  for (const std::string& s : strings) {
    if (json.size() > 1) json.push_back(',');
    AppendJsonString(s, json);
  }
  json.push_back(']');
  return json;
}

// The distinct tokens, lower-cased and sorted; with a vocabulary, only the
// tokens in it.
std::vector<std::string> DistinctTokens(const std::vector<std::string>& tokens,
                                        const WordSet* vocabulary) {
  std::vector<std::string> unique;
  for (const std::string& token : tokens) {
    std::string lower = AsciiLower(token);
    if (vocabulary == nullptr || vocabulary->Holds(lower)) unique.push_back(std::move(lower));
  }
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  return unique;
}

// Every keyword's first token.
constexpr const char* kVocabularySql = "SELECT token FROM keyword_tokens LIMIT ?1";
// More distinct tokens than this and the vocabulary is not held: the
// searches then probe every word they are given. The bound is on the
// reading too, which the first document waits for.
constexpr size_t kMaxVocabulary = 50000;

std::string OptionalText(const SQLite::Column& column) {
  return column.isNull() ? std::string() : column.getString();
}

// A fact's own columns, the id aside, from a row of FactRowsSql or of
// kRecordColumns (both give them as columns 1 to 9).
void ReadFactColumns(SQLite::Statement& query, Fact& fact) {
  fact.subject = query.getColumn(1).getString();
  fact.metric = query.getColumn(2).getString();
  fact.value = query.getColumn(3).getDouble();
  fact.unit = query.getColumn(4).getString();
  if (!query.getColumn(5).isNull()) fact.year = query.getColumn(5).getInt();
  if (!query.getColumn(6).isNull()) fact.tolerance = query.getColumn(6).getDouble();
  fact.source = query.getColumn(7).getString();
  fact.url = OptionalText(query.getColumn(8));
  fact.note = OptionalText(query.getColumn(9));
}

// A keyword as (group, position, alternative).
using KeywordRow = std::tuple<int64_t, int64_t, std::string>;

// What a read of a fact whose keywords were not written by Import throws
// (the caller's guard turns it into a kDatabase status).
std::runtime_error DamagedKeywords(std::string_view id) {
  return std::runtime_error("the keywords of fact \"" + std::string(id) +
                            "\" are damaged (`claimcheck facts validate` tells more)");
}

// Keyword rows of fact `id`, in any order, as its groups. Import numbers
// the groups 0..n-1, so an index below 0 or past the rows (a database
// written by another tool) is damage, not a reason to allocate that many
// groups; a gap leaves an empty group, which Validate reports.
std::vector<std::vector<std::string>> KeywordGroups(std::vector<KeywordRow>& rows,
                                                    std::string_view id) {
  std::sort(rows.begin(), rows.end());
  std::vector<std::vector<std::string>> groups;
  for (auto& [group_index, position, alternative] : rows) {
    if (group_index < 0 || static_cast<uint64_t>(group_index) >= rows.size()) {
      throw DamagedKeywords(id);
    }
    auto group = static_cast<size_t>(group_index);
    if (groups.size() <= group) groups.resize(group + 1);
    groups[group].push_back(std::move(alternative));
  }
  return groups;
}

// Calls `each` with the facts of rows of FactRowsSql, one fact at a time:
// holding a million at once took 1.5 GB.
template <typename Each>
void ForEachFactInIdOrder(SQLite::Statement& query, Each each) {
  std::optional<Fact> fact;
  std::vector<KeywordRow> keywords;
  auto finish = [&]() {
    if (!fact) return;
    fact->keywords = KeywordGroups(keywords, fact->id);
    each(*fact);
    keywords.clear();
  };
  while (query.executeStep()) {
    const char* row_id = query.getColumn(0).getText();
    if (!fact || fact->id != row_id) {
      finish();
      fact.emplace();
      fact->id = row_id;
      ReadFactColumns(query, *fact);
    }
    if (query.getColumn(10).isNull()) continue;
    keywords.emplace_back(query.getColumn(10).getInt64(), query.getColumn(12).getInt64(),
                          query.getColumn(11).getString());
  }
  finish();
}

// Reads the keyword groups of CLAIMCHECK_ENCODED_KEYWORDS; throws, naming
// the fact, on a text it did not write.
std::vector<std::vector<std::string>> ParseEncodedKeywords(std::string_view text,
                                                           std::string_view id) {
  auto damaged = [&]() { return DamagedKeywords(id); };
  struct Entry {
    size_t group, position;
    std::string_view alternative;
  };
  // A check reads tens of thousands of records: the entries are taken
  // apart into a buffer this thread keeps, not into strings of their own.
  thread_local std::vector<Entry> entries;
  entries.clear();
  size_t pos = 0;
  auto number = [&](char end) {
    size_t value = 0;
    size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && pos - start < 9) {
      value = value * 10 + static_cast<size_t>(text[pos++] - '0');
    }
    if (pos == start || pos >= text.size() || text[pos] != end) throw damaged();
    ++pos;
    return value;
  };
  bool in_order = true;
  while (pos < text.size()) {
    size_t group = number(',');
    size_t position = number(',');
    size_t bytes = number(':');
    if (bytes > text.size() - pos) throw damaged();
    if (!entries.empty()) {
      const Entry& last = entries.back();
      in_order &= std::tie(last.group, last.position) < std::tie(group, position);
    }
    entries.push_back({group, position, text.substr(pos, bytes)});
    pos += bytes;
  }
  if (!in_order) {
    // Not as Import writes it: the general reading sorts.
    std::vector<KeywordRow> rows;
    rows.reserve(entries.size());
    for (const Entry& e : entries) {
      rows.emplace_back(static_cast<int64_t>(e.group), static_cast<int64_t>(e.position),
                        std::string(e.alternative));
    }
    return KeywordGroups(rows, id);
  }
  // In order, as Import writes it: what KeywordGroups gives, without
  // sorting, each group its exact size.
  std::vector<std::vector<std::string>> groups;
  if (entries.empty()) return groups;
  if (entries.back().group >= entries.size()) throw damaged();
  groups.resize(entries.back().group + 1);
  for (size_t i = 0; i < entries.size();) {
    size_t end = i;
    while (end < entries.size() && entries[end].group == entries[i].group) ++end;
    std::vector<std::string>& group = groups[entries[i].group];
    group.reserve(end - i);
    for (; i < end; ++i) group.emplace_back(entries[i].alternative);
  }
  return groups;
}

// Appends the facts of the rows of kRecordColumns to `facts`.
void AppendRecords(SQLite::Statement& query, std::vector<Fact>& facts) {
  while (query.executeStep()) {
    Fact& fact = facts.emplace_back();
    fact.id = query.getColumn(0).getString();
    ReadFactColumns(query, fact);
    SQLite::Column keywords = query.getColumn(10);
    fact.keywords = ParseEncodedKeywords(
        std::string_view(keywords.getText(), static_cast<size_t>(keywords.getBytes())), fact.id);
  }
}

class SqliteFactStore : public FactStore {
 public:
  SqliteFactStore(std::string path, OpenMode mode)
      : path_(std::move(path)), mode_(mode) {}

  // Opens the first connection, migrating when writable.
  Status Init() {
    return Guard([&]() -> Status {
      std::unique_ptr<Connection> connection = OpenConnection();
      Status status = mode_ == OpenMode::kReadWrite
                          ? Migrate(connection->db)
                          : CheckVersion(connection->db);
      if (!status.ok()) return status;
      if (status = CheckTables(connection->db); !status.ok()) return status;
      Release(std::move(connection));
      return Status();
    });
  }

  Result<std::vector<FilingKey>> FindFilingKeys(
      const std::vector<std::string>& tokens) const override {
    Result<const Vocabulary*> vocabulary = KeywordVocabulary();
    if (!vocabulary.ok()) return vocabulary.status();
    std::vector<std::string> wanted = DistinctTokens(tokens, *vocabulary);
    std::vector<FilingKey> keys;
    Status status = WithConnection([&](Connection& connection) {
      SQLite::Statement& query = connection.Prepare(kFilingKeysSql);
      for (const std::string& token : wanted) {
        query.reset();
        query.bind(1, token);
        while (query.executeStep()) keys.push_back({token, query.getColumn(0).getString()});
      }
    });
    if (!status.ok()) return status;
    return keys;
  }

  Result<std::vector<FiledFact>> FindFiled(
      const std::vector<FilingKey>& keys) const override {
    // Each key once, in order: a key asked twice would bring its facts twice.
    std::vector<FilingKey> unique = keys;
    std::sort(unique.begin(), unique.end());
    unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
    std::vector<FiledFact> filed;
    Status status = WithConnection([&](Connection& connection) {
      SQLite::Statement& query = connection.Prepare(FiledSql());
      std::vector<Fact> facts;
      for (const FilingKey& key : unique) {
        query.reset();
        query.bind(1, key.token);
        query.bind(2, key.second);
        facts.clear();
        AppendRecords(query, facts);
        // Keys order filing; claimcheck numbers them in id order, another
        // writer of the file need not.
        std::sort(facts.begin(), facts.end(),
                  [](const Fact& a, const Fact& b) { return a.id < b.id; });
        for (Fact& fact : facts) filed.push_back({key, std::move(fact)});
      }
    });
    if (!status.ok()) return status;
    return filed;
  }

  using FactStore::FindValues;
  Result<std::vector<FactValue>> FindValues(
      std::string_view unit, const ValueRange& range,
      const std::vector<std::string>& tokens, std::optional<int> year,
      size_t limit, const ValueTest& accepts) const override {
    Result<const Vocabulary*> vocabulary = KeywordVocabulary();
    if (!vocabulary.ok()) return vocabulary.status();
    const std::vector<std::string> wanted = DistinctTokens(tokens, *vocabulary);
    std::vector<FactValue> values;
    if (wanted.empty()) return values;
    const bool beyond = range.wide_low < range.low || range.wide_high > range.high;
    std::vector<std::string> wide_wanted;
    if (beyond) {
      Result<const WordSet*> wide_words = ReadWordsOnce(kWideWordsSql, wide_words_);
      if (!wide_words.ok()) return wide_words.status();
      for (const std::string& token : wanted) {
        if (*wide_words == nullptr || (*wide_words)->Holds(token)) wide_wanted.push_back(token);
      }
    }
    std::unordered_set<FactKey> seen;
    auto search = [&](SQLite::Statement& query, double low, double high,
                      const std::vector<std::string>& words) {
      query.bind(1, std::string(unit));
      query.bind(2, low);
      query.bind(3, high);
      query.bind(4, JsonArray(words));
      if (year) query.bind(5, *year);
      while (values.size() < limit && query.executeStep()) {
        FactValue value;
        value.value = query.getColumn(1).getDouble();
        if (!query.getColumn(3).isNull()) value.tolerance = query.getColumn(3).getDouble();
        if (accepts && !accepts(value.value, value.tolerance)) continue;
        value.key = query.getColumn(0).getInt64();
        if (!seen.insert(value.key).second) continue;
        if (!query.getColumn(2).isNull()) value.year = query.getColumn(2).getInt();
        values.push_back(std::move(value));
      }
      query.reset();  // a limit may leave it unfinished, holding a read lock
    };
    // Every fact within the narrow range (a wide one there is found too),
    // then the wide ones beyond it.
    Status status = WithConnection([&](Connection& connection) {
      search(connection.Prepare(kValuesSql), range.low, range.high, wanted);
      if (!wide_wanted.empty()) {
        search(connection.Prepare(kWideValuesSql), range.wide_low, range.wide_high, wide_wanted);
      }
    });
    if (!status.ok()) return status;
    std::sort(values.begin(), values.end(),
              [](const FactValue& a, const FactValue& b) { return a.key < b.key; });
    return values;
  }

  Result<std::vector<Fact>> FindFactsByKey(const std::vector<FactKey>& keys) const override {
    std::vector<FactKey> unique = keys;
    std::sort(unique.begin(), unique.end());
    unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
    std::vector<Fact> facts;
    Status status = WithConnection([&](Connection& connection) {
      SQLite::Statement& query = connection.Prepare(ByKeySql());
      for (FactKey key : unique) {
        query.reset();
        query.bind(1, key);
        AppendRecords(query, facts);
      }
    });
    if (!status.ok()) return status;
    std::sort(facts.begin(), facts.end(), [](const Fact& a, const Fact& b) { return a.id < b.id; });
    return facts;
  }

  Result<std::optional<Rate>> FindRate(std::string_view currency,
                                       int year) const override {
    std::optional<Rate> rate;
    Status status = WithConnection([&](Connection& connection) {
      SQLite::Statement& query = connection.Prepare(
          "SELECT currency, year, per_usd, source, url FROM rates"
          " WHERE currency = ?1 AND year = ?2");
      query.bind(1, std::string(currency));
      query.bind(2, year);
      if (query.executeStep()) rate = ReadRate(query);
      query.reset();  // an unfinished statement would keep its read lock
    });
    if (!status.ok()) return status;
    return rate;
  }

  Status ForEachFact(std::string_view search,
                     const std::function<void(const Fact&)>& each) const override {
    return WithConnection([&](Connection& connection) {
      SQLite::Statement& query = connection.Prepare(ListSql());
      query.bind(1, AsciiLower(search));
      ForEachFactInIdOrder(query, each);
    });
  }

  Result<double> MaxTolerance() const override {
    double widest = kDefaultTolerance;
    Status status = WithConnection([&](Connection& connection) {
      SQLite::Statement& query = connection.Prepare("SELECT MAX(tolerance) FROM facts");
      if (query.executeStep() && !query.getColumn(0).isNull()) {
        widest = std::max(widest, query.getColumn(0).getDouble());
      }
      query.reset();  // an unfinished statement would keep its read lock
    });
    if (!status.ok()) return status;
    return widest;
  }

  Result<size_t> CountFacts(size_t limit) const override {
    size_t count = 0;
    Status status = WithConnection([&](Connection& connection) {
      SQLite::Statement& query =
          connection.Prepare("SELECT COUNT(*) FROM (SELECT 1 FROM facts LIMIT ?1)");
      query.bind(1, static_cast<int64_t>(std::min<size_t>(limit, INT64_MAX)));
      if (query.executeStep()) count = static_cast<size_t>(query.getColumn(0).getInt64());
      query.reset();  // an unfinished statement would keep its read lock
    });
    if (!status.ok()) return status;
    return count;
  }

  Result<std::vector<Rate>> ListRates() const override {
    std::vector<Rate> rates;
    Status status = WithConnection([&](Connection& connection) {
      SQLite::Statement& query = connection.Prepare(
          "SELECT currency, year, per_usd, source, url FROM rates"
          " ORDER BY currency, year");
      while (query.executeStep()) rates.push_back(ReadRate(query));
    });
    if (!status.ok()) return status;
    return rates;
  }

  Status ImportRecords(const RecordSource& next) override {
    if (mode_ == OpenMode::kReadOnly) {
      return Status::InvalidArgument(path_ + ": opened read-only");
    }
    std::unique_ptr<Connection> connection;
    Status status = Guard([&]() -> Status {
      connection = Acquire();
      SQLite::Database& db = connection->db;
      // EXCLUSIVE takes the whole database up front, so a running check
      // (which holds its read lock until it ends) or another import makes
      // the import fail here, after one busy timeout and before anything is
      // written, rather than wait out the timeout again at every spill of
      // the page cache and at the commit (15 s for a 20,000-fact database).
      db.exec("BEGIN EXCLUSIVE");
      try {
        if (Status written = WriteRecords(*connection, next); !written.ok()) {
          db.exec("ROLLBACK");
          return written;
        }
        db.exec(kClearFactRecords);
        db.exec(kFillFactRecords);
        db.exec(kClearFiling);
        db.exec(kFileFacts);
        db.exec(kClearFilingKeys);
        db.exec(kFillFilingKeys);
        db.exec(kClearKeywordTokens);
        db.exec(kFillKeywordTokens);
        db.exec(kClearKeywordValues);
        db.exec(kFillKeywordValues);
        db.exec("COMMIT");
      } catch (...) {
        db.tryExec("ROLLBACK");
        throw;
      }
      return Status();
    });
    // A connection that failed mid-import is dropped, not pooled: its
    // state is not worth reasoning about.
    if (status.ok()) Release(std::move(connection));
    std::lock_guard<std::mutex> lock(words_mu_);
    vocabulary_ = WordsOnce();
    wide_words_ = WordsOnce();
    return status;
  }

  Result<std::vector<std::string>> Validate() const override {
    std::vector<std::string> problems;
    Status status = WithConnection(
        [&](Connection& connection) { ValidateOn(connection.db, problems); });
    if (!status.ok()) return status;
    return problems;
  }

  // Read once (kMaxVocabulary bounds it). A word outside it names no fact,
  // and most words near a figure are such words: the searches leave them
  // out rather than probing an index for each.
  Result<const Vocabulary*> KeywordVocabulary() const override {
    return ReadWordsOnce(kVocabularySql, vocabulary_);
  }

 private:
  // Words a query gives (`sql`, taking a limit as ?1), read at the first
  // ask and kept until the next import; null when there are more than
  // kMaxVocabulary of them.
  struct WordsOnce {
    bool read = false;
    std::unique_ptr<WordSet> words;
  };
  Result<const WordSet*> ReadWordsOnce(const char* sql, WordsOnce& once) const {
    std::lock_guard<std::mutex> lock(words_mu_);
    if (once.read) return once.words.get();
    std::vector<std::string> words;
    Status status = WithConnection([&](Connection& connection) {
      SQLite::Statement& query = connection.Prepare(sql);
      query.bind(1, static_cast<int64_t>(kMaxVocabulary + 1));
      while (query.executeStep()) words.push_back(query.getColumn(0).getString());
    });
    if (!status.ok()) return status;
    once.words.reset();
    if (words.size() <= kMaxVocabulary) once.words = std::make_unique<WordSet>(std::move(words));
    once.read = true;
    return once.words.get();
  }

  struct Connection {
    Connection(const std::string& path, int flags)
        : db(path, flags, /*aBusyTimeoutMs=*/5000) {}

    // A cached statement for `sql`, reset and with bindings cleared.
    SQLite::Statement& Prepare(const std::string& sql) {
      std::unique_ptr<SQLite::Statement>& statement = statements[sql];
      if (statement == nullptr) {
        statement = std::make_unique<SQLite::Statement>(db, sql);
      } else {
        statement->reset();
        statement->clearBindings();
      }
      return *statement;
    }

    SQLite::Database db;
    std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>>
        statements;
  };

  // Runs `body`, turning exceptions of SQLiteCpp (and any other) into
  // kDatabase naming the file.
  template <typename Body>
  Status Guard(Body body) const {
    try {
      return body();
    } catch (const SQLite::Exception& e) {
      int code = e.getErrorCode() & 0xff;
      if (code == SQLITE_BUSY) {
        return Status::Database(
            path_ + ": the database is in use by another claimcheck (a check holds it until it"
                    " ends, an import until it commits); nothing was changed, try again then");
      }
      if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT) {
        return Status::Database(path_ +
                                ": not a readable SQLite database, or it is"
                                " corrupt (" +
                                e.what() + ")");
      }
      return Status::Database(path_ + ": " + e.what());
    } catch (const std::exception& e) {
      return Status::Database(path_ + ": " + e.what());
    }
  }

  template <typename Body>
  Status WithConnection(Body body) const {
    std::unique_ptr<Connection> connection;
    Status status = Guard([&]() -> Status {
      connection = Acquire();
      body(*connection);
      return Status();
    });
    if (status.ok()) Release(std::move(connection));
    return status;
  }

  std::unique_ptr<Connection> OpenConnection() const {
    // No mutex inside SQLite: a connection is used by one thread at a time
    // (the pool hands it out), so SQLite's own locking would only cost.
    int flags = SQLite::OPEN_NOMUTEX |
                (mode_ == OpenMode::kReadOnly ? SQLite::OPEN_READONLY
                                              : SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    auto connection = std::make_unique<Connection>(path_, flags);
    if (mode_ == OpenMode::kReadOnly) {
      connection->db.exec("PRAGMA locking_mode = EXCLUSIVE");
      // SQLite's default 2 MB of pages cannot hold the inner pages of the
      // b-trees a check probes in a database of a million facts (3,000 to
      // 8,000 pages of 4 KB), so the leaves a check reads push them out and
      // many probes read them again from the file. 8 MB keeps most of them:
      // a check of 2,000 generated documents made 48,000 reads instead of
      // 69,000 (16 MB: 41,000, but a connection is a checking thread, and
      // threads times the cache is what memory grows by). Pages are taken
      // only as they are read: a small database costs no more than before.
      connection->db.exec("PRAGMA cache_size = -8192");
    }
    return connection;
  }

  std::unique_ptr<Connection> Acquire() const {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!idle_.empty()) {
        std::unique_ptr<Connection> connection = std::move(idle_.back());
        idle_.pop_back();
        return connection;
      }
    }
    return OpenConnection();
  }

  void Release(std::unique_ptr<Connection> connection) const {
    std::lock_guard<std::mutex> lock(mu_);
    idle_.push_back(std::move(connection));
  }

  static int UserVersion(SQLite::Database& db) {
    return db.execAndGet("PRAGMA user_version").getInt();
  }

  static bool HasTables(SQLite::Database& db) {
    return db.execAndGet("SELECT COUNT(*) FROM sqlite_master").getInt() > 0;
  }

  Status CheckKnownVersion(int version, SQLite::Database& db) const {
    if (version > kSchemaVersion) {
      return Status::Database(
          path_ + ": schema version " + std::to_string(version) +
          " is newer than this claimcheck knows (" +
          std::to_string(kSchemaVersion) + "); upgrade claimcheck");
    }
    if (version <= 0 && HasTables(db)) {
      return Status::Database(path_ +
                              ": not a claimcheck database (it has tables but"
                              " no claimcheck schema version)");
    }
    return Status();
  }

  // Reading the schema touches page 1, so a file that is not SQLite or
  // whose first page is damaged fails here, at open, rather than at the
  // first query. Deeper damage is for Validate's integrity_check: checking
  // every page on each open would make opening a large database slow.
  Status CheckTables(SQLite::Database& db) const {
    for (const char* table :
         {"facts", "keywords", "filing", "filing_keys", "keyword_values", "fact_records",
          "keyword_tokens", "rates"}) {
      if (!db.tableExists(table)) {
        return Status::Database(path_ + ": not a claimcheck database (no " +
                                table + " table)");
      }
    }
    // A query names this index (kWideValuesSql).
    SQLite::Statement index(db,
                            "SELECT 1 FROM sqlite_master WHERE type = 'index'"
                            " AND name = 'keyword_values_wide'");
    if (!index.executeStep()) {
      return Status::Database(path_ +
                              ": not a claimcheck database (no keyword_values_wide index)");
    }
    return Status();
  }

  Status CheckVersion(SQLite::Database& db) const {
    int version = UserVersion(db);
    if (Status status = CheckKnownVersion(version, db); !status.ok()) {
      return status;
    }
    if (version == 0) {
      return Status::Database(path_ +
                              ": not a claimcheck database (empty, no schema"
                              " version)");
    }
    if (version < kSchemaVersion) {
      return Status::Database(
          path_ + ": schema version " + std::to_string(version) +
          " is older than this claimcheck's (" +
          std::to_string(kSchemaVersion) +
          "); it cannot be upgraded read-only, run `claimcheck facts import`"
          " on it to upgrade");
    }
    return Status();
  }

  Status Migrate(SQLite::Database& db) const {
    // A current database is not written to, so one on a read-only file
    // still opens for writing (and fails only when written). Otherwise the
    // version is read again inside the write transaction, which keeps two
    // processes from running the same migration twice.
    int current = UserVersion(db);
    if (current == kSchemaVersion) return Status();
    if (current > kSchemaVersion) return CheckKnownVersion(current, db);
    db.exec("BEGIN EXCLUSIVE");  // as Import does, and for the same reason
    try {
      int version = UserVersion(db);
      if (Status status = CheckKnownVersion(version, db); !status.ok()) {
        db.exec("ROLLBACK");
        return status;
      }
      const auto& migrations = Migrations();
      for (int v = version; v < kSchemaVersion; ++v) {
        for (const char* step : migrations[static_cast<size_t>(v)]) {
          db.exec(step);
        }
      }
      if (version != kSchemaVersion) {
        // PRAGMA takes no parameters; the value is our own constant.
        db.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
      }
      db.exec("COMMIT");
    } catch (...) {
      db.tryExec("ROLLBACK");
      throw;
    }
    return Status();
  }

  // Writes each record `next` hands over, after the checks of
  // CheckImportable; stops at the first bad one, with an error naming the
  // database and the record, or at `next`'s own error, passed on as it is.
  // The ids of the import are remembered in a temporary table, not in
  // memory: an import may bring a million.
  Status WriteRecords(Connection& connection, const RecordSource& next) const {
    connection.db.exec(
        "CREATE TEMP TABLE IF NOT EXISTS imported_ids (id TEXT PRIMARY KEY) WITHOUT ROWID");
    connection.db.exec("DELETE FROM temp.imported_ids");
    std::set<std::pair<std::string, int>> rates;
    while (true) {
      Result<std::optional<FactRecord>> record = next();
      if (!record.ok()) return record.status();
      if (!*record) {
        connection.db.exec("DROP TABLE temp.imported_ids");
        return Status();
      }
      if (const Fact* fact = std::get_if<Fact>(&**record)) {
        if (Status status = CheckImportable(*fact); !status.ok()) {
          return status.WithPrefix(path_);
        }
        SQLite::Statement& remember =
            connection.Prepare("INSERT OR IGNORE INTO temp.imported_ids (id) VALUES (?1)");
        remember.bind(1, fact->id);
        if (remember.exec() == 0) return GivenTwice(*fact).WithPrefix(path_);
        WriteFact(connection, *fact);
      } else {
        const Rate& rate = std::get<Rate>(**record);
        if (Status status = CheckImportable(rate); !status.ok()) {
          return status.WithPrefix(path_);
        }
        if (!rates.emplace(rate.currency, rate.year).second) {
          return GivenTwice(rate).WithPrefix(path_);
        }
        WriteRate(connection, rate);
      }
    }
  }

  static void WriteFact(Connection& connection, const Fact& fact) {
    SQLite::Statement& upsert = connection.Prepare(
        "INSERT INTO facts (id, subject, metric, value, unit, year,"
        " tolerance, source, url, note, group_count)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
        " ON CONFLICT (id) DO UPDATE SET subject = excluded.subject,"
        " metric = excluded.metric, value = excluded.value,"
        " unit = excluded.unit, year = excluded.year,"
        " tolerance = excluded.tolerance, source = excluded.source,"
        " url = excluded.url, note = excluded.note,"
        " group_count = excluded.group_count");
    upsert.bind(1, fact.id);
    upsert.bind(2, fact.subject);
    upsert.bind(3, fact.metric);
    upsert.bind(4, fact.value);
    upsert.bind(5, fact.unit);
    if (fact.year) upsert.bind(6, *fact.year);
    if (fact.tolerance) upsert.bind(7, *fact.tolerance);
    upsert.bind(8, fact.source);
    upsert.bind(9, fact.url);
    upsert.bind(10, fact.note);
    upsert.bind(11, static_cast<int64_t>(fact.keywords.size()));
    upsert.exec();

    SQLite::Statement& clear =
        connection.Prepare("DELETE FROM keywords WHERE fact_id = ?1");
    clear.bind(1, fact.id);
    clear.exec();
    for (size_t g = 0; g < fact.keywords.size(); ++g) {
      for (size_t p = 0; p < fact.keywords[g].size(); ++p) {
        const std::string& alternative = fact.keywords[g][p];
        SQLite::Statement& insert = connection.Prepare(
            "INSERT INTO keywords (fact_id, group_index, position,"
            " alternative, first_token, group_count)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        insert.bind(1, fact.id);
        insert.bind(2, static_cast<int64_t>(g));
        insert.bind(3, static_cast<int64_t>(p));
        insert.bind(4, alternative);
        insert.bind(5, FirstKeywordToken(alternative));
        insert.bind(6, static_cast<int64_t>(fact.keywords.size()));
        insert.exec();
      }
    }
  }

  static void WriteRate(Connection& connection, const Rate& rate) {
    SQLite::Statement& upsert = connection.Prepare(
        "INSERT INTO rates (currency, year, per_usd, source, url)"
        " VALUES (?1, ?2, ?3, ?4, ?5)"
        " ON CONFLICT (currency, year) DO UPDATE SET"
        " per_usd = excluded.per_usd, source = excluded.source,"
        " url = excluded.url");
    upsert.bind(1, rate.currency);
    upsert.bind(2, rate.year);
    upsert.bind(3, rate.per_usd);
    upsert.bind(4, rate.source);
    upsert.bind(5, rate.url);
    upsert.exec();
  }

  static Rate ReadRate(SQLite::Statement& query) {
    Rate rate;
    rate.currency = query.getColumn(0).getString();
    rate.year = query.getColumn(1).getInt();
    rate.per_usd = query.getColumn(2).getDouble();
    rate.source = query.getColumn(3).getString();
    rate.url = OptionalText(query.getColumn(4));
    return rate;
  }

  // Whole-table scans are fine here: validation is an explicit, rare act.
  void ValidateOn(SQLite::Database& db,
                  std::vector<std::string>& problems) const {
    int version = UserVersion(db);
    if (version != kSchemaVersion) {
      problems.push_back("schema version " + std::to_string(version) +
                         ", expected " + std::to_string(kSchemaVersion));
      return;  // the queries below assume the current schema
    }
    {
      SQLite::Statement check(db, "PRAGMA integrity_check");
      while (check.executeStep()) {
        std::string line = check.getColumn(0).getString();
        if (line != "ok") problems.push_back("integrity: " + line);
      }
    }
    auto collect = [&](const char* sql, const std::string& what) {
      SQLite::Statement query(db, sql);
      while (query.executeStep()) {
        problems.push_back(query.getColumn(0).getString() + ": " + what);
      }
    };
    collect("SELECT id FROM facts GROUP BY id HAVING COUNT(*) > 1 ORDER BY id",
            "duplicate id");
    collect(
        "SELECT DISTINCT fact_id FROM keywords WHERE fact_id NOT IN"
        " (SELECT id FROM facts) ORDER BY fact_id",
        "keywords of a fact that does not exist");
    // A fact whose groups are not numbered 0..group_count-1.
#define CLAIMCHECK_GROUPS_DAMAGED                                          \
  "(f.group_count != (SELECT COUNT(DISTINCT group_index) FROM keywords k" \
  "  WHERE k.fact_id = f.id)"                                             \
  " OR EXISTS (SELECT 1 FROM keywords k WHERE k.fact_id = f.id"            \
  "  AND (k.group_index < 0 OR k.group_index >= f.group_count"            \
  "       OR k.group_count != f.group_count)))"
    collect("SELECT f.id FROM facts f WHERE " CLAIMCHECK_GROUPS_DAMAGED " ORDER BY f.id",
            "keyword groups do not match group_count");
    collect(
        "SELECT id FROM facts WHERE group_count > 0 AND id NOT IN"
        " (SELECT r.id FROM filing fi JOIN fact_records r ON r.fact_key = fi.fact_key)"
        " ORDER BY id",
        "not filed under any keyword (an import files it again)");
    collect(
        "SELECT DISTINCT k.fact_id FROM keywords k JOIN facts f ON f.id = k.fact_id"
        " WHERE NOT EXISTS (SELECT 1 FROM keyword_values kv"
        "  JOIN fact_records r ON r.fact_key = kv.fact_key"
        "  WHERE kv.first_token = k.first_token AND kv.unit = f.unit"
        "  AND kv.value = f.value AND r.id = f.id AND kv.year IS f.year"
        "  AND kv.tolerance IS f.tolerance) ORDER BY k.fact_id",
        "missing from the value index (an import rebuilds it)");
    // Entries the facts do not give: a key that names no record, or names
    // one whose fact has other keywords or another value. A check would
    // take such a value for the fact's.
    collect(
        "SELECT DISTINCT 'key ' || kv.fact_key || COALESCE(' (fact \"' || r.id || '\")', '')"
        " FROM keyword_values kv LEFT JOIN fact_records r ON r.fact_key = kv.fact_key"
        " WHERE NOT EXISTS (SELECT 1 FROM facts f JOIN keywords k ON k.fact_id = f.id"
        "  WHERE f.id = r.id AND k.first_token = kv.first_token AND f.unit = kv.unit"
        "  AND f.value = kv.value AND f.year IS kv.year AND f.tolerance IS kv.tolerance)"
        " ORDER BY kv.fact_key",
        "in the value index, but no fact gives that entry (an import rebuilds it)");
    collect(
        "SELECT DISTINCT 'key ' || fact_key FROM filing WHERE fact_key NOT IN"
        " (SELECT fact_key FROM fact_records) ORDER BY fact_key",
        "filed, but no fact has that key (an import files every fact again)");
    collect(
        "SELECT DISTINCT json_array(token, second) FROM filing f WHERE NOT EXISTS"
        " (SELECT 1 FROM filing_keys k WHERE k.token = f.token AND k.second = f.second)"
        " UNION SELECT json_array(token, second) FROM filing_keys k WHERE NOT EXISTS"
        " (SELECT 1 FROM filing f WHERE f.token = k.token AND f.second = k.second)",
        "filing key out of step with the filing (an import rebuilds it)");
    collect(
        "SELECT token FROM (SELECT first_token AS token FROM keywords"
        "  EXCEPT SELECT token FROM keyword_tokens)"
        " UNION SELECT token FROM (SELECT token FROM keyword_tokens"
        "  EXCEPT SELECT first_token FROM keywords)",
        "keyword token out of step with the keywords (an import rebuilds it)");
    collect(kStaleFactRecords,
            "its copy in fact_records differs from the fact (importing the fact again mends it)");
    collect(
        "SELECT id FROM facts WHERE typeof(value) NOT IN ('real', 'integer')"
        " ORDER BY id",
        "value is not a number");
    collect(
        "SELECT currency || ' ' || year FROM rates"
        " WHERE typeof(per_usd) NOT IN ('real', 'integer')"
        " ORDER BY currency, year",
        "per_usd is not a number");

    // The per-record rules are the ones Import enforces, so a database
    // written by another tool is held to the same standard. Facts whose
    // groups are damaged cannot be read whole, and are reported above.
    SQLite::Statement facts(db, FactRowsSql("typeof(f.value) IN ('real', 'integer')"
                                            " AND NOT " CLAIMCHECK_GROUPS_DAMAGED));
#undef CLAIMCHECK_GROUPS_DAMAGED
    ForEachFactInIdOrder(facts, [&](const Fact& fact) {
      for (const std::string& problem : FactProblems(fact)) {
        problems.push_back(DescribeFact(fact) + ": " + problem);
      }
    });
    SQLite::Statement tokens(
        db,
        "SELECT fact_id, alternative, first_token FROM keywords"
        " ORDER BY fact_id, group_index, position");
    while (tokens.executeStep()) {
      std::string alternative = tokens.getColumn(1).getString();
      if (tokens.getColumn(2).getString() != FirstKeywordToken(alternative)) {
        problems.push_back("fact \"" + tokens.getColumn(0).getString() +
                           "\": keyword \"" + alternative +
                           "\" has a stale first_token");
      }
    }
    SQLite::Statement rates(
        db,
        "SELECT currency, year, per_usd, source, url FROM rates"
        " WHERE typeof(per_usd) IN ('real', 'integer')"
        " ORDER BY currency, year");
    while (rates.executeStep()) {
      Rate rate = ReadRate(rates);
      for (const std::string& problem : RateProblems(rate)) {
        problems.push_back(DescribeRate(rate) + ": " + problem);
      }
    }
  }

  const std::string path_;
  const OpenMode mode_;
  mutable std::mutex mu_;
  mutable std::vector<std::unique_ptr<Connection>> idle_;
  mutable std::mutex words_mu_;
  mutable WordsOnce vocabulary_;
  mutable WordsOnce wide_words_;
};

}  // namespace

Result<std::unique_ptr<FactStore>> OpenSqliteFactStore(const std::string& path,
                                                       OpenMode mode) {
  std::error_code error;
  bool exists = std::filesystem::exists(path, error);
  if (mode == OpenMode::kReadOnly && !exists) {
    return Status::NotFound(path + ": no such fact database");
  }
  if (exists && std::filesystem::is_directory(path, error)) {
    return Status::Database(path + ": is a directory, not a fact database");
  }
  auto store = std::make_unique<SqliteFactStore>(path, mode);
  if (Status status = store->Init(); !status.ok()) return status;
  return std::unique_ptr<FactStore>(std::move(store));
}

}  // namespace claimcheck
