// The open-addressing table that finds a declared member's property from its name (SchemaNode::lookup_begin/mask):
// built by the schema compiler for each object, and again when merge_all_of gives a node a new set of properties.
// The engine probes it with the same hash (key_hash.h).
#pragma once

#include "../key_hash.h"
#include "reqprobe/plan.h"

namespace reqprobe::compile {

/// Fills node's lookup table in plan.lookup for properties [properties_begin, +properties_count): twice as many
/// slots as properties (a power of two), each holding a property index + 1, 0 for empty.
inline void build_property_lookup(Plan& plan, SchemaNode& node) {
  if (node.properties_count == 0) return;
  std::uint32_t size = 1;
  while (size < node.properties_count * 2) size <<= 1;
  node.lookup_begin = static_cast<std::uint32_t>(plan.lookup.size());
  node.lookup_mask = size - 1;
  plan.lookup.resize(plan.lookup.size() + size, 0);
  for (std::uint32_t i = 0; i < node.properties_count; ++i) {
    const std::uint32_t index = node.properties_begin + i;
    std::uint32_t slot = detail::property_hash(plan.properties[index].name) & node.lookup_mask;
    while (plan.lookup[node.lookup_begin + slot] != 0) slot = (slot + 1) & node.lookup_mask;
    plan.lookup[node.lookup_begin + slot] = index + 1;
  }
}

}  // namespace reqprobe::compile
