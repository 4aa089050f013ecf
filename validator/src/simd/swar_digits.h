// Eight bytes of decimal digits at once, in a 64-bit register (SIMD within a register): the integer path of the
// body engine reads timestamps and IDs of 10-19 digits, where a byte loop costs a multiply and two branches per
// digit. Little-endian only; callers keep their byte loop for big-endian machines and for the tail.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

namespace reqprobe::detail::simd {

struct DigitRun {
  unsigned count = 0;       ///< how many of the eight bytes, from the first, are '0'-'9'
  std::uint64_t value = 0;  ///< those digits as a number
};

inline constexpr std::array<std::uint64_t, 9> kPowersOfTen = {1,      10,      100,      1000,     10000,
                                                              100000, 1000000, 10000000, 100000000};

/// The run of digits that starts the eight bytes at p (all eight must be readable).
[[nodiscard, gnu::always_inline]] inline DigitRun leading_digits(const char* p) noexcept {
  static_assert(std::endian::native == std::endian::little, "the byte order of p[0..7] in the word");
  constexpr std::uint64_t k30 = 0x3030303030303030ull, k7F = 0x7F7F7F7F7F7F7F7Full, k76 = 0x7676767676767676ull,
                          k80 = 0x8080808080808080ull;
  std::uint64_t word = 0;
  std::memcpy(&word, p, 8);
  const std::uint64_t x = word ^ k30;  // a digit byte becomes its value 0-9; every other byte is 10 or more
  // Per byte, no carries between bytes: bit 7 of ((x & 0x7F) + 0x76) is set when the low seven bits are >= 10, and
  // x's own bit 7 when the byte is >= 0x80.
  const std::uint64_t not_digit = (((x & k7F) + k76) | x) & k80;
  DigitRun run;
  run.count = not_digit == 0 ? 8u : static_cast<unsigned>(std::countr_zero(not_digit)) / 8;
  if (run.count == 0) return run;
  // The digits to the top bytes (first digit in the lowest of them), zeros below them as leading zeros; then pairs,
  // quads and the octet are combined by multiply-and-shift: byte pairs into 16-bit values of two digits, and so on.
  std::uint64_t v = x << (64 - 8 * run.count);
  v = (v * 10 + (v >> 8)) & 0x00FF00FF00FF00FFull;
  v = (v * 100 + (v >> 16)) & 0x0000FFFF0000FFFFull;
  v = (v * 10000 + (v >> 32)) & 0x00000000FFFFFFFFull;
  run.value = v;
  return run;
}

}  // namespace reqprobe::detail::simd
