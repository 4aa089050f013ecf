// The report files of a run. The JSONL report is written line by line and flushed as each case finishes, so an
// interrupted run or a dying endpoint loses nothing; JUnit and SARIF are whole documents, written when the run
// ends (a SIGINT ends it too). Every byte goes through the Redactor.
#pragma once

#include <cstdio>
#include <span>
#include <string>

#include "case_result.h"
#include "redactor.h"

namespace reqprobe::replay {

/// --report FILE: one JSON line per case.
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
  [[nodiscard]] bool is_open() const noexcept { return file_ != nullptr; }

 private:
  std::FILE* file_ = nullptr;
  const Redactor* redactor_ = nullptr;
  bool failed_ = false;
};

/// Reads a JSONL report for --resume. False with `error` when the file cannot be read; lines that are not results
/// (a line cut short by a crash) are skipped and counted in `skipped`.
[[nodiscard]] bool read_jsonl_report(const std::string& path, std::vector<CaseResult>& out, std::size_t& skipped,
                                     std::string& error);

/// --junit FILE: one <testcase> per case; findings are <failure> (or <error> for timeouts and transport errors).
[[nodiscard]] bool write_junit(const std::string& path, std::span<const CaseResult> results, double seconds,
                               const Redactor& redactor, std::string& error);

/// --sarif FILE: SARIF 2.1.0, one rule per kind of finding and one result per finding, located at the case file.
[[nodiscard]] bool write_sarif(const std::string& path, std::span<const CaseResult> results, std::string_view version,
                               const Redactor& redactor, std::string& error);

}  // namespace reqprobe::replay
