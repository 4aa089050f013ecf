#include "html_report.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "outcome.h"
#include "printable_text.h"
#include "report_escape.h"
#include "report_files.h"

namespace reqprobe::replay {
namespace {

using Counts = std::array<std::size_t, kOutcomeCount>;

// The page's markup is built in one string. Every text that came from a case or an endpoint goes through text():
// redacted first when a Redactor is given (a secret holding & or < no longer matches once escaped), then cut to a
// bounded length, then made printable (controls visible, as on a terminal) and escaped for HTML text and attributes
// alike (xml_escape escapes both quotes).
class Page {
 public:
  explicit Page(const Redactor* redactor) : redactor_(redactor) {}

  Page& raw(std::string_view markup) {
    out_ += markup;
    return *this;
  }
  Page& text(std::string_view field, std::size_t limit = kHtmlMaxField) {
    if (redactor_ != nullptr && !redactor_->empty()) {
      out_ += escaped(cut(redactor_->apply(field), limit));
    } else {
      out_ += escaped(cut(field, limit));
    }
    return *this;
  }
  Page& number(std::size_t value) {
    out_ += std::to_string(value);
    return *this;
  }
  // A table cell holding a count; data-v is what the sorting script compares.
  Page& count_cell(std::size_t value, bool highlighted = false) {
    raw(highlighted ? "<td class=\"num finding\" data-v=\"" : "<td class=\"num\" data-v=\"").number(value).raw("\">");
    return number(value).raw("</td>");
  }
  [[nodiscard]] std::string take() { return std::move(out_); }

 private:
  [[nodiscard]] static std::string escaped(std::string_view field) { return xml_escape(printable_text(field)); }

  // Cut on a UTF-8 boundary, with the cut said in the text.
  [[nodiscard]] static std::string cut(std::string_view field, std::size_t limit) {
    if (field.size() <= limit) return std::string(field);
    std::size_t end = limit;
    while (end > 0 && (static_cast<unsigned char>(field[end]) & 0xC0) == 0x80) --end;
    return std::string(field.substr(0, end)) + " [cut: " + std::to_string(field.size() - end) + " more bytes]";
  }

  std::string out_;
  const Redactor* redactor_;
};

// Plain data, no case text: the style and the scripts never carry anything from the run.
constexpr std::string_view kStyle = R"(<style>
:root{--finding:#fbe3e1;--finding-ink:#9b1c12;--covered:#e4f4e1;--uncovered:#fff2c9;--line:#d5d9de;--muted:#5b6470}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1200px;padding:16px 24px;color:#1d2329;background:#fff}
h1{font-size:24px;margin:8px 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid var(--line);padding-bottom:4px}
h3{font-size:15px;margin:0 0 6px}
header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:flex-start;gap:8px 32px}
.meta,.note,.more{color:var(--muted)}.more{font-style:italic}
table{border-collapse:collapse;margin:6px 0 10px}th,td{border:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f2f4f6}table.sortable thead th{cursor:pointer;user-select:none}
th[aria-sort=ascending]::after{content:" \25B2"}th[aria-sort=descending]::after{content:" \25BC"}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.finding{background:var(--finding);color:var(--finding-ink);font-weight:600}
td.covered{background:var(--covered)}td.uncovered{background:var(--uncovered)}
tfoot td,tfoot th{font-weight:700;background:#f7f8f9}
code,pre{font:12px/1.4 ui-monospace,"DejaVu Sans Mono",Menlo,monospace}
pre{white-space:pre-wrap;word-break:break-all;background:#f6f8fa;border:1px solid var(--line);padding:6px 8px;margin:4px 0;max-height:16em;overflow:auto}
.bucket{border:1px solid var(--line);border-left:4px solid var(--finding-ink);padding:8px 12px;margin:10px 0}
.bucket dl{display:grid;grid-template-columns:repeat(3,max-content minmax(0,1fr));gap:2px 10px;margin:0 0 4px}
.bucket dt{font-weight:600;color:var(--muted)}.bucket dd{margin:0;word-break:break-word}
.bucket dd.finding{background:none}.bucket dd.wide{grid-column:2/-1}
td.detail{max-width:28em;word-break:break-word}td.reproduce{max-width:34em}
#latency-chart{width:100%;max-width:960px;height:auto}svg text{font:11px system-ui,sans-serif;fill:#1d2329}svg .bar{fill:#3d7cc9}svg .axis{stroke:#1d2329}
#script-errors{background:var(--finding);color:var(--finding-ink);padding:8px;border:2px solid var(--finding-ink)}
</style>
)";

// Set before anything else runs, so even an error in the page's own script shows on the page. The id is built from
// two halves so the script's own text never matches what a test searches the DOM for.
constexpr std::string_view kErrorScript = R"(<script>
window.onerror = function (message, source, line) {
  var id = "script" + "-errors";
  var box = document.getElementById(id);
  if (!box) {
    box = document.createElement("div");
    box.id = id;
    (document.body || document.documentElement).appendChild(box);
  }
  box.appendChild(document.createTextNode("script error: " + message + " (line " + line + ") "));
};
</script>
)";

// Sortable tables: a click on a header sorts the body's rows by that column (numbers by data-v, else the text);
// a second click reverses. The footer (totals) stays put. Ends by marking the page rendered for the browser test.
constexpr std::string_view kSortScript = R"(<script>
(function () {
  function key(cell) {
    if (!cell) return "";
    var v = cell.getAttribute("data-v");
    return v !== null ? Number(v) : cell.textContent.toLowerCase();
  }
  function compare(a, b) {
    if (typeof a === "number" && typeof b === "number") return a - b;
    a = String(a);
    b = String(b);
    return a < b ? -1 : a > b ? 1 : 0;
  }
  function sortBy(table, heads, column) {
    var head = heads[column];
    var ascending = head.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
    head.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (x, y) {
      var order = compare(key(x.cells[column]), key(y.cells[column]));
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    if (!table.tHead || !table.tBodies.length) return;
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (head, column) {
      head.title = "sort by this column";
      head.addEventListener("click", function () { sortBy(table, heads, column); });
    });
  });
  document.body.dataset.rendered = "ok";
})();
</script>
)";

[[nodiscard]] std::string_view operation_label(const std::string& operation) {
  return operation.empty() ? std::string_view("(no operation)") : std::string_view(operation);
}

// "404 APIGW.0101", or "no answer" for a case the endpoint never answered.
[[nodiscard]] std::string actual_answer(const CaseResult& result) {
  if (result.status == 0) return "no answer";
  std::string answer = std::to_string(result.status);
  if (!result.error_code.empty()) answer += " " + result.error_code;
  return answer;
}

[[nodiscard]] std::size_t findings_of(std::span<const CaseResult> results) {
  return static_cast<std::size_t>(
      std::count_if(results.begin(), results.end(), [](const CaseResult& r) { return is_finding(r.outcome); }));
}

void head(Page& page, const HtmlReportInput& input) {
  page.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
  // No network: the page may load nothing at all, even if a text somehow slipped past escaping.
  page.raw(
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
      "script-src 'unsafe-inline'\">\n");
  page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
  page.raw("<title>reqprobe ").text(input.command).raw(" report</title>\n");
  page.raw(kStyle).raw(kErrorScript).raw("</head>\n<body>\n");
}

void parameters_table(Page& page, const HtmlReportInput& input) {
  if (input.parameters.empty()) return;
  page.raw("<table id=\"parameters\">\n<thead><tr><th>parameter</th><th>value</th></tr></thead>\n<tbody>\n");
  for (const auto& [name, value] : input.parameters) {
    page.raw("<tr><th>").text(name).raw("</th><td><code>").text(value).raw("</code></td></tr>\n");
  }
  page.raw("</tbody>\n</table>\n");
}

void header(Page& page, const HtmlReportInput& input) {
  const std::size_t findings = findings_of(input.results);
  page.raw("<header>\n<div>\n<h1>reqprobe ")
      .text(input.command)
      .raw("</h1>\n<p class=\"meta\">version ")
      .text(input.version);
  page.raw(" &middot; started ").text(input.started).raw(" &middot; duration ").raw(fixed3(input.seconds));
  page.raw(" s</p>\n<p id=\"totals\">").number(input.results.size()).raw(" cases, ");
  page.raw(findings > 0 ? "<span class=\"finding\">" : "<span>").number(findings).raw(" findings</span>");
  if (!input.buckets.empty()) page.raw(" in ").number(input.buckets.size()).raw(" buckets");
  page.raw("</p>\n</div>\n");
  parameters_table(page, input);
  page.raw("</header>\n");
}

void counts_row(Page& page, const Counts& counts, std::span<const Outcome> columns) {
  std::size_t cases = 0, findings = 0;
  for (std::size_t i = 0; i < kOutcomeCount; ++i) {
    cases += counts[i];
    if (is_finding(static_cast<Outcome>(i))) findings += counts[i];
  }
  for (const Outcome outcome : columns) {
    const std::size_t n = counts[static_cast<std::size_t>(outcome)];
    page.count_cell(n, n > 0 && is_finding(outcome));
  }
  page.count_cell(cases).count_cell(findings, findings > 0).raw("</tr>\n");
}

void counts_section(Page& page, std::span<const CaseResult> results) {
  page.raw("<section id=\"outcomes\">\n<h2>Outcomes per operation</h2>\n");
  if (results.empty()) {
    page.raw("<p class=\"note\">No case was run.</p>\n</section>\n");
    return;
  }
  std::map<std::string, Counts> per_operation;  // ordered: the same input gives the same page
  Counts totals{};
  for (const CaseResult& result : results) {
    ++per_operation[result.operation][static_cast<std::size_t>(result.outcome)];
    ++totals[static_cast<std::size_t>(result.outcome)];
  }
  std::vector<Outcome> columns;  // only the outcomes that occur: twelve mostly empty columns hide the findings
  for (std::size_t i = 0; i < kOutcomeCount; ++i)
    if (totals[i] > 0) columns.push_back(static_cast<Outcome>(i));

  page.raw("<table class=\"sortable\" id=\"outcome-counts\">\n<thead><tr><th>operation</th>");
  for (const Outcome outcome : columns) {
    page.raw(is_finding(outcome) ? "<th class=\"num finding\">" : "<th class=\"num\">");
    page.raw(outcome_name(outcome)).raw("</th>");
  }
  page.raw("<th class=\"num\">cases</th><th class=\"num\">findings</th></tr></thead>\n<tbody>\n");
  for (const auto& [operation, counts] : per_operation) {
    page.raw("<tr><th>").text(operation_label(operation)).raw("</th>");
    counts_row(page, counts, columns);
  }
  page.raw("</tbody>\n<tfoot><tr><th>all operations</th>");
  counts_row(page, totals, columns);
  page.raw("</tfoot>\n</table>\n</section>\n");
}

// "3 more findings in the JSONL report.": what the cap left out, and where it is.
void more_line(Page& page, std::size_t shown, std::size_t total, std::string_view what) {
  if (total <= shown) return;
  page.raw("<p class=\"more\">").number(total - shown).raw(" more ").raw(what);
  page.raw(total - shown == 1 ? "" : "s").raw(" in the JSONL report.</p>\n");
}

void bucket_summary(Page& page, std::span<const HtmlBucket> buckets) {
  page.raw("<table class=\"sortable\" id=\"bucket-list\">\n<thead><tr><th class=\"num\">#</th><th>bucket</th>");
  page.raw("<th class=\"num\">hits</th><th>outcome</th><th>answer</th></tr></thead>\n<tbody>\n");
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    const HtmlBucket& bucket = buckets[i];
    page.raw("<tr>").count_cell(i + 1).raw("<td><a href=\"#bucket-").number(i + 1).raw("\">").text(bucket.key);
    page.raw("</a></td>").count_cell(bucket.hits).raw("<td class=\"finding\">");
    page.raw(outcome_name(bucket.reproducer.outcome)).raw("</td><td>").text(actual_answer(bucket.reproducer));
    page.raw("</td></tr>\n");
  }
  page.raw("</tbody>\n</table>\n");
}

// One name and value of a bucket's reproducer; `value_class` marks the cell ("" for none).
void field(Page& page, std::string_view name, std::string_view value, std::string_view value_class = {}) {
  page.raw("<dt>").raw(name).raw("</dt><dd");
  if (!value_class.empty()) page.raw(" class=\"").raw(value_class).raw("\"");
  page.raw(">").text(value).raw("</dd>\n");
}

// The reproducer's fields in a grid of three name-value pairs per line (a table of seven rows per bucket made a
// page of four buckets three screens long), the detail on a line of its own, then the curl command.
void bucket_article(Page& page, const HtmlBucket& bucket, std::size_t number) {
  const CaseResult& r = bucket.reproducer;
  page.raw("<article class=\"bucket\" id=\"bucket-").number(number).raw("\">\n<h3>").text(bucket.key);
  page.raw(" <span class=\"meta\">(").number(bucket.hits).raw(bucket.hits == 1 ? " hit" : " hits").raw(")</span>");
  page.raw("</h3>\n<dl>\n");
  field(page, "reproducer", r.id);
  page.raw("<dt>request</dt><dd><code>").text(r.method).raw(" ").text(r.target).raw("</code></dd>\n");
  field(page, "outcome", outcome_name(r.outcome), "finding");
  field(page, "expected", r.expected);
  field(page, "actual", actual_answer(r));
  field(page, "case file", bucket.case_file.empty() ? std::string_view("(none written)") : bucket.case_file);
  field(page, "detail", r.detail, "wide");
  page.raw("</dl>\n");
  if (!r.reproduce.empty()) page.raw("<pre class=\"curl\">").text(r.reproduce, kHtmlMaxCommand).raw("</pre>\n");
  page.raw("</article>\n");
}

void bucket_findings(Page& page, std::span<const HtmlBucket> buckets) {
  if (buckets.empty()) {
    page.raw("<p class=\"note\">No findings: every mutant got the answer the contract requires.</p>\n");
    return;
  }
  const std::span<const HtmlBucket> shown = buckets.first(std::min(buckets.size(), kHtmlMaxFindings));
  bucket_summary(page, shown);
  for (std::size_t i = 0; i < shown.size(); ++i) bucket_article(page, shown[i], i + 1);
  more_line(page, shown.size(), buckets.size(), "bucket");
}

void finding_row(Page& page, const CaseResult& r) {
  page.raw("<tr><td><code>").text(r.id).raw("</code>");
  page.raw("<div class=\"meta\"><code>").text(r.method).raw(" ").text(r.target).raw("</code></div>");
  if (!r.source.empty()) page.raw("<div class=\"meta\">").text(r.source).raw("</div>");
  page.raw("</td><td>").text(operation_label(r.operation)).raw("</td><td class=\"finding\">");
  page.raw(outcome_name(r.outcome)).raw("</td><td>").text(r.expected).raw("</td><td>").text(actual_answer(r));
  page.raw("</td><td class=\"detail\">").text(r.detail).raw("</td><td class=\"reproduce\">");
  if (!r.reproduce.empty()) page.raw("<pre class=\"curl\">").text(r.reproduce, kHtmlMaxCommand).raw("</pre>");
  page.raw("</td></tr>\n");
}

void case_findings(Page& page, std::span<const CaseResult> results) {
  const std::size_t total = findings_of(results);
  if (total == 0) {
    page.raw("<p class=\"note\">No findings: every case got the answer the contract requires.</p>\n");
    return;
  }
  page.raw("<table class=\"sortable\" id=\"finding-list\">\n<thead><tr><th>case</th><th>operation</th>");
  page.raw("<th>outcome</th><th>expected</th><th>actual</th><th>detail</th><th>reproduce</th></tr></thead>\n");
  page.raw("<tbody>\n");
  std::size_t shown = 0;
  for (const CaseResult& result : results) {
    if (!is_finding(result.outcome)) continue;
    if (shown == kHtmlMaxFindings) break;
    finding_row(page, result);
    ++shown;
  }
  page.raw("</tbody>\n</table>\n");
  more_line(page, shown, total, "finding");
}

void findings_section(Page& page, const HtmlReportInput& input) {
  page.raw("<section id=\"findings\">\n<h2>Findings</h2>\n");
  // A fuzz run reports its buckets: the same problem hit by a thousand mutants is one finding there.
  if (input.command == "fuzz" || !input.buckets.empty()) {
    bucket_findings(page, input.buckets);
  } else {
    case_findings(page, input.results);
  }
  page.raw("</section>\n");
}

void side_cell(Page& page, std::size_t sent) {
  if (sent == 0) {
    page.raw("<td class=\"uncovered\" data-v=\"0\">not covered</td>");
    return;
  }
  page.raw("<td class=\"covered\" data-v=\"").number(sent).raw("\">covered (").number(sent).raw(")</td>");
}

void coverage_section(Page& page, std::span<const HtmlConstraint> constraints) {
  page.raw("<section id=\"coverage\">\n<h2>Constraint coverage</h2>\n");
  if (constraints.empty()) {
    page.raw("<p class=\"note\" id=\"no-manifest\">").raw(kHtmlNoManifest).raw("</p>\n</section>\n");
    return;
  }
  const auto both = std::count_if(constraints.begin(), constraints.end(),
                                  [](const HtmlConstraint& c) { return c.valid_sent > 0 && c.invalid_sent > 0; });
  page.raw("<p id=\"coverage-summary\">").number(static_cast<std::size_t>(both)).raw(" of ");
  page.number(constraints.size()).raw(" constraints covered on both sides.</p>\n");
  page.raw("<table class=\"sortable\" id=\"coverage-table\">\n<thead><tr><th>constraint</th><th>valid side</th>");
  page.raw("<th>invalid side</th><th class=\"num\">findings</th></tr></thead>\n<tbody>\n");
  for (const HtmlConstraint& c : constraints) {
    page.raw("<tr><td><code>").text(c.constraint).raw("</code></td>");
    side_cell(page, c.valid_sent);
    side_cell(page, c.invalid_sent);
    page.count_cell(c.findings, c.findings > 0).raw("</tr>\n");
  }
  page.raw("</tbody>\n</table>\n</section>\n");
}

// Log-spaced (1-2-5) upper bounds of the latency buckets, in ms; the last bucket holds everything above.
constexpr std::array<double, 13> kLatencyBounds = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000};
// Markup already (they go into SVG text and titles as they are).
constexpr std::array<std::string_view, 14> kLatencyLabels = {"&lt;1", "1-2",    "2-5",     "5-10",      "10-20",
                                                             "20-50", "50-100", "100-200", "200-500",   "500-1k",
                                                             "1k-2k", "2k-5k",  "5k-10k",  "&#8805;10k"};

[[nodiscard]] std::size_t latency_bucket(double ms) {
  return static_cast<std::size_t>(std::upper_bound(kLatencyBounds.begin(), kLatencyBounds.end(), ms) -
                                  kLatencyBounds.begin());
}

// Nearest-rank percentile of sorted values: the smallest value at least `percent`% of the values are not above.
[[nodiscard]] double nearest_rank(const std::vector<double>& sorted, std::size_t percent) {
  const std::size_t rank = std::max<std::size_t>(1, (sorted.size() * percent + 99) / 100);
  return sorted[rank - 1];
}

void latency_summary(Page& page, const std::vector<double>& sorted) {
  page.raw("<p id=\"latency-summary\">").number(sorted.size()).raw(" answered cases: median ");
  page.raw(fixed3(nearest_rank(sorted, 50))).raw(" ms, p90 ").raw(fixed3(nearest_rank(sorted, 90)));
  page.raw(" ms, p99 ").raw(fixed3(nearest_rank(sorted, 99))).raw(" ms, max ").raw(fixed3(sorted.back()));
  page.raw(" ms</p>\n");
}

// Chart geometry, in SVG user units (the chart scales with the page through its viewBox).
constexpr std::size_t kChartWidth = 760, kChartHeight = 280, kLeft = 56, kTop = 24, kPlotWidth = 680, kPlotHeight = 196;

void chart_bar(Page& page, std::size_t slot, std::size_t slot_width, std::size_t count, std::size_t highest,
               std::string_view label) {
  const std::size_t x = kLeft + slot * slot_width;
  const std::size_t height = count * kPlotHeight / highest;
  const std::size_t center = x + slot_width / 2;
  const std::size_t bottom = kTop + kPlotHeight;
  page.raw("<rect class=\"bar\" x=\"").number(x + 3).raw("\" y=\"").number(bottom - height).raw("\" width=\"");
  page.number(slot_width - 6).raw("\" height=\"").number(height).raw("\"><title>").raw(label).raw(" ms: ");
  page.number(count).raw(" cases</title></rect>\n");
  if (count > 0) {
    page.raw("<text x=\"").number(center).raw("\" y=\"").number(bottom - height - 4);
    page.raw("\" text-anchor=\"middle\">").number(count).raw("</text>\n");
  }
  page.raw("<text x=\"").number(center).raw("\" y=\"").number(bottom + 16).raw("\" text-anchor=\"middle\">");
  page.raw(label).raw("</text>\n");
}

void chart_axes(Page& page, std::size_t highest) {
  const std::size_t bottom = kTop + kPlotHeight;
  page.raw("<line class=\"axis\" x1=\"").number(kLeft).raw("\" y1=\"").number(kTop).raw("\" x2=\"").number(kLeft);
  page.raw("\" y2=\"").number(bottom).raw("\"/>\n<line class=\"axis\" x1=\"").number(kLeft).raw("\" y1=\"");
  page.number(bottom).raw("\" x2=\"").number(kLeft + kPlotWidth).raw("\" y2=\"").number(bottom).raw("\"/>\n");
  page.raw("<text x=\"").number(kLeft - 6).raw("\" y=\"").number(kTop + 4).raw("\" text-anchor=\"end\">");
  page.number(highest).raw("</text>\n<text x=\"").number(kLeft - 6).raw("\" y=\"").number(bottom + 4);
  page.raw("\" text-anchor=\"end\">0</text>\n<text x=\"").number(kLeft + kPlotWidth / 2).raw("\" y=\"");
  page.number(kChartHeight - 12).raw("\" text-anchor=\"middle\">total time per answered case (ms)</text>\n");
  page.raw("<text x=\"16\" y=\"")
      .number(kTop + kPlotHeight / 2)
      .raw("\" text-anchor=\"middle\" transform=\"rotate(-90 16 ");
  page.number(kTop + kPlotHeight / 2).raw(")\">cases</text>\n");
}

void latency_chart(Page& page, const std::vector<double>& sorted) {
  std::array<std::size_t, kLatencyLabels.size()> counts{};
  for (const double ms : sorted) ++counts[latency_bucket(ms)];
  // Only the span of buckets that hold something: a fast run is not thirteen empty bars and one full one.
  const std::size_t first = latency_bucket(sorted.front()), last = latency_bucket(sorted.back());
  const std::size_t highest = *std::max_element(counts.begin(), counts.end());
  const std::size_t slots = last - first + 1;
  const std::size_t slot_width = std::min<std::size_t>(kPlotWidth / slots, 120);
  page.raw("<svg id=\"latency-chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").number(kChartWidth);
  page.raw("\" height=\"").number(kChartHeight).raw("\" viewBox=\"0 0 ").number(kChartWidth).raw(" ");
  page.number(kChartHeight).raw("\" aria-label=\"histogram of total time per answered case\">\n");
  for (std::size_t bucket = first; bucket <= last; ++bucket)
    chart_bar(page, bucket - first, slot_width, counts[bucket], highest, kLatencyLabels[bucket]);
  chart_axes(page, highest);
  page.raw("</svg>\n");
}

void latency_section(Page& page, std::span<const CaseResult> results) {
  page.raw("<section id=\"latency\">\n<h2>Latency</h2>\n");
  std::vector<double> sorted;
  for (const CaseResult& result : results)
    if (result.status != 0) sorted.push_back(result.total_ms);  // a case without an answer has no latency
  if (sorted.empty()) {
    page.raw("<p class=\"note\">No case was answered, so there is no latency to show.</p>\n</section>\n");
    return;
  }
  std::sort(sorted.begin(), sorted.end());
  latency_summary(page, sorted);
  latency_chart(page, sorted);
  page.raw("</section>\n");
}

[[nodiscard]] std::string render(const HtmlReportInput& input, const Redactor* redactor) {
  Page page(redactor);
  head(page, input);
  header(page, input);
  page.raw("<main>\n");
  counts_section(page, input.results);
  findings_section(page, input);
  coverage_section(page, input.constraints);
  latency_section(page, input.results);
  page.raw("</main>\n").raw(kSortScript).raw("</body>\n</html>\n");
  return page.take();
}

}  // namespace

std::string render_html_report(const HtmlReportInput& input) {
  return render(input, nullptr);
}

bool write_html_report(const std::string& path, const HtmlReportInput& input, const Redactor& redactor,
                       std::string& error) {
  // Each field is redacted before escaping (render), and the whole page after, as every report is.
  return write_whole_file(path, redactor.apply(render(input, &redactor)), error);
}

}  // namespace reqprobe::replay
