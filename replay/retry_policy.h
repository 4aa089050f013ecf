// When a send is tried again. A request is retried only when the endpoint certainly did not act on it: the
// connection could not be made (nothing was sent), or a 429 answer refused it (then after the Retry-After it
// carries). After a failure that may have come after the request was sent (a reset, a connection closed without an
// answer) only idempotent methods are retried, unless the user asks for it (--retry-after-send): a POST retried
// there may create a second scan task. Timeouts are never retried: the endpoint may have acted on the request, and
// a slow endpoint would only get slower.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace reqprobe::replay {

struct RetryPolicy {
  int retries = 3;                              ///< tries after the first
  std::chrono::milliseconds backoff{100};       ///< first wait after a connection failure; doubles each time
  std::chrono::milliseconds max_backoff{5000};  ///< cap on one backoff wait
  std::chrono::seconds max_retry_after{60};     ///< cap on a Retry-After wait
  bool after_send = false;                      ///< also retry non-idempotent methods after a maybe-sent failure

  /// The wait before try `attempt` + 1 after a connection failure on try `attempt` (1-based).
  [[nodiscard]] std::chrono::milliseconds backoff_after(int attempt) const noexcept;
};

/// What a failed try tells about the request.
enum class SendFailure {
  not_sent,    ///< the connection could not be made: the endpoint never saw the request
  maybe_sent,  ///< sent in part or whole, then reset or closed without an answer
  final,       ///< not worth another try (a timeout, a TLS or protocol error, a bad URL...)
};

/// True for the methods RFC 9110 9.2.2 defines as idempotent: GET, HEAD, OPTIONS, TRACE, PUT, DELETE (methods are
/// case-sensitive, so "get" is not one of them).
[[nodiscard]] bool is_idempotent(std::string_view method) noexcept;

/// Whether a try that failed so is tried again (retries left aside).
[[nodiscard]] bool should_retry(const RetryPolicy& policy, SendFailure failure, std::string_view method) noexcept;

/// Parses a Retry-After value: delay-seconds, or an HTTP-date (RFC 9110 10.2.3) measured from now. nullopt when it
/// is neither. Past dates give zero.
[[nodiscard]] std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value);

}  // namespace reqprobe::replay
