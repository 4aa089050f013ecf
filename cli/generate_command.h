// `reqprobe generate`: write the contract's boundary and negative case suite, with computed expectations.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <ostream>
#include <string>

#include "contract_source.h"
#include "operation_selection.h"

namespace reqprobe::cli {

/// Everything `generate` reads from the command line.
struct GenerateOptions {
  ContractChoice contract;
  std::string out;           ///< the suite directory
  std::uint64_t seed = 1;    ///< same contract + seed = byte-identical suite
  gen::Selection selection;  ///< --operation/--path/--method/--tag and their --exclude- forms
  bool verbose = false;      ///< --verbose: list what was not generated and why
};

/// Adds --operation ID, --path GLOB, --method M, --tag T and their --exclude- forms (each repeatable) to a command.
void add_selection_options(CLI::App& command, gen::Selection& selection);

/// Registers the `generate` subcommand on `app`.
CLI::App* add_generate_command(CLI::App& app, GenerateOptions& options);

/// Runs `generate`; returns 0, 1 when the generator reports defects (a case whose target the validator does
/// not report), or 2 for usage, I/O and contract errors.
[[nodiscard]] int run_generate(const GenerateOptions& options, std::ostream& out, std::ostream& err);

}  // namespace reqprobe::cli
