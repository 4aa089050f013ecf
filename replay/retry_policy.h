// When a send is tried again: connection failures (refused, reset, closed without an answer) with exponential
// backoff, and 429 answers after the Retry-After they carry. Timeouts are not retried: the endpoint may have acted
// on the request, and a slow endpoint would only get slower.
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

  /// The wait before try `attempt` + 1 after a connection failure on try `attempt` (1-based).
  [[nodiscard]] std::chrono::milliseconds backoff_after(int attempt) const noexcept;
};

/// Parses a Retry-After value: delay-seconds, or an HTTP-date (RFC 9110 10.2.3) measured from now. nullopt when it
/// is neither. Past dates give zero.
[[nodiscard]] std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value);

}  // namespace reqprobe::replay
