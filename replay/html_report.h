// --html FILE: one self-contained HTML page for a probe, replay or fuzz run (no network, no external script or
// style): the run's parameters, outcome counts per operation, the findings (fuzz: one bucket each, with its
// smallest reproducer), each constraint's two sides covered or not (when the run knows the suite's manifest), and
// the latency distribution as an inline SVG chart. Every text from a case or an endpoint is HTML-escaped, and the
// whole page passes through the run's Redactor before it is written.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "case_result.h"
#include "redactor.h"

namespace reqprobe::replay {

/// A fuzz bucket: one distinct problem, however many mutants hit it.
struct HtmlBucket {
  std::string key;        ///< the bucket's key as printed, e.g. "addPet accepted-invalid type /tags/* 200"
  std::size_t hits = 0;   ///< mutants that landed in it
  CaseResult reproducer;  ///< its smallest reproducer (reproducer.reproduce is the curl command)
  std::string case_file;  ///< the reproducer's case file as written ("" when none was written)
};

/// One constraint of the suite's manifest and the cases sent on each side of it.
struct HtmlConstraint {
  std::string constraint;        ///< e.g. "addPet.body:/name:maxLength"
  std::size_t valid_sent = 0;    ///< cases on the valid side that were sent and answered
  std::size_t invalid_sent = 0;  ///< cases on the invalid side that were sent and answered
  std::size_t findings = 0;      ///< of those, findings
};

struct HtmlReportInput {
  std::string command;  ///< "probe", "replay" or "fuzz"
  std::string version;  ///< reqprobe's version
  std::string started;  ///< UTC time the run started, ISO 8601
  double seconds = 0;   ///< the run's duration
  /// The run's parameters as shown (target, seed, options), in order. Values are redacted by the page's Redactor.
  std::vector<std::pair<std::string, std::string>> parameters;
  std::span<const CaseResult> results;      ///< every case of the run (fuzz: the mutants sent), operation filled
  std::vector<HtmlBucket> buckets;          ///< fuzz only
  std::vector<HtmlConstraint> constraints;  ///< empty: the run had no manifest (the section says so)
};

/// Findings (fuzz: buckets) shown at most: the rest are counted in one line that points to the JSONL report, so a
/// run with a million findings still gives a page a browser opens.
inline constexpr std::size_t kHtmlMaxFindings = 500;

/// Bytes of one field shown at most (an id, a target, a detail; a curl command gets kHtmlMaxCommand): an endpoint
/// that echoes a megabyte body into its error message would otherwise fill the page. The cut is marked.
inline constexpr std::size_t kHtmlMaxField = 2048;
inline constexpr std::size_t kHtmlMaxCommand = 16 * 1024;

/// The sentence the coverage section shows when the run had no manifest.
inline constexpr std::string_view kHtmlNoManifest =
    "This run had no manifest, so which sides of which constraints were covered is not known.";

/// The page. Deterministic for the same input (no time read here), so tests can compare parts of it.
[[nodiscard]] std::string render_html_report(const HtmlReportInput& input);

/// Renders, redacts and writes the page to `path` (through PATH.tmp and a rename, so a reader never sees half a
/// page). Each field is redacted before it is escaped (a secret holding & or < would not match the escaped page),
/// then the whole page. False with `error` "cannot write PATH: reason" (the temporary file removed).
[[nodiscard]] bool write_html_report(const std::string& path, const HtmlReportInput& input, const Redactor& redactor,
                                     std::string& error);

}  // namespace reqprobe::replay
