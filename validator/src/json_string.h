// Scanning and decoding JSON strings (RFC 8259 section 7) in one pass: syntax, UTF-8, surrogate escapes and the
// code point count (D7) together. Short plain-ASCII strings are settled inline with SSE2; everything else goes
// through the vector kernels of simd/string_kernels.h, chosen for the CPU at run time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace reqprobe::detail {

struct StringScan {
  enum class Status : std::uint8_t { ok, unterminated, control_char, bad_escape };
  Status status = Status::ok;
  bool escaped = false;     ///< contains at least one backslash escape
  bool encoding_ok = true;  ///< valid UTF-8 and no lone surrogate escape
  std::uint32_t code_points = 0;
  std::size_t end = 0;  ///< ok: index just past the closing quote; otherwise where scanning failed
};

/// Scans the string whose opening quote is at data[pos - 1]: the general case (escapes, non-ASCII, near the end).
[[nodiscard]] StringScan scan_string_slow(const char* data, std::size_t n, std::size_t pos) noexcept;

#if defined(__SSE2__)
/// Bit i set when byte i is '"', '\\', a control character or non-ASCII: everything the general scanner must see.
inline unsigned special_mask(const char* p) noexcept {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
  const __m128i backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
  // Signed compare: bytes >= 0x80 are negative, so this catches controls and non-ASCII at once.
  const __m128i low = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), low)));
}
#endif

/// plain_string_end's answer when the string is not plain or not settled inline.
inline constexpr std::size_t kNotPlain = ~std::size_t{0};

/// The index of the closing quote of the string whose content starts at data[pos], when that content is plain
/// ASCII (no escape, no control byte, nothing above 0x7f) found within 128 bytes: then it is well formed and its
/// code point count is its byte count. kNotPlain otherwise, and for anything the general scanner must see.
[[nodiscard, gnu::always_inline]] inline std::size_t plain_string_end(const char* data, std::size_t n,
                                                                      std::size_t pos) noexcept {
#if defined(__SSE2__)
  // Up to 128 bytes inline, which covers keys, IDs and digests; longer strings take the out-of-line loop, whose
  // layout suits long runs.
  for (std::size_t p = pos; p + 16 <= n && p < pos + 128; p += 16) {
    const unsigned mask = special_mask(data + p);
    if (mask == 0) continue;
    p += static_cast<unsigned>(__builtin_ctz(mask));
    return data[p] == '"' ? p : kNotPlain;
  }
#else
  (void)data, (void)n, (void)pos;
#endif
  return kNotPlain;
}

/// Scans the string whose opening quote is at data[pos - 1]. Inline, because almost every key and value is plain
/// ASCII: then the closing quote is the first special byte and the code point count is the byte count.
[[nodiscard, gnu::always_inline]] inline StringScan scan_string(const char* data, std::size_t n,
                                                                std::size_t pos) noexcept {
  const std::size_t quote = plain_string_end(data, n, pos);
  if (quote == kNotPlain) return scan_string_slow(data, n, pos);
  StringScan scan;
  scan.code_points = static_cast<std::uint32_t>(quote - pos);
  scan.end = quote + 1;
  return scan;
}

/// Decodes the content of a string that scanned with status ok (raw excludes the quotes). Lone surrogate escapes
/// and invalid UTF-8 bytes become U+FFFD, so the output is always valid UTF-8.
void decode_string(std::string_view raw, std::string& out);

}  // namespace reqprobe::detail
