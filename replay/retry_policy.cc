#include "retry_policy.h"

#include <curl/curl.h>

#include <algorithm>
#include <charconv>
#include <ctime>
#include <string>

namespace reqprobe::replay {

std::chrono::milliseconds RetryPolicy::backoff_after(int attempt) const noexcept {
  const int doublings = std::clamp(attempt - 1, 0, 20);
  const auto wait = backoff * (std::int64_t{1} << doublings);
  return std::min<std::chrono::milliseconds>(wait, max_backoff);
}

bool is_idempotent(std::string_view method) noexcept {
  for (const std::string_view idempotent : {"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"})
    if (method == idempotent) return true;
  return false;
}

bool should_retry(const RetryPolicy& policy, SendFailure failure, std::string_view method) noexcept {
  switch (failure) {
    case SendFailure::not_sent:
      return true;
    case SendFailure::maybe_sent:
      return policy.after_send || is_idempotent(method);
    case SendFailure::final:
      break;
  }
  return false;
}

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  long long seconds = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec == std::errc() && end == value.data() + value.size()) {
    if (seconds < 0) return std::nullopt;
    return std::chrono::milliseconds(std::min<long long>(seconds, 365LL * 24 * 3600) * 1000);
  }
  const std::string text(value);
  const time_t when = curl_getdate(text.c_str(), nullptr);
  if (when == -1) return std::nullopt;
  const time_t now = std::time(nullptr);
  return std::chrono::milliseconds(when > now ? static_cast<long long>(when - now) * 1000 : 0);
}

}  // namespace reqprobe::replay
