#include "report/printer.h"

#include <charconv>
#include <cmath>

#include "report/printers.h"

namespace claimcheck {

std::unique_ptr<Printer> NewPrinter(ReportFormat format, ReportKind kind,
                                    std::ostream& out) {
  switch (format) {
    case ReportFormat::kText:
      return NewTextPrinter(kind, out);
    case ReportFormat::kJson:
      return NewJsonPrinter(kind, out);
    case ReportFormat::kJsonl:
      return NewJsonlPrinter(kind, out);
    case ReportFormat::kSarif:
      return NewSarifPrinter(kind, out);
    case ReportFormat::kHtml:
      return NewHtmlPrinter(kind, out);
  }
  return NewTextPrinter(kind, out);
}

std::string CountOf(size_t n, std::string_view noun) {
  std::string out = std::to_string(n) + " " + std::string(noun);
  if (n != 1) out += "s";
  return out;
}

std::string FormatValue(double value) {
  if (!std::isfinite(value)) return std::isnan(value) ? "nan" : "inf";
  if (value == 0) return "0";  // also for -0
  char buffer[64];
  const auto format = std::fabs(value) < 1e15 ? std::chars_format::fixed
                                              : std::chars_format::general;
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value, format);
  if (ec != std::errc()) return "?";
  return std::string(buffer, end);
}

}  // namespace claimcheck
