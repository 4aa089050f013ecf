// Exact decimal arithmetic on JSON number lexemes, for generated numbers: a bound, one step past it, a multiple of
// multipleOf next to it. Binary floating point would turn 0.1 + 0.2 into 0.30000000000000004; these never round.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace reqprobe::gen {

/// sign * digits * 10^exponent, digits without leading zeros ("0" for zero, which is never negative).
struct Decimal {
  bool negative = false;
  std::string digits = "0";
  std::int64_t exponent = 0;

  [[nodiscard]] static std::optional<Decimal> parse(std::string_view lexeme);
  [[nodiscard]] static Decimal of(std::int64_t value);
  /// A JSON number lexeme: plain digits while that stays short, else mantissa and exponent ("1e400").
  [[nodiscard]] std::string lexeme() const;
  [[nodiscard]] bool is_zero() const { return digits == "0"; }
  [[nodiscard]] bool is_integral() const;
  /// The number of digits after the point in the plain form (0 for integers).
  [[nodiscard]] std::int64_t scale() const { return exponent < 0 ? -exponent : 0; }
};

[[nodiscard]] int compare(const Decimal& a, const Decimal& b);
[[nodiscard]] Decimal add(const Decimal& a, const Decimal& b);
[[nodiscard]] Decimal subtract(const Decimal& a, const Decimal& b);
[[nodiscard]] Decimal multiply(const Decimal& a, const Decimal& b);
/// a / 2, exactly.
[[nodiscard]] Decimal half(const Decimal& a);
/// 10^-places (places may be negative).
[[nodiscard]] Decimal unit(std::int64_t places);
/// The smallest multiple of `step` (> 0) that is >= x (or > x when `strictly`); nullopt when the numbers are too
/// long to divide here (a step of more than 18 significant digits after scaling).
[[nodiscard]] std::optional<Decimal> next_multiple(const Decimal& x, const Decimal& step, bool strictly);
/// The largest multiple of `step` that is <= x (or < x when `strictly`).
[[nodiscard]] std::optional<Decimal> previous_multiple(const Decimal& x, const Decimal& step, bool strictly);

}  // namespace reqprobe::gen
