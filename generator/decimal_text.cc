#include "decimal_text.h"

#include <algorithm>
#include <vector>

namespace reqprobe::gen {
namespace {

constexpr std::int64_t kMaxPlainDigits = 40;
constexpr std::size_t kMaxDivisionDigits = 4096;

void trim(std::string& digits) {
  const std::size_t first = digits.find_first_not_of('0');
  digits = first == std::string::npos ? "0" : digits.substr(first);
}

int compare_magnitude(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  const int c = a.compare(b);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

std::string add_magnitude(const std::string& a, const std::string& b) {
  std::string out;
  int carry = 0;
  for (std::size_t i = 0; i < std::max(a.size(), b.size()) || carry; ++i) {
    int sum = carry;
    if (i < a.size()) sum += a[a.size() - 1 - i] - '0';
    if (i < b.size()) sum += b[b.size() - 1 - i] - '0';
    out.push_back(static_cast<char>('0' + sum % 10));
    carry = sum / 10;
  }
  std::reverse(out.begin(), out.end());
  trim(out);
  return out;
}

// a - b with a >= b.
std::string subtract_magnitude(const std::string& a, const std::string& b) {
  std::string out;
  int borrow = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    int d = a[a.size() - 1 - i] - '0' - borrow;
    if (i < b.size()) d -= b[b.size() - 1 - i] - '0';
    borrow = d < 0;
    out.push_back(static_cast<char>('0' + (d + 10) % 10));
  }
  std::reverse(out.begin(), out.end());
  trim(out);
  return out;
}

std::string multiply_magnitude(const std::string& a, const std::string& b) {
  std::string out(a.size() + b.size(), 0);
  std::vector<int> acc(a.size() + b.size(), 0);
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t j = 0; j < b.size(); ++j) acc[i + j + 1] += (a[i] - '0') * (b[j] - '0');
  for (std::size_t k = acc.size(); k-- > 1;) {
    acc[k - 1] += acc[k] / 10;
    acc[k] %= 10;
  }
  for (std::size_t k = 0; k < acc.size(); ++k) out[k] = static_cast<char>('0' + acc[k]);
  trim(out);
  return out;
}

// Both to the smaller exponent: their digit strings then compare and add as integers.
std::pair<std::string, std::string> aligned(const Decimal& a, const Decimal& b, std::int64_t& exponent) {
  exponent = std::min(a.exponent, b.exponent);
  std::string x = a.digits, y = b.digits;
  if (!a.is_zero()) x.append(static_cast<std::size_t>(a.exponent - exponent), '0');
  if (!b.is_zero()) y.append(static_cast<std::size_t>(b.exponent - exponent), '0');
  return {x, y};
}

Decimal normal(bool negative, std::string digits, std::int64_t exponent) {
  trim(digits);
  Decimal d;
  if (digits == "0") return d;
  // Trailing zeros move into the exponent, so equal values have one form.
  std::size_t zeros = 0;
  while (zeros + 1 < digits.size() && digits[digits.size() - 1 - zeros] == '0') ++zeros;
  digits.resize(digits.size() - zeros);
  d.negative = negative;
  d.digits = std::move(digits);
  d.exponent = exponent + static_cast<std::int64_t>(zeros);
  return d;
}

// floor(x / m) and whether the division left a remainder, for magnitudes; m has at most 18 digits.
std::string divide(const std::string& x, std::uint64_t m, bool& remainder) {
  std::string q;
  __extension__ using u128 = unsigned __int128;  // GCC and Clang; -Wpedantic wants it marked
  u128 r = 0;
  for (const char c : x) {
    r = r * 10 + static_cast<unsigned>(c - '0');
    q.push_back(static_cast<char>('0' + static_cast<int>(r / m)));
    r %= m;
  }
  remainder = r != 0;
  trim(q);
  return q;
}

std::optional<Decimal> multiple(const Decimal& x, const Decimal& step, bool up, bool strictly) {
  if (step.is_zero() || step.negative) return std::nullopt;
  std::int64_t exponent = 0;
  if (std::abs(x.exponent - step.exponent) > static_cast<std::int64_t>(kMaxDivisionDigits)) return std::nullopt;
  auto [xs, ms] = aligned(x, step, exponent);
  if (ms.size() > 18 || xs.size() > kMaxDivisionDigits) return std::nullopt;
  bool remainder = false;
  const std::string q = divide(xs, std::stoull(ms), remainder);
  // q = floor(|x| / step). Toward +inf for `up`, toward -inf otherwise, in the sign's terms.
  Decimal k = normal(x.negative, q, 0);
  const bool away = x.negative ? !up : up;  // moving away from zero in magnitude
  const bool exact = !remainder;
  const Decimal one = Decimal::of(x.negative ? -1 : 1);
  if (!exact && away) k = add(k, one);
  if (exact && strictly) k = up ? add(k, Decimal::of(1)) : subtract(k, Decimal::of(1));
  return multiply(k, step);
}

}  // namespace

std::optional<Decimal> Decimal::parse(std::string_view s) {
  std::size_t i = 0;
  bool negative = false;
  if (i < s.size() && s[i] == '-') negative = true, ++i;
  std::string digits;
  std::int64_t exponent = 0;
  bool any = false;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') digits.push_back(s[i++]), any = true;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') digits.push_back(s[i++]), --exponent, any = true;
  }
  if (!any) return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool minus = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) minus = s[i++] == '-';
    std::int64_t e = 0;
    bool exponent_digits = false;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (e < 100000000) e = e * 10 + (s[i] - '0');
      ++i;
      exponent_digits = true;
    }
    if (!exponent_digits) return std::nullopt;
    exponent += minus ? -e : e;
  }
  if (i != s.size()) return std::nullopt;
  return normal(negative, digits, exponent);
}

Decimal Decimal::of(std::int64_t value) {
  const bool negative = value < 0;
  const std::uint64_t magnitude =
      negative ? static_cast<std::uint64_t>(-(value + 1)) + 1 : static_cast<std::uint64_t>(value);
  return normal(negative, std::to_string(magnitude), 0);
}

bool Decimal::is_integral() const {
  return exponent >= 0 || is_zero();
}

std::string Decimal::lexeme() const {
  std::string out = negative ? "-" : "";
  const auto size = static_cast<std::int64_t>(digits.size());
  if (exponent >= 0 && size + exponent <= kMaxPlainDigits) {
    out += digits;
    if (!is_zero()) out.append(static_cast<std::size_t>(exponent), '0');
  } else if (exponent < 0 && -exponent <= kMaxPlainDigits) {
    const std::int64_t places = -exponent;
    if (places >= size) {
      out += "0." + std::string(static_cast<std::size_t>(places - size), '0') + digits;
    } else {
      out += digits.substr(0, static_cast<std::size_t>(size - places)) + "." +
             digits.substr(static_cast<std::size_t>(size - places));
    }
  } else {
    out += digits + "e" + std::to_string(exponent);
  }
  return out;
}

int compare(const Decimal& a, const Decimal& b) {
  if (a.negative != b.negative) return a.negative ? -1 : 1;
  std::int64_t exponent = 0;
  // Far apart exponents: decide by magnitude order without building huge strings.
  const std::int64_t order_a = static_cast<std::int64_t>(a.digits.size()) + a.exponent;
  const std::int64_t order_b = static_cast<std::int64_t>(b.digits.size()) + b.exponent;
  int magnitude = 0;
  if (a.is_zero() || b.is_zero()) {
    magnitude = a.is_zero() ? (b.is_zero() ? 0 : -1) : 1;
  } else if (order_a != order_b) {
    magnitude = order_a < order_b ? -1 : 1;
  } else {
    const auto [x, y] = aligned(a, b, exponent);
    magnitude = compare_magnitude(x, y);
  }
  return a.negative ? -magnitude : magnitude;
}

Decimal add(const Decimal& a, const Decimal& b) {
  if (a.is_zero()) return b;
  if (b.is_zero()) return a;
  std::int64_t exponent = 0;
  const auto [x, y] = aligned(a, b, exponent);
  if (a.negative == b.negative) return normal(a.negative, add_magnitude(x, y), exponent);
  const int c = compare_magnitude(x, y);
  if (c == 0) return Decimal{};
  return c > 0 ? normal(a.negative, subtract_magnitude(x, y), exponent)
               : normal(b.negative, subtract_magnitude(y, x), exponent);
}

Decimal subtract(const Decimal& a, const Decimal& b) {
  Decimal minus_b = b;
  if (!minus_b.is_zero()) minus_b.negative = !minus_b.negative;
  return add(a, minus_b);
}

Decimal multiply(const Decimal& a, const Decimal& b) {
  return normal(a.negative != b.negative, multiply_magnitude(a.digits, b.digits), a.exponent + b.exponent);
}

Decimal half(const Decimal& a) {
  return multiply(a, normal(false, "5", -1));
}

Decimal unit(std::int64_t places) {
  return normal(false, "1", -places);
}

std::optional<Decimal> next_multiple(const Decimal& x, const Decimal& step, bool strictly) {
  return multiple(x, step, true, strictly);
}

std::optional<Decimal> previous_multiple(const Decimal& x, const Decimal& step, bool strictly) {
  return multiple(x, step, false, strictly);
}

}  // namespace reqprobe::gen
