// Loads an OpenAPI 3.0 document: the document, paths, operations, parameters and request bodies. Schemas are
// compiled by schema_compiler.cc.
#include <rapidjson/error/en.h>

#include <algorithm>
#include <exception>

#include "load_context.h"
#include "reqprobe/contract.h"
#include "reqprobe/json_depth.h"

namespace reqprobe {
namespace detail {
namespace {

using rapidjson::Value;

constexpr std::string_view kMethods[] = {"get", "put", "post", "delete", "options", "head", "patch"};

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string uppercase(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

const Value* member(const Value& object, const char* name) {
  if (!object.IsObject()) return nullptr;
  const auto it = object.FindMember(name);
  return it == object.MemberEnd() ? nullptr : &it->value;
}

class DocumentLoader {
 public:
  explicit DocumentLoader(LoadContext& ctx) : ctx_(ctx) {}

  void load(const Value& root) {
    if (!root.IsObject()) {
      ctx_.error("", "an OpenAPI document must be a JSON object");
      return;
    }
    ctx_.check_keys(root, "", {"openapi", "info", "paths", "components", "servers", "tags"});
    const Value* version = member(root, "openapi");
    if (version == nullptr || !version->IsString() || std::string_view(version->GetString()).substr(0, 4) != "3.0.")
      ctx_.error("/openapi", "must be an OpenAPI 3.0.x document ('openapi': '3.0.3')");
    if (const Value* components = member(root, "components")) {
      if (components->IsObject()) ctx_.check_keys(*components, "/components", {"schemas"});
    }
    const Value* paths = member(root, "paths");
    if (paths == nullptr || !paths->IsObject() || paths->ObjectEmpty()) {
      ctx_.error("/paths", "the document needs at least one path");
      return;
    }
    for (const auto& p : paths->GetObject()) {
      const std::string path(p.name.GetString(), p.name.GetStringLength());
      load_path_item(path, p.value, pointer_join("/paths", path));
    }
  }

 private:
  void load_path_item(const std::string& path, const Value& item, const std::string& ptr) {
    if (!item.IsObject()) {
      ctx_.error(ptr, "a path item must be an object");
      return;
    }
    ctx_.check_keys(item, ptr, {"get", "put", "post", "delete", "options", "head", "patch", "parameters"});
    const Value* shared = member(item, "parameters");
    for (const std::string_view method : kMethods) {
      const Value* op = member(item, std::string(method).c_str());
      if (op != nullptr) load_operation(path, method, *op, shared, ptr);
    }
  }

  bool parse_template(const std::string& path, const std::string& ptr, Operation& op) {
    if (path.empty() || path[0] != '/') {
      ctx_.error(ptr, "a path must start with '/'");
      return false;
    }
    std::string_view rest = std::string_view(path).substr(1);
    while (true) {
      const std::size_t slash = rest.find('/');
      const std::string_view segment = rest.substr(0, slash);
      PathSegment s;
      if (segment.size() >= 2 && segment.front() == '{' && segment.back() == '}') {
        s.literal = std::string(segment.substr(1, segment.size() - 2));  // the name, until resolved
        s.parameter = 0;
      } else if (segment.find_first_of("{}") != std::string_view::npos) {
        ctx_.error(ptr, "path variables must be whole segments like {name}");
        return false;
      } else {
        s.literal = std::string(segment);
      }
      op.segments.push_back(std::move(s));
      if (slash == std::string_view::npos) break;
      rest = rest.substr(slash + 1);
    }
    return true;
  }

  void load_parameter(const Value& p, const std::string& ptr, Operation& op) {
    if (!p.IsObject()) {
      ctx_.error(ptr, "a parameter must be an object");
      return;
    }
    if (p.HasMember("$ref")) {
      ctx_.error(pointer_join(ptr, "$ref"), "parameter references are not implemented; declare parameters inline");
      return;
    }
    ctx_.check_keys(p, ptr, {"name", "in", "required", "schema"});
    const Value* name = member(p, "name");
    const Value* in = member(p, "in");
    if (name == nullptr || !name->IsString() || name->GetStringLength() == 0 || in == nullptr || !in->IsString()) {
      ctx_.error(ptr, "a parameter needs a non-empty 'name' and 'in'");
      return;
    }
    Parameter parameter;
    const std::string_view where = in->GetString();
    if (where == "path") {
      parameter.in = Location::path;
    } else if (where == "query") {
      parameter.in = Location::query;
    } else if (where == "header") {
      parameter.in = Location::header;
    } else {
      ctx_.error(pointer_join(ptr, "in"), "parameters 'in: " + std::string(where) + "' are not implemented");
      return;
    }
    parameter.name = parameter.in == Location::header ? lowercase(name->GetString()) : name->GetString();
    if (const Value* required = member(p, "required")) {
      if (!required->IsBool()) ctx_.error(pointer_join(ptr, "required"), "required must be a boolean");
      parameter.required = required->IsBool() && required->GetBool();
    }
    if (parameter.in == Location::path && !parameter.required)
      ctx_.error(pointer_join(ptr, "required"), "path parameters must be required: true");
    if (parameter.in == Location::header && parameter.name == "content-type")
      ctx_.error(ptr, "Content-Type comes from requestBody.content, not from a parameter");
    const Value* schema = member(p, "schema");
    if (schema == nullptr) {
      ctx_.error(ptr, "a parameter needs a schema");
      return;
    }
    const std::string sptr = pointer_join(ptr, "schema");
    parameter.node = ctx_.compile_schema(
        *schema, sptr, parameter.in == Location::path ? SchemaContext::path_parameter : SchemaContext::parameter);
    const SchemaNode& node = ctx_.plan.nodes[parameter.node];
    if (node.kind != NodeKind::string) {
      ctx_.error(sptr, "only string parameters are implemented");
    } else if (const Value* forbidden = member(*schema, "x-reqprobe-forbidden-bytes")) {
      if (!forbidden->IsString() || forbidden->GetStringLength() == 0)
        ctx_.error(pointer_join(sptr, "x-reqprobe-forbidden-bytes"), "must be a non-empty string");
      else
        parameter.forbidden_bytes.assign(forbidden->GetString(), forbidden->GetStringLength());
    }
    for (Parameter& existing : op.parameters) {
      if (existing.name == parameter.name && existing.in == parameter.in) {
        existing = std::move(parameter);  // operation level overrides path level (OpenAPI 3.0)
        return;
      }
    }
    op.parameters.push_back(std::move(parameter));
  }

  void load_request_body(const Value& body, const std::string& ptr, Operation& op) {
    if (!body.IsObject()) {
      ctx_.error(ptr, "requestBody must be an object");
      return;
    }
    ctx_.check_keys(body, ptr, {"required", "content", "x-reqprobe-absent-as"});
    if (const Value* required = member(body, "required")) op.body_required = required->IsBool() && required->GetBool();
    const Value* content = member(body, "content");
    if (content == nullptr || !content->IsObject() || content->ObjectEmpty()) {
      ctx_.error(pointer_join(ptr, "content"), "requestBody needs content with a JSON media type");
      return;
    }
    const Value* first_schema = nullptr;
    for (const auto& media : content->GetObject()) {
      const std::string type = lowercase(media.name.GetString());
      const std::string mptr = pointer_join(pointer_join(ptr, "content"), media.name.GetString());
      const bool json =
          type == "application/json" || (type.size() > 5 && type.compare(type.size() - 5, 5, "+json") == 0);
      if (!json || !media.value.IsObject() || !media.value.HasMember("schema")) {
        ctx_.error(mptr, "only JSON media types with a schema are implemented");
        continue;
      }
      ctx_.check_keys(media.value, mptr, {"schema"});
      if (first_schema == nullptr) {
        first_schema = &media.value["schema"];
        op.body = ctx_.compile_schema(*first_schema, pointer_join(mptr, "schema"), SchemaContext::body);
      } else if (media.value["schema"] != *first_schema) {
        ctx_.error(mptr, "every media type of one body must share the same schema");
      }
      op.media_types.push_back(type);
    }
    if (const Value* absent = member(body, "x-reqprobe-absent-as")) {
      rapidjson::Document check;
      const std::string_view text =
          absent->IsString() ? std::string_view(absent->GetString(), absent->GetStringLength()) : std::string_view();
      if (!absent->IsString() || !json_depth_within(text, kMaxDocumentDepth) ||
          check.Parse<rapidjson::kParseIterativeFlag>(text.data(), text.size()).HasParseError()) {
        ctx_.error(pointer_join(ptr, "x-reqprobe-absent-as"), "must be a string holding JSON text (nested at most " +
                                                                  std::to_string(kMaxDocumentDepth) + " levels)");
      } else {
        op.has_absent_body_as = true;
        op.absent_body_as.assign(absent->GetString(), absent->GetStringLength());
      }
    }
  }

  void load_auth_alternatives(const Value& list, const std::string& ptr, Operation& op) {
    if (!list.IsArray()) {
      ctx_.error(ptr, "must be an array");
      return;
    }
    for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
      const std::string aptr = pointer_join(ptr, std::to_string(i));
      const Value& a = list[i];
      const Value* replaces = member(a, "replaces");
      const Value* headers = member(a, "headers");
      if (replaces == nullptr || !replaces->IsString() || headers == nullptr || !headers->IsArray() ||
          headers->Empty()) {
        ctx_.error(aptr, "needs {\"replaces\": header, \"headers\": [{\"name\", \"prefix\"?, \"shape\"?}]}");
        continue;
      }
      ctx_.check_keys(a, aptr, {"replaces", "headers"});
      AuthAlternative alternative;
      alternative.replaces = lowercase(replaces->GetString());
      const bool known = std::any_of(op.parameters.begin(), op.parameters.end(), [&](const Parameter& p) {
        return p.in == Location::header && p.required && p.name == alternative.replaces;
      });
      if (!known) ctx_.error(pointer_join(aptr, "replaces"), "must name a required header parameter");
      for (rapidjson::SizeType k = 0; k < headers->Size(); ++k) {
        const Value& h = (*headers)[k];
        const std::string hptr = pointer_join(pointer_join(aptr, "headers"), std::to_string(k));
        const Value* name = member(h, "name");
        if (name == nullptr || !name->IsString()) {
          ctx_.error(hptr, "needs a header 'name'");
          continue;
        }
        ctx_.check_keys(h, hptr, {"name", "prefix", "shape"});
        AuthAlternative::Need need;
        need.header = lowercase(name->GetString());
        if (const Value* prefix = member(h, "prefix"); prefix && prefix->IsString()) need.prefix = prefix->GetString();
        if (const Value* shape = member(h, "shape"); shape && shape->IsString()) need.shape = shape->GetString();
        alternative.needs.push_back(std::move(need));
      }
      op.auth_alternatives.push_back(std::move(alternative));
    }
  }

  void load_operation(const std::string& path, std::string_view method, const Value& v, const Value* shared,
                      const std::string& item_ptr) {
    const std::string ptr = pointer_join(item_ptr, method);
    if (!v.IsObject()) {
      ctx_.error(ptr, "an operation must be an object");
      return;
    }
    ctx_.check_keys(v, ptr,
                    {"operationId", "parameters", "requestBody", "responses", "tags", "x-reqprobe-auth-alternatives"});
    Operation op;
    op.method = uppercase(method);
    op.path_template = path;
    if (const Value* id = member(v, "operationId"); id && id->IsString()) op.id = id->GetString();
    if (!parse_template(path, item_ptr, op)) return;
    for (const auto& [list, lptr] : {std::pair{shared, pointer_join(item_ptr, "parameters")},
                                     std::pair{member(v, "parameters"), pointer_join(ptr, "parameters")}}) {
      if (list == nullptr) continue;
      if (!list->IsArray()) {
        ctx_.error(lptr, "parameters must be an array");
        continue;
      }
      for (rapidjson::SizeType i = 0; i < list->Size(); ++i)
        load_parameter((*list)[i], pointer_join(lptr, std::to_string(i)), op);
    }
    if (op.parameters.size() > 64) ctx_.error(ptr, "more than 64 parameters are not supported");
    // Resolve path variables to their parameters; every path parameter must appear in the template.
    for (PathSegment& segment : op.segments) {
      if (segment.parameter == kNone) continue;
      segment.parameter = kNone;
      for (std::uint32_t i = 0; i < op.parameters.size(); ++i)
        if (op.parameters[i].in == Location::path && op.parameters[i].name == segment.literal) segment.parameter = i;
      if (segment.parameter == kNone)
        ctx_.error(item_ptr, "path variable {" + segment.literal + "} has no path parameter");
      segment.literal.clear();
    }
    for (const Parameter& p : op.parameters) {
      if (p.in != Location::path) continue;
      const bool used = std::any_of(op.segments.begin(), op.segments.end(), [&](const PathSegment& s) {
        return s.parameter != kNone && op.parameters[s.parameter].name == p.name;
      });
      if (!used) ctx_.error(ptr, "path parameter '" + p.name + "' is not in the path template");
    }
    if (const Value* body = member(v, "requestBody")) load_request_body(*body, pointer_join(ptr, "requestBody"), op);
    if (const Value* alternatives = member(v, "x-reqprobe-auth-alternatives"))
      load_auth_alternatives(*alternatives, pointer_join(ptr, "x-reqprobe-auth-alternatives"), op);
    ctx_.plan.operations.push_back(std::move(op));
  }

  LoadContext& ctx_;
};

}  // namespace
}  // namespace detail

LoadResult load_contract(std::string_view openapi_json, const LoadOptions& options) {
  LoadResult result;
  try {
    // Parsing is iterative, but the compiler walks the document recursively: bound its depth first.
    if (!json_depth_within(openapi_json, kMaxDocumentDepth)) {
      result.errors.push_back(
          {"", "the document nests arrays and objects deeper than " + std::to_string(kMaxDocumentDepth) + " levels"});
      return result;
    }
    rapidjson::Document document;
    constexpr unsigned kFlags = rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag;
    document.Parse<kFlags>(openapi_json.data(), openapi_json.size());
    if (document.HasParseError()) {
      result.errors.push_back(
          {"", "not valid JSON: " + std::string(rapidjson::GetParseError_En(document.GetParseError())) + " at byte " +
                   std::to_string(document.GetErrorOffset())});
      return result;
    }
    detail::LoadContext ctx;
    ctx.root = &document;
    ctx.options = &options;
    ctx.option_used.assign(options.enable.size(), false);
    ctx.plan.nodes.push_back(SchemaNode{});  // node 0: any
    ctx.plan.sources.emplace_back("");
    detail::DocumentLoader(ctx).load(document);
    for (std::size_t i = 0; i < options.enable.size(); ++i) {
      if (ctx.option_used[i]) continue;
      std::string offered;
      for (const MaskUnion& m : ctx.plan.mask_unions) offered += (offered.empty() ? "" : ", ") + m.option;
      ctx.error("", "option '" + options.enable[i] + "' is not offered by this contract" +
                        (offered.empty() ? std::string() : " (it offers: " + offered + ")"));
    }
    if (!ctx.errors.empty()) {
      result.errors = std::move(ctx.errors);
      return result;
    }
    result.contract = std::make_shared<const Contract>(std::move(ctx.plan));
  } catch (const std::exception& e) {  // allocation failure on a huge contract: still an error, not a crash
    result.contract.reset();
    result.errors.push_back({"", std::string("contract could not be loaded: ") + e.what()});
  }
  return result;
}

LoadResult load_embedded_contract(const LoadOptions& options) {
  return load_contract(embedded_contract_text(), options);
}

}  // namespace reqprobe
