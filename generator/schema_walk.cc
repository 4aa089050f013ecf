#include "schema_walk.h"

namespace reqprobe::gen {
namespace {

constexpr int kMaxSchemaDepth = 8;

void collect(const Plan& plan, std::uint32_t index, const FieldPath& path, std::vector<FieldPath>& out, int depth) {
  if (depth > kMaxSchemaDepth) return;
  const SchemaNode& node = plan.nodes[index];
  if (node.kind == NodeKind::object) {
    for (std::uint32_t i = 0; i < node.properties_count; ++i) {
      const std::uint32_t property = node.properties_begin + i;
      FieldPath child = path;
      child.pointer += "/" + plan.properties[property].name;
      child.steps.push_back(property);
      child.node = plan.properties[property].node;
      out.push_back(child);
      collect(plan, child.node, child, out, depth + 1);
    }
  } else if (node.kind == NodeKind::array && node.items != kNone) {
    FieldPath item = path;
    item.pointer += "/0";
    item.steps.push_back(kNone);
    item.node = node.items;
    out.push_back(item);
    collect(plan, item.node, item, out, depth + 1);
  }
}

}  // namespace

std::vector<FieldPath> schema_fields(const Plan& plan, std::uint32_t root) {
  std::vector<FieldPath> out;
  if (root == kNone) return out;
  FieldPath start;
  start.node = root;
  collect(plan, root, start, out, 0);
  return out;
}

}  // namespace reqprobe::gen

namespace reqprobe::gen {

std::vector<std::string> value_keywords(const SchemaNode& node) {
  std::vector<std::string> out = {"type"};
  switch (node.kind) {
    case NodeKind::string:
      if (node.min_length > 0) out.emplace_back("min_length");
      if (node.max_length != kUnbounded) out.emplace_back("max_length");
      if (node.enum_count != 0) out.emplace_back("enum");
      break;
    case NodeKind::integer:
      out.emplace_back("minimum");
      out.emplace_back("maximum");
      if (node.enum_count != 0) out.emplace_back("enum");
      break;
    case NodeKind::array:
      if (node.min_items > 0) out.emplace_back("min_items");
      if (node.max_items != kUnbounded) out.emplace_back("max_items");
      break;
    default:
      break;
  }
  return out;
}

}  // namespace reqprobe::gen
