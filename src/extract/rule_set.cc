// Loads rules/: lexicon.json (word data and named pattern fragments) and the
// rule files, expands {placeholders}, compiles one RE2 per claim family and
// checks every example. The only file of extract/ that reads JSON.
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/parallel.h"
#include "base/text.h"
#include "extract/compiled_rules.h"
#include "extract/extractor.h"
#include "nlohmann/json.hpp"
#include "re2/re2.h"

namespace claimcheck {

namespace {

using json = nlohmann::json;

// Capture-group names a rule may use; anything else is a typo in rules/.
constexpr std::string_view kGroupNames[] = {
    "claim", "number", "sign",       "scale", "currency",
    "unit",  "noun",   "multiplier", "minor", "denominator", "veto", "word"};

// Which claim family scans first does not matter (each family is scanned
// on its own), but when two families find equally long claims at one place
// the higher rank wins: "5 percent" is a percentage, not 5 of "percent".
int FamilyRank(RuleKind kind) {
  switch (kind) {
    case RuleKind::kCurrency:
      return 5;
    case RuleKind::kPercent:
      return 4;
    case RuleKind::kMultiplier:
      return 3;
    case RuleKind::kYear:
      return 2;
    case RuleKind::kNumber:
      return 1;
    case RuleKind::kExclude:
      return 0;
  }
  return 0;
}

bool ParseRuleKind(std::string_view s, RuleKind* kind) {
  static const std::pair<std::string_view, RuleKind> kKinds[] = {
      {"percent", RuleKind::kPercent},       {"currency", RuleKind::kCurrency},
      {"number", RuleKind::kNumber},         {"year", RuleKind::kYear},
      {"multiplier", RuleKind::kMultiplier}, {"exclude", RuleKind::kExclude}};
  for (const auto& [name, k] : kKinds) {
    if (s == name) {
      *kind = k;
      return true;
    }
  }
  return false;
}

bool ParseRelationKind(std::string_view s, RelationKind* kind) {
  static const std::pair<std::string_view, RelationKind> kKinds[] = {
      {"range", RelationKind::kRange},
      {"change", RelationKind::kChange},
      {"conversion", RelationKind::kConversion},
      {"multiplier", RelationKind::kMultiplier}};
  for (const auto& [name, k] : kKinds) {
    if (s == name) {
      *kind = k;
      return true;
    }
  }
  return false;
}

bool ParseRole(std::string_view s, RelationRole* role) {
  static const std::pair<std::string_view, RelationRole> kRoles[] = {
      {"low", RelationRole::kLow},
      {"high", RelationRole::kHigh},
      {"from", RelationRole::kFrom},
      {"to", RelationRole::kTo},
      {"delta", RelationRole::kDelta},
      {"amount", RelationRole::kAmount},
      {"equivalent", RelationRole::kEquivalent},
      {"base", RelationRole::kBase},
      {"result", RelationRole::kResult},
      {"factor", RelationRole::kFactor}};
  for (const auto& [name, r] : kRoles) {
    if (s == name) {
      *role = r;
      return true;
    }
  }
  return false;
}

bool ParseQualifier(std::string_view s, Qualifier* q) {
  static const std::pair<std::string_view, Qualifier> kQualifiers[] = {
      {"exact", Qualifier::kExact},
      {"about", Qualifier::kAbout},
      {"nearly", Qualifier::kNearly},
      {"over", Qualifier::kOver},
      {"under", Qualifier::kUnder}};
  for (const auto& [name, v] : kQualifiers) {
    if (s == name) {
      *q = v;
      return true;
    }
  }
  return false;
}

Status Invalid(const std::string& where, const std::string& reason) {
  return Status::InvalidArgument(where + ": " + reason);
}

Status CheckFields(const json& obj, std::initializer_list<std::string_view> allowed,
                   const std::string& where) {
  if (!obj.is_object()) return Invalid(where, "expected a JSON object");
  for (const auto& item : obj.items()) {
    if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end()) {
      return Invalid(where, "unknown field \"" + item.key() + "\"");
    }
  }
  return Status::Ok();
}

Status GetString(const json& obj, const char* field, const std::string& where,
                 std::string* out, bool required = true) {
  auto it = obj.find(field);
  if (it == obj.end()) {
    if (required) return Invalid(where, std::string("missing field \"") + field + "\"");
    return Status::Ok();
  }
  if (!it->is_string()) {
    return Invalid(where, std::string("field \"") + field + "\" must be a string");
  }
  *out = it->get<std::string>();
  return Status::Ok();
}

Status GetStrings(const json& obj, const char* field, const std::string& where,
                  std::vector<std::string>* out) {
  auto it = obj.find(field);
  if (it == obj.end()) return Status::Ok();
  if (!it->is_array()) {
    return Invalid(where, std::string("field \"") + field + "\" must be a list of strings");
  }
  for (const json& v : *it) {
    if (!v.is_string() || v.get<std::string>().empty()) {
      return Invalid(where, std::string("field \"") + field +
                                "\" must hold non-empty strings");
    }
    out->push_back(v.get<std::string>());
  }
  return Status::Ok();
}

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// The pattern of one written phrase: metacharacters quoted, a space matches
// any run of spaces (no-break ones too), and a phrase that ends with a
// letter or digit only matches whole words. Words written right after a
// figure ("5bn", "25bps") need no boundary before them: `glued`.
std::string PhrasePattern(std::string_view phrase, bool glued) {
  std::string out;
  if (!glued && IsAsciiAlnum(phrase.front())) out += "\\b";
  size_t i = 0;
  while (i < phrase.size()) {
    if (phrase[i] == ' ') {
      while (i < phrase.size() && phrase[i] == ' ') ++i;
      out += "{sp}+";
      continue;
    }
    size_t j = i;
    while (j < phrase.size() && phrase[j] != ' ') ++j;
    out += RE2::QuoteMeta(phrase.substr(i, j - i));
    i = j;
  }
  if (IsAsciiAlnum(phrase.back())) out += "\\b";
  return out;
}

// An alternation of phrases, longest first so that leftmost-first matching
// prefers "percentage points" to "percent".
std::string Alternation(std::vector<std::string> phrases, bool case_sensitive,
                        bool glued = false) {
  std::sort(phrases.begin(), phrases.end(), [](const auto& a, const auto& b) {
    if (a.size() != b.size()) return a.size() > b.size();
    return a < b;
  });
  phrases.erase(std::unique(phrases.begin(), phrases.end()), phrases.end());
  std::string out = case_sensitive ? "(?:" : "(?i:";
  for (size_t i = 0; i < phrases.size(); ++i) {
    if (i > 0) out += "|";
    out += PhrasePattern(phrases[i], glued);
  }
  if (phrases.empty()) out += "[^\\x00-\\x{10FFFF}]";  // matches nothing
  out += ")";
  return out;
}

// Named pattern pieces that rules refer to as {name}.
class Placeholders {
 public:
  void Set(const std::string& name, std::string pattern) {
    raw_[name] = std::move(pattern);
  }
  bool Has(const std::string& name) const { return raw_.count(name) > 0; }

  // Fragments that are a bare choice between other fragments, such as
  // "(?:{digits}|{word_number})", with the names of their alternatives.
  std::vector<std::pair<std::string, std::vector<std::string>>> Choices() const {
    static const RE2 kChoice(R"(\(\?:(\{[a-z_]+\}(?:\|\{[a-z_]+\})+)\)|(\{[a-z_]+\}(?:\|\{[a-z_]+\})+))");
    std::vector<std::pair<std::string, std::vector<std::string>>> choices;
    for (const auto& [name, raw] : raw_) {
      std::string wrapped, bare;
      if (!RE2::FullMatch(raw, kChoice, &wrapped, &bare)) continue;
      std::vector<std::string> alternatives;
      for (std::string_view rest = wrapped.empty() ? bare : wrapped; !rest.empty();) {
        size_t bar = std::min(rest.find('|'), rest.size());
        alternatives.emplace_back(rest.substr(1, bar - 2));
        rest.remove_prefix(std::min(bar + 1, rest.size()));
      }
      choices.emplace_back(name, std::move(alternatives));
    }
    return choices;
  }

  // Replaces every {name} in `pattern`, recursively. RE2's own repetition
  // braces ({2}, {1,3}) start with a digit and are left alone.
  Status Expand(std::string_view pattern, std::string* out, int depth = 0) const {
    if (depth > 16) return Status::InvalidArgument("placeholders nest too deeply");
    out->clear();
    size_t i = 0;
    while (i < pattern.size()) {
      char c = pattern[i];
      if (c == '\\' && i + 1 < pattern.size()) {
        out->append(pattern.substr(i, 2));
        i += 2;
        continue;
      }
      if (c == '{' && i + 1 < pattern.size() &&
          ((pattern[i + 1] >= 'a' && pattern[i + 1] <= 'z') || pattern[i + 1] == '_')) {
        size_t close = pattern.find('}', i);
        if (close == std::string_view::npos) {
          return Status::InvalidArgument("unclosed placeholder at offset " +
                                         std::to_string(i));
        }
        std::string name(pattern.substr(i + 1, close - i - 1));
        auto it = raw_.find(name);
        if (it == raw_.end()) {
          return Status::InvalidArgument("unknown placeholder {" + name + "}");
        }
        std::string inner;
        Status s = Expand(it->second, &inner, depth + 1);
        if (!s.ok()) return s;
        out->append("(?:").append(inner).append(")");
        i = close + 1;
        continue;
      }
      out->push_back(c);
      ++i;
    }
    return Status::Ok();
  }

 private:
  std::map<std::string, std::string> raw_;
};

// Whether `marker` occurs once in the pattern `re` and outside any
// repetition (*, + or {n,m} after an enclosing group; ? is no repetition).
bool OccursOnceUnrepeated(std::string_view re, char marker) {
  if (std::count(re.begin(), re.end(), marker) != 1) return false;
  std::vector<bool> open;  // per open group: whether it holds the marker
  for (size_t i = 0; i < re.size(); ++i) {
    char c = re[i];
    if (c == '\\') {
      ++i;
      continue;
    }
    if (c == '[') {  // a class: no groups inside; "]" first is a literal
      size_t k = i + 1;
      if (k < re.size() && re[k] == '^') ++k;
      if (k < re.size() && re[k] == ']') ++k;
      for (; k < re.size() && re[k] != ']'; ++k) {
        if (re[k] == '\\') {
          ++k;
        } else if (re.substr(k, 2) == "[:") {
          size_t close = re.find(":]", k + 2);
          if (close != std::string_view::npos) k = close + 1;
        }
      }
      i = k;
      continue;
    }
    if (c == marker) {
      for (size_t g = 0; g < open.size(); ++g) open[g] = true;
      continue;
    }
    if (c == '(') {
      open.push_back(false);
    } else if (c == ')' && !open.empty()) {
      bool holds = open.back();
      open.pop_back();
      char next = i + 1 < re.size() ? re[i + 1] : '\0';
      bool repeated = next == '*' || next == '+' ||
                      (next == '{' && i + 2 < re.size() && re[i + 2] >= '0' && re[i + 2] <= '9');
      if (holds && repeated) return false;
    }
  }
  return true;
}

constexpr int kBacktrackerMaxProgram = 512;  // RE2's limit for its BitState

RE2::Options RuleOptions() {
  RE2::Options options;
  options.set_log_errors(false);
  // Families are large alternations; a bigger budget keeps RE2 on its DFA
  // instead of falling back to the slower NFA on long texts.
  options.set_max_mem(int64_t{96} << 20);
  return options;
}

// Reads lexicon.json into `lex` and the placeholder table.
Status LoadLexicon(const json& root, const std::string& where, Lexicon* lex,
                   Placeholders* ph) {
  Status s = CheckFields(root,
                         {"description", "fragments", "number_words", "number_articles",
                          "fraction_words", "scales", "currencies", "percent_units", "hedges",
                          "multipliers", "word_lists"},
                         where);
  if (!s.ok()) return s;

  auto number_map = [&](const char* field, std::map<std::string, double, std::less<>>* out,
                        std::vector<std::string>* words) -> Status {
    auto it = root.find(field);
    if (it == root.end()) return Status::Ok();
    if (!it->is_object()) return Invalid(where, std::string(field) + ": expected an object");
    for (const auto& item : it->items()) {
      if (!item.value().is_number()) {
        return Invalid(where, std::string(field) + ": \"" + item.key() + "\": expected a number");
      }
      (*out)[Lexicon::Key(item.key())] = item.value().get<double>();
      words->push_back(item.key());
    }
    return Status::Ok();
  };

  std::vector<std::string> number_words, articles, multiplier_words;
  s = number_map("number_words", &lex->number_words, &number_words);
  if (!s.ok()) return s;
  s = number_map("number_articles", &lex->number_words, &articles);
  if (!s.ok()) return s;
  s = number_map("multipliers", &lex->multipliers, &multiplier_words);
  if (!s.ok()) return s;
  std::vector<std::string> fraction_words;
  s = number_map("fraction_words", &lex->fractions, &fraction_words);
  if (!s.ok()) return s;
  ph->Set("fraction_word", Alternation(fraction_words, false));
  ph->Set("number_word", Alternation(number_words, false));
  ph->Set("article", Alternation(articles, false));
  ph->Set("multiplier_word", Alternation(multiplier_words, false));

  // Scales: {scale} is every form, {scale_word} leaves out the short ones
  // ("m", "b", "k") that need a currency beside them to mean a scale.
  std::vector<std::string> all_scales, word_scales;
  if (auto it = root.find("scales"); it != root.end()) {
    if (!it->is_array()) return Invalid(where, "scales: expected a list");
    for (size_t i = 0; i < it->size(); ++i) {
      const json& e = (*it)[i];
      std::string w = where + ": scales[" + std::to_string(i) + "]";
      s = CheckFields(e, {"words", "multiplier", "short"}, w);
      if (!s.ok()) return s;
      std::vector<std::string> words;
      s = GetStrings(e, "words", w, &words);
      if (!s.ok()) return s;
      if (words.empty() || !e.contains("multiplier") || !e["multiplier"].is_number()) {
        return Invalid(w, "needs \"words\" and a numeric \"multiplier\"");
      }
      bool is_short = e.value("short", false);
      for (const auto& word : words) {
        lex->scales[Lexicon::Key(word)] = e["multiplier"].get<double>();
        all_scales.push_back(word);
        if (!is_short) word_scales.push_back(word);
      }
    }
  }
  ph->Set("scale", Alternation(all_scales, false, true));
  ph->Set("scale_word", Alternation(word_scales, false, true));

  // Currencies: symbols written before the figure, symbols written after it,
  // ISO-style codes (upper case only: "try", "all" are words) and names.
  // Scaled names are names that mean money only after a scale word: "5
  // million pounds" is sterling, "lost 20 pounds" is weight.
  std::vector<std::string> symbols, suffix_symbols, codes, names, scaled_names;
  if (auto it = root.find("currencies"); it != root.end()) {
    if (!it->is_array()) return Invalid(where, "currencies: expected a list");
    for (size_t i = 0; i < it->size(); ++i) {
      const json& e = (*it)[i];
      std::string w = where + ": currencies[" + std::to_string(i) + "]";
      s = CheckFields(e, {"code", "symbols", "suffix_symbols", "codes", "names", "scaled_names",
                          "factor", "context_code", "context_words"},
                      w);
      if (!s.ok()) return s;
      Lexicon::Currency cur;
      s = GetString(e, "code", w, &cur.code);
      if (!s.ok()) return s;
      if (e.contains("factor")) {
        if (!e["factor"].is_number()) return Invalid(w, "\"factor\" must be a number");
        cur.factor = e["factor"].get<double>();
      }
      s = GetString(e, "context_code", w, &cur.context_code, false);
      if (!s.ok()) return s;
      std::vector<std::string> ctx;
      s = GetStrings(e, "context_words", w, &ctx);
      if (!s.ok()) return s;
      for (const auto& c : ctx) cur.context_words.push_back(Lexicon::Key(c));
      if (cur.context_code.empty() != cur.context_words.empty()) {
        return Invalid(w, "\"context_code\" and \"context_words\" go together");
      }
      std::vector<std::string> sym, suf, cod, nam, scl;
      for (auto [field, list] :
           {std::pair{"symbols", &sym}, std::pair{"suffix_symbols", &suf},
            std::pair{"codes", &cod}, std::pair{"names", &nam}, std::pair{"scaled_names", &scl}}) {
        s = GetStrings(e, field, w, list);
        if (!s.ok()) return s;
      }
      if (!e.contains("codes")) cod.push_back(cur.code);
      for (auto* list : {&sym, &suf, &cod, &nam, &scl}) {
        for (const auto& written : *list) lex->currencies[Lexicon::Key(written)] = cur;
      }
      symbols.insert(symbols.end(), sym.begin(), sym.end());
      suffix_symbols.insert(suffix_symbols.end(), suf.begin(), suf.end());
      codes.insert(codes.end(), cod.begin(), cod.end());
      names.insert(names.end(), nam.begin(), nam.end());
      scaled_names.insert(scaled_names.end(), scl.begin(), scl.end());
    }
  }
  ph->Set("currency_symbol", Alternation(symbols, true));
  ph->Set("currency_suffix_symbol", Alternation(suffix_symbols, false, true));
  ph->Set("currency_code", Alternation(codes, true));
  ph->Set("currency_name", Alternation(names, false, true));
  ph->Set("currency_scaled_name", Alternation(scaled_names, false, true));

  std::vector<std::string> percent_words;
  if (auto it = root.find("percent_units"); it != root.end()) {
    if (!it->is_array()) return Invalid(where, "percent_units: expected a list");
    for (size_t i = 0; i < it->size(); ++i) {
      const json& e = (*it)[i];
      std::string w = where + ": percent_units[" + std::to_string(i) + "]";
      s = CheckFields(e, {"words", "unit", "factor"}, w);
      if (!s.ok()) return s;
      Lexicon::PercentUnit pu;
      s = GetString(e, "unit", w, &pu.unit);
      if (!s.ok()) return s;
      if (pu.unit != "%" && pu.unit != "pp") return Invalid(w, "\"unit\" must be \"%\" or \"pp\"");
      if (e.contains("factor")) {
        if (!e["factor"].is_number()) return Invalid(w, "\"factor\" must be a number");
        pu.factor = e["factor"].get<double>();
      }
      std::vector<std::string> words;
      s = GetStrings(e, "words", w, &words);
      if (!s.ok()) return s;
      for (const auto& word : words) {
        lex->percent_units[Lexicon::Key(word)] = pu;
        percent_words.push_back(word);
      }
    }
  }
  ph->Set("percent_unit", Alternation(percent_words, false, true));

  std::vector<std::string> hedge_words;
  if (auto it = root.find("hedges"); it != root.end()) {
    if (!it->is_object()) return Invalid(where, "hedges: expected an object");
    for (const auto& item : it->items()) {
      std::string w = where + ": hedges." + item.key();
      Qualifier q;
      if (!ParseQualifier(item.key(), &q)) return Invalid(w, "unknown qualifier");
      s = CheckFields(item.value(), {"before", "after"}, w);
      if (!s.ok()) return s;
      std::vector<std::string> before, after;
      s = GetStrings(item.value(), "before", w, &before);
      if (!s.ok()) return s;
      s = GetStrings(item.value(), "after", w, &after);
      if (!s.ok()) return s;
      for (const auto& b : before) {
        std::string key = AsciiLower(b);
        lex->hedges_before[key] = q;
        lex->longest_hedge = std::max(lex->longest_hedge, key.size());
        hedge_words.push_back(b);
      }
      for (const auto& a : after) lex->hedges_after[AsciiLower(a)] = q;
    }
    for (const auto& [phrase, q] : lex->hedges_before) {
      if (phrase.empty()) continue;
      lex->hedges_before_by_last_byte[static_cast<unsigned char>(phrase.back())].emplace_back(phrase,
                                                                                        q);
    }
  }
  ph->Set("hedge", Alternation(hedge_words, false));

  if (auto it = root.find("word_lists"); it != root.end()) {
    if (!it->is_object()) return Invalid(where, "word_lists: expected an object");
    for (const auto& item : it->items()) {
      std::string w = where + ": word_lists." + item.key();
      std::vector<std::string> words;
      bool case_sensitive = false, glued = false;
      if (item.value().is_array()) {
        json wrapper = {{"words", item.value()}};
        s = GetStrings(wrapper, "words", w, &words);
      } else {
        s = CheckFields(item.value(), {"words", "case_sensitive", "glued"}, w);
        if (s.ok()) s = GetStrings(item.value(), "words", w, &words);
        case_sensitive = item.value().value("case_sensitive", false);
        glued = item.value().value("glued", false);
      }
      if (!s.ok()) return s;
      std::vector<std::string> keys;
      for (const auto& word : words) keys.push_back(Lexicon::Key(word));
      lex->word_lists.insert_or_assign(item.key(), WordSet(std::move(keys)));
      ph->Set(item.key(), Alternation(words, case_sensitive, glued));
    }
  }

  if (auto it = root.find("fragments"); it != root.end()) {
    if (!it->is_object()) return Invalid(where, "fragments: expected an object");
    for (const auto& item : it->items()) {
      if (!item.value().is_string()) {
        return Invalid(where, "fragments." + item.key() + ": expected a string");
      }
      ph->Set(item.key(), item.value().get<std::string>());
    }
  }
  if (!ph->Has("sp")) return Invalid(where, "fragments: \"sp\" (a space) is required");
  return Status::Ok();
}

Status ParseExamples(const json& rule, const std::string& where,
                     RuleSet::RuleInfo* info) {
  auto it = rule.find("examples");
  if (it == rule.end()) return Status::Ok();
  Status s = CheckFields(*it, {"match", "no_match"}, where + ": examples");
  if (!s.ok()) return s;
  for (auto [field, out] : {std::pair{"match", &info->match},
                            std::pair{"no_match", &info->no_match}}) {
    auto list = it->find(field);
    if (list == it->end()) continue;
    if (!list->is_array()) return Invalid(where, std::string("examples.") + field + ": expected a list");
    for (const json& e : *list) {
      RuleSet::RuleInfo::Example ex;
      if (e.is_string()) {
        ex.text = e.get<std::string>();
      } else {
        std::string w = where + ": examples." + field;
        s = CheckFields(e, {"text", "value", "unit", "claim"}, w);
        if (!s.ok()) return s;
        s = GetString(e, "text", w, &ex.text);
        if (!s.ok()) return s;
        if (e.contains("value")) {
          if (!e["value"].is_number()) return Invalid(w, "\"value\" must be a number");
          ex.value = e["value"].get<double>();
        }
        s = GetString(e, "unit", w, &ex.unit, false);
        if (!s.ok()) return s;
        s = GetString(e, "claim", w, &ex.claim, false);
        if (!s.ok()) return s;
      }
      if (ex.text.empty()) return Invalid(where, "an example is empty");
      out->push_back(std::move(ex));
    }
  }
  return Status::Ok();
}

// The family pattern only finds where a claim is; each rule's own pattern
// gives its groups. So the family's copy of a rule drops the names:
// (?P<number> becomes (?:.
std::string WithoutGroupNames(const std::string& pattern) {
  std::string out;
  size_t i = 0;
  while (true) {
    size_t at = pattern.find("(?P<", i);
    if (at == std::string::npos) break;
    size_t close = pattern.find('>', at);
    if (close == std::string::npos) break;
    out.append(pattern, i, at - i);
    out += "(?:";
    i = close + 1;
  }
  out.append(pattern, i, std::string::npos);
  return out;
}

// Whether a rule matches somewhere in `text`. For an exclusion, a match
// whose `word` is in its `unless` list, or that leaves its `veto` group
// out, does not count (the extractor vetoes nothing there either).
bool Applies(const RE2& re, std::string_view text, const std::string& unless_list,
             const Lexicon& lex) {
  const auto& named = re.NamedCapturingGroups();
  const int word = unless_list.empty() || !named.count("word") ? -1 : named.at("word");
  const int veto = named.count("veto") ? named.at("veto") : -1;
  if (word < 0 && veto < 0) return RE2::PartialMatch(text, re);
  std::vector<re2::StringPiece> groups(re.NumberOfCapturingGroups() + 1);
  size_t pos = 0;
  while (pos <= text.size() && re.Match(text, pos, text.size(), RE2::UNANCHORED, groups.data(),
                                        static_cast<int>(groups.size()))) {
    size_t end = groups[0].data() - text.data() + groups[0].size();
    pos = end > pos ? end : pos + 1;
    if (word >= 0 && groups[word].data() != nullptr && lex.InList(unless_list, groups[word])) {
      continue;
    }
    if (veto >= 0 && (groups[veto].data() == nullptr || groups[veto].empty())) continue;
    return true;
  }
  return false;
}

struct PendingRule {
  int info = -1;
  std::string pattern;  // expanded
  std::unique_ptr<RE2> re;  // compiled once, when its examples are checked
  std::vector<std::unique_ptr<RE2>> twins;  // see CompiledRule
  int priority = 0;
  unsigned vetoes = 0;
  std::string unless_list;
};

// The twins of a claim rule too large for RE2's backtracker (see
// CompiledRule): for the first choice of fragments that the rule makes
// once and outside any repetition, the rule with that choice narrowed to
// each alternative, provided each twin has the rule's groups and one of
// them is small enough to gain. None otherwise.
std::vector<std::unique_ptr<RE2>> TwinsOf(const std::string& written, const RE2& rule,
                                          const Placeholders& ph) {
  if (rule.ProgramSize() <= kBacktrackerMaxProgram) return {};
  constexpr char kMarker = '\x01';
  for (const auto& [choice, alternatives] : ph.Choices()) {
    Placeholders marked = ph;
    marked.Set(choice, std::string(1, kMarker));
    std::string expanded;
    if (!marked.Expand(written, &expanded).ok() || !OccursOnceUnrepeated(expanded, kMarker)) {
      continue;
    }
    std::vector<std::unique_ptr<RE2>> twins;
    bool gains = false;
    for (const std::string& alternative : alternatives) {
      Placeholders narrowed = ph;
      narrowed.Set(choice, "{" + alternative + "}");
      if (!narrowed.Expand(written, &expanded).ok()) break;
      auto twin = std::make_unique<RE2>(expanded, RuleOptions());
      if (!twin->ok() || twin->NumberOfCapturingGroups() != rule.NumberOfCapturingGroups() ||
          twin->NamedCapturingGroups() != rule.NamedCapturingGroups()) {
        break;
      }
      gains |= twin->ProgramSize() <= kBacktrackerMaxProgram;
      twins.push_back(std::move(twin));
    }
    if (twins.size() == alternatives.size() && gains) return twins;
  }
  return {};
}

Status LoadRuleFile(const json& root, const std::string& where, const Lexicon& lex,
                    const Placeholders& ph, std::vector<RuleSet::RuleInfo>* infos,
                    std::vector<PendingRule>* claim_rules,
                    std::vector<CompiledRelation>* relations) {
  Status s = CheckFields(root, {"description", "rules"}, where);
  if (!s.ok()) return s;
  auto rules = root.find("rules");
  if (rules == root.end() || !rules->is_array()) {
    return Invalid(where, "expected a \"rules\" list");
  }
  std::set<std::string> names;
  for (size_t i = 0; i < rules->size(); ++i) {
    const json& r = (*rules)[i];
    std::string name;
    if (r.is_object() && r.contains("name") && r["name"].is_string()) {
      name = r["name"].get<std::string>();
    }
    if (name.empty()) {
      return Invalid(where, "rule #" + std::to_string(i + 1) + ": missing field \"name\"");
    }
    const std::string rw = where + ": rule " + name;
    if (!names.insert(name).second) return Invalid(rw, "duplicate rule name");
    s = CheckFields(r,
                    {"name", "description", "kind", "pattern", "priority", "vetoes", "unless",
                     "examples", "relation", "roles", "before", "between", "after", "first",
                     "second", "different_currency", "same_kind"},
                    rw);
    if (!s.ok()) return s;

    RuleSet::RuleInfo info;
    info.file = where;
    info.name = name;
    s = ParseExamples(r, rw, &info);
    if (!s.ok()) return s;

    if (r.contains("relation")) {
      for (const char* f : {"kind", "pattern", "priority", "vetoes", "unless"}) {
        if (r.contains(f)) {
          return Invalid(rw, std::string("field \"") + f + "\" is not for relation rules");
        }
      }
      CompiledRelation rel;
      std::string kind;
      s = GetString(r, "relation", rw, &kind);
      if (!s.ok()) return s;
      if (!ParseRelationKind(kind, &rel.kind)) return Invalid(rw, "unknown relation \"" + kind + "\"");
      std::vector<std::string> roles;
      s = GetStrings(r, "roles", rw, &roles);
      if (!s.ok()) return s;
      if (roles.size() != 2 || !ParseRole(roles[0], &rel.first_role) ||
          !ParseRole(roles[1], &rel.second_role)) {
        return Invalid(rw, "\"roles\" must name two roles");
      }
      for (auto [field, out, anchor] :
           {std::tuple{"before", &rel.before, 0}, std::tuple{"between", &rel.between, 1},
            std::tuple{"after", &rel.after, 2}}) {
        std::string written;
        s = GetString(r, field, rw, &written, false);
        if (!s.ok()) return s;
        if (written.empty()) continue;
        std::string expanded;
        s = ph.Expand(written, &expanded);
        if (!s.ok()) return s.WithPrefix(rw + ": " + field);
        // before: the end of the preceding text; after: its start; between:
        // all of it.
        std::string anchored = anchor == 0   ? "(?:" + expanded + ")$"
                               : anchor == 1 ? "^(?:" + expanded + ")$"
                                             : "^(?:" + expanded + ")";
        *out = std::make_unique<RE2>(anchored, RuleOptions());
        if (!(*out)->ok()) {
          return Invalid(rw, std::string(field) + " does not compile: " + (*out)->error());
        }
      }
      if (!rel.between) return Invalid(rw, "missing field \"between\"");
      for (auto [field, out] : {std::pair{"first", &rel.first_kinds},
                                std::pair{"second", &rel.second_kinds}}) {
        std::vector<std::string> kinds;
        s = GetStrings(r, field, rw, &kinds);
        if (!s.ok()) return s;
        for (const auto& k : kinds) {
          RuleKind rk;
          if (!ParseRuleKind(k, &rk) || rk == RuleKind::kExclude || rk == RuleKind::kYear) {
            return Invalid(rw, std::string(field) + ": \"" + k + "\" is not a claim kind that relations join");
          }
          *out |= KindBit(rk);
        }
        if (kinds.empty()) {
          *out = KindBit(RuleKind::kPercent) | KindBit(RuleKind::kCurrency) |
                 KindBit(RuleKind::kNumber) | KindBit(RuleKind::kMultiplier);
        }
      }
      rel.different_currency = r.value("different_currency", false);
      rel.same_kind = r.value("same_kind", false);
      info.is_relation = true;
      rel.info = static_cast<int>(infos->size());
      infos->push_back(std::move(info));
      relations->push_back(std::move(rel));
      continue;
    }

    for (const char* f : {"roles", "before", "between", "after", "first", "second",
                          "different_currency", "same_kind"}) {
      if (r.contains(f)) {
        return Invalid(rw, std::string("field \"") + f + "\" is only for relation rules");
      }
    }
    std::string kind, written;
    s = GetString(r, "kind", rw, &kind);
    if (!s.ok()) return s;
    if (!ParseRuleKind(kind, &info.kind)) return Invalid(rw, "unknown kind \"" + kind + "\"");
    s = GetString(r, "pattern", rw, &written);
    if (!s.ok()) return s;
    s = ph.Expand(written, &info.pattern);
    if (!s.ok()) return s.WithPrefix(rw);

    PendingRule pending;
    if (r.contains("priority")) {
      if (!r["priority"].is_number_integer()) return Invalid(rw, "\"priority\" must be an integer");
      pending.priority = r["priority"].get<int>();
    }
    if (info.kind == RuleKind::kExclude) {
      std::vector<std::string> vetoes;
      s = GetStrings(r, "vetoes", rw, &vetoes);
      if (!s.ok()) return s;
      for (const auto& v : vetoes) {
        RuleKind vk;
        if (!ParseRuleKind(v, &vk) || vk == RuleKind::kExclude) {
          return Invalid(rw, "vetoes: \"" + v + "\" is not a claim kind");
        }
        pending.vetoes |= KindBit(vk);
        info.vetoes.push_back(vk);
      }
      if (vetoes.empty()) return Invalid(rw, "an exclusion needs \"vetoes\"");
      s = GetString(r, "unless", rw, &pending.unless_list, false);
      if (!s.ok()) return s;
      info.unless = pending.unless_list;
      if (!pending.unless_list.empty() && !lex.word_lists.count(pending.unless_list)) {
        return Invalid(rw, "unless: no word list \"" + pending.unless_list + "\"");
      }
    } else if (r.contains("vetoes") || r.contains("unless")) {
      return Invalid(rw, "\"vetoes\" and \"unless\" are only for exclusions");
    }

    pending.re = std::make_unique<RE2>(info.pattern, RuleOptions());
    const RE2& alone = *pending.re;
    if (!alone.ok()) return Invalid(rw, "pattern does not compile: " + alone.error());
    for (const auto& [group, index] : alone.NamedCapturingGroups()) {
      if (std::find(std::begin(kGroupNames), std::end(kGroupNames), group) ==
          std::end(kGroupNames)) {
        return Invalid(rw, "unknown capture group \"" + group + "\"");
      }
    }
    if (!pending.unless_list.empty() && !alone.NamedCapturingGroups().count("word")) {
      return Invalid(rw, "\"unless\" needs a (?P<word>...) group");
    }
    for (const auto& ex : info.match) {
      if (!Applies(alone, ex.text, pending.unless_list, lex)) {
        return Invalid(rw, "example \"" + ex.text + "\" does not match");
      }
    }
    for (const auto& ex : info.no_match) {
      if (Applies(alone, ex.text, pending.unless_list, lex)) {
        return Invalid(rw, "no_match example \"" + ex.text + "\" matches");
      }
    }
    if (info.kind != RuleKind::kExclude) pending.twins = TwinsOf(written, alone, ph);
    pending.info = static_cast<int>(infos->size());
    pending.pattern = info.pattern;
    infos->push_back(std::move(info));
    claim_rules->push_back(std::move(pending));
  }
  return Status::Ok();
}

// The family of `kind`, taking its rules' compiled patterns out of
// `pending`; a family without rules has no pattern.
Status BuildFamily(RuleKind kind, const std::vector<RuleSet::RuleInfo>& infos,
                   std::vector<PendingRule>* pending, Family* out) {
  std::string combined;
  std::vector<PendingRule*> members;
  for (PendingRule& p : *pending) {
    if (infos[p.info].kind != kind) continue;
    if (!combined.empty()) combined += "|";
    combined += "(?:" + WithoutGroupNames(p.pattern) + ")";
    members.push_back(&p);
  }
  if (members.empty()) return Status::Ok();
  Family& family = *out;
  family.kind = kind;
  family.rank = FamilyRank(kind);
  family.re = std::make_unique<RE2>(combined, RuleOptions());
  if (!family.re->ok()) {
    return Status::InvalidArgument(infos[members[0]->info].file +
                                   ": the rules do not compile together: " +
                                   family.re->error());
  }
  family.which = std::make_unique<RE2::Set>(RuleOptions(), RE2::ANCHOR_BOTH);
  for (size_t i = 0; i < members.size(); ++i) {
    std::string error;
    if (family.which->Add(members[i]->pattern, &error) != static_cast<int>(i)) {
      return Status::Internal(infos[members[i]->info].file + ": rule " +
                              infos[members[i]->info].name + ": " + error);
    }
  }
  if (!family.which->Compile()) {
    return Status::Internal(infos[members[0]->info].file + ": the rules do not fit in memory");
  }
  if (kind == RuleKind::kExclude) {
    family.starting = std::make_unique<RE2::Set>(RuleOptions(), RE2::ANCHOR_START);
    for (size_t i = 0; i < members.size(); ++i) {
      std::string error;
      if (family.starting->Add("(?s:.)?(?:" + members[i]->pattern + ")", &error) !=
          static_cast<int>(i)) {
        return Status::Internal(infos[members[i]->info].file + ": rule " +
                                infos[members[i]->info].name + ": " + error);
      }
    }
    if (!family.starting->Compile()) {
      return Status::Internal(infos[members[0]->info].file + ": the rules do not fit in memory");
    }
  }
  for (size_t i = 0; i < members.size(); ++i) {
    PendingRule& p = *members[i];
    CompiledRule rule;
    rule.info = p.info;
    rule.priority = p.priority;
    rule.vetoes = p.vetoes;
    rule.unless_list = p.unless_list;
    rule.re = std::move(p.re);  // compiled and checked by LoadRuleFile
    rule.twins = std::move(p.twins);
    rule.groups = rule.re->NumberOfCapturingGroups() + 1;
    family.max_groups = std::max(family.max_groups, rule.groups);
    family.max_priority = i == 0 ? rule.priority : std::max(family.max_priority, rule.priority);
    const auto& named = rule.re->NamedCapturingGroups();
    auto group = [&](std::string_view name) {
      auto it = named.find(std::string(name));
      return it == named.end() ? -1 : it->second;
    };
    rule.claim = group("claim");
    rule.number = group("number");
    rule.sign = group("sign");
    rule.scale = group("scale");
    rule.currency = group("currency");
    rule.unit = group("unit");
    rule.noun = group("noun");
    rule.multiplier = group("multiplier");
    rule.minor = group("minor");
    rule.denominator = group("denominator");
    rule.veto = group("veto");
    rule.word = group("word");
    family.rules.push_back(std::move(rule));
  }
  return Status::Ok();
}

// Each family is compiled on its own (they share no rule), up to `threads`
// at once; the first failure in family order is the one reported.
Status BuildFamilies(const std::vector<RuleSet::RuleInfo>& infos,
                     std::vector<PendingRule>* pending, RuleSet::Compiled* compiled,
                     int threads) {
  constexpr RuleKind kKinds[] = {RuleKind::kCurrency, RuleKind::kPercent, RuleKind::kMultiplier,
                                 RuleKind::kYear,     RuleKind::kNumber,  RuleKind::kExclude};
  constexpr size_t kCount = std::size(kKinds);
  std::vector<Family> families(kCount);
  std::vector<Status> built(kCount);
  ForEachIndex(kCount, threads, [&](size_t i) {
    built[i] = BuildFamily(kKinds[i], infos, pending, &families[i]);
  });
  for (size_t i = 0; i < kCount; ++i) {
    if (!built[i].ok()) return built[i];
    if (families[i].re != nullptr) compiled->families.push_back(std::move(families[i]));
  }
  return Status::Ok();
}

}  // namespace

bool MatchRuleGroups(const CompiledRule& rule, const re2::StringPiece& text, size_t start,
                     size_t end, re2::StringPiece* groups) {
  const RE2* matcher = rule.re.get();
  if (!rule.twins.empty()) {
    int matching = 0;
    for (const auto& twin : rule.twins) {
      if (twin->Match(text, start, end, RE2::ANCHOR_BOTH, nullptr, 0)) {
        ++matching;
        matcher = twin.get();
      }
    }
    if (matching == 0) return false;
    if (matching > 1) matcher = rule.re.get();
  }
  return matcher->Match(text, start, end, RE2::ANCHOR_BOTH, groups, rule.groups);
}

const WordSet& Lexicon::List(std::string_view list) const {
  static const WordSet kNone;
  auto it = word_lists.find(list);
  return it == word_lists.end() ? kNone : it->second;
}

bool Lexicon::InList(std::string_view list, std::string_view word) const {
  return Holds(List(list), word);
}

bool Lexicon::Holds(const WordSet& list, std::string_view word) {
  // Called for most claims found: keep the key of a short word off the heap.
  char buffer[48];
  if (word.size() <= sizeof(buffer)) {
    size_t n = 0;
    for (char c : word) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || static_cast<unsigned char>(c) >= 0x80) {
        return list.Holds(Key(word));
      }
      buffer[n++] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return list.Holds(std::string_view(buffer, n));
  }
  return list.Holds(Key(word));
}

std::string Lexicon::Key(std::string_view written) {
  std::string out;
  out.reserve(written.size());
  for (size_t i = 0; i < written.size(); ++i) {
    unsigned char c = written[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (c == 0xC2 && i + 1 < written.size() &&
        static_cast<unsigned char>(written[i + 1]) == 0xA0) {
      ++i;
      continue;
    }
    if (c == 0xE2 && i + 2 < written.size() &&
        static_cast<unsigned char>(written[i + 1]) == 0x80 &&
        static_cast<unsigned char>(written[i + 2]) == 0xAF) {
      i += 2;
      continue;
    }
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

RuleSet::RuleSet() : compiled_(std::make_unique<Compiled>()) {
  static std::atomic<uint64_t> next_id{1};
  compiled_->id = next_id++;
}
RuleSet::~RuleSet() = default;

std::vector<std::string> RuleSet::Patterns() const {
  std::vector<std::string> out;
  for (const Family& f : compiled_->families) out.push_back(f.re->pattern());
  return out;
}

Result<std::unique_ptr<RuleSet>> RuleSet::Load(const std::string& dir, int threads) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Status::NotFound(dir + ": no such rules directory");
  }
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path().filename().string());
  }
  if (ec) return Status::IoError(dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  std::string prefix = dir;
  if (!prefix.empty() && prefix.back() != '/') prefix += '/';

  auto read_json = [&](const std::string& name, json* out) -> Status {
    std::ifstream in(prefix + name, std::ios::binary);
    if (!in) return Status::IoError(prefix + name + ": cannot read");
    std::stringstream buffer;
    buffer << in.rdbuf();
    *out = json::parse(buffer.str(), nullptr, /*allow_exceptions=*/false);
    if (out->is_discarded()) return Invalid(prefix + name, "not valid JSON");
    return Status::Ok();
  };

  std::unique_ptr<RuleSet> set(new RuleSet());
  Placeholders placeholders;
  if (std::find(files.begin(), files.end(), "lexicon.json") == files.end()) {
    return Status::InvalidArgument(prefix + "lexicon.json: missing");
  }
  {
    json root;
    Status s = read_json("lexicon.json", &root);
    if (!s.ok()) return s;
    s = LoadLexicon(root, prefix + "lexicon.json", &set->lexicon_, &placeholders);
    if (!s.ok()) return s;
  }
  // Each rule file on its own (compiling its patterns and checking its
  // examples is most of the start), up to `threads` at once; then in name
  // order, as if read one after another: rule numbers, and which error is
  // reported when several files have one.
  struct FileRules {
    Status status;
    std::vector<RuleInfo> infos;
    std::vector<PendingRule> pending;
    std::vector<CompiledRelation> relations;
  };
  files.erase(std::remove(files.begin(), files.end(), "lexicon.json"), files.end());
  std::vector<FileRules> loaded(files.size());
  ForEachIndex(files.size(), threads, [&](size_t i) {
    FileRules& file = loaded[i];
    json root;
    file.status = read_json(files[i], &root);
    if (!file.status.ok()) return;
    file.status = LoadRuleFile(root, prefix + files[i], set->lexicon_, placeholders, &file.infos,
                               &file.pending, &file.relations);
  });
  std::vector<PendingRule> pending;
  for (FileRules& file : loaded) {
    if (!file.status.ok()) return file.status;
    const int first = static_cast<int>(set->infos_.size());
    for (RuleInfo& info : file.infos) set->infos_.push_back(std::move(info));
    for (PendingRule& rule : file.pending) {
      rule.info += first;
      pending.push_back(std::move(rule));
    }
    for (CompiledRelation& relation : file.relations) {
      relation.info += first;
      set->compiled_->relations.push_back(std::move(relation));
    }
  }
  if (pending.empty()) return Status::InvalidArgument(prefix + ": no extraction rules");
  Status s = BuildFamilies(set->infos_, &pending, set->compiled_.get(), threads);
  if (!s.ok()) return s;
  auto& between = set->compiled_->between;
  between = std::make_unique<RE2::Set>(RuleOptions(), RE2::ANCHOR_BOTH);
  for (const CompiledRelation& relation : set->compiled_->relations) {
    std::string error;
    if (between->Add(relation.between->pattern(), &error) < 0) {
      const RuleInfo& info = set->infos_[relation.info];
      return Status::Internal(info.file + ": rule " + info.name + ": " + error);
    }
  }
  if (!between->Compile()) {
    return Status::Internal(prefix + ": the relation rules do not fit in memory");
  }

  // Relation examples need the whole rule set: run the extractor on them,
  // one relation rule at a time, up to `threads` at once.
  Extractor extractor(*set);
  const std::vector<CompiledRelation>& relations = set->compiled_->relations;
  std::vector<Status> related(relations.size());
  ForEachIndex(relations.size(), threads, [&](size_t i) {
    const CompiledRelation& rel = relations[i];
    const RuleInfo& info = set->infos_[rel.info];
    auto joined = [&](const std::string& text) {
      Document doc;
      doc.text = doc.source = text;
      for (const RawClaim& c : extractor.Extract(doc)) {
        if (c.relation_rule == rel.info) return true;
      }
      return false;
    };
    for (const auto& ex : info.match) {
      if (!joined(ex.text)) {
        related[i] = Invalid(info.file + ": rule " + info.name,
                             "example \"" + ex.text + "\" is not related by this rule");
        return;
      }
    }
    for (const auto& ex : info.no_match) {
      if (joined(ex.text)) {
        related[i] = Invalid(info.file + ": rule " + info.name,
                             "no_match example \"" + ex.text + "\" is related by this rule");
        return;
      }
    }
  });
  for (const Status& status : related) {
    if (!status.ok()) return status;
  }
  return set;
}

}  // namespace claimcheck
