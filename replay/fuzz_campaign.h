// `reqprobe fuzz`: a time-boxed mutation campaign against an endpoint. It sends the generated suite first (the
// coverage phase), then keeps mutating cases (generator/request_mutator.h): every mutant is judged offline by the
// validator on its exact bytes before it is sent, so its label never drifts from what went out. A mutant whose answer
// lands in a new answer bucket becomes a seed (response-driven feedback); findings are bucketed (fuzz_buckets.h),
// each bucket keeps its smallest reproducer, and at the end each reproducer is shrunk by steps that are each
// re-validated and re-sent, so the pair (expected verdict, endpoint answer) is the one that was found.
//
// Safety as in replay: valid mutants go only to loopback unless allow_valid_remote, --rate and Retry-After are
// honoured by the client, a dead endpoint stops the run, `stop` (SIGINT) ends it with everything found so far
// written, and `resume` continues from an earlier run's directory.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "fuzz_buckets.h"
#include "replay_run.h"

namespace reqprobe::replay {

struct FuzzOptions {
  /// Target, client, credentials, oracle (check_errors, expect_statuses), selection (operations), max_dead,
  /// progress, version, html, manifest; report/junit/sarif, when set, get the buckets' reproducers (they are also
  /// in out_dir).
  ReplayOptions replay;
  double duration_seconds = 0;     ///< 0: no time limit (max_requests must be set)
  std::uint64_t max_requests = 0;  ///< requests (mutants and seeds) to send; 0: no limit
  std::uint64_t seed = 1;
  std::string out_dir = "reqprobe-fuzz";  ///< buckets.json, one case file and curl command per bucket, reports
  std::string resume;                     ///< an earlier run's out_dir: its buckets and request count carry on
  std::size_t batch = 64;                 ///< mutants judged and sent per round
  double valid_share = 0.25;              ///< at most this share of a round's mutants are valid ones
  std::size_t shrink_sends = 48;          ///< requests each bucket's minimisation may send
};

struct FuzzRun {
  int exit_code = 2;
  std::vector<Bucket> buckets;
  std::uint64_t sent = 0;        ///< requests sent (seeds, mutants and shrink steps)
  std::uint64_t valid_sent = 0;  ///< of which valid
  std::uint64_t mutants = 0;     ///< mutants sent
  std::size_t seeds = 0;         ///< seeds at the end (the suite plus those feedback added)
  std::size_t answer_buckets = 0;
  bool interrupted = false;
  bool endpoint_dead = false;
  double seconds = 0;
};

/// Runs a campaign from `seeds` (the generated suite). Prints a summary and the buckets on `out`, errors and
/// progress on `err`, everything redacted; writes options.out_dir.
[[nodiscard]] FuzzRun run_fuzz(std::shared_ptr<const Contract> contract, std::vector<Case> seeds,
                               const FuzzOptions& options, std::ostream& out, std::ostream& err,
                               const std::atomic<bool>& stop);

}  // namespace reqprobe::replay
