// Fields of the plan derived from the rest for the body engine's member loop (plan.h): each property's key words,
// from its name, and each node's inline_object, from its members.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

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

void derive_inline_objects(Plan& plan) {
  // Small enough that a missed guess may try every name, as the member loop's fallback does.
  constexpr std::uint32_t kInlineObjectProperties = 16;
  const std::size_t count = plan.nodes.size();
  const auto candidate = [&](const SchemaNode& node) {
    return node.kind == NodeKind::object && !node.general && node.rules_count == 0 &&
           node.properties_count <= kInlineObjectProperties;
  };
  for (SchemaNode& node : plan.nodes) node.inline_object = false;
  // Marked from the leaves up, in one depth-first pass with an explicit stack (a hostile document's chain of objects
  // cannot overflow the call stack, and no node is decided twice): an object is marked once every member's node is a
  // scalar or a marked object. A member still open on the stack closes a cycle, and an object on a cycle is never
  // marked, so settling an object recurses no deeper than the plan's longest chain of marked objects, and the engine
  // bounds it by depth.
  enum class State : std::uint8_t { unvisited, open, decided };
  std::vector<State> state(count, State::unvisited);
  struct Visit {
    std::uint32_t node;
    std::uint32_t member;  ///< the next member to look at
  };
  std::vector<Visit> stack;
  for (std::uint32_t root = 0; root < count; ++root) {
    if (state[root] != State::unvisited || !candidate(plan.nodes[root])) continue;
    state[root] = State::open;
    stack.push_back({root, 0});
    while (!stack.empty()) {
      const std::uint32_t at = stack.back().node;
      SchemaNode& node = plan.nodes[at];
      bool settles = true;
      bool descended = false;
      for (std::uint32_t& k = stack.back().member; k < node.properties_count; ++k) {
        const Property& p = plan.properties[node.properties_begin + k];
        if (p.node >= count || !p.literal || !p.short_key) {
          settles = false;
          break;
        }
        if (state[p.node] == State::unvisited && candidate(plan.nodes[p.node])) {
          state[p.node] = State::open;
          descended = true;  // this member is looked at again once its node is decided
          break;
        }
        if (!settled_in_place(plan.nodes[p.node])) {  // an open member is unmarked: a cycle
          settles = false;
          break;
        }
      }
      if (descended) {
        const Property& p = plan.properties[node.properties_begin + stack.back().member];
        stack.push_back({p.node, 0});
        continue;
      }
      node.inline_object = settles;
      state[at] = State::decided;
      stack.pop_back();
    }
  }
}

}  // namespace reqprobe
