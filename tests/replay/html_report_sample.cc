// Writes an --html page with a realistic mix of data for the browser test (html_browser_test.sh) and the README's
// screenshot: a fuzz run of a pet store with several operations, buckets, a manifest and a spread of latencies.
// Usage: html_report_sample OUT.html [probe]   (probe: the same results as a probe run, findings listed per case)
#include <cstdio>
#include <string>
#include <vector>

#include "case_result.h"
#include "html_report.h"
#include "outcome.h"
#include "redactor.h"

namespace {

using reqprobe::replay::CaseResult;
using reqprobe::replay::HtmlBucket;
using reqprobe::replay::HtmlConstraint;
using reqprobe::replay::HtmlReportInput;
using reqprobe::replay::Outcome;

struct Operation {
  const char* name = "";
  const char* method = "";
  const char* target = "";
};

constexpr Operation kOperations[] = {{"addPet", "POST", "/v2/pet"},
                                     {"updatePet", "PUT", "/v2/pet"},
                                     {"getPetById", "GET", "/v2/pet/42"},
                                     {"findPetsByStatus", "GET", "/v2/pet/findByStatus?status=sold"},
                                     {"placeOrder", "POST", "/v2/store/order"},
                                     {"", "DELETE", "/v2/nowhere"}};

// A deterministic spread of latencies over 0.2 ms - 3 s, most of them fast, as a local endpoint answers.
double latency(std::size_t i) {
  const std::size_t r = (i * 2654435761u) % 1000;
  if (r < 600) return 0.2 + static_cast<double>(r % 90) / 100.0;
  if (r < 900) return 1.0 + static_cast<double>(r % 80) / 10.0;
  if (r < 985) return 10.0 + static_cast<double>(r % 60) * 3.0;
  return 300.0 + static_cast<double>(r % 15) * 200.0;
}

Outcome outcome_of(std::size_t i, std::size_t operation) {
  if (operation == 0 && i % 23 == 0) return Outcome::accepted_invalid;
  if (operation == 2 && i % 31 == 0) return Outcome::server_error;
  if (operation == 4 && i % 17 == 0) return Outcome::wrong_error_body;
  if (operation == 5 && i % 7 == 0) return Outcome::wrong_status;
  if (i % 211 == 0) return Outcome::timeout;
  if (i % 97 == 0) return Outcome::not_sent;
  return Outcome::ok;
}

// The expected answer and the endpoint's actual one, consistent with the outcome (as classify() would give them).
void answer(CaseResult& r) {
  switch (r.outcome) {
    case Outcome::accepted_invalid:
      r.expected_valid = false;
      r.expected = "400 HSS.0001";
      r.status = 200;
      break;
    case Outcome::server_error:
      r.status = 500;
      break;
    case Outcome::wrong_error_body:
      r.expected_valid = false;
      r.expected = "400 HSS.0001";
      r.status = 400;  // the right status, but no error_code in the body
      break;
    case Outcome::wrong_status:
      r.expected_valid = false;
      r.expected = "404 APIGW.0101";
      r.status = 405;
      break;
    case Outcome::timeout:
    case Outcome::not_sent:
      r.status = 0;
      break;
    default:
      r.status = r.expected_valid ? 200 : 400;
      if (!r.expected_valid) r.error_code = "HSS.0001";
  }
}

CaseResult make_case(std::size_t i) {
  const std::size_t operation = i % std::size(kOperations);
  const Operation& op = kOperations[operation];
  CaseResult r;
  r.id = "fuzz-" + std::to_string(100000 + i).substr(1);
  r.operation = op.name;
  r.method = op.method;
  r.target = op.target;
  r.expected_valid = i % 3 != 0;
  r.expected = r.expected_valid ? "2xx" : "400 HSS.0001";
  r.outcome = outcome_of(i, operation);
  answer(r);
  r.total_ms = r.status == 0 ? 0 : latency(i);
  if (reqprobe::replay::is_finding(r.outcome)) {
    r.detail =
        "expected " + r.expected + ", got " + (r.status == 0 ? std::string("no answer") : std::to_string(r.status));
    r.reproduce = "curl -sS -X " + r.method + " 'http://127.0.0.1:8080" + r.target +
                  "' -H 'Content-Type: application/json' -H \"X-Auth-Token: ${HSS_TOKEN}\"";
  }
  return r;
}

HtmlBucket bucket(const std::string& key, std::size_t hits, const CaseResult& reproducer, const char* detail,
                  const char* body) {
  HtmlBucket b;
  b.key = key;
  b.hits = hits;
  b.reproducer = reproducer;
  b.reproducer.detail = detail;
  b.reproducer.reproduce = "curl -sS -X " + reproducer.method + " 'http://127.0.0.1:8080" + reproducer.target +
                           "' -H 'Content-Type: application/json' -H \"X-Auth-Token: ${HSS_TOKEN}\"" +
                           (*body != '\0' ? std::string(" --data-binary '") + body + "'" : std::string());
  b.case_file = "fuzz-findings/" + reproducer.id + ".json";
  return b;
}

std::vector<HtmlBucket> buckets(const std::vector<CaseResult>& results) {
  auto first = [&](Outcome outcome, const char* operation) {
    for (const CaseResult& r : results)
      if (r.outcome == outcome && r.operation == operation) return r;
    return CaseResult{};
  };
  return {
      bucket("addPet accepted-invalid maxLength body:/name 200", 41, first(Outcome::accepted_invalid, "addPet"),
             "expected 400 HSS.0001 (maxLength at /name), got 200",
             R"({"name":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","photoUrls":[]})"),
      bucket("getPetById server-error - 500", 12, first(Outcome::server_error, "getPetById"),
             "expected 2xx, got 500 (an id at the int64 limit)", ""),
      bucket("placeOrder wrong-error-body type body:/quantity 400", 9, first(Outcome::wrong_error_body, "placeOrder"),
             "expected 400 HSS.0001, got 400 without error_code in the body", R"({"quantity":"<3 & \"more\""})"),
      bucket("(no operation) wrong-status path - 405", 7, first(Outcome::wrong_status, ""),
             "expected 404 APIGW.0101, got 405", ""),
  };
}

std::vector<HtmlConstraint> constraints() {
  return {{"addPet.body:/name:maxLength", 14, 9, 3},      {"addPet.body:/photoUrls:required", 14, 6, 0},
          {"addPet.body:/tags/*/id:type", 12, 0, 0},      {"updatePet.body:/status:enum", 8, 5, 0},
          {"getPetById.path:petId:format", 20, 11, 2},    {"findPetsByStatus.query:status:enum", 9, 4, 0},
          {"placeOrder.body:/quantity:minimum", 0, 7, 1}, {"placeOrder.body:/shipDate:format", 6, 3, 0}};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s OUT.html [probe]\n", argv[0]);
    return 2;
  }
  const bool probe = argc > 2 && std::string(argv[2]) == "probe";
  std::vector<CaseResult> results;
  for (std::size_t i = 0; i < 1800; ++i) results.push_back(make_case(i));
  // A hostile detail: the page must show it as text, and the browser test that no script of it ran.
  results[0].outcome = Outcome::accepted_invalid;
  results[0].detail = "echoed <img src=x onerror=alert(1)><script>alert(2)</script> & \"quotes\"";

  HtmlReportInput input;
  input.command = probe ? "probe" : "fuzz";
  input.version = "0.9.0";
  input.started = "2025-01-15T09:30:00Z";
  input.seconds = 60.412;
  input.parameters = {{"target", "http://127.0.0.1:8080 (loopback)"},
                      {"contract", "contracts/petstore.openapi.yaml"},
                      {"duration", "60s"},
                      {"seed", "1234"},
                      {"concurrency", "8"},
                      {"rate", "unlimited"},
                      {"token", "s3cr3t-sample-token"}};
  input.results = results;
  if (!probe) input.buckets = buckets(results);
  input.constraints = constraints();

  std::string error;
  const reqprobe::replay::Redactor redactor({"s3cr3t-sample-token"});
  if (!reqprobe::replay::write_html_report(argv[1], input, redactor, error)) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return 1;
  }
  return 0;
}
