// `reqprobe probe`: generate the contract's case suite in memory, then replay it against --target, or against the
// mock started in-process on a free loopback port.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "operation_selection.h"
#include "replay_command.h"

namespace reqprobe::cli {

/// Everything `probe` reads from the command line.
struct ProbeOptions {
  ReplayCommandOptions replay;
  std::uint64_t seed = 1;
  std::vector<std::string> defects;  ///< for the in-process mock (no --target)
  gen::Selection selection;          ///< the operations to generate cases for (all when empty)
};

/// Registers the `probe` subcommand on `app`.
CLI::App* add_probe_command(CLI::App& app, ProbeOptions& options);

/// Runs `probe`; exit codes as replay's.
[[nodiscard]] int run_probe(const ProbeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace reqprobe::cli
