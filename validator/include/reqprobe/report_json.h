// Validation results as JSON text: the `--format json` output of `reqprobe validate` (shared/DESIGN.md):
//
//     {"results":[{"input":"a.json","verdict":"invalid","violations":[{"code":"maximum","location":"body",
//       "pointer":"/rate_limit","severity":"error","message":"value 1001 exceeds maximum 1000"}]}]}
//
// Pure: builds strings, prints nothing.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "reqprobe/case_file.h"
#include "reqprobe/violation.h"

namespace reqprobe {

/// What validating one input gave.
struct InputResult {
  std::string input;  ///< how the input was named (a file path, or "-" for stdin)
  bool valid = true;
  std::vector<Violation> violations;  ///< empty in fail-fast mode, which reports the verdict only
  /// Set when the input's expectation was checked (`--check-expect`); adds an "expect" member to the result.
  std::optional<ExpectationDiff> expectation;
};

/// {"code","location","pointer","severity","message"} of one violation, compact.
[[nodiscard]] std::string violation_json(const Violation& violation);

/// {"results":[...]} for a run, compact, without a trailing newline. With an expectation, a result also carries
/// "expect": {"verdict", "met", "missing": [...], "unexpected": [...]} (violations without "message").
[[nodiscard]] std::string results_json(std::span<const InputResult> results);

}  // namespace reqprobe
