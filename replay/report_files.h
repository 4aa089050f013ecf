// The report files of a run. The JSONL report is written line by line and flushed as each case finishes, so an
// interrupted run or a dying endpoint loses nothing; JUnit and SARIF are whole documents, written when the run
// ends (a SIGINT ends it too). Every byte goes through the Redactor.
#pragma once

#include <cstdio>
#include <span>
#include <string>
#include <vector>

#include "case_result.h"
#include "redactor.h"

namespace reqprobe::replay {

/// --report FILE: one JSON line per case. Each line passes through the Redactor it was opened with.
class JsonlReport {
 public:
  JsonlReport() = default;
  ~JsonlReport();
  JsonlReport(const JsonlReport&) = delete;
  JsonlReport& operator=(const JsonlReport&) = delete;

  /// Opens `path`, appending when `append` (a --resume of the same file). False with `error` on failure.
  [[nodiscard]] bool open(const std::string& path, bool append, const Redactor& redactor, std::string& error);
  /// Writes one line and flushes it. False once a write has failed.
  bool write(const CaseResult& result);
  /// Writes a line as it is (a resumed report's line), then a newline.
  bool write_line(std::string_view text);
  [[nodiscard]] bool is_open() const noexcept { return file_ != nullptr; }

 private:
  std::FILE* file_ = nullptr;
  const Redactor* redactor_ = nullptr;
  bool failed_ = false;
};

/// A line of a JSONL report, read back for --resume: the result, and the line as it was written.
struct ReportLine {
  CaseResult result;
  std::string text;  ///< without the newline
};

/// Now in UTC, ISO 8601 to the second ("2026-12-01T06:30:00Z"): when a report says its run started.
[[nodiscard]] std::string utc_timestamp();

/// Replaces `path` with `text` atomically (a temporary file beside it, then a rename). False with `error`.
[[nodiscard]] bool write_whole_file(const std::string& path, const std::string& text, std::string& error);

/// The whole content of a file (a credential, --expect-statuses). False with `error` ("cannot read PATH").
[[nodiscard]] bool read_whole_file(const std::string& path, std::string& text, std::string& error);

/// Reads a JSONL report for --resume. False with `error` when the file cannot be read; lines that are not results
/// (a line cut short by a crash, a line of an older format, a hostile line) are skipped and counted in `skipped`.
[[nodiscard]] bool read_jsonl_report(const std::string& path, std::vector<ReportLine>& out, std::size_t& skipped,
                                     std::string& error);

/// Replaces `path` with these lines, atomically: a temporary file in the same directory, then a rename, so an
/// interruption leaves the old report or the new one, never a mix.
[[nodiscard]] bool rewrite_jsonl_report(const std::string& path, std::span<const ReportLine> lines, std::string& error);

/// --junit FILE: one <testcase> per case; findings are <failure> (or <error> for timeouts and transport errors),
/// cases not sent are <skipped> with the reason.
[[nodiscard]] bool write_junit(const std::string& path, std::span<const CaseResult> results, double seconds,
                               const Redactor& redactor, std::string& error);

/// --sarif FILE: SARIF 2.1.0, one rule per outcome but ok, one result per finding (level error, or warning for no
/// answer) located at the case file, and one result per case not sent (kind notApplicable, level none).
[[nodiscard]] bool write_sarif(const std::string& path, std::span<const CaseResult> results, std::string_view version,
                               const Redactor& redactor, std::string& error);

}  // namespace reqprobe::replay
