// Percent-encoding for generated request-targets.
#pragma once

#include <string>
#include <string_view>

namespace reqprobe::gen {

/// A query value that marks "name without '='".
inline const std::string kNoEquals = std::string(1, '\x01');

/// Percent-encodes every byte except RFC 3986 unreserved characters.
[[nodiscard]] inline std::string percent_encode(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : bytes) {
    const auto u = static_cast<unsigned char>(c);
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    }
  }
  return out;
}

/// "x-auth-token" -> "X-Auth-Token": header names as people write them (they compare case-insensitively).
[[nodiscard]] inline std::string title_case(std::string_view header) {
  std::string out(header);
  bool upper = true;
  for (char& c : out) {
    if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    upper = c == '-';
  }
  return out;
}

}  // namespace reqprobe::gen
