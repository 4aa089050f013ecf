// `reqprobe validate`: case files (or raw bodies) against a contract, as text or JSON, optionally checking each
// case's `expect`.
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "contract_source.h"

namespace reqprobe::cli {

/// Everything `validate` reads from the command line.
struct ValidateOptions {
  ContractChoice contract;
  std::string format = "text";  ///< "text" or "json"
  bool fail_fast = false;       ///< verdicts only, fastest
  bool unknown_as_warning = false;
  bool check_expect = false;  ///< compare each case's `expect` with what is reported
  bool bodies = false;        ///< inputs are raw JSON bodies, validated against the body schema alone
  SchemaChoice schema;        ///< --schema FILE: inputs are JSON instances of a bare JSON Schema
  std::vector<std::string> inputs;
};

/// Registers the `validate` subcommand, its flags and its help text on `app`.
CLI::App* add_validate_command(CLI::App& app, ValidateOptions& options);

/// Runs `validate`; returns the exit code (0 all valid or all expectations met, 1 invalid or not met, 2 error).
[[nodiscard]] int run_validate(const ValidateOptions& options, std::ostream& out, std::ostream& err);

}  // namespace reqprobe::cli
