// Unit tests of the replay library's pure parts: the answer precedence, head capture, classification, signing,
// quoting, redaction, Retry-After, the rate limiter and report lines. No sockets here (loopback_test.cc has them).
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "apig_signer.h"
#include "body_files.h"
#include "case_result.h"
#include "curl_command.h"
#include "error_response.h"
#include "loopback.h"
#include "mock_defects.h"
#include "mock_responder.h"
#include "outcome.h"
#include "rate_limiter.h"
#include "redactor.h"
#include "retry_policy.h"
#include "target_url.h"

namespace reqprobe::replay {
namespace {

Violation error(Code code, Location location, std::string pointer = {}) {
  Violation v;
  v.code = code;
  v.location = location;
  v.pointer = std::move(pointer);
  return v;
}

const std::vector<std::string> kCredentials = {"x-auth-token"};

// HSS's answer rules, as its document writes them (x-reqprobe-answers).
const ExactAnswers& hss_answers() {
  static const std::shared_ptr<const Contract> hss = load_embedded_contract().contract;
  return hss->plan().exact_answers;
}

TEST(ExpectedResponse, FollowsGatewayPrecedence) {
  EXPECT_EQ(expected_response(hss_answers(), {}, kCredentials).status, 200);
  const std::vector<Violation> everything = {
      error(Code::maximum, Location::body, "/rate_limit"), error(Code::syntax, Location::body),
      error(Code::required, Location::header, "x-auth-token"), error(Code::method, Location::request)};
  // Removing the strongest violation each time walks down the precedence: 404, 401, HSS.0002, HSS.0001, 200.
  const char* answers[] = {"404 APIGW.0101", "401 APIGW.0301", "400 HSS.0002", "400 HSS.0001", "200"};
  for (std::size_t kept = everything.size() + 1; kept-- > 0;) {
    const std::vector<Violation> some(everything.begin(), everything.begin() + static_cast<std::ptrdiff_t>(kept));
    EXPECT_EQ(expected_response(hss_answers(), some, kCredentials).describe(), answers[everything.size() - kept])
        << kept;
  }
  EXPECT_EQ(expected_response(hss_answers(),
                              std::vector{error(Code::maximum, Location::body), error(Code::syntax, Location::body)},
                              kCredentials)
                .describe(),
            "400 HSS.0002");
  EXPECT_EQ(expected_response(hss_answers(),
                              std::vector{error(Code::max_length, Location::header, "x-auth-token"),
                                          error(Code::syntax, Location::body)},
                              kCredentials)
                .describe(),
            "401 APIGW.0301");
  EXPECT_EQ(expected_response(hss_answers(), std::vector{error(Code::encoding, Location::query, "q")}, kCredentials)
                .describe(),
            "400 HSS.0001");
  EXPECT_EQ(
      expected_response(hss_answers(), std::vector{error(Code::encoding, Location::body)}, kCredentials).describe(),
      "400 HSS.0002");
  EXPECT_EQ(
      expected_response(hss_answers(), std::vector{error(Code::limit, Location::header)}, kCredentials).describe(),
      "400 HSS.0002");
  EXPECT_EQ(expected_response(hss_answers(), std::vector{error(Code::path, Location::path, "project_id")}, kCredentials)
                .describe(),
            "400 HSS.0001");
  Violation warning = error(Code::unknown, Location::body, "/x");
  warning.severity = Severity::warning;
  EXPECT_EQ(expected_response(hss_answers(), std::vector{warning}, kCredentials).status, 200);
}

TEST(ExpectedResponse, CredentialHeadersComeFromTheContract) {
  const LoadResult loaded = load_embedded_contract();
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(credential_headers(loaded.contract->plan()), std::vector<std::string>{"x-auth-token"});
  EXPECT_EQ(error_body(hss_answers(), "HSS.0001", "bad \"x\""), R"({"error_code":"HSS.0001","error_msg":"bad \"x\""})");
}

TEST(MockDefects, ParsesEveryCatalogName) {
  for (const DefectInfo& defect : defect_catalog()) {
    MockDefects defects;
    std::string message;
    EXPECT_TRUE(parse_defects(std::vector{defect.name}, defects, message)) << defect.name;
    EXPECT_TRUE(defects.any()) << defect.name;
    EXPECT_FALSE(defect.help.empty());
  }
  MockDefects defects;
  std::string message;
  EXPECT_FALSE(parse_defects(std::vector<std::string>{"ignore-code-nope"}, defects, message));
  EXPECT_FALSE(parse_defects(std::vector<std::string>{"crash"}, defects, message));
  EXPECT_NE(message.find("crash"), std::string::npos);
}

TEST(MockDefects, FiltersByCodeLocationAndPointer) {
  MockDefects defects;
  std::string message;
  ASSERT_TRUE(parse_defects(std::vector<std::string>{"accept-rate-limit-above-max", "ignore-token"}, defects, message));
  EXPECT_TRUE(defects.ignores(error(Code::maximum, Location::body, "/rate_limit"), kCredentials));
  EXPECT_FALSE(defects.ignores(error(Code::maximum, Location::body, "/scan_scope"), kCredentials));
  EXPECT_TRUE(defects.ignores(error(Code::duplicate, Location::header, "x-auth-token"), kCredentials));
  EXPECT_FALSE(defects.ignores(error(Code::duplicate, Location::header, "region"), kCredentials));
}

TEST(MockResponder, NestingDepthSkipsStrings) {
  EXPECT_EQ(nesting_depth(R"({"a":[{"b":"[[[[{{{{"}]})"), 3);
  EXPECT_EQ(nesting_depth(R"("\"[")"), 0);
  EXPECT_EQ(nesting_depth(std::string(100, '[')), 100);
}

PreparedCase invalid_case(int status, std::string code, std::string method = "POST") {
  PreparedCase kase;
  kase.id = "c";
  kase.method = std::move(method);
  kase.expected_valid = false;
  kase.expected.status = status;
  kase.expected.error_code = std::move(code);
  kase.expected.request_id_header = "X-Request-Id";  // HSS's rules (hss_answers())
  return kase;
}

Exchange answer(int status, std::string body, std::string request_id = "r1") {
  Exchange exchange;
  exchange.transport = Exchange::Transport::answered;
  exchange.status = status;
  exchange.body = std::move(body);
  exchange.request_id = std::move(request_id);
  exchange.attempts = 1;
  return exchange;
}

TEST(Classify, EveryOutcome) {
  const PreparedCase invalid = invalid_case(400, "HSS.0001");
  PreparedCase valid;
  valid.method = "POST";
  const std::string documented = R"({"error_code":"HSS.0001","error_msg":"m"})";
  Exchange timeout;
  timeout.transport = Exchange::Transport::timeout;
  timeout.error = "t";
  Exchange failed;
  failed.transport = Exchange::Transport::failed;
  failed.attempts = 4;
  failed.error = "refused";
  struct Row {
    const PreparedCase& kase;
    Exchange exchange;
    Outcome outcome;
    std::string detail;
  };
  const std::vector<Row> rows = {
      {invalid, answer(400, documented), Outcome::ok, ""},
      {invalid, answer(200, ""), Outcome::accepted_invalid, "expected 400 HSS.0001, got 200"},
      {valid, answer(200, ""), Outcome::ok, ""},
      {valid, answer(204, ""), Outcome::ok, ""},
      {valid, answer(400, documented), Outcome::rejected_valid, "expected 2xx, got 400 HSS.0001 (m)"},
      {valid, answer(503, ""), Outcome::server_error, "expected 2xx, got 503"},
      {invalid, answer(500, documented), Outcome::server_error, "expected 400 HSS.0001, got 500 HSS.0001 (m)"},
      // Another status: wrong-status, whatever the body.
      {invalid, answer(401, R"({"error_code":"APIGW.0301","error_msg":"m"})"), Outcome::wrong_status,
       "expected 400 HSS.0001, got 401 APIGW.0301 (m)"},
      {invalid, answer(404, "Not Found"), Outcome::wrong_status, "expected 400 HSS.0001, got 404"},
      {invalid, answer(302, ""), Outcome::wrong_status, "expected 400 HSS.0001, got 302"},
      // The documented status with another error: wrong-error-body.
      {invalid, answer(400, R"({"error_code":"HSS.0002","error_msg":"m"})"), Outcome::wrong_error_body,
       "expected 400 HSS.0001, got 400 HSS.0002 (m)"},
      {invalid, answer(400, "Bad Request"), Outcome::wrong_error_body,
       R"(expected 400 HSS.0001, got 400: the body is not {"error_code","error_msg"})"},
      {invalid, answer(400, R"({"error_code":"HSS.0001"})"), Outcome::wrong_error_body,
       R"(expected 400 HSS.0001, got 400 HSS.0001: the body is not {"error_code","error_msg"})"},
      {invalid, answer(400, documented, ""), Outcome::wrong_error_body,
       "expected 400 HSS.0001, got 400 HSS.0001 (m): no X-Request-Id header"},
      {invalid, timeout, Outcome::timeout, "expected 400 HSS.0001, no answer in time: t"},
      {valid, failed, Outcome::transport_error, "expected 2xx, no answer after 4 tries: refused"},
  };
  for (const Row& row : rows) {
    const Classification c = classify(row.kase, row.exchange);
    EXPECT_EQ(c.outcome, row.outcome) << row.exchange.status << " " << row.exchange.body;
    EXPECT_EQ(c.detail, row.detail) << row.exchange.status << " " << row.exchange.body;
  }
  EXPECT_EQ(classify(invalid_case(404, "APIGW.0101", "HEAD"), answer(404, "")).outcome, Outcome::ok);
  EXPECT_EQ(classify(invalid_case(404, "APIGW.0101", "HEAD"), answer(404, "", "")).outcome, Outcome::wrong_error_body);
}

TEST(Classify, AHostileErrorBodyIsRefusedBeforeParsing) {
  // 200,000 '[' crashed the recursive parser (stack overflow); the depth check refuses them in one linear scan.
  const Classification deep = classify(invalid_case(400, "HSS.0001"), answer(400, std::string(200000, '[')));
  EXPECT_EQ(deep.outcome, Outcome::wrong_error_body);
  EXPECT_EQ(deep.detail, R"(expected 400 HSS.0001, got 400: the body nests deeper than 16 levels, it is not )"
                         R"({"error_code","error_msg"})");
  // Within the limit, nested bodies are parsed (iteratively) and judged as usual.
  const std::string nested = R"({"error_code":"HSS.0001","error_msg":"m","x":[[[[[[[[[[[[[[1]]]]]]]]]]]]]]})";
  EXPECT_EQ(classify(invalid_case(400, "HSS.0001"), answer(400, nested)).outcome, Outcome::ok);
}

TEST(Classify, NotSentCasesAreNoFinding) {
  PreparedCase kase = invalid_case(400, "HSS.0001");
  kase.not_sendable = "why";
  const Classification c = not_sent(kase);
  EXPECT_EQ(c.outcome, Outcome::not_sent);
  EXPECT_EQ(c.detail, "not sent: why");
  EXPECT_FALSE(is_finding(Outcome::not_sent));
  EXPECT_FALSE(is_finding(Outcome::ok));
  for (const Outcome o :
       {Outcome::accepted_invalid, Outcome::rejected_valid, Outcome::server_error, Outcome::wrong_status,
        Outcome::wrong_error_body, Outcome::timeout, Outcome::transport_error, Outcome::undocumented_status,
        Outcome::content_type_mismatch, Outcome::response_schema_mismatch})
    EXPECT_TRUE(is_finding(o)) << outcome_name(o);
}

// The error-500-on-null defect's scan: a null literal outside strings, escapes inside strings followed.
TEST(MockDefects, NullValueScan) {
  struct Row {
    const char* body;
    bool has_null;
  };
  const Row rows[] = {
      {R"({"a":null})", true},
      {R"([1,null])", true},
      {R"({"a":"null"})", false},
      {R"({"a":"x\"null"})", false},
      {R"({"null":1})", false},
      {R"({"a":"\\","b":null})", true},
      {R"({"nullable":true})", false},
      {"", false},
      {"null", true},
  };
  for (const Row& row : rows) EXPECT_EQ(has_null_value(row.body), row.has_null) << row.body;
}

TEST(Outcome, NamesRoundTrip) {
  const std::vector<std::string> names = {"ok",
                                          "accepted-invalid",
                                          "rejected-valid",
                                          "server-error",
                                          "wrong-status",
                                          "wrong-error-body",
                                          "timeout",
                                          "transport-error",
                                          "not-sent",
                                          "undocumented-status",
                                          "content-type-mismatch",
                                          "response-schema-mismatch"};
  ASSERT_EQ(names.size(), kOutcomeCount);
  for (std::size_t i = 0; i < kOutcomeCount; ++i) {
    EXPECT_EQ(outcome_name(static_cast<Outcome>(i)), names[i]);
    Outcome parsed;
    ASSERT_TRUE(outcome_from_name(outcome_name(static_cast<Outcome>(i)), parsed));
    EXPECT_EQ(static_cast<std::size_t>(parsed), i);
  }
  Outcome parsed;
  EXPECT_FALSE(outcome_from_name("wrong-error", parsed)) << "split into wrong-status and wrong-error-body";
}

TEST(ApigSigner, MatchesThePublishedAlgorithm) {
  // Expected values computed by an independent implementation of Huawei's published signer (Python hashlib/hmac).
  const std::vector<std::pair<std::string, std::string>> headers = {
      {"Content-Type", "application/json"}, {"Host", "127.0.0.1:8080"}, {"X-Sdk-Date", "20240102T030405Z"}};
  const SigningRequest request{
      "POST", "/v5/p1/image/image-scan/tasks?global_image_type=registry&enterprise_project_id=all_granted_eps",
      &headers, std::string_view(R"({"is_all":true})")};
  EXPECT_EQ(canonical_request(request),
            "POST\n/v5/p1/image/image-scan/tasks/\nenterprise_project_id=all_granted_eps&global_image_type=registry\n"
            "content-type:application/json\nhost:127.0.0.1:8080\nx-sdk-date:20240102T030405Z\n\n"
            "content-type;host;x-sdk-date\nf86fd3cca32d41a1415c84003d63fa8979e80b60e5c5fcbd6c04630e171654cb");
  EXPECT_EQ(sign_authorization(request, "AK1", "secret-key-123", "20240102T030405Z"),
            "SDK-HMAC-SHA256 Access=AK1, SignedHeaders=content-type;host;x-sdk-date, "
            "Signature=3a4651cc6c8ac0fd7172514e17f3f338bf465e208992a8e5eb1b248d1d0ca5d5");
  EXPECT_EQ(sdk_date_now().size(), 16u);
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(CurlCommand, QuotesEveryByteAndNeverCarriesTheToken) {
  EXPECT_EQ(shell_word("a'b"), R"('a'\''b')");
  EXPECT_EQ(shell_word("\xff\x1b'"), R"x("$(printf '%b' '\0377\0033'\''')")x");
  EXPECT_EQ(shell_word("caf\xc3\xa9"), "'caf\xc3\xa9'");  // printable UTF-8 stays as it is
  TargetUrl target;
  std::string message;
  ASSERT_TRUE(parse_target_url("http://127.0.0.1:8080", target, message));
  PreparedCase kase;
  kase.method = "POST";
  kase.target = "/v5/p/image/image-scan/tasks";
  kase.headers = {{"Host", "127.0.0.1:8080"},           {"X-Auth-Token", "s3cr3t-token"},      {"Region", ""},
                  {"Content-Type", "application/json"}, {"Cookie", "session=case-own-cookie"}, {"Content-Length", "9"}};
  kase.roles = {{false, false, true}, {true, true, false}, {}, {}, {false, true, false}, {false, false, true}};
  kase.body = std::string("{\"a\":\"\0\"}", 9);
  Credentials credentials;
  credentials.token = "s3cr3t-token";
  credentials.token_reference = "${MY_TOKEN}";
  const std::string command = curl_command(kase, target, credentials, false);
  EXPECT_EQ(command,
            R"(printf '%b' '{"a":"\0000"}' | curl -sS -i --http1.1 -X 'POST' --request-target )"
            R"('/v5/p/image/image-scan/tasks' -H "X-Auth-Token: ${MY_TOKEN}" -H 'Region;' )"
            R"(-H 'Content-Type: application/json' -H "Cookie: ${CASE_COOKIE:?set it to the value in the case}" )"
            R"(-H 'Accept:' -H 'Expect:' -H 'User-Agent:' --data-binary @- 'http://127.0.0.1:8080/')");
  kase.body = "@etc/passwd";  // curl would read a file
  EXPECT_NE(curl_command(kase, target, credentials, false).find("printf '%b' '@etc/passwd' | curl"), std::string::npos);
  kase.body = "line\nbreak";  // printable on one line only when escaped
  EXPECT_NE(curl_command(kase, target, credentials, false).find(R"(printf '%b' 'line\0012break' | curl)"),
            std::string::npos);
  kase.body = "{}";
  EXPECT_NE(curl_command(kase, target, credentials, false).find(" --data-binary '{}' 'http"), std::string::npos);
  kase.body = std::string(kMaxInlineBody + 1, 'x');
  EXPECT_TRUE(needs_body_file(kase));
  EXPECT_NE(curl_command(kase, target, credentials, false, "/abs/r.jsonl.bodies/c.body")
                .find(" --data-binary '@/abs/r.jsonl.bodies/c.body' 'http"),
            std::string::npos);
  kase.method = "HEAD";
  EXPECT_FALSE(needs_body_file(kase));
  EXPECT_EQ(credential_variable("X-Auth-Token"), "CASE_X_AUTH_TOKEN");
  EXPECT_EQ(credential_variable("x$y"), "CASE_X_Y");
}

TEST(CurlCommand, ANameAShellWouldExpandIsQuotedApart) {
  TargetUrl target;
  std::string message;
  ASSERT_TRUE(parse_target_url("http://127.0.0.1:8080", target, message));
  PreparedCase kase;
  kase.method = "GET";
  kase.target = "/";
  kase.headers = {{"X-$(id)`x`", "secret-value"}};
  kase.roles = {{false, true, false}};
  const std::string command = curl_command(kase, target, {}, false);
  EXPECT_NE(command.find(R"( -H 'X-$(id)`x`: '"${CASE_X___ID__X_:?set it to the value in the case}")"),
            std::string::npos)
      << command;
  EXPECT_EQ(command.find("secret-value"), std::string::npos);
}

TEST(BodyFiles, NamesAreSafeAndDistinct) {
  EXPECT_EQ(body_file_name("body.rate_limit.above_max"), "body.rate_limit.above_max.body");
  const std::string slashed = body_file_name("a/b");
  EXPECT_EQ(slashed.substr(0, 4), "a_b-");
  EXPECT_EQ(slashed.size(), 4u + 16 + 5);
  EXPECT_NE(slashed, body_file_name("a_b"));
  EXPECT_NE(slashed, body_file_name("a:b"));
  EXPECT_EQ(body_file_name("..").substr(0, 3), "..-");
  EXPECT_EQ(body_file_name(std::string(1000, 'x')).size(), 120u + 17 + 5);
  EXPECT_EQ(body_directory("/tmp/x/r.jsonl", "", ""), "/tmp/x/r.jsonl.bodies");
  EXPECT_EQ(body_directory("", "/tmp/j.xml", "/tmp/s.sarif"), "/tmp/j.xml.bodies");
  EXPECT_EQ(body_directory("", "", ""), std::filesystem::current_path() / "reqprobe-bodies");
}

TEST(Redactor, ReplacesEverySpelling) {
  const Redactor redactor({"tok\"en-1234", "ab"});
  EXPECT_EQ(redactor.apply("a tok\"en-1234 b tok\\\"en-1234 c tok&quot;en-1234 ab"),
            "a [REDACTED] b [REDACTED] c [REDACTED] ab");
}

TEST(Redactor, ManySecretsLongestFirstAtEachPlace) {
  std::vector<std::string> secrets;
  for (int i = 0; i < 2000; ++i) secrets.push_back("tok" + std::to_string(100000 + i));
  secrets.push_back("tok100001-and-more");
  const Redactor redactor(secrets);
  EXPECT_EQ(redactor.apply("x tok100001-and-more y tok101999 z tok1 tok10"), "x [REDACTED] y [REDACTED] z tok1 tok10");
  EXPECT_EQ(redactor.apply("tok100000tok100001"), "[REDACTED][REDACTED]");
  EXPECT_EQ(redactor.apply("abc"), "abc");
  EXPECT_TRUE(Redactor({"abc"}).empty()) << "shorter than 4 bytes: ignored";
}

TEST(RetryAfter, SecondsAndDates) {
  EXPECT_EQ(parse_retry_after("3"), std::chrono::milliseconds(3000));
  EXPECT_EQ(parse_retry_after(" 0 "), std::chrono::milliseconds(0));
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), std::chrono::milliseconds(0));  // in the past
  EXPECT_FALSE(parse_retry_after("soon"));
  EXPECT_FALSE(parse_retry_after("-1"));
  RetryPolicy policy;
  EXPECT_EQ(policy.backoff_after(1), std::chrono::milliseconds(100));
  EXPECT_EQ(policy.backoff_after(3), std::chrono::milliseconds(400));
  EXPECT_EQ(policy.backoff_after(30), std::chrono::milliseconds(5000));
}

TEST(RateLimiter, SpacesTokensEvenly) {
  RateLimiter limiter(100);
  auto now = RateLimiter::Clock::now();
  ASSERT_TRUE(limiter.try_take(now));
  EXPECT_FALSE(limiter.try_take(now + std::chrono::milliseconds(5)));
  EXPECT_TRUE(limiter.try_take(now + std::chrono::milliseconds(10)));
  EXPECT_TRUE(limiter.try_take(now + std::chrono::milliseconds(21)));  // a little late: no drift
  EXPECT_FALSE(limiter.try_take(now + std::chrono::milliseconds(29)));
  EXPECT_TRUE(limiter.try_take(now + std::chrono::milliseconds(30)));
  // 25 ms late (a thread scheduled late): the missed slots are made up, so the long-run rate holds.
  EXPECT_TRUE(limiter.try_take(now + std::chrono::milliseconds(65)));
  EXPECT_TRUE(limiter.try_take(now + std::chrono::milliseconds(65)));
  EXPECT_TRUE(limiter.try_take(now + std::chrono::milliseconds(65)));
  EXPECT_FALSE(limiter.try_take(now + std::chrono::milliseconds(66)));
  EXPECT_TRUE(limiter.try_take(now + std::chrono::seconds(10)));  // long idle: no burst afterwards
  EXPECT_FALSE(limiter.try_take(now + std::chrono::seconds(10) + std::chrono::milliseconds(1)));
  EXPECT_TRUE(RateLimiter(0).try_take(now));
}

TEST(TargetUrl, SplitsWhatCurlAndTheHostHeaderNeed) {
  TargetUrl url;
  std::string message;
  ASSERT_TRUE(parse_target_url("https://[::1]:8443/prefix/", url, message));
  EXPECT_EQ(url.host, "::1");
  EXPECT_EQ(url.host_header, "[::1]:8443");
  EXPECT_EQ(url.prefix, "/prefix");
  EXPECT_EQ(url.url, "https://[::1]:8443/");
  ASSERT_TRUE(parse_target_url("http://example.com", url, message));
  EXPECT_EQ(url.host_header, "example.com");
  EXPECT_EQ(url.prefix, "");
  EXPECT_FALSE(parse_target_url("ftp://x", url, message));
  EXPECT_FALSE(parse_target_url("http://u:p@x/", url, message));
  EXPECT_FALSE(parse_target_url("not a url", url, message));
}

TEST(Loopback, HostsAndListenAddresses) {
  EXPECT_TRUE(is_loopback_host("127.0.0.1"));
  EXPECT_TRUE(is_loopback_host("127.1.2.3"));
  EXPECT_TRUE(is_loopback_host("localhost"));
  EXPECT_TRUE(is_loopback_host("[::1]"));
  EXPECT_FALSE(is_loopback_host("0.0.0.0"));
  EXPECT_FALSE(is_loopback_host("10.0.0.1"));
  EXPECT_FALSE(is_loopback_host("example.com"));
  ListenAddress address;
  std::string message;
  ASSERT_TRUE(parse_listen_address("[::1]:0", address, message));
  EXPECT_EQ(address.host, "::1");
  EXPECT_FALSE(parse_listen_address("127.0.0.1", address, message));
  EXPECT_FALSE(parse_listen_address("127.0.0.1:70000", address, message));
}

TEST(CaseResult, JsonLineRoundTrips) {
  CaseResult r;
  r.id = "body.x";
  r.source = "s/body.x.json";
  r.method = "POST";
  r.target = "/v5/p?\xff";
  r.expected_valid = false;
  r.expected = "400 HSS.0001";
  r.expected_violations = {"maximum body /rate_limit"};
  r.outcome = Outcome::wrong_error_body;
  r.detail = "expected 400 HSS.0001, got 400 HSS.0002";
  r.status = 400;
  r.error_code = "HSS.0002";
  r.request_id = "abc";
  r.attempts = 2;
  r.total_ms = 1.5;
  r.reproduce = "curl 'x'";
  const std::string line = jsonl_line(r);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  const std::optional<CaseResult> back = parse_jsonl_line(line);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->id, r.id);
  EXPECT_EQ(back->target, "/v5/p?\xEF\xBF\xBD");  // invalid UTF-8 is replaced, never written raw
  EXPECT_EQ(back->outcome, r.outcome);
  EXPECT_EQ(back->expected_violations, r.expected_violations);
  EXPECT_EQ(back->attempts, 2);
  EXPECT_DOUBLE_EQ(back->total_ms, 1.5);
  EXPECT_EQ(back->reproduce, r.reproduce);
  EXPECT_FALSE(parse_jsonl_line("{\"id\":\"x\"}"));
  EXPECT_FALSE(parse_jsonl_line("{\"id\":\"x\",\"outcome\":\"o"));
  EXPECT_FALSE(parse_jsonl_line(R"({"id":"x","outcome":"wrong-error"})")) << "an older report's outcome: sent again";
}

TEST(CaseResult, HostileReportLinesAreRefusedWithoutRecursion) {
  // A --resume file whose line is 200,000 '[' crashed replay (SIGSEGV in RapidJSON's recursive parser).
  EXPECT_FALSE(parse_jsonl_line(std::string(200000, '[')));
  EXPECT_FALSE(parse_jsonl_line(R"({"id":"x","outcome":"ok","a":)" + std::string(100000, '{')));
  EXPECT_FALSE(parse_jsonl_line(R"({"id":"x","outcome":"ok","a":[[[[[[[[1]]]]]]]]})")) << "deeper than any line";
  EXPECT_TRUE(parse_jsonl_line(R"({"id":"x","outcome":"ok","a":[[[[[[1]]]]]]})"));
}

TEST(CaseResult, RedactReachesEveryField) {
  CaseResult r;
  r.id = "case.id";
  r.source = "cases/case.json";
  r.method = r.target = r.expected = r.detail = r.error_code = r.request_id = r.reproduce = "a secret-1 b";
  r.expected_violations = {"secret-1"};
  redact(r, Redactor({"secret-1", "case", "cases"}));
  EXPECT_EQ(jsonl_line(r).find("secret-1"), std::string::npos) << jsonl_line(r);
  EXPECT_EQ(r.id, "case.id") << "ids name cases: never redacted";
  EXPECT_EQ(r.source, "cases/case.json");
}

}  // namespace
}  // namespace reqprobe::replay
