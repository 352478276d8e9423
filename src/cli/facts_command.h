// `claimcheck facts import | export | list | validate` (interface.md,
// "Commands" and "Fact records"). main.cc parses argv and resolves the
// database path (--db, $CLAIMCHECK_DB, the bundled facts.db); these
// functions do the work, write results on `out` and errors on `err`, and
// return the exit status:
//   0  done (validate: no problem found)
//   1  validate only: the database opened but has problems (listed on out)
//   2  a usage or database error, or (import) any file that was not imported
// Not thread-safe; one call at a time per database.
#ifndef CLAIMCHECK_CLI_FACTS_COMMAND_H_
#define CLAIMCHECK_CLI_FACTS_COMMAND_H_

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace claimcheck::cli {

// Imports each file in its own transaction (created when `db` is missing,
// migrated when older). The format is chosen by the extension (.jsonl and
// .json: JSON lines, .csv: CSV). A file that cannot be read or holds a bad
// record is reported on err as "FILE:LINE: reason" and leaves the database
// as it was; the other files still import. Writes one summary line per
// imported file on out: "FILE: 42 facts, 12 rates imported".
int RunFactsImport(const std::string& db, const std::vector<std::string>& files,
                   std::ostream& out, std::ostream& err);

// Writes every fact (by id) then every rate (by currency, year) in `format`
// ("jsonl" or "csv") on out. Opens `db` read-only.
int RunFactsExport(const std::string& db, std::string_view format,
                   std::ostream& out, std::ostream& err);

// One line per fact whose id, subject, metric or source contains `search`
// (ignoring case), then one per rate whose currency contains it; all of
// them when `search` is empty:
//   us-private-ai-investment-2024  109100000000 USD  2024  United States —
//   private AI investment  [Stanford HAI, ...]
//   rate CNY 2023  7.0809 per USD  [Federal Reserve Board, ...]
// Opens `db` read-only.
int RunFactsList(const std::string& db, std::string_view search,
                 std::ostream& out, std::ostream& err);

// Checks schema version, integrity, that every fact has a source, that ids
// are unique (FactStore::Validate); prints each problem as "DB: problem" on
// out, or "DB: ok (N facts, M rates)". Opens `db` read-only.
int RunFactsValidate(const std::string& db, std::ostream& out,
                     std::ostream& err);

}  // namespace claimcheck::cli

#endif  // CLAIMCHECK_CLI_FACTS_COMMAND_H_
