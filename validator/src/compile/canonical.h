// Canonical JSON text, so that enum, const and uniqueItems compare values as JSON Schema says (1 equals 1.0,
// members in any order): numbers in decimal.h's canonical form, object members sorted by name, strings with one
// escaping. The body engine writes the same form for request values (engine/canonical_value).
#pragma once

#include <string>

#include "../document/node.h"

namespace reqprobe::compile {

[[nodiscard]] std::string canonical_json(const doc::Node* value);

}  // namespace reqprobe::compile
