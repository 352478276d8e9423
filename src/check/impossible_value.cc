// impossible-value: figures no fact is needed to reject.
// - a share of a population above 100% ("112% of households"); growth and
//   ratios to GDP may exceed 100%, so only "of <people or units>" counts;
// - a negative count of people or things;
// - a calendar date that does not exist ("February 30, 2023").
// Severity error.
#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include <fmt/format.h>

#include "base/text.h"
#include "check/claim_state.h"

namespace claimcheck {
namespace {

// Nouns for wholes that a percentage can be a share of, but never exceed:
// people and institutions, and physical wholes ("of the ocean").
constexpr std::array<std::string_view, 44> kPopulationNouns = {
    "people",    "adults",     "children",  "households", "homes",
    "voters",    "respondents", "residents", "citizens",  "workers",
    "employees", "students",   "patients",  "users",      "customers",
    "companies", "firms",      "businesses", "americans", "britons",
    "women",     "men",        "population", "families",  "teenagers",
    "participants", "members", "doctors",   "nurses",     "schools",
    "hospitals", "countries",  "ocean",     "oceans",     "land",
    "surface",   "area",       "territory", "forest",     "forests",
    "workforce", "electorate", "votes",     "seats"};

bool IsPopulationNoun(std::string_view word) {
  return std::find(kPopulationNouns.begin(), kPopulationNouns.end(), word) !=
         kPopulationNouns.end();
}

// Whether the words right after a percentage read "of [all|the] <noun>".
bool IsShareOfPopulation(const Document& doc, const Claim& claim) {
  size_t end = std::min(doc.text.size(), claim.in_text.end + 40);
  std::string lower;
  const std::vector<std::string_view> words = LowerWordTokens(
      std::string_view(doc.text).substr(claim.in_text.end, end - claim.in_text.end), lower);
  if (words.empty() || words[0] != "of") return false;
  for (size_t i = 1; i < words.size() && i <= 3; ++i) {
    if (IsPopulationNoun(words[i])) return true;
    if (words[i] != "all" && words[i] != "the" && words[i] != "us" &&
        words[i] != "u" && words[i] != "s" && words[i] != "british" &&
        words[i] != "american" && words[i] != "adult") {
      return false;
    }
  }
  return false;
}

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

int MonthIndex(std::string_view word) {
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (word == kMonths[i] || (word.size() == 3 && kMonths[i].substr(0, 3) == word)) {
      return static_cast<int>(i) + 1;
    }
  }
  return 0;
}

std::string MonthName(int month) {
  std::string name(kMonths[month - 1]);
  name[0] = static_cast<char>(name[0] - 'a' + 'A');
  return name;
}

int DaysIn(int month, int year) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// For a year claim written as "February 30, 2023" or "30 February 2023",
// the day and month before it; nullopt when there are none.
std::optional<std::pair<int, int>> DayAndMonthBefore(const Document& doc,
                                                     const Claim& year) {
  size_t end = year.in_text.start;
  size_t start = end > 24 ? end - 24 : 0;
  start = std::max(start, year.sentence.start);
  std::string lower;
  const std::vector<std::string_view> words =
      LowerWordTokens(std::string_view(doc.text).substr(start, end - start), lower);
  if (words.size() < 2) return std::nullopt;
  auto day_of = [](std::string_view view) -> int {
    std::string word(view);
    for (std::string_view suffix : {"st", "nd", "rd", "th"}) {
      if (word.size() > 2 && word.ends_with(suffix)) word.resize(word.size() - 2);
    }
    if (word.empty() || word.size() > 2 ||
        !std::all_of(word.begin(), word.end(), ::isdigit)) {
      return -1;
    }
    return std::stoi(word);
  };
  const std::string_view last = words[words.size() - 1];
  const std::string_view before_last = words[words.size() - 2];
  if (int month = MonthIndex(before_last); month && day_of(last) >= 0) {
    return std::pair(day_of(last), month);  // "February 30, 2023"
  }
  if (int month = MonthIndex(last); month && day_of(before_last) >= 0) {
    return std::pair(day_of(before_last), month);  // "30 February 2023"
  }
  return std::nullopt;
}

}  // namespace

Status CheckImpossibleValue(CheckContext& context) {
  const Document& doc = context.input.doc;
  for (ClaimState& state : context.states) {
    const Claim& claim = *state.claim;
    if (claim.type == ClaimType::kPercent && claim.unit == "%" &&
        (claim.value > 100 || claim.value < 0) && IsShareOfPopulation(doc, claim)) {
      AddFinding(state, RuleId::kImpossibleValue, Severity::kError,
                 fmt::format("\"{}\" is a share of a whole, which cannot be {} 100%",
                             claim.text, claim.value > 100 ? "above" : "below 0% or"),
                 std::nullopt, nullptr);
    } else if (claim.type == ClaimType::kNumber && claim.value < 0 &&
               (claim.unit == "count" || IsPopulationNoun(claim.unit))) {
      AddFinding(state, RuleId::kImpossibleValue, Severity::kError,
                 fmt::format("\"{}\" is a count, which cannot be negative", claim.text),
                 std::nullopt, nullptr);
    } else if (claim.type == ClaimType::kYear) {
      auto date = DayAndMonthBefore(doc, claim);
      int year = static_cast<int>(claim.value);
      if (date && (date->first < 1 || date->first > DaysIn(date->second, year))) {
        AddFinding(state, RuleId::kImpossibleValue, Severity::kError,
                   fmt::format("{} {} {} is not a date: {} has {} days in {}",
                               date->first, MonthName(date->second), year,
                               MonthName(date->second), DaysIn(date->second, year), year),
                   std::nullopt, nullptr);
      }
    }
  }
  return Status::Ok();
}

}  // namespace claimcheck
