// `--format html`: one self-contained page for editors (inline CSS, no
// script): per document a table of its claims with the verdict, the
// findings and the sources as links. Everything taken from the input or
// the database is escaped, and only http(s) URLs become links, so an
// article cannot inject markup or script into the page. Documents are
// written as they come.
#include <algorithm>
#include <string>

#include "report/printers.h"

namespace claimcheck {
namespace {

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

bool IsWebUrl(std::string_view url) {
  return url.starts_with("https://") || url.starts_with("http://");
}

// The source of a fact, linked when it has a web address.
std::string SourceHtml(const Fact& fact) {
  std::string label = Escape(fact.source.empty() ? fact.url : fact.source);
  if (!IsWebUrl(fact.url)) return label;
  return "<a href=\"" + Escape(fact.url) + "\" rel=\"noopener noreferrer\">" +
         label + "</a>";
}

std::string FactHtml(const Fact& fact) {
  std::string out = "<span class=\"fact\">" + Escape(fact.id) + ": " +
                    FormatValue(fact.value) + " " + Escape(fact.unit);
  if (fact.year) out += " (" + std::to_string(*fact.year) + ")";
  out += "; source: " + SourceHtml(fact) + "</span>";
  return out;
}

constexpr std::string_view kHead = R"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>claimcheck report</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 72em; padding: 0 1em; color: #1d1d1f; }
h1 { font-size: 1.5em; }
h2 { font-size: 1.15em; margin-top: 2em; word-break: break-all; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: .35em .5em; text-align: left; vertical-align: top; }
th { background: #f4f4f6; }
td.place { white-space: nowrap; color: #555; font-variant-numeric: tabular-nums; }
q { font-weight: 600; }
ul { margin: 0; padding-left: 1.1em; }
.verdict { border-radius: 3px; padding: 0 .4em; white-space: nowrap; }
.supported { background: #e3f4e6; color: #1b5e20; }
.flagged { background: #fde7e7; color: #8e1b1b; }
.unverified { background: #eef0f3; color: #4a4f57; }
.severity-error { color: #b3261e; font-weight: 600; }
.severity-warning { color: #8a5a00; font-weight: 600; }
.rule { color: #555; font-family: ui-monospace, monospace; font-size: .9em; }
.fact, .note { display: block; color: #555; font-size: .92em; }
.error { color: #b3261e; }
footer { margin-top: 2em; color: #555; }
</style>
</head>
<body>
<h1>claimcheck report</h1>
)";

class HtmlPrinter : public Printer {
 public:
  HtmlPrinter(ReportKind kind, std::ostream& out) : kind_(kind), out_(out) {}

  void Begin() override { out_ << kHead; }

  void Document(const DocumentReport& report) override {
    out_ << "<section>\n<h2>" << Escape(report.path) << "</h2>\n";
    if (report.error && !report.error->ok()) {
      out_ << "<p class=\"error\">Could not be read: "
           << Escape(report.error->message()) << "</p>\n</section>\n";
      out_.flush();
      return;
    }
    if (report.claims.empty()) {
      out_ << "<p>No claims found.</p>\n</section>\n";
      out_.flush();
      return;
    }
    const bool check = kind_ == ReportKind::kCheck;
    if (check) {
      size_t counts[3] = {0, 0, 0};
      for (const ClaimReport& claim : report.claims) {
        ++counts[static_cast<size_t>(claim.verdict)];
      }
      out_ << "<p>" << CountOf(report.claims.size(), "claim") << ": "
           << counts[static_cast<size_t>(Verdict::kFlagged)] << " flagged, "
           << counts[static_cast<size_t>(Verdict::kSupported)] << " supported, "
           << counts[static_cast<size_t>(Verdict::kUnverified)]
           << " unverified</p>\n";
    }
    out_ << "<table>\n<thead><tr><th>Line:col</th><th>Claim</th>"
            "<th>Reading</th>"
         << (check ? "<th>Verdict</th><th>Findings and sources</th>" : "")
         << "</tr></thead>\n<tbody>\n";
    for (const ClaimReport& claim : report.claims) Row(claim);
    out_ << "</tbody>\n</table>\n</section>\n";
    out_.flush();
  }

  void Finish(const Summary& summary) override {
    out_ << "<footer>" << CountOf(summary.documents, "document") << ", "
         << CountOf(summary.claims, "claim");
    if (kind_ == ReportKind::kCheck) {
      out_ << ": " << summary.supported << " supported, " << summary.flagged
           << " flagged, " << summary.unverified << " unverified";
    }
    out_ << "; " << CountOf(summary.errors, "error")
         << "</footer>\n</body>\n</html>\n";
    out_.flush();
  }

 private:
  void Row(const ClaimReport& report) {
    const Claim& claim = report.claim;
    const bool check = kind_ == ReportKind::kCheck;
    out_ << "<tr" << (check ? " class=\"" : "")
         << (check ? VerdictName(report.verdict) : "") << (check ? "\"" : "")
         << "><td class=\"place\">" << claim.line << ":" << claim.column
         << "</td><td><q>" << Escape(claim.text) << "</q></td><td>"
         << Escape(DescribeQuantity(claim)) << "</td>";
    if (check) {
      out_ << "<td><span class=\"verdict " << VerdictName(report.verdict)
           << "\">" << VerdictName(report.verdict) << "</span></td><td>";
      if (!report.findings.empty()) {
        out_ << "<ul>";
        for (const Finding& finding : report.findings) {
          out_ << "<li><span class=\"severity-"
               << SeverityName(finding.severity) << "\">"
               << SeverityName(finding.severity) << "</span> "
               << Escape(finding.message) << " <span class=\"rule\">["
               << RuleIdName(finding.rule) << "]</span>";
          if (finding.expected) {
            out_ << "<span class=\"note\">expected "
                 << FormatValue(finding.expected->value) << " "
                 << Escape(finding.expected->unit) << "</span>";
          }
          if (finding.fact) out_ << FactHtml(*finding.fact);
          out_ << "</li>";
        }
        out_ << "</ul>";
      }
      // The linked fact, unless a finding above already showed it.
      if (report.fact &&
          std::none_of(report.findings.begin(), report.findings.end(),
                       [&](const Finding& finding) {
                         return finding.fact &&
                                finding.fact->id == report.fact->id;
                       })) {
        out_ << FactHtml(*report.fact);
      }
      if (!report.note.empty()) {
        out_ << "<span class=\"note\">" << Escape(report.note) << "</span>";
      }
      out_ << "</td>";
    }
    out_ << "</tr>\n";
  }

  ReportKind kind_;
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<Printer> NewHtmlPrinter(ReportKind kind, std::ostream& out) {
  return std::make_unique<HtmlPrinter>(kind, out);
}

}  // namespace claimcheck
