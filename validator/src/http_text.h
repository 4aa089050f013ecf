// Small HTTP text helpers: percent-decoding (RFC 3986), case-insensitive ASCII comparison, media types.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace reqprobe::detail {

/// string_view::find(c, from) without the call into libc's memchr, which costs more than it saves on the short
/// texts of a request line (segments, query pairs, parameter values): 16 bytes at a time (SSE2) or 8 (one 64-bit
/// word), the last block read so that it ends at the text's end. Long texts go to memchr, which reads wider.
[[nodiscard]] inline std::size_t find_byte(std::string_view text, char c, std::size_t from = 0) noexcept {
  const std::size_t n = text.size();
  if (from >= n) return std::string_view::npos;
  if (n - from > 256) return text.find(c, from);
#if defined(__SSE2__)
  if (n - from >= 16) {
    const __m128i needle = _mm_set1_epi8(c);
    const auto block = [&](std::size_t at) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
      return static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, needle)));
    };
    std::size_t i = from;
    for (; i + 16 <= n; i += 16)
      if (const unsigned hits = block(i); hits != 0) return i + static_cast<std::size_t>(__builtin_ctz(hits));
    if (i == n) return std::string_view::npos;
    const unsigned tail = block(n - 16) >> (i - (n - 16));  // the bytes before i were seen already
    return tail == 0 ? std::string_view::npos : i + static_cast<std::size_t>(__builtin_ctz(tail));
  }
#endif
  if (n - from >= 8) {
    // A zero byte of word ^ (c in every byte) is a hit: flags in bit 7 of each byte. The lowest flag is exact;
    // higher ones may be false, but only above a true one.
    constexpr std::uint64_t kOnes = 0x0101010101010101ull;
    const std::uint64_t pattern = kOnes * static_cast<unsigned char>(c);
    const auto flags = [&](std::size_t at) {
      std::uint64_t w = 0;
      std::memcpy(&w, text.data() + at, 8);
      w ^= pattern;
      return (w - kOnes) & ~w & (kOnes * 0x80);
    };
    const auto first = [](std::size_t i, std::uint64_t z) {
      return z == 0 ? std::string_view::npos : i + static_cast<std::size_t>(__builtin_ctzll(z)) / 8;
    };
    std::size_t i = from;
    for (; i + 8 <= n; i += 8)
      if (const std::uint64_t z = flags(i); z != 0) return first(i, z);
    if (i == n) return std::string_view::npos;
    return first(i, flags(n - 8) >> (8 * (i - (n - 8))));  // the bytes before i were seen already
  }
  for (std::size_t i = from; i < n; ++i)
    if (text[i] == c) return i;
  return std::string_view::npos;
}

/// Decodes %XX escapes into out (cleared first). '+' stays '+' (RFC 3986, not form encoding). Returns false on a
/// '%' not followed by two hex digits.
[[nodiscard]] bool percent_decode(std::string_view in, std::string& out);

/// percent_decode without the copy when there is nothing to decode: out is `in` itself, or `buffer` holding the
/// decoded text.
[[nodiscard]] inline bool percent_decoded(std::string_view in, std::string& buffer, std::string_view& out) {
  if (find_byte(in, '%') == std::string_view::npos) {
    out = in;
    return true;
  }
  if (!percent_decode(in, buffer)) return false;
  out = buffer;
  return true;
}

namespace http_text_internal {
// Eight bytes of a and b equal but for ASCII case: where they differ it is only in bit 0x20, and only on letters.
// Bytes of 0x80 and above go to the byte loop (the letter test below needs bytes below 0x80 to avoid carries).
[[nodiscard]] inline int iequals8(const char* a, const char* b) noexcept {  // 1 equal, 0 not, -1 undecided
  std::uint64_t x = 0, y = 0;
  std::memcpy(&x, a, 8);
  std::memcpy(&y, b, 8);
  if (x == y) return 1;
  constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  if (((x | y) & (kOnes * 0x80)) != 0) return -1;
  const std::uint64_t diff = x ^ y;
  if ((diff & ~(kOnes * 0x20)) != 0) return 0;
  const std::uint64_t folded = x | (kOnes * 0x20);
  const std::uint64_t from_a = (folded + kOnes * (0x80 - 'a')) & (kOnes * 0x80);  // folded >= 'a'
  const std::uint64_t to_z = ~(folded + kOnes * (0x7F - 'z')) & (kOnes * 0x80);   // folded <= 'z'
  return ((diff << 2) & ~(from_a & to_z)) == 0 ? 1 : 0;
}
}  // namespace http_text_internal

// Inline: the request engine compares every header name with the declared ones. Eight bytes at a time.
[[nodiscard]] inline bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  std::size_t i = 0;
  for (; i + 8 <= a.size(); i += 8) {
    const int equal = http_text_internal::iequals8(a.data() + i, b.data() + i);
    if (equal == 0) return false;
    if (equal < 0) break;
  }
  for (; i < a.size(); ++i) {
    const auto x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
    if (x == y) continue;
    // Equal but for case only when both are letters differing in bit 0x20.
    if ((x ^ y) != 0x20 || static_cast<unsigned char>((x | 0x20) - 'a') > 'z' - 'a') return false;
  }
  return true;
}

/// `text` without the spaces and tabs around it: a field value as its recipient sees it (RFC 9110 5.5).
[[nodiscard]] std::string_view trim_ows(std::string_view text) noexcept;

/// True when `name` is a field name: one or more token characters (RFC 9110 5.1, 5.6.2).
[[nodiscard]] bool is_token(std::string_view name) noexcept;

/// Offset of the first byte a field value may not hold: a control byte other than HTAB, or DEL (RFC 9110 5.5:
/// CR, LF and NUL are the dangerous ones). npos when there is none.
[[nodiscard]] std::size_t first_bad_field_byte(std::string_view value) noexcept;

/// A Content-Type value parsed per RFC 9110 8.3.1 and 5.6.6: type "/" subtype *( OWS ";" OWS [ parameter ] ),
/// parameters name=token or name=quoted-string, no whitespace around '='. Empty parameters (";;", a trailing ";")
/// are allowed by that grammar.
struct MediaType {
  std::string_view type;          ///< as written; compare case-insensitively
  std::string_view subtype;       ///< as written
  bool charset_utf8 = false;      ///< a charset parameter naming utf-8 (case-insensitive, quoted or not)
  bool other_parameters = false;  ///< any parameter but one charset (a repeated charset counts)
  std::string_view boundary;      ///< a boundary parameter's value (its quotes removed, escapes kept)
};
/// False when `value` does not follow the grammar above (after trim_ows).
[[nodiscard]] bool parse_media_type(std::string_view value, MediaType& out) noexcept;

/// True when `value` parses, its type/subtype is one of `allowed` (lowercase), and its only parameter, if any,
/// is charset=utf-8.
[[nodiscard]] bool media_type_allowed(std::string_view value, const std::vector<std::string>& allowed) noexcept;

/// True when a raw path segment is "." or "..", written plainly or percent-encoded (%2E): a server that removes
/// dot segments (RFC 3986 5.2.4), after decoding unreserved characters (6.2.2.2), routes such a path elsewhere.
[[nodiscard]] bool is_dot_segment(std::string_view raw_segment) noexcept;

/// Shape match: same length, '#' in the shape is an ASCII digit, anything else must match literally.
[[nodiscard]] bool matches_shape(std::string_view value, std::string_view shape) noexcept;

}  // namespace reqprobe::detail
