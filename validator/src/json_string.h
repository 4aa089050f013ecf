// Scanning and decoding JSON strings (RFC 8259 section 7) in one pass: syntax, UTF-8, surrogate escapes and the
// code point count (D7) together, with a 16-byte SIMD skip over plain ASCII where SSE2 exists.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace reqprobe::detail {

struct StringScan {
  enum class Status : std::uint8_t { ok, unterminated, control_char, bad_escape };
  Status status = Status::ok;
  bool escaped = false;     ///< contains at least one backslash escape
  bool encoding_ok = true;  ///< valid UTF-8 and no lone surrogate escape
  std::uint32_t code_points = 0;
  std::size_t end = 0;  ///< ok: index just past the closing quote; otherwise where scanning failed
};

/// Scans the string whose opening quote is at data[pos - 1].
[[nodiscard]] StringScan scan_string(const char* data, std::size_t n, std::size_t pos) noexcept;

/// Decodes the content of a string that scanned with status ok (raw excludes the quotes). Lone surrogate escapes
/// and invalid UTF-8 bytes become U+FFFD, so the output is always valid UTF-8.
void decode_string(std::string_view raw, std::string& out);

}  // namespace reqprobe::detail
