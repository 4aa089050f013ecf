// The JSON body engine: one iterative pass over the bytes, driven by the plan's schema nodes (engine/body_scanner.h).
#pragma once

#include <cstdint>
#include <string_view>

#include "reqprobe/contract.h"
#include "reqprobe/validator.h"
#include "scratch.h"

namespace reqprobe::detail {

/// Validates `body` against schema node `root` into `sink`. Iterative: nesting costs a Frame, never stack.
/// Instantiated for collecting (exhaustive) and not collecting (fail-fast) so the fast path builds no text.
/// Violations are at `location`, their pointers after `prefix` (a parameter's name, a multipart part's pointer).
template <bool kCollect>
void validate_json_body(const Contract& contract, const ValidatorOptions& options, Scratch& scratch, Sink& sink,
                        std::uint32_t root, std::string_view body, Location location = Location::body,
                        std::string_view prefix = {});

/// Checks a decoded string value against a string node's length and enum; shared by body strings and
/// path/query/header values. Reports at (location, pointer()).
template <bool kCollect, class PointerFn>
void check_string_value(const Plan& plan, Sink& sink, const SchemaNode& node, std::string_view value,
                        std::uint32_t code_points, Location location, PointerFn&& pointer);

}  // namespace reqprobe::detail

#include "string_checks.inl"
