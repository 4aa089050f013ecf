#include "mock_responder.h"

#include <algorithm>

#include "error_response.h"

namespace reqprobe::replay {
namespace {

using Clock = std::chrono::steady_clock;

// The detail of the error a class of violations gets, never quoting a credential header's value.
std::string describe_first(const std::vector<Violation>& errors, const ExpectedResponse& response,
                           std::span<const std::string> credential_headers) {
  if (response.status == 404) return "The API does not exist or has not been published in the environment";
  if (response.status == 401) {
    const bool missing = std::any_of(errors.begin(), errors.end(), [&](const Violation& v) {
      return v.code == Code::required && on_credential_header(v, credential_headers);
    });
    const std::string header = credential_headers.empty() ? "token" : credential_headers.front();
    return missing ? header + " not found" : "decrypt token fail";
  }
  for (const Violation& v : errors) {
    if (on_credential_header(v, credential_headers)) continue;
    std::string text =
        response.error_code == "HSS.0002" ? "the request body cannot be parsed: " : "invalid parameter: ";
    text += std::string(code_name(v.code)) + " " + std::string(location_name(v.location));
    if (!v.pointer.empty()) text += " " + v.pointer;
    if (!v.message.empty()) text += ": " + v.message;
    return text;
  }
  return "invalid request";
}

}  // namespace

int nesting_depth(std::string_view body) noexcept {
  int depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (const char c : body) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

MockResponder::MockResponder(std::shared_ptr<const Contract> contract, MockDefects defects, MockTimings timings)
    : contract_(std::move(contract)),
      defects_(std::move(defects)),
      timings_(timings),
      credential_headers_(credential_headers(contract_->plan())) {}

bool MockResponder::in_rate_limit_storm() const {
  const std::int64_t now =
      std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
  std::int64_t first = 0;
  if (first_request_ns_.compare_exchange_strong(first, now)) return true;
  return now - first < 1'000'000'000;
}

MockAnswer MockResponder::answer(Validator& validator, const Request& request, std::uint64_t sequence) const {
  MockAnswer answer;
  if (defects_.slow_answers) answer.delay = timings_.slow;
  // The fast path for valid requests: fail-fast, no report, no allocation (and on a large valid body about three
  // times cheaper than the exhaustive pass, which only invalid requests need).
  if (!defects_.any() && validator.is_valid(request)) return answer;

  if (defects_.flaky_connections && sequence % 5 == 4) {
    answer.action = MockAnswer::Action::close;
    return answer;
  }
  if (defects_.rate_limit_storm && in_rate_limit_storm()) {
    answer.status = 429;
    answer.error_code = "APIGW.0308";
    answer.error_msg = "The throttling threshold has been reached";
    answer.retry_after_seconds = 1;
    return answer;
  }
  if (defects_.hang_on_deep_nesting && request.body && nesting_depth(*request.body) > kDeepNesting) {
    answer.action = MockAnswer::Action::hang_then_close;
    answer.delay = timings_.hang;
    return answer;
  }

  Report report = validator.validate(request);
  std::vector<Violation> errors;
  for (Violation& v : report.violations)
    if (v.severity == Severity::error && !defects_.ignores(v, credential_headers_)) errors.push_back(std::move(v));

  const auto has = [&](Code code) {
    return std::any_of(errors.begin(), errors.end(), [&](const Violation& v) { return v.code == code; });
  };
  if (defects_.close_on_syntax_error && has(Code::syntax)) {
    answer.action = MockAnswer::Action::close;
    return answer;
  }
  if (defects_.error_500_on_long_strings && has(Code::max_length)) {
    answer.status = 500;
    answer.error_code = "HSS.9999";
    answer.error_msg = "internal server error";
    return answer;
  }
  const ExpectedResponse response = expected_response(errors, credential_headers_);
  answer.status = response.status;
  answer.error_code = response.error_code;
  if (!response.success()) answer.error_msg = describe_first(errors, response, credential_headers_);
  return answer;
}

}  // namespace reqprobe::replay
