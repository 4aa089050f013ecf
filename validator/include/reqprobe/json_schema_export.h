// Exporting a contract for other tools: the body schema of one operation as a JSON Schema (draft-07), built from
// the compiled Plan, so it says exactly what the engine enforces, not what the OpenAPI text seems to say.
//
//     auto loaded = reqprobe::load_embedded_contract();
//     std::string schema = reqprobe::export_json_schema(*loaded.contract);
#pragma once

#include <cstddef>
#include <string>

#include "reqprobe/contract.h"

namespace reqprobe {

/// A draft-07 JSON Schema of operation `operation`'s JSON body, 2-space indented, without a trailing newline.
///
/// - Object schemas other than the root become "definitions", referenced with "$ref" (the root is "#").
/// - Integer bounds are always explicit, so int32/int64 format ranges are part of the schema.
/// - An integer enum with an enabled mask union lists the enum values plus every accepted OR of whole masks.
/// - Cross-field rules of severity error become one "allOf" entry each: "anyOf" over their terms, and a `when`
///   as the equivalent "anyOf": [{"not": when}, terms...]. Single values are written as one-value "enum" rather
///   than "const", and "if"/"then" is not used, so draft-04 validators (RapidJSON 1.1 among them) read the
///   schema exactly as draft-07 validators do.
/// - Not expressible, so left out and named in a "$comment": warnings (they never change the verdict), ordered
///   rules of severity error, and reqprobe's safety limits (body bytes, depth, string bytes, counts).
///
/// An operation index out of range, or an operation without a body, gives the schema that accepts any JSON.
[[nodiscard]] std::string export_json_schema(const Contract& contract, std::size_t operation = 0);

}  // namespace reqprobe
