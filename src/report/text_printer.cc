// `--format text`: what a person scans in a terminal, in the shape compilers
// use so that editors can jump to each place.
//
//   check:   PATH:LINE:COL: SEVERITY: MESSAGE [RULE]      (one a finding)
//   extract: PATH:LINE:COL: TYPE VALUE UNIT (QUALIFIER; year YEAR;
//            KIND ID ROLE) "TEXT"                           (one a claim)
//
// then one summary line. A document that could not be read prints nothing
// here: the CLI names it on stderr.
#include <string>

#include "report/printers.h"

namespace claimcheck {
namespace {

// Keeps one record on one line: control bytes, quotes and backslashes are
// escaped the way C and JSON write them.
std::string Escape(std::string_view text, bool quotes) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\\':
        out += quotes ? "\\\\" : "\\";
        break;
      case '"':
        out += quotes ? "\\\"" : "\"";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\x";
          out.push_back(kHex[(c >> 4) & 0xF]);
          out.push_back(kHex[c & 0xF]);
        } else {
          out.push_back(c);
        }
    }
  }
  return out;
}

class TextPrinter : public Printer {
 public:
  TextPrinter(ReportKind kind, std::ostream& out) : kind_(kind), out_(out) {}

  void Begin() override {}

  void Document(const DocumentReport& report) override { Write(*Render(report)); }

  std::optional<std::string> Render(const DocumentReport& report) const override {
    std::string out;
    const std::string path = Escape(report.path, false);
    for (const ClaimReport& claim : report.claims) {
      const std::string place = path + ":" + std::to_string(claim.claim.line) +
                                ":" + std::to_string(claim.claim.column) + ": ";
      if (kind_ == ReportKind::kExtract) {
        out += place + DescribeClaim(claim.claim) + '\n';
        continue;
      }
      for (const Finding& finding : claim.findings) {
        out += place;
        out += SeverityName(finding.severity);
        out += ": " + Escape(finding.message, false) + " [";
        out += RuleIdName(finding.rule);
        out += "]\n";
      }
    }
    return out;
  }

  void Write(std::string_view rendered) override {
    out_ << rendered;
    out_.flush();
  }

  void Finish(const Summary& summary) override {
    out_ << CountOf(summary.documents, "document") << ", "
         << CountOf(summary.claims, "claim");
    if (kind_ == ReportKind::kCheck) {
      out_ << ": " << summary.supported << " supported, " << summary.flagged
           << " flagged, " << summary.unverified << " unverified";
    }
    out_ << "; " << CountOf(summary.errors, "error") << '\n';
    out_.flush();
  }

 private:
  ReportKind kind_;
  std::ostream& out_;
};

}  // namespace

std::string DescribeQuantity(const Claim& claim) {
  std::string out =
      std::string(ClaimTypeName(claim.type)) + " " + FormatValue(claim.value);
  if (!claim.unit.empty()) {
    out += ' ';
    out += Escape(claim.unit, false);
  }
  std::string details;
  auto add = [&details](const std::string& part) {
    if (!details.empty()) details += "; ";
    details += part;
  };
  if (claim.qualifier != Qualifier::kExact) {
    add(std::string(QualifierName(claim.qualifier)));
  }
  // A year claim's year is its value; saying it twice is noise.
  if (claim.year && claim.type != ClaimType::kYear) {
    add("year " + std::to_string(*claim.year));
  }
  if (claim.relation) {
    add(std::string(RelationKindName(claim.relation->kind)) + " " +
        std::to_string(claim.relation->id) + " " +
        std::string(RelationRoleName(claim.relation->role)));
  }
  if (!details.empty()) out += " (" + details + ")";
  return out;
}

std::string DescribeClaim(const Claim& claim) {
  return DescribeQuantity(claim) + " \"" + Escape(claim.text, true) + "\"";
}

std::unique_ptr<Printer> NewTextPrinter(ReportKind kind, std::ostream& out) {
  return std::make_unique<TextPrinter>(kind, out);
}

}  // namespace claimcheck
