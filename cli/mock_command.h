// `reqprobe mock`: serve the contract like the real service on loopback, optionally with defects.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "contract_source.h"
#include "operation_selection.h"

namespace reqprobe::cli {

/// Everything `mock` reads from the command line.
struct MockOptions {
  ContractChoice contract;
  std::string listen = "127.0.0.1:8080";
  std::vector<std::string> defects;
  gen::Selection selection;  ///< --operation, --path, --method, --tag and their --exclude- forms
  std::size_t threads = 0;   ///< event loops; 0: four per CPU, at most 64
  std::size_t max_connections = 1024;
  std::size_t max_head_bytes = 1024 * 1024;
  int head_timeout_ms = 10000;
  int body_timeout_ms = 30000;
  int idle_timeout_ms = 5000;
  int slow_ms = 200;
  int hang_ms = 2000;
  bool allow_remote_listen = false;
};

/// Registers the `mock` subcommand on `app`.
CLI::App* add_mock_command(CLI::App& app, MockOptions& options);

/// Runs the mock until SIGINT or SIGTERM; returns 0, or 2 for usage, contract or listen errors.
[[nodiscard]] int run_mock(const MockOptions& options, std::ostream& out, std::ostream& err);

}  // namespace reqprobe::cli
