// A cross-field rule written as a schema, shared by the JSON Schema and OpenAPI exports: "anyOf" over its terms,
// and a `when` W as the equivalent "anyOf": [{"not": W}, terms...]. Only draft-04 keywords (one-value "enum" for a
// constant), which OpenAPI 3.0's Schema Object also has.
#pragma once

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <string_view>

#include "reqprobe/plan.h"

namespace reqprobe::detail {

using JsonWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

/// Writes a key or a string value, made valid UTF-8 first.
void write_key(JsonWriter& w, std::string_view name);
void write_text(JsonWriter& w, std::string_view value);

/// The rule as one schema object. `note_keyword` carries "id: message": "$comment" in JSON Schema, "description"
/// in OpenAPI 3.0 (whose Schema Object has no $comment).
void write_rule_schema(JsonWriter& w, const Plan& plan, const Rule& rule, std::string_view note_keyword);

/// A term holds only for a present value of the right shape; the property's own schema, checked anyway, covers the
/// rest (the engine: "a property that is present but invalid does not satisfy a term").
void write_term_schema(JsonWriter& w, const Plan& plan, const RuleTerm& term);

}  // namespace reqprobe::detail
