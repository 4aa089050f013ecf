// Small HTTP text helpers: percent-decoding (RFC 3986), case-insensitive ASCII comparison, media types.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace reqprobe::detail {

/// Decodes %XX escapes into out (cleared first). '+' stays '+' (RFC 3986, not form encoding). Returns false on a
/// '%' not followed by two hex digits.
[[nodiscard]] bool percent_decode(std::string_view in, std::string& out);

/// percent_decode without the copy when there is nothing to decode: out is `in` itself, or `buffer` holding the
/// decoded text.
[[nodiscard]] inline bool percent_decoded(std::string_view in, std::string& buffer, std::string_view& out) {
  if (in.find('%') == std::string_view::npos) {
    out = in;
    return true;
  }
  if (!percent_decode(in, buffer)) return false;
  out = buffer;
  return true;
}

[[nodiscard]] bool iequals(std::string_view a, std::string_view b) noexcept;

/// True when `value` is one of `allowed` (lowercase media types), with at most a `charset=utf-8` parameter.
[[nodiscard]] bool media_type_allowed(std::string_view value, const std::vector<std::string>& allowed) noexcept;

/// Shape match: same length, '#' in the shape is an ASCII digit, anything else must match literally.
[[nodiscard]] bool matches_shape(std::string_view value, std::string_view shape) noexcept;

}  // namespace reqprobe::detail
