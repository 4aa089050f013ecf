#include "text_report.h"

#include "printable_text.h"

namespace reqprobe::cli {

std::string violation_label(const Violation& v) {
  std::string label(severity_name(v.severity));
  label += ' ';
  label += code_name(v.code);
  label += ' ';
  label += location_name(v.location);
  if (!v.pointer.empty()) {
    label += ' ';
    label += replay::printable_text(v.pointer);  // pointers and names come from the request: escaped
  }
  return label;
}

void print_text_result(std::ostream& out, const InputResult& result) {
  out << replay::printable_text(result.input) << ": " << verdict_name(result.valid) << "\n";
  for (const Violation& v : result.violations)
    out << "  " << violation_label(v) << ": " << replay::printable_text(v.message) << "\n";
  if (!result.expectation || result.expectation->met()) return;
  const ExpectationDiff& diff = *result.expectation;
  if (diff.actual_verdict == diff.expected_verdict) {
    out << "  expectation not met: the verdict is " << diff.actual_verdict << " as expected, the violations differ\n";
  } else {
    out << "  expectation not met: the verdict is " << diff.actual_verdict << ", expected " << diff.expected_verdict
        << "\n";
  }
  for (const Violation& v : diff.missing) out << "  missing: " << violation_label(v) << "\n";
  for (const Violation& v : diff.unexpected) out << "  unexpected: " << violation_label(v) << "\n";
}

}  // namespace reqprobe::cli
