#include "rule_eval.h"
#include "placement.h"

namespace reqprobe::detail {
namespace {

bool holds(const RuleTerm& term, const Capture& c) {
  if (c.state != Capture::State::ok) return false;
  switch (term.kind) {
    case RuleTerm::Kind::present:
      return true;
    case RuleTerm::Kind::equals_bool:
      return c.boolean == term.bool_value && !c.integer_ok;
    case RuleTerm::Kind::equals_integer:
      return c.integer_ok && c.integer == term.integer_value;
    case RuleTerm::Kind::min_items:
      return c.integer_ok && c.integer >= term.integer_value;
  }
  return false;
}

bool rule_holds(const Plan& plan, const Rule& rule, const Capture (&captures)[kMaxCaptures]) {
  const RuleTerm* terms = plan.terms.data() + rule.terms_begin;
  if (rule.form == Rule::Form::ordered) {
    const Capture& left = captures[terms[0].capture];
    const Capture& right = captures[terms[1].capture];
    if (left.state != Capture::State::ok || right.state != Capture::State::ok) return true;
    if (!left.integer_ok || !right.integer_ok) return true;
    return left.integer <= right.integer;
  }
  if (rule.has_when && !holds(rule.when, captures[rule.when.capture])) return true;
  for (std::uint32_t i = 0; i < rule.terms_count; ++i)
    if (holds(terms[i], captures[terms[i].capture])) return true;
  return false;
}

}  // namespace

REQPROBE_HOT std::uint64_t broken_rules(const Plan& plan, const SchemaNode& node,
                                        const Capture (&captures)[kMaxCaptures]) noexcept {
  std::uint64_t broken = 0;
  for (std::uint32_t i = 0; i < node.rules_count; ++i)
    if (!rule_holds(plan, plan.rules[node.rules_begin + i], captures)) broken |= std::uint64_t{1} << i;
  return broken;
}

bool superseded(const Plan& plan, const SchemaNode& node, std::uint64_t broken, std::uint32_t i) noexcept {
  for (std::uint32_t k = 0; k < node.rules_count; ++k) {
    if (k == i || !(broken & (std::uint64_t{1} << k))) continue;
    if (plan.rules[node.rules_begin + k].supersedes & (std::uint64_t{1} << i)) return true;
  }
  return false;
}

}  // namespace reqprobe::detail
