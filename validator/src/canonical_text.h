// The string form shared by canonical JSON on both sides (contract values and request values).
#pragma once

#include <string>
#include <string_view>

namespace reqprobe::detail {

/// Appends `text` (decoded UTF-8) as a JSON string: '"' and '\\' escaped, control bytes as \u00XX, nothing else.
inline void append_canonical_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (byte < 0x20) {
      out += "\\u00";
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 15]);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

}  // namespace reqprobe::detail
