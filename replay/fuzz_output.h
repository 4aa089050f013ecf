// What `reqprobe fuzz` leaves behind, in its --out directory, and reads back for --resume:
//   buckets.json         the run (requests sent, seed) and one entry per bucket: key, hits, files
//   bucket-NNN.json      the bucket's smallest reproducer as a case file, its `expect` computed by the validator:
//                        `reqprobe replay bucket-NNN.json` sends it again
//   bucket-NNN.sh        the same request as a curl command (credentials as shell references, never values)
//   report.jsonl, junit.xml, report.sarif   the reproducers' results, as replay writes them
// Everything passes through the run's Redactor. Files are replaced atomically where replay's writers do so.
#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "fuzz_campaign.h"
#include "target_url.h"

namespace reqprobe::replay {

/// An earlier run's buckets and how many requests it had made (the mutation counter carries on from there).
struct FuzzState {
  std::vector<Bucket> buckets;
  std::uint64_t requests = 0;
};

/// Reads buckets.json, the case files it names and report.jsonl. False with `error` when the directory is not a
/// fuzz run's (or a file it names is missing or malformed).
[[nodiscard]] bool read_fuzz_dir(const std::string& dir, FuzzState& out, std::string& error);

struct FuzzReportContext {
  std::shared_ptr<const Contract> contract;
  const FuzzOptions& options;
  const TargetUrl& target;
  const Redactor& redactor;
  std::span<const CaseResult> results;  ///< the run's results (findings whole, others trimmed), for --html
  std::uint64_t requests = 0;           ///< requests of this run and the resumed ones
};

/// Writes the out directory, the reports and the HTML page, then prints the summary and the buckets on `out`.
/// False when a file could not be written (said on `err`).
[[nodiscard]] bool write_fuzz_outputs(const FuzzRun& run, const FuzzReportContext& context, std::ostream& out,
                                      std::ostream& err);

}  // namespace reqprobe::replay
