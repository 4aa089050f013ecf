// Canonical JSON text, so that enum, const and uniqueItems compare values as JSON Schema says (1 equals 1.0,
// members in any order): numbers in decimal.h's canonical form, object members sorted by name, strings with one
// escaping. The body engine writes the same form for request values (engine/canonical_value).
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "../document/node.h"

namespace reqprobe::compile {

/// The bytes a contract's enum or const values may take written out (YAML aliases can make a small document
/// stand for a huge value).
inline constexpr std::size_t kMaxCanonicalBytes = 1 << 20;

/// The canonical text of `value`, or nullopt when writing it would take more than `budget` bytes (counting every
/// nested value's text). Iterative: any nesting depth.
[[nodiscard]] std::optional<std::string> canonical_json(const doc::Node* value,
                                                        std::size_t budget = kMaxCanonicalBytes);

}  // namespace reqprobe::compile
