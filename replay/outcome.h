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
  wrong_error,       ///< a 4xx (or other non-2xx) for an invalid case that is not the documented error
  timeout,           ///< no answer within --timeout-ms
  transport_error,   ///< no answer: refused, reset, closed, TLS failure... after every retry
};
inline constexpr std::size_t kOutcomeCount = 7;

/// Stable names, as in reports: "ok", "accepted-invalid", "rejected-valid", "server-error", "wrong-error",
/// "timeout", "transport-error".
[[nodiscard]] std::string_view outcome_name(Outcome outcome) noexcept;
[[nodiscard]] bool outcome_from_name(std::string_view name, Outcome& out) noexcept;
/// Every outcome but `ok` is a finding.
[[nodiscard]] constexpr bool is_finding(Outcome outcome) noexcept {
  return outcome != Outcome::ok;
}

struct Classification {
  Outcome outcome = Outcome::ok;
  std::string detail;      ///< one line: what was expected and what came back
  std::string error_code;  ///< the answer's error_code, when its body had one
};

/// Classifies the answer. An invalid case's error must match SPEC.md: the expected status, a JSON object body with
/// string members error_code (the expected one) and error_msg, and an X-Request-Id header. A HEAD answer has no
/// body, so only its status and X-Request-Id are checked.
[[nodiscard]] Classification classify(const PreparedCase& kase, const Exchange& exchange);

}  // namespace reqprobe::replay
