// Writing case files. The layout is fixed by hand (one header pair and one expected violation per line) so that
// generated suites diff well and read like the example in DESIGN.md; RapidJSON's Writer escapes each string.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "reqprobe/case_file.h"

namespace reqprobe {
namespace {

// The JSON string for bytes that are valid UTF-8. The length-taking String overload keeps embedded NUL bytes
// (written as \u0000) instead of stopping at them.
std::string quoted_utf8(std::string_view utf8) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.String(utf8.data(), static_cast<rapidjson::SizeType>(utf8.size()));
  return {buffer.GetString(), buffer.GetSize()};
}

std::string quoted(std::string_view bytes) {
  return is_valid_utf8(bytes) ? quoted_utf8(bytes) : quoted_utf8(utf8_or_replacement(bytes));
}

void member(std::string& out, std::string_view indent, std::string_view name, std::string_view value, bool last) {
  out += indent;
  out += quoted_utf8(name);
  out += ": ";
  out += quoted(value);
  out += last ? "\n" : ",\n";
}

void write_violation(std::string& out, const Violation& v) {
  out += "{\"code\": ";
  out += quoted_utf8(code_name(v.code));
  out += ", \"location\": ";
  out += quoted_utf8(location_name(v.location));
  out += ", \"pointer\": ";
  out += quoted(v.pointer);
  // Severity is optional in the format (default error): written only when it says something.
  if (v.severity != Severity::error) {
    out += ", \"severity\": ";
    out += quoted_utf8(severity_name(v.severity));
  }
  out += "}";
}

void write_request(std::string& out, const Case& kase) {
  out += "  \"request\": {\n";
  member(out, "    ", "method", kase.method, false);
  member(out, "    ", "target", kase.target, false);
  out += "    \"headers\": [";
  for (std::size_t i = 0; i < kase.headers.size(); ++i) {
    out += i == 0 ? "\n      [" : ",\n      [";
    out += quoted(kase.headers[i].first);
    out += ", ";
    out += quoted(kase.headers[i].second);
    out += "]";
  }
  out += kase.headers.empty() ? "]" : "\n    ]";
  if (!kase.body) {
    out += "\n  }";
    return;
  }
  out += ",\n";
  if (is_valid_utf8(*kase.body)) {
    member(out, "    ", "body", *kase.body, true);
  } else {
    member(out, "    ", "body_base64", base64_encode(*kase.body), true);
  }
  out += "  }";
}

void write_expect(std::string& out, const Case::Expected& expect) {
  out += "  \"expect\": {\n";
  member(out, "    ", "verdict", expect.verdict, false);
  out += "    \"violations\": [";
  for (std::size_t i = 0; i < expect.violations.size(); ++i) {
    out += i == 0 ? "\n      " : ",\n      ";
    write_violation(out, expect.violations[i]);
  }
  out += expect.violations.empty() ? "]\n  }" : "\n    ]\n  }";
}

}  // namespace

std::string write_case(const Case& kase) {
  std::string out = "{\n";
  member(out, "  ", "id", kase.id, false);
  member(out, "  ", "description", kase.description, false);
  write_request(out, kase);
  if (kase.has_expect) {
    out += ",\n";
    write_expect(out, kase.expect);
  }
  out += "\n}\n";
  return out;
}

bool case_is_representable(const Case& kase) noexcept {
  if (!is_valid_utf8(kase.id) || !is_valid_utf8(kase.description) || !is_valid_utf8(kase.method) ||
      !is_valid_utf8(kase.target))
    return false;
  for (const auto& [name, value] : kase.headers)
    if (!is_valid_utf8(name) || !is_valid_utf8(value)) return false;
  if (kase.has_expect) {
    if (!is_valid_utf8(kase.expect.verdict)) return false;
    for (const Violation& v : kase.expect.violations)
      if (!is_valid_utf8(v.pointer)) return false;
  }
  return true;
}

}  // namespace reqprobe
