// Fields of the plan derived from the rest for the body engine's member loop (plan.h): each property's key words,
// from its name, and each node's inline_object, from its members.
#include <algorithm>
#include <cstring>

#include "reqprobe/plan.h"

namespace reqprobe {

void derive_property_keys(Plan& plan) noexcept {
  for (Property& property : plan.properties) {
    const std::string& name = property.name;
    property.literal = std::none_of(
        name.begin(), name.end(), [](char c) { return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20; });
    const std::size_t size = name.size();
    property.short_key = property.literal && size >= 1 && size <= 16;
    property.key_span = static_cast<std::uint32_t>(std::max<std::size_t>(size + 2, 8));
    property.head = property.head_mask = property.tail = 0;
    if (!property.short_key) continue;
    // Byte-wise copies, so the words compare equal to an 8-byte memcpy from the body on any byte order.
    const std::size_t head_bytes = std::min<std::size_t>(size, 8);
    std::memcpy(&property.head, name.data(), head_bytes);
    std::memset(&property.head_mask, 0xff, head_bytes);
    if (size > 8) std::memcpy(&property.tail, name.data() + size - 8, 8);
  }
}

namespace {

// Whether the member loop's settling (settle_scalar, settle_value_checks, settle_object) can settle a value of
// this node, as far as the nodes marked so far say.
bool settled_in_place(const SchemaNode& node) {
  if (node.inline_scalar || node.inline_object) return true;
  return !node.general &&
         (node.kind == NodeKind::string || node.kind == NodeKind::integer || node.kind == NodeKind::boolean);
}

}  // namespace

void derive_inline_objects(Plan& plan) noexcept {
  // Small enough that a missed guess may try every name, as the member loop's fallback does.
  constexpr std::uint32_t kInlineObjectProperties = 16;
  const auto candidate = [&](const SchemaNode& node) {
    return node.kind == NodeKind::object && !node.general && node.rules_count == 0 &&
           node.properties_count <= kInlineObjectProperties;
  };
  for (SchemaNode& node : plan.nodes) node.inline_object = false;
  // Marked from the leaves up: an object is marked once every member's node is a scalar or a marked object. A cycle
  // never gets marked (each of its nodes waits for the next), so settling an object recurses no deeper than the
  // plan's longest chain of marked objects, and the engine bounds it by depth. Nodes are visited last first: the
  // compiler numbers a schema before its subschemas, so a pass usually marks a whole tree.
  for (bool changed = true; changed;) {
    changed = false;
    // Reverse iterators, not std::ranges::reverse_view: clang 14 with libstdc++ 12 (the fuzz build) rejects the view.
    for (auto it = plan.nodes.rbegin(); it != plan.nodes.rend(); ++it) {
      SchemaNode& node = *it;
      if (node.inline_object || !candidate(node)) continue;
      const bool members_settle = std::all_of(
          plan.properties.begin() + node.properties_begin,
          plan.properties.begin() + node.properties_begin + node.properties_count, [&](const Property& p) {
            return p.node < plan.nodes.size() && p.literal && p.short_key && settled_in_place(plan.nodes[p.node]);
          });
      if (members_settle) node.inline_object = changed = true;
    }
  }
}

}  // namespace reqprobe
