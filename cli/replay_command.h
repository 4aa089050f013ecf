// `reqprobe replay`: send case files to an endpoint and report where its answers differ from the contract's. The
// options are shared with `reqprobe probe`.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "contract_source.h"
#include "operation_selection.h"
#include "replay_run.h"

namespace reqprobe::cli {

/// Everything `replay` reads from the command line (probe reads the same, minus the case files).
struct ReplayCommandOptions {
  ContractChoice contract;
  std::vector<std::string> inputs;
  /// Options bound straight into the run's own (one home: replay, probe and what comes next share it).
  replay::ReplayOptions run;
  // What the command line says in its own terms, turned into `run` by replay_options():
  long timeout_ms = 10000;
  std::vector<std::string> credentials;  ///< --credential NAME=SOURCE, repeatable
  std::string expect_statuses;           ///< --expect-statuses FILE
  gen::Selection selection;  ///< replay only: the cases of these operations (probe selects when it generates)
  std::string token_env;
  std::string token_file;
  std::string ak_env;
  std::string sk_env;
  bool no_progress = false;
};

/// Registers the `replay` subcommand on `app`.
CLI::App* add_replay_command(CLI::App& app, ReplayCommandOptions& options);

/// Adds the sending, credential and report options shared by replay and probe (not --target, not the cases).
void add_replay_options(CLI::App& command, ReplayCommandOptions& options);

/// The run options from the command line, credentials read from the environment or files. On failure prints
/// "reqprobe: ..." to `err` and returns nullopt (the caller exits 2).
[[nodiscard]] std::optional<replay::ReplayOptions> replay_options(const ReplayCommandOptions& options,
                                                                  std::ostream& err);

/// Runs `replay`; returns 0 no findings, 1 findings, 2 usage, I/O, contract errors or an interruption.
[[nodiscard]] int run_replay_command(const ReplayCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace reqprobe::cli
