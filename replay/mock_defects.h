// Defects the mock can be told to have (`reqprobe mock --defect NAME`), so the harness can be proved to find each
// kind of bug a real server has. Most are generic (ignore a violation code); a few are named after the HSS bugs
// issue 6 lists, and a few are transport faults (slow answers, dropped connections, 429 storms).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "reqprobe/violation.h"

namespace reqprobe::replay {

/// A defect's name and what it makes the mock do, for --help and error messages.
struct DefectInfo {
  std::string name;
  std::string help;
};

/// Every defect the mock knows, in --help order: the named ones, then ignore-code-<code> for every code.
[[nodiscard]] const std::vector<DefectInfo>& defect_catalog();

/// Violations a buggy server does not check. Empty pointer: any pointer.
struct ViolationFilter {
  bool any_code = true;
  Code code = Code::syntax;
  bool any_location = true;
  Location location = Location::body;
  std::string pointer;
  bool credential_only = false;  ///< only violations on a credential header (ignore-token)
};

/// The defects of one mock, parsed from names.
struct MockDefects {
  std::vector<ViolationFilter> ignored;
  bool error_500_on_long_strings = false;     ///< 500 instead of 400 when a string is longer than its maximum
  bool error_500_on_null = false;             ///< 500 to any body with a null value (a handler that dereferences it)
  bool hang_on_deep_nesting = false;          ///< no answer (then close) for bodies nested deeper than 16 levels
  bool close_on_syntax_error = false;         ///< close the connection without answering a body that is not JSON
  bool slow_answers = false;                  ///< every answer waits (default 200 ms)
  bool flaky_connections = false;             ///< every 5th request: connection closed without an answer
  bool rate_limit_storm = false;              ///< 429 with Retry-After: 1 to every request in the first second
  bool success_wrong_content_type = false;    ///< a success body goes out as text/plain (OpenAPI profile)
  bool success_drop_required_member = false;  ///< a success body lacks its first required member (else is null)
  bool success_undocumented_status = false;   ///< valid requests get a 2xx the operation does not document

  [[nodiscard]] bool any() const noexcept;
  /// True when a server with these defects would not report the violation.
  [[nodiscard]] bool ignores(const Violation& violation, std::span<const std::string> credential_headers) const;
};

/// Parses defect names (see defect_catalog()). Returns false with `error` naming the first unknown one.
[[nodiscard]] bool parse_defects(std::span<const std::string> names, MockDefects& out, std::string& error);

}  // namespace reqprobe::replay
