// Numbers: the RFC 8259 lexeme, and exact integer range checks that never go through a double (D10).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "reqprobe/plan.h"

namespace reqprobe::detail {

struct NumberLexeme {
  bool well_formed = false;
  bool integer = false;  ///< no fraction, no exponent
  std::size_t end = 0;
};

/// Reads the number starting at data[pos].
[[nodiscard]] NumberLexeme scan_number(const char* data, std::size_t n, std::size_t pos) noexcept;

struct IntegerCheck {
  static constexpr int kOk = -1;
  int code = kOk;  ///< kOk, or a Code (minimum, maximum, enum_value)
  bool in_int64 = false;
  std::int64_t value = 0;
};

/// Checks an integer lexeme (`-?(0|[1-9][0-9]*)`) against an integer node: range, enum, mask union.
[[nodiscard]] IntegerCheck check_integer(const Plan& plan, const SchemaNode& node, std::string_view lexeme) noexcept;

/// Checks an integer already known to fit int64 against the node: range, enum, mask union.
[[nodiscard]] IntegerCheck check_integer_value(const Plan& plan, const SchemaNode& node, std::int64_t value) noexcept;

/// The message for a failed check.
[[nodiscard]] std::string integer_message(const Plan& plan, const SchemaNode& node, const IntegerCheck& check,
                                          std::string_view lexeme);

}  // namespace reqprobe::detail
