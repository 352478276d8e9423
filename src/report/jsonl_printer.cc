// `--format jsonl`: one document object a line (the same object as in the
// json report), nothing else: no summary, so that under `--input jsonl`
// output line N answers input line N.
#include "report/json_fields.h"
#include "report/printers.h"

namespace claimcheck {
namespace {

class JsonlPrinter : public Printer {
 public:
  JsonlPrinter(ReportKind kind, std::ostream& out) : kind_(kind), out_(out) {}

  void Begin() override {}

  void Document(const DocumentReport& report) override { Write(*Render(report)); }

  std::optional<std::string> Render(const DocumentReport& report) const override {
    return DocumentText(report, kind_) + '\n';
  }

  void Write(std::string_view rendered) override {
    out_ << rendered;
    out_.flush();
  }

  void Finish(const Summary&) override { out_.flush(); }

 private:
  ReportKind kind_;
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<Printer> NewJsonlPrinter(ReportKind kind, std::ostream& out) {
  return std::make_unique<JsonlPrinter>(kind, out);
}

}  // namespace claimcheck
