#include "integer_checks.h"

#include "reqprobe/violation.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace reqprobe::detail {
namespace {

inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Index of the first byte at or after pos that is not an ASCII digit (n when none): 64 bytes per step, so a
// hostile 10,000-digit number costs about as much as memchr over it.
std::size_t skip_digits(const char* data, std::size_t n, std::size_t pos) {
#if defined(__SSE2__)
  // Adding 0x80 - '0' maps '0'..'9' onto -128..-119 (signed) and every other byte above -119: one add and one
  // compare per 16 bytes mark the non-digits.
  const __m128i shift = _mm_set1_epi8(static_cast<char>(0x80 - '0'));
  const __m128i last_digit = _mm_set1_epi8(static_cast<char>(0x80 - '0' + '9'));
  auto outside = [&](std::size_t at) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + at));
    return _mm_cmpgt_epi8(_mm_add_epi8(v, shift), last_digit);
  };
  for (; pos + 64 <= n; pos += 64) {
    const __m128i any =
        _mm_or_si128(_mm_or_si128(outside(pos), outside(pos + 16)), _mm_or_si128(outside(pos + 32), outside(pos + 48)));
    if (_mm_movemask_epi8(any) != 0) break;  // the 16-byte loop below finds which byte
  }
  for (; pos + 16 <= n; pos += 16) {
    const auto mask = static_cast<unsigned>(_mm_movemask_epi8(outside(pos)));
    if (mask != 0) return pos + static_cast<unsigned>(__builtin_ctz(mask));
  }
#endif
  while (pos < n && is_digit(data[pos])) ++pos;
  return pos;
}

bool in_mask_union(const MaskUnion& masks, std::int64_t value) {
  if (value <= 0) return false;
  std::int64_t covered = 0;
  for (const std::int64_t mask : masks.masks) {
    const std::int64_t part = value & mask;
    if (part != 0 && part != mask) return false;  // only whole masks
    covered |= part;
  }
  return covered == value;
}

}  // namespace

NumberLexeme scan_number(const char* data, std::size_t n, std::size_t pos) noexcept {
  NumberLexeme lexeme;
  if (pos < n && data[pos] == '-') ++pos;
  if (pos >= n || !is_digit(data[pos])) {
    lexeme.end = pos;
    return lexeme;
  }
  if (data[pos] == '0') {
    ++pos;
  } else {
    pos = skip_digits(data, n, pos);
  }
  lexeme.integer = true;
  if (pos < n && data[pos] == '.') {
    ++pos;
    lexeme.integer = false;
    if (pos >= n || !is_digit(data[pos])) {
      lexeme.end = pos;
      return lexeme;
    }
    while (pos < n && is_digit(data[pos])) ++pos;
  }
  if (pos < n && (data[pos] == 'e' || data[pos] == 'E')) {
    ++pos;
    lexeme.integer = false;
    if (pos < n && (data[pos] == '+' || data[pos] == '-')) ++pos;
    if (pos >= n || !is_digit(data[pos])) {
      lexeme.end = pos;
      return lexeme;
    }
    while (pos < n && is_digit(data[pos])) ++pos;
  }
  lexeme.well_formed = true;
  lexeme.end = pos;
  return lexeme;
}

IntegerCheck check_integer(const Plan& plan, const SchemaNode& node, std::string_view lexeme) noexcept {
  IntegerCheck check;
  const bool negative = !lexeme.empty() && lexeme[0] == '-';
  std::uint64_t magnitude = 0;
  bool overflow = false;
  for (std::size_t i = negative ? 1 : 0; i < lexeme.size(); ++i) {
    const auto digit = static_cast<std::uint64_t>(lexeme[i] - '0');
    if (magnitude > (UINT64_MAX - digit) / 10) {
      overflow = true;
      break;
    }
    magnitude = magnitude * 10 + digit;
  }
  constexpr std::uint64_t kMaxPositive = static_cast<std::uint64_t>(INT64_MAX);
  if (overflow || magnitude > kMaxPositive + (negative ? 1 : 0)) {
    check.code = static_cast<int>(negative ? Code::minimum : Code::maximum);
    return check;
  }
  return check_integer_value(
      plan, node, negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude));
}

IntegerCheck check_integer_value(const Plan& plan, const SchemaNode& node, std::int64_t value) noexcept {
  IntegerCheck check;
  check.in_int64 = true;
  check.value = value;
  if (check.value < node.minimum) {
    check.code = static_cast<int>(Code::minimum);
    return check;
  }
  if (check.value > node.maximum) {
    check.code = static_cast<int>(Code::maximum);
    return check;
  }
  if (node.enum_count == 0) return check;
  for (std::uint32_t i = 0; i < node.enum_count; ++i)
    if (plan.enum_integers[node.enum_begin + i] == check.value) return check;
  if (node.mask_union != kNone && plan.mask_unions[node.mask_union].enabled &&
      in_mask_union(plan.mask_unions[node.mask_union], check.value))
    return check;
  check.code = static_cast<int>(node.const_value ? Code::const_value : Code::enum_value);
  return check;
}

std::string integer_message(const Plan& plan, const SchemaNode& node, const IntegerCheck& check,
                            std::string_view lexeme) {
  // One string, appended to: a hostile lexeme is cut to its first 40 characters and its length.
  constexpr std::size_t kShown = 40;
  std::string out = "value ";
  out.reserve(96);
  out.append(lexeme.substr(0, kShown));
  if (lexeme.size() > kShown) out.append("... (").append(std::to_string(lexeme.size())).append(" characters)");
  if (!check.in_int64) return out.append(" is outside the int64 range");
  const auto code = static_cast<Code>(check.code);
  if (code == Code::minimum) return out.append(" is below minimum ").append(std::to_string(node.minimum));
  if (code == Code::maximum) return out.append(" exceeds maximum ").append(std::to_string(node.maximum));
  out.append(code == Code::const_value ? " is not the constant " : " is not one of: ");
  for (std::uint32_t i = 0; i < node.enum_count; ++i) {
    if (i) out.append(", ");
    out.append(std::to_string(plan.enum_integers[node.enum_begin + i]));
  }
  if (node.mask_union != kNone && plan.mask_unions[node.mask_union].enabled) {
    // The option widened the enum: say what it accepts too, or the message names fewer values than are allowed.
    const MaskUnion& masks = plan.mask_unions[node.mask_union];
    out.append(", nor an OR of whole masks of ");
    for (std::size_t i = 0; i < masks.masks.size(); ++i) {
      if (i) out.append(", ");
      out.append(std::to_string(masks.masks[i]));
    }
    out.append(" (option ").append(masks.option).append(")");
  }
  return out;
}

}  // namespace reqprobe::detail
