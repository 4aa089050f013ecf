// How an endpoint's answer to one case compares with what the contract requires.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "http_client.h"
#include "prepared_case.h"

namespace reqprobe::replay {

enum class Outcome : std::uint8_t {
  ok,                ///< the answer is the documented one
  accepted_invalid,  ///< 2xx for an invalid case
  rejected_valid,    ///< no 2xx (and no 5xx) for a valid case
  server_error,      ///< 5xx
  wrong_status,      ///< an invalid case refused with a status other than the documented one (not 2xx, not 5xx)
  wrong_error_body,  ///< the documented status, but not the documented error: body, error_code or X-Request-Id
  timeout,           ///< no answer within --timeout-ms
  transport_error,   ///< no answer: refused, reset, closed, TLS failure... after every retry
  not_sent,          ///< HTTP/1.1 cannot carry the case as written (prepared_case.h): never put on the wire
  // The answer against the operation's documented responses (response_check.h); appended, so the earlier outcomes
  // keep their values (and SARIF rule indices).
  undocumented_status,       ///< a 2xx for a valid case that the operation does not document
  content_type_mismatch,     ///< the body's Content-Type is not one the response documents
  response_schema_mismatch,  ///< the JSON body is not valid against the response's schema, or a required header
                             ///< is missing
};
inline constexpr std::size_t kOutcomeCount = 12;

/// Stable names, as in reports: "ok", "accepted-invalid", "rejected-valid", "server-error", "wrong-status",
/// "wrong-error-body", "timeout", "transport-error", "not-sent", "undocumented-status", "content-type-mismatch",
/// "response-schema-mismatch".
[[nodiscard]] std::string_view outcome_name(Outcome outcome) noexcept;
[[nodiscard]] bool outcome_from_name(std::string_view name, Outcome& out) noexcept;
/// Every outcome but `ok` and `not-sent` is a finding: the endpoint did something the contract does not allow.
[[nodiscard]] constexpr bool is_finding(Outcome outcome) noexcept {
  return outcome != Outcome::ok && outcome != Outcome::not_sent;
}
/// The endpoint gave no answer (timeout or transport error): the case is sent again by --resume, and a run of
/// these stops the run (--max-dead).
[[nodiscard]] constexpr bool is_no_answer(Outcome outcome) noexcept {
  return outcome == Outcome::timeout || outcome == Outcome::transport_error;
}

struct Classification {
  Outcome outcome = Outcome::ok;
  std::string detail;      ///< one line: what was expected and what came back
  std::string error_code;  ///< the answer's error_code, when its body had one
};

/// Deepest error body parsed: a documented one has depth 1, and anything much deeper is not an error body.
inline constexpr std::size_t kMaxErrorBodyDepth = 16;

/// Classifies the answer. An invalid case's error must match SPEC.md: the expected status, a JSON object body with
/// string members error_code (the expected one) and error_msg, and an X-Request-Id header. A HEAD answer has no
/// body, so only its status and X-Request-Id are checked.
[[nodiscard]] Classification classify(const PreparedCase& kase, const Exchange& exchange);

/// The outcome of a case that is not sent: `not-sent`, with the reason as the detail.
[[nodiscard]] Classification not_sent(const PreparedCase& kase);

}  // namespace reqprobe::replay
