#include "runtime.h"

#include <re2/re2.h>

#include <algorithm>
#include <optional>
#include <string>
#include <tuple>

namespace reqprobe::detail {

std::unique_ptr<const re2::RE2> compile_pattern(std::string_view translated, std::string& error) {
  re2::RE2::Options options;
  options.set_log_errors(false);  // the library never prints
  options.set_encoding(re2::RE2::Options::EncodingUTF8);
  options.set_never_capture(true);
  options.set_max_mem(32 << 20);
  auto re = std::make_unique<const re2::RE2>(re2::StringPiece(translated.data(), translated.size()), options);
  if (!re->ok()) {
    error = re->error();
    return nullptr;
  }
  return re;
}

bool pattern_compiles(std::string_view translated, std::string& error) {
  return compile_pattern(translated, error) != nullptr;
}

bool re2_partial_match(std::string_view translated, std::string_view text) {
  std::string error;
  const auto re = compile_pattern(translated, error);
  return re != nullptr && re2::RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *re);
}

bool small_integer(const Decimal& d, std::int64_t& out) noexcept {
  if (d.is_zero()) {
    out = 0;
    return true;
  }
  if (!d.is_integral() || d.exponent > 18) return false;  // value = 0.digits x 10^exponent: at most 18 digits
  std::int64_t value = 0;
  for (std::int64_t i = 0; i < d.exponent; ++i)
    value =
        value * 10 + (i < static_cast<std::int64_t>(d.digits.size()) ? d.digits[static_cast<std::size_t>(i)] - '0' : 0);
  out = d.negative ? -value : value;
  return true;
}

Runtime::OperationFacts Runtime::facts_of(const Plan& plan, const Operation& op) const {
  OperationFacts facts;
  for (std::uint32_t i = 0; i < op.parameters.size(); ++i) {
    const Parameter& p = op.parameters[i];
    if (p.required) facts.required[static_cast<std::size_t>(p.in)].push_back(i);
    const bool object = p.node != kNone && !p.content && shape(p.node) == ValueShape::object;
    const bool claims = p.style == ParameterStyle::deep_object || (p.style == ParameterStyle::form && p.explode);
    if (p.in == Location::query && object && claims) facts.claiming.push_back(i);
  }
  for (const auto& alternative : op.security)
    for (const std::uint32_t s : alternative)
      facts.query_credentials = facts.query_credentials || (plan.schemes[s].type == SecurityScheme::Type::api_key &&
                                                            plan.schemes[s].in == Location::query);
  for (const MediaBody& body : op.bodies) {
    MediaType type;
    if (body.kind != BodyKind::json || !parse_media_type(body.media_type, type) || type.other_parameters) continue;
    const MediaChoice choice = choose_media(op, type);
    if (choice.kind == BodyKind::json) facts.declared_json.push_back({body.media_type, choice});
  }
  return facts;
}

namespace {

// The plain string (JSON text with its quotes, no byte that needs an escape, ASCII) that branch `node` requires its
// member `name` to hold, or nothing. A member's raw text equal to it then holds exactly that string.
std::optional<std::string> required_string(const Plan& plan, std::uint32_t node, std::string_view name) {
  if (node >= plan.nodes.size()) return std::nullopt;
  const SchemaNode& b = plan.nodes[node];
  for (std::uint32_t i = 0; i < b.properties_count; ++i) {
    const std::uint32_t index = b.properties_begin + i;
    const Property& p = plan.properties[index];
    if (p.name != name) continue;
    bool required = false;
    for (std::uint32_t r = 0; r < b.required_count; ++r)
      required = required || plan.lists[b.required_begin + r] == index;
    if (!required || p.node >= plan.nodes.size()) return std::nullopt;
    const SchemaNode& v = plan.nodes[p.node];
    if (!v.has_values || v.values_count != 1) return std::nullopt;
    const std::string& text = plan.values[v.values_begin];
    if (text.size() < 2 || text.front() != '"' || text.back() != '"') return std::nullopt;
    for (std::size_t k = 1; k + 1 < text.size(); ++k) {
      const auto c = static_cast<unsigned char>(text[k]);
      if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) return std::nullopt;
    }
    return text;
  }
  return std::nullopt;
}

// Runtime::BranchTag of branches [begin, begin + count) of Plan::lists: the first member of the first branch that
// every branch requires with a string of its own.
std::optional<Runtime::BranchTag> branch_tag(const Plan& plan, std::uint32_t begin, std::uint32_t count) {
  if (count < 2 || plan.lists[begin] >= plan.nodes.size()) return std::nullopt;
  const SchemaNode& first = plan.nodes[plan.lists[begin]];
  for (std::uint32_t i = 0; i < first.properties_count; ++i) {
    Runtime::BranchTag tag{plan.properties[first.properties_begin + i].name, {}};
    for (std::uint32_t k = 0; k < count; ++k) {
      const std::uint32_t branch = plan.lists[begin + k];
      std::optional<std::string> value = required_string(plan, branch, tag.property);
      const bool taken = value && std::any_of(tag.branches.begin(), tag.branches.end(),
                                              [&](const auto& b) { return b.first == *value; });
      if (!value || taken) break;
      tag.branches.emplace_back(std::move(*value), branch);
    }
    if (tag.branches.size() == count) return tag;
  }
  return std::nullopt;
}

}  // namespace

Runtime::Runtime(const Plan& plan) : router(plan) {
  one_of_tags.assign(plan.nodes.size(), kNone);
  any_of_tags.assign(plan.nodes.size(), kNone);
  for (std::uint32_t node = 0; node < plan.nodes.size(); ++node) {
    const SchemaNode& n = plan.nodes[node];
    if (n.discriminator != kNone) continue;  // OpenAPI's discriminator decides on its own terms
    for (const auto& [begin, count, slot] : {std::tuple{n.one_of_begin, n.one_of_count, &one_of_tags},
                                             std::tuple{n.any_of_begin, n.any_of_count, &any_of_tags}}) {
      if (std::optional<BranchTag> tag = branch_tag(plan, begin, count)) {
        (*slot)[node] = static_cast<std::uint32_t>(branch_tags.size());
        branch_tags.push_back(std::move(*tag));
      }
    }
  }
  shapes.reserve(plan.nodes.size());
  for (std::uint32_t node = 0; node < plan.nodes.size(); ++node) shapes.push_back(shape_of(plan, node));
  patterns.reserve(plan.patterns.size());
  simple_patterns.reserve(plan.patterns.size());
  for (const Pattern& p : plan.patterns) {
    std::string error;
    patterns.push_back(compile_pattern(p.translated, error));  // the loader has checked that each compiles
    simple_patterns.push_back(regex::SimplePattern::compile(p.source));
  }
  operations.reserve(plan.operations.size());
  for (const Operation& op : plan.operations) operations.push_back(facts_of(plan, op));
  bounds.reserve(plan.number_bounds.size());
  for (const NumberBounds& b : plan.number_bounds) {
    Bounds parsed;
    parsed.has_minimum = !b.minimum.empty() && parse_decimal(b.minimum, parsed.minimum);
    parsed.has_maximum = !b.maximum.empty() && parse_decimal(b.maximum, parsed.maximum);
    parsed.has_multiple_of = !b.multiple_of.empty() && parse_decimal(b.multiple_of, parsed.multiple_of);
    parsed.int64_ok = (!parsed.has_minimum || small_integer(parsed.minimum, parsed.minimum_int)) &&
                      (!parsed.has_maximum || small_integer(parsed.maximum, parsed.maximum_int)) &&
                      (!parsed.has_multiple_of ||
                       (small_integer(parsed.multiple_of, parsed.multiple_of_int) && parsed.multiple_of_int > 0));
    bounds.push_back(std::move(parsed));
  }
}

Runtime::~Runtime() = default;

bool Runtime::pattern_matches(std::uint32_t index, std::string_view text) const {
  if (index < simple_patterns.size() && simple_patterns[index]) return simple_patterns[index]->matches(text);
  const re2::RE2* re = index < patterns.size() ? patterns[index].get() : nullptr;
  return re == nullptr || re2::RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *re);
}

}  // namespace reqprobe::detail
