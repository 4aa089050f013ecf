// Implementation of check_string_value (a template, so it lives beside its declaration).
#pragma once

#include <string>

#include "key_hash.h"

namespace reqprobe::detail {

/// Whether a string's decoded value is one of the node's enum (or its const).
[[nodiscard]] inline bool string_listed(const Plan& plan, const SchemaNode& node, std::string_view value) noexcept {
  for (std::uint32_t i = 0; i < node.enum_count; ++i)
    if (same_key(plan.enum_strings[node.enum_begin + i], value)) return true;
  return false;
}

template <bool kCollect, class PointerFn>
void check_string_value(const Plan& plan, Sink& sink, const SchemaNode& node, std::string_view value,
                        std::uint32_t code_points, Location location, PointerFn&& pointer) {
  if (code_points < node.min_length) {
    if constexpr (kCollect) {
      sink.add(Code::min_length, location, Severity::error, pointer(),
               "length " + std::to_string(code_points) + " is below minLength " + std::to_string(node.min_length));
    } else {
      sink.add_unlisted(Code::min_length, location, Severity::error);
    }
    if (sink.stopped()) return;
  }
  if (node.max_length != kUnbounded && code_points > node.max_length) {
    if constexpr (kCollect) {
      sink.add(Code::max_length, location, Severity::error, pointer(),
               "length " + std::to_string(code_points) + " exceeds maxLength " + std::to_string(node.max_length));
    } else {
      sink.add_unlisted(Code::max_length, location, Severity::error);
    }
    if (sink.stopped()) return;
  }
  if (node.enum_count == 0 || string_listed(plan, node, value)) return;
  const Code code = node.const_value ? Code::const_value : Code::enum_value;  // the keyword the schema wrote
  if constexpr (kCollect) {
    std::string allowed;
    for (std::uint32_t i = 0; i < node.enum_count; ++i) {
      if (i) allowed += ", ";
      allowed += plan.enum_strings[node.enum_begin + i];
    }
    sink.add(code, location, Severity::error, pointer(),
             node.const_value ? "value is not the constant " + allowed : "value is not one of: " + allowed);
  } else {
    sink.add_unlisted(code, location, Severity::error);
  }
}

}  // namespace reqprobe::detail
