#include "value_synth.h"

#include <algorithm>

#include "decimal_text.h"
#include "format_samples.h"
#include "pattern_sample.h"

namespace reqprobe::gen {
namespace {

constexpr std::size_t kKeep = 4;            // verified values kept per node, depth and fullness
constexpr std::size_t kMaxCandidates = 48;  // candidates checked per node before giving up
constexpr std::size_t kMaxChoices = 6;      // composition choices tried per node
constexpr std::size_t kMaxClosure = 64;     // allOf branches followed per node
constexpr std::uint32_t kMaxTextLength = 4096;

bool has(std::uint8_t types, std::uint8_t bit) {
  return (types & bit) != 0;
}

// Readable text of exactly `length` code points; `variant` shifts the letters so values differ.
std::string text_of(std::uint32_t length, unsigned variant) {
  static constexpr char kLetters[] = "reqprobexyzacdfghijklmnstuvw";
  std::string out;
  for (std::uint32_t i = 0; i < length; ++i) out.push_back(kLetters[(i + variant) % (sizeof(kLetters) - 1)]);
  return out;
}

std::uint32_t code_points(const std::string& s) {
  std::uint32_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

void add_unique(std::vector<Json>& out, Json value) {
  const std::string text = value.dump();
  for (const Json& j : out)
    if (j.dump() == text) return;
  out.push_back(std::move(value));
}

}  // namespace

std::string plain_value(const std::string& canonical) {
  std::string out;
  for (std::size_t i = 0; i < canonical.size();) {
    const char c = canonical[i];
    if (c == '"') {  // a string: copied through, escapes included
      std::size_t end = i + 1;
      while (end < canonical.size() && canonical[end] != '"') end += canonical[end] == '\\' ? 2 : 1;
      out.append(canonical, i, end + 1 - i);
      i = end + 1;
      continue;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t end = i;
      while (end < canonical.size() &&
             std::string_view("-+0123456789eE.").find(canonical[end]) != std::string_view::npos)
        ++end;
      const std::string token = canonical.substr(i, end - i);
      const std::size_t e = token.find('e');
      std::optional<Decimal> d;
      if (e != std::string::npos && token.find('.') == std::string::npos) {
        const bool negative = token[0] == '-';
        const std::string digits = token.substr(negative ? 1 : 0, e - (negative ? 1 : 0));
        const std::int64_t exponent = std::stoll(token.substr(e + 1));
        d = Decimal::parse((negative ? "-" : "") + digits + "e" +
                           std::to_string(exponent - static_cast<std::int64_t>(digits.size())));
      }
      out += d ? d->lexeme() : token;
      i = end;
      continue;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

ValueSynth::ValueSynth(std::shared_ptr<const Contract> contract, const Limits& limits)
    : contract_(std::move(contract)), limits_(limits) {}

ValueSynth::~ValueSynth() = default;

const Plan& ValueSynth::plan() const {
  return contract_->plan();
}

// The validator's verdict on the value alone (Validator::validate_value), with the generator's limits.
Validator& ValueSynth::oracle() {
  if (!oracle_) oracle_ = std::make_unique<Validator>(contract_, ValidatorOptions{limits_, false, {}});
  return *oracle_;
}

bool ValueSynth::accepts(std::uint32_t node, const std::string& text) {
  return !text.empty() && oracle().is_valid_value(text, node);
}

Report ValueSynth::check(std::uint32_t node, const std::string& text) {
  return oracle().validate_value(text, node);
}

std::vector<std::uint32_t> ValueSynth::all_of_closure(std::uint32_t node) const {
  std::vector<std::uint32_t> out = {node};
  for (std::size_t i = 0; i < out.size() && out.size() < kMaxClosure; ++i) {
    const SchemaNode& n = plan().nodes[out[i]];
    for (std::uint32_t k = 0; k < n.all_of_count; ++k) {
      const std::uint32_t branch = plan().lists[n.all_of_begin + k];
      if (std::find(out.begin(), out.end(), branch) == out.end()) out.push_back(branch);
    }
  }
  return out;
}

std::uint8_t ValueSynth::allowed_types(std::uint32_t node) const {
  std::uint8_t types = type_bits::all | type_bits::integer;
  for (const std::uint32_t n : all_of_closure(node)) {
    std::uint8_t t = plan().nodes[n].types;
    if (has(t, type_bits::number)) t |= type_bits::integer;
    types &= t;
  }
  return types;
}

std::vector<ValueSynth::Choice> ValueSynth::choices(std::uint32_t node, std::uint32_t forced_branch) {
  const std::vector<std::uint32_t> base = all_of_closure(node);
  // The applicators that need a decision, in the closure's order.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> groups;  // (begin, count) of anyOf/oneOf lists
  const Discriminator* discriminator = nullptr;
  std::uint32_t conditional = kNone;
  for (const std::uint32_t n : base) {
    const SchemaNode& s = plan().nodes[n];
    if (s.discriminator != kNone && discriminator == nullptr) discriminator = &plan().discriminators[s.discriminator];
    if (s.one_of_count != 0) groups.emplace_back(s.one_of_begin, s.one_of_count);
    if (s.any_of_count != 0) groups.emplace_back(s.any_of_begin, s.any_of_count);
    if (s.if_node != kNone && conditional == kNone) conditional = n;
  }
  std::size_t count = 1;
  for (const auto& g : groups) count = std::max<std::size_t>(count, g.second);
  if (discriminator != nullptr) count = std::max(count, discriminator->mapping.size());
  if (conditional != kNone) count = std::max<std::size_t>(count, 2);
  count = std::min(count, kMaxChoices);
  std::vector<Choice> out;
  for (std::size_t c = 0; c < count; ++c) {
    Choice choice;
    choice.view = base;
    auto add = [&](std::uint32_t n) {
      for (const std::uint32_t m : all_of_closure(n))
        if (std::find(choice.view.begin(), choice.view.end(), m) == choice.view.end()) choice.view.push_back(m);
    };
    if (discriminator != nullptr && !discriminator->mapping.empty()) {
      std::size_t pick = c % discriminator->mapping.size();
      if (forced_branch != kNone)
        for (std::size_t m = 0; m < discriminator->mapping.size(); ++m)
          if (discriminator->mapping[m].second == forced_branch) pick = m;
      const auto& [value, target] = discriminator->mapping[pick];
      choice.forced_property = discriminator->property;
      choice.forced_lexeme = quote(value);
      add(target);
    } else {
      for (std::size_t g = 0; g < groups.size(); ++g)
        add(plan().lists[groups[g].first + static_cast<std::uint32_t>((c + g) % groups[g].second)]);
    }
    if (conditional != kNone) {
      const SchemaNode& s = plan().nodes[conditional];
      if (c % 2 == 0) {
        add(s.if_node);
        if (s.then_node != kNone) add(s.then_node);
      } else if (s.else_node != kNone) {
        add(s.else_node);
      }
    }
    out.push_back(std::move(choice));
  }
  return out;
}

std::optional<Json> ValueSynth::valid(std::uint32_t node, bool full, int depth) {
  std::vector<Json> values = valid_values(node, 1, full, depth);
  if (values.empty()) return std::nullopt;
  return std::move(values.front());
}

std::vector<Json> ValueSynth::valid_values(std::uint32_t node, std::size_t count, bool full, int depth) {
  if (node == kNone) node = kAny;
  if (depth > kHardDepth) return {};
  full = full && depth < kSoftDepth;
  const auto key = std::make_tuple(node, full, depth);
  auto found = cache_.find(key);
  if (found != cache_.end() && (found->second.size() >= count || found->second.size() < kKeep)) {
    std::vector<Json> out = found->second;
    if (out.size() > count) out.resize(count);
    return out;
  }
  std::vector<Json> verified;
  const std::size_t want = std::max(count, kKeep);
  std::size_t tried = 0;
  for (Json& candidate : candidates(node, want, full, depth)) {
    if (verified.size() >= want || tried++ >= kMaxCandidates + want) break;
    if (accepts(node, candidate.dump())) add_unique(verified, std::move(candidate));
  }
  cache_[key] = verified;
  if (verified.size() > count) verified.resize(count);
  return verified;
}

std::optional<Json> ValueSynth::valid_with(std::uint32_t node, const std::string& property,
                                           const std::string& forced_lexeme, std::uint32_t branch) {
  for (const Choice& choice : choices(node, branch)) {
    if (choice.forced_property != property || choice.forced_lexeme != forced_lexeme) continue;
    for (unsigned variant = 0; variant < 2; ++variant) {
      std::optional<Json> value = object(choice, false, 0, variant);
      if (value && accepts(node, value->dump())) return value;
    }
  }
  return std::nullopt;
}

std::vector<Json> ValueSynth::candidates(std::uint32_t node, std::size_t want, bool full, int depth) {
  std::vector<Json> out;
  const std::vector<std::uint32_t> closure = all_of_closure(node);
  for (const std::uint32_t n : closure) {
    const SchemaNode& s = plan().nodes[n];
    if (s.never) return out;
    if (!s.has_values) continue;
    // enum and const: the listed values are the candidates, and the only ones.
    for (std::uint32_t k = 0; k < s.values_count; ++k)
      out.push_back(Json::raw(plain_value(plan().values[s.values_begin + k])));
    return out;
  }
  for (const std::uint32_t n : closure) {
    const SchemaNode& c = plan().nodes[n];
    // A classic enum (the fast path's lists) is a value list too.
    if (c.enum_count != 0 && c.kind == NodeKind::string) {
      for (std::uint32_t k = 0; k < c.enum_count; ++k)
        out.push_back(Json::raw(quote(plan().enum_strings[c.enum_begin + k])));
      return out;
    }
    if (c.enum_count != 0 && c.kind == NodeKind::integer) {
      for (std::uint32_t k = 0; k < c.enum_count; ++k)
        out.push_back(Json::raw(std::to_string(plan().enum_integers[c.enum_begin + k])));
      return out;
    }
  }
  const std::uint8_t types = allowed_types(node);
  for (const Choice& choice : choices(node, kNone)) {
    // Preferred type: the one the view's keywords speak about; then a fixed order, null last.
    std::vector<std::uint8_t> order;
    for (const std::uint32_t n : choice.view) {
      const SchemaNode& s = plan().nodes[n];
      if (s.properties_count != 0 || s.required_count != 0 || s.min_properties != 0 || s.discriminator != kNone)
        order.push_back(type_bits::object);
      if (s.items != kNone || s.prefix_count != 0 || s.contains != kNone || s.min_items != 0)
        order.push_back(type_bits::array);
      if (s.pattern != kNone || s.min_length != 0 || s.max_length != kUnbounded) order.push_back(type_bits::string);
      if (s.number_bounds != kNone) order.push_back(type_bits::number);
    }
    for (const std::uint8_t t : {type_bits::object, type_bits::string, type_bits::integer, type_bits::number,
                                 type_bits::boolean, type_bits::array, type_bits::null})
      order.push_back(t);
    std::uint8_t done = 0;
    std::uint8_t view_types = types;
    for (const std::uint32_t n : choice.view) {
      std::uint8_t t = plan().nodes[n].types;
      if (has(t, type_bits::number)) t |= type_bits::integer;
      view_types &= t;
    }
    for (const std::uint8_t t : order) {
      if (!has(view_types, t) || has(done, t)) continue;
      done |= t;
      typed(choice, t, want, full, depth, out);
      if (out.size() >= kMaxCandidates) return out;
    }
  }
  return out;
}

void ValueSynth::typed(const Choice& choice, std::uint8_t type, std::size_t want, bool full, int depth,
                       std::vector<Json>& out) {
  switch (type) {
    case type_bits::object:
      for (unsigned variant = 0; variant < std::min<std::size_t>(want, 3); ++variant)
        if (std::optional<Json> value = object(choice, full, depth, variant)) add_unique(out, std::move(*value));
      return;
    case type_bits::array:
      arrays(choice.view, want, full, depth, out);
      return;
    case type_bits::string:
      strings(choice.view, want, out);
      return;
    case type_bits::integer:
    case type_bits::number:
      numbers(choice.view, type == type_bits::integer, out);
      return;
    case type_bits::boolean:
      out.push_back(Json::raw("true"));
      out.push_back(Json::raw("false"));
      return;
    default:
      out.push_back(Json::raw("null"));
      return;
  }
}

void ValueSynth::strings(const std::vector<std::uint32_t>& view, std::size_t want, std::vector<Json>& out) {
  std::uint32_t min = 0, max = kUnbounded;
  std::uint32_t pattern = kNone;
  std::vector<Format> formats;
  for (const std::uint32_t n : view) {
    const SchemaNode& s = plan().nodes[n];
    min = std::max(min, s.min_length);
    max = std::min(max, s.max_length);
    if (s.pattern != kNone && pattern == kNone) pattern = s.pattern;
    if (s.format_check != Format::none && s.format_check != Format::annotation) formats.push_back(s.format_check);
  }
  for (const Format f : formats)
    for (const std::string& sample : format_samples(f)) out.push_back(Json::raw(sample));
  if (pattern != kNone) {
    std::string why;
    for (unsigned variant = 0; variant < std::max<std::size_t>(want, 2); ++variant)
      for (const unsigned stretch : {1u, 2u, 0u, 4u, 8u, min, 16u, 32u, max == kUnbounded ? 64u : max}) {
        const std::optional<std::string> sample =
            pattern_sample(plan().patterns[pattern].source, stretch, variant, why);
        if (!sample) break;
        const std::uint32_t length = code_points(*sample);
        if (length >= min && length <= max) add_unique(out, Json::raw(quote(*sample)));
      }
    return;
  }
  if (!formats.empty() || min > kMaxTextLength) return;
  const std::uint32_t typical = std::clamp<std::uint32_t>(8, min, std::min(max, kMaxTextLength));
  for (unsigned variant = 0; variant < std::max<std::size_t>(want, 1); ++variant)
    out.push_back(Json::raw(quote(text_of(typical, variant))));
  if (max != kUnbounded && max <= kMaxTextLength) out.push_back(Json::raw(quote(text_of(max, 0))));
  out.push_back(Json::raw(quote(text_of(min, 0))));
}

void ValueSynth::numbers(const std::vector<std::uint32_t>& view, bool integer, std::vector<Json>& out) {
  std::optional<Decimal> lo, hi;
  bool lo_exclusive = false, hi_exclusive = false;
  std::vector<Decimal> steps;
  std::vector<Format> formats;
  auto tighten = [](std::optional<Decimal>& bound, bool& exclusive, const Decimal& value, bool value_exclusive,
                    bool is_lower) {
    if (!bound) {
      bound = value, exclusive = value_exclusive;
      return;
    }
    const int c = compare(value, *bound);
    if ((is_lower && c > 0) || (!is_lower && c < 0) || (c == 0 && value_exclusive)) {
      bound = value, exclusive = value_exclusive;
    }
  };
  for (const std::uint32_t n : view) {
    const SchemaNode& s = plan().nodes[n];
    if (s.kind == NodeKind::integer) {
      tighten(lo, lo_exclusive, Decimal::of(s.minimum), false, true);
      tighten(hi, hi_exclusive, Decimal::of(s.maximum), false, false);
    }
    if (s.number_bounds != kNone) {
      const NumberBounds& b = plan().number_bounds[s.number_bounds];
      if (auto d = Decimal::parse(b.minimum)) tighten(lo, lo_exclusive, *d, b.exclusive_minimum, true);
      if (auto d = Decimal::parse(b.maximum)) tighten(hi, hi_exclusive, *d, b.exclusive_maximum, false);
      if (auto d = Decimal::parse(b.multiple_of)) steps.push_back(*d);
    }
    if (s.format_check != Format::none && s.format_check != Format::annotation) formats.push_back(s.format_check);
  }
  if (integer) steps.push_back(Decimal::of(1));
  // One step that every multipleOf divides: their product.
  std::optional<Decimal> step;
  for (const Decimal& s : steps) step = step ? multiply(*step, s) : s;
  auto in_range = [&](const Decimal& d) {
    if (lo && (compare(d, *lo) < 0 || (lo_exclusive && compare(d, *lo) == 0))) return false;
    if (hi && (compare(d, *hi) > 0 || (hi_exclusive && compare(d, *hi) == 0))) return false;
    return true;
  };
  std::vector<Decimal> picks;
  auto near = [&](const Decimal& d, bool up) {
    if (!step) {
      picks.push_back(d);
      return;
    }
    if (auto m = up ? next_multiple(d, *step, false) : previous_multiple(d, *step, false)) picks.push_back(*m);
  };
  near(Decimal{}, true);
  if (lo && hi) near(half(add(*lo, *hi)), true), near(half(add(*lo, *hi)), false);
  if (lo) {
    near(*lo, true);
    near(add(*lo, step ? *step : (integer ? Decimal::of(1) : unit(lo->scale() + 1))), true);
    near(add(*lo, Decimal::of(1)), true);
  }
  if (hi) {
    near(*hi, false);
    near(subtract(*hi, step ? *step : (integer ? Decimal::of(1) : unit(hi->scale() + 1))), false);
  }
  if (step) picks.push_back(*step);
  near(Decimal::of(1), true);
  for (const Decimal& d : picks)
    if (in_range(d)) add_unique(out, Json::raw(d.lexeme()));
  for (const Format f : formats)
    for (const std::string& sample : format_samples(f)) add_unique(out, Json::raw(sample));
}

void ValueSynth::arrays(const std::vector<std::uint32_t>& view, std::size_t want, bool full, int depth,
                        std::vector<Json>& out) {
  std::uint32_t min = 0, max = kUnbounded;
  std::vector<std::uint32_t> prefix;
  std::uint32_t items = kNone, contains = kNone, min_contains = 1;
  bool unique = false;
  for (const std::uint32_t n : view) {
    const SchemaNode& s = plan().nodes[n];
    min = std::max(min, s.min_items);
    max = std::min(max, s.max_items);
    if (prefix.empty())
      for (std::uint32_t k = 0; k < s.prefix_count; ++k) prefix.push_back(plan().lists[s.prefix_begin + k]);
    if (items == kNone && s.items != kNone) items = s.items;
    if (contains == kNone && s.contains != kNone) contains = s.contains, min_contains = s.min_contains;
    unique = unique || s.unique_items;
  }
  if (min > limits_.max_items || min > 256) return;
  for (unsigned variant = 0; variant < std::min<std::size_t>(want, 2); ++variant) {
    std::uint32_t count = std::max<std::uint32_t>(min, full ? std::min<std::uint32_t>(max, 1 + variant) : variant);
    if (contains != kNone) count = std::max(count, min_contains);
    if (full) count = std::max(count, std::min<std::uint32_t>(max, static_cast<std::uint32_t>(prefix.size())));
    count = std::min(count, max);
    Json array = Json::array();
    bool ok = true;
    for (std::uint32_t i = 0; i < count && i < prefix.size() && ok; ++i) {
      std::optional<Json> v = valid(prefix[i], full, depth + 1);
      ok = v.has_value();
      if (ok) array.items.push_back(std::move(*v));
    }
    if (!ok) continue;
    const std::uint32_t rest = count > prefix.size() ? count - static_cast<std::uint32_t>(prefix.size()) : 0;
    std::vector<Json> pool;
    if (contains != kNone) {
      // Items that satisfy `contains` and the item schema both.
      for (Json& v : valid_values(contains, std::max<std::size_t>(rest, 2), full, depth + 1))
        if (items == kNone || accepts(items, v.dump())) pool.push_back(std::move(v));
    }
    for (Json& v : valid_values(items == kNone ? kAny : items, std::max<std::size_t>(rest, 2), full, depth + 1))
      add_unique(pool, std::move(v));
    if (rest > 0 && pool.empty()) continue;
    if (unique && pool.size() < rest) continue;
    for (std::uint32_t i = 0; i < rest; ++i) array.items.push_back(pool[unique ? i : i % pool.size()]);
    add_unique(out, std::move(array));
  }
}

std::optional<Json> ValueSynth::member_value(const std::vector<std::uint32_t>& nodes, bool full, int depth) {
  if (nodes.empty()) return Json::raw("0");
  for (Json& v : valid_values(nodes.front(), kKeep, full, depth + 1)) {
    const std::string text = v.dump();
    bool all = true;
    for (std::size_t k = 1; k < nodes.size() && all; ++k) all = accepts(nodes[k], text);
    if (all) return std::move(v);
  }
  return std::nullopt;
}

std::optional<Json> ValueSynth::object(const Choice& choice, bool full, int depth, unsigned variant) {
  // Members by name: every node of the view that declares it, and whether any requires it.
  struct Member {
    std::string name;
    std::vector<std::uint32_t> nodes;
    bool required = false;
    bool read_only = false;
  };
  std::vector<Member> members;
  auto member = [&](const std::string& name) -> Member& {
    for (Member& m : members)
      if (m.name == name) return m;
    members.push_back(Member{name, {}, false, false});
    return members.back();
  };
  std::uint32_t min_properties = 0, max_properties = kUnbounded;
  std::uint32_t additional = kNone;
  bool closed = false;
  std::vector<const Dependent*> dependents;
  std::vector<const PatternProperty*> patterned;
  for (const std::uint32_t n : choice.view) {
    const SchemaNode& s = plan().nodes[n];
    for (std::uint32_t k = 0; k < s.properties_count; ++k) {
      const Property& p = plan().properties[s.properties_begin + k];
      Member& m = member(p.name);
      if (!p.implicit) m.nodes.push_back(p.node);
      m.read_only = m.read_only || p.access == 1;
    }
    for (std::uint32_t k = 0; k < s.required_count; ++k)
      member(plan().properties[plan().lists[s.required_begin + k]].name).required = true;
    min_properties = std::max(min_properties, s.min_properties);
    max_properties = std::min(max_properties, s.max_properties);
    if (s.additional == kFalse) closed = true;
    if (s.additional != kNone && s.additional != kFalse && additional == kNone) additional = s.additional;
    for (std::uint32_t k = 0; k < s.dependents_count; ++k)
      dependents.push_back(&plan().dependents[s.dependents_begin + k]);
    for (std::uint32_t k = 0; k < s.patterns_count; ++k)
      patterned.push_back(&plan().pattern_properties[s.patterns_begin + k]);
  }
  Json object = Json::object();
  auto put = [&](Member& m) {
    if (object.find(m.name) != nullptr) return true;
    if (!choice.forced_property.empty() && m.name == choice.forced_property) {
      object.set(m.name, Json::raw(choice.forced_lexeme));
      return true;
    }
    std::vector<std::uint32_t> nodes = m.nodes;
    if (nodes.empty() && additional != kNone) nodes.push_back(additional);
    std::optional<Json> v = member_value(nodes, full, depth);
    if (!v) return false;
    object.set(m.name, std::move(*v));
    return true;
  };
  if (!choice.forced_property.empty()) {
    Member& m = member(choice.forced_property);
    if (!put(m)) return std::nullopt;
  }
  for (Member& m : members) {
    // A readOnly member is not sent in a request, required or not.
    if (m.read_only) continue;
    const bool optional_wanted = full && (variant == 0 || (members.size() > 1 && (&m - members.data()) % 2 == 0));
    if (!m.required && !optional_wanted) continue;
    if (!put(m) && m.required) return std::nullopt;
  }
  // Members the present ones depend on.
  for (std::size_t round = 0; round < 4; ++round)
    for (const Dependent* d : dependents)
      if (object.find(d->property) != nullptr)
        for (const std::string& name : d->required)
          if (!put(member(name))) return std::nullopt;
  // minProperties: optional members first, then names the patterns or additionalProperties accept.
  for (Member& m : members)
    if (object.members.size() < min_properties && !m.read_only) (void)put(m);
  std::string why;
  for (std::size_t k = 0; k < patterned.size() && object.members.size() < min_properties; ++k) {
    for (unsigned v = 0; v < 4 && object.members.size() < min_properties; ++v) {
      const std::optional<std::string> name = pattern_sample(plan().patterns[patterned[k]->pattern].source, 1, v, why);
      if (!name || object.find(*name) != nullptr) continue;
      std::optional<Json> value = member_value({patterned[k]->node}, false, depth);
      if (value) object.set(*name, std::move(*value));
    }
  }
  std::vector<std::string> names;  // extra member names: what propertyNames accepts, else extraN
  for (const std::uint32_t n : choice.view)
    if (plan().nodes[n].property_names != kNone && names.empty())
      for (const Json& v : valid_values(plan().nodes[n].property_names, min_properties + 4, false, depth + 1))
        if (v.text.size() >= 2 && v.text.front() == '"') names.push_back(v.text.substr(1, v.text.size() - 2));
  for (unsigned k = 0; object.members.size() < min_properties && !closed && k < min_properties + 4; ++k) {
    const std::string name = k < names.size() ? names[k] : "extra" + std::to_string(k);
    if (object.find(name) != nullptr) continue;
    std::optional<Json> value = member_value({additional == kNone ? kAny : additional}, false, depth);
    if (!value) break;
    object.set(name, std::move(*value));
  }
  if (object.members.size() > max_properties) return std::nullopt;
  return object;
}

}  // namespace reqprobe::gen
