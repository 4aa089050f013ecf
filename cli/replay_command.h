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
#include "replay_run.h"

namespace reqprobe::cli {

/// Everything `replay` reads from the command line (probe reads the same, minus the case files).
struct ReplayCommandOptions {
  ContractChoice contract;
  std::string target;
  std::vector<std::string> inputs;
  std::size_t concurrency = 16;
  std::size_t client_threads = 2;
  double rate = 0;
  long timeout_ms = 10000;
  int retries = 3;
  bool retry_after_send = false;
  std::size_t max_dead = 10;
  std::vector<std::string> credentials;  ///< --credential NAME=SOURCE, repeatable
  std::string token_env;
  std::string token_file;
  std::string ak_env;
  std::string sk_env;
  bool insecure = false;
  std::string only;
  bool allow_valid_remote = false;
  std::string report;
  std::string junit;
  std::string sarif;
  std::string resume;
  std::size_t repeat = 1;
  std::size_t show_findings = 20;
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
