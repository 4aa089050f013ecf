// The list of contract constraints a generated suite must cover on both sides. It is derived from the plan
// on its own, independently of the case families, so a family that forgets a constraint is caught.
#include <algorithm>

#include "generator.h"
#include "schema_walk.h"

namespace reqprobe::gen {
namespace {

void object_constraints(const Plan& plan, const std::string& pointer, std::uint32_t index,
                        std::vector<std::string>& out) {
  const SchemaNode& node = plan.nodes[index];
  out.push_back("body:" + pointer + ":unknown");
  out.push_back("body:" + pointer + ":duplicate");
  for (std::uint32_t i = 0; i < node.properties_count; ++i) {
    const Property& property = plan.properties[node.properties_begin + i];
    if (node.required_mask & (std::uint64_t{1} << property.slot))
      out.push_back("body:" + pointer + "/" + property.name + ":required");
  }
  for (std::uint32_t r = 0; r < node.rules_count; ++r)
    out.push_back("body:" + pointer + ":rule:" + plan.rules[node.rules_begin + r].id);
}

}  // namespace

std::vector<std::string> contract_constraints(const Plan& plan) {
  std::vector<std::string> out;
  if (plan.operations.empty()) return out;
  const Operation& op = plan.operations.front();
  out.emplace_back("request::method");
  out.emplace_back("request::path");
  bool has_query = false;
  for (const Parameter& parameter : op.parameters) {
    const std::string prefix = std::string(location_name(parameter.in)) + ":" + parameter.name + ":";
    for (const std::string& keyword : value_keywords(plan.nodes[parameter.node]))
      if (keyword != "type") out.push_back(prefix + keyword);
    if (parameter.in != Location::path) out.push_back(prefix + "duplicate");
    // A credential the operation's security asks for first (HSS's token) is required unless replaced.
    const bool credential = std::any_of(op.auth_alternatives.begin(), op.auth_alternatives.end(),
                                        [&](const AuthAlternative& a) { return a.replaces == parameter.name; });
    if (parameter.in != Location::path && (parameter.required || credential)) out.push_back(prefix + "required");
    if (parameter.in == Location::path && !parameter.forbidden_bytes.empty()) out.push_back(prefix + "path");
    has_query = has_query || parameter.in == Location::query;
  }
  if (has_query) out.emplace_back("query::unknown");
  if (op.body == kNone) return out;
  out.emplace_back("header:content-type:content_type");
  object_constraints(plan, "", op.body, out);
  for (const FieldPath& field : schema_fields(plan, op.body)) {
    const SchemaNode& node = plan.nodes[field.node];
    for (const std::string& keyword : value_keywords(node)) out.push_back("body:" + field.pointer + ":" + keyword);
    if (node.kind == NodeKind::object) object_constraints(plan, field.pointer, field.node, out);
  }
  return out;
}

}  // namespace reqprobe::gen
