// What the real service answers (shared/SPEC.md), derived from a validation report. The mock answers with it, and
// replay compares an endpoint's answer with it, so both sides judge a request by the same rule.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "reqprobe/plan.h"
#include "reqprobe/violation.h"
#include "status_overrides.h"

namespace reqprobe::replay {

/// The documented answer to one request. In the exact profile (HSS's): exactly `status` with `error_code` in the
/// document's error body (200 without a body). In the OpenAPI profile (exact false): `status` is the mock's pick,
/// and an endpoint may answer an invalid request with any status in `allowed` (empty: any 4xx) and a valid one with
/// any 2xx.
struct ExpectedResponse {
  int status = 200;
  std::string error_code;         ///< exact profile; empty for 200
  bool exact = true;              ///< false in the OpenAPI profile
  std::vector<int> allowed = {};  ///< OpenAPI profile, invalid requests: the 4xx codes the operation documents
  /// OpenAPI profile: every error reported is past one of reqprobe's own safety limits (Limits: depth, sizes,
  /// counts), which no document states, so accepting it (2xx) and refusing it (4xx) are both right; 5xx or no
  /// answer is not. A limit ends validation, so errors past it are unseen: the caller confirms the request is
  /// otherwise valid (CasePreparer validates it again with the limits lifted) or clears this.
  bool either = false;
  /// Exact profile: the error body's members and the header every error answer carries (ExactAnswers).
  std::string code_member = "error_code";
  std::string message_member = "error_msg";
  std::string request_id_header = {};
  /// The error that chose this answer (the earliest rule's, or the server's precedence in the OpenAPI profile);
  /// code Code::syntax with an empty pointer and `has_deciding` false for a valid request. Fuzz buckets use it.
  Violation deciding = {};
  bool has_deciding = false;
  [[nodiscard]] bool success() const noexcept { return status >= 200 && status < 300; }
  /// True when an endpoint's status is what this expects (the HSS profile also compares the error body).
  [[nodiscard]] bool status_fits(int got) const noexcept;
  /// "200", "400 HSS.0001", "a 4xx", "one of 400, 422", or "a 2xx or a 4xx" (either).
  [[nodiscard]] std::string describe() const;
};

/// Lowercased names of the headers that carry credentials: the headers an AK/SK alternative replaces
/// (x-auth-token in the HSS contract). A violation on one of them is an authentication failure, not a bad
/// parameter.
[[nodiscard]] std::vector<std::string> credential_headers(const Plan& plan);

/// The earliest rule of the exact profile that takes the violation (ExactAnswers::Match: its code and location, or
/// any error on a credential header); npos for a warning or when no rule takes it.
[[nodiscard]] std::size_t answer_rule(const ExactAnswers& answers, const Violation& violation,
                                      std::span<const std::string> credential_headers);

/// The answer the document's exact rules give (HSS's SPEC.md table is written in its document this way), by
/// precedence (an API gateway routes first, then authenticates, then the service parses the body, then checks
/// parameters), so the order of violations never matters: the earliest rule any error takes; 200 with no error
/// (warnings never change the answer).
[[nodiscard]] ExpectedResponse expected_response(const ExactAnswers& answers, std::span<const Violation> violations,
                                                 std::span<const std::string> credential_headers);

/// The violation that chose expected_response(): the first error the earliest rule takes, so an error message can
/// describe the reason for the answer rather than whatever came first. Null when there is no error.
[[nodiscard]] const Violation* deciding_violation(const ExactAnswers& answers, std::span<const Violation> violations,
                                                  std::span<const std::string> credential_headers);

/// The answer in the contract's profile (Plan::answer_profile): the exact profile's expected_response(), or the
/// OpenAPI profile's, from the documented responses of `operation` (the operation the request routes to, if any).
/// `overrides` (--expect-statuses) set the statuses for the deciding violation's code where they name it.
[[nodiscard]] ExpectedResponse expected_answer(const Plan& plan, std::optional<std::size_t> operation,
                                               std::span<const Violation> violations,
                                               std::span<const std::string> credential_headers,
                                               const StatusOverrides* overrides = nullptr);

/// An RFC 9457 problem details body: {"type":"about:blank","title":...,"status":N,"detail":...}, compact.
[[nodiscard]] std::string problem_body(int status, std::string_view detail);

/// True when the violation is an error on one of the credential headers.
[[nodiscard]] bool on_credential_header(const Violation& violation, std::span<const std::string> credential_headers);

/// The documented error body of the exact profile, {"<code member>":"...","<message member>":"..."} (HSS's:
/// {"error_code","error_msg"}), compact. The message is made valid UTF-8.
[[nodiscard]] std::string error_body(const ExactAnswers& answers, std::string_view error_code,
                                     std::string_view error_msg);

}  // namespace reqprobe::replay
