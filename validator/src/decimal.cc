#include "decimal.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace reqprobe::detail {

bool parse_decimal(std::string_view s, Decimal& out) noexcept {
  out = Decimal{};
  std::size_t i = 0;
  bool negative = false;
  if (i < s.size() && s[i] == '-') {
    negative = true;
    ++i;
  }
  std::string digits;
  std::int64_t point = 0;  // digits before the decimal point
  bool seen_point = false;
  for (; i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.'); ++i) {
    if (s[i] == '.') {
      seen_point = true;
      continue;
    }
    digits.push_back(s[i]);
    if (!seen_point) ++point;
  }
  std::int64_t exponent = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool minus = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) minus = s[i++] == '-';
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      if (exponent > (std::numeric_limits<std::int64_t>::max() / 4 - 9) / 10) return false;
      exponent = exponent * 10 + (s[i] - '0');
    }
    if (minus) exponent = -exponent;
  }
  // Strip leading zeros (each moves the point left) and trailing zeros (no effect on the exponent).
  const std::size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return true;  // zero
  point -= static_cast<std::int64_t>(first);
  digits.erase(0, first);
  digits.erase(digits.find_last_not_of('0') + 1);
  out.negative = negative;
  out.digits = std::move(digits);
  out.exponent = point + exponent;
  return true;
}

namespace {

int compare_magnitude(const Decimal& a, const Decimal& b) noexcept {
  if (a.is_zero() || b.is_zero()) return a.is_zero() == b.is_zero() ? 0 : (a.is_zero() ? -1 : 1);
  if (a.exponent != b.exponent) return a.exponent < b.exponent ? -1 : 1;
  const int c = a.digits.compare(b.digits);  // same exponent: the digit strings compare as 0.xxx fractions
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

}  // namespace

int compare(const Decimal& a, const Decimal& b) noexcept {
  const bool an = a.negative && !a.is_zero();
  const bool bn = b.negative && !b.is_zero();
  if (an != bn) return an ? -1 : 1;
  const int m = compare_magnitude(a, b);
  return an ? -m : m;
}

namespace {

__extension__ using u128 = unsigned __int128;  // GCC and Clang; -Wpedantic wants it marked

// (10^power) mod m, by squaring.
std::uint64_t pow10_mod(std::uint64_t power, std::uint64_t m) {
  u128 result = 1 % m;
  u128 base = 10 % m;
  while (power > 0) {
    if (power & 1) result = result * base % m;
    base = base * base % m;
    power >>= 1;
  }
  return static_cast<std::uint64_t>(result);
}

// Digits (big-endian, as text) mod m.
std::uint64_t digits_mod(std::string_view digits, std::uint64_t m) {
  u128 r = 0;
  for (const char c : digits) r = (r * 10 + static_cast<unsigned>(c - '0')) % m;
  return static_cast<std::uint64_t>(r);
}

// Big unsigned integers as little-endian base-10^9 limbs, for divisors too wide for 64 bits.
using Big = std::vector<std::uint32_t>;

Big big_from_digits(std::string_view digits, std::size_t trailing_zeros) {
  std::string all(digits);
  all.append(trailing_zeros, '0');
  Big out;
  for (std::size_t end = all.size(); end > 0; end = end >= 9 ? end - 9 : 0) {
    const std::size_t begin = end >= 9 ? end - 9 : 0;
    out.push_back(static_cast<std::uint32_t>(std::stoul(all.substr(begin, end - begin))));
    if (begin == 0) break;
  }
  while (out.size() > 1 && out.back() == 0) out.pop_back();
  return out;
}

int big_compare(const Big& a, const Big& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (std::size_t i = a.size(); i-- > 0;)
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

void big_subtract(Big& a, const Big& b) {  // a -= b, a >= b
  std::int64_t borrow = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::int64_t v = static_cast<std::int64_t>(a[i]) - borrow - (i < b.size() ? b[i] : 0);
    borrow = v < 0;
    if (v < 0) v += 1000000000;
    a[i] = static_cast<std::uint32_t>(v);
  }
  while (a.size() > 1 && a.back() == 0) a.pop_back();
}

// a mod b by shift-and-subtract over decimal digits of a.
bool big_divides(std::string_view a_digits, std::size_t a_zeros, const Big& b) {
  Big r{0};
  auto push_digit = [&](unsigned d) {  // r = r * 10 + d
    std::uint64_t carry = d;
    for (std::uint32_t& limb : r) {
      const std::uint64_t v = static_cast<std::uint64_t>(limb) * 10 + carry;
      limb = static_cast<std::uint32_t>(v % 1000000000);
      carry = v / 1000000000;
    }
    if (carry) r.push_back(static_cast<std::uint32_t>(carry));
    while (big_compare(r, b) >= 0) big_subtract(r, b);
  };
  for (const char c : a_digits) push_digit(static_cast<unsigned>(c - '0'));
  for (std::size_t i = 0; i < a_zeros; ++i) push_digit(0);
  return r.size() == 1 && r[0] == 0;
}

}  // namespace

bool is_multiple_of(const Decimal& value, const Decimal& divisor) {
  if (value.is_zero()) return true;
  if (divisor.is_zero()) return false;
  // value = V * 10^(ev), divisor = D * 10^(ed), with V, D the digit strings as integers.
  const std::int64_t ev = value.exponent - static_cast<std::int64_t>(value.digits.size());
  const std::int64_t ed = divisor.exponent - static_cast<std::int64_t>(divisor.digits.size());
  // Multiple iff V * 10^(ev - ed) is an integer multiple of D. When ev < ed, V must carry the factor 10^(ed - ev);
  // since V has no trailing zeros, it must then be ... a multiple of D * 10^(ed-ev), impossible unless V's digits
  // are followed by zeros it does not have: V * 10^(ev-ed) is not an integer, so not a multiple.
  if (ev < ed) return false;
  const auto shift = static_cast<std::uint64_t>(ev - ed);
  if (divisor.digits.size() <= 18) {
    const std::uint64_t d = std::stoull(divisor.digits);
    const u128 r = static_cast<u128>(digits_mod(value.digits, d)) * pow10_mod(shift, d) % d;
    return r == 0;
  }
  // A wide divisor. D divides V * 10^shift iff D' divides V, where D' is D without its factors 2 and 5, provided
  // 10^shift supplies at least as many of each; otherwise shift is small enough to append its zeros to V.
  std::string reduced = divisor.digits;
  std::size_t twos = 0, fives = 0;
  auto divide_small = [](std::string& n, unsigned k) {
    std::string q;
    unsigned r = 0;
    for (const char c : n) {
      const unsigned cur = r * 10 + static_cast<unsigned>(c - '0');
      q.push_back(static_cast<char>('0' + cur / k));
      r = cur % k;
    }
    if (r != 0) return false;
    const std::size_t nz = q.find_first_not_of('0');
    n = nz == std::string::npos ? "0" : q.substr(nz);
    return true;
  };
  while (divide_small(reduced, 2)) ++twos;
  while (divide_small(reduced, 5)) ++fives;
  if (shift >= std::max(twos, fives)) return big_divides(value.digits, 0, big_from_digits(reduced, 0));
  return big_divides(value.digits, static_cast<std::size_t>(shift), big_from_digits(divisor.digits, 0));
}

std::string canonical_number(const Decimal& value) {
  if (value.is_zero()) return "0";
  return (value.negative ? "-" : "") + value.digits + "e" + std::to_string(value.exponent);
}

std::string plain_number(const Decimal& value) {
  if (value.is_zero()) return "0";
  std::string out = value.negative ? "-" : "";
  const auto count = static_cast<std::int64_t>(value.digits.size());
  const std::int64_t e = value.exponent;  // value = 0.digits * 10^e
  if (e >= count && e <= 21) {            // an integer: the digits, then zeros
    out += value.digits;
    out.append(static_cast<std::size_t>(e - count), '0');
  } else if (e > 0 && e < count) {  // a point inside the digits
    out += value.digits.substr(0, static_cast<std::size_t>(e)) + "." + value.digits.substr(static_cast<std::size_t>(e));
  } else if (e <= 0 && e > -6) {  // 0.000ddd
    out += "0." + std::string(static_cast<std::size_t>(-e), '0') + value.digits;
  } else {  // d.ddd e(e-1)
    out += value.digits.substr(0, 1);
    if (count > 1) out += "." + value.digits.substr(1);
    out += "e" + std::string(e - 1 >= 0 ? "+" : "") + std::to_string(e - 1);
  }
  return out;
}

bool to_int64(const Decimal& value, std::int64_t& out) noexcept {
  if (value.is_zero()) {
    out = 0;
    return true;
  }
  if (!value.is_integral() || value.exponent > 19) return false;
  u128 magnitude = 0;
  for (std::int64_t i = 0; i < value.exponent; ++i) {
    const unsigned digit =
        i < static_cast<std::int64_t>(value.digits.size()) ? static_cast<unsigned>(value.digits[i] - '0') : 0;
    magnitude = magnitude * 10 + digit;
  }
  const u128 limit = static_cast<u128>(std::numeric_limits<std::int64_t>::max()) + (value.negative ? 1 : 0);
  if (magnitude > limit) return false;
  out = value.negative ? static_cast<std::int64_t>(0 - static_cast<std::uint64_t>(magnitude))
                       : static_cast<std::int64_t>(magnitude);
  return true;
}

}  // namespace reqprobe::detail
