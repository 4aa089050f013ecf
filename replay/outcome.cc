#include "outcome.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <array>

#include "reqprobe/json_depth.h"

namespace reqprobe::replay {
namespace {

constexpr std::array<std::string_view, kOutcomeCount> kNames{"ok",
                                                             "accepted-invalid",
                                                             "rejected-valid",
                                                             "server-error",
                                                             "wrong-status",
                                                             "wrong-error-body",
                                                             "timeout",
                                                             "transport-error",
                                                             "not-sent",
                                                             "undocumented-status",
                                                             "content-type-mismatch",
                                                             "response-schema-mismatch"};

struct ErrorBody {
  bool documented = false;  ///< a JSON object with the documented code and message members, both strings
  bool too_deep = false;    ///< refused before parsing: nested deeper than kMaxErrorBodyDepth
  std::string error_code;
  std::string error_msg;
};

ErrorBody parse_error_body(const std::string& body, const ExpectedResponse& expected) {
  ErrorBody parsed;
  // The body comes from the endpoint: its depth is checked before any DOM is built, and the parser is iterative.
  if (!json_depth_within(body, kMaxErrorBodyDepth)) {
    parsed.too_deep = true;
    return parsed;
  }
  rapidjson::Document document;
  document.Parse<rapidjson::kParseIterativeFlag>(body.data(), body.size());
  if (document.HasParseError() || !document.IsObject()) return parsed;
  const rapidjson::Value& root = document;  // const iterators on both sides of the comparisons below
  const auto code = root.FindMember(rapidjson::StringRef(expected.code_member.data(), expected.code_member.size()));
  const auto message =
      root.FindMember(rapidjson::StringRef(expected.message_member.data(), expected.message_member.size()));
  const bool has_code = code != root.MemberEnd() && code->value.IsString();
  const bool has_message = message != root.MemberEnd() && message->value.IsString();
  if (has_code) parsed.error_code.assign(code->value.GetString(), code->value.GetStringLength());
  if (has_message) parsed.error_msg.assign(message->value.GetString(), message->value.GetStringLength());
  parsed.documented = has_code && has_message;
  return parsed;
}

// Exchange::header_names are lowercased.
bool has_header(const Exchange& exchange, std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  // X-Request-Id is also kept apart (for reports), so an exchange built without header_names still shows it.
  return std::find(exchange.header_names.begin(), exchange.header_names.end(), lower) != exchange.header_names.end() ||
         (lower == "x-request-id" && !exchange.request_id.empty());
}

std::string answer_text(const Exchange& exchange, const ErrorBody& body) {
  std::string text = std::to_string(exchange.status);
  if (!body.error_code.empty()) text += " " + body.error_code;
  if (!body.error_msg.empty()) text += " (" + body.error_msg + ")";
  return text;
}

}  // namespace

std::string_view outcome_name(Outcome outcome) noexcept {
  return kNames[static_cast<std::size_t>(outcome)];
}

bool outcome_from_name(std::string_view name, Outcome& out) noexcept {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) {
      out = static_cast<Outcome>(i);
      return true;
    }
  }
  return false;
}

Classification not_sent(const PreparedCase& kase) {
  return {Outcome::not_sent, "not sent: " + kase.not_sendable, {}};
}

Classification classify(const PreparedCase& kase, const Exchange& exchange) {
  Classification result;
  const std::string expected = kase.expected_valid ? "expected 2xx" : "expected " + kase.expected.describe();
  if (exchange.transport == Exchange::Transport::timeout) {
    result.outcome = Outcome::timeout;
    result.detail = expected + ", no answer in time: " + exchange.error;
    return result;
  }
  if (exchange.transport == Exchange::Transport::failed) {
    result.outcome = Outcome::transport_error;
    result.detail = expected + ", no answer after " + std::to_string(exchange.attempts) + " tries: " + exchange.error;
    return result;
  }
  const int status = exchange.status;
  const bool head = kase.method == "HEAD";
  const ErrorBody body = head ? ErrorBody{} : parse_error_body(exchange.body, kase.expected);
  const std::string form = "{\"" + kase.expected.code_member + "\",\"" + kase.expected.message_member + "\"}";
  result.error_code = body.error_code;
  const std::string got = ", got " + answer_text(exchange, body);
  if (status >= 500) {
    result.outcome = Outcome::server_error;
  } else if (kase.expected_valid) {
    result.outcome = status >= 200 && status < 300 ? Outcome::ok : Outcome::rejected_valid;
  } else if (kase.expected.either) {  // past reqprobe's own limits only: accepted or refused with a 4xx
    if (!kase.expected.status_fits(status)) result.outcome = Outcome::wrong_status;
  } else if (status >= 200 && status < 300) {
    result.outcome = Outcome::accepted_invalid;
  } else if (!kase.expected.status_fits(status)) {
    result.outcome = Outcome::wrong_status;
  } else if (!kase.expected.exact) {
    // The OpenAPI profile: a status the operation allows is the answer; the error body's form is the server's.
  } else if (!head && body.too_deep) {
    result.outcome = Outcome::wrong_error_body;
    result.detail = expected + got + ": the body nests deeper than " + std::to_string(kMaxErrorBodyDepth) +
                    " levels, it is not " + form;
  } else if (!head && !body.documented) {
    result.outcome = Outcome::wrong_error_body;
    result.detail = expected + got + ": the body is not " + form;
  } else if (!head && body.error_code != kase.expected.error_code) {
    result.outcome = Outcome::wrong_error_body;
  } else if (!kase.expected.request_id_header.empty() && !has_header(exchange, kase.expected.request_id_header)) {
    result.outcome = Outcome::wrong_error_body;
    result.detail = expected + got + ": no " + kase.expected.request_id_header + " header";
  }
  if (status == 429 && exchange.attempts > 1 && result.detail.empty())
    result.detail = expected + got + " after " + std::to_string(exchange.attempts) + " tries";
  if (result.detail.empty() && result.outcome != Outcome::ok) result.detail = expected + got;
  if (result.outcome == Outcome::ok) result.detail.clear();
  return result;
}

}  // namespace reqprobe::replay
