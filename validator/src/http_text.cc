#include "http_text.h"

namespace reqprobe::detail {
namespace {

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool percent_decode(std::string_view in, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out.push_back(in[i]);
      continue;
    }
    if (i + 2 >= in.size()) return false;
    const int hi = hex(in[i + 1]);
    const int lo = hex(in[i + 2]);
    if (hi < 0 || lo < 0) return false;
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return true;
}

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

bool media_type_allowed(std::string_view value, const std::vector<std::string>& allowed) noexcept {
  const std::size_t semicolon = value.find(';');
  const std::string_view type = trim(value.substr(0, semicolon));
  bool known = false;
  for (const std::string& candidate : allowed) known = known || iequals(type, candidate);
  if (!known) return false;
  std::string_view rest = semicolon == std::string_view::npos ? std::string_view() : value.substr(semicolon + 1);
  bool charset_seen = false;
  while (!rest.empty()) {
    const std::size_t next = rest.find(';');
    const std::string_view parameter = trim(rest.substr(0, next));
    rest = next == std::string_view::npos ? std::string_view() : rest.substr(next + 1);
    if (parameter.empty()) return false;
    const std::size_t equals = parameter.find('=');
    if (equals == std::string_view::npos || charset_seen) return false;
    if (!iequals(trim(parameter.substr(0, equals)), "charset")) return false;
    std::string_view charset = trim(parameter.substr(equals + 1));
    if (charset.size() >= 2 && charset.front() == '"' && charset.back() == '"')
      charset = charset.substr(1, charset.size() - 2);
    if (!iequals(charset, "utf-8")) return false;
    charset_seen = true;
  }
  return true;
}

bool matches_shape(std::string_view value, std::string_view shape) noexcept {
  if (value.size() != shape.size()) return false;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == '#') {
      if (value[i] < '0' || value[i] > '9') return false;
    } else if (value[i] != shape[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace reqprobe::detail
