#include "error_response.h"

#include <algorithm>

#include "report_escape.h"

namespace reqprobe::replay {

std::string ExpectedResponse::describe() const {
  return error_code.empty() ? std::to_string(status) : std::to_string(status) + " " + error_code;
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

AnswerClass answer_class(const Violation& v, std::span<const std::string> credential_headers) {
  if (v.severity != Severity::error) return AnswerClass::none;
  if (v.location == Location::request && (v.code == Code::path || v.code == Code::method || v.code == Code::encoding))
    return AnswerClass::not_found;
  if (on_credential_header(v, credential_headers)) return AnswerClass::unauthorized;
  if (v.code == Code::syntax || v.code == Code::limit || (v.code == Code::encoding && v.location == Location::body))
    return AnswerClass::unparsable;
  return AnswerClass::invalid;
}

const Violation* deciding_violation(std::span<const Violation> violations,
                                    std::span<const std::string> credential_headers) {
  const Violation* deciding = nullptr;
  AnswerClass strongest = AnswerClass::none;
  for (const Violation& v : violations) {
    const AnswerClass found = answer_class(v, credential_headers);
    if (found < strongest) {  // strictly stronger: the first violation of each class is kept
      strongest = found;
      deciding = &v;
    }
  }
  return deciding;
}

ExpectedResponse expected_response(std::span<const Violation> violations,
                                   std::span<const std::string> credential_headers) {
  const Violation* deciding = deciding_violation(violations, credential_headers);
  switch (deciding == nullptr ? AnswerClass::none : answer_class(*deciding, credential_headers)) {
    case AnswerClass::not_found:
      return {404, "APIGW.0101"};
    case AnswerClass::unauthorized:
      return {401, "APIGW.0301"};
    case AnswerClass::unparsable:
      return {400, "HSS.0002"};
    case AnswerClass::invalid:
      return {400, "HSS.0001"};
    case AnswerClass::none:
      break;
  }
  return {200, ""};
}

std::string error_body(std::string_view error_code, std::string_view error_msg) {
  std::string body = "{\"error_code\":";
  body += json_quote(error_code);
  body += ",\"error_msg\":";
  body += json_quote(error_msg);
  body += '}';
  return body;
}

}  // namespace reqprobe::replay
