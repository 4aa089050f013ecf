// Object-level cases for the root and every nested object: each required member missing, an unknown member,
// each member duplicated with a conflicting value, and a complete valid object for the other side.
#include "suite_builder.h"

namespace reqprobe::gen {
namespace {

void add_for_object(SuiteBuilder& b, const FieldPath& at) {
  const Plan& plan = b.plan();
  const SchemaNode& node = plan.nodes[at.node];
  const std::string id = at.pointer.empty() ? "body.root" : "body." + SuiteBuilder::id_of(at.pointer);
  const std::string where = at.pointer.empty() ? "the root object" : at.pointer;

  // The satisfied side of every object constraint: all members present once, nothing unknown.
  std::vector<std::string> constraints = {"body:" + at.pointer + ":unknown", "body:" + at.pointer + ":duplicate"};
  if (node.additional != kFalse) constraints.erase(constraints.begin());
  for (std::uint32_t i = 0; i < node.properties_count; ++i) {
    const Property& property = plan.properties[node.properties_begin + i];
    if (node.required_mask & (std::uint64_t{1} << property.slot))
      constraints.push_back("body:" + at.pointer + "/" + property.name + ":required");
  }
  {
    Json body = b.base_body();
    b.slot(body, at) = b.maximal_value(at.node, false);
    b.repair(body, at.pointer);
    b.emit_body(meant_valid(id + ".complete", where + " with every member, each once", "valid", constraints), body);
  }

  for (std::uint32_t i = 0; i < node.properties_count; ++i) {
    const Property& property = plan.properties[node.properties_begin + i];
    const std::string member = at.pointer + "/" + property.name;
    if (node.required_mask & (std::uint64_t{1} << property.slot)) {
      Json body = b.base_body();
      b.slot(body, at).erase(property.name);
      b.repair(body, member);
      b.emit_body(meant_invalid(id + ".missing." + property.name, "required member " + member + " missing", "structure",
                                "body:" + member + ":required", Code::required, Location::body, member),
                  body);
    }
    Json body = b.base_body();
    Json& object = b.slot(body, at);
    object.set(property.name, b.minimal_value(property.node));
    object.members.push_back(JsonMember{quote(property.name), b.maximal_value(property.node, false)});
    b.repair(body, member);
    Intent duplicate =
        meant_invalid(id + ".duplicate." + property.name, member + " twice, with conflicting values (D12)", "structure",
                      "body:" + at.pointer + ":duplicate", Code::duplicate, Location::body, member);
    duplicate.speculative = duplicate.note_miss = true;
    b.emit_body(duplicate, body);
  }

  if (node.additional != kFalse) return;  // an open object takes other members
  Json body = b.base_body();
  b.slot(body, at).set("reqprobe_unknown", Json::raw("1"));
  b.repair(body, at.pointer + "/reqprobe_unknown");
  b.emit_body(
      meant_invalid(id + ".unknown_member", "a member " + where + " does not declare (D13)", "structure",
                    "body:" + at.pointer + ":unknown", Code::unknown, Location::body, at.pointer + "/reqprobe_unknown"),
      body);
}

}  // namespace

void add_object_cases(SuiteBuilder& b) {
  FieldPath root;
  root.node = b.op().body;
  auto add = [&](const FieldPath& at) {
    const SchemaNode& node = b.plan().nodes[at.node];
    if (is_classic(node) && node.kind == NodeKind::object) add_for_object(b, at);
    if (!is_classic(node) && (b.synth().allowed_types(at.node) & type_bits::object) != 0)
      add_general_object_cases(b, at);
  };
  add(root);
  for (const FieldPath& field : b.body_fields()) add(field);
}

void add_valid_cases(SuiteBuilder& b) {
  b.emit(meant_valid("valid.minimal", "the smallest valid request", "valid", {"request::method", "request::path"}),
         b.base_request());
  if (b.op().body == kNone) return;
  FieldPath root;
  root.node = b.op().body;
  Json ascii = b.maximal_value(root.node, false);
  b.repair(ascii, "");
  b.emit_body(meant_valid("valid.maximal", "every member present, every string at its maximum length", "valid"), ascii);
  Json wide = b.maximal_value(root.node, true);
  b.repair(wide, "");
  b.emit_body(meant_valid("valid.maximal_multibyte",
                          "every member present, every string at its maximum length in three-byte characters", "valid"),
              wide);
}

}  // namespace reqprobe::gen
