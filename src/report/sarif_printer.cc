// `--format sarif`: a SARIF 2.1.0 log (OASIS), for code-scanning viewers
// and CI annotations. One run; tool.driver lists the rule ids of
// interface.md. Check: one result per finding (level = its severity).
// Extract: one "note" result per claim under the rule "claim". Each result
// carries the claim's JSON object (json_fields) in properties.claim.
//
// Region: startLine, startColumn (in UTF-16 code units, SARIF's default
// columnKind), byteOffset and byteLength.
//
// A document that could not be read becomes an error notification in
// invocations[0], which is "executionSuccessful": false if any did.
// Results are written as documents come; only the error notifications
// are held until the end.
#include <iterator>
#include <string>

#include "report/json_fields.h"
#include "report/printers.h"

namespace claimcheck {
namespace {

struct RuleDescription {
  RuleId rule;
  std::string_view text;
};

constexpr RuleDescription kRules[] = {
    {RuleId::kFactMismatch,
     "The value disagrees with the linked fact beyond tolerance."},
    {RuleId::kWrongYear,
     "The value is right for another year than the one the text gives."},
    {RuleId::kScaleSlip,
     "Off by a factor of a thousand or so: million, billion and trillion "
     "mixed up."},
    {RuleId::kCurrencyConversion,
     "Two amounts given as equivalent disagree with that year's exchange "
     "rate."},
    {RuleId::kInternalInconsistency,
     "The same quantity is given different values within one document."},
    {RuleId::kChangeArithmetic,
     "A stated change disagrees with its own endpoints."},
    {RuleId::kMisattribution,
     "The figure is right, but it belongs to another fact than the one the "
     "sentence speaks of."},
    {RuleId::kImpossibleValue,
     "A share above 100%, a negative count, a date that cannot be."},
};

// ruleIndex is the RuleId's value, so the table must follow the enum.
constexpr bool RulesInEnumOrder() {
  for (size_t i = 0; i < std::size(kRules); ++i) {
    if (static_cast<size_t>(kRules[i].rule) != i) return false;
  }
  return true;
}
static_assert(RulesInEnumOrder());

constexpr std::string_view kClaimRule = "claim";

// A path as a URI reference: unreserved bytes and '/' stay, the rest is
// percent-encoded (spaces, '#', '%', non-ASCII bytes). A relative path stays
// relative (what code-scanning services want); an absolute one becomes a
// file:// URI (RFC 8089).
std::string UriReference(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = path.starts_with('/') ? "file://" : "";
  for (char c : path) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') ||
        (u >= '0' && u <= '9') || c == '-' || c == '.' || c == '_' ||
        c == '~' || c == '/') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 0xF]);
    }
  }
  return out;
}

Json Location(const std::string& path, const Claim& claim) {
  Json region;
  region["startLine"] = claim.line;
  region["startColumn"] = claim.column_utf16;
  region["byteOffset"] = claim.source.start;
  region["byteLength"] = claim.source.end - claim.source.start;
  Json physical;
  physical["artifactLocation"]["uri"] = UriReference(path);
  physical["region"] = std::move(region);
  Json location;
  location["physicalLocation"] = std::move(physical);
  return Json::array({std::move(location)});
}

Json Message(std::string text) {
  Json message;
  message["text"] = std::move(text);
  return message;
}

class SarifPrinter : public Printer {
 public:
  SarifPrinter(ReportKind kind, std::ostream& out) : kind_(kind), out_(out) {}

  void Begin() override {
    out_ << "{\n"
            "  \"$schema\": "
            "\"https://json.schemastore.org/sarif-2.1.0.json\",\n"
            "  \"version\": \"2.1.0\",\n"
            "  \"runs\": [\n"
            "    {\n"
            "      \"tool\": "
         << DumpNested(Tool(), 6) << ",\n      \"results\": [";
    any_ = false;
    notifications_.clear();
  }

  void Document(const DocumentReport& report) override {
    if (report.error && !report.error->ok()) {
      Json notification;
      notification["level"] = "error";
      notification["message"] = Message(report.error->message());
      Json location;
      location["physicalLocation"]["artifactLocation"]["uri"] =
          UriReference(report.path);
      notification["locations"] = Json::array({std::move(location)});
      notifications_.push_back(std::move(notification));
    }
    for (const ClaimReport& claim : report.claims) {
      if (kind_ == ReportKind::kExtract) {
        Json result;
        result["ruleId"] = kClaimRule;
        result["ruleIndex"] = 0;
        result["level"] = "note";
        result["message"] = Message(DescribeClaim(claim.claim));
        result["locations"] = Location(report.path, claim.claim);
        result["properties"]["claim"] = ClaimJson(claim, kind_);
        Write(result);
        continue;
      }
      for (const Finding& finding : claim.findings) {
        Json result;
        result["ruleId"] = RuleIdName(finding.rule);
        result["ruleIndex"] = static_cast<int>(finding.rule);
        result["level"] = SeverityName(finding.severity);
        result["message"] = Message(finding.message);
        result["locations"] = Location(report.path, claim.claim);
        result["properties"]["claim"] = ClaimJson(claim, kind_);
        Write(result);
      }
    }
    out_.flush();
  }

  void Finish(const Summary& summary) override {
    Json invocation;
    invocation["executionSuccessful"] = summary.errors == 0;
    if (!notifications_.empty()) {
      invocation["toolExecutionNotifications"] = std::move(notifications_);
    }
    out_ << (any_ ? "\n      ]" : "]") << ",\n      \"invocations\": "
         << DumpNested(Json::array({std::move(invocation)}), 6)
         << "\n    }\n  ]\n}\n";
    notifications_ = Json::array();
    out_.flush();
  }

 private:
  Json Tool() const {
    Json rules = Json::array();
    auto add = [&rules](std::string_view id, std::string_view text) {
      Json rule;
      rule["id"] = id;
      rule["shortDescription"] = Message(std::string(text));
      rules.push_back(std::move(rule));
    };
    if (kind_ == ReportKind::kExtract) {
      add(kClaimRule, "A numeric claim found in the text.");
    } else {
      // In RuleId order, so that ruleIndex is the enum's value.
      for (const RuleDescription& rule : kRules) {
        add(RuleIdName(rule.rule), rule.text);
      }
    }
    Json driver;
    driver["name"] = "claimcheck";
#ifdef CLAIMCHECK_VERSION
    driver["version"] = CLAIMCHECK_VERSION;
#endif
    driver["rules"] = std::move(rules);
    Json tool;
    tool["driver"] = std::move(driver);
    return tool;
  }

  void Write(const Json& result) {
    out_ << (any_ ? ",\n        " : "\n        ") << DumpNested(result, 8);
    any_ = true;
  }

  ReportKind kind_;
  std::ostream& out_;
  bool any_ = false;
  Json notifications_ = Json::array();
};

}  // namespace

std::unique_ptr<Printer> NewSarifPrinter(ReportKind kind, std::ostream& out) {
  return std::make_unique<SarifPrinter>(kind, out);
}

}  // namespace claimcheck
