// The three nibble tables of the vector UTF-8 check (see string_kernels.h), derived here from RFC 3629's table of
// well-formed sequences rather than written out as magic numbers.
//
// Each bit names one way a pair of adjacent bytes (prev, cur) can be wrong. A bit stays set in
// high_of_prev[prev >> 4] & low_of_prev[prev & 15] & high_of_cur[cur >> 4] exactly when the pair is wrong that
// way, so every condition below is written as (a set of prev's high nibbles) x (a set of prev's low nibbles) x (a
// set of cur's high nibbles). Bit 7 is not an error by itself: it marks "two continuation bytes in a row", which is
// right exactly when the byte two back is a 3- or 4-byte lead or the byte three back is a 4-byte lead.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace reqprobe::detail::simd::utf8_tables {

inline constexpr std::uint8_t kTooShort = 1 << 0;   // a lead byte not followed by a continuation byte
inline constexpr std::uint8_t kTooLong = 1 << 1;    // a continuation byte after an ASCII byte
inline constexpr std::uint8_t kOverlong3 = 1 << 2;  // E0 80..9F: a 3-byte form of a smaller code point
inline constexpr std::uint8_t kTooLarge = 1 << 3;   // F4 90..BF, F5..FF 90..BF: above U+10FFFF
inline constexpr std::uint8_t kSurrogate = 1 << 4;  // ED A0..BF: U+D800..U+DFFF
inline constexpr std::uint8_t kOverlong2 = 1 << 5;  // C0, C1 then a continuation byte
inline constexpr std::uint8_t kOverlong4 = 1 << 6;  // F0 80..8F, and F5..FF 80..8F (above U+10FFFF)
inline constexpr std::uint8_t kTwoConts = 1 << 7;   // two continuation bytes in a row (see above)

inline constexpr std::uint8_t kAnyCont = kTooLong | kOverlong2 | kTwoConts;  // cur is any continuation byte

/// Indexed by the previous byte's high nibble.
inline constexpr std::array<std::uint8_t, 16> kHighOfPrev = [] {
  std::array<std::uint8_t, 16> t{};
  for (int h = 0x0; h <= 0x7; ++h) t[h] = kTooLong;
  for (int h = 0x8; h <= 0xB; ++h) t[h] = kTwoConts;
  t[0xC] = kTooShort | kOverlong2;
  t[0xD] = kTooShort;
  t[0xE] = kTooShort | kOverlong3 | kSurrogate;
  t[0xF] = kTooShort | kTooLarge | kOverlong4;
  return t;
}();

/// Indexed by the previous byte's low nibble.
inline constexpr std::array<std::uint8_t, 16> kLowOfPrev = [] {
  std::array<std::uint8_t, 16> t{};
  for (int l = 0; l < 16; ++l) {
    t[l] = kTooShort | kTooLong | kTwoConts;
    if (l <= 0x1) t[l] |= kOverlong2;              // C0, C1
    if (l == 0x0) t[l] |= kOverlong3;              // E0
    if (l == 0xD) t[l] |= kSurrogate;              // ED
    if (l >= 0x4) t[l] |= kTooLarge;               // F4..FF
    if (l == 0x0 || l >= 0x5) t[l] |= kOverlong4;  // F0, F5..FF
  }
  return t;
}();

/// Indexed by the current byte's high nibble.
inline constexpr std::array<std::uint8_t, 16> kHighOfCur = [] {
  std::array<std::uint8_t, 16> t{};
  for (int h = 0x0; h <= 0x7; ++h) t[h] = kTooShort;
  for (int h = 0xC; h <= 0xF; ++h) t[h] = kTooShort;
  t[0x8] = kAnyCont | kOverlong3 | kOverlong4;
  t[0x9] = kAnyCont | kOverlong3 | kTooLarge;
  t[0xA] = kAnyCont | kSurrogate | kTooLarge;
  t[0xB] = kAnyCont | kSurrogate | kTooLarge;
  return t;
}();

/// A block of `Width` bytes minus this (saturating) is nonzero where a byte starts a sequence the block does not
/// finish: 0xF0 and up three from the end, 0xE0 and up two from the end, 0xC0 and up last.
template <std::size_t Width>
inline constexpr std::array<std::uint8_t, Width> kUnfinishedLimits = [] {
  std::array<std::uint8_t, Width> t{};
  for (auto& b : t) b = 0xFF;
  t[Width - 3] = 0xEF;
  t[Width - 2] = 0xDF;
  t[Width - 1] = 0xBF;
  return t;
}();

}  // namespace reqprobe::detail::simd::utf8_tables
