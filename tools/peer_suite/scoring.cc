#include "scoring.h"

#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "nlohmann/json.hpp"
#include "normalize/normalizer.h"

namespace claimcheck::peer {

namespace {

using json = nlohmann::json;

// The peer's values are .NET-formatted with at most 15 significant digits;
// its own scorer rounds both sides to 12, and so do we.
bool SameValue(double a, double b) {
  if (a == b) return true;
  double scale = std::max(std::fabs(a), std::fabs(b));
  return std::fabs(a - b) <= scale * 1e-11;
}

bool Overlaps(size_t s1, size_t e1, size_t s2, size_t e2) { return s1 < e2 && s2 < e1; }

bool OfKind(const Claim& c, SuiteKind kind) {
  switch (kind) {
    case SuiteKind::kPercent:
      return c.type == ClaimType::kPercent;
    case SuiteKind::kCurrency:
      return c.type == ClaimType::kCurrency;
    case SuiteKind::kNumber:
      return true;
  }
  return false;
}

std::string Describe(const Claim& c) {
  std::ostringstream out;
  out << "[" << c.text << "]@" << c.source.start << " " << c.value << " " << c.unit;
  return out.str();
}

Status ReadLines(const std::string& path, std::vector<json>* out) {
  std::ifstream in(path);
  if (!in) return Status::IoError(path + ": cannot read");
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      return Status::ParseError(path + ":" + std::to_string(number) + ": not a JSON object");
    }
    out->push_back(std::move(j));
  }
  return Status::Ok();
}

}  // namespace

SuiteKind KindOfSuite(const std::string& path) {
  if (path.find("percent") != std::string::npos) return SuiteKind::kPercent;
  if (path.find("currency") != std::string::npos) return SuiteKind::kCurrency;
  return SuiteKind::kNumber;
}

Result<Score> ScoreSuite(const std::string& path, SuiteKind kind, const RuleSet& rules) {
  std::vector<json> lines;
  Status s = ReadLines(path, &lines);
  if (!s.ok()) return s;
  Score score;
  for (const json& line : lines) {
    if (!line.contains("input") || !line["input"].is_string() || !line.contains("expected")) {
      return Status::ParseError(path + ": a case needs \"input\" and \"expected\"");
    }
    CaseResult result;
    result.input = line["input"].get<std::string>();
    Document doc;
    doc.text = doc.source = result.input;
    std::vector<Claim> claims = ExtractClaims(doc, rules);
    std::vector<bool> used(claims.size(), false);
    bool right = true;
    std::ostringstream why;
    for (const json& e : line["expected"]) {
      size_t start = e.value("byte_start", 0), end = e.value("byte_end", 0);
      if (!e.contains("value") || e["value"].is_null()) {
        for (size_t i = 0; i < claims.size(); ++i) {
          if (Overlaps(start, end, claims[i].source.start, claims[i].source.end)) used[i] = true;
        }
        continue;
      }
      double want = e["value"].get<double>();
      std::string unit = e.contains("unit") && e["unit"].is_string() ? e["unit"].get<std::string>() : "";
      double factor = (unit == "Cent" || unit == "Pence" || unit == "Penny") ? 100 : 1;
      bool found = false;
      for (size_t i = 0; i < claims.size(); ++i) {
        const Claim& c = claims[i];
        if (!OfKind(c, kind) || !Overlaps(start, end, c.source.start, c.source.end)) continue;
        used[i] = true;
        if (SameValue(c.value * factor, want)) found = true;
      }
      if (!found) {
        right = false;
        why << "missed " << e.value("text", "") << " = " << want << "; ";
      }
    }
    for (size_t i = 0; i < claims.size(); ++i) {
      if (used[i] || !OfKind(claims[i], kind)) continue;
      right = false;
      why << "extra " << Describe(claims[i]) << "; ";
    }
    if (!right) {
      why << "found:";
      for (const Claim& c : claims) why << " " << Describe(c);
    }
    result.right = right;
    result.why = why.str();
    ++score.cases;
    if (right) ++score.right;
    score.results.push_back(std::move(result));
  }
  return score;
}

Result<Score> ScoreRealClaims(const std::string& path, const RuleSet& rules,
                              bool without_digits) {
  std::vector<json> lines;
  Status s = ReadLines(path, &lines);
  if (!s.ok()) return s;
  Score score;
  for (const json& line : lines) {
    if (!line.contains("claim") || !line["claim"].is_string()) {
      return Status::ParseError(path + ": a record needs \"claim\"");
    }
    CaseResult result;
    result.input = line["claim"].get<std::string>();
    bool has_digit = false;
    for (char c : result.input) has_digit |= (c >= '0' && c <= '9');
    Document doc;
    doc.text = doc.source = result.input;
    std::vector<Claim> claims = ExtractClaims(doc, rules);
    std::ostringstream why;
    for (const Claim& c : claims) why << Describe(c) << " ";
    result.why = why.str();
    result.right = !claims.empty();
    if (has_digit != without_digits) {
      ++score.cases;
      if (result.right) ++score.right;
      score.results.push_back(std::move(result));
    }
  }
  return score;
}

}  // namespace claimcheck::peer
