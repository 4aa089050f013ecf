// The text format of `reqprobe validate`: what people read in a terminal or a CI log. Inputs, pointers and
// messages carry request bytes, so each is printed through replay::printable_text(): no control character from a
// request reaches the terminal or starts a line.
//
//     cases/a.json: invalid
//       error maximum body /rate_limit: value 1001 exceeds maximum 1000
#pragma once

#include <ostream>

#include "reqprobe/report_json.h"

namespace reqprobe::cli {

/// "severity code location pointer" (the pointer left out when empty, escaped), e.g. "error maximum body /rate_limit".
[[nodiscard]] std::string violation_label(const Violation& violation);

/// "INPUT: valid|invalid", one indented line per violation, and for a checked expectation that is not met, the
/// differences ("expectation not met: ...", "missing: LABEL", "unexpected: LABEL").
void print_text_result(std::ostream& out, const InputResult& result);

}  // namespace reqprobe::cli
