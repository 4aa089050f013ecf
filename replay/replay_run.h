// One replay run, end to end: prepare the cases, refuse what must not be sent, send them, classify every answer,
// and write the summary and the reports. Used by `reqprobe replay` and `reqprobe probe`.
//
// Everything it prints or writes is redacted (the run's credentials and every case's own credential values) and
// escaped (printable_text.h on the terminal, json_quote and xml_escape in the reports).
//
//     reqprobe::replay::ReplayOptions options;
//     options.target = "http://127.0.0.1:8080";
//     reqprobe::replay::ReplayRun run = reqprobe::replay::run_replay(contract, inputs, options, std::cout,
//                                                                    std::cerr, stop_flag);
//     return run.exit_code;   // 0 no findings, 1 findings, 2 errors (or interrupted)
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "case_result.h"
#include "constraint_coverage.h"
#include "credentials.h"
#include "http_client.h"
#include "reqprobe/case_file.h"
#include "reqprobe/validator.h"
#include "status_overrides.h"

namespace reqprobe::replay {

/// A case and where it came from (a file path, or empty for generated cases).
struct ReplayInput {
  Case kase;
  std::string source;
};

struct ReplayOptions {
  std::string target;  ///< --target URL
  /// How cases are sent (concurrency, client threads, rate, timeout, retries, TLS): handed to HttpClient as they
  /// are, `client.target` filled from `target` by run_replay.
  ClientOptions client;
  std::size_t max_dead =
      10;  ///< stop after this many cases in a row got no answer (timeout, transport error); 0: never
  Credentials credentials;
  ValidatorOptions validator;
  std::string only;  ///< "", "valid" or "invalid"
  bool allow_valid_remote = false;
  bool check_errors = false;  ///< --check-errors: 4xx answers held to their documented responses too
  StatusOverrides expect_statuses;
  /// Only cases that route to these operations (indices into the plan's) are sent: replay's selection options.
  std::optional<std::vector<std::uint32_t>>
      operations;      ///< --expect-statuses FILE: statuses by violation class and operation
  std::string report;  ///< --report FILE (JSONL)
  std::string junit;
  std::string sarif;
  std::string resume;      ///< --resume REPORT: cases already in it are not sent again, except those that got no answer
  std::size_t repeat = 1;  ///< send the selection this many times (throughput measurements)
  std::size_t show_findings = 20;  ///< findings printed on stdout; the reports have them all
  bool progress = false;           ///< draw the progress bar (the caller checks that stderr is a terminal)
  std::string version = "0";       ///< for SARIF
  std::string html;                ///< --html FILE: the run as one self-contained page (html_report.h)
  Manifest manifest;               ///< the suite's constraints, for the page's coverage table (may be empty)
};

struct ReplayRun {
  int exit_code = 2;
  std::vector<CaseResult> results;  ///< resumed ones first, then the cases not sent, then in completion order
  std::size_t not_run = 0;          ///< left unsent by an interruption or a dead endpoint
  std::size_t not_sent = 0;         ///< cases HTTP/1.1 cannot carry as written (outcome not-sent)
  std::size_t resent = 0;           ///< cases of the resumed report that got no answer there, sent again
  bool interrupted = false;         ///< by `stop`
  bool endpoint_dead = false;       ///< stopped after max_dead cases in a row got no answer
  std::string last_answered;        ///< id of the last case that got an answer, in completion order
  std::string bodies;               ///< the directory reproduction bodies were written to, when any were
  std::uint64_t tries = 0;
  std::uint64_t retried = 0;
  double seconds = 0;
};

/// Runs a replay. Every message goes to `out` (summary, findings) or `err` (errors, progress), redacted. `stop`
/// (set from a SIGINT handler) ends the run early: what ran is still reported.
[[nodiscard]] ReplayRun run_replay(std::shared_ptr<const Contract> contract, const std::vector<ReplayInput>& inputs,
                                   const ReplayOptions& options, std::ostream& out, std::ostream& err,
                                   const std::atomic<bool>& stop);

}  // namespace reqprobe::replay
