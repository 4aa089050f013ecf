#include "fast_path.h"

#include <algorithm>

namespace reqprobe::compile {
namespace {

// Keywords checked on a scalar value alone.
bool value_checks(const SchemaNode& n) {
  return n.pattern != kNone || (n.format_check != Format::none && n.format_check != Format::annotation) ||
         n.number_bounds != kNone;
}

// Keywords that look at a container as a whole, or at other schemas.
bool structural(const Plan& plan, const SchemaNode& n) {
  return n.prefix_count != 0 || n.contains != kNone || n.unique_items || n.unevaluated_items != kNone ||
         (n.additional != kNone && n.additional != kFalse) || n.patterns_count != 0 || n.property_names != kNone ||
         n.min_properties != 0 || n.max_properties != kUnbounded || n.dependents_count != 0 ||
         n.unevaluated_properties != kNone || n.discriminator != kNone || has_applicators(plan, n);
}

}  // namespace

bool has_applicators(const Plan& plan, const SchemaNode& n) {
  return n.all_of_count || n.any_of_count || n.one_of_count || n.not_node != kNone || n.if_node != kNone ||
         std::any_of(plan.dependents.begin() + n.dependents_begin,
                     plan.dependents.begin() + n.dependents_begin + n.dependents_count,
                     [](const Dependent& d) { return d.node != kNone; });
}

bool needs_general_path(const Plan& plan, const SchemaNode& n, bool plain_values) {
  const bool simple_kind = n.kind == NodeKind::object || n.kind == NodeKind::array || n.kind == NodeKind::string ||
                           n.kind == NodeKind::integer || n.kind == NodeKind::boolean;
  return !simple_kind || !plain_values || value_checks(n) || structural(plan, n) ||
         n.properties_count > kMaxProperties ||
         std::any_of(plan.properties.begin() + n.properties_begin,
                     plan.properties.begin() + n.properties_begin + n.properties_count,
                     [](const Property& p) { return p.implicit || p.access != 0; });
}

bool settles_inline(const Plan& plan, const SchemaNode& n) {
  return n.general && !structural(plan, n) && !n.has_values && n.rules_count == 0 && n.properties_count == 0 &&
         (n.kind == NodeKind::string || n.kind == NodeKind::number || n.kind == NodeKind::integer);
}

}  // namespace reqprobe::compile
