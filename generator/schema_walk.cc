#include "schema_walk.h"

#include <algorithm>

namespace reqprobe::gen {
namespace {

constexpr int kMaxSchemaDepth = 8;
constexpr std::size_t kMaxClosure = 64;

void collect(const Plan& plan, std::uint32_t index, const FieldPath& path, std::vector<FieldPath>& out, int depth,
             std::vector<std::uint32_t>& ancestors) {
  if (depth > kMaxSchemaDepth) return;
  if (std::count(ancestors.begin(), ancestors.end(), index) >= 2) return;
  ancestors.push_back(index);
  const SchemaNode& node = plan.nodes[index];
  auto step = [&](std::uint32_t step_value, std::uint32_t child_node, const std::string& token) {
    FieldPath child = path;
    child.pointer += "/" + token;
    child.steps.push_back(step_value);
    child.nodes.push_back(child_node);
    child.node = child_node;
    out.push_back(child);
    collect(plan, child.node, child, out, depth + 1, ancestors);
  };
  if (!node.general) {
    if (node.kind == NodeKind::object) {
      for (std::uint32_t i = 0; i < node.properties_count; ++i) {
        const std::uint32_t property = node.properties_begin + i;
        step(property, plan.properties[property].node, plan.properties[property].name);
      }
    } else if (node.kind == NodeKind::array && node.items != kNone) {
      step(kNone, node.items, "0");
    }
  } else {
    std::vector<std::string> seen;
    std::uint32_t prefix_begin = 0, prefix_count = 0, items = kNone;
    for (const std::uint32_t n : all_of_closure(plan, index)) {
      const SchemaNode& s = plan.nodes[n];
      for (std::uint32_t i = 0; i < s.properties_count; ++i) {
        const std::uint32_t property = s.properties_begin + i;
        const Property& p = plan.properties[property];
        if (p.implicit || p.access == 1 || std::find(seen.begin(), seen.end(), p.name) != seen.end()) continue;
        seen.push_back(p.name);
        step(property, p.node, p.name);
      }
      if (prefix_count == 0 && s.prefix_count != 0) prefix_begin = s.prefix_begin, prefix_count = s.prefix_count;
      if (items == kNone && s.items != kNone) items = s.items;
    }
    for (std::uint32_t i = 0; i < prefix_count; ++i)
      step(kItemStep + i, plan.lists[prefix_begin + i], std::to_string(i));
    if (items != kNone && items != kAny && items != kFalse)
      step(prefix_count == 0 ? kNone : kItemStep + prefix_count, items, std::to_string(prefix_count));
  }
  ancestors.pop_back();
}

}  // namespace

std::vector<FieldPath> schema_fields(const Plan& plan, std::uint32_t root) {
  std::vector<FieldPath> out;
  if (root == kNone) return out;
  FieldPath start;
  start.node = root;
  std::vector<std::uint32_t> ancestors;
  collect(plan, root, start, out, 0, ancestors);
  return out;
}

std::vector<std::uint32_t> all_of_closure(const Plan& plan, std::uint32_t node) {
  std::vector<std::uint32_t> out = {node};
  for (std::size_t i = 0; i < out.size() && out.size() < kMaxClosure; ++i) {
    const SchemaNode& n = plan.nodes[out[i]];
    for (std::uint32_t k = 0; k < n.all_of_count; ++k) {
      const std::uint32_t branch = plan.lists[n.all_of_begin + k];
      if (std::find(out.begin(), out.end(), branch) == out.end()) out.push_back(branch);
    }
  }
  return out;
}

std::uint32_t item_node(const Plan& plan, std::uint32_t node, std::uint32_t index) {
  for (const std::uint32_t n : all_of_closure(plan, node)) {
    const SchemaNode& s = plan.nodes[n];
    if (index < s.prefix_count) return plan.lists[s.prefix_begin + index];
    if (s.items != kNone) return s.items;
  }
  return kAny;
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

std::vector<std::string> general_keywords(const Plan& plan, std::uint32_t index) {
  std::vector<std::string> out;
  auto add = [&](const char* keyword) {
    if (std::find(out.begin(), out.end(), keyword) == out.end()) out.emplace_back(keyword);
  };
  std::uint8_t types = type_bits::all | type_bits::integer;
  for (const std::uint32_t n : all_of_closure(plan, index)) {
    const SchemaNode& s = plan.nodes[n];
    std::uint8_t t = s.types;
    if ((t & type_bits::number) != 0) t |= type_bits::integer;
    types &= t;
    if (s.has_values) add(s.values_count == 1 ? "const" : "enum");
    if (s.enum_count != 0 && !s.has_values) add("enum");
    const bool strings = (s.types & type_bits::string) != 0;
    if (strings && s.min_length > 0) add("min_length");
    if (strings && s.max_length != kUnbounded) add("max_length");
    if (s.pattern != kNone) add("pattern");
    if (s.format_check != Format::none && s.format_check != Format::annotation) add("format");
    if (s.number_bounds != kNone) {
      const NumberBounds& b = plan.number_bounds[s.number_bounds];
      if (!b.minimum.empty()) add(b.exclusive_minimum ? "exclusive_minimum" : "minimum");
      if (!b.maximum.empty()) add(b.exclusive_maximum ? "exclusive_maximum" : "maximum");
      if (!b.multiple_of.empty()) add("multiple_of");
    }
    if (s.kind == NodeKind::integer && s.explicit_minimum) add("minimum");
    if (s.kind == NodeKind::integer && s.explicit_maximum) add("maximum");
    const bool arrays = (s.types & type_bits::array) != 0;
    if (arrays && s.min_items > 0) add("min_items");
    if (arrays && s.max_items != kUnbounded) add("max_items");
    if (s.unique_items) add("unique_items");
    if (s.contains != kNone) add(s.min_contains > 1 ? "min_contains" : "contains");
    if (s.contains != kNone && s.max_contains != kUnbounded) add("max_contains");
    if (s.min_properties > 0) add("min_properties");
    if (s.max_properties != kUnbounded) add("max_properties");
    if (s.required_count != 0) add("required");
    if (s.additional == kFalse) add("unknown");
    if (s.additional != kNone && s.additional != kFalse && s.additional != kAny) add("additional_properties");
    if (s.patterns_count != 0) add("pattern_properties");
    if (s.property_names != kNone) add("property_names");
    for (std::uint32_t k = 0; k < s.dependents_count; ++k)
      if (!plan.dependents[s.dependents_begin + k].required.empty()) add("dependent_required");
    for (std::uint32_t k = 0; k < s.properties_count; ++k)
      if (plan.properties[s.properties_begin + k].access == 1) add("read_only");
    if (s.discriminator != kNone) add("discriminator");
    if (s.one_of_count != 0) add("one_of");
    if (s.any_of_count != 0) add("any_of");
    if (s.not_node != kNone) add("not");
  }
  if ((types & type_bits::all) != type_bits::all) out.insert(out.begin(), "type");
  if ((types & type_bits::null) != 0 && (types & type_bits::all) != type_bits::all && types != type_bits::null)
    out.emplace_back("null");
  return out;
}

std::vector<std::string> parameter_keywords(const Plan& plan, const Parameter& parameter) {
  static const char* const kMemberKeywords[] = {
      "required",           "unknown",        "min_properties",     "max_properties", "additional_properties",
      "pattern_properties", "property_names", "dependent_required", "read_only",      "discriminator"};
  std::vector<std::string> out = general_keywords(plan, parameter.node);
  std::erase_if(out, [&](const std::string& k) {
    return std::find(std::begin(kMemberKeywords), std::end(kMemberKeywords), k) != std::end(kMemberKeywords);
  });
  std::uint8_t types = type_bits::all;
  for (const std::uint32_t n : all_of_closure(plan, parameter.node)) types &= plan.nodes[n].types;
  // Any text is a string, and a container style always yields its container: no text breaks `type` then.
  if ((types & type_bits::string) != 0 || parameter.content || types == type_bits::array || types == type_bits::object)
    std::erase(out, std::string("type"));
  std::erase(out, std::string("null"));
  return out;
}

bool repeatable_parameter(const Plan& plan, const Parameter& parameter) {
  if (parameter.in == Location::path) return false;
  if (parameter.in != Location::query) return true;
  const std::uint8_t types = plan.nodes[parameter.node].types;
  const bool container = types == type_bits::array || types == type_bits::object;
  return !parameter.content && !(container && ((parameter.style == ParameterStyle::form && parameter.explode) ||
                                               parameter.style == ParameterStyle::deep_object));
}

}  // namespace reqprobe::gen
