// A parameter's raw text, by its style, into the value its schema checks (OpenAPI's style/explode table). The
// engines never parse styles themselves: this turns "?ids=1,2,3" into the JSON text [1,2,3], ";color=R,100" into
// {"R":100}, and so on, typing each item by what its schema allows (a number where a number may stand, a string
// otherwise), so the body engine judges parameters exactly as it judges bodies.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "reqprobe/plan.h"

namespace reqprobe::detail {

/// The shape a parameter's schema gives its value.
enum class ValueShape : std::uint8_t { primitive, array, object };
[[nodiscard]] ValueShape shape_of(const Plan& plan, std::uint32_t node) noexcept;

/// A schema and the schemas it is made of through allOf (an OpenAPI 3.1 `$ref` is one: the reference compiles to
/// an allOf entry), so that decoding sees the types, properties and items the value must have wherever they are
/// written. At most kMaxParts nodes, depth first; no allocation.
struct SchemaParts {
  static constexpr std::size_t kMaxParts = 16;
  std::uint32_t nodes[kMaxParts] = {};
  std::size_t count = 0;
  std::uint8_t types = type_bits::all;  ///< what every part allows (integer within number)
  SchemaParts(const Plan& plan, std::uint32_t node) noexcept;
  /// The node of property `name` in the first part that declares it; kNone when none does.
  [[nodiscard]] std::uint32_t property(const Plan& plan, std::string_view name) const noexcept;
  /// The schema of members no part declares: the first part's additionalProperties schema, kFalse when a part
  /// refuses them, kAny otherwise.
  [[nodiscard]] std::uint32_t additional(const Plan& plan) const noexcept;
  /// The schema of array item i (prefixItems, then items) from the first part that says; kAny otherwise.
  [[nodiscard]] std::uint32_t item(const Plan& plan, std::size_t i) const noexcept;
};

/// Splits a path parameter's raw segment text by style (label, matrix, simple) into raw items; for objects, pairs
/// come out as key, value, key, value. False when the text does not have the style's form (a label without its
/// '.', a matrix without ";name=").
[[nodiscard]] bool split_path_value(const Parameter& p, ValueShape shape, std::string_view raw,
                                    std::vector<std::string_view>& items);

/// Splits a query value (one occurrence, raw) by form, spaceDelimited or pipeDelimited, non-exploded.
void split_delimited(const Parameter& p, ValueShape shape, std::string_view raw, std::vector<std::string_view>& items);

/// Writes the JSON text of a value made of decoded items: one item for a primitive, items for an array, key/value
/// pairs for an object. Each scalar is a number, boolean or null where the node that checks it allows that type and
/// the text is one, and a JSON string otherwise.
void write_value_json(const Plan& plan, std::uint32_t node, ValueShape shape, std::span<const std::string_view> items,
                      std::string& out);

/// Appends `text` as a JSON string (escaping what JSON requires; invalid UTF-8 bytes pass through, so the body
/// engine reports them as `encoding`).
void append_json_string(std::string& out, std::string_view text);

}  // namespace reqprobe::detail
