// load_contract: parse, resolve, compile. The three stages meet only here.
#include <exception>

#include "merge_all_of.h"
#include "openapi_loader.h"
#include "reqprobe/contract.h"
#include "schema_compiler.h"

namespace reqprobe {
namespace {

// The base URI of the document: the name as a file URI (relative names against a fixed root, since the library
// does no I/O and so knows no working directory; the command line passes absolute paths).
std::string base_uri_of(const LoadOptions& options) {
  if (!options.base_uri.empty()) return options.base_uri;
  const std::string& name = options.name;
  if (name.find("://") != std::string::npos) return name;
  return resolve::file_uri(name.empty() || name[0] != '/' ? "/" + name : name);
}

// The dialect of schemas in documents the contract refers to (the loader checks the fields themselves).
compile::Dialect openapi_dialect(const doc::Node* root) {
  compile::Dialect dialect = compile::Dialect::oas30;
  const doc::Node* version = root->kind == doc::Kind::object ? root->find("openapi") : nullptr;
  if (version == nullptr || version->kind != doc::Kind::string || version->text.rfind("3.1", 0) != 0) return dialect;
  dialect = compile::Dialect::oas31;
  if (const doc::Node* declared = root->find("jsonSchemaDialect"); declared && declared->kind == doc::Kind::string)
    (void)compile::dialect_from_uri(declared->text, dialect);
  return dialect;
}

// One condition of a rule: {"codes": [...], "location": "...", "credential": true}, each part optional.
bool read_answer_match(compile::LoadContext& ctx, const doc::Node* node, const std::string& where,
                       ExactAnswers::Match& out) {
  if (node->kind != doc::Kind::object) {
    ctx.diag.error(node, where,
                   "a condition is an object: {\"codes\": [...], \"location\": ..., \"credential\": true}");
    return false;
  }
  for (const doc::Member& m : node->members) {
    if (m.key == "codes" && m.value->kind == doc::Kind::array) {
      for (const doc::Node* item : m.value->items) {
        Code code;
        if (item->kind != doc::Kind::string || !code_from_name(item->text, code)) {
          ctx.diag.error(item, where + "/codes", "not a violation code");
          return false;
        }
        out.codes.push_back(code);
      }
    } else if (m.key == "location" && m.value->kind == doc::Kind::string &&
               location_from_name(m.value->text, out.location)) {
      out.any_location = false;
    } else if (m.key == "credential" && m.value->kind == doc::Kind::boolean) {
      out.credential = m.value->boolean;
    } else {
      ctx.diag.error(m.value, where + "/" + m.key,
                     "a condition has \"codes\" (violation codes), \"location\" (request, path, query, header, "
                     "cookie, body) and \"credential\" (true)");
      return false;
    }
  }
  return true;
}

// The exact profile's object: {"exact": [rules], "error_body": {"code": ..., "message": ...},
// "request_id_header": ...}.
void read_exact_answers(compile::LoadContext& ctx, const doc::Node* answers) {
  const std::string base = "/x-reqprobe-answers";
  ExactAnswers& out = ctx.plan.exact_answers;
  const doc::Node* rules = answers->find("exact");
  if (rules == nullptr || rules->kind != doc::Kind::array || rules->items.empty()) {
    ctx.diag.error(answers, base, "the exact answer profile needs \"exact\": a non-empty array of rules");
    return;
  }
  for (const doc::Member& m : answers->members)
    if (m.key != "exact" && m.key != "error_body" && m.key != "request_id_header")
      ctx.diag.error(m.value, base + "/" + m.key, "unknown member (exact, error_body, request_id_header)");
  for (std::size_t i = 0; i < rules->items.size(); ++i) {
    const doc::Node* rule = rules->items[i];
    const std::string where = base + "/exact/" + std::to_string(i);
    const doc::Node* when = rule->kind == doc::Kind::object ? rule->find("when") : nullptr;
    const doc::Node* status = rule->kind == doc::Kind::object ? rule->find("status") : nullptr;
    const doc::Node* code = rule->kind == doc::Kind::object ? rule->find("error_code") : nullptr;
    int value = 0;
    const bool status_ok = status != nullptr && status->kind == doc::Kind::number && status->text.size() == 3 &&
                           status->text.find_first_not_of("0123456789") == std::string::npos;
    if (status_ok) value = std::stoi(status->text);
    if (when == nullptr || when->kind != doc::Kind::array || !status_ok || value < 100 || value > 599 ||
        (code != nullptr && code->kind != doc::Kind::string)) {
      ctx.diag.error(rule, where, "a rule is {\"when\": [conditions], \"status\": 100-599, \"error_code\": \"...\"}");
      return;
    }
    ExactAnswers::Rule parsed;
    parsed.status = value;
    if (code != nullptr) parsed.error_code = code->text;
    for (std::size_t k = 0; k < when->items.size(); ++k) {
      ExactAnswers::Match match;
      if (!read_answer_match(ctx, when->items[k], where + "/when/" + std::to_string(k), match)) return;
      parsed.when.push_back(std::move(match));
    }
    out.rules.push_back(std::move(parsed));
  }
  if (const doc::Node* body = answers->find("error_body")) {
    const doc::Node* code = body->kind == doc::Kind::object ? body->find("code") : nullptr;
    const doc::Node* message = body->kind == doc::Kind::object ? body->find("message") : nullptr;
    if (code == nullptr || message == nullptr || code->kind != doc::Kind::string ||
        message->kind != doc::Kind::string) {
      ctx.diag.error(body, base + "/error_body", "error_body is {\"code\": member name, \"message\": member name}");
      return;
    }
    out.code_member = code->text;
    out.message_member = message->text;
  }
  if (const doc::Node* header = answers->find("request_id_header")) {
    if (header->kind != doc::Kind::string) {
      ctx.diag.error(header, base + "/request_id_header", "a header name");
      return;
    }
    out.request_id_header = header->text;
  }
  ctx.plan.answer_profile = AnswerProfile::exact;
}

// x-reqprobe-answers at the root: how the endpoint answers ("openapi", the default, or the exact profile's
// object).
void read_answer_profile(compile::LoadContext& ctx) {
  const doc::Node* root = ctx.documents.root_document()->root();
  const doc::Node* answers = root->kind == doc::Kind::object ? root->find("x-reqprobe-answers") : nullptr;
  if (answers == nullptr) return;
  if (answers->kind == doc::Kind::object) {
    read_exact_answers(ctx, answers);
  } else if (answers->kind != doc::Kind::string || answers->text != "openapi") {
    ctx.diag.error(answers, "/x-reqprobe-answers",
                   "x-reqprobe-answers is \"openapi\" (the default) or an object of exact answers "
                   "({\"exact\": [rules], ...}; docs/contract-format.md)");
  }
}

}  // namespace

LoadResult load_contract(std::string_view text, const LoadOptions& options) {
  LoadResult result;
  try {
    compile::LoadContext ctx(options);
    ctx.plan.strict = options.strict;
    ctx.option_used.assign(options.enable.size(), false);
    SchemaNode any;
    SchemaNode never;
    never.types = 0;
    never.never = true;
    never.general = true;
    ctx.plan.nodes = {any, never};
    ctx.plan.sources = {"", ""};
    auto source = std::make_shared<doc::Source>(options.name, std::string(text));
    doc::ParseError parse_error;
    if (!ctx.documents.add_root(source, base_uri_of(options), parse_error)) {
      ContractError e;
      e.source = options.name;
      const doc::Position at = source->position(parse_error.offset);
      e.line = at.line;
      e.column = at.column;
      e.message = "not valid " + std::string(parse_error.message.rfind("YAML", 0) == 0 ? "YAML" : "JSON or YAML") +
                  ": " + parse_error.message;
      result.errors.push_back(std::move(e));
      return result;
    }
    compile::SchemaCompiler schemas(ctx, openapi_dialect(ctx.documents.root_document()->root()));
    compile::load_openapi(ctx, schemas);
    read_answer_profile(ctx);
    for (std::size_t i = 0; i < options.enable.size(); ++i) {
      if (ctx.option_used[i]) continue;
      std::string offered;
      for (const MaskUnion& m : ctx.plan.mask_unions) offered += (offered.empty() ? "" : ", ") + m.option;
      ctx.diag.error(nullptr, "",
                     "option '" + options.enable[i] + "' is not offered by this contract" +
                         (offered.empty() ? std::string() : " (it offers: " + offered + ")"));
    }
    result.warnings = ctx.diag.take_warnings();
    if (ctx.diag.failed()) {
      result.errors = ctx.diag.take_errors();
      for (ContractError& e : result.errors)
        if (e.source.empty() && e.line == 0) e.source = options.name;
      return result;
    }
    compile::merge_plain_all_of(ctx.plan);
    result.contract = std::make_shared<const Contract>(std::move(ctx.plan));
  } catch (const std::exception& e) {  // allocation failure on a huge document: still an error, not a crash
    result.contract.reset();
    result.errors.push_back({"", std::string("contract could not be loaded: ") + e.what(), options.name});
  }
  return result;
}

}  // namespace reqprobe

namespace reqprobe {

namespace {

compile::Dialect dialect_of(SchemaDialect d) {
  switch (d) {
    case SchemaDialect::draft4:
      return compile::Dialect::draft4;
    case SchemaDialect::draft6:
      return compile::Dialect::draft6;
    case SchemaDialect::draft7:
      return compile::Dialect::draft7;
    case SchemaDialect::draft2019_09:
      return compile::Dialect::draft2019;
    case SchemaDialect::draft2020_12:
      break;
  }
  return compile::Dialect::draft2020;
}

}  // namespace

LoadResult load_schema(std::string_view text, const SchemaLoadOptions& options) {
  LoadResult result;
  try {
    LoadOptions load;
    load.name = options.name;
    load.base_uri = options.base_uri;
    load.read_document = options.read_document;
    load.assert_formats = options.assert_formats;
    compile::LoadContext ctx(load);
    SchemaNode any;
    SchemaNode never;
    never.types = 0;
    never.never = true;
    never.general = true;
    ctx.plan.nodes = {any, never};
    ctx.plan.sources = {"", ""};
    auto source = std::make_shared<doc::Source>(options.name, std::string(text));
    doc::ParseError parse_error;
    const std::string uri = base_uri_of(load);
    if (!ctx.documents.add_root(source, uri, parse_error)) {
      const doc::Position at = source->position(parse_error.offset);
      result.errors.push_back({"", "not valid JSON or YAML: " + parse_error.message, options.name, at.line, at.column});
      return result;
    }
    compile::SchemaCompiler schemas(ctx, dialect_of(options.dialect));
    const compile::SchemaAt root{ctx.documents.root_document()->root(), "", uri, dialect_of(options.dialect)};
    schemas.index_resources(root);
    Operation op;
    op.id = "schema";
    op.method = "POST";
    op.path_template = "/";
    op.segments.push_back({});
    op.has_body = true;
    op.body = schemas.intern(root, compile::SchemaUse{compile::Direction::neutral, true});
    op.bodies.push_back({"application/json", BodyKind::json, op.body, {}});
    op.media_types.push_back("application/json");
    schemas.drain();
    ctx.plan.operations.push_back(std::move(op));
    result.warnings = ctx.diag.take_warnings();
    if (ctx.diag.failed()) {
      result.errors = ctx.diag.take_errors();
      return result;
    }
    compile::merge_plain_all_of(ctx.plan);
    result.contract = std::make_shared<const Contract>(std::move(ctx.plan));
  } catch (const std::exception& e) {
    result.errors.push_back({"", std::string("schema could not be loaded: ") + e.what(), options.name});
  }
  return result;
}

LoadResult load_embedded_contract(const LoadOptions& options) {
  LoadOptions named = options;
  if (named.name == LoadOptions{}.name) named.name = std::string(embedded_contract_name());
  return load_contract(embedded_contract_text(), named);
}

}  // namespace reqprobe
