// What `probe` and `fuzz` both do before sending anything: load the contract, generate its case suite for the
// selection (in memory), write down the suite's manifest for the HTML report, and, without --target, start the
// embedded mock in this process on a free loopback port (with --defect, a buggy one).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "contract_source.h"
#include "generator.h"
#include "mock_server.h"
#include "operation_selection.h"
#include "replay_run.h"

namespace reqprobe::cli {

struct SuiteRun {
  LoadedContract loaded;
  gen::Suite suite;
  replay::Manifest manifest;
  std::unique_ptr<replay::MockServer> mock;  ///< running when the run has no --target
  ~SuiteRun();
  SuiteRun() = default;
  SuiteRun(SuiteRun&&) = default;
  SuiteRun& operator=(SuiteRun&&) = default;
};

/// Loads, generates and (when `target` is empty) starts the mock, setting `target` to it. Prints "reqprobe: ..." on
/// `err` and returns nullopt on any failure (the caller exits 2).
[[nodiscard]] std::optional<SuiteRun> start_suite_run(const ContractChoice& contract, std::uint64_t seed,
                                                      const gen::Selection& selection,
                                                      const std::vector<std::string>& defects, std::string& target,
                                                      std::ostream& err);

}  // namespace reqprobe::cli
