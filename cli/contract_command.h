// `reqprobe contract export --json-schema|--openapi`: the contract in forms other tools read.
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>

#include "contract_source.h"

namespace reqprobe::cli {

/// Everything `contract export` reads from the command line.
struct ContractExportOptions {
  ContractChoice contract;
  bool json_schema = false;  ///< draft-07 JSON Schema of the body, from the compiled plan
  bool openapi = false;      ///< the contract's OpenAPI text, byte for byte
};

/// Registers `contract` and its `export` subcommand on `app`; returns the `export` subcommand.
CLI::App* add_contract_command(CLI::App& app, ContractExportOptions& options);

/// Runs `contract export`; returns the exit code (0, or 2 for a usage or contract error).
[[nodiscard]] int run_contract_export(const ContractExportOptions& options, std::ostream& out, std::ostream& err);

}  // namespace reqprobe::cli
