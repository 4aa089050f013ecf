#include "response_check.h"

#include <algorithm>

namespace reqprobe::replay {
namespace {

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

// "type/subtype" of a Content-Type value, lowercased, without parameters and spaces.
std::string bare_media_type(std::string_view value) {
  value = value.substr(0, value.find(';'));
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  return lowercase(value);
}

bool is_json(std::string_view media_type) {
  const std::string_view subtype = media_type.substr(media_type.find('/') + 1);
  return subtype == "json" || (subtype.size() > 5 && subtype.substr(subtype.size() - 5) == "+json");
}

std::string documented_types(const Response& response) {
  std::string out;
  for (const Response::Media& media : response.content) out += (out.empty() ? "" : ", ") + media.media_type;
  return out;
}

std::string documented_statuses(const Operation& operation) {
  std::string out;
  for (const Response& response : operation.responses) out += (out.empty() ? "" : ", ") + response.status;
  return out;
}

}  // namespace

bool media_type_matches(std::string_view documented, std::string_view got) {
  if (documented == got || documented == "*/*") return true;
  const std::size_t slash = documented.find('/'), got_slash = got.find('/');
  if (slash == std::string_view::npos || got_slash == std::string_view::npos) return false;
  if (documented.substr(0, slash) != got.substr(0, got_slash)) return false;
  const std::string_view subtype = documented.substr(slash + 1), got_subtype = got.substr(got_slash + 1);
  if (subtype == "*") return true;
  return subtype.size() > 1 && subtype[0] == '*' && got_subtype.size() >= subtype.size() - 1 &&
         got_subtype.substr(got_subtype.size() - (subtype.size() - 1)) == subtype.substr(1);
}

const Response* documented_response(const Operation& operation, int status) {
  const std::string code = std::to_string(status);
  const std::string range = code.substr(0, 1) + "XX";
  for (const std::string_view wanted : {std::string_view(code), std::string_view(range), std::string_view("default")})
    for (const Response& response : operation.responses)
      if (lowercase(response.status) == lowercase(wanted)) return &response;
  return nullptr;
}

ResponseVerdict check_response(Validator& validator, const PreparedCase& kase, const Exchange& exchange,
                               bool check_errors) {
  ResponseVerdict verdict;
  const int status = exchange.status;
  const bool success = kase.expected_valid && status >= 200 && status < 300;
  const bool error = check_errors && !kase.expected_valid && status >= 400 && status < 500;
  if ((!success && !error) || !kase.operation_index) return verdict;
  const Plan& plan = validator.contract().plan();
  if (*kase.operation_index >= plan.operations.size()) return verdict;
  const Operation& operation = plan.operations[*kase.operation_index];
  if (operation.responses.empty()) return verdict;  // nothing documented: any 2xx is the answer
  const Response* response = documented_response(operation, status);
  if (response == nullptr) {
    // An error status is judged by classify() (a 4xx the operation allows); without a documented response of its
    // own there is no body to hold it to.
    if (!success) return verdict;
    verdict.outcome = Outcome::undocumented_status;
    verdict.detail = "status " + std::to_string(status) +
                     " is not documented for this operation (documented: " + documented_statuses(operation) + ")";
    return verdict;
  }
  for (const Response::Header& header : response->headers) {
    if (!header.required || header.name == "content-type") continue;  // OpenAPI ignores a Content-Type header here
    if (std::find(exchange.header_names.begin(), exchange.header_names.end(), header.name) !=
        exchange.header_names.end())
      continue;
    verdict.outcome = Outcome::response_schema_mismatch;
    verdict.detail = "the " + response->status + " response requires header " + header.name +
                     ", which the answer lacks (/headers/" + header.name + ")";
    return verdict;
  }
  if (kase.method == "HEAD" || response->content.empty()) return verdict;  // no body documented: any body goes
  if (exchange.body.empty()) {
    verdict.outcome = Outcome::content_type_mismatch;
    verdict.detail = "the " + response->status + " response documents a body (" + documented_types(*response) +
                     "), the answer has none";
    return verdict;
  }
  const std::string got = bare_media_type(exchange.content_type);
  const auto media = std::find_if(response->content.begin(), response->content.end(),
                                  [&](const Response::Media& m) { return media_type_matches(m.media_type, got); });
  if (got.empty() || media == response->content.end()) {
    verdict.outcome = Outcome::content_type_mismatch;
    verdict.detail = "Content-Type " + (got.empty() ? std::string("missing") : "'" + got + "'") + ", the " +
                     response->status + " response documents " + documented_types(*response);
    return verdict;
  }
  // The body is judged by what it says it is: a JSON type, against the schema when one is documented. A body cut
  // at Exchange::kMaxBody cannot be judged whole.
  if (media->node == kNone || !is_json(got) || exchange.body.size() >= Exchange::kMaxBody) return verdict;
  const Report report = validator.validate_value(exchange.body, media->node);
  if (report.valid()) return verdict;
  const Violation* first = nullptr;
  std::size_t errors = 0;
  for (const Violation& v : report.violations) {
    // Past reqprobe's own limits (depth, sizes) is no schema's business: only the errors before them count.
    if (v.severity != Severity::error || v.code == Code::limit) continue;
    if (first == nullptr) first = &v;
    ++errors;
  }
  if (first == nullptr) return verdict;
  verdict.outcome = Outcome::response_schema_mismatch;
  verdict.detail = "the body does not match the " + response->status +
                   " response schema: " + std::string(code_name(first->code)) + " at " +
                   (first->pointer.empty() ? "the root" : first->pointer) +
                   (first->message.empty() ? "" : ": " + first->message) +
                   (errors > 1 ? " (and " + std::to_string(errors - 1) + " more)" : "");
  return verdict;
}

Classification judge_answer(Validator& validator, const PreparedCase& kase, const Exchange& exchange,
                            bool check_errors) {
  Classification classification = classify(kase, exchange);
  if (classification.outcome != Outcome::ok) return classification;
  ResponseVerdict response = check_response(validator, kase, exchange, check_errors);
  if (response.outcome != Outcome::ok) {
    classification.outcome = response.outcome;
    classification.detail = std::move(response.detail);
  }
  return classification;
}

}  // namespace reqprobe::replay
