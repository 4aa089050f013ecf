// Reading one schema object into one plan node, keyword group by keyword group. Which keywords a dialect has is
// keyword_table.cc's business; here each group says what its keywords mean.
#include <algorithm>
#include <limits>

#include "../decimal.h"
#include "../engine/runtime.h"
#include "../regex/ecma_translate.h"
#include "canonical.h"
#include "fast_path.h"
#include "keyword_table.h"
#include "property_lookup.h"
#include "schema_compiler.h"

namespace reqprobe::compile {
namespace {

using detail::compare;
using detail::Decimal;
using detail::parse_decimal;
using detail::to_int64;
using doc::Kind;
using doc::Node;

bool draft4_family(Dialect d) {
  return d == Dialect::draft4 || d == Dialect::oas30;
}
bool tuple_items(Dialect d) {  // `items` may be an array (tuple), with additionalItems after it
  return d != Dialect::draft2020 && d != Dialect::oas31;
}
bool since2019(Dialect d) {
  return d == Dialect::draft2019 || d == Dialect::draft2020 || d == Dialect::oas31;
}
bool refs_are_applicators(Dialect d) {
  return since2019(d);
}

struct FormatName {
  std::string_view name;
  Format format;
};
constexpr FormatName kFormats[] = {
    {"date-time", Format::date_time},
    {"date", Format::date},
    {"time", Format::time},
    {"duration", Format::duration},
    {"email", Format::email},
    {"idn-email", Format::idn_email},
    {"hostname", Format::hostname},
    {"idn-hostname", Format::idn_hostname},
    {"ipv4", Format::ipv4},
    {"ipv6", Format::ipv6},
    {"uri", Format::uri},
    {"uri-reference", Format::uri_reference},
    {"iri", Format::iri},
    {"iri-reference", Format::iri_reference},
    {"uri-template", Format::uri_template},
    {"uuid", Format::uuid},
    {"regex", Format::regex},
    {"json-pointer", Format::json_pointer},
    {"relative-json-pointer", Format::relative_json_pointer},
    {"byte", Format::byte},
    {"int32", Format::int32},
    {"int64", Format::int64},
    {"float", Format::float32},
    {"double", Format::float64},
};

}  // namespace

class SchemaCompiler::NodeBuilder {
 public:
  NodeBuilder(SchemaCompiler& c, const Work& w)
      : c_(c), ctx_(c.ctx_), w_(w), s_(*w.at.node), d_(w.at.dialect), base_(w.at.base_uri) {
    n_.source = ctx_.plan.nodes[w.index].source;
  }

  void build() {
    read_resource();
    check_keywords();
    read_type();
    read_values();
    read_strings();
    read_numbers();
    read_arrays();
    read_objects();
    read_applicators();
    read_format();
    read_extensions();
    finish();
    ctx_.plan.nodes[w_.index] = n_;
  }

 private:
  // ---- helpers ---------------------------------------------------------------------------------------------------

  const Node* get(std::string_view key) const {
    const Node* v = s_.find(key);
    return v != nullptr && find_keyword(key, d_) != nullptr ? v : nullptr;
  }
  std::string at(std::string_view key) const { return pointer_join(w_.at.pointer, key); }
  void error(const Node* where, const std::string& pointer, std::string message) {
    ctx_.diag.error(where, pointer, std::move(message));
  }
  void warning(const Node* where, const std::string& pointer, std::string message) {
    ctx_.diag.warning(where, pointer, std::move(message));
  }

  // The node of a subschema: `outer` when it is the whole schema of another value (a member, an item), not a
  // branch applied to this one.
  std::uint32_t child(const Node* schema, const std::string& pointer, bool outer) {
    SchemaAt at{schema, pointer, base_, d_, scope_};
    SchemaUse use = w_.use;
    use.outer = outer;
    return c_.intern(at, use);
  }

  std::uint32_t push_list(const Node* list, const std::string& pointer, bool outer, std::uint32_t& count) {
    std::vector<std::uint32_t> nodes;
    for (std::size_t i = 0; i < list->items.size(); ++i)
      nodes.push_back(child(list->items[i], pointer_join(pointer, std::to_string(i)), outer));
    const auto begin = static_cast<std::uint32_t>(ctx_.plan.lists.size());
    ctx_.plan.lists.insert(ctx_.plan.lists.end(), nodes.begin(), nodes.end());
    count = static_cast<std::uint32_t>(nodes.size());
    return begin;
  }

  bool read_count(const Node* v, const std::string& pointer, std::uint32_t& out) {
    Decimal value;
    if (v->kind != Kind::number || !parse_decimal(v->text, value) || value.negative || !value.is_integral()) {
      error(v, pointer, "must be a non-negative integer");
      return false;
    }
    std::int64_t n = 0;
    out = to_int64(value, n) && n < static_cast<std::int64_t>(kUnbounded) ? static_cast<std::uint32_t>(n)
                                                                          : kUnbounded - 1;
    return true;
  }

  bool non_empty_list(const Node* v, const std::string& pointer, std::string_view what) {
    if (v->kind == Kind::array && !v->items.empty()) return true;
    error(v, pointer, std::string(what) + " must be a non-empty array of schemas");
    return false;
  }

  // ---- resource: $schema and $id ---------------------------------------------------------------------------------

  void read_resource() {
    if (const Node* schema = s_.find("$schema"); schema != nullptr && find_keyword("$schema", d_)) {
      Dialect declared;
      if (schema->kind != Kind::string || !dialect_from_uri(schema->text, declared)) {
        error(schema, at("$schema"),
              "reqprobe reads JSON Schema draft 4, 6, 7, 2019-09 and 2020-12 and the OpenAPI 3.1 dialect; '" +
                  schema->text + "' is none of them");
      } else {
        d_ = declared;
      }
    }
    if (const auto* known = c_.base_of(&s_); known != nullptr) {
      base_ = known->first;
      d_ = known->second;
    }
    scope_ = c_.enter_scope(w_.at.scope, &s_);
  }

  // Every key is a keyword of this dialect, an extension (x-), or reported.
  void check_keywords() {
    for (const doc::Member& m : s_.members) {
      if (m.key.substr(0, 2) == "x-") {
        if (m.key.substr(0, 11) == "x-reqprobe-" && m.key != "x-reqprobe-rules" && m.key != "x-reqprobe-mask-union" &&
            m.key != "x-reqprobe-forbidden-bytes")
          error(m.value, at(m.key), "unknown reqprobe extension '" + m.key + "'");
        continue;
      }
      if (find_keyword(m.key, d_) != nullptr) continue;
      if (const KeywordInfo* other = find_keyword_any(m.key); other != nullptr) {
        warning(m.value, at(m.key),
                "'" + m.key + "' is not a keyword of " + std::string(dialect_name(d_)) + "; it is ignored");
      } else {
        warning(m.value, at(m.key), "unknown keyword '" + m.key + "' is ignored");
      }
    }
  }

  // ---- type ------------------------------------------------------------------------------------------------------

  static std::uint8_t type_bit(std::string_view name) {
    if (name == "null") return type_bits::null;
    if (name == "boolean") return type_bits::boolean;
    if (name == "object") return type_bits::object;
    if (name == "array") return type_bits::array;
    if (name == "number") return type_bits::number;
    if (name == "string") return type_bits::string;
    if (name == "integer") return type_bits::integer;
    return 0;
  }

  void read_type() {
    // Draft 6 and later compare integers by value (1.0 is one); draft 4 and OpenAPI 3.0 by lexeme (D10).
    n_.integer_lexeme = draft4_family(d_);
    const Node* type = get("type");
    if (type == nullptr) return;
    std::uint8_t bits = 0;
    const auto add = [&](const Node* name, const std::string& pointer) {
      const std::uint8_t b = name->kind == Kind::string ? type_bit(name->text) : 0;
      if (b == 0) {
        error(name, pointer,
              "'" + (name->kind == Kind::string ? name->text : std::string(kind_name(name->kind))) +
                  "' is not a JSON Schema type");
        return;
      }
      bits |= b;
    };
    if (type->kind == Kind::array && d_ == Dialect::oas30) {
      error(type, at("type"), "type must be one string in OpenAPI 3.0 (nullable: true adds null)");
    } else if (type->kind == Kind::array) {
      if (type->items.empty()) error(type, at("type"), "type must not be an empty array");
      for (std::size_t i = 0; i < type->items.size(); ++i)
        add(type->items[i], pointer_join(at("type"), std::to_string(i)));
    } else {
      add(type, at("type"));
    }
    if ((bits & type_bits::number) != 0) bits &= static_cast<std::uint8_t>(~type_bits::integer);
    n_.types = bits;
    if (const Node* nullable = get("nullable"); nullable != nullptr) {
      if (nullable->kind != Kind::boolean) {
        error(nullable, at("nullable"), "nullable must be a boolean");
      } else if (nullable->boolean) {
        n_.types |= type_bits::null;
      }
    }
  }

  // ---- enum and const --------------------------------------------------------------------------------------------

  void read_values() {
    const Node* list = get("enum");
    const Node* constant = get("const");
    if (list != nullptr && list->kind != Kind::array) {
      error(list, at("enum"), "enum must be an array");
      list = nullptr;
    }
    if (list == nullptr && constant == nullptr) return;
    // Both present: the value must equal the const and be in the enum; keep the enum's values that equal it.
    std::vector<std::string> values;
    std::size_t budget = kMaxCanonicalBytes;  // for the whole enum: aliases can repeat one huge value many times
    const auto text_of = [&](const Node* v, const char* keyword) -> std::optional<std::string> {
      std::optional<std::string> text = canonical_json(v, budget);
      if (!text) {
        error(v, at(keyword),
              std::string(keyword) + " values take more than " + std::to_string(kMaxCanonicalBytes) +
                  " bytes written out (YAML aliases repeating a value?)");
        return std::nullopt;
      }
      budget -= std::min(budget, text->size());
      return text;
    };
    if (list != nullptr) {
      for (const Node* v : list->items) {
        std::optional<std::string> text = text_of(v, "enum");
        if (!text) return;
        values.push_back(std::move(*text));
      }
    }
    if (constant != nullptr) {
      std::optional<std::string> text = text_of(constant, "const");
      if (!text) return;
      const std::string c = std::move(*text);
      if (list == nullptr || std::find(values.begin(), values.end(), c) != values.end()) {
        values = {c};
      } else {
        values.clear();
      }
    }
    n_.has_values = true;
    n_.const_value = constant != nullptr;
    n_.values_begin = static_cast<std::uint32_t>(ctx_.plan.values.size());
    n_.values_count = static_cast<std::uint32_t>(values.size());
    ctx_.plan.values.insert(ctx_.plan.values.end(), values.begin(), values.end());
    // The fast paths' lists: strings for a string node, int64 integers for an integer node.
    const std::vector<const Node*> items = constant != nullptr ? std::vector<const Node*>{constant} : list->items;
    if (std::all_of(items.begin(), items.end(), [](const Node* v) { return v->kind == Kind::string; })) {
      n_.enum_begin = static_cast<std::uint32_t>(ctx_.plan.enum_strings.size());
      for (const Node* v : items) ctx_.plan.enum_strings.push_back(v->text);
      n_.enum_count = static_cast<std::uint32_t>(items.size());
      string_enum_ = true;
    } else if (std::all_of(items.begin(), items.end(), [](const Node* v) {
                 Decimal d;
                 std::int64_t x = 0;
                 return v->kind == Kind::number && parse_decimal(v->text, d) && to_int64(d, x) &&
                        v->text.find_first_of(".eE") == std::string::npos;
               })) {
      n_.enum_begin = static_cast<std::uint32_t>(ctx_.plan.enum_integers.size());
      for (const Node* v : items) {
        Decimal d;
        std::int64_t x = 0;
        (void)parse_decimal(v->text, d);
        (void)to_int64(d, x);
        ctx_.plan.enum_integers.push_back(x);
      }
      n_.enum_count = static_cast<std::uint32_t>(items.size());
      integer_enum_ = true;
    }
    if (constant != nullptr && list != nullptr && values.empty()) {
      n_.enum_count = 0;
      string_enum_ = integer_enum_ = false;
    }
  }

  // ---- strings ---------------------------------------------------------------------------------------------------

  void read_strings() {
    if (const Node* v = get("minLength")) (void)read_count(v, at("minLength"), n_.min_length);
    if (const Node* v = get("maxLength")) (void)read_count(v, at("maxLength"), n_.max_length);
    if (const Node* v = get("pattern")) {
      if (v->kind != Kind::string) {
        error(v, at("pattern"), "pattern must be a string");
      } else {
        n_.pattern = add_pattern(v, v->text, at("pattern"));
      }
    }
  }

  // An ECMA-262 pattern, translated for RE2 and compiled once now, so a pattern no linear-time engine can run is a
  // load error naming it (not a surprise at validation time).
  std::uint32_t add_pattern(const Node* where, const std::string& source, const std::string& pointer) {
    if (const auto known = ctx_.pattern_index.find(source); known != ctx_.pattern_index.end()) {
      if (!known->second.second.empty())
        error(where, pointer, "pattern '" + source + "' cannot be used: " + known->second.second);
      return known->second.first;
    }
    const auto index = static_cast<std::uint32_t>(ctx_.plan.patterns.size());
    regex::Translation t = regex::translate_ecma(source);
    // Not ECMA-262 in Unicode mode (a stray ']', '\\-' outside a class, an octal escape): real documents have such
    // patterns, and their intent is plain, so they are read as translated, with a warning.
    if (t.ok && !regex::is_ecma_regex(source))
      warning(where, pointer,
              "pattern '" + source + "' is not a valid ECMA-262 regex in Unicode mode; it is read as written");
    std::string why = t.error;
    if (t.ok && !detail::pattern_compiles(t.re2, why)) t.ok = false;
    if (!t.ok) {
      error(where, pointer, "pattern '" + source + "' cannot be used: " + why);
      t.re2 = "(?:)";
    }
    ctx_.pattern_index.emplace(source, std::make_pair(index, t.ok ? std::string() : why));
    ctx_.plan.patterns.push_back({source, std::move(t.re2)});
    return index;
  }

  // ---- numbers ---------------------------------------------------------------------------------------------------

  bool read_number(const Node* v, const std::string& pointer, std::string& out) {
    if (v->kind != Kind::number || v->nonfinite) {
      error(v, pointer, "must be a number");
      return false;
    }
    out = v->text;
    return true;
  }

  void read_numbers() {
    NumberBounds b;
    bool any = false;
    if (const Node* v = get("minimum")) any = read_number(v, at("minimum"), b.minimum) || any;
    if (const Node* v = get("maximum")) any = read_number(v, at("maximum"), b.maximum) || any;
    for (const auto& [key, bound, exclusive] : {std::tuple{"exclusiveMinimum", &b.minimum, &b.exclusive_minimum},
                                                std::tuple{"exclusiveMaximum", &b.maximum, &b.exclusive_maximum}}) {
      const Node* v = get(key);
      if (v == nullptr) continue;
      if (draft4_family(d_)) {  // a boolean that makes minimum/maximum exclusive
        if (v->kind != Kind::boolean) {
          error(v, at(key), std::string(key) + " is a boolean in " + std::string(dialect_name(d_)));
        } else if (v->boolean && bound->empty()) {
          error(v, at(key),
                std::string(key) + ": true needs " +
                    (std::string_view(key) == "exclusiveMinimum" ? "minimum" : "maximum"));
        } else {
          *exclusive = v->boolean;
        }
        continue;
      }
      std::string value;
      if (!read_number(v, at(key), value)) continue;
      // Numeric exclusive bound: the stricter of it and the inclusive one applies.
      Decimal nv, current;
      (void)parse_decimal(value, nv);
      const bool is_min = std::string_view(key) == "exclusiveMinimum";
      if (bound->empty() ||
          (parse_decimal(*bound, current) && (is_min ? compare(nv, current) >= 0 : compare(nv, current) <= 0))) {
        *bound = value;
        *exclusive = true;
      }
      any = true;
    }
    if (const Node* v = get("multipleOf")) {
      Decimal m;
      if (read_number(v, at("multipleOf"), b.multiple_of) &&
          (!parse_decimal(b.multiple_of, m) || m.negative || m.is_zero())) {
        error(v, at("multipleOf"), "multipleOf must be greater than 0");
        b.multiple_of.clear();
      }
      any = any || !b.multiple_of.empty();
    }
    if (!any) return;
    // An integer-only node with inclusive int64 bounds and nothing else keeps the exact int64 fast path.
    Decimal lo, hi;
    std::int64_t lo64 = std::numeric_limits<std::int64_t>::min(), hi64 = std::numeric_limits<std::int64_t>::max();
    const bool lo_ok = b.minimum.empty() || (parse_decimal(b.minimum, lo) && to_int64(lo, lo64) && lo.is_integral());
    const bool hi_ok = b.maximum.empty() || (parse_decimal(b.maximum, hi) && to_int64(hi, hi64) && hi.is_integral());
    if (n_.types == type_bits::integer && lo_ok && hi_ok && !b.exclusive_minimum && !b.exclusive_maximum &&
        b.multiple_of.empty()) {
      n_.explicit_minimum = !b.minimum.empty();
      n_.explicit_maximum = !b.maximum.empty();
      n_.minimum = std::max(n_.minimum, lo64);
      n_.maximum = std::min(n_.maximum, hi64);
      if (n_.minimum > n_.maximum) error(&s_, w_.at.pointer, "minimum is greater than maximum");
      return;
    }
    n_.number_bounds = static_cast<std::uint32_t>(ctx_.plan.number_bounds.size());
    ctx_.plan.number_bounds.push_back(std::move(b));
  }

  // ---- arrays ----------------------------------------------------------------------------------------------------

  void read_arrays() {
    if (const Node* v = get("minItems")) (void)read_count(v, at("minItems"), n_.min_items);
    if (const Node* v = get("maxItems")) (void)read_count(v, at("maxItems"), n_.max_items);
    if (const Node* v = get("uniqueItems")) {
      if (v->kind != Kind::boolean) {
        error(v, at("uniqueItems"), "uniqueItems must be a boolean");
      } else {
        n_.unique_items = v->boolean;
      }
    }
    const Node* items = get("items");
    if (tuple_items(d_) && items != nullptr && items->kind == Kind::array) {
      n_.prefix_begin = push_list(items, at("items"), true, n_.prefix_count);
      if (const Node* extra = get("additionalItems")) n_.items = additional(extra, at("additionalItems"));
    } else if (items != nullptr) {
      n_.items = child(items, at("items"), true);
    }
    if (const Node* prefix = get("prefixItems")) {
      if (prefix->kind != Kind::array) {
        error(prefix, at("prefixItems"), "prefixItems must be an array of schemas");
      } else {
        n_.prefix_begin = push_list(prefix, at("prefixItems"), true, n_.prefix_count);
      }
    }
    if (const Node* contains = get("contains")) {
      n_.contains = child(contains, at("contains"), true);
      if (const Node* v = get("minContains")) (void)read_count(v, at("minContains"), n_.min_contains);
      if (const Node* v = get("maxContains")) (void)read_count(v, at("maxContains"), n_.max_contains);
    }
    if (const Node* v = get("unevaluatedItems")) n_.unevaluated_items = child(v, at("unevaluatedItems"), true);
  }

  // additionalProperties/additionalItems: booleans in every dialect (draft 4 too), otherwise a schema.
  std::uint32_t additional(const Node* v, const std::string& pointer) {
    if (v->kind == Kind::boolean) return v->boolean ? kAny : kFalse;
    return child(v, pointer, true);
  }

  // ---- objects ---------------------------------------------------------------------------------------------------

  // True when the schema (following pure references) says `flag: true` (readOnly, writeOnly).
  bool says(const Node* schema, std::string_view flag) {
    for (int hops = 0; schema != nullptr && schema->kind == Kind::object && hops < 32; ++hops) {
      if (const Node* v = schema->find(flag); v != nullptr) return v->kind == Kind::boolean && v->boolean;
      const Node* ref = schema->find("$ref");
      if (ref == nullptr || ref->kind != Kind::string) return false;
      resolve::RefError why;
      const auto target = ctx_.documents.resolve(ref->text, base_, why);
      schema = target ? target->node : nullptr;
    }
    return false;
  }

  void read_objects() {
    if (const Node* v = get("minProperties")) (void)read_count(v, at("minProperties"), n_.min_properties);
    if (const Node* v = get("maxProperties")) (void)read_count(v, at("maxProperties"), n_.max_properties);
    std::vector<Property> members;
    if (const Node* properties = get("properties")) {
      if (properties->kind != Kind::object) {
        error(properties, at("properties"), "properties must be an object");
      } else {
        for (const doc::Member& m : properties->members) {
          Property p;
          p.name = m.key;
          p.node = child(m.value, pointer_join(at("properties"), m.key), true);
          property_schemas_.push_back(m.value);
          if (w_.use.direction == Direction::request && says(m.value, "readOnly")) p.access = 1;
          if (w_.use.direction == Direction::response && says(m.value, "writeOnly")) p.access = 2;
          members.push_back(std::move(p));
        }
      }
    }
    std::vector<std::string> required;
    if (const Node* list = get("required")) {
      if (list->kind != Kind::array || (draft4_family(d_) && list->items.empty() && d_ == Dialect::draft4)) {
        error(list, at("required"), "required must be an array of property names");
      } else {
        for (const Node* name : list->items) {
          if (name->kind != Kind::string) {
            error(name, at("required"), "required must list strings");
            continue;
          }
          if (std::find(required.begin(), required.end(), name->text) == required.end()) required.push_back(name->text);
        }
      }
    }
    // A required name no property declares is still required: it joins as an implicit property (any value).
    for (const std::string& name : required) {
      if (std::none_of(members.begin(), members.end(), [&](const Property& p) { return p.name == name; })) {
        Property p;
        p.name = name;
        p.node = kAny;
        p.implicit = true;
        members.push_back(std::move(p));
        property_schemas_.push_back(nullptr);
      }
    }
    n_.properties_begin = static_cast<std::uint32_t>(ctx_.plan.properties.size());
    n_.properties_count = static_cast<std::uint32_t>(members.size());
    for (std::size_t i = 0; i < members.size(); ++i) {
      members[i].slot = static_cast<std::uint16_t>(std::min<std::size_t>(i, 0xffff));
      ctx_.plan.properties.push_back(std::move(members[i]));
    }
    if (n_.properties_count > 0xffff) error(&s_, w_.at.pointer, "more than 65,535 properties in one object");
    build_property_lookup(ctx_.plan, n_);
    n_.required_begin = static_cast<std::uint32_t>(ctx_.plan.lists.size());
    for (const std::string& name : required) {
      const std::uint32_t index = find(name);
      const Property& p = ctx_.plan.properties[index];
      if (p.access != 0) continue;  // readOnly in a request, writeOnly in a response: required does not apply
      ctx_.plan.lists.push_back(index);
      ++n_.required_count;
      if (p.slot < 64) n_.required_mask |= std::uint64_t{1} << p.slot;
    }
    if (const Node* patterns = get("patternProperties")) {
      if (patterns->kind != Kind::object) {
        error(patterns, at("patternProperties"), "patternProperties must be an object");
      } else {
        n_.patterns_begin = static_cast<std::uint32_t>(ctx_.plan.pattern_properties.size());
        for (const doc::Member& m : patterns->members) {
          PatternProperty pp;
          pp.pattern = add_pattern(m.value, m.key, pointer_join(at("patternProperties"), m.key));
          pp.node = child(m.value, pointer_join(at("patternProperties"), m.key), true);
          ctx_.plan.pattern_properties.push_back(pp);
        }
        n_.patterns_count = static_cast<std::uint32_t>(patterns->members.size());
      }
    }
    if (const Node* extra = get("additionalProperties")) {
      n_.additional = additional(extra, at("additionalProperties"));
      explicit_additional_ = true;
    }
    if (const Node* names = get("propertyNames")) n_.property_names = child(names, at("propertyNames"), false);
    read_dependents();
    if (const Node* v = get("unevaluatedProperties"))
      n_.unevaluated_properties = child(v, at("unevaluatedProperties"), true);
  }

  void read_dependents() {
    std::vector<Dependent> dependents;
    const auto required_list = [&](const Node* v, const std::string& pointer, Dependent& d) {
      if (v->kind != Kind::array) return false;
      for (const Node* name : v->items) {
        if (name->kind != Kind::string) {
          error(name, pointer, "must list property names");
          continue;
        }
        d.required.push_back(name->text);
      }
      return true;
    };
    if (const Node* deps = get("dependencies")) {  // draft 4 to 7: a name list or a schema per property
      for (const doc::Member& m : deps->members) {
        Dependent d;
        d.property = m.key;
        if (!required_list(m.value, pointer_join(at("dependencies"), m.key), d))
          d.node = child(m.value, pointer_join(at("dependencies"), m.key), false);
        dependents.push_back(std::move(d));
      }
    }
    if (const Node* deps = get("dependentRequired")) {
      for (const doc::Member& m : deps->members) {
        Dependent d;
        d.property = m.key;
        if (!required_list(m.value, pointer_join(at("dependentRequired"), m.key), d))
          error(m.value, pointer_join(at("dependentRequired"), m.key), "must be an array of property names");
        dependents.push_back(std::move(d));
      }
    }
    if (const Node* deps = get("dependentSchemas")) {
      for (const doc::Member& m : deps->members) {
        Dependent d;
        d.property = m.key;
        d.node = child(m.value, pointer_join(at("dependentSchemas"), m.key), false);
        dependents.push_back(std::move(d));
      }
    }
    n_.dependents_begin = static_cast<std::uint32_t>(ctx_.plan.dependents.size());
    n_.dependents_count = static_cast<std::uint32_t>(dependents.size());
    for (Dependent& d : dependents) ctx_.plan.dependents.push_back(std::move(d));
  }

  std::uint32_t find(std::string_view name) const {
    for (std::uint32_t i = 0; i < n_.properties_count; ++i)
      if (ctx_.plan.properties[n_.properties_begin + i].name == name) return n_.properties_begin + i;
    return kNone;
  }

  // ---- applicators -----------------------------------------------------------------------------------------------

  void read_applicators() {
    std::vector<std::uint32_t> all_of;
    if (const Node* v = get("allOf"); v != nullptr && non_empty_list(v, at("allOf"), "allOf")) {
      std::uint32_t count = 0;
      const std::uint32_t begin = push_list(v, at("allOf"), false, count);
      all_of.assign(ctx_.plan.lists.begin() + begin, ctx_.plan.lists.begin() + begin + count);
      ctx_.plan.lists.resize(begin);
    }
    // From 2019-09 on, $ref is an applicator beside the other keywords: one more allOf entry.
    if (const Node* ref = get("$ref"); ref != nullptr && refs_are_applicators(d_)) {
      SchemaAt only_ref = w_.at;
      only_ref.base_uri = base_;
      only_ref.scope = scope_;
      all_of.push_back(c_.intern_ref(only_ref, SchemaUse{w_.use.direction, false}, false));
    }
    // $dynamicRef (2020-12) and $recursiveRef (2019-09): resolved in this schema's dynamic scope, then applied like
    // $ref.
    for (const bool recursive : {false, true}) {
      if (const Node* ref = get(recursive ? "$recursiveRef" : "$dynamicRef")) {
        SchemaAt here = w_.at;
        here.base_uri = base_;
        here.dialect = d_;
        here.scope = scope_;
        all_of.push_back(c_.intern_dynamic_ref(here, ref, recursive, SchemaUse{w_.use.direction, false}));
      }
    }
    if (!all_of.empty()) {
      n_.all_of_begin = static_cast<std::uint32_t>(ctx_.plan.lists.size());
      n_.all_of_count = static_cast<std::uint32_t>(all_of.size());
      ctx_.plan.lists.insert(ctx_.plan.lists.end(), all_of.begin(), all_of.end());
    }
    if (const Node* v = get("anyOf"); v != nullptr && non_empty_list(v, at("anyOf"), "anyOf"))
      n_.any_of_begin = push_list(v, at("anyOf"), false, n_.any_of_count);
    if (const Node* v = get("oneOf"); v != nullptr && non_empty_list(v, at("oneOf"), "oneOf"))
      n_.one_of_begin = push_list(v, at("oneOf"), false, n_.one_of_count);
    if (const Node* v = get("not")) n_.not_node = child(v, at("not"), false);
    if (const Node* v = get("if")) {
      n_.if_node = child(v, at("if"), false);
      if (const Node* t = get("then")) n_.then_node = child(t, at("then"), false);
      if (const Node* e = get("else")) n_.else_node = child(e, at("else"), false);
    }
    if (const Node* v = get("discriminator")) read_discriminator(v);
  }

  void read_discriminator(const Node* v) {
    const Node* property = v->find("propertyName");
    if (v->kind != Kind::object || property == nullptr || property->kind != Kind::string) {
      error(v, at("discriminator"), "discriminator needs a propertyName");
      return;
    }
    const bool one = n_.one_of_count != 0;
    const std::uint32_t begin = one ? n_.one_of_begin : n_.any_of_begin;
    const std::uint32_t count = one ? n_.one_of_count : n_.any_of_count;
    const Node* branches = get(one ? "oneOf" : "anyOf");
    if (count == 0 || branches == nullptr) {
      warning(v, at("discriminator"), "a discriminator without oneOf or anyOf beside it is an annotation here");
      return;
    }
    Discriminator disc;
    disc.property = property->text;
    // Explicit mapping first, then each branch that is a reference to a component schema, by its name.
    std::vector<std::pair<std::string, std::string>> names;  // value -> reference
    if (const Node* mapping = v->find("mapping"); mapping != nullptr && mapping->kind == Kind::object)
      for (const doc::Member& m : mapping->members)
        if (m.value->kind == Kind::string)
          names.emplace_back(
              m.key, m.value->text.find('#') == std::string::npos && m.value->text.find('/') == std::string::npos
                         ? "#/components/schemas/" + m.value->text
                         : m.value->text);
    for (std::uint32_t i = 0; i < count; ++i) {
      const Node* branch = branches->items[i];
      const Node* ref = branch->kind == Kind::object ? branch->find("$ref") : nullptr;
      const std::uint32_t node = ctx_.plan.lists[begin + i];
      if (ref == nullptr || ref->kind != Kind::string) continue;
      const std::string absolute = resolve::resolve_uri(base_, ref->text);
      bool mapped = false;
      for (const auto& [value, target] : names) {
        if (resolve::resolve_uri(base_, target) == absolute) {
          disc.mapping.emplace_back(value, node);
          mapped = true;
        }
      }
      const std::size_t slash = ref->text.rfind('/');
      if (!mapped && slash != std::string::npos) disc.mapping.emplace_back(ref->text.substr(slash + 1), node);
    }
    for (const auto& [value, target] : names) {
      const std::string& wanted = value;  // a lambda cannot capture a structured binding before C++20's P1091 in clang
      const bool found =
          std::any_of(disc.mapping.begin(), disc.mapping.end(), [&](const auto& m) { return m.first == wanted; });
      if (!found)
        error(v, pointer_join(at("discriminator"), "mapping"),
              "mapping '" + value + "' names '" + target + "', which is not one of the " + (one ? "oneOf" : "anyOf") +
                  " schemas");
    }
    n_.discriminator = static_cast<std::uint32_t>(ctx_.plan.discriminators.size());
    ctx_.plan.discriminators.push_back(std::move(disc));
  }

  // ---- format ----------------------------------------------------------------------------------------------------

  void read_format() {
    const Node* v = get("format");
    if (v == nullptr) return;
    if (v->kind != Kind::string) {
      error(v, at("format"), "format must be a string");
      return;
    }
    Format format = Format::annotation;
    for (const FormatName& f : kFormats)
      if (f.name == v->text) format = f.format;
    // Before draft 7 (and in OpenAPI 3.0, which follows draft 5) a host name is RFC 1034's, with no IDNA rules.
    if (format == Format::hostname && (d_ == Dialect::draft4 || d_ == Dialect::draft6 || d_ == Dialect::oas30))
      format = Format::hostname_rfc1123;
    // int32 and int64 narrow an integer's bounds (the fast path keeps them exact); float and double bound numbers.
    if (format == Format::int32 || format == Format::int64) {
      if (n_.types == type_bits::integer && n_.number_bounds == kNone) {
        n_.format = format == Format::int32 ? IntegerFormat::int32 : IntegerFormat::int64;
        if (format == Format::int32) {
          n_.minimum = std::max<std::int64_t>(n_.minimum, std::numeric_limits<std::int32_t>::min());
          n_.maximum = std::min<std::int64_t>(n_.maximum, std::numeric_limits<std::int32_t>::max());
        }
        return;
      }
      // Beside other types or non-int64 bounds (nullable, multipleOf, exclusive bounds): the general path checks
      // the range, whether or not other formats are asserted (a format's width is part of the integer's type).
      n_.format_check = format;
      return;
    }
    if (format == Format::annotation) {
      warning(v, at("format"), "format '" + v->text + "' is not one reqprobe asserts; it is an annotation");
      n_.format_check = Format::annotation;
      return;
    }
    if (!ctx_.options.assert_formats) return;
    n_.format_check = format;
  }

  // ---- reqprobe's extensions -------------------------------------------------------------------------------------

  void read_extensions() {
    if (const Node* v = s_.find("x-reqprobe-mask-union")) read_mask_union(v, at("x-reqprobe-mask-union"));
    if (const Node* v = s_.find("x-reqprobe-rules")) read_rules(v, at("x-reqprobe-rules"));
  }

  bool read_int64(const Node* v, const std::string& pointer, std::int64_t& out) {
    Decimal d;
    if (v->kind != Kind::number || !parse_decimal(v->text, d) || !to_int64(d, out) ||
        v->text.find_first_of(".eE") != std::string::npos) {
      error(v, pointer, "must be an integer within int64");
      return false;
    }
    return true;
  }

  void read_mask_union(const Node* v, const std::string& pointer) {
    const Node* option = v->find("option");
    const Node* masks = v->find("masks");
    if (v->kind != Kind::object || option == nullptr || option->kind != Kind::string || masks == nullptr ||
        masks->kind != Kind::array) {
      error(v, pointer, "needs {\"option\": name, \"masks\": [integers]}");
      return;
    }
    if (!integer_enum_) error(v, pointer, "x-reqprobe-mask-union relaxes an integer enum; this schema has none");
    MaskUnion mask_union;
    mask_union.option = option->text;
    for (const Node* m : masks->items) {
      std::int64_t mask = 0;
      if (!read_int64(m, pointer_join(pointer, "masks"), mask)) continue;
      if (mask <= 0) error(m, pointer_join(pointer, "masks"), "masks must be positive");
      mask_union.masks.push_back(mask);
    }
    for (std::size_t i = 0; i < ctx_.options.enable.size(); ++i) {
      if (ctx_.options.enable[i] == mask_union.option) {
        mask_union.enabled = true;
        ctx_.option_used[i] = true;
      }
    }
    n_.mask_union = static_cast<std::uint32_t>(ctx_.plan.mask_unions.size());
    ctx_.plan.mask_unions.push_back(std::move(mask_union));
  }

  // x-reqprobe-rules: cross-field rules over this object's own properties (docs/contract-format.md).
  bool read_term(const Node* v, const std::string& pointer, RuleTerm& term) {
    const Node* property = v->kind == Kind::object ? v->find("property") : nullptr;
    if (property == nullptr || property->kind != Kind::string) {
      error(v, pointer, "a term needs {\"property\": name, and one of const, minItems, present}");
      return false;
    }
    for (const doc::Member& m : v->members)
      if (m.key != "property" && m.key != "const" && m.key != "minItems" && m.key != "present")
        error(m.value, pointer_join(pointer, m.key), "keyword '" + m.key + "' is not implemented here");
    const std::uint32_t index = find(property->text);
    if (index == kNone) {
      error(property, pointer_join(pointer, "property"), "names a property this object does not declare");
      return false;
    }
    term.property = index;
    const NodeKind kind = declared_kind(index);
    const Node* constant = v->find("const");
    const Node* min_items = v->find("minItems");
    const Node* present = v->find("present");
    std::int64_t integer = 0;
    if (constant != nullptr && constant->kind == Kind::boolean && kind == NodeKind::boolean) {
      term.kind = RuleTerm::Kind::equals_bool;
      term.bool_value = constant->boolean;
    } else if (constant != nullptr && kind == NodeKind::integer && read_int64(constant, pointer, integer)) {
      term.kind = RuleTerm::Kind::equals_integer;
      term.integer_value = integer;
    } else if (min_items != nullptr && kind == NodeKind::array && read_int64(min_items, pointer, integer) &&
               integer >= 0) {
      term.kind = RuleTerm::Kind::min_items;
      term.integer_value = integer;
    } else if (present != nullptr && present->kind == Kind::boolean && present->boolean) {
      term.kind = RuleTerm::Kind::present;
    } else {
      error(v, pointer,
            "the term's test does not fit the property's type (const for boolean/integer, minItems for arrays, "
            "present: true)");
      return false;
    }
    return capture(index, pointer, v, term);
  }

  // The single type a property's schema declares (following references): its node is compiled later, so the
  // document says it here.
  NodeKind declared_kind(std::uint32_t property_index) {
    const Node* schema = property_schemas_[property_index - n_.properties_begin];
    for (int hops = 0; schema != nullptr && schema->kind == Kind::object && hops < 32; ++hops) {
      if (const Node* type = schema->find("type"); type != nullptr && type->kind == Kind::string) {
        const std::uint8_t b = type_bit(type->text);
        return b == type_bits::integer   ? NodeKind::integer
               : b == type_bits::boolean ? NodeKind::boolean
               : b == type_bits::array   ? NodeKind::array
               : b == type_bits::object  ? NodeKind::object
               : b == type_bits::string  ? NodeKind::string
                                         : NodeKind::any;
      }
      const Node* ref = schema->find("$ref");
      if (ref == nullptr || ref->kind != Kind::string) break;
      resolve::RefError why;
      const auto target = ctx_.documents.resolve(ref->text, base_, why);
      schema = target ? target->node : nullptr;
    }
    return NodeKind::any;
  }

  bool capture(std::uint32_t index, const std::string& pointer, const Node* where, RuleTerm& term) {
    Property& property = ctx_.plan.properties[index];
    if (property.capture == 0xff) {
      if (captures_used_ >= kMaxCaptures) {
        error(where, pointer, "rules of one object may read at most 8 properties");
        return false;
      }
      property.capture = captures_used_++;
    }
    term.capture = property.capture;
    return true;
  }

  void read_rules(const Node* rules, const std::string& pointer) {
    if (rules->kind != Kind::array) {
      error(rules, pointer, "x-reqprobe-rules must be an array");
      return;
    }
    if (rules->items.size() > 64) error(rules, pointer, "at most 64 rules per object");
    if (n_.properties_count > kMaxProperties) error(rules, pointer, "rules need an object of at most 64 properties");
    n_.rules_begin = static_cast<std::uint32_t>(ctx_.plan.rules.size());
    std::vector<std::vector<std::string>> supersedes;
    for (std::size_t i = 0; i < rules->items.size() && i < 64; ++i) {
      const std::string rptr = pointer_join(pointer, std::to_string(i));
      const Node* r = rules->items[i];
      if (r->kind != Kind::object) {
        error(r, rptr, "a rule must be an object");
        continue;
      }
      for (const doc::Member& m : r->members)
        if (m.key != "id" && m.key != "severity" && m.key != "message" && m.key != "when" && m.key != "anyOf" &&
            m.key != "ordered" && m.key != "supersedes")
          error(m.value, pointer_join(rptr, m.key), "keyword '" + m.key + "' is not implemented here");
      Rule rule;
      const Node* id = r->find("id");
      const Node* message = r->find("message");
      rule.id = id != nullptr && id->kind == Kind::string ? id->text : "";
      rule.message = message != nullptr && message->kind == Kind::string ? message->text : "";
      if (rule.id.empty() || rule.message.empty()) error(r, rptr, "a rule needs a non-empty id and message");
      const Node* severity = r->find("severity");
      if (severity != nullptr && severity->kind == Kind::string && severity->text == "warning") {
        rule.severity = Severity::warning;
      } else if (severity == nullptr || severity->kind != Kind::string || severity->text != "error") {
        error(severity != nullptr ? severity : r, pointer_join(rptr, "severity"),
              "severity must be 'error' or 'warning'");
      }
      rule.terms_begin = static_cast<std::uint32_t>(ctx_.plan.terms.size());
      const Node* any_of = r->find("anyOf");
      const Node* ordered = r->find("ordered");
      if ((any_of == nullptr) == (ordered == nullptr)) {
        error(r, rptr, "a rule needs exactly one of anyOf or ordered");
      } else if (any_of != nullptr) {
        rule.form = Rule::Form::any_of;
        if (any_of->kind != Kind::array || any_of->items.empty())
          error(any_of, pointer_join(rptr, "anyOf"), "anyOf must be a non-empty array");
        for (std::size_t k = 0; k < any_of->items.size(); ++k) {
          RuleTerm term;
          if (read_term(any_of->items[k], pointer_join(pointer_join(rptr, "anyOf"), std::to_string(k)), term))
            ctx_.plan.terms.push_back(term);
        }
        if (const Node* when = r->find("when")) rule.has_when = read_term(when, pointer_join(rptr, "when"), rule.when);
      } else {
        rule.form = Rule::Form::ordered;
        const std::string optr = pointer_join(rptr, "ordered");
        if (ordered->kind != Kind::array || ordered->items.size() != 2 || ordered->items[0]->kind != Kind::string ||
            ordered->items[1]->kind != Kind::string) {
          error(ordered, optr, "ordered must be [left, right] property names");
        } else {
          for (const Node* name : ordered->items) {
            const std::uint32_t index = find(name->text);
            if (index == kNone || declared_kind(index) != NodeKind::integer) {
              error(name, optr, "ordered names integer properties of this object");
              continue;
            }
            RuleTerm term;
            term.property = index;
            if (capture(index, optr, name, term)) ctx_.plan.terms.push_back(term);
          }
        }
        if (const Node* when = r->find("when"))
          error(when, pointer_join(rptr, "when"), "when is implemented for anyOf rules only");
      }
      rule.terms_count = static_cast<std::uint32_t>(ctx_.plan.terms.size()) - rule.terms_begin;
      std::vector<std::string> ids;
      if (const Node* s = r->find("supersedes")) {
        if (s->kind != Kind::array)
          error(s, pointer_join(rptr, "supersedes"), "supersedes must be an array of rule ids");
        for (const Node* x : s->items)
          if (x->kind == Kind::string) ids.push_back(x->text);
      }
      supersedes.push_back(std::move(ids));
      ctx_.plan.rules.push_back(std::move(rule));
    }
    n_.rules_count = static_cast<std::uint32_t>(ctx_.plan.rules.size()) - n_.rules_begin;
    for (std::uint32_t i = 0; i < n_.rules_count && i < supersedes.size(); ++i) {
      for (const std::string& id : supersedes[i]) {
        bool found = false;
        for (std::uint32_t k = 0; k < n_.rules_count; ++k) {
          if (ctx_.plan.rules[n_.rules_begin + k].id == id && k != i) {
            ctx_.plan.rules[n_.rules_begin + i].supersedes |= std::uint64_t{1} << k;
            found = true;
          }
        }
        if (!found)
          error(rules, pointer_join(pointer, std::to_string(i)), "supersedes an unknown rule id '" + id + "'");
      }
    }
  }

  // ---- the node's kind and path ----------------------------------------------------------------------------------

  void finish() {
    // The strict profile closes objects: a schema that declares members, reached as a value's whole schema, accepts
    // no others. With applicators beside it, members they declare count too (unevaluatedProperties: false).
    const bool declares_members =
        n_.types == type_bits::object || get("properties") != nullptr || get("patternProperties") != nullptr;
    // Composition that declares members through its branches (allOf of $refs, a 2019+ $ref, oneOf of objects)
    // closes too, over what the branches that pass declare.
    const bool composes_members =
        (n_.types & type_bits::object) != 0 &&
        (n_.all_of_count != 0 || n_.any_of_count != 0 || n_.one_of_count != 0 || n_.if_node != kNone);
    if (ctx_.plan.strict && w_.use.outer && (declares_members || composes_members) && !explicit_additional_ &&
        n_.unevaluated_properties == kNone) {
      if (has_applicators(ctx_.plan, n_)) {
        n_.unevaluated_properties = kFalse;
      } else {
        n_.additional = kFalse;
      }
    }
    n_.never = false;
    switch (n_.types) {
      case type_bits::object:
        n_.kind = NodeKind::object;
        break;
      case type_bits::array:
        n_.kind = NodeKind::array;
        break;
      case type_bits::string:
        n_.kind = NodeKind::string;
        break;
      case type_bits::integer:
        n_.kind = NodeKind::integer;
        break;
      case type_bits::boolean:
        n_.kind = NodeKind::boolean;
        break;
      case type_bits::number:
        n_.kind = NodeKind::number;
        break;
      case type_bits::null:
        n_.kind = NodeKind::null;
        break;
      default:
        n_.kind = NodeKind::any;
    }
    // Whatever the fast paths do not cover takes the general path.
    const bool plain_values = !n_.has_values || (n_.kind == NodeKind::string && string_enum_) ||
                              (n_.kind == NodeKind::integer && integer_enum_);
    n_.general = needs_general_path(ctx_.plan, n_, plain_values);
    n_.inline_scalar = settles_inline(ctx_.plan, n_);
    // The fast paths check one type's keywords; keywords of another type beside them are vacuous there, but a
    // typeless schema (kind any) with any keyword needs the general path.
    if (n_.kind == NodeKind::any && n_.types != type_bits::all) n_.general = true;
    if (n_.kind == NodeKind::any &&
        (n_.min_length != 0 || n_.max_length != kUnbounded || n_.min_items != 0 || n_.max_items != kUnbounded ||
         n_.items != kNone || n_.properties_count != 0 || n_.additional != kNone || n_.rules_count != 0))
      n_.general = true;
    if (n_.max_length != kUnbounded && n_.min_length > n_.max_length)
      warning(&s_, w_.at.pointer, "minLength is greater than maxLength: no string passes");
    if (n_.max_items != kUnbounded && n_.min_items > n_.max_items)
      warning(&s_, w_.at.pointer, "minItems is greater than maxItems: no array passes");
  }

  SchemaCompiler& c_;
  LoadContext& ctx_;
  const Work& w_;
  const Node& s_;
  Dialect d_;
  std::string base_;
  std::uint32_t scope_ = 0;  ///< the dynamic scope inside this schema (SchemaAt::scope, entered)
  SchemaNode n_;
  bool string_enum_ = false;
  bool integer_enum_ = false;
  bool explicit_additional_ = false;
  std::uint8_t captures_used_ = 0;
  std::vector<const Node*> property_schemas_;  ///< per property of this node, its schema in the document
};

void SchemaCompiler::compile(const Work& work) {
  NodeBuilder(*this, work).build();
}

}  // namespace reqprobe::compile
