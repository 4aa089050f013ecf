#include "mock_responder.h"

#include <algorithm>

#include "error_response.h"
#include "response_check.h"
#include "value_synth.h"

namespace reqprobe::replay {
namespace {

using Clock = std::chrono::steady_clock;

// "code location pointer: message", the violation as the validator reports it.
std::string detail(const Violation& v) {
  std::string text = std::string(code_name(v.code)) + " " + std::string(location_name(v.location));
  if (!v.pointer.empty()) text += " " + v.pointer;
  if (!v.message.empty()) text += ": " + v.message;
  return text;
}

// The message of an error answer: it describes the violation that chose the answer (deciding_violation()), never
// one of a weaker class that merely came first, and never quotes a credential header's value. The wording is APIG's
// and HSS's (the mock plays that service): a gateway's 404 and 401, "cannot be parsed" for a body that is not JSON.
std::string describe(const ExactAnswers& answers, const std::vector<Violation>& errors,
                     const ExpectedResponse& response, std::span<const std::string> credential_headers) {
  const Violation* deciding = deciding_violation(answers, errors, credential_headers);
  if (deciding == nullptr) return "invalid request";
  switch (response.status) {
    case 404:  // APIG's own wording, then what made the request unroutable
      return "The API does not exist or has not been published in the environment (" + detail(*deciding) + ")";
    case 401: {  // APIG's details, which name the header and never its value
      const std::string header = credential_headers.empty() ? "token" : credential_headers.front();
      return deciding->code == Code::required ? header + " not found" : "decrypt token fail";
    }
    default:
      break;
  }
  const bool unparsable = deciding->code == Code::syntax || deciding->code == Code::limit ||
                          (deciding->code == Code::encoding && deciding->location == Location::body);
  if (unparsable)
    return (deciding->location == Location::body ? "the request body cannot be parsed: "
                                                 : "the request cannot be parsed: ") +
           detail(*deciding);
  return "invalid parameter: " + detail(*deciding);
}

}  // namespace

RefusalAnswer refusal_answer(Refusal refusal, std::string_view message, std::string_view unparsable_code) {
  const std::string text(message);
  const std::string code(unparsable_code);
  switch (refusal) {
    case Refusal::body_too_large:  // what the validator's `limit` at body gets, so replay's expectation holds
      return {400, code, "the request body cannot be parsed: limit body: " + text};
    case Refusal::malformed:
      return {400, code, "the request cannot be parsed: " + text};
    case Refusal::head_too_large:
      return {431, code, "the request cannot be parsed: " + text};
    case Refusal::not_implemented:
      return {501, code, "the request cannot be parsed: " + text};
    case Refusal::version:
      return {505, code, "the request cannot be parsed: " + text};
    case Refusal::timeout:
      return {408, code, text};
    case Refusal::busy:
      return {503, std::string(kThrottledCode), text, 1};
  }
  return {400, code, text};
}

namespace {

// Calls visit(i) for each byte of `body` outside JSON strings (escapes followed) until it returns true. Not a
// parser: right for well-formed bodies, bounded for any bytes.
template <class Visit>
void outside_strings(std::string_view body, Visit&& visit) {
  bool in_string = false, escaped = false;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (visit(i)) {
      return;
    }
  }
}

}  // namespace

int nesting_depth(std::string_view body) noexcept {
  int depth = 0, deepest = 0;
  outside_strings(body, [&](std::size_t i) {
    if (body[i] == '[' || body[i] == '{') deepest = std::max(deepest, ++depth);
    if ((body[i] == ']' || body[i] == '}') && depth > 0) --depth;
    return false;
  });
  return deepest;
}

bool has_null_value(std::string_view body) noexcept {
  bool found = false;
  outside_strings(body, [&](std::size_t i) { return found = body[i] == 'n' && body.substr(i, 4) == "null"; });
  return found;
}

namespace {

// The JSON value synthesised for a node, as header text: a string without escapes unquoted, anything else as written.
std::string header_text(const std::string& json) {
  if (json.size() >= 2 && json.front() == '"' && json.back() == '"' && json.find('\\') == std::string::npos)
    return json.substr(1, json.size() - 2);
  return json;
}

// The body without the first member its schema requires: what a server that forgets a field sends.
std::string without_required_member(const Plan& plan, std::uint32_t node, const gen::Json& value) {
  if (value.kind != gen::Json::Kind::object || node >= plan.nodes.size() || plan.nodes[node].required_count == 0)
    return "null";
  const SchemaNode& schema = plan.nodes[node];
  gen::Json copy = value;
  copy.erase(plan.properties[plan.lists[schema.required_begin]].name);
  return copy.dump();
}

DocumentedBody documented_body(const Plan& plan, const Response& response, gen::ValueSynth& synth) {
  DocumentedBody out;
  for (const Response::Header& header : response.headers) {
    if (!header.required || header.name == "content-type") continue;
    const std::optional<gen::Json> value = synth.valid(header.node == kNone ? kAny : header.node);
    out.extra_headers += "\r\n" + header.name + ": " + (value ? header_text(value->dump()) : std::string("1"));
  }
  if (response.content.empty()) return out;
  // A JSON media type first (a range that admits application/json counts as it), else the first one.
  const auto json = [](const std::string& type) {
    return media_type_matches(type, "application/json") || type.find("+json") != std::string::npos;
  };
  const Response::Media* chosen = &response.content.front();
  for (const Response::Media& media : response.content)
    if (json(media.media_type)) {
      chosen = &media;
      break;
    }
  const bool range = chosen->media_type.find('*') != std::string::npos;
  if (json(chosen->media_type)) {
    out.content_type = range ? std::string("application/json") : chosen->media_type;
    const std::uint32_t node = chosen->node == kNone ? kAny : chosen->node;
    const std::optional<gen::Json> value = synth.valid(node);
    out.body = value ? value->dump() : std::string("{}");
    out.broken_body = value ? without_required_member(plan, node, *value) : std::string("null");
  } else {
    out.content_type = range ? std::string("application/octet-stream") : chosen->media_type;
    out.body = "ok";
  }
  return out;
}

OperationAnswers operation_answers(const Plan& plan, std::size_t operation, gen::ValueSynth& synth) {
  OperationAnswers answers;
  const Operation& op = plan.operations[operation];
  answers.status = expected_answer(plan, operation, {}, {}).status;
  for (const int status : {202, 203, 206, 299})
    if (documented_response(op, status) == nullptr || op.responses.empty()) {
      answers.undocumented_status = status;
      break;
    }
  for (const Response& response : op.responses) answers.responses.push_back(documented_body(plan, response, synth));
  return answers;
}

}  // namespace

MockResponder::MockResponder(std::shared_ptr<const Contract> contract, MockDefects defects, MockTimings timings,
                             std::vector<std::uint32_t> served)
    : contract_(std::move(contract)),
      defects_(std::move(defects)),
      timings_(timings),
      credential_headers_(credential_headers(contract_->plan())) {
  const Plan& plan = contract_->plan();
  // The code the document's exact rules give a body that is not JSON: framing errors are answered so too.
  const Violation syntax{Code::syntax, Location::body, Severity::error, "", ""};
  unparsable_code_ = expected_response(plan.exact_answers, std::span(&syntax, 1), credential_headers_).error_code;
  if (!served.empty()) {
    served_.assign(plan.operations.size(), false);
    for (const std::uint32_t i : served)
      if (i < served_.size()) served_[i] = true;
  }
  if (plan.answer_profile != AnswerProfile::openapi) return;
  gen::ValueSynth synth(contract_, Limits{});
  answers_.reserve(plan.operations.size());
  for (std::size_t i = 0; i < plan.operations.size(); ++i) answers_.push_back(operation_answers(plan, i, synth));
}

bool MockResponder::in_rate_limit_storm() const {
  const std::int64_t now =
      std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
  std::int64_t first = 0;
  if (first_request_ns_.compare_exchange_strong(first, now)) return true;
  return now - first < 1'000'000'000;
}

bool MockResponder::put_documented(MockAnswer& answer, std::size_t operation, int status) const {
  if (operation >= answers_.size()) return false;
  const Operation& op = contract_->plan().operations[operation];
  const Response* response = documented_response(op, status);
  if (response == nullptr) return false;
  const DocumentedBody& documented =
      answers_[operation].responses[static_cast<std::size_t>(response - op.responses.data())];
  answer.documented_headers = documented.extra_headers;
  answer.documented_content_type = documented.content_type;
  answer.documented_body = documented.body;
  return !documented.body.empty();
}

// A valid request's answer: the documented success, or what a success defect makes of it.
void MockResponder::put_success(MockAnswer& answer, std::optional<std::size_t> operation) const {
  if (!operation || *operation >= answers_.size()) return;
  const OperationAnswers& answers = answers_[*operation];
  answer.status = defects_.success_undocumented_status ? answers.undocumented_status : answers.status;
  (void)put_documented(answer, *operation, answers.status);
  if (defects_.success_wrong_content_type && !answer.documented_content_type.empty())
    answer.documented_content_type = "text/plain";
  if (defects_.success_drop_required_member) {
    const Response* response = documented_response(contract_->plan().operations[*operation], answers.status);
    if (response != nullptr) {
      const std::size_t index =
          static_cast<std::size_t>(response - contract_->plan().operations[*operation].responses.data());
      const std::string& broken = answers.responses[index].broken_body;
      if (!broken.empty()) answer.documented_body = broken;
    }
  }
}

MockAnswer MockResponder::answer(Validator& validator, const Request& request, std::uint64_t sequence) const {
  MockAnswer answer;
  if (!served_.empty()) {  // an operation left out of the selection is absent: 404, as for an unknown path
    const std::optional<std::size_t> operation = validator.route(request.method, request.target);
    if (operation && *operation < served_.size() && !served_[*operation]) {
      answer.status = 404;
      const std::string why = "this operation is not served (the mock was started with a selection)";
      if (contract_->plan().answer_profile == AnswerProfile::openapi) {
        answer.problem = true;
        answer.error_msg = why;
      } else {
        answer.error_code = "APIGW.0101";
        answer.error_msg = "The API does not exist or has not been published in the environment (" + why + ")";
      }
      return answer;
    }
  }
  if (defects_.slow_answers) answer.delay = timings_.slow;
  // The fast path for valid requests: fail-fast, no report, no allocation (and on a large valid body about three
  // times cheaper than the exhaustive pass, which only invalid requests need).
  if (!defects_.any() && validator.is_valid(request)) {
    if (contract_->plan().answer_profile == AnswerProfile::openapi)
      put_success(answer, validator.route(request.method, request.target));
    return answer;
  }

  if (defects_.flaky_connections && sequence % 5 == 4) {
    answer.action = MockAnswer::Action::close;
    return answer;
  }
  if (defects_.rate_limit_storm && in_rate_limit_storm()) {
    answer.status = 429;
    answer.error_code = std::string(kThrottledCode);
    answer.error_msg = "The throttling threshold has been reached";
    answer.retry_after_seconds = 1;
    return answer;
  }
  if (defects_.error_500_on_null && request.body && has_null_value(*request.body)) {
    answer.status = 500;
    answer.error_code = "HSS.9999";  // the OpenAPI profile's mock answers problem+json instead
    answer.problem = contract_->plan().answer_profile == AnswerProfile::openapi;
    answer.error_msg = "internal server error (a null value)";
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
  const Plan& plan = contract_->plan();
  if (plan.answer_profile == AnswerProfile::openapi) {
    const ExpectedResponse response =
        expected_answer(plan, validator.route(request.method, request.target), errors, credential_headers_);
    answer.status = response.status;
    if (!response.success()) {
      // The document's own error body for that status when it gives one (JSON), else RFC 9457 problem details.
      const std::optional<std::size_t> operation = validator.route(request.method, request.target);
      answer.problem = !operation || !put_documented(answer, *operation, response.status) ||
                       answer.documented_content_type.find("json") == std::string::npos;
      answer.error_msg = errors.empty() ? std::string("the request is invalid") : errors.front().message;
    } else {
      put_success(answer, validator.route(request.method, request.target));
    }
    return answer;
  }
  const ExpectedResponse response = expected_response(plan.exact_answers, errors, credential_headers_);
  answer.status = response.status;
  answer.error_code = response.error_code;
  if (!response.success()) answer.error_msg = describe(plan.exact_answers, errors, response, credential_headers_);
  return answer;
}

}  // namespace reqprobe::replay
