// Walking the body schema: every field with its JSON Pointer and the steps that reach it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "reqprobe/plan.h"

namespace reqprobe::gen {

/// A step into array item `i` (prefixItems and the items after them): kItemStep + i. kNone is item 0 of a plain
/// array (items without prefixItems).
inline constexpr std::uint32_t kItemStep = 0xF0000000u;

/// Where a field lives in the body: the steps from the root (property index, kNone for "item 0", or kItemStep + i).
struct FieldPath {
  std::string pointer;               ///< JSON Pointer of the field ("/image_info/0/id")
  std::vector<std::uint32_t> steps;  ///< property indexes; kNone means array item 0
  std::uint32_t node = 0;
  std::vector<std::uint32_t> nodes = {};  ///< the node each step reaches (the last is `node`)
};

/// Every field below `root`, depth first: object members, and item 0 of arrays. Recursive schemas are walked
/// eight levels deep, and a schema already twice on the way down is not entered again. General nodes (composition,
/// tuples) contribute the members of their allOf branches and their prefixItems; readOnly members are left out
/// (a request does not send them).
[[nodiscard]] std::vector<FieldPath> schema_fields(const Plan& plan, std::uint32_t root);

/// The node and every allOf branch below it (the schemas a value must satisfy all of), node first.
[[nodiscard]] std::vector<std::uint32_t> all_of_closure(const Plan& plan, std::uint32_t node);

/// The schema of item `index` of an array valid against `node` (prefixItems, then items; kAny when none).
[[nodiscard]] std::uint32_t item_node(const Plan& plan, std::uint32_t node, std::uint32_t index);

/// True for the nodes the classic case families handle (the fast-path kinds without general keywords).
[[nodiscard]] inline bool is_classic(const SchemaNode& node) {
  return !node.general;
}

}  // namespace reqprobe::gen

namespace reqprobe::gen {

/// The constraint keywords a value of this node can break: "type" always, then min_length/max_length/enum for
/// strings, minimum/maximum/enum for integers, min_items/max_items for arrays (only the bounds that exist).
[[nodiscard]] std::vector<std::string> value_keywords(const SchemaNode& node);

/// The same for a general node (and its allOf branches): its assertion keywords by their violation codes
/// ("pattern", "format", "multiple_of", "one_of", "min_properties", ...), "type" when some type is refused, and
/// "null" when null is allowed beside another type.
[[nodiscard]] std::vector<std::string> general_keywords(const Plan& plan, std::uint32_t node);

/// The value keywords of a parameter written by style: general_keywords without the member-level ones (a
/// parameter's members are not probed one by one) and without "type" when any text is a valid string.
[[nodiscard]] std::vector<std::string> parameter_keywords(const Plan& plan, const Parameter& parameter);

/// Whether the parameter can be given twice in one request to test `duplicate`: headers, cookies and query
/// parameters whose style does not gather occurrences (form-exploded arrays and objects, deepObject).
[[nodiscard]] bool repeatable_parameter(const Plan& plan, const Parameter& parameter);

}  // namespace reqprobe::gen
