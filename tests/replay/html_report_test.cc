// The --html page (html_report.h): what it shows for a given input, exactly, and that nothing from a case or an
// endpoint reaches it unescaped or unredacted. The browser test (html_browser_test.sh) loads a page for real.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "case_result.h"
#include "html_report.h"
#include "outcome.h"
#include "redactor.h"

namespace reqprobe::replay {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kHostile = "<script>alert(\"x&y\")</script>'";
constexpr std::string_view kHostileEscaped = "&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt;&apos;";

std::size_t occurrences(const std::string& text, std::string_view needle) {
  std::size_t count = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++count;
  return count;
}

CaseResult result(std::string id, std::string operation, Outcome outcome, double total_ms = 1, int status = 200) {
  CaseResult r;
  r.id = std::move(id);
  r.operation = std::move(operation);
  r.outcome = outcome;
  r.total_ms = total_ms;
  r.status = status;
  r.method = "POST";
  r.target = "/v2/pets";
  return r;
}

std::string read_file(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// A fresh directory per test, removed afterwards.
class TempDir {
 public:
  TempDir()
      : path_(fs::temp_directory_path() / ("html_report_test_" + std::to_string(::getpid()) + "_" +
                                           ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Every text field a page shows, each carrying the hostile string in turn: it appears escaped, never raw.
struct HostileField {
  const char* name = "";
  std::function<void(HtmlReportInput&, std::vector<CaseResult>&)> place;
};

TEST(HtmlReport, EscapesEveryFieldFromACaseOrAnEndpoint) {
  const std::string hostile(kHostile);
  const std::vector<HostileField> fields = {
      {"id", [&](HtmlReportInput&, std::vector<CaseResult>& r) { r[0].id = hostile; }},
      {"source", [&](HtmlReportInput&, std::vector<CaseResult>& r) { r[0].source = hostile; }},
      {"method", [&](HtmlReportInput&, std::vector<CaseResult>& r) { r[0].method = hostile; }},
      {"target", [&](HtmlReportInput&, std::vector<CaseResult>& r) { r[0].target = hostile; }},
      {"detail", [&](HtmlReportInput&, std::vector<CaseResult>& r) { r[0].detail = hostile; }},
      {"expected", [&](HtmlReportInput&, std::vector<CaseResult>& r) { r[0].expected = hostile; }},
      {"error_code", [&](HtmlReportInput&, std::vector<CaseResult>& r) { r[0].error_code = hostile; }},
      {"operation", [&](HtmlReportInput&, std::vector<CaseResult>& r) { r[0].operation = hostile; }},
      {"reproduce", [&](HtmlReportInput&, std::vector<CaseResult>& r) { r[0].reproduce = hostile; }},
      {"parameter name",
       [&](HtmlReportInput& in, std::vector<CaseResult>&) {
         in.parameters = {{hostile, "1"}};
       }},
      {"parameter value",
       [&](HtmlReportInput& in, std::vector<CaseResult>&) {
         in.parameters = {{"target", hostile}};
       }},
      {"version", [&](HtmlReportInput& in, std::vector<CaseResult>&) { in.version = hostile; }},
      {"started", [&](HtmlReportInput& in, std::vector<CaseResult>&) { in.started = hostile; }},
      {"command", [&](HtmlReportInput& in, std::vector<CaseResult>&) { in.command = hostile; }},
      {"constraint",
       [&](HtmlReportInput& in, std::vector<CaseResult>&) { in.constraints = {{.constraint = hostile}}; }},
  };
  for (const HostileField& field : fields) {
    std::vector<CaseResult> results = {result("body.name.maxLength", "addPet", Outcome::accepted_invalid)};
    HtmlReportInput input;
    input.command = "probe";
    field.place(input, results);
    input.results = results;
    const std::string page = render_html_report(input);
    EXPECT_NE(page.find(kHostileEscaped), std::string::npos) << field.name;
    EXPECT_EQ(page.find("<script>alert"), std::string::npos) << field.name;
    EXPECT_EQ(page.find("\"x&y\""), std::string::npos) << field.name;
    EXPECT_EQ(occurrences(page, "<script"), 2u) << field.name;  // the page's own two scripts, no more
  }
}

TEST(HtmlReport, EscapesEveryBucketField) {
  const std::string hostile(kHostile);
  const std::vector<std::function<void(HtmlBucket&)>> fields = {
      [&](HtmlBucket& b) { b.key = hostile; },
      [&](HtmlBucket& b) { b.case_file = hostile; },
      [&](HtmlBucket& b) { b.reproducer.id = hostile; },
      [&](HtmlBucket& b) { b.reproducer.target = hostile; },
      [&](HtmlBucket& b) { b.reproducer.detail = hostile; },
      [&](HtmlBucket& b) { b.reproducer.error_code = hostile; },
      [&](HtmlBucket& b) { b.reproducer.reproduce = hostile; },
  };
  for (std::size_t i = 0; i < fields.size(); ++i) {
    HtmlReportInput input;
    input.command = "fuzz";
    HtmlBucket bucket;
    bucket.reproducer = result("mutant-1", "addPet", Outcome::accepted_invalid);
    fields[i](bucket);
    input.buckets = {bucket};
    const std::string page = render_html_report(input);
    EXPECT_NE(page.find(kHostileEscaped), std::string::npos) << i;
    EXPECT_EQ(page.find("<script>alert"), std::string::npos) << i;
    EXPECT_EQ(occurrences(page, "<script"), 2u) << i;
  }
}

TEST(HtmlReport, ShowsControlCharactersAndCutsLongFields) {
  std::vector<CaseResult> results = {result("c1", "addPet", Outcome::server_error, 1, 500)};
  results[0].detail = "a\x1b[2Jb\nc";
  results[0].target = "/v2/pets?" + std::string(10000, 'q');
  HtmlReportInput input;
  input.results = results;
  const std::string page = render_html_report(input);
  EXPECT_NE(page.find("a\\x1b[2Jb\\nc"), std::string::npos);
  EXPECT_EQ(page.find('\x1b'), std::string::npos);
  EXPECT_NE(page.find(std::string(kHtmlMaxField - 9, 'q') + " [cut: " + std::to_string(10009 - kHtmlMaxField) +
                      " more bytes]"),
            std::string::npos);
}

TEST(HtmlReport, CountsOutcomesPerOperation) {
  const std::vector<CaseResult> results = {
      result("a1", "addPet", Outcome::ok),
      result("a2", "addPet", Outcome::ok),
      result("a3", "addPet", Outcome::accepted_invalid),
      result("g1", "getPet", Outcome::server_error, 1, 500),
      result("n1", "", Outcome::ok, 1, 404),
  };
  HtmlReportInput input;
  input.command = "probe";
  input.results = results;
  const std::string page = render_html_report(input);
  // Columns: the outcomes that occur, in their order, then cases and findings; finding cells with a count marked.
  EXPECT_NE(page.find("<thead><tr><th>operation</th><th class=\"num\">ok</th><th class=\"num finding\">"
                      "accepted-invalid</th><th class=\"num finding\">server-error</th><th class=\"num\">cases</th>"
                      "<th class=\"num\">findings</th></tr></thead>"),
            std::string::npos);
  struct Row {
    const char* label;
    const char* cells;
  };
  const Row rows[] = {
      {"(no operation)",
       R"(<td class="num" data-v="1">1</td><td class="num" data-v="0">0</td><td class="num" data-v="0">0</td>)"
       R"(<td class="num" data-v="1">1</td><td class="num" data-v="0">0</td></tr>)"},
      {"addPet",
       R"(<td class="num" data-v="2">2</td><td class="num finding" data-v="1">1</td><td class="num" data-v="0">0</td>)"
       R"(<td class="num" data-v="3">3</td><td class="num finding" data-v="1">1</td></tr>)"},
      {"getPet",
       R"(<td class="num" data-v="0">0</td><td class="num" data-v="0">0</td><td class="num finding" data-v="1">1</td>)"
       R"(<td class="num" data-v="1">1</td><td class="num finding" data-v="1">1</td></tr>)"},
      {"all operations", R"(<td class="num" data-v="3">3</td><td class="num finding" data-v="1">1</td>)"
                         R"(<td class="num finding" data-v="1">1</td><td class="num" data-v="5">5</td>)"
                         R"(<td class="num finding" data-v="2">2</td></tr>)"},
  };
  std::size_t previous = 0;
  for (const Row& row : rows) {
    const std::size_t at = page.find(std::string("<tr><th>") + row.label + "</th>" + row.cells);
    ASSERT_NE(at, std::string::npos) << row.label;
    EXPECT_GT(at, previous) << row.label << ": rows sorted by operation, totals last";
    previous = at;
  }
  EXPECT_NE(page.find("<p id=\"totals\">5 cases, <span class=\"finding\">2 findings</span></p>"), std::string::npos);
}

TEST(HtmlReport, ListsCaseFindingsOfProbeAndReplay) {
  std::vector<CaseResult> results = {result("ok.1", "addPet", Outcome::ok),
                                     result("body.name.maxLength", "addPet", Outcome::accepted_invalid),
                                     result("path.unknown", "", Outcome::wrong_status, 2, 405)};
  results[1].expected = "400 HSS.0001";
  results[1].detail = "expected 400 HSS.0001, got 200";
  results[1].reproduce = "curl -X POST 'http://127.0.0.1:8080/v2/pets'";
  results[2].error_code = "APIGW.0101";
  HtmlReportInput input;
  input.command = "replay";
  input.results = results;
  const std::string page = render_html_report(input);
  EXPECT_NE(page.find("<tr><td><code>body.name.maxLength</code><div class=\"meta\"><code>POST "
                      "/v2/pets</code></div></td><td>addPet</td><td class=\"finding\">"
                      "accepted-invalid</td><td>400 HSS.0001</td><td>200</td><td class=\"detail\">expected 400 "
                      "HSS.0001, got 200</td><td class=\"reproduce\"><pre class=\"curl\">curl -X POST "
                      "&apos;http://127.0.0.1:8080/v2/pets&apos;</pre></td></tr>"),
            std::string::npos);
  EXPECT_NE(page.find("<td>(no operation)</td><td class=\"finding\">wrong-status</td><td></td><td>405 APIGW.0101</td>"),
            std::string::npos);
  EXPECT_EQ(page.find("<code>ok.1</code>"), std::string::npos);  // not a finding
  EXPECT_EQ(page.find("more finding"), std::string::npos);
}

TEST(HtmlReport, ShowsBucketsWithTheirReproducers) {
  HtmlReportInput input;
  input.command = "fuzz";
  HtmlBucket first;
  first.key = "addPet accepted-invalid maxLength /tags/* 200";
  first.hits = 17;
  first.reproducer = result("fuzz-000042", "addPet", Outcome::accepted_invalid);
  first.reproducer.expected = "400 HSS.0001";
  first.reproducer.reproduce = "curl -sS -X POST 'http://127.0.0.1:9/v2/pets' --data-binary '{\"name\":\"x\"}'";
  first.case_file = "findings/fuzz-000042.json";
  HtmlBucket second;
  second.key = "getPet server-error 500";
  second.hits = 1;
  second.reproducer = result("fuzz-000007", "getPet", Outcome::server_error, 3, 500);
  input.buckets = {first, second};
  const std::string page = render_html_report(input);
  const std::string expected[] = {
      "<tr><td class=\"num\" data-v=\"1\">1</td><td><a href=\"#bucket-1\">addPet accepted-invalid maxLength /tags/* "
      "200</a></td><td class=\"num\" data-v=\"17\">17</td><td class=\"finding\">accepted-invalid</td><td>200</td></tr>",
      "<article class=\"bucket\" id=\"bucket-1\">\n<h3>addPet accepted-invalid maxLength /tags/* 200 <span "
      "class=\"meta\">(17 hits)</span></h3>",
      "<dt>reproducer</dt><dd>fuzz-000042</dd>",
      "<dt>request</dt><dd><code>POST /v2/pets</code></dd>",
      "<dt>expected</dt><dd>400 HSS.0001</dd>",
      "<dt>case file</dt><dd>findings/fuzz-000042.json</dd>",
      "<dt>outcome</dt><dd class=\"finding\">accepted-invalid</dd>",
      "<pre class=\"curl\">curl -sS -X POST &apos;http://127.0.0.1:9/v2/pets&apos; --data-binary "
      "&apos;{&quot;name&quot;:&quot;x&quot;}&apos;</pre>",
      "<h3>getPet server-error 500 <span class=\"meta\">(1 hit)</span></h3>",
      "<dt>actual</dt><dd>500</dd>",
      "<dt>case file</dt><dd>(none written)</dd>",
      "<p id=\"totals\">0 cases, <span>0 findings</span> in 2 buckets</p>",
  };
  for (const std::string& part : expected) EXPECT_NE(page.find(part), std::string::npos) << part;
}

TEST(HtmlReport, FuzzRunWithoutBucketsSaysSo) {
  HtmlReportInput input;
  input.command = "fuzz";
  EXPECT_NE(render_html_report(input).find("No findings: every mutant got the answer the contract requires."),
            std::string::npos);
}

TEST(HtmlReport, CapsTheFindingsShown) {
  struct Case {
    std::size_t findings;
    const char* more;  // "" when nothing is left out
  };
  const Case cases[] = {{kHtmlMaxFindings, ""},
                        {kHtmlMaxFindings + 1, "<p class=\"more\">1 more finding in the JSONL report.</p>"},
                        {kHtmlMaxFindings + 3, "<p class=\"more\">3 more findings in the JSONL report.</p>"}};
  for (const Case& c : cases) {
    std::vector<CaseResult> results;
    for (std::size_t i = 0; i < c.findings; ++i)
      results.push_back(result("case." + std::to_string(i), "addPet", Outcome::accepted_invalid));
    HtmlReportInput input;
    input.command = "probe";
    input.results = results;
    const std::string page = render_html_report(input);
    EXPECT_EQ(occurrences(page, "<tr><td><code>case."), kHtmlMaxFindings) << c.findings;
    if (*c.more == '\0') {
      EXPECT_EQ(page.find("class=\"more\""), std::string::npos) << c.findings;
    } else {
      EXPECT_NE(page.find(c.more), std::string::npos) << c.findings;
    }
  }
}

TEST(HtmlReport, CapsTheBucketsShown) {
  HtmlReportInput input;
  input.command = "fuzz";
  for (std::size_t i = 0; i < kHtmlMaxFindings + 2; ++i) {
    HtmlBucket bucket;
    bucket.key = "bucket " + std::to_string(i);
    bucket.hits = 1;
    input.buckets.push_back(bucket);
  }
  const std::string page = render_html_report(input);
  EXPECT_EQ(occurrences(page, "<article class=\"bucket\""), kHtmlMaxFindings);
  EXPECT_NE(page.find("<p class=\"more\">2 more buckets in the JSONL report.</p>"), std::string::npos);
  EXPECT_EQ(page.find("bucket 500"), std::string::npos);
}

TEST(HtmlReport, SaysWhenTheRunHadNoManifest) {
  HtmlReportInput input;
  EXPECT_NE(render_html_report(input).find(kHtmlNoManifest), std::string::npos);
  input.constraints = {{.constraint = "addPet.body:/name:maxLength", .valid_sent = 1, .invalid_sent = 1}};
  EXPECT_EQ(render_html_report(input).find(kHtmlNoManifest), std::string::npos);
}

TEST(HtmlReport, ShowsEachSideOfEachConstraintCoveredOrNot) {
  struct Row {
    HtmlConstraint constraint;
    const char* html;
  };
  const Row rows[] = {
      {{"addPet.body:/name:maxLength", 3, 2, 0},
       R"(<tr><td><code>addPet.body:/name:maxLength</code></td><td class="covered" data-v="3">covered (3)</td>)"
       R"(<td class="covered" data-v="2">covered (2)</td><td class="num" data-v="0">0</td></tr>)"},
      {{"addPet.body:/tags:maxItems", 1, 0, 0},
       R"(<tr><td><code>addPet.body:/tags:maxItems</code></td><td class="covered" data-v="1">covered (1)</td>)"
       R"(<td class="uncovered" data-v="0">not covered</td><td class="num" data-v="0">0</td></tr>)"},
      {{"getPet.path:petId:type", 0, 4, 2},
       R"(<tr><td><code>getPet.path:petId:type</code></td><td class="uncovered" data-v="0">not covered</td>)"
       R"(<td class="covered" data-v="4">covered (4)</td><td class="num finding" data-v="2">2</td></tr>)"},
  };
  HtmlReportInput input;
  for (const Row& row : rows) input.constraints.push_back(row.constraint);
  const std::string page = render_html_report(input);
  for (const Row& row : rows) EXPECT_NE(page.find(row.html), std::string::npos) << row.constraint.constraint;
  EXPECT_NE(page.find("<p id=\"coverage-summary\">1 of 3 constraints covered on both sides.</p>"), std::string::npos);
}

TEST(HtmlReport, SummarisesLatencyOfAnsweredCases) {
  struct Case {
    std::vector<double> answered;
    const char* summary;
    std::vector<const char*> bars;  // the bars' titles: "LABEL ms: N cases"
  };
  const Case cases[] = {
      {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
       "10 answered cases: median 5.000 ms, p90 9.000 ms, p99 10.000 ms, max 10.000 ms",
       {"1-2 ms: 1 cases", "2-5 ms: 3 cases", "5-10 ms: 5 cases", "10-20 ms: 1 cases"}},
      {{0.25}, "1 answered cases: median 0.250 ms, p90 0.250 ms, p99 0.250 ms, max 0.250 ms", {"&lt;1 ms: 1 cases"}},
      {{12000, 0.5, 40, 3.25},
       "4 answered cases: median 3.250 ms, p90 12000.000 ms, p99 12000.000 ms, max 12000.000 ms",
       {"&lt;1 ms: 1 cases", "2-5 ms: 1 cases", "20-50 ms: 1 cases", "100-200 ms: 0 cases", "&#8805;10k ms: 1 cases"}},
  };
  for (const Case& c : cases) {
    std::vector<CaseResult> results;
    for (const double ms : c.answered) results.push_back(result("c", "addPet", Outcome::ok, ms));
    results.push_back(result("dead", "addPet", Outcome::timeout, 99999, 0));  // no answer: not in the latency
    HtmlReportInput input;
    input.results = results;
    const std::string page = render_html_report(input);
    EXPECT_NE(page.find(std::string("<p id=\"latency-summary\">") + c.summary + "</p>"), std::string::npos)
        << c.summary;
    for (const char* bar : c.bars)
      EXPECT_NE(page.find(std::string("<title>") + bar + "</title>"), std::string::npos) << bar;
    EXPECT_NE(page.find("<svg id=\"latency-chart\""), std::string::npos);
  }
  HtmlReportInput none;
  EXPECT_NE(render_html_report(none).find("No case was answered, so there is no latency to show."), std::string::npos);
}

TEST(HtmlReport, IsDeterministicAndSelfContained) {
  const std::vector<CaseResult> results = {result("a", "addPet", Outcome::ok, 3.5),
                                           result("b", "getPet", Outcome::server_error, 12, 500)};
  HtmlReportInput input;
  input.command = "probe";
  input.results = results;
  input.parameters = {{"target", "http://127.0.0.1:8080"}, {"seed", "7"}};
  const std::string page = render_html_report(input);
  EXPECT_EQ(page, render_html_report(input));
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(page.find("document.body.dataset.rendered = \"ok\""), std::string::npos);
  EXPECT_NE(page.find("window.onerror"), std::string::npos);
  // Nothing loaded from anywhere: no src or href but the page's own anchors (the SVG namespace is no fetch).
  EXPECT_EQ(page.find("src="), std::string::npos);
  EXPECT_EQ(page.find("href=\"http"), std::string::npos);
  EXPECT_EQ(page.find("@import"), std::string::npos);
  EXPECT_EQ(page.find("url("), std::string::npos);
  EXPECT_NE(page.find("<tr><th>seed</th><td><code>7</code></td></tr>"), std::string::npos);
}

TEST(HtmlReport, WritesTheRedactedPage) {
  const TempDir dir;
  struct Secret {
    const char* secret;
    std::function<void(HtmlReportInput&, std::vector<CaseResult>&, const std::string&)> place;
  };
  const Secret secrets[] = {
      {"s3cr3t-T0KEN-abc",
       [](HtmlReportInput&, std::vector<CaseResult>& r, const std::string& s) { r[0].detail = "echoed " + s; }},
      {"tok&en<with>\"quotes\"",  // would not match the escaped page: redacted before escaping
       [](HtmlReportInput&, std::vector<CaseResult>& r, const std::string& s) { r[0].detail = s + " again"; }},
      {"AKSK-secret-value",
       [](HtmlReportInput& in, std::vector<CaseResult>&, const std::string& s) {
         in.parameters = {{"sk", s}};
       }},
  };
  for (const Secret& s : secrets) {
    std::vector<CaseResult> results = {result("c1", "addPet", Outcome::accepted_invalid)};
    HtmlReportInput input;
    input.command = "probe";
    s.place(input, results, s.secret);
    input.results = results;
    const fs::path path = dir.path() / "report.html";
    std::string error;
    ASSERT_TRUE(write_html_report(path.string(), input, Redactor({s.secret}), error)) << error;
    const std::string page = read_file(path);
    EXPECT_EQ(page.find(s.secret), std::string::npos) << s.secret;
    EXPECT_EQ(page.find("tok&amp;en"), std::string::npos) << s.secret;
    EXPECT_NE(page.find("[REDACTED]"), std::string::npos) << s.secret;
    EXPECT_FALSE(fs::exists(path.string() + ".tmp"));
  }
}

TEST(HtmlReport, WritesTheSamePageItRenders) {
  const TempDir dir;
  const std::vector<CaseResult> results = {result("a", "addPet", Outcome::ok, 3.5)};
  HtmlReportInput input;
  input.results = results;
  const fs::path path = dir.path() / "page.html";
  std::string error;
  ASSERT_TRUE(write_html_report(path.string(), input, Redactor(), error)) << error;
  EXPECT_EQ(read_file(path), render_html_report(input));
}

TEST(HtmlReport, FailsOnAPathItCannotWrite) {
  const TempDir dir;
  fs::create_directories(dir.path() / "a-directory");
  struct Case {
    fs::path path;
    const char* reason;
  };
  const Case cases[] = {{dir.path() / "missing" / "report.html", "No such file or directory"},
                        {dir.path() / "a-directory", "Is a directory"}};
  for (const Case& c : cases) {
    std::string error;
    EXPECT_FALSE(write_html_report(c.path.string(), HtmlReportInput{}, Redactor(), error)) << c.path;
    EXPECT_EQ(error, "cannot write " + c.path.string() + ": " + c.reason);
    EXPECT_FALSE(fs::exists(c.path.string() + ".tmp")) << c.path;
  }
}

}  // namespace
}  // namespace reqprobe::replay
