#include "cli/main.h"

#include <csignal>
#include <cstdlib>
#include <ios>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/check_command.h"
#include "cli/facts_command.h"
#include "cli/messages.h"

namespace claimcheck::cli {
namespace {

constexpr const char* kVersion = CLAIMCHECK_VERSION;

// --db, else $CLAIMCHECK_DB, else the bundled facts.db (interface.md).
std::string ResolveDb(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("CLAIMCHECK_DB"); env && *env) return env;
  return CLAIMCHECK_DEFAULT_DB;
}

bool IsCommandName(const std::string& arg) {
  return arg == "check" || arg == "extract" || arg == "facts" || arg == "help" ||
         arg == "-h" || arg == "--help" || arg == "--version";
}

// Options shared by check and extract.
void AddReportOptions(CLI::App& command, CheckOptions& options,
                      std::string& format, std::string& input, bool& quiet) {
  command.add_option("paths", options.paths,
                     "Files or folders to read (recursive); none or \"-\" reads stdin");
  command.add_option("--rules", options.rules_dir, "Folder of extraction rules")
      ->default_str("the bundled rules/");
  command.add_option("--format", format, "Report format")
      ->check(CLI::IsMember({"text", "json", "jsonl", "sarif", "html"}))
      ->default_str("text");
  command.add_option("-j,--jobs", options.jobs,
                     "Worker threads for many documents (default: all cores)")
      ->check(CLI::Range(1, 1024));
  command.add_option("--input", input,
                     "\"jsonl\": stdin holds one {\"id\", \"text\"} object a line")
      ->check(CLI::IsMember({"jsonl"}));
  command.add_flag("--quiet,--no-progress", quiet, "Draw no progress line");
  command.add_option("--include", options.include_globs,
                     "Also read files matching GLOB when walking folders");
}

}  // namespace

int Main(int argc, char** argv) {
  // A closed stdout (`claimcheck ... | head`) shows up as a failed stream,
  // which ends the run quietly, instead of a signal.
  std::signal(SIGPIPE, SIG_IGN);
  // The streams keep their own buffers instead of going through stdio a
  // character at a time: --input jsonl read stdin with a locked getc and
  // ungetc per byte, a quarter of a -j2 run. Nothing here writes one
  // stream through both (stderr is written by messages.cc with stdio only).
  std::ios::sync_with_stdio(false);
  // Nor does reading stdin flush stdout: a batch reads its next line on one
  // thread while another writes a result, and the output is flushed where
  // a consumer needs it (check_command.cc).
  std::cin.tie(nullptr);

  // `claimcheck [check] [OPTIONS] [PATH ...]`: check is the default command.
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || !IsCommandName(args.front())) args.insert(args.begin(), "check");
  if (args.front() == "help") args.front() = "--help";

  CLI::App app{"claimcheck: finds the numeric claims in articles and checks them "
               "against curated facts"};
  app.set_version_flag("--version", kVersion);
  app.require_subcommand(1);

  CheckOptions check_options;
  check_options.jobs = std::max(1u, std::thread::hardware_concurrency());
  check_options.rules_dir = CLAIMCHECK_DEFAULT_RULES_DIR;
  std::string check_format = "text", check_input, db_flag, fail_on = "error";
  bool check_quiet = false;
  CLI::App* check = app.add_subcommand("check", "Verify the claims of articles");
  AddReportOptions(*check, check_options, check_format, check_input, check_quiet);
  check->add_option("--db", db_flag, "Fact database (default: $CLAIMCHECK_DB, else the bundled facts.db)");
  check->add_option("--fail-on", fail_on, "Findings that make the exit status 1")
      ->check(CLI::IsMember({"error", "warning", "never"}))
      ->default_str("error");

  CheckOptions extract_options = check_options;
  extract_options.extract_only = true;
  std::string extract_format = "text", extract_input;
  bool extract_quiet = false;
  CLI::App* extract = app.add_subcommand("extract", "List the claims found, without a database");
  AddReportOptions(*extract, extract_options, extract_format, extract_input, extract_quiet);

  CLI::App* facts = app.add_subcommand("facts", "Load, export, list and validate facts");
  facts->require_subcommand(1);
  std::string facts_db, export_format = "jsonl", search;
  std::vector<std::string> import_files;
  CLI::App* import = facts->add_subcommand("import", "Load facts and rates from .jsonl or .csv files");
  import->add_option("files", import_files, "Record files")->required();
  CLI::App* export_ = facts->add_subcommand("export", "Write every fact and rate to stdout");
  export_->add_option("--format", export_format, "Record format")
      ->check(CLI::IsMember({"jsonl", "csv"}))
      ->default_str("jsonl");
  CLI::App* list = facts->add_subcommand("list", "List facts");
  list->add_option("--search", search, "Only facts whose id, subject, metric or source contain TEXT");
  CLI::App* validate = facts->add_subcommand(
      "validate", "Check schema version, integrity, sources and ids");
  for (CLI::App* command : {import, export_, list, validate}) {
    command->add_option("--db", facts_db, "Fact database (default: $CLAIMCHECK_DB, else the bundled facts.db)");
  }

  std::vector<const char*> cargv{argv[0]};
  for (const std::string& arg : args) cargv.push_back(arg.c_str());
  try {
    app.parse(static_cast<int>(cargv.size()), cargv.data());
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e) == 0 ? 0 : 2;
  } catch (const CLI::CallForVersion& e) {
    app.exit(e);
    return 0;
  } catch (const CLI::ParseError& e) {
    std::ostringstream ignored;
    if (e.get_exit_code() == 0) return app.exit(e);
    PrintError(std::string(e.what()) + " (see claimcheck --help)");
    return 2;
  }

  if (*check || *extract) {
    bool is_check = check->parsed();
    CheckOptions options = is_check ? check_options : extract_options;
    const std::string& format = is_check ? check_format : extract_format;
    options.format = *ParseReportFormat(format);
    options.jsonl_input = !(is_check ? check_input : extract_input).empty();
    options.progress = !(is_check ? check_quiet : extract_quiet);
    if (is_check) {
      options.db = ResolveDb(db_flag);
      options.fail_on = fail_on == "warning" ? FailOn::kWarning
                        : fail_on == "never" ? FailOn::kNever
                                             : FailOn::kError;
    }
    if (options.jsonl_input && !options.paths.empty()) {
      PrintError("--input jsonl reads stdin; no PATH may be given");
      return 2;
    }
    return RunCheck(options);
  }
  std::string db = ResolveDb(facts_db);
  if (*import) return RunFactsImport(db, import_files, std::cout, std::cerr);
  if (*export_) return RunFactsExport(db, export_format, std::cout, std::cerr);
  if (*list) return RunFactsList(db, search, std::cout, std::cerr);
  if (*validate) return RunFactsValidate(db, std::cout, std::cerr);
  return 2;
}

}  // namespace claimcheck::cli
