// `reqprobe fuzz`: a time-boxed mutation campaign against an endpoint (replay/fuzz_campaign.h), started from the
// generated suite; against the embedded mock, in this process, when there is no --target.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "operation_selection.h"
#include "replay_command.h"

namespace reqprobe::cli {

struct FuzzCommandOptions {
  ReplayCommandOptions replay;
  std::uint64_t seed = 1;
  std::string duration;                    ///< "90", "90s", "10m", "1h"
  CLI::Option* duration_option = nullptr;  ///< tells --duration= (refused) from no --duration
  std::uint64_t requests = 0;
  std::string out = "reqprobe-fuzz";
  std::size_t batch = 64;
  double valid_share = 0.25;
  std::size_t shrink_sends = 48;
  std::vector<std::string> defects;
  gen::Selection selection;
};

CLI::App* add_fuzz_command(CLI::App& app, FuzzCommandOptions& options);

/// Seconds in "90", "90s", "10m", "1.5h": decimal digits with at most one '.', then s (or nothing), m or h; more
/// than 0 and at most 30 days. False for anything else (signs, spaces, exponents, hex, inf, nan).
[[nodiscard]] bool parse_duration(const std::string& text, double& seconds);

/// Exit codes as replay's: 0 no buckets, 1 buckets, 2 usage, I/O or contract error, interrupted, dead endpoint.
[[nodiscard]] int run_fuzz_command(const FuzzCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace reqprobe::cli
