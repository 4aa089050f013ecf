#include "contract_command.h"

#include "exit_codes.h"
#include "reqprobe/json_schema_export.h"
#include "reqprobe/openapi_export.h"

namespace reqprobe::cli {
namespace {

constexpr const char* kExportFooter = R"(What is printed:
  --json-schema  a draft-07 JSON Schema of the request body, built from the compiled contract: explicit integer
                 bounds (int32/int64 ranges included), enums (with --enable, the accepted mask combinations too),
                 cross-field rules of severity error as anyOf/not. Warnings and safety limits are left out (the
                 schema's $comment says which). Draft-04 validators read it the same way.
  --openapi      the contract as a standard OpenAPI 3.0 document: its own text, plus what its reqprobe extensions
                 mean, written in plain OpenAPI where OpenAPI can say it: cross-field rules of severity error as
                 allOf/anyOf, AK/SK signing as alternative security requirements (the token header becomes
                 optional), and requestBody.required where the contract refuses an absent body. The extensions
                 stay. What has no OpenAPI form (warnings, a header's prefix and shape) is listed on stderr.

Examples:
  reqprobe contract export --json-schema > hss-body.schema.json
  reqprobe contract export --json-schema --enable scan-scope-combinations
  reqprobe contract export --openapi > hss.openapi.json
  reqprobe contract export --openapi --contract my-api.openapi.json)";

constexpr const char* kCheckFooter =
    R"(What is printed: whether the document loads, then each operation (method, path, operationId, base paths from
servers) with what its requests are checked for - every parameter with its type and style, the credentials its
security requirements accept, each request body media type and how it is read - and what is skipped (media types
checked for presence and size only, responses). Then every error and warning as file:line:column: JSON Pointer:
message. Warnings are what loads but deserves a look: an ignored keyword, a keyword of another JSON Schema
dialect, a header parameter OpenAPI says to ignore.

--format json prints one object: {"document","loads","strict","operations":[{"method","path","operationId",
"base_paths","parameters":[{"name","in","required","type","style","explode","content"}],"bodies":[{"media_type",
"checked"}],"body_required","checks","skips"}],"errors":[{"source","line","column","pointer","message"}],
"warnings":[...]}.

Exit codes: 0 the document loads (warnings allowed), 2 it does not, or it cannot be read.

Examples:
  reqprobe contract check --contract openapi.yaml
  reqprobe contract check --contract openapi.json --format json | jq '.operations[] | .method + " " + .path'
  reqprobe contract check   (the embedded HSS contract))";

}  // namespace

ContractCommands add_contract_command(CLI::App& app, ContractExportOptions& options,
                                      ContractCheckOptions& check_options) {
  CLI::App* contract =
      app.add_subcommand("contract", "Check a contract, or export it (see: reqprobe contract check --help)");
  // Its own footer: a subcommand inherits its parent's, which lists other commands' examples and exit codes.
  contract->footer(R"(Subcommands:
  check    load a document and list its operations, what is checked and skipped, and every warning and error
  export   print the contract for other tools: --json-schema (the request body) or --openapi

Examples:
  reqprobe contract check --contract openapi.yaml
  reqprobe contract export --json-schema > hss-body.schema.json
  reqprobe contract export --openapi > hss.openapi.json)");
  contract->require_subcommand(1);
  CLI::App* check =
      contract->add_subcommand("check", "Load a contract and say what reqprobe checks, skips, warns about or refuses");
  check->footer(kCheckFooter);
  add_contract_options(*check, check_options.contract);
  check->add_option("--format", check_options.format, "Output format: text or json (default text)")
      ->check(CLI::IsMember({"text", "json"}));
  CLI::App* command = contract->add_subcommand("export", "Print the contract for other tools, to standard output");
  command->footer(kExportFooter);
  add_contract_options(*command, options.contract);
  CLI::Option* json_schema =
      command->add_flag("--json-schema", options.json_schema, "Print a draft-07 JSON Schema of the request body");
  CLI::Option* openapi =
      command->add_flag("--openapi", options.openapi, "Print the contract as a standard OpenAPI 3.0 document");
  json_schema->excludes(openapi);
  return {command, check};
}

int run_contract_export(const ContractExportOptions& options, std::ostream& out, std::ostream& err) {
  if (!options.json_schema && !options.openapi) {
    err << "reqprobe: contract export needs --json-schema or --openapi\nRun with --help for more information.\n";
    return kExitError;
  }
  std::optional<LoadedContract> loaded = load_chosen_contract(options.contract, err);
  if (!loaded) return kExitError;
  if (options.openapi) {
    const OpenApiExport exported = export_openapi(*loaded->contract, loaded->text);
    if (!exported.ok()) {
      err << "reqprobe: " << exported.error << "\n";
      return kExitError;
    }
    for (const std::string& note : exported.notes) err << "reqprobe: not expressed in OpenAPI: " << note << "\n";
    out << exported.text;
  } else {
    out << export_json_schema(*loaded->contract) << "\n";
  }
  return kExitOk;
}

}  // namespace reqprobe::cli
