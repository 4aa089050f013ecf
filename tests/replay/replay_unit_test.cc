// Unit tests of the replay library's pure parts: the answer precedence, head capture, classification, signing,
// quoting, redaction, Retry-After, the rate limiter and report lines. No sockets here (loopback_test.cc has them).
#include <gtest/gtest.h>

#include <chrono>

#include "apig_signer.h"
#include "case_result.h"
#include "curl_command.h"
#include "error_response.h"
#include "loopback.h"
#include "mock_defects.h"
#include "mock_responder.h"
#include "outcome.h"
#include "rate_limiter.h"
#include "raw_head.h"
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

TEST(ExpectedResponse, FollowsGatewayPrecedence) {
  EXPECT_EQ(expected_response({}, kCredentials).status, 200);
  const std::vector<Violation> everything = {
      error(Code::maximum, Location::body, "/rate_limit"), error(Code::syntax, Location::body),
      error(Code::required, Location::header, "x-auth-token"), error(Code::method, Location::request)};
  // Removing the strongest violation each time walks down the precedence: 404, 401, HSS.0002, HSS.0001, 200.
  const char* answers[] = {"404 APIGW.0101", "401 APIGW.0301", "400 HSS.0002", "400 HSS.0001", "200"};
  for (std::size_t kept = everything.size() + 1; kept-- > 0;) {
    const std::vector<Violation> some(everything.begin(), everything.begin() + static_cast<std::ptrdiff_t>(kept));
    EXPECT_EQ(expected_response(some, kCredentials).describe(), answers[everything.size() - kept]) << kept;
  }
  EXPECT_EQ(expected_response(std::vector{error(Code::maximum, Location::body), error(Code::syntax, Location::body)},
                              kCredentials)
                .describe(),
            "400 HSS.0002");
  EXPECT_EQ(expected_response(std::vector{error(Code::max_length, Location::header, "x-auth-token"),
                                          error(Code::syntax, Location::body)},
                              kCredentials)
                .describe(),
            "401 APIGW.0301");
  EXPECT_EQ(expected_response(std::vector{error(Code::encoding, Location::query, "q")}, kCredentials).describe(),
            "400 HSS.0001");
  EXPECT_EQ(expected_response(std::vector{error(Code::encoding, Location::body)}, kCredentials).describe(),
            "400 HSS.0002");
  EXPECT_EQ(expected_response(std::vector{error(Code::limit, Location::header)}, kCredentials).describe(),
            "400 HSS.0002");
  EXPECT_EQ(expected_response(std::vector{error(Code::path, Location::path, "project_id")}, kCredentials).describe(),
            "400 HSS.0001");
  Violation warning = error(Code::unknown, Location::body, "/x");
  warning.severity = Severity::warning;
  EXPECT_EQ(expected_response(std::vector{warning}, kCredentials).status, 200);
}

TEST(ExpectedResponse, CredentialHeadersComeFromTheContract) {
  const LoadResult loaded = load_embedded_contract();
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(credential_headers(loaded.contract->plan()), std::vector<std::string>{"x-auth-token"});
  EXPECT_EQ(error_body("HSS.0001", "bad \"x\""), R"({"error_code":"HSS.0001","error_msg":"bad \"x\""})");
}

TEST(RawHead, KeepsWhatWasSent) {
  RawHead head;
  head.assign(
      "post /v5/a%20b?x=1&x=2 HTTP/1.1\r\nHost: h\r\nX-Auth-Token:  t1 \t\r\nx-auth-token: t2\r\nBroken\r\n"
      "Region:\r\nContent-Length: 3\r\n");
  EXPECT_EQ(head.method, "post");
  EXPECT_EQ(head.target, "/v5/a%20b?x=1&x=2");
  EXPECT_EQ(head.version, "HTTP/1.1");
  ASSERT_EQ(head.headers.size(), 5u);
  EXPECT_EQ(head.headers[1].name, "X-Auth-Token");
  EXPECT_EQ(head.headers[1].value, "t1");
  EXPECT_EQ(head.headers[2].value, "t2");
  EXPECT_EQ(head.headers[3].name, "Region");
  EXPECT_EQ(head.headers[3].value, "");
  EXPECT_TRUE(head.frames_body());
  EXPECT_EQ(head.canonical_head(), "POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\n");
}

TEST(RawHead, CanonicalHeadFramesNoBodyAndKeepsHead) {
  RawHead head;
  head.assign("GET /a b/c HTTP/1.0\r\nConnection: close\r\nX-Long: " + std::string(40000, 'a') + "\r\n");
  EXPECT_EQ(head.target, "/a b/c");  // a space inside the target stays part of it
  EXPECT_FALSE(head.frames_body());
  EXPECT_EQ(head.canonical_head(), "POST / HTTP/1.0\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  head.assign("HEAD /x HTTP/1.1\r\n");
  EXPECT_EQ(head.canonical_head(), "HEAD / HTTP/1.1\r\n\r\n");
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
  kase.expected = {status, std::move(code)};
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
  EXPECT_EQ(classify(invalid, answer(400, documented)).outcome, Outcome::ok);
  EXPECT_EQ(classify(invalid, answer(200, "")).outcome, Outcome::accepted_invalid);
  EXPECT_EQ(classify(valid, answer(200, "")).outcome, Outcome::ok);
  EXPECT_EQ(classify(valid, answer(204, "")).outcome, Outcome::ok);
  EXPECT_EQ(classify(valid, answer(400, documented)).outcome, Outcome::rejected_valid);
  EXPECT_EQ(classify(valid, answer(503, "")).outcome, Outcome::server_error);
  EXPECT_EQ(classify(invalid, answer(500, documented)).outcome, Outcome::server_error);
  EXPECT_EQ(classify(invalid, answer(401, R"({"error_code":"APIGW.0301","error_msg":"m"})")).outcome,
            Outcome::wrong_error);
  EXPECT_EQ(classify(invalid, answer(400, R"({"error_code":"HSS.0002","error_msg":"m"})")).outcome,
            Outcome::wrong_error);
  EXPECT_EQ(classify(invalid, answer(400, "Bad Request")).outcome, Outcome::wrong_error);
  EXPECT_EQ(classify(invalid, answer(400, R"({"error_code":"HSS.0001"})")).outcome, Outcome::wrong_error);
  EXPECT_EQ(classify(invalid, answer(400, documented, "")).outcome, Outcome::wrong_error);
  EXPECT_EQ(classify(invalid_case(404, "APIGW.0101", "HEAD"), answer(404, "")).outcome, Outcome::ok);
  Exchange timeout;
  timeout.transport = Exchange::Transport::timeout;
  EXPECT_EQ(classify(invalid, timeout).outcome, Outcome::timeout);
  Exchange failed;
  failed.transport = Exchange::Transport::failed;
  EXPECT_EQ(classify(valid, failed).outcome, Outcome::transport_error);
  EXPECT_EQ(classify(invalid, answer(200, "")).detail, "expected 400 HSS.0001, got 200");
}

TEST(Outcome, NamesRoundTrip) {
  for (std::size_t i = 0; i < kOutcomeCount; ++i) {
    Outcome parsed;
    ASSERT_TRUE(outcome_from_name(outcome_name(static_cast<Outcome>(i)), parsed));
    EXPECT_EQ(static_cast<std::size_t>(parsed), i);
  }
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
  EXPECT_EQ(shell_word("a'b"), "'a'\\''b'");
  EXPECT_EQ(shell_word("\xff\n'"), "$'\\xff\\x0a\\''");
  TargetUrl target;
  std::string message;
  ASSERT_TRUE(parse_target_url("http://127.0.0.1:8080", target, message));
  PreparedCase kase;
  kase.method = "POST";
  kase.target = "/v5/p/image/image-scan/tasks";
  kase.headers = {{"X-Auth-Token", "s3cr3t-token"}, {"Region", ""}, {"Content-Type", "application/json"}};
  kase.secret_header = {true, false, false};
  kase.body = std::string("{\"a\":\"\0\"}", 9);
  Credentials credentials;
  credentials.token = "s3cr3t-token";
  credentials.token_reference = "${MY_TOKEN}";
  const std::string command = curl_command(kase, target, credentials, false);
  EXPECT_EQ(command.find("s3cr3t"), std::string::npos);
  EXPECT_NE(command.find("-H \"X-Auth-Token: ${MY_TOKEN}\""), std::string::npos) << command;
  EXPECT_NE(command.find("-H 'Region;'"), std::string::npos) << command;
  EXPECT_NE(command.find("-H 'Accept:' -H 'Expect:'"), std::string::npos) << command;
  EXPECT_NE(command.find("--data-binary @<(printf %b '{\"a\":\"\\0000\"}')"), std::string::npos) << command;
  EXPECT_NE(command.find("--request-target '/v5/p/image/image-scan/tasks'"), std::string::npos);
}

TEST(Redactor, ReplacesEverySpelling) {
  const Redactor redactor({"tok\"en-1234", "ab"});
  EXPECT_EQ(redactor.apply("a tok\"en-1234 b tok\\\"en-1234 c tok&quot;en-1234 ab"),
            "a [REDACTED] b [REDACTED] c [REDACTED] ab");
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
  r.outcome = Outcome::wrong_error;
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
}

}  // namespace
}  // namespace reqprobe::replay
