// bare_scan: the ceiling for claimcheck's extraction. Loads the rules as
// claimcheck does (RuleSet::Load), takes the compiled pattern of every
// family (RuleSet::Patterns, the strings the extractor scans with),
// compiles them again with the extractor's RE2 options, and finds every
// match of every pattern in every file, nothing else: no normalisation,
// linking, checks or output. Files are listed as claimcheck lists them
// (ListInputs) and read whole.
//
//   bare_scan --rules rules/ [--patterns-out F] [--rg-patterns-out F] PATH ...
//
// Prints one line of key=value pairs (files, bytes, matches, seconds,
// cpu_seconds, mb_per_s) on stdout. --patterns-out writes the patterns one a line;
// --rg-patterns-out writes them translated to the syntax of ripgrep's Rust
// regex crate with RE2's meaning (see ToRustRegex), for the ripgrep
// reference run.
#include <fcntl.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "extract/extractor.h"
#include "input/reader.h"
#include "re2/re2.h"

namespace claimcheck::bench {
namespace {

// The options of rule_set.cc's RuleOptions(): the same memory budget keeps
// RE2 on the same DFA path as the extractor.
RE2::Options ScanOptions() {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(int64_t{96} << 20);
  return options;
}

bool ReadAll(const std::string& path, std::string& bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bytes.clear();
  size_t used = 0;
  bytes.resize(1 << 16);
  while (true) {
    if (used == bytes.size()) bytes.resize(bytes.size() * 2);
    ssize_t n = ::read(fd, bytes.data() + used, bytes.size() - used);
    if (n < 0) {
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    used += static_cast<size_t>(n);
  }
  ::close(fd);
  bytes.resize(used);
  return true;
}

bool IsRustMeta(char c) {
  return std::strchr("\\.+*?()|[]{}^$#&-~", c) != nullptr;
}

// RE2 syntax to Rust regex syntax, keeping RE2's meaning: RE2's \b, \d,
// \s and \w are ASCII-only while Rust's are Unicode-aware (and a Unicode
// \b keeps Rust's DFA off, which made ripgrep a hundred times slower on
// these patterns than it need be); Rust rejects escapes of characters that
// are not meta characters ("\%"), and reads "[" inside a class as a nested
// class and "&&", "--", "~~" there as set operations.
std::string ToRustRegex(std::string_view re) {
  std::string out;
  bool in_class = false;
  for (size_t i = 0; i < re.size(); ++i) {
    char c = re[i];
    if (c == '\\' && i + 1 < re.size()) {
      char e = re[++i];
      if (e == 'b' && !in_class) {
        out += "(?-u:\\b)";
      } else if (e == 'B' && !in_class) {
        out += "(?-u:\\B)";
      } else if (e == 'd') {
        out += in_class ? "0-9" : "[0-9]";
      } else if (e == 's') {
        out += in_class ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]";
      } else if (e == 'w') {
        out += in_class ? "0-9A-Za-z_" : "[0-9A-Za-z_]";
      } else if (!std::isalnum(static_cast<unsigned char>(e)) && !IsRustMeta(e) &&
                 static_cast<unsigned char>(e) < 0x80) {
        out += e;
      } else {
        out += '\\';
        out += e;
      }
      continue;
    }
    if (!in_class && c == '[') {
      in_class = true;
      out += c;
      if (i + 1 < re.size() && re[i + 1] == '^') out += re[++i];
      // A ']' first in a class is a literal in both syntaxes.
      if (i + 1 < re.size() && re[i + 1] == ']') {
        out += "\\]";
        ++i;
      }
      continue;
    }
    if (in_class) {
      if (c == '[' && i + 1 < re.size() && re[i + 1] == ':') {
        size_t end = re.find(":]", i + 2);
        if (end != std::string_view::npos) {
          out += re.substr(i, end + 2 - i);
          i = end + 1;
          continue;
        }
      }
      if (c == ']') {
        in_class = false;
      } else if (c == '[' ||
                 ((c == '&' || c == '~' || c == '-') && !out.empty() && out.back() == c)) {
        out += '\\';
      }
    }
    out += c;
  }
  return out;
}

int Run(int argc, char** argv) {
  std::string rules_dir = "rules";
  std::string patterns_out;
  std::string rg_patterns_out;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--rules" && i + 1 < argc) {
      rules_dir = argv[++i];
    } else if (arg == "--patterns-out" && i + 1 < argc) {
      patterns_out = argv[++i];
    } else if (arg == "--rg-patterns-out" && i + 1 < argc) {
      rg_patterns_out = argv[++i];
    } else {
      paths.push_back(arg);
    }
  }
  Result<std::unique_ptr<RuleSet>> rules = RuleSet::Load(rules_dir);
  if (!rules.ok()) {
    std::cerr << "bare_scan: " << rules.status().message() << "\n";
    return 2;
  }
  std::vector<std::string> patterns = (*rules)->Patterns();
  std::vector<std::unique_ptr<RE2>> compiled;
  for (const std::string& pattern : patterns) {
    compiled.push_back(std::make_unique<RE2>(pattern, ScanOptions()));
    if (!compiled.back()->ok()) {
      std::cerr << "bare_scan: pattern does not compile: " << compiled.back()->error() << "\n";
      return 2;
    }
  }
  for (const auto& [path, rust] : {std::pair{patterns_out, false}, {rg_patterns_out, true}}) {
    if (path.empty()) continue;
    std::ofstream out(path, std::ios::trunc);
    for (const std::string& pattern : patterns) {
      out << (rust ? ToRustRegex(pattern) : pattern) << "\n";
    }
    if (!out) {
      std::cerr << "bare_scan: " << path << ": cannot write\n";
      return 2;
    }
  }
  if (paths.empty()) return 0;

  std::vector<std::string> inputs = ListInputs(paths, InputOptions{});
  std::vector<uint64_t> matches(compiled.size());
  uint64_t bytes = 0;
  size_t files = 0;
  std::string text;
  auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  for (const std::string& path : inputs) {
    if (!ReadAll(path, text)) {
      std::cerr << "bare_scan: " << path << ": " << std::strerror(errno) << "\n";
      continue;
    }
    ++files;
    bytes += text.size();
    const re2::StringPiece whole(text);
    for (size_t p = 0; p < compiled.size(); ++p) {
      // Only the overall match is asked for, which RE2 answers with its
      // DFAs alone: the cheapest way to find every match.
      re2::StringPiece match;
      size_t pos = 0;
      while (pos <= text.size() &&
             compiled[p]->Match(whole, pos, text.size(), RE2::UNANCHORED, &match, 1)) {
        ++matches[p];
        size_t end = static_cast<size_t>(match.data() - text.data()) + match.size();
        pos = match.empty() ? end + 1 : end;
      }
    }
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double cpu_seconds = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  uint64_t total = 0;
  for (uint64_t m : matches) total += m;
  std::printf(
      "files=%zu bytes=%llu patterns=%zu matches=%llu seconds=%.3f cpu_seconds=%.3f "
      "mb_per_s=%.2f\n",
      files, static_cast<unsigned long long>(bytes), compiled.size(),
      static_cast<unsigned long long>(total), seconds, cpu_seconds,
              seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0.0);
  for (size_t p = 0; p < compiled.size(); ++p) {
    std::fprintf(stderr, "pattern %zu: %llu matches, %zu bytes of pattern\n", p,
                 static_cast<unsigned long long>(matches[p]), patterns[p].size());
  }
  return 0;
}

}  // namespace
}  // namespace claimcheck::bench

int main(int argc, char** argv) { return claimcheck::bench::Run(argc, argv); }
