// Walking the body schema: every field with its JSON Pointer and the steps that reach it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "reqprobe/plan.h"

namespace reqprobe::gen {

/// Where a field lives in the body: the steps from the root (property index, or kNone for "item 0").
struct FieldPath {
  std::string pointer;               ///< JSON Pointer of the field ("/image_info/0/id")
  std::vector<std::uint32_t> steps;  ///< property indexes; kNone means array item 0
  std::uint32_t node = 0;
};

/// Every field below `root`, depth first: object members, and item 0 of arrays. Recursive schemas are walked
/// eight levels deep.
[[nodiscard]] std::vector<FieldPath> schema_fields(const Plan& plan, std::uint32_t root);

}  // namespace reqprobe::gen

namespace reqprobe::gen {

/// The constraint keywords a value of this node can break: "type" always, then min_length/max_length/enum for
/// strings, minimum/maximum/enum for integers, min_items/max_items for arrays (only the bounds that exist).
[[nodiscard]] std::vector<std::string> value_keywords(const SchemaNode& node);

}  // namespace reqprobe::gen
