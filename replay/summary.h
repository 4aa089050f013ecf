// What a run prints: a progress bar on stderr (only when stderr is a terminal) and the summary table on stdout.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <ostream>
#include <span>
#include <string>

#include "case_result.h"

namespace reqprobe::replay {

struct RunSummary {
  std::string target;
  std::size_t concurrency = 0;
  double seconds = 0;
  std::uint64_t tries = 0;                           ///< requests sent, retries included
  std::uint64_t retried = 0;                         ///< of which retries
  std::size_t resumed = 0;                           ///< results taken from --resume
  std::size_t resent = 0;                            ///< of the resumed report's cases, those sent again (no answer)
  std::size_t not_sent = 0;                          ///< cases of this run that HTTP/1.1 cannot carry as written
  std::size_t not_run = 0;                           ///< cases an interruption or a dead endpoint left unsent
  std::string not_run_reason = "interrupted";        ///< why they were left unsent
  std::string bodies;                                ///< where reproduction bodies were written, when any were
  std::array<std::size_t, kOutcomeCount> valid{};    ///< per outcome, valid cases
  std::array<std::size_t, kOutcomeCount> invalid{};  ///< per outcome, invalid cases
  struct PerOperation {
    std::size_t cases = 0;
    std::size_t findings = 0;
  };
  std::map<std::string, PerOperation> operations;  ///< by the name of the operation cases route to ("": none)

  void count(const CaseResult& result);
  [[nodiscard]] std::size_t cases() const noexcept;
  /// Every case but ok and not-sent.
  [[nodiscard]] std::size_t findings() const noexcept;
};

/// The table: one row per outcome with valid, invalid and total columns, then totals and throughput.
[[nodiscard]] std::string summary_table(const RunSummary& summary);

/// A one-line progress bar redrawn in place at most ten times a second.
class ProgressBar {
 public:
  ProgressBar(std::ostream& err, std::size_t total, bool enabled);
  void update(std::size_t done, std::size_t findings);
  /// Clears the line.
  void finish();

 private:
  std::ostream& err_;
  std::size_t total_;
  bool enabled_;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace reqprobe::replay
