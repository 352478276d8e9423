#include "cli/facts_command.h"

#include <fmt/format.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <variant>

#include "base/text.h"
#include "facts/fact_store.h"
#include "facts/records.h"

namespace claimcheck::cli {
namespace {

constexpr int kOk = 0;
constexpr int kProblems = 1;
constexpr int kError = 2;

// The same shape as messages.h PrintError, but on the stream we were given
// so that tests can read it.
void Error(std::ostream& err, std::string_view message) {
  err << "claimcheck: error: " << message << "\n";
}

Result<std::unique_ptr<FactStore>> OpenForReading(const std::string& db) {
  return OpenSqliteFactStore(db, OpenMode::kReadOnly);
}

std::string Plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

struct ImportCounts {
  size_t facts = 0;
  size_t rates = 0;
};

// Imports one file, a record at a time: a file of a million facts is never
// held. A bad record's error carries its "FILE:LINE: " place; the store's
// errors get the file's name in front.
Result<ImportCounts> ImportFile(FactStore& store, const std::string& path) {
  Result<RecordFormat> format = RecordFormatForPath(path);
  if (!format.ok()) return format.status();
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    return Status::IoError(path + ": is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot be read");
  FactRecordReader reader(in, *format, path);
  ImportCounts counts;
  Status read_error;
  Status status = store.ImportRecords([&]() -> Result<std::optional<FactRecord>> {
    Result<std::optional<FactRecord>> record = reader.Next();
    if (!record.ok()) {
      read_error = record.status();
    } else if (*record) {
      ++(std::holds_alternative<Fact>(**record) ? counts.facts : counts.rates);
    }
    return record;
  });
  if (!read_error.ok()) return read_error;
  if (!status.ok()) return status.WithPrefix(path);
  return counts;
}

}  // namespace

int RunFactsImport(const std::string& db, const std::vector<std::string>& files,
                   std::ostream& out, std::ostream& err) {
  if (files.empty()) {
    Error(err, "facts import needs at least one .jsonl or .csv file");
    return kError;
  }
  Result<std::unique_ptr<FactStore>> store =
      OpenSqliteFactStore(db, OpenMode::kReadWrite);
  if (!store.ok()) {
    Error(err, store.status().message());
    return kError;
  }
  int status = kOk;
  for (const std::string& path : files) {
    Result<ImportCounts> imported = ImportFile(**store, path);
    if (!imported.ok()) {
      err << imported.status().message() << "\n";
      err << path << ": not imported; nothing of it was written\n";
      status = kError;
      continue;
    }
    out << path << ": " << Plural(imported->facts, "fact", "facts")
        << ", " << Plural(imported->rates, "rate", "rates")
        << " imported\n";
  }
  return status;
}

int RunFactsExport(const std::string& db, std::string_view format,
                   std::ostream& out, std::ostream& err) {
  Result<RecordFormat> parsed = ParseRecordFormat(format);
  if (!parsed.ok()) {
    Error(err, parsed.status().message());
    return kError;
  }
  Result<std::unique_ptr<FactStore>> store = OpenForReading(db);
  if (!store.ok()) {
    Error(err, store.status().message());
    return kError;
  }
  // Written as read: an export of a million facts holds one at a time.
  Result<std::vector<Rate>> rates = (*store)->ListRates();
  if (!rates.ok()) {
    Error(err, rates.status().message());
    return kError;
  }
  FactRecordWriter writer(out, *parsed);
  Status facts = (*store)->ForEachFact("", [&](const Fact& fact) { writer.Write(fact); });
  if (!facts.ok()) {
    Error(err, facts.message() + " (the export stops here, incomplete)");
    return kError;
  }
  for (const Rate& rate : *rates) writer.Write(rate);
  out.flush();
  return kOk;
}

int RunFactsList(const std::string& db, std::string_view search,
                 std::ostream& out, std::ostream& err) {
  Result<std::unique_ptr<FactStore>> store = OpenForReading(db);
  if (!store.ok()) {
    Error(err, store.status().message());
    return kError;
  }
  Result<std::vector<Rate>> rates = (*store)->ListRates();
  if (!rates.ok()) {
    Error(err, rates.status().message());
    return kError;
  }
  Status facts = (*store)->ForEachFact(search, [&](const Fact& fact) {
    out << fact.id << "  " << fmt::format("{}", fact.value) << " " << fact.unit
        << "  " << (fact.year ? std::to_string(*fact.year) : std::string("-"))
        << "  " << fact.subject << " \u2014 " << fact.metric << "  ["
        << fact.source << "]\n";
  });
  if (!facts.ok()) {
    Error(err, facts.message());
    return kError;
  }
  std::string needle = AsciiLower(search);
  for (const Rate& rate : *rates) {
    if (AsciiLower(rate.currency).find(needle) == std::string::npos) continue;
    out << "rate " << rate.currency << " " << rate.year << "  "
        << fmt::format("{}", rate.per_usd) << " per USD  [" << rate.source
        << "]\n";
  }
  return kOk;
}

int RunFactsValidate(const std::string& db, std::ostream& out,
                     std::ostream& err) {
  Result<std::unique_ptr<FactStore>> store = OpenForReading(db);
  if (!store.ok()) {
    Error(err, store.status().message());
    return kError;
  }
  Result<std::vector<std::string>> problems = (*store)->Validate();
  if (!problems.ok()) {
    Error(err, problems.status().message());
    return kError;
  }
  for (const std::string& problem : *problems) {
    out << db << ": " << problem << "\n";
  }
  if (!problems->empty()) return kProblems;
  // Counted, not listed: a million facts read whole took 1.5 GB.
  Result<size_t> facts = (*store)->CountFacts(SIZE_MAX);
  Result<std::vector<Rate>> rates = (*store)->ListRates();
  if (!facts.ok() || !rates.ok()) {
    Error(err, (facts.ok() ? rates.status() : facts.status()).message());
    return kError;
  }
  out << db << ": ok (" << Plural(*facts, "fact", "facts") << ", "
      << Plural(rates->size(), "rate", "rates") << ")\n";
  return kOk;
}

}  // namespace claimcheck::cli
