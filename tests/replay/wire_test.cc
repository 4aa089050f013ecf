// What replay puts on the wire, checked byte for byte against a recording server on 127.0.0.1 (raw_http_server.h):
// the request libcurl writes is exactly the one the expectation was computed on (a case's own Host and
// Content-Length used as given, never doubled); a case HTTP/1.1 cannot carry is never sent; retries never send a
// POST twice unless asked; a dead endpoint stops the run, and --resume sends what got no answer.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "raw_http_server.h"
#include "replay_run.h"

namespace reqprobe::replay {
namespace {

using namespace std::chrono_literals;
using testing::RawHttpServer;

const std::string kTasks = "/v5/p1/image/image-scan/tasks";
const std::string kBody = R"({"is_all":true})";
const std::string kInvalidBody = R"({"is_all":1})";  // 400 HSS.0001, what the test servers answer
const std::string kError = R"({"error_code":"HSS.0001","error_msg":"m"})";

std::shared_ptr<const Contract> contract() {
  static const std::shared_ptr<const Contract> loaded = load_embedded_contract().contract;
  return loaded;
}

Case make_case(std::string id, std::string method, HeaderList headers, std::optional<std::string> body,
               std::string target = kTasks) {
  Case kase;
  kase.id = std::move(id);
  kase.method = std::move(method);
  kase.target = std::move(target);
  kase.headers = std::move(headers);
  kase.body = std::move(body);
  return kase;
}

HeaderList token_and_type() {
  return {{"X-Auth-Token", "tok-12345678"}, {"Content-Type", "application/json"}};
}

// The request as the expectation describes it: the request line, PreparedCase's fields in order ("Name:" for an
// empty value, as libcurl writes it), the blank line, the body.
std::string wire_bytes(const PreparedCase& kase) {
  std::string bytes = kase.method + " " + kase.target + " HTTP/1.1\r\n";
  for (const auto& [name, value] : kase.headers) bytes += value.empty() ? name + ":\r\n" : name + ": " + value + "\r\n";
  bytes += "\r\n";
  if (kase.body) bytes += *kase.body;
  return bytes;
}

std::size_t count_lines_starting(const std::string& request, const std::string& lowercase_prefix) {
  std::size_t count = 0;
  std::istringstream lines(request);
  for (std::string line; std::getline(lines, line);) {
    std::transform(line.begin(), line.end(), line.begin(),
                   [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    count += line.starts_with(lowercase_prefix);
  }
  return count;
}

struct Replayed {
  ReplayRun run;
  std::string out;
  std::string err;
};

Replayed replay(const std::string& url, const std::vector<Case>& cases, ReplayOptions options) {
  options.target = url;
  std::vector<ReplayInput> inputs;
  for (const Case& kase : cases) inputs.push_back({kase, ""});
  std::ostringstream out, err;
  const std::atomic<bool> never{false};
  Replayed replayed{run_replay(contract(), inputs, options, out, err, never), out.str(), err.str()};
  return replayed;
}

ReplayOptions one_at_a_time() {
  ReplayOptions options;
  options.client.concurrency = 1;
  options.client.threads = 1;
  options.client.retry.backoff = 1ms;
  return options;
}

std::filesystem::path temp_dir(const std::string& name) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("reqprobe-wire-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

TEST(Wire, TheBytesSentAreTheBytesJudged) {
  RawHttpServer server([](const std::string&, std::size_t) {
    return RawHttpServer::response(400, "X-Request-Id: r\r\nContent-Type: application/json\r\n", kError);
  });
  HeaderList at_limit = token_and_type(), past_limit = token_and_type();
  for (int i = 0; i < 252; ++i) at_limit.emplace_back("X-Filler-" + std::to_string(i), "v");
  for (int i = 0; i < 253; ++i) past_limit.emplace_back("X-Filler-" + std::to_string(i), "v");
  const std::vector<Case> cases = {
      make_case("plain", "POST", token_and_type(), kBody),
      make_case("own-host-and-length", "POST",
                {{"X-Auth-Token", "tok-12345678"},
                 {"host", "example.test"},
                 {"Content-Type", "application/json"},
                 {"content-length", "15"}},
                kBody),
      make_case("empty-value", "POST", {{"X-Auth-Token", "tok-12345678"}, {"Region", ""}}, std::nullopt),
      make_case("whitespace", "POST", {{"X-Auth-Token", " tok-12345678\t"}, {"Region", " \t "}}, std::nullopt),
      make_case("head", "HEAD", token_and_type(), kBody),
      make_case("no-body", "GET", token_and_type(), std::nullopt),
      make_case("at-limit", "POST", at_limit, kBody),
      make_case("past-limit", "POST", past_limit, kBody),
  };
  ReplayOptions options = one_at_a_time();
  const Replayed replayed = replay(server.url(), cases, options);
  ASSERT_EQ(replayed.run.results.size(), cases.size()) << replayed.err;

  TargetUrl target;
  std::string error;
  ASSERT_TRUE(parse_target_url(server.url(), target, error));
  CasePreparer preparer(contract(), {}, {}, target.host_header);
  std::vector<PreparedCase> prepared;
  for (const Case& kase : cases) prepared.push_back(preparer.prepare(kase, ""));
  // What each expectation was computed on: Host first (the case's own one, renamed by libcurl to "Host"), then the
  // case's fields, then Content-Length when a body goes out and the case has none.
  const std::string host = "Host: 127.0.0.1:" + std::to_string(server.port());
  EXPECT_EQ(wire_bytes(prepared[0]), "POST " + kTasks + " HTTP/1.1\r\n" + host +
                                         "\r\nX-Auth-Token: tok-12345678\r\nContent-Type: application/json\r\n"
                                         "Content-Length: 15\r\n\r\n" +
                                         kBody);
  EXPECT_EQ(wire_bytes(prepared[1]), "POST " + kTasks +
                                         " HTTP/1.1\r\nHost: example.test\r\nX-Auth-Token: tok-12345678\r\n"
                                         "Content-Type: application/json\r\ncontent-length: 15\r\n\r\n" +
                                         kBody);
  EXPECT_EQ(wire_bytes(prepared[2]),
            "POST " + kTasks + " HTTP/1.1\r\n" + host + "\r\nX-Auth-Token: tok-12345678\r\nRegion:\r\n\r\n");
  EXPECT_EQ(wire_bytes(prepared[3]),
            "POST " + kTasks + " HTTP/1.1\r\n" + host + "\r\nX-Auth-Token:  tok-12345678\t\r\nRegion:\r\n\r\n");
  EXPECT_FALSE(prepared[4].body);
  EXPECT_EQ(prepared[6].headers.size(), 256u);
  EXPECT_TRUE(prepared[6].expected_valid) << "256 fields on the wire: at the limit";
  EXPECT_EQ(prepared[7].headers.size(), 257u);
  EXPECT_EQ(prepared[7].expected.describe(), "400 HSS.0002") << "257 fields on the wire: past the limit";

  const std::vector<std::string> received = server.requests();
  ASSERT_EQ(received.size(), cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(received[i], wire_bytes(prepared[i])) << cases[i].id;
    EXPECT_EQ(count_lines_starting(received[i], "host:"), 1u) << cases[i].id;
    EXPECT_LE(count_lines_starting(received[i], "content-length:"), 1u) << cases[i].id;
    EXPECT_EQ(replayed.run.results[i].expected_valid, prepared[i].expected_valid) << cases[i].id;
  }
}

TEST(Wire, CasesHttpCannotCarryAreReportedNotSent) {
  RawHttpServer server([](const std::string&, std::size_t) {
    return RawHttpServer::response(400, "X-Request-Id: r\r\nContent-Type: application/json\r\n", kError);
  });
  HeaderList injected = token_and_type(), chunked = token_and_type(), wrong_length = token_and_type();
  injected.emplace_back("Region", "r1\r\nX-Injected: 1");
  chunked.emplace_back("Transfer-Encoding", "chunked");
  wrong_length.emplace_back("Content-Length", "99");
  const std::vector<Case> cases = {
      make_case("header.crlf", "POST", injected, kBody),
      make_case("header.transfer_encoding", "POST", chunked, kBody),
      make_case("header.content_length", "POST", wrong_length, kBody),
      make_case("sent", "POST", token_and_type(), kInvalidBody),
  };
  const auto dir = temp_dir("not-sent");
  ReplayOptions options = one_at_a_time();
  options.report = (dir / "r.jsonl").string();
  options.junit = (dir / "r.xml").string();
  options.sarif = (dir / "r.sarif").string();
  const Replayed replayed = replay(server.url(), cases, options);
  EXPECT_EQ(replayed.run.exit_code, 0) << "not-sent is not a finding: " << replayed.out;
  EXPECT_EQ(replayed.run.not_sent, 3u);
  const std::vector<std::string> received = server.requests();
  ASSERT_EQ(received.size(), 1u) << "only the sendable case goes out";
  for (const std::string& request : received) EXPECT_EQ(request.find("X-Injected"), std::string::npos);
  const std::map<std::string, std::string> reasons = {
      {"header.crlf",
       "not sent: the value of Region holds CR, LF or NUL, which would end the field and start "
       "another one"},
      {"header.transfer_encoding",
       "not sent: the case has its own Transfer-Encoding field: libcurl would chunk the "
       "body, so other bytes would go out"},
      {"header.content_length", "not sent: the Content-Length field says \"99\" but the body has 15 bytes"},
  };
  for (const CaseResult& r : replayed.run.results) {
    if (r.id == "sent") {
      EXPECT_EQ(r.outcome, Outcome::ok) << r.detail;
      continue;
    }
    EXPECT_EQ(r.outcome, Outcome::not_sent) << r.id;
    EXPECT_EQ(r.detail, reasons.at(r.id));
    EXPECT_EQ(r.attempts, 0);
  }
  EXPECT_NE(replayed.out.find("NOT SENT header.crlf: not sent: the value of Region"), std::string::npos)
      << replayed.out;
  const std::size_t row = replayed.out.find("\n  not-sent ");
  ASSERT_NE(row, std::string::npos) << replayed.out;
  std::size_t valid = 0, invalid = 0, total = 0;
  std::istringstream(replayed.out.substr(row + 12)) >> valid >> invalid >> total;
  EXPECT_EQ(total, 3u) << "the summary counts them: " << replayed.out;
  const std::string jsonl = read_file(options.report);
  EXPECT_EQ(lines_of(jsonl).size(), 4u);
  EXPECT_NE(jsonl.find(R"("id":"header.crlf","file":"","outcome":"not-sent","finding":false)"), std::string::npos);
  const std::string junit = read_file(options.junit);
  EXPECT_NE(junit.find(R"(skipped="3")"), std::string::npos);
  EXPECT_NE(junit.find(R"(<skipped message="not sent: the case has its own Transfer-Encoding field)"),
            std::string::npos);
  const std::string sarif = read_file(options.sarif);
  EXPECT_NE(sarif.find(R"("ruleId": "not-sent", "ruleIndex": 7, "kind": "notApplicable", "level": "none")"),
            std::string::npos)
      << sarif;
  std::filesystem::remove_all(dir);
}

// Item 18: a try is repeated only when the endpoint certainly did not act on it.
struct RetryCase {
  std::string name;
  std::string method;
  bool after_send;
  bool refuse;                ///< nothing listens: the connection fails, nothing is sent
  std::size_t answer_from;    ///< requests before this index are closed without an answer
  std::size_t expected_seen;  ///< requests the endpoint received
  int expected_attempts;
  Outcome expected_outcome;
};

class Retries : public ::testing::TestWithParam<RetryCase> {};

TEST_P(Retries, OnlyWhenNothingCanHaveBeenActedOn) {
  const RetryCase& c = GetParam();
  RawHttpServer server([&](const std::string&, std::size_t index) {
    if (index < c.answer_from) return std::string();  // read, then closed without an answer
    return RawHttpServer::response(400, "X-Request-Id: r\r\nContent-Type: application/json\r\n", kError);
  });
  const std::string url = c.refuse ? "http://127.0.0.1:" + std::to_string(testing::refused_port()) : server.url();
  ReplayOptions options = one_at_a_time();
  options.client.retry.retries = 3;
  options.client.retry.after_send = c.after_send;
  options.max_dead = 0;
  const Replayed replayed = replay(
      url,
      {make_case("c", c.method, token_and_type(), c.method == "POST" ? std::optional(kInvalidBody) : std::nullopt)},
      options);
  ASSERT_EQ(replayed.run.results.size(), 1u) << replayed.err;
  EXPECT_EQ(server.requests().size(), c.expected_seen);
  EXPECT_EQ(replayed.run.results[0].attempts, c.expected_attempts);
  EXPECT_EQ(replayed.run.results[0].outcome, c.expected_outcome) << replayed.run.results[0].detail;
}

INSTANTIATE_TEST_SUITE_P(
    Wire, Retries,
    ::testing::Values(
        // A POST read and then dropped may have created a scan task: never sent twice by default.
        RetryCase{"post_closed_without_answer", "POST", false, false, 99, 1, 1, Outcome::transport_error},
        RetryCase{"post_closed_once_is_not_retried", "POST", false, false, 1, 1, 1, Outcome::transport_error},
        // --retry-after-send: the user accepts that risk.
        RetryCase{"post_retried_when_asked", "POST", true, false, 99, 4, 4, Outcome::transport_error},
        RetryCase{"post_retried_when_asked_then_answered", "POST", true, false, 2, 3, 3, Outcome::ok},
        // Idempotent methods are retried (GET has no route here: 404 is the documented answer, 400 is wrong).
        RetryCase{"get_retried", "GET", false, false, 99, 4, 4, Outcome::transport_error},
        RetryCase{"get_retried_then_answered", "GET", false, false, 1, 2, 2, Outcome::wrong_status},
        // Nothing was sent: retried whatever the method.
        RetryCase{"post_refused_connection", "POST", false, true, 0, 0, 4, Outcome::transport_error}),
    [](const ::testing::TestParamInfo<RetryCase>& param) { return param.param.name; });

TEST(Wire, TooManyRequestsIsRetriedForAPost) {
  RawHttpServer server([](const std::string&, std::size_t index) {
    if (index == 0) return RawHttpServer::response(429, "Retry-After: 0\r\n", "");
    return RawHttpServer::response(400, "X-Request-Id: r\r\nContent-Type: application/json\r\n", kError);
  });
  const Replayed replayed =
      replay(server.url(), {make_case("c", "POST", token_and_type(), kInvalidBody)}, one_at_a_time());
  ASSERT_EQ(replayed.run.results.size(), 1u);
  EXPECT_EQ(server.requests().size(), 2u);
  EXPECT_EQ(replayed.run.results[0].attempts, 2);
  EXPECT_EQ(replayed.run.results[0].outcome, Outcome::ok) << replayed.run.results[0].detail;
}

// libcurl sends a request again by itself when the reused connection it went out on closes without an answer; for
// a POST that is stopped too.
TEST(Wire, APostIsNotSentAgainOnAFreshConnectionByLibcurl) {
  RawHttpServer server([](const std::string&, std::size_t index) {
    if (index == 1) return std::string();
    return RawHttpServer::response(400, "X-Request-Id: r\r\nContent-Type: application/json\r\n", kError);
  });
  ReplayOptions options = one_at_a_time();
  options.max_dead = 0;
  const Replayed replayed = replay(server.url(),
                                   {make_case("first", "POST", token_and_type(), kInvalidBody),
                                    make_case("second", "POST", token_and_type(), kInvalidBody)},
                                   options);
  ASSERT_EQ(replayed.run.results.size(), 2u);
  EXPECT_EQ(server.requests().size(), 2u) << "the second case went out once";
  EXPECT_EQ(replayed.run.results[1].outcome, Outcome::transport_error);
  EXPECT_EQ(replayed.run.results[1].attempts, 1);
  EXPECT_EQ(replayed.run.results[1].detail,
            "expected 400 HSS.0001, no answer after 1 tries: the connection closed without an answer; not sent again, "
            "since the endpoint may have acted on it (--retry-after-send allows it)");
}

std::vector<Case> numbered_cases(std::size_t count) {
  std::vector<Case> cases;
  for (std::size_t i = 0; i < count; ++i)
    cases.push_back(make_case("case." + std::to_string(i), "POST", token_and_type(), kInvalidBody));
  return cases;
}

// Items 13 and 12: an endpoint that stops answering stops the run; --resume then sends the rest and the cases that
// got no answer, and the report holds each case once.
TEST(Wire, ADeadEndpointStopsTheRunAndResumeSendsTheRest) {
  const std::size_t kAnswered = 5;
  RawHttpServer dying([&](const std::string&, std::size_t index) {
    if (index >= kAnswered) return std::string();
    return RawHttpServer::response(400, "X-Request-Id: r\r\nContent-Type: application/json\r\n", kError);
  });
  const std::vector<Case> cases = numbered_cases(40);
  const auto dir = temp_dir("dead");
  ReplayOptions options = one_at_a_time();
  options.client.retry.retries = 1;
  options.report = (dir / "r.jsonl").string();
  const Replayed first = replay(dying.url(), cases, options);
  EXPECT_EQ(first.run.exit_code, 2);
  EXPECT_TRUE(first.run.endpoint_dead);
  EXPECT_FALSE(first.run.interrupted);
  ASSERT_EQ(first.run.results.size(), kAnswered + options.max_dead);
  EXPECT_EQ(first.run.not_run, cases.size() - first.run.results.size());
  EXPECT_EQ(first.run.last_answered, "case.4");
  EXPECT_NE(first.err.find("reqprobe: the endpoint stopped answering: 10 cases in a row got no answer (timeout or "
                           "transport error); the last case answered was 'case.4'. 25 cases not run; continue with "
                           "--resume " +
                           options.report),
            std::string::npos)
      << first.err;
  EXPECT_NE(first.out.find("  not run (the endpoint stopped answering): 25\n"), std::string::npos) << first.out;
  EXPECT_EQ(lines_of(read_file(options.report)).size(), 15u);
  EXPECT_EQ(dying.requests().size(), 15u) << "each case went out once: no POST was sent again";

  RawHttpServer alive([](const std::string&, std::size_t) {
    return RawHttpServer::response(400, "X-Request-Id: r\r\nContent-Type: application/json\r\n", kError);
  });
  options.resume = options.report;
  const Replayed second = replay(alive.url(), cases, options);
  EXPECT_EQ(second.run.exit_code, 0) << second.err;
  EXPECT_EQ(second.run.resent, 10u);
  EXPECT_EQ(alive.requests().size(), cases.size() - kAnswered) << "the rest, and the ten that got no answer";
  const std::vector<std::string> lines = lines_of(read_file(options.report));
  EXPECT_EQ(lines.size(), cases.size());
  std::set<std::string> ids;
  for (const std::string& line : lines) {
    const std::optional<CaseResult> r = parse_jsonl_line(line);
    ASSERT_TRUE(r) << line;
    ids.insert(r->id);
    EXPECT_FALSE(is_no_answer(r->outcome)) << line;
  }
  EXPECT_EQ(ids.size(), cases.size()) << "every case once";
  EXPECT_NE(second.out.find("(10 cases of the resumed report got no answer there: sent again)"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(Wire, MaxDeadZeroNeverStops) {
  const std::vector<Case> cases = numbered_cases(14);
  ReplayOptions options = one_at_a_time();
  options.client.retry.retries = 0;
  options.max_dead = 0;
  const Replayed replayed = replay("http://127.0.0.1:" + std::to_string(testing::refused_port()), cases, options);
  EXPECT_EQ(replayed.run.results.size(), cases.size());
  EXPECT_FALSE(replayed.run.endpoint_dead);
  EXPECT_EQ(replayed.run.exit_code, 1);
}

TEST(Wire, NoAnswerAtAllIsSaid) {
  ReplayOptions options = one_at_a_time();
  options.client.retry.retries = 0;
  options.max_dead = 3;
  const Replayed replayed =
      replay("http://127.0.0.1:" + std::to_string(testing::refused_port()), numbered_cases(8), options);
  EXPECT_EQ(replayed.run.exit_code, 2);
  EXPECT_EQ(replayed.run.results.size(), 3u);
  EXPECT_NE(replayed.err.find("3 cases in a row got no answer (timeout or transport error); no case was answered. 5 "
                              "cases not run; with --report FILE a later run can --resume FILE"),
            std::string::npos)
      << replayed.err;
}

}  // namespace
}  // namespace reqprobe::replay
