// `format` as an assertion: each format reqprobe asserts, checked on a string's decoded value (RFC 3339 dates, times
// and durations, RFC 5321 and 6531 email, host names as RFC 1123 (draft 4, draft 6, OpenAPI 3.0) or IDNA2008
// (RFC 5890-5893, through libidn2, from draft 7), RFC 3986 and 3987 URIs and IRIs, RFC 6570 URI templates, RFC 4122
// UUIDs, RFC 6901 JSON Pointers, ECMA-262 regexes (syntax with the u flag), RFC 4648 base64). Work and memory are
// bounded by the value's length; host names longer than 253 octets in A-label form are refused before any decoding.
#pragma once

#include <string_view>

#include "reqprobe/plan.h"

namespace reqprobe::detail {

/// True when `value` (a decoded string) is of the format. Formats that apply to numbers (int32, int64, float,
/// double) and annotations always pass here.
[[nodiscard]] bool string_has_format(Format format, std::string_view value);

/// The format's name, for messages ("date-time").
[[nodiscard]] std::string_view format_name(Format format) noexcept;

}  // namespace reqprobe::detail
