// Small HTTP text helpers: percent-decoding (RFC 3986), case-insensitive ASCII comparison, media types.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace reqprobe::detail {

/// Decodes %XX escapes into out (cleared first). '+' stays '+' (RFC 3986, not form encoding). Returns false on a
/// '%' not followed by two hex digits.
[[nodiscard]] bool percent_decode(std::string_view in, std::string& out);

[[nodiscard]] bool iequals(std::string_view a, std::string_view b) noexcept;

/// True when `value` is one of `allowed` (lowercase media types), with at most a `charset=utf-8` parameter.
[[nodiscard]] bool media_type_allowed(std::string_view value, const std::vector<std::string>& allowed) noexcept;

/// Shape match: same length, '#' in the shape is an ASCII digit, anything else must match literally.
[[nodiscard]] bool matches_shape(std::string_view value, std::string_view shape) noexcept;

}  // namespace reqprobe::detail
