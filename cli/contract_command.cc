#include "contract_command.h"

#include "exit_codes.h"
#include "reqprobe/json_schema_export.h"

namespace reqprobe::cli {
namespace {

constexpr const char* kExportFooter = R"(What is printed:
  --json-schema  a draft-07 JSON Schema of the request body, built from the compiled contract: explicit integer
                 bounds (int32/int64 ranges included), enums (with --enable, the accepted mask combinations too),
                 cross-field rules of severity error as anyOf/not. Warnings and safety limits are left out (the
                 schema's $comment says which). Draft-04 validators read it the same way.
  --openapi      the contract's OpenAPI 3.0 text, byte for byte (after checking that it loads).

Examples:
  reqprobe contract export --json-schema > hss-body.schema.json
  reqprobe contract export --json-schema --enable scan-scope-combinations
  reqprobe contract export --openapi > hss.openapi.json
  reqprobe contract export --openapi --contract my-api.openapi.json)";

}  // namespace

CLI::App* add_contract_command(CLI::App& app, ContractExportOptions& options) {
  CLI::App* contract = app.add_subcommand("contract", "Work with the contract (see: reqprobe contract export --help)");
  contract->require_subcommand(1);
  CLI::App* command = contract->add_subcommand("export", "Print the contract for other tools, to standard output");
  command->footer(kExportFooter);
  add_contract_options(*command, options.contract);
  CLI::Option* json_schema =
      command->add_flag("--json-schema", options.json_schema, "Print a draft-07 JSON Schema of the request body");
  CLI::Option* openapi = command->add_flag("--openapi", options.openapi, "Print the OpenAPI 3.0 contract text");
  json_schema->excludes(openapi);
  return command;
}

int run_contract_export(const ContractExportOptions& options, std::ostream& out, std::ostream& err) {
  if (!options.json_schema && !options.openapi) {
    err << "reqprobe: contract export needs --json-schema or --openapi\nRun with --help for more information.\n";
    return kExitError;
  }
  std::optional<LoadedContract> loaded = load_chosen_contract(options.contract, err);
  if (!loaded) return kExitError;
  if (options.openapi) {
    out << loaded->text;
  } else {
    out << export_json_schema(*loaded->contract) << "\n";
  }
  return kExitOk;
}

}  // namespace reqprobe::cli
