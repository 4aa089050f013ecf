// Cross-field rules on both sides: for an anyOf rule, the object with none of its terms (and its `when`
// holding) and the object with each term alone; for an ordered rule, left above, equal to and below right.
#include "suite_builder.h"

namespace reqprobe::gen {
namespace {

// The object with required members only and no rule repaired.
Json bare_object(SuiteBuilder& b, std::uint32_t index) {
  const SchemaNode& node = b.plan().nodes[index];
  Json object = Json::object();
  for (std::uint32_t i = 0; i < node.properties_count; ++i) {
    const Property& property = b.plan().properties[node.properties_begin + i];
    if (node.required_mask & (std::uint64_t{1} << property.slot))
      object.set(property.name, b.minimal_value(property.node));
  }
  return object;
}

void emit_with_object(SuiteBuilder& b, const FieldPath& at, Json object, const Intent& intent) {
  Json body = b.base_body();
  b.slot(body, at) = std::move(object);
  if (!at.pointer.empty()) b.repair(body, at.pointer);
  b.emit_body(intent, body);
}

void add_any_of(SuiteBuilder& b, const FieldPath& at, const Rule& rule) {
  const Plan& plan = b.plan();
  const std::string id =
      "rule." + SuiteBuilder::id_of("/" + rule.id) + (at.pointer.empty() ? "" : "." + SuiteBuilder::id_of(at.pointer));
  const std::string constraint = "body:" + at.pointer + ":rule:" + rule.id;
  Json broken = bare_object(b, at.node);
  if (rule.has_when) b.satisfy(broken, rule.when);
  Intent invalid = meant_invalid(id + ".broken", rule.id + " broken: " + rule.message, "rule", constraint, Code::rule,
                                 Location::body, at.pointer);
  invalid.severity = rule.severity;
  invalid.valid = rule.severity == Severity::warning;
  emit_with_object(b, at, broken, invalid);
  for (std::uint32_t t = 0; t < rule.terms_count; ++t) {
    const RuleTerm& term = plan.terms[rule.terms_begin + t];
    Json object = bare_object(b, at.node);
    if (rule.has_when) b.satisfy(object, rule.when);
    b.satisfy(object, term);
    emit_with_object(
        b, at, object,
        meant_valid(id + ".by_" + plan.properties[term.property].name,
                    rule.id + " kept by " + plan.properties[term.property].name + " alone", "rule", {constraint}));
  }
}

void add_ordered(SuiteBuilder& b, const FieldPath& at, const Rule& rule) {
  const Plan& plan = b.plan();
  const std::string id = "rule." + SuiteBuilder::id_of("/" + rule.id);
  const std::string constraint = "body:" + at.pointer + ":rule:" + rule.id;
  const std::string& left = plan.properties[plan.terms[rule.terms_begin].property].name;
  const std::string& right = plan.properties[plan.terms[rule.terms_begin + 1].property].name;
  struct Variant {
    const char* suffix;
    const char* l;
    const char* r;
    bool holds;
  };
  for (const Variant v : {Variant{"left_above_right", "2000", "1000", false}, Variant{"equal", "1000", "1000", true},
                          Variant{"left_below_right", "1000", "2000", true}}) {
    Json object = bare_object(b, at.node);
    object.set(left, Json::raw(v.l));
    object.set(right, Json::raw(v.r));
    const std::string description = rule.id + ": " + left + "=" + v.l + ", " + right + "=" + v.r;
    Intent intent = v.holds ? meant_valid(id + "." + v.suffix, description, "rule", {constraint})
                            : meant_invalid(id + "." + v.suffix, description, "rule", constraint, Code::rule,
                                            Location::body, at.pointer);
    intent.severity = rule.severity;
    intent.valid = v.holds || rule.severity == Severity::warning;
    emit_with_object(b, at, object, intent);
  }
}

void add_for_object(SuiteBuilder& b, const FieldPath& at) {
  const SchemaNode& node = b.plan().nodes[at.node];
  for (std::uint32_t r = 0; r < node.rules_count; ++r) {
    const Rule& rule = b.plan().rules[node.rules_begin + r];
    if (rule.form == Rule::Form::any_of) {
      add_any_of(b, at, rule);
    } else {
      add_ordered(b, at, rule);
    }
  }
}

}  // namespace

void add_rule_cases(SuiteBuilder& b) {
  FieldPath root;
  root.node = b.op().body;
  add_for_object(b, root);
  for (const FieldPath& field : b.body_fields())
    if (b.plan().nodes[field.node].kind == NodeKind::object) add_for_object(b, field);
}

}  // namespace reqprobe::gen
