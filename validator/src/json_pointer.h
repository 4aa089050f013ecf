// RFC 6901 JSON Pointer tokens: '~' becomes "~0" and '/' becomes "~1". Used for body pointers in reports, for
// contract locations in load errors, and for case file errors.
#pragma once

#include <cstring>
#include <string>
#include <string_view>

namespace reqprobe::detail {

inline void append_pointer_token(std::string& out, std::string_view token) {
  out.push_back('/');
  // Most tokens have nothing to escape: two memchr calls settle that without a loop over the bytes here.
  if (token.empty()) return;
  if (std::memchr(token.data(), '~', token.size()) == nullptr &&
      std::memchr(token.data(), '/', token.size()) == nullptr) {
    out.append(token);
    return;
  }
  for (const char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
}

[[nodiscard]] inline std::string pointer_join(std::string_view base, std::string_view token) {
  std::string out(base);
  append_pointer_token(out, token);
  return out;
}

}  // namespace reqprobe::detail
