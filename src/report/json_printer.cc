// `--format json`: interface.md's report, written as the documents come so
// that memory stays flat on a large batch. The bytes are those of
// Json::dump(2) on the whole report: two-space indentation, fields in the
// contract's order, whole numbers without a fraction.
#include "report/json_fields.h"
#include "report/printers.h"

namespace claimcheck {
namespace {

class JsonPrinter : public Printer {
 public:
  JsonPrinter(ReportKind kind, std::ostream& out) : kind_(kind), out_(out) {}

  void Begin() override {
    out_ << "{\n  \"version\": " << kReportVersion << ",\n  \"documents\": [";
    any_ = false;
  }

  void Document(const DocumentReport& report) override { Write(*Render(report)); }

  std::optional<std::string> Render(const DocumentReport& report) const override {
    return DocumentText(report, kind_, 2, 4);
  }

  void Write(std::string_view rendered) override {
    out_ << (any_ ? ",\n    " : "\n    ") << rendered;
    any_ = true;
    // A reader following the stream sees each document as it is done.
    out_.flush();
  }

  void Finish(const Summary& summary) override {
    out_ << (any_ ? "\n  ]" : "]")
         << ",\n  \"summary\": " << SummaryText(summary, kind_, 2, 2)
         << "\n}\n";
    out_.flush();
  }

 private:
  ReportKind kind_;
  std::ostream& out_;
  bool any_ = false;
};

}  // namespace

std::unique_ptr<Printer> NewJsonPrinter(ReportKind kind, std::ostream& out) {
  return std::make_unique<JsonPrinter>(kind, out);
}

}  // namespace claimcheck
