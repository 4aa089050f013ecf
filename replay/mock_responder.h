// What the mock answers to one request: the validator's verdict mapped to SPEC.md's responses (error_response.h),
// bent by the mock's defects. No I/O here, so every answer can be tested without a socket.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http1_parser.h"
#include "mock_defects.h"
#include "reqprobe/validator.h"

namespace reqprobe::replay {

/// How the mock reacts to one request.
/// What the mock sends for one documented response of an OpenAPI document: the first JSON media type (else the
/// first one), a body valid against its schema (made by the generator's value synthesiser, checked by the
/// validator), and a value for every header the response requires.
struct DocumentedBody {
  std::string content_type;   ///< empty: no body documented
  std::string extra_headers;  ///< "\r\nName: value" per required header
  std::string body;
  std::string broken_body;  ///< the body without its first required member (else `null`): a defect's
};

/// Per operation: its success status, a 2xx it does not document (a defect's), and each documented response's body
/// (aligned with Operation::responses).
struct OperationAnswers {
  int status = 200;
  int undocumented_status = 202;
  std::vector<DocumentedBody> responses;
};

struct MockAnswer {
  enum class Action {
    answer,          ///< send status, headers and body after `delay`
    close,           ///< reset the connection without answering
    hang_then_close  ///< send nothing for `delay`, then reset the connection
  };
  Action action = Action::answer;
  int status = 200;
  std::string error_code;  ///< empty: no body (200)
  std::string error_msg;
  int retry_after_seconds = 0;  ///< > 0: a Retry-After header (429)
  /// The OpenAPI profile's error body (RFC 9457 problem+json) instead of {"error_code","error_msg"}.
  bool problem = false;
  /// A documented response's answer (the OpenAPI profile): its Content-Type, fields and body, owned by the
  /// responder. Successes always; errors when the document gives the status a JSON body (else `problem`).
  std::string_view documented_content_type;
  std::string_view documented_headers;
  std::string_view documented_body;
  std::chrono::milliseconds delay{0};
};

/// Timings of the defects that wait.
struct MockTimings {
  std::chrono::milliseconds slow{200};   ///< slow-answers
  std::chrono::milliseconds hang{2000};  ///< hang-on-deep-nesting (then the connection is closed)
};

/// Bodies nested deeper than this make hang-on-deep-nesting hang: far beyond any valid HSS body (depth 3).
inline constexpr int kDeepNesting = 16;

/// Decides answers. Thread-safe: the caller passes the Validator of its own thread.
class MockResponder {
 public:
  /// `served`: the operations (indices into the plan's) the mock serves, the others answered 404 as if the
  /// document lacked them (--operation and the other selection options); empty: every operation.
  MockResponder(std::shared_ptr<const Contract> contract, MockDefects defects, MockTimings timings = {},
                std::vector<std::uint32_t> served = {});

  /// The answer to `request`. `sequence` numbers requests from 0 in arrival order (flaky-connections uses it).
  [[nodiscard]] MockAnswer answer(Validator& validator, const Request& request, std::uint64_t sequence) const;

  [[nodiscard]] const MockDefects& defects() const noexcept { return defects_; }
  /// The error code the exact profile gives a body that is not JSON (HSS: HSS.0002); refusals of framing use it.
  [[nodiscard]] const std::string& unparsable_code() const noexcept { return unparsable_code_; }
  [[nodiscard]] const std::shared_ptr<const Contract>& contract() const noexcept { return contract_; }

 private:
  [[nodiscard]] bool in_rate_limit_storm() const;
  void put_success(MockAnswer& answer, std::optional<std::size_t> operation) const;
  /// The documented body of the response `status` selects; false when there is none with a body.
  bool put_documented(MockAnswer& answer, std::size_t operation, int status) const;

  std::shared_ptr<const Contract> contract_;
  MockDefects defects_;
  MockTimings timings_;
  std::vector<std::string> credential_headers_;
  std::vector<OperationAnswers> answers_;  ///< per operation
  std::vector<bool> served_;
  std::string unparsable_code_;                            ///< per operation; empty: all
  mutable std::atomic<std::int64_t> first_request_ns_{0};  ///< rate-limit-storm starts with the first request
};

/// The answer to a request refused before validation (http1_parser.h's refusals, and the server's timeouts and
/// connection cap). Every one carries the documented error body and ends the connection.
struct RefusalAnswer {
  int status = 400;
  std::string error_code;
  std::string error_msg;
  int retry_after_seconds = 0;
};

/// body_too_large: 400 HSS.0002, the answer the validator's `limit` at body gets (SPEC.md's table), so replay's
/// expectation and the mock agree; malformed framing: 400 HSS.0002; a head over the limit: 431; an unknown
/// transfer coding: 501; HTTP/2+: 505 (all HSS.0002, saying what is wrong); a timeout: 408; the connection cap:
/// 503 APIGW.0308 with Retry-After: 1.
[[nodiscard]] RefusalAnswer refusal_answer(Refusal refusal, std::string_view message, std::string_view unparsable_code);

/// The mock's own throttling answer (rate-limit-storm, the connection cap): APIG's code. No contract states
/// throttling, so this is the simulator's choice, not an answer rule.
inline constexpr std::string_view kThrottledCode = "APIGW.0308";

/// Deepest nesting of arrays and objects in `body`, outside strings (root container = 1). Not a parser: it only
/// needs to be right for well-formed bodies and bounded for any bytes.
[[nodiscard]] int nesting_depth(std::string_view body) noexcept;

/// True when `body` has a `null` literal outside strings (the error-500-on-null defect). Like nesting_depth(), a
/// scan, not a parser.
[[nodiscard]] bool has_null_value(std::string_view body) noexcept;

}  // namespace reqprobe::replay
