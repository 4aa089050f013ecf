// The OpenAPI export: the contract's DOM, edited where the compiled plan says an extension means something plain
// OpenAPI 3.0 can also say. Rules are written by the same code as the JSON Schema export (rule_schema.h).
#include "reqprobe/openapi_export.h"

#include <rapidjson/document.h>
#include <rapidjson/pointer.h>

#include <algorithm>

#include "reqprobe/json_depth.h"
#include "reqprobe/validator.h"
#include "rule_schema.h"

namespace reqprobe {
namespace {

using rapidjson::Value;

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// The member's value, or nullptr. Found through a const view: RapidJSON 1.1's non-const member iterators compare
// ambiguously under C++20 (clang's -Wambiguous-reversed-operator).
Value* member_of(Value& object, std::string_view name) {
  if (!object.IsObject()) return nullptr;
  const Value& view = object;
  for (const auto& m : view.GetObject())
    if (std::string_view(m.name.GetString(), m.name.GetStringLength()) == name) return const_cast<Value*>(&m.value);
  return nullptr;
}

Value string_value(std::string_view text, rapidjson::Document::AllocatorType& a) {
  return Value(text.data(), static_cast<rapidjson::SizeType>(text.size()), a);
}

class OpenApiEditor {
 public:
  OpenApiEditor(const Plan& plan, rapidjson::Document& doc) : plan_(plan), doc_(doc), a_(doc.GetAllocator()) {}

  void run(const Contract& contract, std::vector<std::string>& notes) {
    Validator validator(std::shared_ptr<const Contract>(&contract, [](const Contract*) {}));
    for (std::size_t i = 0; i < plan_.operations.size(); ++i) {
      const Operation& op = plan_.operations[i];
      Value* operation = find_operation(op);
      if (operation == nullptr) continue;
      if (op.has_absent_body_as && !validator.is_valid_body("", i)) require_body(*operation);
      // Contracts that state their security in OpenAPI already (as HSS's now does) keep it as written.
      if (!op.auth_alternatives.empty() && !operation->HasMember("security") && !doc_.HasMember("security"))
        add_security(op, *operation, notes);
    }
    for (std::uint32_t n = 0; n < plan_.nodes.size(); ++n) add_rules(n, notes);
  }

 private:
  Value* find_operation(const Operation& op) {
    Value* paths = get("/paths");
    if (paths == nullptr || !paths->IsObject()) return nullptr;
    Value* item = member_of(*paths, op.path_template);
    if (item == nullptr || !item->IsObject()) return nullptr;
    path_item_ = item;
    return member_of(*item, lowercase(op.method));
  }

  Value* get(const std::string& pointer) { return rapidjson::Pointer(pointer.c_str()).Get(doc_); }

  void set(Value& object, std::string_view name, Value value) {
    if (Value* existing = member_of(object, name)) {
      *existing = std::move(value);
    } else {
      object.AddMember(string_value(name, a_), std::move(value), a_);
    }
  }

  void require_body(Value& operation) {
    Value* body = member_of(operation, "requestBody");
    if (body != nullptr && body->IsObject()) set(*body, "required", Value(true));
  }

  // The header parameter object declaring `name` (lowercase), at operation or path-item level.
  Value* header_parameter(Value& operation, std::string_view name) {
    for (Value* holder : {&operation, path_item_}) {
      if (holder == nullptr) continue;
      Value* list = member_of(*holder, "parameters");
      if (list == nullptr || !list->IsArray()) continue;
      for (Value& p : list->GetArray()) {
        if (!p.IsObject() || !p.HasMember("in") || !p.HasMember("name") || !p["in"].IsString() || !p["name"].IsString())
          continue;
        if (std::string_view(p["in"].GetString()) == "header" && lowercase(p["name"].GetString()) == name) return &p;
      }
    }
    return nullptr;
  }

  // An apiKey scheme named after the header; returns the scheme's name.
  std::string header_scheme(std::string_view header, std::string_view spelled, std::string_view description) {
    Value& components = ensure_object(doc_, "components");
    Value& schemes = ensure_object(components, "securitySchemes");
    const std::string name = std::string(header);
    if (schemes.HasMember(name.c_str())) return name;
    Value scheme(rapidjson::kObjectType);
    scheme.AddMember("type", "apiKey", a_);
    scheme.AddMember("in", "header", a_);
    scheme.AddMember("name", string_value(spelled, a_), a_);
    if (!description.empty()) scheme.AddMember("description", string_value(description, a_), a_);
    schemes.AddMember(string_value(name, a_), std::move(scheme), a_);
    return name;
  }

  Value& ensure_object(Value& parent, std::string_view name) {
    Value* found = member_of(parent, name);
    if (found == nullptr || !found->IsObject()) {
      set(parent, name, Value(rapidjson::kObjectType));
      found = member_of(parent, name);
    }
    return *found;
  }

  static std::string title_case(std::string_view header) {
    std::string out(header);
    bool start = true;
    for (char& c : out) {
      if (start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      start = c == '-';
    }
    return out;
  }

  void add_security(const Operation& op, Value& operation, std::vector<std::string>& notes) {
    Value requirements(rapidjson::kArrayType);
    std::vector<std::string> replaced_done;
    for (const AuthAlternative& alternative : op.auth_alternatives) {
      Value* parameter = header_parameter(operation, alternative.replaces);
      const std::string spelled =
          parameter != nullptr ? parameter->operator[]("name").GetString() : title_case(alternative.replaces);
      if (std::find(replaced_done.begin(), replaced_done.end(), alternative.replaces) == replaced_done.end()) {
        replaced_done.push_back(alternative.replaces);
        Value one(rapidjson::kObjectType);
        one.AddMember(string_value(header_scheme(alternative.replaces, spelled, ""), a_), Value(rapidjson::kArrayType),
                      a_);
        requirements.PushBack(std::move(one), a_);
        // "security" now demands the header or its alternative; its own schema (lengths) still applies.
        if (parameter != nullptr) set(*parameter, "required", Value(false));
      }
      Value all(rapidjson::kObjectType);
      for (const AuthAlternative::Need& need : alternative.needs) {
        std::string description = "Replaces " + spelled + " together with the other headers of this requirement.";
        if (!need.prefix.empty()) description += " Starts with '" + need.prefix + "'.";
        if (!need.shape.empty()) description += " Has the form '" + need.shape + "' ('#' is a digit).";
        all.AddMember(string_value(header_scheme(need.header, title_case(need.header), description), a_),
                      Value(rapidjson::kArrayType), a_);
        if (!need.prefix.empty() || !need.shape.empty())
          notes.push_back(op.method + " " + op.path_template + ": the prefix and form of header '" + need.header +
                          "' stay in x-reqprobe-auth-alternatives (an apiKey scheme only names its header)");
      }
      requirements.PushBack(std::move(all), a_);
    }
    set(operation, "security", std::move(requirements));
  }

  void add_rules(std::uint32_t index, std::vector<std::string>& notes) {
    const SchemaNode& node = plan_.nodes[index];
    if (node.rules_count == 0 || node.source == kNone) return;
    Value* schema = get(plan_.sources[node.source]);
    if (schema == nullptr || !schema->IsObject()) return;
    Value all_of(rapidjson::kArrayType);
    for (std::uint32_t i = 0; i < node.rules_count; ++i) {
      const Rule& rule = plan_.rules[node.rules_begin + i];
      if (rule.severity != Severity::error || rule.form != Rule::Form::any_of) {
        notes.push_back("rule " + rule.id + " at " + plan_.sources[node.source] + " stays in x-reqprobe-rules (" +
                        (rule.severity == Severity::warning ? "a warning never changes the verdict"
                                                            : "an ordered rule has no OpenAPI form") +
                        ")");
        continue;
      }
      rapidjson::StringBuffer buffer;
      detail::JsonWriter writer(buffer);
      detail::write_rule_schema(writer, plan_, rule, "description");
      rapidjson::Document parsed(&a_);
      parsed.Parse(buffer.GetString(), buffer.GetSize());
      all_of.PushBack(Value(parsed, a_), a_);
    }
    if (all_of.Empty()) return;
    set(*schema, "allOf", std::move(all_of));
  }

  const Plan& plan_;
  rapidjson::Document& doc_;
  rapidjson::Document::AllocatorType& a_;
  Value* path_item_ = nullptr;
};

}  // namespace

OpenApiExport export_openapi(const Contract& contract, std::string_view contract_text) {
  OpenApiExport result;
  rapidjson::Document doc;
  if (!json_depth_within(contract_text, kMaxDocumentDepth) ||
      doc.Parse<rapidjson::kParseIterativeFlag>(contract_text.data(), contract_text.size()).HasParseError() ||
      !doc.IsObject()) {
    result.error = "the contract text is not the JSON document the contract was loaded from";
    return result;
  }
  OpenApiEditor(contract.plan(), doc).run(contract, result.notes);
  rapidjson::StringBuffer buffer;
  detail::JsonWriter writer(buffer);
  writer.SetIndent(' ', 2);
  doc.Accept(writer);
  result.text.assign(buffer.GetString(), buffer.GetSize());
  result.text += '\n';
  return result;
}

}  // namespace reqprobe
