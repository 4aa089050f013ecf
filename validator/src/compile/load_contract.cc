// load_contract: parse, resolve, compile. The three stages meet only here.
#include <exception>

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

// x-reqprobe-answers at the root: how the endpoint answers ("openapi", the default, or "hss").
void read_answer_profile(compile::LoadContext& ctx) {
  const doc::Node* root = ctx.documents.root_document()->root();
  const doc::Node* answers = root->kind == doc::Kind::object ? root->find("x-reqprobe-answers") : nullptr;
  if (answers == nullptr) return;
  if (answers->kind == doc::Kind::string && answers->text == "hss") {
    ctx.plan.answer_profile = AnswerProfile::hss;
  } else if (answers->kind != doc::Kind::string || answers->text != "openapi") {
    ctx.diag.error(answers, "/x-reqprobe-answers", "x-reqprobe-answers is \"openapi\" (the default) or \"hss\"");
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
