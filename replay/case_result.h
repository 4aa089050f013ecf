// The outcome of one case, as every report writes it (one JSONL line, one JUnit testcase, one SARIF result per
// finding), and as --resume reads it back.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "outcome.h"
#include "redactor.h"

namespace reqprobe::replay {

struct CaseResult {
  std::string id;
  std::string source;  ///< case file, empty for generated cases
  std::string method;
  std::string target;
  bool expected_valid = true;
  std::string expected;                          ///< "2xx" or e.g. "400 HSS.0001"
  std::vector<std::string> expected_violations;  ///< "code location pointer" of each error
  Outcome outcome = Outcome::ok;
  std::string detail;
  int status = 0;  ///< 0: no answer
  std::string error_code;
  std::string request_id;
  int attempts = 0;
  double start_ms = 0, connect_ms = 0, ttfb_ms = 0, total_ms = 0;
  std::string reproduce;  ///< findings only: a curl command, credentials never included
  std::string operation;  ///< where the request routes (PreparedCase::operation); not in the reports' lines
};

/// Deepest report line --resume parses: jsonl_line() writes depth 3 (the expected violations), and a line nested
/// deeper is not one of its lines.
inline constexpr std::size_t kMaxReportLineDepth = 8;

/// The result of a case from what it was and what happened.
[[nodiscard]] CaseResult make_result(const PreparedCase& kase, const Exchange& exchange,
                                     const Classification& classification);

/// Every text field of the result with the secrets replaced: done before any report or output sees it, so no
/// credential reaches a file or a terminal, whatever field an endpoint echoed it into. The id and the file are kept:
/// they name the case (--resume matches ids), and a case value that is an ordinary word ("malformed") would
/// otherwise cut them apart.
void redact(CaseResult& result, const Redactor& redactor);

/// One JSON object on one line (no newline):
/// {"id","file","outcome","finding","method","target","expected":{"verdict","status","error_code","violations"},
///  "actual":{"status","error_code","request_id"},"detail","attempts","timings_ms":{"start","connect","ttfb",
///  "total"},"reproduce"}
[[nodiscard]] std::string jsonl_line(const CaseResult& result);

/// Reads a line jsonl_line() wrote; nullopt for anything else, a line nested deeper than kMaxReportLineDepth
/// included (it is refused before parsing, whatever its length).
[[nodiscard]] std::optional<CaseResult> parse_jsonl_line(std::string_view line);

}  // namespace reqprobe::replay
