// Reading case files strictly. A case file is test input that people write by hand and tools generate, so
// every deviation is an error naming its JSON Pointer: a typo such as "bdoy" must not silently drop the body.
#include "reqprobe/case_file.h"
#include "reqprobe/json_depth.h"

#include "json_pointer.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <set>

namespace reqprobe {
namespace {

using detail::pointer_join;
using rapidjson::Value;

std::string_view view(const Value& v) {
  return {v.GetString(), v.GetStringLength()};
}

std::string_view type_name(const Value& v) {
  switch (v.GetType()) {
    case rapidjson::kNullType:
      return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType:
      return "a boolean";
    case rapidjson::kObjectType:
      return "an object";
    case rapidjson::kArrayType:
      return "an array";
    case rapidjson::kStringType:
      return "a string";
    case rapidjson::kNumberType:
      return "a number";
  }
  return "a value";
}

// Walks the DOM once, remembering the first problem. Every check returns false after recording it, so callers
// stop with `if (!check(...)) return false;`.
class CaseReader {
 public:
  [[nodiscard]] const CaseError& error() const { return error_; }

  bool read(const Value& root, Case& kase) {
    if (!no_duplicate_keys(root, "", 0)) return false;
    if (!object_with(root, "", {"id", "description", "request", "expect"})) return false;
    if (!optional_string(root, "", "id", kase.id)) return false;
    if (!optional_string(root, "", "description", kase.description)) return false;
    const auto request = root.FindMember("request");
    if (request == root.MemberEnd()) return fail("", "missing member 'request'");
    if (!read_request(request->value, "/request", kase)) return false;
    const auto expect = root.FindMember("expect");
    if (expect == root.MemberEnd()) return true;
    kase.has_expect = true;
    return read_expect(expect->value, "/expect", kase.expect);
  }

 private:
  bool fail(std::string pointer, std::string message) {
    error_ = {std::move(pointer), std::move(message)};
    return false;
  }

  // RapidJSON keeps repeated keys and FindMember returns the first; a repeated key in a case file is a mistake
  // (which one did the author mean?), so it is rejected everywhere. Below kMaxCheckedDepth nothing can be valid
  // anyway (the deepest member of the format is at depth 4), so the walk stops there instead of recursing into a
  // hostile nesting.
  bool no_duplicate_keys(const Value& v, const std::string& ptr, int depth) {
    constexpr int kMaxCheckedDepth = 8;
    if (depth > kMaxCheckedDepth) return true;
    if (v.IsObject()) {
      std::set<std::string_view> seen;
      for (const auto& m : v.GetObject()) {
        const std::string child = pointer_join(ptr, view(m.name));
        if (!seen.insert(view(m.name)).second) return fail(child, "repeated member");
        if (!no_duplicate_keys(m.value, child, depth + 1)) return false;
      }
    } else if (v.IsArray()) {
      for (rapidjson::SizeType i = 0; i < v.Size(); ++i)
        if (!no_duplicate_keys(v[i], pointer_join(ptr, std::to_string(i)), depth + 1)) return false;
    }
    return true;
  }

  bool object_with(const Value& v, const std::string& ptr, std::initializer_list<std::string_view> allowed) {
    if (!v.IsObject()) return fail(ptr, "must be an object, not " + std::string(type_name(v)));
    for (const auto& m : v.GetObject()) {
      bool known = false;
      for (const std::string_view name : allowed) known = known || name == view(m.name);
      if (!known) return fail(pointer_join(ptr, view(m.name)), "unknown member");
    }
    return true;
  }

  bool string_value(const Value& v, const std::string& ptr, std::string& out) {
    if (!v.IsString()) return fail(ptr, "must be a string, not " + std::string(type_name(v)));
    out.assign(v.GetString(), v.GetStringLength());
    return true;
  }

  bool optional_string(const Value& object, const std::string& ptr, const char* name, std::string& out) {
    const auto it = object.FindMember(name);
    return it == object.MemberEnd() || string_value(it->value, pointer_join(ptr, name), out);
  }

  bool required_string(const Value& object, const std::string& ptr, const char* name, std::string& out) {
    const auto it = object.FindMember(name);
    if (it == object.MemberEnd()) return fail(ptr, "missing member '" + std::string(name) + "'");
    return string_value(it->value, pointer_join(ptr, name), out);
  }

  bool read_request(const Value& v, const std::string& ptr, Case& kase) {
    if (!object_with(v, ptr, {"method", "target", "headers", "body", "body_base64"})) return false;
    if (!required_string(v, ptr, "method", kase.method)) return false;
    if (!required_string(v, ptr, "target", kase.target)) return false;
    if (const auto headers = v.FindMember("headers"); headers != v.MemberEnd()) {
      if (!read_headers(headers->value, pointer_join(ptr, "headers"), kase.headers)) return false;
    }
    const auto body = v.FindMember("body");
    const auto base64 = v.FindMember("body_base64");
    if (body != v.MemberEnd() && base64 != v.MemberEnd())
      return fail(ptr, "has both 'body' and 'body_base64'; give at most one");
    if (body != v.MemberEnd()) {
      std::string text;
      if (!string_value(body->value, pointer_join(ptr, "body"), text)) return false;
      kase.body = std::move(text);
    } else if (base64 != v.MemberEnd()) {
      std::string text;
      const std::string bptr = pointer_join(ptr, "body_base64");
      if (!string_value(base64->value, bptr, text)) return false;
      kase.body = base64_decode(text);
      if (!kase.body)
        return fail(bptr,
                    "not strict base64 (RFC 4648 alphabet, '=' padding to a multiple of 4 characters, no whitespace)");
    }
    return true;
  }

  bool read_headers(const Value& v, const std::string& ptr, std::vector<std::pair<std::string, std::string>>& out) {
    if (!v.IsArray()) return fail(ptr, "must be an array of [name, value] pairs, not " + std::string(type_name(v)));
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
      const Value& pair = v[i];
      const std::string item = pointer_join(ptr, std::to_string(i));
      if (!pair.IsArray() || pair.Size() != 2) return fail(item, "must be a [name, value] pair of two strings");
      std::string name;
      std::string value;
      if (!string_value(pair[0], pointer_join(item, "0"), name)) return false;
      if (!string_value(pair[1], pointer_join(item, "1"), value)) return false;
      out.emplace_back(std::move(name), std::move(value));
    }
    return true;
  }

  bool read_expect(const Value& v, const std::string& ptr, Case::Expected& expect) {
    if (!object_with(v, ptr, {"verdict", "violations"})) return false;
    if (!required_string(v, ptr, "verdict", expect.verdict)) return false;
    if (expect.verdict != "valid" && expect.verdict != "invalid")
      return fail(pointer_join(ptr, "verdict"), "must be \"valid\" or \"invalid\"");
    if (const auto list = v.FindMember("violations"); list != v.MemberEnd()) {
      const std::string lptr = pointer_join(ptr, "violations");
      if (!list->value.IsArray()) return fail(lptr, "must be an array, not " + std::string(type_name(list->value)));
      for (rapidjson::SizeType i = 0; i < list->value.Size(); ++i) {
        Violation violation;
        if (!read_violation(list->value[i], pointer_join(lptr, std::to_string(i)), violation)) return false;
        expect.violations.push_back(std::move(violation));
      }
    }
    // The verdict follows from the violations; a file where they disagree can never be met, so say so now.
    bool any_error = false;
    for (const Violation& violation : expect.violations) any_error = any_error || violation.severity == Severity::error;
    if (any_error != (expect.verdict == "invalid"))
      return fail(pointer_join(ptr, "verdict"), any_error ? "is \"valid\" but an expected violation is an error"
                                                          : "is \"invalid\" but no expected violation is an error");
    return true;
  }

  bool read_violation(const Value& v, const std::string& ptr, Violation& out) {
    // No "message": expectations compare code, location, pointer and severity only.
    if (!object_with(v, ptr, {"code", "location", "pointer", "severity"})) return false;
    std::string code;
    std::string location;
    if (!required_string(v, ptr, "code", code)) return false;
    if (!code_from_name(code, out.code)) return fail(pointer_join(ptr, "code"), "unknown code '" + code + "'");
    if (!required_string(v, ptr, "location", location)) return false;
    if (!location_from_name(location, out.location))
      return fail(pointer_join(ptr, "location"), "unknown location '" + location + "'");
    if (!required_string(v, ptr, "pointer", out.pointer)) return false;
    std::string severity = "error";
    if (!optional_string(v, ptr, "severity", severity)) return false;
    if (severity == "warning") {
      out.severity = Severity::warning;
    } else if (severity != "error") {
      return fail(pointer_join(ptr, "severity"), "must be \"error\" or \"warning\"");
    }
    return true;
  }

  CaseError error_;
};

bool same_finding(const Violation& a, const Violation& b) {
  return a.code == b.code && a.location == b.location && a.severity == b.severity && a.pointer == b.pointer;
}

}  // namespace

std::string CaseError::describe() const {
  return pointer.empty() ? message : pointer + ": " + message;
}

CaseParseResult parse_case(std::string_view json) {
  CaseParseResult result;
  // RapidJSON's length-taking parse treats a NUL byte as the end of input, so "{...}\0junk" would pass.
  if (const std::size_t nul = json.find('\0'); nul != std::string_view::npos) {
    result.error.message = "not well-formed JSON: NUL byte at offset " + std::to_string(nul);
    return result;
  }
  // Iterative parsing, and a depth bound for the recursive checks that walk the document: a deeply nested file must
  // give an error, not overflow the stack.
  if (!json_depth_within(json, kMaxDocumentDepth)) {
    result.error.message =
        "the file nests arrays and objects deeper than " + std::to_string(kMaxDocumentDepth) + " levels";
    return result;
  }
  rapidjson::Document document;
  document.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag>(json.data(), json.size());
  if (document.HasParseError()) {
    result.error.message = "not well-formed JSON at offset " + std::to_string(document.GetErrorOffset()) + ": " +
                           rapidjson::GetParseError_En(document.GetParseError());
    return result;
  }
  CaseReader reader;
  Case kase;
  if (!reader.read(document, kase)) {
    result.error = reader.error();
    return result;
  }
  result.kase = std::move(kase);
  return result;
}

CaseRequest::CaseRequest(const Case& kase) : kase_(&kase) {
  headers_.reserve(kase.headers.size());
  for (const auto& [name, value] : kase.headers) headers_.push_back({name, value});
}

Request CaseRequest::request() const noexcept {
  Request request;
  request.method = kase_->method;
  request.target = kase_->target;
  request.headers = headers_;
  if (kase_->body) request.body = std::string_view(*kase_->body);
  return request;
}

ExpectationDiff compare_expectation(const Case::Expected& expected, const Report& actual) {
  ExpectationDiff diff;
  diff.expected_verdict = expected.verdict;
  diff.actual_verdict = verdict_name(actual.valid());
  std::vector<bool> used(expected.violations.size(), false);
  for (const Violation& reported : actual.violations) {
    bool matched = false;
    for (std::size_t i = 0; i < expected.violations.size() && !matched; ++i) {
      if (!used[i] && same_finding(expected.violations[i], reported)) used[i] = matched = true;
    }
    if (!matched) diff.unexpected.push_back(reported);
  }
  for (std::size_t i = 0; i < expected.violations.size(); ++i)
    if (!used[i]) diff.missing.push_back(expected.violations[i]);
  return diff;
}

std::string_view verdict_name(bool valid) noexcept {
  return valid ? "valid" : "invalid";
}

}  // namespace reqprobe
