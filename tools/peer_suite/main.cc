// peer_suite: how claimcheck's extraction fares on outside test material.
//
//   peer_suite [--rules DIR] suite FILE.jsonl...      Recognizers-Text specs
//   peer_suite [--rules DIR] claims FILE.jsonl...     fin-fact / averitec claims
//   options: --misses N, --hits N  print that many misses / hits
//            --without-digits      claims mode: score the claims with no digit
//
// Prints one line per file: the share of cases right. Exit 0, or 2 when a
// file or the rules cannot be read.
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "scoring.h"

int main(int argc, char** argv) {
  using namespace claimcheck;
  std::string rules_dir = CLAIMCHECK_SOURCE_DIR "/rules";
  std::string mode;
  std::vector<std::string> files;
  int misses = 0, hits = 0;
  bool without_digits = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if ((arg == "--rules" || arg == "--misses" || arg == "--hits") && i + 1 < argc) {
      std::string value = argv[++i];
      if (arg == "--rules") rules_dir = value;
      if (arg == "--misses") misses = std::atoi(value.c_str());
      if (arg == "--hits") hits = std::atoi(value.c_str());
    } else if (arg == "--without-digits") {
      without_digits = true;
    } else if (mode.empty()) {
      mode = arg;
    } else {
      files.push_back(arg);
    }
  }
  if ((mode != "suite" && mode != "claims") || files.empty()) {
    std::cerr << "usage: peer_suite [--rules DIR] [--misses N] [--hits N] [--without-digits] "
                 "suite|claims FILE...\n";
    return 2;
  }
  auto rules = RuleSet::Load(rules_dir);
  if (!rules.ok()) {
    std::cerr << rules.status().message() << "\n";
    return 2;
  }
  for (const std::string& file : files) {
    Result<peer::Score> score = mode == "suite"
                                    ? peer::ScoreSuite(file, peer::KindOfSuite(file), **rules)
                                    : peer::ScoreRealClaims(file, **rules, without_digits);
    if (!score.ok()) {
      std::cerr << score.status().message() << "\n";
      return 2;
    }
    int shown_misses = 0, shown_hits = 0;
    for (const peer::CaseResult& r : score->results) {
      if (!r.right && shown_misses < misses) {
        ++shown_misses;
        std::cout << "MISS " << r.input << "\n     " << r.why << "\n";
      }
      if (r.right && shown_hits < hits) {
        ++shown_hits;
        std::cout << "HIT  " << r.input << "\n     " << r.why << "\n";
      }
    }
    std::printf("%s: %d/%d right (%.1f%%)\n", file.c_str(), score->right, score->cases,
                100.0 * score->Share());
  }
  return 0;
}
