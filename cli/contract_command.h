// `reqprobe contract export --json-schema|--openapi`: the contract in forms other tools read; and `reqprobe contract
// check` (contract_check.h): what reqprobe makes of a document.
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>

#include "contract_check.h"
#include "contract_source.h"

namespace reqprobe::cli {

/// Everything `contract export` reads from the command line.
struct ContractExportOptions {
  ContractChoice contract;
  bool json_schema = false;  ///< draft-07 JSON Schema of the body, from the compiled plan
  bool openapi = false;      ///< the contract as a standard OpenAPI 3.0 document
};

/// The subcommands of `contract`, to tell which one was parsed.
struct ContractCommands {
  CLI::App* export_command = nullptr;
  CLI::App* check_command = nullptr;
};

/// Registers `contract` with its `export` and `check` subcommands on `app`.
ContractCommands add_contract_command(CLI::App& app, ContractExportOptions& export_options,
                                      ContractCheckOptions& check_options);

/// Runs `contract export`; returns the exit code (0, or 2 for a usage or contract error).
[[nodiscard]] int run_contract_export(const ContractExportOptions& options, std::ostream& out, std::ostream& err);

}  // namespace reqprobe::cli
