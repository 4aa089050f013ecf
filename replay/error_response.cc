#include "error_response.h"

#include <algorithm>

#include "report_escape.h"

namespace reqprobe::replay {

bool ExpectedResponse::status_fits(int got) const noexcept {
  if (exact) return got == status;
  if (either) return (got >= 200 && got < 300) || (got >= 400 && got < 500);
  if (success()) return got >= 200 && got < 300;
  if (allowed.empty()) return got >= 400 && got < 500;
  return std::find(allowed.begin(), allowed.end(), got) != allowed.end();
}

std::string ExpectedResponse::describe() const {
  if (exact) return error_code.empty() ? std::to_string(status) : std::to_string(status) + " " + error_code;
  if (either) return "a 2xx or a 4xx (past reqprobe's own limits)";
  if (success()) return "a 2xx";
  if (allowed.empty()) return "a 4xx";
  std::string out = "one of";
  for (std::size_t i = 0; i < allowed.size(); ++i) out += (i ? ", " : " ") + std::to_string(allowed[i]);
  return out;
}

std::vector<std::string> credential_headers(const Plan& plan) {
  std::vector<std::string> names;
  for (const Operation& operation : plan.operations)
    for (const AuthAlternative& alternative : operation.auth_alternatives)
      if (std::find(names.begin(), names.end(), alternative.replaces) == names.end())
        names.push_back(alternative.replaces);
  return names;
}

bool on_credential_header(const Violation& violation, std::span<const std::string> credential_headers) {
  return violation.severity == Severity::error && violation.location == Location::header &&
         std::find(credential_headers.begin(), credential_headers.end(), violation.pointer) != credential_headers.end();
}

std::size_t answer_rule(const ExactAnswers& answers, const Violation& v,
                        std::span<const std::string> credential_headers) {
  if (v.severity != Severity::error) return std::string::npos;
  for (std::size_t i = 0; i < answers.rules.size(); ++i)
    for (const ExactAnswers::Match& m : answers.rules[i].when) {
      if (m.credential && !on_credential_header(v, credential_headers)) continue;
      if (!m.any_location && m.location != v.location) continue;
      if (!m.codes.empty() && std::find(m.codes.begin(), m.codes.end(), v.code) == m.codes.end()) continue;
      return i;
    }
  return std::string::npos;
}

const Violation* deciding_violation(const ExactAnswers& answers, std::span<const Violation> violations,
                                    std::span<const std::string> credential_headers) {
  const Violation* deciding = nullptr;
  std::size_t strongest = std::string::npos;
  for (const Violation& v : violations) {
    const std::size_t rule = answer_rule(answers, v, credential_headers);
    if (rule < strongest) {  // strictly earlier: the first violation each rule takes is kept
      strongest = rule;
      deciding = &v;
    }
  }
  return deciding;
}

ExpectedResponse expected_response(const ExactAnswers& answers, std::span<const Violation> violations,
                                   std::span<const std::string> credential_headers) {
  ExpectedResponse r;
  r.code_member = answers.code_member;
  r.message_member = answers.message_member;
  r.request_id_header = answers.request_id_header;
  const Violation* deciding = deciding_violation(answers, violations, credential_headers);
  if (deciding == nullptr) return r;
  r.deciding = *deciding;
  r.has_deciding = true;
  const ExactAnswers::Rule& rule = answers.rules[answer_rule(answers, *deciding, credential_headers)];
  r.status = rule.status;
  r.error_code = rule.error_code;
  return r;
}

namespace {

std::string_view reason_phrase(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 409:
      return "Conflict";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    default:
      return status >= 400 && status < 500 ? "Client Error" : "Error";
  }
}

// A violation the operation's security requirements reported: at the place of one of its schemes' credentials.
bool on_credential(const Plan& plan, const Operation& op, const Violation& v) {
  for (const auto& alternative : op.security)
    for (const std::uint32_t s : alternative)
      if (s < plan.schemes.size() && plan.schemes[s].in == v.location && plan.schemes[s].name == v.pointer) return true;
  return false;
}

}  // namespace

ExpectedResponse expected_answer(const Plan& plan, std::optional<std::size_t> operation,
                                 std::span<const Violation> violations, std::span<const std::string> credential_headers,
                                 const StatusOverrides* overrides) {
  if (plan.answer_profile == AnswerProfile::exact)
    return expected_response(plan.exact_answers, violations, credential_headers);
  ExpectedResponse r;
  r.exact = false;
  const Operation* op = operation && *operation < plan.operations.size() ? &plan.operations[*operation] : nullptr;
  const Violation* first = nullptr;
  for (const Violation& v : violations) {
    if (v.severity != Severity::error) continue;
    // The precedence of a server: routing, then credentials, then the media type, then the rest.
    const auto rank = [&](const Violation& x) {
      if (x.location == Location::request && (x.code == Code::path || x.code == Code::method)) return 0;
      if (op != nullptr && on_credential(plan, *op, x)) return 1;
      if (x.code == Code::content_type) return 2;
      return 3;
    };
    if (first == nullptr || rank(v) < rank(*first)) first = &v;
  }
  if (first == nullptr) {  // valid: the lowest documented 2xx (the mock answers it), any 2xx passes
    r.status = 200;
    int lowest = 0;
    if (op != nullptr)
      for (const Response& response : op->responses)
        if (response.status.size() == 3 && response.status[0] == '2' && response.status != "2XX") {
          const int code = std::stoi(response.status);
          if (lowest == 0 || code < lowest) lowest = code;
        }
    if (lowest != 0) r.status = lowest;
    return r;
  }
  r.deciding = *first;
  r.has_deciding = true;
  r.either = std::all_of(violations.begin(), violations.end(),
                         [](const Violation& v) { return v.severity != Severity::error || v.code == Code::limit; });
  bool any_4xx = op == nullptr;
  if (op != nullptr) {
    for (const Response& response : op->responses) {
      if (response.status == "default" || response.status == "4XX") any_4xx = true;
      if (response.status.size() == 3 && response.status[0] == '4' && response.status != "4XX")
        r.allowed.push_back(std::stoi(response.status));
    }
    if (r.allowed.empty()) any_4xx = true;
  }
  if (any_4xx) r.allowed.clear();
  std::sort(r.allowed.begin(), r.allowed.end());
  // The mock's pick: the usual status for the first error's class, or the closest one the operation documents.
  int usual = 400;
  std::vector<int> preferred = {400, 422};
  if (first->location == Location::request && first->code == Code::method) {
    usual = 405;
  } else if (first->location == Location::request && first->code == Code::path) {
    usual = 404;
  } else if (op != nullptr && on_credential(plan, *op, *first)) {
    usual = 401;
    preferred = {401, 403};
  } else if (first->code == Code::content_type) {
    usual = 415;
    preferred = {415, 400};
  }
  if (overrides != nullptr) {  // the user's statuses for this class of violation, where the file sets them
    if (const std::vector<int>* statuses = overrides->find(op != nullptr ? operation_name(*op) : "", first->code)) {
      r.allowed = *statuses;
      std::sort(r.allowed.begin(), r.allowed.end());
      r.status = statuses->front();
      r.either = false;
      return r;
    }
  }
  r.status = usual;
  if (!r.allowed.empty() && !r.status_fits(usual)) {
    r.status = r.allowed.front();
    for (const int p : preferred)
      if (r.status_fits(p)) {
        r.status = p;
        break;
      }
  }
  return r;
}

std::string problem_body(int status, std::string_view detail) {
  std::string body = "{\"type\":\"about:blank\",\"title\":";
  body += json_quote(reason_phrase(status));
  body += ",\"status\":" + std::to_string(status) + ",\"detail\":";
  body += json_quote(detail);
  body += '}';
  return body;
}

std::string error_body(const ExactAnswers& answers, std::string_view error_code, std::string_view error_msg) {
  std::string body = "{" + json_quote(answers.code_member) + ":";
  body += json_quote(error_code);
  body += "," + json_quote(answers.message_member) + ":";
  body += json_quote(error_msg);
  body += '}';
  return body;
}

}  // namespace reqprobe::replay
