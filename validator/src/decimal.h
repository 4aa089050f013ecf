// Numbers as their decimal lexemes say, never through binary floating point: JSON Schema's bounds, multipleOf,
// enum and const compare values exactly, whatever the digits (issue 12: 19.99 is a multiple of 0.01; 1e308,
// 1e-400 and 400-digit mantissas are exact; integers beyond 2^53 stay exact).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace reqprobe::detail {

/// value = (negative ? -1 : 1) * 0.d1d2d3... * 10^exponent, digits without leading or trailing zeros; zero has no
/// digits (and is never negative).
struct Decimal {
  bool negative = false;
  std::string digits;
  std::int64_t exponent = 0;

  [[nodiscard]] bool is_zero() const noexcept { return digits.empty(); }
  /// True when the value is a whole number (1.0 and 1e2 are).
  [[nodiscard]] bool is_integral() const noexcept {
    return digits.empty() || exponent >= static_cast<std::int64_t>(digits.size());
  }
};

/// Parses a JSON number lexeme (RFC 8259; the caller has checked its syntax). False only for lexemes whose exponent
/// does not fit in 62 bits, which no document needs.
[[nodiscard]] bool parse_decimal(std::string_view lexeme, Decimal& out) noexcept;

/// The Decimal of a lexeme known to be well formed (constants).
[[nodiscard]] inline Decimal decimal_of(std::string_view lexeme) {
  Decimal d;
  (void)parse_decimal(lexeme, d);
  return d;
}

/// -1, 0 or 1.
[[nodiscard]] int compare(const Decimal& a, const Decimal& b) noexcept;

/// True when `value` is an integer multiple of `divisor` (> 0). Exact, in time linear in the digits, with
/// modular arithmetic for large exponents; divisors of more than 36 significant digits fall back to long division.
[[nodiscard]] bool is_multiple_of(const Decimal& value, const Decimal& divisor);

/// A canonical text: equal numbers give equal texts (1, 1.0, 10e-1, 0.1e1 all give "1e1" in this form:
/// "<digits>e<exponent>" with a leading '-' for negatives, "0" for zero).
[[nodiscard]] std::string canonical_number(const Decimal& value);

/// The number as a person writes it, and as any JSON reader reads it: "250", "1.5", "-0.001"; exponent notation
/// ("1.5e+300", "2e-9") only when plain digits would need more than 21 of them.
[[nodiscard]] std::string plain_number(const Decimal& value);

/// The value as int64 when it is integral and fits.
[[nodiscard]] bool to_int64(const Decimal& value, std::int64_t& out) noexcept;

}  // namespace reqprobe::detail
