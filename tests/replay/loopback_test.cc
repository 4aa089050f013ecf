// Replay against the mock over real loopback HTTP (127.0.0.1 only, bounded counts and times): the faithful mock
// gives zero findings on the whole generated suite; each defect gives exactly the findings it causes; faults
// (slow answers, resets, 429 storms, a server that dies, an interruption) leave every case accounted for.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "error_response.h"
#include "generator.h"
#include "mock_server.h"
#include "replay_run.h"
#include "retry_policy.h"

namespace reqprobe::replay {
namespace {

using namespace std::chrono_literals;

std::shared_ptr<const Contract> contract() {
  static const std::shared_ptr<const Contract> loaded = load_embedded_contract().contract;
  return loaded;
}

const std::vector<gen::GeneratedCase>& suite() {
  static const std::vector<gen::GeneratedCase> cases = gen::generate_suite(contract(), {}).cases;
  return cases;
}

std::vector<Violation> errors_of(const Case& kase) {
  std::vector<Violation> errors;
  for (const Violation& v : kase.expect.violations)
    if (v.severity == Severity::error) errors.push_back(v);
  return errors;
}

std::vector<ReplayInput> inputs(std::size_t limit = SIZE_MAX) {
  std::vector<ReplayInput> out;
  for (const gen::GeneratedCase& generated : suite()) {
    if (out.size() == limit) break;
    out.push_back({generated.kase, ""});
  }
  return out;
}

struct RunningMock {
  std::unique_ptr<MockServer> server;
  std::string url;
};

RunningMock start_mock(const std::vector<std::string>& defect_names, MockTimings timings = {}) {
  MockDefects defects;
  std::string error;
  EXPECT_TRUE(parse_defects(defect_names, defects, error)) << error;
  RunningMock mock;
  mock.server = std::make_unique<MockServer>(std::make_shared<const MockResponder>(contract(), defects, timings),
                                             MockServerOptions{});
  const int port = mock.server->start();
  EXPECT_GT(port, 0) << mock.server->error();
  mock.url = "http://127.0.0.1:" + std::to_string(port);
  return mock;
}

struct Replayed {
  ReplayRun run;
  std::string out;
  std::string err;
  std::map<std::string, Outcome> outcomes;
};

Replayed replay(const std::string& url, const std::vector<ReplayInput>& cases, ReplayOptions options = {},
                const std::atomic<bool>* stop = nullptr) {
  static const std::atomic<bool> never{false};
  options.target = url;
  // Without a report file, reproduction bodies would go to ./reqprobe-bodies: a SARIF file in a temporary
  // directory keeps them (and it) out of the working directory.
  std::filesystem::path scratch;
  if (options.report.empty() && options.junit.empty() && options.sarif.empty()) {
    scratch = std::filesystem::temp_directory_path() / ("reqprobe-loopback-" + std::to_string(::getpid()));
    std::filesystem::create_directories(scratch);
    options.sarif = (scratch / "run.sarif").string();
  }
  std::ostringstream out, err;
  Replayed replayed{run_replay(contract(), cases, options, out, err, stop ? *stop : never), out.str(), err.str(), {}};
  for (const CaseResult& r : replayed.run.results) replayed.outcomes[r.id] = r.outcome;
  if (!scratch.empty()) std::filesystem::remove_all(scratch);
  return replayed;
}

std::size_t count_lines(const std::string& path) {
  std::ifstream file(path);
  return static_cast<std::size_t>(std::count(std::istreambuf_iterator<char>(file), {}, '\n'));
}

std::filesystem::path temp_dir(const std::string& name) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("reqprobe-replay-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

TEST(Loopback, FaithfulMockGivesZeroFindingsOnTheWholeSuite) {
  RunningMock mock = start_mock({});
  const Replayed replayed = replay(mock.url, inputs());
  EXPECT_EQ(replayed.run.exit_code, 0) << replayed.out;
  ASSERT_EQ(replayed.run.results.size(), suite().size());
  EXPECT_EQ(replayed.outcomes.size(), suite().size());  // every case once
  for (const CaseResult& r : replayed.run.results) EXPECT_EQ(r.outcome, Outcome::ok) << r.id << ": " << r.detail;
  EXPECT_NE(replayed.out.find("findings: 0"), std::string::npos);
}

// The findings a filtering defect must cause: the cases whose documented answer changes once the ignored
// violations are dropped.
std::map<std::string, Outcome> expected_for_filter(const std::function<bool(const Violation&)>& ignored) {
  const std::vector<std::string> credentials = credential_headers(contract()->plan());
  std::map<std::string, Outcome> expected;
  for (const gen::GeneratedCase& generated : suite()) {
    std::vector<Violation> errors = errors_of(generated.kase), kept;
    std::copy_if(errors.begin(), errors.end(), std::back_inserter(kept),
                 [&](const Violation& v) { return !ignored(v); });
    const ExpectedResponse documented = expected_response(contract()->plan().exact_answers, errors, credentials);
    const ExpectedResponse buggy = expected_response(contract()->plan().exact_answers, kept, credentials);
    if (buggy.status == documented.status && buggy.error_code == documented.error_code) continue;
    expected[generated.kase.id] = buggy.success()                     ? Outcome::accepted_invalid
                                  : buggy.status == documented.status ? Outcome::wrong_error_body
                                                                      : Outcome::wrong_status;
  }
  return expected;
}

std::map<std::string, Outcome> expected_when(const std::function<bool(const Case&)>& hit, Outcome outcome) {
  std::map<std::string, Outcome> expected;
  for (const gen::GeneratedCase& generated : suite())
    if (hit(generated.kase)) expected[generated.kase.id] = outcome;
  return expected;
}

bool has_error(const Case& kase, Code code) {
  const std::vector<Violation> errors = errors_of(kase);
  return std::any_of(errors.begin(), errors.end(), [&](const Violation& v) { return v.code == code; });
}

void expect_findings(const Replayed& replayed, const std::map<std::string, Outcome>& expected) {
  ASSERT_EQ(replayed.run.results.size(), suite().size()) << "every case must be accounted for";
  std::map<std::string, Outcome> findings;
  for (const auto& [id, outcome] : replayed.outcomes)
    if (is_finding(outcome)) findings[id] = outcome;
  EXPECT_FALSE(expected.empty()) << "the suite must exercise the defect";
  for (const auto& [id, outcome] : expected) {
    const auto found = findings.find(id);
    if (found == findings.end())
      ADD_FAILURE() << "missed: " << id << " should be " << outcome_name(outcome);
    else
      EXPECT_EQ(found->second, outcome) << id;
  }
  for (const auto& [id, outcome] : findings)
    if (!expected.count(id))
      ADD_FAILURE() << "finding not caused by the defect: " << id << " " << outcome_name(outcome);
  EXPECT_EQ(replayed.run.exit_code, 1);
}

struct DefectCase {
  std::string name;
  std::function<std::map<std::string, Outcome>()> expected;
};

class EachDefect : public ::testing::TestWithParam<DefectCase> {};

TEST_P(EachDefect, IsReportedWithOnlyTheFindingsItCauses) {
  const DefectCase& defect = GetParam();
  MockTimings timings;
  timings.hang = 3000ms;
  RunningMock mock = start_mock({defect.name}, timings);
  ReplayOptions options;
  options.client.timeout = 1500ms;  // below the hang, far above any answer on loopback, even in a sanitizer build
  options.client.retry.backoff = 10ms;
  options.max_dead = 0;  // close-without-answer and hang-on-deep-nesting leave runs of cases unanswered
  expect_findings(replay(mock.url, inputs(), options), defect.expected());
}

const std::vector<std::string> kCredentialHeaders = {"x-auth-token"};

INSTANTIATE_TEST_SUITE_P(
    Defects, EachDefect,
    ::testing::Values(
        DefectCase{"accept-unknown-fields",
                   [] {
                     return expected_for_filter(
                         [](const Violation& v) { return v.code == Code::unknown && v.location == Location::body; });
                   }},
        DefectCase{"skip-max-length",
                   [] {
                     return expected_for_filter(
                         [](const Violation& v) { return v.code == Code::max_length && v.location == Location::body; });
                   }},
        DefectCase{"accept-rate-limit-above-max",
                   [] {
                     return expected_for_filter([](const Violation& v) {
                       return v.code == Code::maximum && v.location == Location::body && v.pointer == "/rate_limit";
                     });
                   }},
        DefectCase{"ignore-token",
                   [] {
                     return expected_for_filter([](const Violation& v) {
                       return v.location == Location::header && v.pointer == "x-auth-token";
                     });
                   }},
        DefectCase{"ignore-code-enum",
                   [] { return expected_for_filter([](const Violation& v) { return v.code == Code::enum_value; }); }},
        DefectCase{"error-500-on-long-strings",
                   [] {
                     return expected_when([](const Case& c) { return has_error(c, Code::max_length); },
                                          Outcome::server_error);
                   }},
        DefectCase{"error-500-on-null",
                   [] {
                     return expected_when([](const Case& c) { return c.body && has_null_value(*c.body); },
                                          Outcome::server_error);
                   }},
        DefectCase{"close-without-answer",
                   [] {
                     return expected_when([](const Case& c) { return has_error(c, Code::syntax); },
                                          Outcome::transport_error);
                   }},
        DefectCase{"hang-on-deep-nesting",
                   [] {
                     return expected_when([](const Case& c) { return c.body && nesting_depth(*c.body) > kDeepNesting; },
                                          Outcome::timeout);
                   }}),
    [](const ::testing::TestParamInfo<DefectCase>& param) {
      std::string name = param.param.name;
      std::replace(name.begin(), name.end(), '-', '_');
      return name;
    });

TEST(Loopback, SlowAnswersAgainstTheTimeout) {
  MockTimings timings;
  timings.slow = 150ms;
  RunningMock mock = start_mock({"slow-answers"}, timings);
  const std::vector<ReplayInput> some = inputs(32);
  ReplayOptions options;
  options.client.timeout = 50ms;
  options.max_dead = 0;  // every case times out: the run must not stop as for a dead endpoint
  const Replayed timed_out = replay(mock.url, some, options);
  ASSERT_EQ(timed_out.run.results.size(), some.size());
  for (const CaseResult& r : timed_out.run.results) EXPECT_EQ(r.outcome, Outcome::timeout) << r.id;
  EXPECT_EQ(timed_out.run.exit_code, 1);
  options.client.timeout = 3000ms;
  const Replayed patient = replay(mock.url, some, options);
  for (const CaseResult& r : patient.run.results) EXPECT_EQ(r.outcome, Outcome::ok) << r.id;
  EXPECT_EQ(patient.run.exit_code, 0);
}

TEST(Loopback, RateLimitStormIsRetriedAfterRetryAfter) {
  RunningMock mock = start_mock({"rate-limit-storm"});
  const std::vector<ReplayInput> some = inputs(100);
  const Replayed replayed = replay(mock.url, some);
  ASSERT_EQ(replayed.run.results.size(), some.size());
  for (const CaseResult& r : replayed.run.results) EXPECT_EQ(r.outcome, Outcome::ok) << r.id << ": " << r.detail;
  EXPECT_GE(replayed.run.retried, 16u);
  EXPECT_GE(replayed.run.seconds, 0.95);  // Retry-After: 1 was honoured, not hammered
  const auto max_attempts =
      std::max_element(replayed.run.results.begin(), replayed.run.results.end(),
                       [](const CaseResult& a, const CaseResult& b) { return a.attempts < b.attempts; });
  EXPECT_EQ(max_attempts->attempts, 2);
}

TEST(Loopback, ConnectionResetsAreRetriedOnlyWhereNothingCanBeDoneTwice) {
  RunningMock mock = start_mock({"flaky-connections"});
  ReplayOptions options;
  options.client.retry.backoff = 5ms;
  options.max_dead = 0;
  const Replayed careful = replay(mock.url, inputs(), options);
  ASSERT_EQ(careful.run.results.size(), suite().size());
  std::size_t reset = 0;
  for (const CaseResult& r : careful.run.results) {
    if (r.outcome == Outcome::ok) continue;
    ++reset;
    EXPECT_EQ(r.outcome, Outcome::transport_error) << r.id << ": " << r.detail;
    EXPECT_NE(r.method, "GET") << "idempotent: retried";
    EXPECT_EQ(r.attempts, 1) << r.id << ": a POST reset after it was sent is not sent again";
  }
  EXPECT_GT(reset, 0u);
  // Beyond replay's own retries, only libcurl's resends of idempotent requests on a fresh connection (a reused one
  // reset under them) may reach the mock twice; wire_test.cc checks a POST byte for byte.
  const auto idempotent = static_cast<std::size_t>(std::count_if(
      suite().begin(), suite().end(), [](const gen::GeneratedCase& c) { return is_idempotent(c.kase.method); }));
  EXPECT_GE(mock.server->requests(), suite().size() + careful.run.retried);
  EXPECT_LE(mock.server->requests(), suite().size() + careful.run.retried + idempotent);

  // --retry-after-send. One transfer at a time: the mock resets every 5th request it receives, so a case's retry
  // is the next request and is answered. With transfers in flight side by side, the other cases' requests can fall
  // between a case's tries so that each lands on a 5th (seen once in an ASan run: four resets, the retries spent).
  options.client.retry.after_send = true;
  options.client.concurrency = 1;
  options.client.threads = 1;
  const Replayed retried = replay(mock.url, inputs(), options);
  ASSERT_EQ(retried.run.results.size(), suite().size());
  for (const CaseResult& r : retried.run.results) EXPECT_EQ(r.outcome, Outcome::ok) << r.id << ": " << r.detail;
  EXPECT_GT(retried.run.retried, 0u);
}

TEST(Loopback, ServerDyingMidRunLeavesACompleteReport) {
  MockTimings timings;
  timings.slow = 20ms;
  RunningMock mock = start_mock({"slow-answers"}, timings);
  const std::vector<ReplayInput> some = inputs(200);
  const auto dir = temp_dir("dying");
  ReplayOptions options;
  options.client.concurrency = 4;
  options.client.retry.retries = 1;
  options.client.retry.backoff = 5ms;
  options.max_dead = 0;  // go on to the end: every case accounted for
  options.report = (dir / "report.jsonl").string();
  options.junit = (dir / "report.xml").string();
  options.sarif = (dir / "report.sarif").string();
  std::thread killer([&] {
    std::this_thread::sleep_for(300ms);
    mock.server->stop();
  });
  const Replayed replayed = replay(mock.url, some, options);
  killer.join();
  ASSERT_EQ(replayed.run.results.size(), some.size());
  EXPECT_EQ(replayed.outcomes.size(), some.size());
  EXPECT_EQ(count_lines(options.report), some.size());
  std::size_t ok = 0, lost = 0;
  for (const CaseResult& r : replayed.run.results) {
    ok += r.outcome == Outcome::ok;
    lost += r.outcome == Outcome::transport_error;
  }
  EXPECT_GT(ok, 0u);
  EXPECT_GT(lost, 0u);
  EXPECT_EQ(ok + lost, some.size());
  EXPECT_EQ(replayed.run.exit_code, 1);
  EXPECT_TRUE(std::filesystem::exists(options.junit));
  EXPECT_TRUE(std::filesystem::exists(options.sarif));
  std::filesystem::remove_all(dir);
}

TEST(Loopback, ServerDyingMidRunStopsTheRunAndResumeFinishesIt) {
  MockTimings timings;
  timings.slow = 20ms;
  RunningMock mock = start_mock({"slow-answers"}, timings);
  const std::vector<ReplayInput> some = inputs(200);
  const auto dir = temp_dir("dead");
  ReplayOptions options;
  options.client.concurrency = 4;
  options.client.retry.retries = 1;
  options.client.retry.backoff = 5ms;
  options.report = (dir / "report.jsonl").string();
  std::thread killer([&] {
    std::this_thread::sleep_for(300ms);
    mock.server->stop();
  });
  const Replayed first = replay(mock.url, some, options);
  killer.join();
  EXPECT_EQ(first.run.exit_code, 2);
  EXPECT_TRUE(first.run.endpoint_dead);
  ASSERT_LT(first.run.results.size(), some.size()) << "stopped, not every case burnt on a dead endpoint";
  EXPECT_EQ(first.run.results.size() + first.run.not_run, some.size());
  EXPECT_EQ(count_lines(options.report), first.run.results.size());
  ASSERT_FALSE(first.run.last_answered.empty());
  EXPECT_EQ(first.outcomes.at(first.run.last_answered), Outcome::ok);
  EXPECT_NE(first.err.find("the last case answered was '" + first.run.last_answered + "'"), std::string::npos)
      << first.err;

  RunningMock again = start_mock({});
  options.resume = options.report;
  const Replayed second = replay(again.url, some, options);
  EXPECT_EQ(second.run.exit_code, 0) << second.err;
  EXPECT_EQ(second.run.results.size(), some.size());
  EXPECT_EQ(second.outcomes.size(), some.size());
  EXPECT_EQ(count_lines(options.report), some.size()) << "each case once: the unanswered lines were dropped";
  for (const CaseResult& r : second.run.results) EXPECT_EQ(r.outcome, Outcome::ok) << r.id;
  std::filesystem::remove_all(dir);
}

TEST(Loopback, InterruptedRunResumes) {
  MockTimings timings;
  timings.slow = 20ms;
  RunningMock mock = start_mock({"slow-answers"}, timings);
  const std::vector<ReplayInput> some = inputs(120);
  const auto dir = temp_dir("resume");
  ReplayOptions options;
  options.client.concurrency = 4;
  options.report = (dir / "report.jsonl").string();
  std::atomic<bool> stop{false};
  std::thread interrupter([&] {
    std::this_thread::sleep_for(200ms);
    stop = true;
  });
  const Replayed first = replay(mock.url, some, options, &stop);
  interrupter.join();
  EXPECT_TRUE(first.run.interrupted);
  EXPECT_EQ(first.run.exit_code, 2);
  ASSERT_GT(first.run.results.size(), 0u);
  ASSERT_LT(first.run.results.size(), some.size());
  EXPECT_EQ(first.run.results.size() + first.run.not_run, some.size());
  EXPECT_EQ(count_lines(options.report), first.run.results.size());

  options.resume = options.report;
  const Replayed second = replay(mock.url, some, options);
  EXPECT_EQ(second.run.exit_code, 0) << second.err;
  EXPECT_EQ(second.run.results.size(), some.size());
  EXPECT_EQ(second.outcomes.size(), some.size());
  EXPECT_EQ(count_lines(options.report), some.size());  // appended, nothing sent twice
  // Only the requests in flight at the interruption may have been sent twice.
  EXPECT_LE(mock.server->requests(), some.size() + options.client.concurrency);
  std::filesystem::remove_all(dir);
}

TEST(Loopback, RateIsHeldWithinAFewPercent) {
  RunningMock mock = start_mock({});
  const std::vector<ReplayInput> some = inputs(150);
  ReplayOptions options;
  options.client.rate = 250;
  options.client.concurrency = 4;
  const Replayed replayed = replay(mock.url, some, options);
  ASSERT_EQ(replayed.run.results.size(), some.size());
  double first = 1e18, last = 0;
  for (const CaseResult& r : replayed.run.results) {
    first = std::min(first, r.start_ms);
    last = std::max(last, r.start_ms);
  }
  const double rate = static_cast<double>(some.size() - 1) / ((last - first) / 1000.0);
  EXPECT_NEAR(rate, 250.0, 250.0 * 0.03);
}

TEST(Loopback, RefusesValidCasesToRemoteHosts) {
  const Replayed refused = replay("http://192.0.2.1:9", inputs(5));
  EXPECT_EQ(refused.run.exit_code, 2);
  EXPECT_NE(refused.err.find("not loopback"), std::string::npos) << refused.err;
  EXPECT_TRUE(refused.run.results.empty());
}

}  // namespace
}  // namespace reqprobe::replay
