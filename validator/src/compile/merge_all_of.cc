#include "merge_all_of.h"

#include <algorithm>
#include <string>
#include <vector>

#include "fast_path.h"
#include "property_lookup.h"

namespace reqprobe::compile {
namespace {

// A branch whose only assertions are `type` (object, or none) and `properties` with `required`: nothing in it
// looks at the object as a whole (no additionalProperties, patternProperties, counts, dependencies, rules,
// unevaluated*), at values of another type, or at other schemas. Its properties can then move into the parent.
bool plain_object_branch(const Plan& plan, std::uint32_t index) {
  if (index < 2 || index >= plan.nodes.size()) return false;  // kAny and kFalse stay as they are
  const SchemaNode& b = plan.nodes[index];
  const bool types_ok = b.types == type_bits::object || b.types == type_bits::all;
  const bool kind_ok = b.kind == NodeKind::object || b.kind == NodeKind::any;
  const bool applicators = b.all_of_count != 0 || b.any_of_count != 0 || b.one_of_count != 0 || b.not_node != kNone ||
                           b.if_node != kNone || b.then_node != kNone || b.else_node != kNone;
  const bool whole_object = b.additional != kNone || b.patterns_count != 0 || b.property_names != kNone ||
                            b.min_properties != 0 || b.max_properties != kUnbounded || b.dependents_count != 0 ||
                            b.unevaluated_properties != kNone || b.discriminator != kNone || b.rules_count != 0;
  const bool other_types = b.min_length != 0 || b.max_length != kUnbounded || b.pattern != kNone ||
                           b.format_check != Format::none || b.number_bounds != kNone || b.items != kNone ||
                           b.min_items != 0 || b.max_items != kUnbounded || b.prefix_count != 0 ||
                           b.contains != kNone || b.unique_items || b.unevaluated_items != kNone ||
                           b.explicit_minimum || b.explicit_maximum || b.format != IntegerFormat::none ||
                           b.enum_count != 0 || b.mask_union != kNone;
  if (!types_ok || !kind_ok || applicators || whole_object || other_types || b.never || b.has_values) return false;
  for (std::uint32_t i = 0; i < b.properties_count; ++i) {
    const Property& p = plan.properties[b.properties_begin + i];
    if (p.access != 0 || p.capture != 0xff) return false;
  }
  return true;
}

bool declares(const Plan& plan, const std::vector<Property>& properties, std::uint32_t branch) {
  const SchemaNode& b = plan.nodes[branch];
  for (std::uint32_t i = 0; i < b.properties_count; ++i)
    for (const Property& p : properties)
      if (p.name == plan.properties[b.properties_begin + i].name) return true;
  return false;
}

bool is_required(const Plan& plan, const SchemaNode& node, std::uint32_t property) {
  for (std::uint32_t r = 0; r < node.required_count; ++r)
    if (plan.lists[node.required_begin + r] == property) return true;
  return false;
}

void merge_into(Plan& plan, std::uint32_t index) {
  SchemaNode n = plan.nodes[index];
  // The parent's own object keywords that see the set of declared members would change meaning if it grew.
  if (n.all_of_count == 0 || n.additional != kNone || n.patterns_count != 0 || n.unevaluated_properties != kNone ||
      n.rules_count != 0 || n.discriminator != kNone || n.never)
    return;
  if ((n.types & type_bits::object) == 0) return;
  std::vector<Property> properties;
  std::vector<bool> required;
  for (std::uint32_t i = 0; i < n.properties_count; ++i) {
    properties.push_back(plan.properties[n.properties_begin + i]);
    required.push_back(is_required(plan, n, n.properties_begin + i));
  }
  for (const Property& p : properties)
    if (p.access != 0 || p.capture != 0xff) return;
  std::vector<std::uint32_t> kept;
  bool merged = false;
  std::uint8_t types = n.types;
  for (std::uint32_t k = 0; k < n.all_of_count; ++k) {
    const std::uint32_t branch = plan.lists[n.all_of_begin + k];
    if (branch == index || !plain_object_branch(plan, branch) || declares(plan, properties, branch)) {
      kept.push_back(branch);
      continue;
    }
    const SchemaNode& b = plan.nodes[branch];
    for (std::uint32_t i = 0; i < b.properties_count; ++i) {
      properties.push_back(plan.properties[b.properties_begin + i]);
      required.push_back(is_required(plan, b, b.properties_begin + i));
    }
    types = static_cast<std::uint8_t>(types & b.types);
    merged = true;
  }
  if (!merged || properties.size() > 0xffff) return;
  // The parent now declares every merged member, in one contiguous range with its own lookup table.
  n.properties_begin = static_cast<std::uint32_t>(plan.properties.size());
  n.properties_count = static_cast<std::uint32_t>(properties.size());
  n.required_mask = 0;
  n.required_count = 0;
  for (std::size_t i = 0; i < properties.size(); ++i) {
    properties[i].slot = static_cast<std::uint16_t>(i);
    plan.properties.push_back(properties[i]);
  }
  n.required_begin = static_cast<std::uint32_t>(plan.lists.size());
  for (std::size_t i = 0; i < properties.size(); ++i) {
    if (!required[i]) continue;
    plan.lists.push_back(n.properties_begin + static_cast<std::uint32_t>(i));
    ++n.required_count;
    if (i < 64) n.required_mask |= std::uint64_t{1} << i;
  }
  build_property_lookup(plan, n);
  n.all_of_begin = static_cast<std::uint32_t>(plan.lists.size());
  n.all_of_count = static_cast<std::uint32_t>(kept.size());
  plan.lists.insert(plan.lists.end(), kept.begin(), kept.end());
  n.types = types;
  if (types == type_bits::object) n.kind = NodeKind::object;
  // With every branch merged, the parent may now be a plain object the fast paths read; else the general path
  // reads the merged properties beside the branches kept.
  n.general = needs_general_path(plan, n, !n.has_values);
  n.inline_scalar = false;
  plan.nodes[index] = n;
}

}  // namespace

void merge_plain_all_of(Plan& plan) {
  for (std::uint32_t index = 0; index < plan.nodes.size(); ++index) merge_into(plan, index);
}

}  // namespace reqprobe::compile
