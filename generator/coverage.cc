// The list of contract constraints a generated suite must cover on both sides. It is derived from the plan
// on its own, independently of the case families, so a family that forgets a constraint is caught.
#include <algorithm>

#include "generator.h"
#include "operation_selection.h"
#include "schema_walk.h"
#include "suite_builder.h"

namespace reqprobe::gen {
namespace {

void object_constraints(const Plan& plan, const std::string& pointer, std::uint32_t index,
                        std::vector<std::string>& out) {
  const SchemaNode& node = plan.nodes[index];
  if (node.additional == kFalse) out.push_back("body:" + pointer + ":unknown");
  out.push_back("body:" + pointer + ":duplicate");
  for (std::uint32_t i = 0; i < node.properties_count; ++i) {
    const Property& property = plan.properties[node.properties_begin + i];
    if (node.required_mask & (std::uint64_t{1} << property.slot))
      out.push_back("body:" + pointer + "/" + property.name + ":required");
  }
  for (std::uint32_t r = 0; r < node.rules_count; ++r)
    out.push_back("body:" + pointer + ":rule:" + plan.rules[node.rules_begin + r].id);
}

// A general node's keywords; "null" is an extra on the satisfied side only.
void general_constraints(const Plan& plan, const std::string& pointer, std::uint32_t node,
                         std::vector<std::string>& out) {
  for (const std::string& keyword : general_keywords(plan, node))
    if (keyword != "null") out.push_back("body:" + pointer + ":" + keyword);
}

bool credential_parameter(const Plan& plan, const Operation& op) {
  for (const auto& alternative : op.security)
    for (const std::uint32_t s : alternative) {
      const SecurityScheme& scheme = plan.schemes[s];
      const std::string name = scheme.type == SecurityScheme::Type::api_key ? scheme.name : "authorization";
      for (const Parameter& p : op.parameters)
        if (p.name == name && (p.in == scheme.in || scheme.type != SecurityScheme::Type::api_key)) return true;
    }
  return false;
}

std::vector<std::string> operation_constraints(const Plan& plan, const Operation& op) {
  std::vector<std::string> out;
  out.emplace_back("request::method");
  out.emplace_back("request::path");
  bool has_query = false;
  for (const Parameter& parameter : op.parameters) {
    const std::string prefix = std::string(location_name(parameter.in)) + ":" + parameter.name + ":";
    has_query = has_query || parameter.in == Location::query;
    if (!classic_parameter(plan, parameter)) {
      for (const std::string& keyword : parameter_keywords(plan, parameter)) out.push_back(prefix + keyword);
      if (repeatable_parameter(plan, parameter)) out.push_back(prefix + "duplicate");
      if (parameter.required && parameter.in != Location::path) out.push_back(prefix + "required");
      continue;
    }
    for (const std::string& keyword : value_keywords(plan.nodes[parameter.node]))
      if (keyword != "type") out.push_back(prefix + keyword);
    if (parameter.in != Location::path) out.push_back(prefix + "duplicate");
    // A credential the operation's security asks for first (HSS's token) is required unless replaced.
    const bool credential = std::any_of(op.auth_alternatives.begin(), op.auth_alternatives.end(),
                                        [&](const AuthAlternative& a) { return a.replaces == parameter.name; });
    if (parameter.in != Location::path && (parameter.required || credential)) out.push_back(prefix + "required");
    if (parameter.in == Location::path && !parameter.forbidden_bytes.empty()) out.push_back(prefix + "path");
  }
  if (has_query && plan.strict) out.emplace_back("query::unknown");
  const bool optional_credentials =
      std::any_of(op.security.begin(), op.security.end(), [](const auto& a) { return a.empty(); });
  if (!op.security.empty() && !optional_credentials && !credential_parameter(plan, op)) {
    const SecurityScheme& first = plan.schemes[op.security.front().front()];
    if (first.type != SecurityScheme::Type::mutual_tls) out.push_back("security:" + first.id + ":required");
  }
  if (op.body_required) out.emplace_back("body::required");
  if (op.body == kNone) return out;
  out.emplace_back("header:content-type:content_type");
  const SchemaNode& root = plan.nodes[op.body];
  if (!is_classic(root)) {
    general_constraints(plan, "", op.body, out);
  } else if (root.kind == NodeKind::object) {
    object_constraints(plan, "", op.body, out);
  } else {
    for (const std::string& keyword : value_keywords(root)) out.push_back("body::" + keyword);
  }
  for (const FieldPath& field : schema_fields(plan, op.body)) {
    const SchemaNode& node = plan.nodes[field.node];
    if (!is_classic(node)) {
      general_constraints(plan, field.pointer, field.node, out);
      continue;
    }
    for (const std::string& keyword : value_keywords(node)) out.push_back("body:" + field.pointer + ":" + keyword);
    if (node.kind == NodeKind::object) object_constraints(plan, field.pointer, field.node, out);
  }
  return out;
}

}  // namespace

std::vector<std::string> contract_constraints(const Plan& plan, const std::vector<std::uint32_t>& operations) {
  std::vector<std::string> out;
  std::vector<std::uint32_t> chosen = operations;
  if (chosen.empty())
    for (std::uint32_t i = 0; i < plan.operations.size(); ++i) chosen.push_back(i);
  for (const std::uint32_t index : chosen) {
    if (index >= plan.operations.size()) continue;
    const Operation& op = plan.operations[index];
    const std::string prefix = plan.operations.size() > 1 ? operation_name(op) + ":" : "";
    for (const std::string& c : operation_constraints(plan, op)) out.push_back(prefix + c);
  }
  return out;
}

}  // namespace reqprobe::gen
