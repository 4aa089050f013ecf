// Draft-07 JSON Schema from the compiled plan. Walking the plan (not the OpenAPI text) means the export carries
// what the engine really checks: bounds after format narrowing, enabled mask unions, compiled rules.
#include "reqprobe/json_schema_export.h"

#include <algorithm>
#include <map>
#include <set>

#include "engine/canonical_value.h"
#include "engine/formats.h"
#include "reqprobe/case_file.h"
#include "rule_schema.h"

namespace reqprobe {
namespace {

using detail::JsonWriter;

// Listing every OR of whole masks takes 2^masks entries; past this the enum is left out (and said so).
constexpr std::size_t kMaxListedMasks = 16;
constexpr std::string_view kComponentPrefix = "/components/schemas/";

// The same test as the engine's (integer_checks.cc): every mask is wholly in or wholly out, and nothing else.
bool is_whole_mask_union(const MaskUnion& masks, std::int64_t value) {
  if (value <= 0) return false;
  std::int64_t covered = 0;
  for (const std::int64_t mask : masks.masks) {
    const std::int64_t part = value & mask;
    if (part != 0 && part != mask) return false;
    covered |= part;
  }
  return covered == value;
}

// Definition names must survive as a URI fragment inside "$ref": keep [A-Za-z0-9_.-], replace the rest.
std::string definition_name(std::string_view source) {
  if (source.substr(0, kComponentPrefix.size()) == kComponentPrefix) source.remove_prefix(kComponentPrefix.size());
  while (!source.empty() && source.front() == '/') source.remove_prefix(1);
  std::string name;
  for (const char c : source) {
    const bool plain =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    name.push_back(c == '/' ? '.' : plain ? c : '_');
  }
  return name.empty() ? "schema" : name;
}

class SchemaExporter {
 public:
  SchemaExporter(const Plan& plan, const Operation* op)
      : plan_(plan), op_(op), root_(op != nullptr && op->body != kNone ? op->body : 0) {}

  std::string run() {
    collect(root_);
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.SetIndent(' ', 2);
    w.StartObject();
    key(w, "$schema");
    text(w, "http://json-schema.org/draft-07/schema#");
    key(w, "$comment");
    text(w, root_comment());
    if (op_ != nullptr) {
      key(w, "title");
      text(w, op_->id + " request body");
    }
    keywords(w, root_);
    if (!definitions_.empty()) {
      key(w, "definitions");
      w.StartObject();
      for (const std::uint32_t node : definition_order_) {
        key(w, definitions_.at(node));
        w.StartObject();
        keywords(w, node);
        w.EndObject();
      }
      w.EndObject();
    }
    w.EndObject();
    return {buffer.GetString(), buffer.GetSize()};
  }

 private:
  static void key(JsonWriter& w, std::string_view name) { detail::write_key(w, name); }
  static void text(JsonWriter& w, std::string_view value) { detail::write_text(w, value); }

  // Objects and shared component schemas become definitions, and so does any general schema reached twice (shared,
  // or on a cycle through composition), so writing the rest inline always ends. An explicit stack: schemas nest as
  // deep as documents do.
  void collect(std::uint32_t start) {
    std::vector<std::uint32_t> stack{start};
    while (!stack.empty()) {
      const std::uint32_t node = stack.back();
      stack.pop_back();
      const SchemaNode& n = plan_.nodes[node];
      if (!visited_.insert(node).second) {
        if (n.general && node != root_ && definitions_.count(node) == 0) define(node);
        continue;
      }
      const std::string_view source = n.source == kNone ? std::string_view() : plan_.sources[n.source];
      const bool component = source.substr(0, kComponentPrefix.size()) == kComponentPrefix &&
                             source.find('/', kComponentPrefix.size()) == std::string_view::npos;
      if (node != root_ && (n.kind == NodeKind::object || component)) define(node);
      each_child(n, [&stack](std::uint32_t child) { stack.push_back(child); });
    }
  }

  void define(std::uint32_t node) {
    const SchemaNode& n = plan_.nodes[node];
    const std::string_view source = n.source == kNone ? std::string_view() : plan_.sources[n.source];
    std::string name = definition_name(source);
    for (int suffix = 2; used_names_.count(name) != 0; ++suffix)
      name = definition_name(source) + "_" + std::to_string(suffix);
    used_names_.insert(name);
    definitions_[node] = name;
    definition_order_.push_back(node);
  }

  // Every subschema of a node, in the order the export writes them.
  template <typename F>
  void each_child(const SchemaNode& n, F&& f) const {
    const auto one = [&f](std::uint32_t child) {
      if (child != kNone && child != kAny && child != kFalse) f(child);
    };
    const auto list = [&](std::uint32_t begin, std::uint32_t count) {
      for (std::uint32_t i = 0; i < count; ++i) one(plan_.lists[begin + i]);
    };
    if (n.items != kNone) one(n.items);
    for (std::uint32_t i = 0; i < n.properties_count; ++i) one(plan_.properties[n.properties_begin + i].node);
    list(n.prefix_begin, n.prefix_count);
    one(n.contains);
    one(n.additional);
    for (std::uint32_t i = 0; i < n.patterns_count; ++i) one(plan_.pattern_properties[n.patterns_begin + i].node);
    one(n.property_names);
    for (std::uint32_t i = 0; i < n.dependents_count; ++i) one(plan_.dependents[n.dependents_begin + i].node);
    list(n.all_of_begin, n.all_of_count);
    list(n.any_of_begin, n.any_of_count);
    list(n.one_of_begin, n.one_of_count);
    one(n.not_node);
    one(n.if_node);
    one(n.then_node);
    one(n.else_node);
    if (n.discriminator != kNone)
      for (const auto& entry : plan_.discriminators[n.discriminator].mapping) one(entry.second);
  }

  void schema(JsonWriter& w, std::uint32_t node) {
    if (node == kAny || node == kFalse) {  // draft 6 and later read true and false as schemas
      w.StartObject();
      if (node == kFalse) {
        key(w, "not");
        w.StartObject();
        w.EndObject();
      }
      w.EndObject();
      return;
    }
    if (node == root_ || definitions_.count(node) != 0) {
      w.StartObject();
      key(w, "$ref");
      text(w, node == root_ ? "#" : "#/definitions/" + definitions_.at(node));
      w.EndObject();
      return;
    }
    w.StartObject();
    keywords(w, node);
    w.EndObject();
  }

  void keywords(JsonWriter& w, std::uint32_t node) {
    const SchemaNode& n = plan_.nodes[node];
    if (n.general) {
      general_keywords(w, n);
      return;
    }
    if (n.kind == NodeKind::any) return;  // {} accepts every JSON value
    key(w, "type");
    text(w, node_kind_name(n.kind));
    switch (n.kind) {
      case NodeKind::string:
        string_keywords(w, n);
        break;
      case NodeKind::integer:
        integer_keywords(w, n);
        break;
      case NodeKind::array:
        key(w, "minItems");
        w.Uint(n.min_items);
        if (n.max_items != kUnbounded) {
          key(w, "maxItems");
          w.Uint(n.max_items);
        }
        key(w, "items");
        schema(w, n.items == kNone ? 0 : n.items);
        break;
      case NodeKind::object:
        object_keywords(w, n);
        break;
      case NodeKind::boolean:
      case NodeKind::number:
      case NodeKind::null:
      case NodeKind::any:
        break;
    }
  }

  // A node with keywords beyond the fast paths: every keyword it has, in draft 7's words where draft 7 has them.
  void general_keywords(JsonWriter& w, const SchemaNode& n) {
    std::string not_expressed;
    if (n.never) {
      key(w, "not");
      w.StartObject();
      w.EndObject();
      return;
    }
    if ((n.types & type_bits::all) != type_bits::all || n.types == type_bits::integer) {
      key(w, "type");
      std::vector<std::string_view> names;
      for (const auto& [bit, name] : {std::pair{type_bits::null, "null"}, std::pair{type_bits::boolean, "boolean"},
                                      std::pair{type_bits::object, "object"}, std::pair{type_bits::array, "array"},
                                      std::pair{type_bits::number, "number"}, std::pair{type_bits::string, "string"}})
        if ((n.types & bit) != 0) names.push_back(name);
      if ((n.types & type_bits::integer) != 0 && (n.types & type_bits::number) == 0) names.push_back("integer");
      if (names.size() == 1) {
        text(w, names[0]);
      } else {
        w.StartArray();
        for (const std::string_view name : names) text(w, name);
        w.EndArray();
      }
    }
    // strings
    if (n.min_length != 0) {
      key(w, "minLength");
      w.Uint(n.min_length);
    }
    if (n.max_length != kUnbounded) {
      key(w, "maxLength");
      w.Uint(n.max_length);
    }
    if (n.pattern != kNone) {
      key(w, "pattern");
      text(w, plan_.patterns[n.pattern].source);
    }
    if (n.format_check != Format::none && n.format_check != Format::annotation) {
      key(w, "format");
      text(w, detail::format_name(n.format_check));
    }
    // numbers
    if (n.explicit_minimum) {
      key(w, "minimum");
      w.Int64(n.minimum);
    }
    if (n.explicit_maximum) {
      key(w, "maximum");
      w.Int64(n.maximum);
    }
    if (n.number_bounds != kNone) {
      const NumberBounds& b = plan_.number_bounds[n.number_bounds];
      const auto bound = [&](const std::string& value, bool exclusive, const char* inclusive_key,
                             const char* exclusive_key) {
        if (value.empty()) return;
        key(w, exclusive ? exclusive_key : inclusive_key);
        w.RawValue(value.data(), value.size(), rapidjson::kNumberType);
      };
      bound(b.minimum, b.exclusive_minimum, "minimum", "exclusiveMinimum");
      bound(b.maximum, b.exclusive_maximum, "maximum", "exclusiveMaximum");
      if (!b.multiple_of.empty()) {
        key(w, "multipleOf");
        w.RawValue(b.multiple_of.data(), b.multiple_of.size(), rapidjson::kNumberType);
      }
    }
    // enum and const over any values (canonical JSON texts), and the fast paths' string enums
    if (n.has_values) {
      key(w, "enum");
      w.StartArray();
      for (std::uint32_t i = 0; i < n.values_count; ++i) {
        const std::string value = detail::plain_json(plan_.values[n.values_begin + i]);
        w.RawValue(value.data(), value.size(), rapidjson::kObjectType);
      }
      w.EndArray();
    } else if (n.enum_count != 0 && n.kind == NodeKind::string) {
      key(w, "enum");
      w.StartArray();
      for (std::uint32_t i = 0; i < n.enum_count; ++i) text(w, plan_.enum_strings[n.enum_begin + i]);
      w.EndArray();
    }
    // arrays
    if (n.min_items != 0) {
      key(w, "minItems");
      w.Uint(n.min_items);
    }
    if (n.max_items != kUnbounded) {
      key(w, "maxItems");
      w.Uint(n.max_items);
    }
    if (n.prefix_count != 0) {  // draft 7: items as an array, then additionalItems
      key(w, "items");
      w.StartArray();
      for (std::uint32_t i = 0; i < n.prefix_count; ++i) schema(w, plan_.lists[n.prefix_begin + i]);
      w.EndArray();
      if (n.items != kNone) {
        key(w, "additionalItems");
        schema(w, n.items);
      }
    } else if (n.items != kNone) {
      key(w, "items");
      schema(w, n.items);
    }
    if (n.contains != kNone) {
      key(w, "contains");
      schema(w, n.contains);
      if (n.min_contains != 1 || n.max_contains != kUnbounded) not_expressed += " minContains/maxContains;";
    }
    if (n.unique_items) {
      key(w, "uniqueItems");
      w.Bool(true);
    }
    if (n.unevaluated_items != kNone) not_expressed += " unevaluatedItems;";
    // objects
    if (n.properties_count != 0) {
      key(w, "properties");
      w.StartObject();
      for (std::uint32_t i = 0; i < n.properties_count; ++i) {
        const Property& p = plan_.properties[n.properties_begin + i];
        if (p.implicit) continue;
        key(w, p.name);
        schema(w, p.node);
      }
      w.EndObject();
    }
    if (n.required_count != 0) {
      key(w, "required");
      w.StartArray();
      for (std::uint32_t i = 0; i < n.required_count; ++i)
        text(w, plan_.properties[plan_.lists[n.required_begin + i]].name);
      w.EndArray();
    }
    if (n.patterns_count != 0) {
      key(w, "patternProperties");
      w.StartObject();
      for (std::uint32_t i = 0; i < n.patterns_count; ++i) {
        const PatternProperty& pp = plan_.pattern_properties[n.patterns_begin + i];
        key(w, plan_.patterns[pp.pattern].source);
        schema(w, pp.node);
      }
      w.EndObject();
    }
    if (n.additional != kNone) {
      key(w, "additionalProperties");
      schema(w, n.additional);
    }
    if (n.property_names != kNone) {
      key(w, "propertyNames");
      schema(w, n.property_names);
    }
    if (n.min_properties != 0) {
      key(w, "minProperties");
      w.Uint(n.min_properties);
    }
    if (n.max_properties != kUnbounded) {
      key(w, "maxProperties");
      w.Uint(n.max_properties);
    }
    if (n.dependents_count != 0) {  // draft 7's dependencies: a list of names or a schema
      key(w, "dependencies");
      w.StartObject();
      for (std::uint32_t i = 0; i < n.dependents_count; ++i) {
        const Dependent& d = plan_.dependents[n.dependents_begin + i];
        key(w, d.property);
        if (d.node != kNone) {
          schema(w, d.node);
        } else {
          w.StartArray();
          for (const std::string& name : d.required) text(w, name);
          w.EndArray();
        }
      }
      w.EndObject();
    }
    if (n.unevaluated_properties != kNone) not_expressed += " unevaluatedProperties;";
    // applicators
    const auto list = [&](const char* name, std::uint32_t begin, std::uint32_t count) {
      if (count == 0) return;
      key(w, name);
      w.StartArray();
      for (std::uint32_t i = 0; i < count; ++i) schema(w, plan_.lists[begin + i]);
      w.EndArray();
    };
    list("allOf", n.all_of_begin, n.all_of_count);
    list("anyOf", n.any_of_begin, n.any_of_count);
    list("oneOf", n.one_of_begin, n.one_of_count);
    if (n.not_node != kNone) {
      key(w, "not");
      schema(w, n.not_node);
    }
    for (const auto& [name, child] :
         {std::pair{"if", n.if_node}, std::pair{"then", n.then_node}, std::pair{"else", n.else_node}}) {
      if (child == kNone) continue;
      key(w, name);
      schema(w, child);
    }
    if (n.discriminator != kNone) not_expressed += " discriminator (its branches are the oneOf/anyOf above);";
    if (!not_expressed.empty()) {
      key(w, "$comment");
      text(w, "not expressed in draft 7:" + not_expressed.substr(0, not_expressed.size() - 1));
    }
  }

  void string_keywords(JsonWriter& w, const SchemaNode& n) {
    key(w, "minLength");
    w.Uint(n.min_length);
    if (n.max_length != kUnbounded) {
      key(w, "maxLength");
      w.Uint(n.max_length);
    }
    if (n.enum_count == 0) return;
    key(w, "enum");
    w.StartArray();
    for (std::uint32_t i = 0; i < n.enum_count; ++i) text(w, plan_.enum_strings[n.enum_begin + i]);
    w.EndArray();
  }

  void integer_keywords(JsonWriter& w, const SchemaNode& n) {
    key(w, "minimum");
    w.Int64(n.minimum);
    key(w, "maximum");
    w.Int64(n.maximum);
    if (n.enum_count == 0) return;
    std::vector<std::int64_t> values(plan_.enum_integers.begin() + n.enum_begin,
                                     plan_.enum_integers.begin() + n.enum_begin + n.enum_count);
    if (n.mask_union != kNone && plan_.mask_unions[n.mask_union].enabled) {
      const MaskUnion& masks = plan_.mask_unions[n.mask_union];
      if (masks.masks.size() > kMaxListedMasks) {
        key(w, "$comment");
        text(w, "accepts any OR of whole masks of option '" + masks.option +
                    "': too many masks to list, so this export does not restrict the value to them");
        return;
      }
      std::set<std::int64_t> unions;
      for (std::uint32_t subset = 1; subset < (std::uint32_t{1} << masks.masks.size()); ++subset) {
        std::int64_t value = 0;
        for (std::size_t i = 0; i < masks.masks.size(); ++i)
          if (subset & (std::uint32_t{1} << i)) value |= masks.masks[i];
        if (value >= n.minimum && value <= n.maximum && is_whole_mask_union(masks, value)) unions.insert(value);
      }
      for (const std::int64_t value : unions)
        if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
      key(w, "$comment");
      text(w, "option '" + masks.option + "' is enabled: the enum also lists every OR of whole masks");
    }
    key(w, "enum");
    w.StartArray();
    for (const std::int64_t value : values) w.Int64(value);
    w.EndArray();
  }

  void object_keywords(JsonWriter& w, const SchemaNode& n) {
    std::string left_out;
    std::vector<const Rule*> expressed;
    for (std::uint32_t i = 0; i < n.rules_count; ++i) {
      const Rule& rule = plan_.rules[n.rules_begin + i];
      if (rule.severity == Severity::error && rule.form == Rule::Form::any_of) {
        expressed.push_back(&rule);
        continue;
      }
      left_out += left_out.empty() ? "" : ", ";
      left_out += rule.id + (rule.severity == Severity::warning ? " (warning: never changes the verdict)"
                                                                : " (ordered: not expressible in JSON Schema)");
    }
    if (!left_out.empty()) {
      key(w, "$comment");
      text(w, "rules left out: " + left_out);
    }
    key(w, "properties");
    w.StartObject();
    for (std::uint32_t i = 0; i < n.properties_count; ++i) {
      const Property& p = plan_.properties[n.properties_begin + i];
      key(w, p.name);
      schema(w, p.node);
    }
    w.EndObject();
    if (n.required_mask != 0) {  // draft-04 wants a non-empty "required", so an empty one is left out
      key(w, "required");
      w.StartArray();
      for (std::uint32_t i = 0; i < n.properties_count; ++i) {
        const Property& p = plan_.properties[n.properties_begin + i];
        if (n.required_mask & (std::uint64_t{1} << p.slot)) text(w, p.name);
      }
      w.EndArray();
    }
    if (n.additional == kFalse) {  // closed (the strict profile, or additionalProperties: false)
      key(w, "additionalProperties");
      w.Bool(false);
    }
    if (expressed.empty()) return;
    key(w, "allOf");
    w.StartArray();
    for (const Rule* rule : expressed) detail::write_rule_schema(w, plan_, *rule, "$comment");
    w.EndArray();
  }

  std::string root_comment() const {
    std::string comment = "Body of ";
    comment += op_ == nullptr ? "no operation (index out of range)"
                              : op_->id + " (" + op_->method + " " + op_->path_template + ")";
    if (op_ != nullptr && op_->body == kNone) comment += ", which declares no JSON body";
    comment +=
        ", exported by reqprobe from its compiled contract. Draft-04 keywords are used where they suffice "
        "(one-value enum for const, anyOf/not for if/then) so that draft-04 validators read it alike. Integer "
        "bounds are explicit and include the int32/int64 format ranges; string lengths count Unicode code points. "
        "Not expressed: warnings, which never change the verdict (see each object's $comment), and reqprobe's "
        "safety limits (body bytes, nesting depth, string bytes, item and member counts). A JSON Schema validator "
        "also accepts what reqprobe refuses on the bytes, before any schema applies: 1.0 and 1e2 for integers "
        "(draft 6 and later count them as integers; reqprobe takes only integer lexemes), duplicate member names "
        "(a parser keeps one of them), invalid UTF-8 and lone surrogate escapes (a parser may replace them), and "
        "integers just past an int64 bound in validators that read numbers as doubles (9223372036854775807 and "
        "9223372036854775808 are the same double).";
    if (op_ != nullptr && op_->has_absent_body_as)
      comment += " An absent or empty body is validated as " + op_->absent_body_as + ".";
    return comment;
  }

  const Plan& plan_;
  const Operation* op_;
  std::uint32_t root_;
  std::set<std::uint32_t> visited_;
  std::map<std::uint32_t, std::string> definitions_;
  std::vector<std::uint32_t> definition_order_;
  std::set<std::string> used_names_;
};

}  // namespace

std::string export_json_schema(const Contract& contract, std::size_t operation) {
  const Plan& plan = contract.plan();
  const Operation* op = operation < plan.operations.size() ? &plan.operations[operation] : nullptr;
  return SchemaExporter(plan, op).run();
}

}  // namespace reqprobe
