#include "rule_schema.h"

#include "reqprobe/case_file.h"

namespace reqprobe::detail {

void write_key(JsonWriter& w, std::string_view name) {
  const std::string utf8 = utf8_or_replacement(name);
  w.Key(utf8.data(), static_cast<rapidjson::SizeType>(utf8.size()));
}

void write_text(JsonWriter& w, std::string_view value) {
  const std::string utf8 = utf8_or_replacement(value);
  w.String(utf8.data(), static_cast<rapidjson::SizeType>(utf8.size()));
}

void write_rule_schema(JsonWriter& w, const Plan& plan, const Rule& rule, std::string_view note_keyword) {
  w.StartObject();
  write_key(w, note_keyword);
  write_text(w, rule.id + ": " + rule.message);
  write_key(w, "anyOf");
  w.StartArray();
  if (rule.has_when) {
    w.StartObject();
    write_key(w, "not");
    write_term_schema(w, plan, rule.when);
    w.EndObject();
  }
  for (std::uint32_t i = 0; i < rule.terms_count; ++i) write_term_schema(w, plan, plan.terms[rule.terms_begin + i]);
  w.EndArray();
  w.EndObject();
}

void write_term_schema(JsonWriter& w, const Plan& plan, const RuleTerm& term) {
  const Property& p = plan.properties[term.property];
  w.StartObject();
  write_key(w, "required");
  w.StartArray();
  write_text(w, p.name);
  w.EndArray();
  write_key(w, "properties");
  w.StartObject();
  write_key(w, p.name);
  w.StartObject();
  switch (term.kind) {
    case RuleTerm::Kind::equals_bool:
      write_key(w, "enum");
      w.StartArray();
      w.Bool(term.bool_value);
      w.EndArray();
      break;
    case RuleTerm::Kind::equals_integer:
      write_key(w, "enum");
      w.StartArray();
      w.Int64(term.integer_value);
      w.EndArray();
      break;
    case RuleTerm::Kind::min_items:
      write_key(w, "type");
      write_text(w, "array");
      write_key(w, "minItems");
      w.Int64(term.integer_value);
      break;
    case RuleTerm::Kind::present:
      if (const NodeKind kind = plan.nodes[p.node].kind; kind != NodeKind::any) {
        write_key(w, "type");
        write_text(w, node_kind_name(kind));
      }
      break;
  }
  w.EndObject();
  w.EndObject();
  w.EndObject();
}

}  // namespace reqprobe::detail
