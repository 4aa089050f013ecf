// What the real service answers (shared/SPEC.md), derived from a validation report. The mock answers with it, and
// replay compares an endpoint's answer with it, so both sides judge a request by the same rule.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "reqprobe/plan.h"
#include "reqprobe/violation.h"

namespace reqprobe::replay {

/// The documented answer to one request: 200 without a body, or an error status with its error_code.
struct ExpectedResponse {
  int status = 200;
  std::string error_code;  ///< empty for 200
  [[nodiscard]] bool success() const noexcept { return status == 200; }
  /// "200", or e.g. "400 HSS.0001".
  [[nodiscard]] std::string describe() const;
};

/// Lowercased names of the headers that carry credentials: the headers an AK/SK alternative replaces
/// (x-auth-token in the HSS contract). A violation on one of them is an authentication failure, not a bad
/// parameter.
[[nodiscard]] std::vector<std::string> credential_headers(const Plan& plan);

/// Which answer a single error calls for, strongest first (a warning calls for none).
enum class AnswerClass { not_found, unauthorized, unparsable, invalid, none };

/// The class of one violation: 404 for an error at `request` with code path, method or encoding; 401 for any error
/// on a credential header; HSS.0002 for syntax, limit (anywhere) or encoding in the body; HSS.0001 for any other
/// error; none for a warning.
[[nodiscard]] AnswerClass answer_class(const Violation& violation, std::span<const std::string> credential_headers);

/// The answer per SPEC.md, by precedence (an API gateway routes first, then authenticates, then the service parses
/// the body, then checks parameters), so the order of violations never matters:
///   1. 404 APIGW.0101: an error at location `request` with code path, method or encoding (nothing routable);
///   2. 401 APIGW.0301: any error on a credential header (missing, empty, too long, repeated...);
///   3. 400 HSS.0002:   the body cannot be parsed: syntax, limit (anywhere), or encoding in the body;
///   4. 400 HSS.0001:   any other error (field, parameter, rule, content type);
///   5. 200:            no error (warnings never change the answer).
[[nodiscard]] ExpectedResponse expected_response(std::span<const Violation> violations,
                                                 std::span<const std::string> credential_headers);

/// The violation that chose expected_response(): the first of the strongest class present, so an error message can
/// describe the reason for the answer rather than whatever came first. Null when there is no error.
[[nodiscard]] const Violation* deciding_violation(std::span<const Violation> violations,
                                                  std::span<const std::string> credential_headers);

/// True when the violation is an error on one of the credential headers.
[[nodiscard]] bool on_credential_header(const Violation& violation, std::span<const std::string> credential_headers);

/// The documented error body, {"error_code":"...","error_msg":"..."}, compact. The message is made valid UTF-8.
[[nodiscard]] std::string error_body(std::string_view error_code, std::string_view error_msg);

}  // namespace reqprobe::replay
