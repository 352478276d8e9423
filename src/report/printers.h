// Internal to report/: one factory per format, each defined in its own
// <format>_printer.cc, and the helpers the printers share. NewPrinter
// (printer.h) is the way in from outside.
#ifndef CLAIMCHECK_REPORT_PRINTERS_H_
#define CLAIMCHECK_REPORT_PRINTERS_H_

#include <memory>
#include <ostream>
#include <string>

#include "report/printer.h"

namespace claimcheck {

std::unique_ptr<Printer> NewTextPrinter(ReportKind kind, std::ostream& out);
std::unique_ptr<Printer> NewJsonPrinter(ReportKind kind, std::ostream& out);
std::unique_ptr<Printer> NewJsonlPrinter(ReportKind kind, std::ostream& out);
std::unique_ptr<Printer> NewSarifPrinter(ReportKind kind, std::ostream& out);
std::unique_ptr<Printer> NewHtmlPrinter(ReportKind kind, std::ostream& out);

// One claim as a person scans it: `percent 110 % (about; year 2023;
// change 1 from) "110%"`. Control bytes and quotes in the text are escaped.
std::string DescribeClaim(const Claim& claim);

// DescribeClaim without the quoted text: `percent 110 % (about; year 2023;
// change 1 from)`.
std::string DescribeQuantity(const Claim& claim);

// "1 claim", "3 claims": a count with its noun, plural when not one.
std::string CountOf(size_t n, std::string_view noun);

// A value as people read it: "500000000000", "12.5", "-3"; the shortest
// form that reads back to the same double (exponent form past 1e15).
std::string FormatValue(double value);

}  // namespace claimcheck

#endif  // CLAIMCHECK_REPORT_PRINTERS_H_
