#include "summary.h"

#include <algorithm>
#include <cstdio>
#include <utility>
#include <vector>

#include "printable_text.h"

namespace reqprobe::replay {

void RunSummary::count(const CaseResult& result) {
  ++(result.expected_valid ? valid : invalid)[static_cast<std::size_t>(result.outcome)];
  PerOperation& op = operations[result.operation];  // "": routes to no operation (a wrong path or method)
  ++op.cases;
  if (is_finding(result.outcome)) ++op.findings;
}

std::size_t RunSummary::cases() const noexcept {
  std::size_t total = 0;
  for (std::size_t i = 0; i < kOutcomeCount; ++i) total += valid[i] + invalid[i];
  return total;
}

std::size_t RunSummary::findings() const noexcept {
  std::size_t findings = 0;
  for (std::size_t i = 0; i < kOutcomeCount; ++i)
    if (is_finding(static_cast<Outcome>(i))) findings += valid[i] + invalid[i];
  return findings;
}

std::string summary_table(const RunSummary& s) {
  std::string out;
  char line[256];
  const double rate = s.seconds > 0 ? static_cast<double>(s.tries) / s.seconds : 0;
  out += "replayed " + std::to_string(s.cases() - s.resumed - s.not_sent) + " cases against " + s.target;
  std::snprintf(line, sizeof line, " in %.2f s: %llu requests (%llu retries), %.0f requests/s, concurrency %zu\n",
                s.seconds, static_cast<unsigned long long>(s.tries), static_cast<unsigned long long>(s.retried), rate,
                s.concurrency);
  out += line;
  if (s.resumed > 0) {
    std::snprintf(line, sizeof line, "plus %zu cases already in the resumed report\n", s.resumed);
    out += line;
  }
  if (s.not_sent > 0) {
    std::snprintf(line, sizeof line, "not sent: %zu cases HTTP/1.1 cannot carry as written (outcome not-sent)\n",
                  s.not_sent);
    out += line;
  }
  if (s.resent > 0) {
    std::snprintf(line, sizeof line, "(%zu cases of the resumed report got no answer there: sent again)\n", s.resent);
    out += line;
  }
  if (s.operations.size() - s.operations.count("") > 1) {  // a whole document: where the findings are
    // Names come from the document: escaped, so none can start a line or move the cursor.
    std::vector<std::pair<std::string, RunSummary::PerOperation>> rows;
    for (const auto& [name, counts] : s.operations) {
      const std::string printable = name.empty() ? "(no operation)" : printable_text(name);
      rows.emplace_back(printable.size() > 60 ? printable.substr(0, 57) + "..." : printable, counts);
    }
    std::size_t width = 9;
    for (const auto& row : rows) width = std::max(width, row.first.size());
    out += "  " + std::string("operation") + std::string(width - 9, ' ') + "   cases  findings\n";
    for (const auto& [shown, counts] : rows) {
      std::snprintf(line, sizeof line, " %7zu %9zu\n", counts.cases, counts.findings);
      out += "  " + shown + std::string(width - shown.size(), ' ') + line;
    }
  }
  std::snprintf(line, sizeof line, "  %-24s %7s %8s %7s\n", "outcome", "valid", "invalid", "total");
  out += line;
  std::size_t valid_total = 0, invalid_total = 0;
  for (std::size_t i = 0; i < kOutcomeCount; ++i) {
    const std::string name(outcome_name(static_cast<Outcome>(i)));
    std::snprintf(line, sizeof line, "  %-24s %7zu %8zu %7zu\n", name.c_str(), s.valid[i], s.invalid[i],
                  s.valid[i] + s.invalid[i]);
    out += line;
    valid_total += s.valid[i];
    invalid_total += s.invalid[i];
  }
  std::snprintf(line, sizeof line, "  %-24s %7zu %8zu %7zu\n", "all", valid_total, invalid_total,
                valid_total + invalid_total);
  out += line;
  if (s.not_run > 0) out += "  not run (" + s.not_run_reason + "): " + std::to_string(s.not_run) + "\n";
  if (!s.bodies.empty()) out += "request bodies of the reproductions: " + s.bodies + "\n";
  std::snprintf(line, sizeof line, "findings: %zu\n", s.findings());
  out += line;
  return out;
}

ProgressBar::ProgressBar(std::ostream& err, std::size_t total, bool enabled)
    : err_(err), total_(total), enabled_(enabled && total > 0) {}

void ProgressBar::update(std::size_t done, std::size_t findings) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (done < total_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  constexpr std::size_t kWidth = 30;
  const std::size_t filled = total_ ? done * kWidth / total_ : kWidth;
  std::string bar(filled, '#');
  bar.resize(kWidth, '.');
  char line[128];
  std::snprintf(line, sizeof line, "\r[%s] %zu/%zu cases, %zu findings", bar.c_str(), done, total_, findings);
  err_ << line << std::flush;
}

void ProgressBar::finish() {
  if (enabled_) err_ << "\r\033[K" << std::flush;
}

}  // namespace reqprobe::replay
