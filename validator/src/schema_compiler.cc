// Compiles OpenAPI schemas (the subset in docs/contract-format.md) into plan nodes. Every constraint keyword
// is either compiled or rejected with its location: nothing is silently ignored.
#include <algorithm>
#include <limits>

#include "key_hash.h"
#include "load_context.h"

namespace reqprobe::detail {
namespace {

using rapidjson::Value;

constexpr std::string_view kAnnotations[] = {"description", "title",        "summary",   "example",
                                             "examples",    "externalDocs", "deprecated"};

bool read_count(LoadContext& ctx, const Value& v, const std::string& ptr, std::uint32_t& out) {
  if (!v.IsUint64() || v.GetUint64() >= kUnbounded) {
    ctx.error(ptr, "must be a non-negative integer below 4294967295");
    return false;
  }
  out = static_cast<std::uint32_t>(v.GetUint64());
  return true;
}

bool read_int64(LoadContext& ctx, const Value& v, const std::string& ptr, std::int64_t& out) {
  if (!v.IsInt64()) {
    ctx.error(ptr, "must be an integer within int64");
    return false;
  }
  out = v.GetInt64();
  return true;
}

std::uint32_t next_pow2(std::uint32_t n) {
  std::uint32_t p = 1;
  while (p < n) p <<= 1;
  return p;
}

class SchemaCompiler {
 public:
  explicit SchemaCompiler(LoadContext& ctx) : ctx_(ctx) {}

  std::uint32_t compile(const Value& schema, const std::string& ptr, SchemaContext context) {
    if (!schema.IsObject()) {
      ctx_.error(ptr, "a schema must be an object");
      return 0;
    }
    if (schema.HasMember("$ref")) return compile_ref(schema, ptr, context);
    const auto type_it = schema.FindMember("type");
    if (type_it == schema.MemberEnd() || !type_it->value.IsString()) {
      ctx_.error(ptr, "a schema needs a 'type' (object, array, string, integer or boolean)");
      return 0;
    }
    if (const auto nullable = schema.FindMember("nullable");
        nullable != schema.MemberEnd() && !(nullable->value.IsBool() && !nullable->value.GetBool())) {
      ctx_.error(pointer_join(ptr, "nullable"), "only nullable: false is implemented (nothing is nullable, D11)");
    }
    const std::string_view type = type_it->value.GetString();
    SchemaNode node;
    node.source = static_cast<std::uint32_t>(ctx_.plan.sources.size());
    ctx_.plan.sources.push_back(ptr);
    const auto index = static_cast<std::uint32_t>(ctx_.plan.nodes.size());
    ctx_.plan.nodes.push_back(node);  // reserve the index: children may refer back through $ref
    if (type == "string") {
      compile_string(schema, ptr, context, node);
    } else if (type == "integer") {
      compile_integer(schema, ptr, node);
    } else if (type == "boolean") {
      ctx_.check_keys(schema, ptr, {"type", "nullable"});
      node.kind = NodeKind::boolean;
    } else if (type == "array") {
      compile_array(schema, ptr, node);
    } else if (type == "object") {
      compile_object(schema, ptr, node);
    } else {
      ctx_.error(pointer_join(ptr, "type"), "type '" + std::string(type) + "' is not implemented");
    }
    ctx_.plan.nodes[index] = node;
    return index;
  }

 private:
  std::uint32_t compile_ref(const Value& schema, const std::string& ptr, SchemaContext context) {
    ctx_.check_keys(schema, ptr, {"$ref"});
    const Value& ref = schema["$ref"];
    const std::string prefix = "#/components/schemas/";
    if (!ref.IsString() || std::string_view(ref.GetString()).substr(0, prefix.size()) != prefix) {
      ctx_.error(pointer_join(ptr, "$ref"), "only local references '#/components/schemas/Name' are implemented");
      return 0;
    }
    const std::string target = ref.GetString();
    if (const auto found = ctx_.refs.find(target); found != ctx_.refs.end()) return found->second;
    const std::string name = target.substr(prefix.size());
    const Value* components = nullptr;
    if (const auto c = ctx_.root->FindMember("components"); c != ctx_.root->MemberEnd() && c->value.IsObject()) {
      if (const auto s = c->value.FindMember("schemas"); s != c->value.MemberEnd() && s->value.IsObject())
        components = &s->value;
    }
    const auto it = components ? components->FindMember(name.c_str()) : Value::ConstMemberIterator();
    if (components == nullptr || it == components->MemberEnd()) {
      ctx_.error(pointer_join(ptr, "$ref"), "reference '" + target + "' does not resolve");
      return 0;
    }
    // Register before compiling so a recursive reference finds its own node.
    const auto index = static_cast<std::uint32_t>(ctx_.plan.nodes.size());
    ctx_.refs[target] = index;
    const std::uint32_t compiled = compile(it->value, "/components/schemas/" + name, context);
    if (compiled != index) ctx_.refs[target] = compiled;
    return compiled;
  }

  void compile_string(const Value& schema, const std::string& ptr, SchemaContext context, SchemaNode& node) {
    if (context == SchemaContext::path_parameter) {
      ctx_.check_keys(schema, ptr,
                      {"type", "nullable", "minLength", "maxLength", "enum", "x-reqprobe-forbidden-bytes"});
    } else {
      ctx_.check_keys(schema, ptr, {"type", "nullable", "minLength", "maxLength", "enum"});
    }
    node.kind = NodeKind::string;
    if (const auto m = schema.FindMember("minLength"); m != schema.MemberEnd())
      (void)read_count(ctx_, m->value, pointer_join(ptr, "minLength"), node.min_length);
    if (const auto m = schema.FindMember("maxLength"); m != schema.MemberEnd())
      (void)read_count(ctx_, m->value, pointer_join(ptr, "maxLength"), node.max_length);
    if (node.max_length != kUnbounded && node.min_length > node.max_length)
      ctx_.error(ptr, "minLength is greater than maxLength");
    if (const auto m = schema.FindMember("enum"); m != schema.MemberEnd()) {
      const std::string eptr = pointer_join(ptr, "enum");
      if (!m->value.IsArray() || m->value.Empty()) {
        ctx_.error(eptr, "enum must be a non-empty array");
        return;
      }
      node.enum_begin = static_cast<std::uint32_t>(ctx_.plan.enum_strings.size());
      for (const Value& v : m->value.GetArray()) {
        if (!v.IsString()) {
          ctx_.error(eptr, "a string enum must list strings");
          continue;
        }
        ctx_.plan.enum_strings.emplace_back(v.GetString(), v.GetStringLength());
      }
      node.enum_count = static_cast<std::uint32_t>(ctx_.plan.enum_strings.size()) - node.enum_begin;
    }
  }

  void compile_integer(const Value& schema, const std::string& ptr, SchemaNode& node) {
    ctx_.check_keys(schema, ptr, {"type", "nullable", "format", "minimum", "maximum", "enum", "x-reqprobe-mask-union"});
    node.kind = NodeKind::integer;
    if (const auto f = schema.FindMember("format"); f != schema.MemberEnd()) {
      const std::string_view format = f->value.IsString() ? f->value.GetString() : "";
      if (format == "int32") {
        node.format = IntegerFormat::int32;
        node.minimum = std::numeric_limits<std::int32_t>::min();
        node.maximum = std::numeric_limits<std::int32_t>::max();
      } else if (format == "int64") {
        node.format = IntegerFormat::int64;
      } else {
        ctx_.error(pointer_join(ptr, "format"), "integer format must be int32 or int64");
      }
    }
    std::int64_t bound = 0;
    if (const auto m = schema.FindMember("minimum");
        m != schema.MemberEnd() && read_int64(ctx_, m->value, pointer_join(ptr, "minimum"), bound)) {
      node.explicit_minimum = true;
      node.minimum = std::max(node.minimum, bound);
    }
    if (const auto m = schema.FindMember("maximum");
        m != schema.MemberEnd() && read_int64(ctx_, m->value, pointer_join(ptr, "maximum"), bound)) {
      node.explicit_maximum = true;
      node.maximum = std::min(node.maximum, bound);
    }
    if (node.minimum > node.maximum) ctx_.error(ptr, "minimum is greater than maximum");
    if (const auto m = schema.FindMember("enum"); m != schema.MemberEnd()) {
      const std::string eptr = pointer_join(ptr, "enum");
      if (!m->value.IsArray() || m->value.Empty()) {
        ctx_.error(eptr, "enum must be a non-empty array");
      } else {
        node.enum_begin = static_cast<std::uint32_t>(ctx_.plan.enum_integers.size());
        for (const Value& v : m->value.GetArray()) {
          std::int64_t value = 0;
          if (read_int64(ctx_, v, eptr, value)) ctx_.plan.enum_integers.push_back(value);
        }
        node.enum_count = static_cast<std::uint32_t>(ctx_.plan.enum_integers.size()) - node.enum_begin;
      }
    }
    if (const auto m = schema.FindMember("x-reqprobe-mask-union"); m != schema.MemberEnd())
      compile_mask_union(m->value, pointer_join(ptr, "x-reqprobe-mask-union"), node);
  }

  void compile_mask_union(const Value& v, const std::string& ptr, SchemaNode& node) {
    if (!v.IsObject() || !v.HasMember("option") || !v["option"].IsString() || !v.HasMember("masks") ||
        !v["masks"].IsArray()) {
      ctx_.error(ptr, "needs {\"option\": name, \"masks\": [integers]}");
      return;
    }
    ctx_.check_keys(v, ptr, {"option", "masks"});
    if (node.enum_count == 0) ctx_.error(ptr, "a mask union relaxes an enum; this integer has none");
    MaskUnion mask_union;
    mask_union.option = v["option"].GetString();
    for (const Value& m : v["masks"].GetArray()) {
      std::int64_t mask = 0;
      if (read_int64(ctx_, m, pointer_join(ptr, "masks"), mask)) {
        if (mask <= 0) ctx_.error(pointer_join(ptr, "masks"), "masks must be positive");
        mask_union.masks.push_back(mask);
      }
    }
    for (std::size_t i = 0; i < ctx_.options->enable.size(); ++i) {
      if (ctx_.options->enable[i] == mask_union.option) {
        mask_union.enabled = true;
        ctx_.option_used[i] = true;
      }
    }
    node.mask_union = static_cast<std::uint32_t>(ctx_.plan.mask_unions.size());
    ctx_.plan.mask_unions.push_back(std::move(mask_union));
  }

  void compile_array(const Value& schema, const std::string& ptr, SchemaNode& node) {
    ctx_.check_keys(schema, ptr, {"type", "nullable", "items", "minItems", "maxItems"});
    node.kind = NodeKind::array;
    if (const auto m = schema.FindMember("minItems"); m != schema.MemberEnd())
      (void)read_count(ctx_, m->value, pointer_join(ptr, "minItems"), node.min_items);
    if (const auto m = schema.FindMember("maxItems"); m != schema.MemberEnd())
      (void)read_count(ctx_, m->value, pointer_join(ptr, "maxItems"), node.max_items);
    if (node.max_items != kUnbounded && node.min_items > node.max_items)
      ctx_.error(ptr, "minItems is greater than maxItems");
    const auto items = schema.FindMember("items");
    if (items == schema.MemberEnd()) {
      ctx_.error(ptr, "an array schema needs 'items'");
      return;
    }
    node.items = compile(items->value, pointer_join(ptr, "items"), SchemaContext::body);
  }

  void compile_object(const Value& schema, const std::string& ptr, SchemaNode& node) {
    ctx_.check_keys(schema, ptr,
                    {"type", "nullable", "properties", "required", "additionalProperties", "x-reqprobe-rules"});
    node.kind = NodeKind::object;
    if (const auto m = schema.FindMember("additionalProperties");
        m != schema.MemberEnd() && !(m->value.IsBool() && !m->value.GetBool())) {
      ctx_.error(pointer_join(ptr, "additionalProperties"),
                 "only additionalProperties: false is implemented (reqprobe is strict, D13)");
    }
    std::vector<std::pair<std::string, std::uint32_t>> members;
    if (const auto m = schema.FindMember("properties"); m != schema.MemberEnd()) {
      const std::string pptr = pointer_join(ptr, "properties");
      if (!m->value.IsObject()) {
        ctx_.error(pptr, "properties must be an object");
      } else {
        for (const auto& p : m->value.GetObject()) {
          std::string name(p.name.GetString(), p.name.GetStringLength());
          const std::string child = pointer_join(pptr, name);
          members.emplace_back(std::move(name), compile(p.value, child, SchemaContext::body));
        }
      }
    }
    if (members.size() > kMaxProperties) {
      ctx_.error(ptr, "more than 64 properties in one object are not supported");
      members.resize(kMaxProperties);
    }
    node.properties_begin = static_cast<std::uint32_t>(ctx_.plan.properties.size());
    node.properties_count = static_cast<std::uint32_t>(members.size());
    for (std::size_t i = 0; i < members.size(); ++i) {
      Property property;
      property.name = members[i].first;
      property.node = members[i].second;
      property.slot = static_cast<std::uint8_t>(i);
      ctx_.plan.properties.push_back(std::move(property));
    }
    build_lookup(node);
    if (const auto m = schema.FindMember("required"); m != schema.MemberEnd()) {
      const std::string rptr = pointer_join(ptr, "required");
      if (!m->value.IsArray()) ctx_.error(rptr, "required must be an array of property names");
      static const Value kNoNames(rapidjson::kArrayType);
      for (const Value& name : (m->value.IsArray() ? m->value : kNoNames).GetArray()) {
        const std::uint32_t index = name.IsString() ? find(node, name.GetString()) : kNone;
        if (index == kNone) {
          ctx_.error(rptr, "required names a property that is not declared");
          continue;
        }
        node.required_mask |= std::uint64_t{1} << ctx_.plan.properties[index].slot;
      }
    }
    if (const auto m = schema.FindMember("x-reqprobe-rules"); m != schema.MemberEnd())
      compile_rules(m->value, pointer_join(ptr, "x-reqprobe-rules"), node);
  }

  void build_lookup(SchemaNode& node) {
    if (node.properties_count == 0) return;
    const std::uint32_t size = next_pow2(node.properties_count * 2);
    node.lookup_begin = static_cast<std::uint32_t>(ctx_.plan.lookup.size());
    node.lookup_mask = size - 1;
    ctx_.plan.lookup.resize(ctx_.plan.lookup.size() + size, 0);
    for (std::uint32_t i = 0; i < node.properties_count; ++i) {
      const std::uint32_t index = node.properties_begin + i;
      std::uint32_t slot = property_hash(ctx_.plan.properties[index].name) & node.lookup_mask;
      while (ctx_.plan.lookup[node.lookup_begin + slot] != 0) slot = (slot + 1) & node.lookup_mask;
      ctx_.plan.lookup[node.lookup_begin + slot] = index + 1;
    }
  }

  std::uint32_t find(const SchemaNode& node, std::string_view name) const {
    for (std::uint32_t i = 0; i < node.properties_count; ++i)
      if (ctx_.plan.properties[node.properties_begin + i].name == name) return node.properties_begin + i;
    return kNone;
  }

  // ---- cross-field rules --------------------------------------------------------------------------------

  bool compile_term(const Value& v, const std::string& ptr, const SchemaNode& node, RuleTerm& term) {
    if (!v.IsObject() || !v.HasMember("property") || !v["property"].IsString()) {
      ctx_.error(ptr, "a term needs {\"property\": name, and one of const, minItems, present}");
      return false;
    }
    ctx_.check_keys(v, ptr, {"property", "const", "minItems", "present"});
    const std::uint32_t index = find(node, v["property"].GetString());
    if (index == kNone) {
      ctx_.error(pointer_join(ptr, "property"), "names a property this object does not declare");
      return false;
    }
    term.property = index;
    const NodeKind kind = ctx_.plan.nodes[ctx_.plan.properties[index].node].kind;
    if (v.HasMember("const") && v["const"].IsBool() && kind == NodeKind::boolean) {
      term.kind = RuleTerm::Kind::equals_bool;
      term.bool_value = v["const"].GetBool();
    } else if (v.HasMember("const") && v["const"].IsInt64() && kind == NodeKind::integer) {
      term.kind = RuleTerm::Kind::equals_integer;
      term.integer_value = v["const"].GetInt64();
    } else if (v.HasMember("minItems") && v["minItems"].IsUint() && kind == NodeKind::array) {
      term.kind = RuleTerm::Kind::min_items;
      term.integer_value = v["minItems"].GetUint();
    } else if (v.HasMember("present") && v["present"].IsBool() && v["present"].GetBool()) {
      term.kind = RuleTerm::Kind::present;
    } else {
      ctx_.error(ptr,
                 "the term's test does not fit the property's type (const for boolean/integer, minItems for arrays, "
                 "present: true)");
      return false;
    }
    return assign_capture(index, ptr, term);
  }

  bool assign_capture(std::uint32_t index, const std::string& ptr, RuleTerm& term) {
    Property& property = ctx_.plan.properties[index];
    if (property.capture == 0xff) {
      if (captures_used_ >= kMaxCaptures) {
        ctx_.error(ptr, "rules of one object may read at most 8 properties");
        return false;
      }
      property.capture = captures_used_++;
    }
    term.capture = property.capture;
    return true;
  }

  void compile_rules(const Value& rules, const std::string& ptr, SchemaNode& node) {
    if (!rules.IsArray()) {
      ctx_.error(ptr, "x-reqprobe-rules must be an array");
      return;
    }
    if (rules.Size() > 64) ctx_.error(ptr, "at most 64 rules per object");
    captures_used_ = 0;
    node.rules_begin = static_cast<std::uint32_t>(ctx_.plan.rules.size());
    std::vector<std::vector<std::string>> supersedes;
    for (rapidjson::SizeType i = 0; i < rules.Size() && i < 64; ++i) {
      const std::string rptr = pointer_join(ptr, std::to_string(i));
      const Value& r = rules[i];
      if (!r.IsObject()) {
        ctx_.error(rptr, "a rule must be an object");
        continue;
      }
      ctx_.check_keys(r, rptr, {"id", "severity", "message", "when", "anyOf", "ordered", "supersedes"});
      Rule rule;
      rule.id = r.HasMember("id") && r["id"].IsString() ? r["id"].GetString() : "";
      rule.message = r.HasMember("message") && r["message"].IsString() ? r["message"].GetString() : "";
      if (rule.id.empty() || rule.message.empty()) ctx_.error(rptr, "a rule needs a non-empty id and message");
      const std::string_view severity =
          r.HasMember("severity") && r["severity"].IsString() ? r["severity"].GetString() : "";
      if (severity == "warning") {
        rule.severity = Severity::warning;
      } else if (severity != "error") {
        ctx_.error(pointer_join(rptr, "severity"), "severity must be 'error' or 'warning'");
      }
      rule.terms_begin = static_cast<std::uint32_t>(ctx_.plan.terms.size());
      if (r.HasMember("anyOf") == r.HasMember("ordered")) {
        ctx_.error(rptr, "a rule needs exactly one of anyOf or ordered");
      } else if (r.HasMember("anyOf")) {
        rule.form = Rule::Form::any_of;
        const Value& terms = r["anyOf"];
        if (!terms.IsArray() || terms.Empty())
          ctx_.error(pointer_join(rptr, "anyOf"), "anyOf must be a non-empty array");
        for (rapidjson::SizeType k = 0; terms.IsArray() && k < terms.Size(); ++k) {
          RuleTerm term;
          if (compile_term(terms[k], pointer_join(pointer_join(rptr, "anyOf"), std::to_string(k)), node, term))
            ctx_.plan.terms.push_back(term);
        }
        if (r.HasMember("when")) {
          rule.has_when = compile_term(r["when"], pointer_join(rptr, "when"), node, rule.when);
        }
      } else {
        rule.form = Rule::Form::ordered;
        const Value& pair = r["ordered"];
        const std::string optr = pointer_join(rptr, "ordered");
        if (!pair.IsArray() || pair.Size() != 2 || !pair[0].IsString() || !pair[1].IsString()) {
          ctx_.error(optr, "ordered must be [left, right] property names");
        } else {
          for (rapidjson::SizeType k = 0; k < 2; ++k) {
            const std::uint32_t index = find(node, pair[k].GetString());
            if (index == kNone || ctx_.plan.nodes[ctx_.plan.properties[index].node].kind != NodeKind::integer) {
              ctx_.error(optr, "ordered names integer properties of this object");
              continue;
            }
            RuleTerm term;
            term.property = index;
            if (assign_capture(index, optr, term)) ctx_.plan.terms.push_back(term);
          }
        }
        if (r.HasMember("when")) ctx_.error(pointer_join(rptr, "when"), "when is implemented for anyOf rules only");
      }
      rule.terms_count = static_cast<std::uint32_t>(ctx_.plan.terms.size()) - rule.terms_begin;
      std::vector<std::string> ids;
      if (const auto s = r.FindMember("supersedes"); s != r.MemberEnd()) {
        if (!s->value.IsArray())
          ctx_.error(pointer_join(rptr, "supersedes"), "supersedes must be an array of rule ids");
        if (s->value.IsArray())
          for (const Value& id : s->value.GetArray())
            if (id.IsString()) ids.emplace_back(id.GetString());
      }
      supersedes.push_back(std::move(ids));
      ctx_.plan.rules.push_back(std::move(rule));
    }
    node.rules_count = static_cast<std::uint32_t>(ctx_.plan.rules.size()) - node.rules_begin;
    for (std::uint32_t i = 0; i < node.rules_count && i < supersedes.size(); ++i) {
      for (const std::string& id : supersedes[i]) {
        bool found = false;
        for (std::uint32_t k = 0; k < node.rules_count; ++k) {
          if (ctx_.plan.rules[node.rules_begin + k].id == id && k != i) {
            ctx_.plan.rules[node.rules_begin + i].supersedes |= std::uint64_t{1} << k;
            found = true;
          }
        }
        if (!found) ctx_.error(pointer_join(ptr, std::to_string(i)), "supersedes an unknown rule id '" + id + "'");
      }
    }
  }

  LoadContext& ctx_;
  std::uint8_t captures_used_ = 0;
};

}  // namespace

void LoadContext::check_keys(const rapidjson::Value& object, const std::string& pointer,
                             std::initializer_list<std::string_view> allowed) {
  for (const auto& member : object.GetObject()) {
    const std::string_view key(member.name.GetString(), member.name.GetStringLength());
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    if (std::find(std::begin(kAnnotations), std::end(kAnnotations), key) != std::end(kAnnotations)) continue;
    if (key.substr(0, 2) == "x-" && key.substr(0, 11) != "x-reqprobe-") continue;
    error(pointer_join(pointer, key), "keyword '" + std::string(key) + "' is not implemented here");
  }
}

std::uint32_t LoadContext::compile_schema(const rapidjson::Value& schema, const std::string& pointer,
                                          SchemaContext context) {
  SchemaCompiler compiler(*this);
  return compiler.compile(schema, pointer, context);
}

}  // namespace reqprobe::detail
