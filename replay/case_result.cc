#include "case_result.h"

#include <rapidjson/document.h>

#include "report_escape.h"
#include "reqprobe/json_depth.h"

namespace reqprobe::replay {
namespace {

std::string get_string(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return {};
  const auto member = object.FindMember(name);
  if (member == object.MemberEnd() || !member->value.IsString()) return {};
  return {member->value.GetString(), member->value.GetStringLength()};
}

double get_number(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return 0;
  const auto member = object.FindMember(name);
  return member != object.MemberEnd() && member->value.IsNumber() ? member->value.GetDouble() : 0;
}

const rapidjson::Value& get_object(const rapidjson::Value& object, const char* name) {
  static const rapidjson::Value kNull;
  if (!object.IsObject()) return kNull;
  const auto member = object.FindMember(name);
  return member != object.MemberEnd() && member->value.IsObject() ? member->value : kNull;
}

}  // namespace

CaseResult make_result(const PreparedCase& kase, const Exchange& exchange, const Classification& classification) {
  CaseResult result;
  result.id = kase.id;
  result.source = kase.source;
  result.method = kase.method;
  result.target = kase.target;
  result.expected_valid = kase.expected_valid;
  result.operation = kase.operation;
  result.expected = kase.expected_valid ? "2xx" : kase.expected.describe();
  for (const Violation& v : kase.violations) {
    std::string text = std::string(code_name(v.code)) + " " + std::string(location_name(v.location));
    if (!v.pointer.empty()) text += " " + v.pointer;
    result.expected_violations.push_back(std::move(text));
  }
  result.outcome = classification.outcome;  // not-sent: the exchange is empty (no status, no attempt)
  result.detail = classification.detail;
  result.status = exchange.transport == Exchange::Transport::answered ? exchange.status : 0;
  result.error_code = classification.error_code;
  result.request_id = exchange.request_id;
  result.attempts = exchange.attempts;
  result.start_ms = exchange.start_ms;
  result.connect_ms = exchange.connect_ms;
  result.ttfb_ms = exchange.ttfb_ms;
  result.total_ms = exchange.total_ms;
  return result;
}

void redact(CaseResult& r, const Redactor& redactor) {
  if (redactor.empty()) return;
  for (std::string* field : {&r.method, &r.target, &r.expected, &r.detail, &r.error_code, &r.request_id, &r.reproduce})
    *field = redactor.apply(*field);
  for (std::string& violation : r.expected_violations) violation = redactor.apply(violation);
}

std::string jsonl_line(const CaseResult& r) {
  std::string line = "{\"id\":" + json_quote(r.id);
  line += ",\"file\":" + json_quote(r.source);
  line += ",\"outcome\":" + json_quote(outcome_name(r.outcome));
  line += std::string(",\"finding\":") + (is_finding(r.outcome) ? "true" : "false");
  line += ",\"method\":" + json_quote(r.method);
  line += ",\"target\":" + json_quote(r.target);
  line += ",\"expected\":{\"verdict\":" + json_quote(r.expected_valid ? "valid" : "invalid");
  line += ",\"answer\":" + json_quote(r.expected);
  line += ",\"violations\":[";
  for (std::size_t i = 0; i < r.expected_violations.size(); ++i)
    line += (i ? "," : "") + json_quote(r.expected_violations[i]);
  line += "]},\"actual\":{\"status\":" + std::to_string(r.status);
  line += ",\"error_code\":" + json_quote(r.error_code);
  line += ",\"request_id\":" + json_quote(r.request_id) + "}";
  line += ",\"detail\":" + json_quote(r.detail);
  line += ",\"attempts\":" + std::to_string(r.attempts);
  line += ",\"timings_ms\":{\"start\":" + fixed3(r.start_ms) + ",\"connect\":" + fixed3(r.connect_ms) +
          ",\"ttfb\":" + fixed3(r.ttfb_ms) + ",\"total\":" + fixed3(r.total_ms) + "}";
  line += ",\"reproduce\":" + json_quote(r.reproduce) + "}";
  return line;
}

std::optional<CaseResult> parse_jsonl_line(std::string_view line) {
  // The file comes from the user: a hostile line (200,000 '[') is refused before a DOM is built, and the parser is
  // iterative, so no line can exhaust the stack.
  if (!json_depth_within(line, kMaxReportLineDepth)) return std::nullopt;
  rapidjson::Document document;
  document.Parse<rapidjson::kParseIterativeFlag>(line.data(), line.size());
  if (document.HasParseError() || !document.IsObject()) return std::nullopt;
  CaseResult r;
  r.id = get_string(document, "id");
  if (r.id.empty() || !outcome_from_name(get_string(document, "outcome"), r.outcome)) return std::nullopt;
  r.source = get_string(document, "file");
  r.method = get_string(document, "method");
  r.target = get_string(document, "target");
  const rapidjson::Value& expected = get_object(document, "expected");
  r.expected_valid = get_string(expected, "verdict") != "invalid";
  r.expected = get_string(expected, "answer");
  if (expected.IsObject() && expected.HasMember("violations") && expected["violations"].IsArray())
    for (const auto& v : expected["violations"].GetArray())
      if (v.IsString()) r.expected_violations.emplace_back(v.GetString(), v.GetStringLength());
  const rapidjson::Value& actual = get_object(document, "actual");
  r.status = static_cast<int>(get_number(actual, "status"));
  r.error_code = get_string(actual, "error_code");
  r.request_id = get_string(actual, "request_id");
  r.detail = get_string(document, "detail");
  r.attempts = static_cast<int>(get_number(document, "attempts"));
  const rapidjson::Value& timings = get_object(document, "timings_ms");
  r.start_ms = get_number(timings, "start");
  r.connect_ms = get_number(timings, "connect");
  r.ttfb_ms = get_number(timings, "ttfb");
  r.total_ms = get_number(timings, "total");
  r.reproduce = get_string(document, "reproduce");
  return r;
}

}  // namespace reqprobe::replay
