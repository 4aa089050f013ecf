// Cases for general schemas in the body: both sides of each JSON Schema keyword of a field (value_cases.cc), and
// the member-level keywords of objects: required, closed objects, min/maxProperties, additionalProperties as a
// schema, patternProperties, propertyNames, dependentRequired, readOnly members and the discriminator. Every case is
// a candidate the validator must confirm; what no candidate reaches is listed in Suite::skipped with the reason.
#include <algorithm>
#include <functional>

#include "pattern_sample.h"
#include "suite_builder.h"
#include "value_cases.h"

namespace reqprobe::gen {
namespace {

std::string category_of(const std::string& keyword) {
  if (keyword == "type" || keyword == "null") return "type";
  if (keyword == "enum" || keyword == "const") return "enum";
  if (keyword == "min_length" || keyword == "max_length") return "length";
  if (keyword == "pattern" || keyword == "format") return keyword;
  if (keyword == "minimum" || keyword == "maximum" || keyword == "exclusive_minimum" ||
      keyword == "exclusive_maximum" || keyword == "multiple_of")
    return "range";
  if (keyword == "min_items" || keyword == "max_items" || keyword == "unique_items" || keyword == "contains" ||
      keyword == "min_contains" || keyword == "max_contains")
    return "count";
  if (keyword == "one_of" || keyword == "any_of" || keyword == "not" || keyword == "discriminator")
    return "composition";
  return "structure";
}

Json body_with(SuiteBuilder& b, const FieldPath& at, Json value) {
  Json body = b.base_body();
  b.slot(body, at) = std::move(value);
  b.repair(body, at.pointer);
  return body;
}

// An invalid-side case whose target is whichever violation the validator reports at one of `pointers`.
bool emit_any_at(SuiteBuilder& b, const std::string& id, const std::string& description, const std::string& constraint,
                 const RequestParts& request, Location location, const std::vector<std::string>& pointers,
                 const std::vector<Code>& codes = {}) {
  const Report report = b.probe(request);
  for (const std::string& pointer : pointers)
    for (const Violation& v : report.violations) {
      if (v.location != location || v.pointer != pointer || v.severity != Severity::error) continue;
      if (!codes.empty() && std::find(codes.begin(), codes.end(), v.code) == codes.end()) continue;
      Intent intent = meant_invalid(id, description, category_of(constraint.substr(constraint.rfind(':') + 1)),
                                    constraint, v.code, location, pointer);
      intent.speculative = true;
      return b.emit(intent, request);
    }
  return false;
}

RequestParts with_body(SuiteBuilder& b, const Json& body) {
  RequestParts request = b.base_request();
  request.body = body.dump();
  return request;
}

class ObjectCases {
 public:
  ObjectCases(SuiteBuilder& b, const FieldPath& at)
      : b_(b),
        at_(at),
        plan_(b.plan()),
        id_(at.pointer.empty() ? "body.root" : "body." + SuiteBuilder::id_of(at.pointer)),
        prefix_("body:" + at.pointer + ":") {
    closure_ = all_of_closure(plan_, at.node);
  }

  void add() {
    std::optional<Json> minimal = b_.synth().valid(at_.node, false);
    if (!minimal || minimal->kind != Json::Kind::object) {
      for (const std::string& k : object_keywords()) b_.skip(prefix_ + k, "no valid object value was found");
      return;
    }
    minimal_ = *minimal;
    full_ = b_.synth().valid(at_.node, true).value_or(minimal_);
    if (full_.kind != Json::Kind::object) full_ = minimal_;
    std::vector<std::string> constraints;
    for (const std::string& k : object_keywords()) constraints.push_back(prefix_ + k);
    Intent complete = meant_valid(id_ + ".complete", where() + " with its optional members", "valid", constraints);
    if (!b_.emit(complete, with_body(b_, body_with(b_, at_, full_)))) return;
    add_required();
    add_closed();
    add_counts();
    add_additional();
    add_pattern_properties();
    add_property_names();
    add_dependents();
    add_read_only();
    add_discriminator();
  }

 private:
  std::string where() const { return at_.pointer.empty() ? "the root object" : at_.pointer; }

  std::vector<std::string> object_keywords() const {
    static const std::vector<std::string> kObjectKeywords = {
        "required",           "unknown",        "min_properties",     "max_properties", "additional_properties",
        "pattern_properties", "property_names", "dependent_required", "read_only",      "discriminator"};
    std::vector<std::string> out;
    for (const std::string& k : general_keywords(plan_, at_.node))
      if (std::find(kObjectKeywords.begin(), kObjectKeywords.end(), k) != kObjectKeywords.end()) out.push_back(k);
    return out;
  }

  bool has_keyword(const std::string& keyword) const {
    const std::vector<std::string> keywords = object_keywords();
    return std::find(keywords.begin(), keywords.end(), keyword) != keywords.end();
  }

  bool invalid(const std::string& suffix, const std::string& keyword, const std::string& description, const Json& value,
               const std::vector<std::pair<Code, std::string>>& targets) {
    const RequestParts request = with_body(b_, body_with(b_, at_, value));
    for (const auto& [code, pointer] : targets) {
      Intent intent = meant_invalid(id_ + "." + suffix, where() + ": " + description, category_of(keyword),
                                    prefix_ + keyword, code, Location::body, pointer);
      intent.speculative = true;
      if (b_.emit(intent, request)) return true;
    }
    b_.skip(prefix_ + keyword + " (" + suffix + ")", "the validator does not report the targeted violation");
    return false;
  }

  bool valid(const std::string& suffix, const std::string& keyword, const std::string& description, const Json& value) {
    Intent intent = meant_valid(id_ + "." + suffix, where() + ": " + description, "valid", {prefix_ + keyword});
    intent.speculative = true;
    if (b_.emit(intent, with_body(b_, body_with(b_, at_, value)))) return true;
    b_.skip(prefix_ + keyword + " (" + suffix + ")", "the value built for it is not valid");
    return false;
  }

  std::string member(const std::string& name) const { return at_.pointer + "/" + name; }

  void add_required() {
    std::vector<std::string> names;
    for (const std::uint32_t n : closure_) {
      const SchemaNode& s = plan_.nodes[n];
      for (std::uint32_t k = 0; k < s.required_count; ++k) {
        const Property& p = plan_.properties[plan_.lists[s.required_begin + k]];
        if (p.access == 1 || std::find(names.begin(), names.end(), p.name) != names.end()) continue;
        names.push_back(p.name);
        Json value = minimal_;
        value.erase(p.name);
        invalid("missing." + SuiteBuilder::id_of("/" + p.name), "required", "required member " + p.name + " missing",
                value, {{Code::required, member(p.name)}});
      }
    }
  }

  void add_closed() {
    if (!has_keyword("unknown")) return;
    Json value = minimal_;
    value.set("reqprobe_unknown", Json::raw("1"));
    invalid("unknown_member", "unknown", "a member the object does not declare", value,
            {{Code::unknown, member("reqprobe_unknown")},
             {Code::unevaluated_properties, member("reqprobe_unknown")},
             {Code::false_schema, member("reqprobe_unknown")}});
  }

  void add_counts() {
    std::uint32_t min = 0, max = kUnbounded;
    for (const std::uint32_t n : closure_) {
      min = std::max(min, plan_.nodes[n].min_properties);
      max = std::min(max, plan_.nodes[n].max_properties);
    }
    if (min > 0) {
      Json value = full_.members.size() >= min ? full_ : minimal_;
      while (value.members.size() >= min && !value.members.empty()) value.members.pop_back();
      invalid("properties.below_min", "min_properties", "minProperties-1 members", value,
              {{Code::min_properties, at_.pointer}});
    }
    if (max != kUnbounded && max < 256) {
      Json value = full_;
      for (unsigned k = 0; value.members.size() <= max && k < max + 8; ++k)
        value.set("extra" + std::to_string(k), Json::raw("1"));
      invalid("properties.above_max", "max_properties", "maxProperties+1 members", value,
              {{Code::max_properties, at_.pointer}});
    }
  }

  void add_additional() {
    if (!has_keyword("additional_properties")) return;
    std::uint32_t additional = kNone;
    for (const std::uint32_t n : closure_)
      if (additional == kNone && plan_.nodes[n].additional != kNone && plan_.nodes[n].additional != kFalse)
        additional = plan_.nodes[n].additional;
    const std::optional<Json> good = b_.synth().valid(additional);
    if (good) {
      Json value = minimal_;
      value.set("reqprobe_extra", *good);
      valid("additional.valid", "additional_properties", "an undeclared member valid against additionalProperties",
            value);
    }
    for (const char* lexeme : {"{}", "[]", "\"reqprobe\"", "7", "true", "null"}) {
      if (b_.synth().accepts(additional, lexeme)) continue;
      Json value = minimal_;
      value.set("reqprobe_extra", Json::raw(lexeme));
      if (emit_any_at(b_, id_ + ".additional.invalid",
                      where() + ": an undeclared member additionalProperties refuses (" + lexeme + ")",
                      prefix_ + "additional_properties", with_body(b_, body_with(b_, at_, value)), Location::body,
                      {member("reqprobe_extra")}))
        return;
    }
    b_.skip(prefix_ + "additional_properties", "additionalProperties accepts every simple value tried");
  }

  void add_pattern_properties() {
    for (const std::uint32_t n : closure_) {
      const SchemaNode& s = plan_.nodes[n];
      for (std::uint32_t k = 0; k < s.patterns_count; ++k) {
        const PatternProperty& pp = plan_.pattern_properties[s.patterns_begin + k];
        const std::string& source = plan_.patterns[pp.pattern].source;
        std::string why;
        const std::optional<std::string> name = pattern_sample(source, 1, 0, why);
        if (!name) {
          b_.skip(prefix_ + "pattern_properties", "no member name derived from " + source + ": " + why);
          continue;
        }
        const std::string suffix = "pattern_property." + std::to_string(k);
        if (const std::optional<Json> good = b_.synth().valid(pp.node)) {
          Json value = minimal_;
          value.set(*name, *good);
          valid(suffix + ".valid", "pattern_properties", "member '" + *name + "' matching " + source, value);
        }
        bool done = false;
        for (const char* lexeme : {"{}", "[]", "\"reqprobe\"", "7", "true", "null"}) {
          if (done || b_.synth().accepts(pp.node, lexeme)) continue;
          Json value = minimal_;
          value.set(*name, Json::raw(lexeme));
          done = emit_any_at(b_, id_ + "." + suffix + ".invalid",
                             where() + ": member '" + *name + "' matching " + source + " with a refused value",
                             prefix_ + "pattern_properties", with_body(b_, body_with(b_, at_, value)), Location::body,
                             {member(*name)});
        }
        if (!done) b_.skip(prefix_ + "pattern_properties", "the schema of " + source + " accepts every value tried");
      }
    }
  }

  void add_property_names() {
    std::uint32_t names = kNone;
    for (const std::uint32_t n : closure_)
      if (names == kNone) names = plan_.nodes[n].property_names;
    if (names == kNone) return;
    for (const std::string& name : {std::string(), std::string("!"), std::string("A B"), std::string(80, 'z'),
                                    std::string("reqprobe_name"), std::string("0")}) {
      if (b_.synth().accepts(names, quote(name))) continue;
      Json value = minimal_;
      value.members.push_back(JsonMember{quote(name), Json::raw("1")});
      if (emit_any_at(b_, id_ + ".property_names.refused", where() + ": a member named '" + name + "'",
                      prefix_ + "property_names", with_body(b_, body_with(b_, at_, value)), Location::body,
                      {at_.pointer, member(name)}, {Code::property_names}))
        return;
    }
    b_.skip(prefix_ + "property_names", "propertyNames accepts every name tried");
  }

  void add_dependents() {
    for (const std::uint32_t n : closure_) {
      const SchemaNode& s = plan_.nodes[n];
      for (std::uint32_t k = 0; k < s.dependents_count; ++k) {
        const Dependent& d = plan_.dependents[s.dependents_begin + k];
        if (d.required.empty()) continue;
        Json value = full_;
        if (value.find(d.property) == nullptr) {
          std::uint32_t node = kAny;
          for (const std::uint32_t m : closure_)
            for (std::uint32_t p = 0; p < plan_.nodes[m].properties_count; ++p)
              if (plan_.properties[plan_.nodes[m].properties_begin + p].name == d.property)
                node = plan_.properties[plan_.nodes[m].properties_begin + p].node;
          value.set(d.property, b_.synth().valid(node).value_or(Json::raw("1")));
        }
        value.erase(d.required.front());
        invalid("dependent." + SuiteBuilder::id_of("/" + d.property), "dependent_required",
                d.property + " present without " + d.required.front(), value,
                {{Code::dependent_required, at_.pointer},
                 {Code::dependent_required, member(d.required.front())},
                 {Code::dependent_required, member(d.property)}});
      }
    }
  }

  void add_read_only() {
    for (const std::uint32_t n : closure_) {
      const SchemaNode& s = plan_.nodes[n];
      for (std::uint32_t k = 0; k < s.properties_count; ++k) {
        const Property& p = plan_.properties[s.properties_begin + k];
        if (p.access != 1) continue;
        Json value = minimal_;
        value.set(p.name, b_.synth().valid(p.node).value_or(Json::raw("1")));
        // reqprobe reports a readOnly member in a request as a warning: the request stays valid.
        Intent intent = meant_invalid(id_ + ".read_only." + SuiteBuilder::id_of("/" + p.name),
                                      where() + ": readOnly member " + p.name + " sent", "structure",
                                      prefix_ + "read_only", Code::read_only, Location::body, member(p.name));
        intent.valid = false;
        intent.speculative = true;
        const RequestParts request = with_body(b_, body_with(b_, at_, value));
        if (b_.emit(intent, request)) continue;
        intent.severity = Severity::warning;
        intent.valid = true;
        if (!b_.emit(intent, request)) b_.skip(prefix_ + "read_only", "the validator does not report it");
      }
    }
  }

  void add_discriminator() {
    const Discriminator* d = nullptr;
    for (const std::uint32_t n : closure_)
      if (d == nullptr && plan_.nodes[n].discriminator != kNone)
        d = &plan_.discriminators[plan_.nodes[n].discriminator];
    if (d == nullptr) return;
    std::optional<Json> some;
    for (const auto& [value, node] : d->mapping) {
      std::optional<Json> object = b_.synth().valid_with(at_.node, d->property, quote(value), node);
      if (!object) {
        b_.skip(prefix_ + "discriminator", "no valid object with " + d->property + " = '" + value + "' was found");
        continue;
      }
      if (!some) some = object;
      valid("discriminator." + SuiteBuilder::id_of("/" + value), "discriminator",
            d->property + " = '" + value + "' selects its schema", *object);
    }
    Json base = some.value_or(minimal_);
    Json unknown = base;
    unknown.set(d->property, Json::raw("\"reqprobe-unknown\""));
    invalid("discriminator.unknown", "discriminator", d->property + " names no schema", unknown,
            {{Code::discriminator, at_.pointer}, {Code::discriminator, member(d->property)}});
    Json missing = base;
    missing.erase(d->property);
    invalid("discriminator.missing", "discriminator", d->property + " missing", missing,
            {{Code::discriminator, at_.pointer},
             {Code::discriminator, member(d->property)},
             {Code::required, member(d->property)}});
  }

  SuiteBuilder& b_;
  const FieldPath& at_;
  const Plan& plan_;
  std::string id_;
  std::string prefix_;
  std::vector<std::uint32_t> closure_;
  Json minimal_;
  Json full_;
};

}  // namespace

void emit_value_cases(SuiteBuilder& b, const std::vector<ValueCase>& cases, const std::string& id,
                      const std::string& constraint_prefix, Location location, const std::string& pointer,
                      const std::string& where,
                      const std::function<std::optional<RequestParts>(const Json&)>& request_for) {
  for (const ValueCase& c : cases) {
    std::vector<std::string> constraints;
    for (const std::string& k : c.keywords) constraints.push_back(constraint_prefix + k);
    const std::string keyword = c.keywords.empty() ? "valid" : c.keywords.front();
    bool done = false;
    for (const Json& value : c.values) {
      const std::optional<RequestParts> request = request_for(value);
      if (!request) continue;
      if (c.valid) {
        Intent intent = meant_valid(id + "." + c.suffix, where + ": " + c.description,
                                    c.suffix == "valid" ? "valid" : category_of(keyword), constraints);
        intent.speculative = true;
        done = b.emit(intent, *request);
      } else {
        for (const auto& [code, inner] : c.targets) {
          Intent intent = meant_invalid(id + "." + c.suffix, where + ": " + c.description, category_of(keyword),
                                        constraints.front(), code, location, pointer + inner);
          intent.speculative = true;
          if ((done = b.emit(intent, *request))) break;
        }
      }
      if (done) break;
    }
    if (!done)
      b.skip(constraint_prefix + keyword + " (" + c.suffix + ")",
             c.values.empty() ? "no candidate value could be built"
                              : std::to_string(c.values.size()) + " candidate(s), none confirmed by the validator");
  }
}

void add_keyword_cases(SuiteBuilder& b, const FieldPath& field) {
  const std::vector<ValueCase> cases = value_cases(b.synth(), b.plan(), field.node);
  const std::string id = field.pointer.empty() ? "body.root" : "body." + SuiteBuilder::id_of(field.pointer);
  emit_value_cases(
      b, cases, id, "body:" + field.pointer + ":", Location::body, field.pointer,
      field.pointer.empty() ? "the body" : field.pointer,
      [&](const Json& value) -> std::optional<RequestParts> { return with_body(b, body_with(b, field, value)); });
}

void add_general_object_cases(SuiteBuilder& b, const FieldPath& at) {
  ObjectCases(b, at).add();
}

}  // namespace reqprobe::gen
