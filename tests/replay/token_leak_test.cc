// The token (and an AK/SK pair) never reach stdout, stderr, the JSONL, JUnit or SARIF reports or a reproduction
// command - even against a hostile endpoint that echoes the credentials back in its error messages. The endpoint
// here is a plain cpp-httplib server that records what it received, which also proves the credentials were sent
// (and that an AK/SK signature covers exactly what went out).
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

#include "apig_signer.h"
#include "generator.h"
#include "replay_run.h"
#include "scheme_credentials.h"

namespace reqprobe::replay {
namespace {

std::string random_hex(std::size_t length) {
  std::mt19937_64 random{std::random_device{}()};
  std::string out;
  while (out.size() < length) out += "0123456789abcdef"[random() % 16];
  return out;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// Answers 400 to everything, echoing the credentials it got in the body and a header.
class EchoServer {
 public:
  EchoServer() {
    const auto echo = [this](const httplib::Request& req, httplib::Response& res) {
      const std::string token = req.get_header_value("X-Auth-Token");
      const std::string authorization = req.get_header_value("Authorization");
      const std::string cookie = req.get_header_value("Cookie");
      {
        std::lock_guard lock(mutex_);
        tokens_.push_back(token);
        seen_.push_back(req.target + "\n" + authorization);
        if (!authorization.empty()) signatures_ok_ += signature_matches(req, authorization);
        authorizations_ += !authorization.empty();
      }
      res.status = 400;
      res.set_header("X-Request-Id", "echo");
      res.set_header("X-Echo", token + authorization);
      res.set_content("{\"error_code\":\"HSS.0001\",\"error_msg\":\"bad token " + token + " " + authorization + " " +
                          cookie + "\"}",
                      "application/json");
    };
    server_.Post(".*", echo);
    server_.Get(".*", echo);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~EchoServer() {
    server_.stop();
    thread_.join();
  }
  [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  [[nodiscard]] std::size_t count(const std::string& token) {
    std::lock_guard lock(mutex_);
    return static_cast<std::size_t>(std::count(tokens_.begin(), tokens_.end(), token));
  }
  /// Requests whose target and Authorization field (joined by a newline) contain `text`.
  [[nodiscard]] std::size_t seen_with(const std::string& text) {
    std::lock_guard lock(mutex_);
    return static_cast<std::size_t>(
        std::count_if(seen_.begin(), seen_.end(), [&](const std::string& s) { return s.find(text) != s.npos; }));
  }
  [[nodiscard]] int authorizations() {
    std::lock_guard lock(mutex_);
    return authorizations_;
  }
  [[nodiscard]] int good_signatures() {
    std::lock_guard lock(mutex_);
    return signatures_ok_;
  }
  std::string secret_key;  ///< to check AK/SK signatures

 private:
  // Recomputes the signature over the headers the client listed as signed, as a gateway would.
  bool signature_matches(const httplib::Request& req, const std::string& authorization) const {
    const std::string marker = "SignedHeaders=";
    const std::size_t begin = authorization.find(marker) + marker.size();
    const std::string names = authorization.substr(begin, authorization.find(',', begin) - begin);
    std::vector<std::pair<std::string, std::string>> headers;
    std::stringstream list(names);
    for (std::string name; std::getline(list, name, ';');) headers.emplace_back(name, req.get_header_value(name));
    const SigningRequest request{req.method, req.target, &headers, std::string_view(req.body)};
    const std::string access = authorization.substr(authorization.find("Access=") + 7,
                                                    authorization.find(',') - authorization.find("Access=") - 7);
    return sign_authorization(request, access, secret_key, req.get_header_value("X-Sdk-Date")) == authorization;
  }

  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::vector<std::string> tokens_;
  std::vector<std::string> seen_;
  int signatures_ok_ = 0;
  int authorizations_ = 0;
};

std::vector<ReplayInput> post_cases(std::size_t limit) {
  static const std::shared_ptr<const Contract> contract = load_embedded_contract().contract;
  std::vector<ReplayInput> out;
  for (gen::GeneratedCase& generated : gen::generate_suite(contract, {}).cases) {
    if (generated.kase.method != "POST") continue;
    out.push_back({std::move(generated.kase), ""});
    if (out.size() == limit) break;
  }
  return out;
}

struct Outputs {
  std::string everything;  ///< stdout, stderr and every report, concatenated
  std::string report;
  int exit_code = 0;
};

Outputs run_against(EchoServer& echo, const Credentials& credentials, const std::string& name,
                    const std::vector<ReplayInput>& cases = post_cases(60),
                    std::shared_ptr<const Contract> contract = load_embedded_contract().contract) {
  const auto dir = std::filesystem::temp_directory_path() / ("reqprobe-leak-" + name + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  ReplayOptions options;
  options.target = echo.url();
  options.credentials = credentials;
  options.report = (dir / "r.jsonl").string();
  options.junit = (dir / "r.xml").string();
  options.sarif = (dir / "r.sarif").string();
  options.show_findings = 1000;    // print every finding and its reproduction
  options.client.concurrency = 4;  // below httplib's default thread pool, which keeps idle connections 5 s
  std::ostringstream out, err;
  const std::atomic<bool> stop{false};
  const ReplayRun run = run_replay(std::move(contract), cases, options, out, err, stop);
  Outputs outputs;
  outputs.exit_code = run.exit_code;
  outputs.report = read_file(options.report);
  outputs.everything = out.str() + err.str() + outputs.report + read_file(options.junit) + read_file(options.sarif);
  std::filesystem::remove_all(dir);
  return outputs;
}

TEST(TokenLeak, TheTokenIsSentButNeverPrintedOrReported) {
  const std::string token = "tok-" + random_hex(40);
  ::setenv("REQPROBE_TEST_TOKEN", token.c_str(), 1);
  Credentials credentials;
  std::string error;
  ASSERT_TRUE(token_from_env("REQPROBE_TEST_TOKEN", credentials, error)) << error;
  EchoServer echo;
  const Outputs outputs = run_against(echo, credentials, "token");
  EXPECT_GT(echo.count(token), 10u) << "the token must reach the endpoint";
  EXPECT_EQ(outputs.exit_code, 1);  // every valid case is refused by the echo server: findings
  EXPECT_EQ(outputs.everything.find(token), std::string::npos);
  EXPECT_EQ(outputs.everything.find(token.substr(4)), std::string::npos);
  EXPECT_NE(outputs.report.find("X-Auth-Token: ${REQPROBE_TEST_TOKEN}"), std::string::npos)
      << "reproductions refer to the token instead of carrying it";
  EXPECT_NE(outputs.everything.find("[REDACTED]"), std::string::npos) << "the echoed token was redacted";
  ::unsetenv("REQPROBE_TEST_TOKEN");
}

TEST(TokenLeak, AkSkSignaturesVerifyAndTheKeysNeverAppear) {
  Credentials credentials;
  credentials.access_key = "AK" + random_hex(20);
  credentials.secret_key = "SK" + random_hex(40);
  EchoServer echo;
  echo.secret_key = *credentials.secret_key;
  const Outputs outputs = run_against(echo, credentials, "aksk");
  EXPECT_GT(echo.authorizations(), 10);
  EXPECT_EQ(echo.good_signatures(), echo.authorizations()) << "every signature must cover exactly what was sent";
  EXPECT_EQ(outputs.everything.find(*credentials.secret_key), std::string::npos);
  EXPECT_EQ(outputs.everything.find(*credentials.access_key), std::string::npos);
  EXPECT_NE(outputs.report.find("${APIG_AUTHORIZATION"), std::string::npos);
}

// Without --token-env or --token-file the cases' own credentials go out as written; their values must not come
// back in any output either (the repro used to carry "X-Auth-Token: <the case's token>" verbatim).
TEST(TokenLeak, ACasesOwnCredentialsNeverAppear) {
  std::vector<ReplayInput> cases = post_cases(40);
  const std::string bearer = "bearer-" + random_hex(24);
  const std::string cookie = "cookie-" + random_hex(24);
  ReplayInput with_more = cases.front();
  with_more.kase.id = "own.authorization_and_cookie";
  with_more.kase.headers.emplace_back("Authorization", "Bearer " + bearer);
  with_more.kase.headers.emplace_back("Cookie", "theme=dark; session=" + cookie);
  cases.push_back(with_more);
  std::vector<std::string> secrets = {bearer, cookie};
  for (const ReplayInput& input : cases)
    for (const auto& [name, value] : input.kase.headers)
      if (name == "X-Auth-Token" && value.size() >= 4) secrets.push_back(value);
  ASSERT_GT(secrets.size(), 30u);
  EchoServer echo;
  const Outputs outputs = run_against(echo, {}, "own", cases);
  EXPECT_EQ(outputs.exit_code, 1);
  EXPECT_GE(echo.count(secrets.back()), 1u) << "the case's own token is sent";
  for (const std::string& secret : secrets)
    EXPECT_EQ(outputs.everything.find(secret), std::string::npos) << "leaked: " << secret;
  EXPECT_NE(outputs.report.find("X-Auth-Token: ${CASE_X_AUTH_TOKEN:?set it to the value in the case}"),
            std::string::npos);
  EXPECT_NE(outputs.report.find("Cookie: ${CASE_COOKIE:?set it to the value in the case}"), std::string::npos);
  EXPECT_NE(outputs.everything.find("[REDACTED]"), std::string::npos) << "the echoed values were redacted";
}

// A document's own schemes (--credential): a bearer token read from a command and a query apiKey from the
// environment, required together. Both reach the endpoint on every case that does not test them; neither comes
// back in any output, though the endpoint echoes them (the query key sits in the request-target, so reproductions
// show it redacted).
TEST(TokenLeak, SchemeCredentialsAreSentButNeverPrinted) {
  const std::shared_ptr<const Contract> contract = load_contract(R"(openapi: 3.0.3
info: {title: secured, version: '1'}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
    queryKey: {type: apiKey, in: query, name: key}
paths:
  /items:
    get:
      security: [{bearer: [], queryKey: []}]
      parameters: [{name: limit, in: query, schema: {type: integer, maximum: 50}}]
      responses: {'200': {description: ok}, '400': {description: bad}}
)")
                                                       .contract;
  ASSERT_NE(contract, nullptr);
  std::vector<ReplayInput> cases;
  for (gen::GeneratedCase& generated : gen::generate_suite(contract, {}).cases)
    // httplib answers some in 40 ms, and other methods than GET and POST only after its 5 s read timeout.
    if (cases.size() < 30 && generated.kase.id.rfind("request.method.", 0) != 0)
      cases.push_back({std::move(generated.kase), ""});
  ASSERT_EQ(cases.size(), 30u);
  const std::string bearer = "bearer" + random_hex(32);
  const std::string key = "key" + random_hex(32);
  ::setenv("REQPROBE_TEST_QUERY_KEY", key.c_str(), 1);
  Credentials credentials;
  std::string error;
  ASSERT_TRUE(scheme_credential_from("bearer=command:printf " + bearer, credentials, error)) << error;
  ASSERT_TRUE(scheme_credential_from("queryKey=env:REQPROBE_TEST_QUERY_KEY", credentials, error)) << error;
  EchoServer echo;
  const Outputs outputs = run_against(echo, credentials, "schemes", cases, contract);
  EXPECT_GT(echo.seen_with("Bearer " + bearer), 5u) << "the token must reach the endpoint";
  EXPECT_GT(echo.seen_with("key=" + key), 5u) << "the query key must reach the endpoint";
  EXPECT_EQ(echo.seen_with("Bearer " + bearer), echo.seen_with("key=" + key)) << "the two go together";
  EXPECT_EQ(outputs.exit_code, 1);  // the echo server refuses valid cases too
  for (const std::string& secret : {bearer, key})
    EXPECT_EQ(outputs.everything.find(secret), std::string::npos) << "leaked: " << secret;
  // The command that read the token is the reference (its text holds the token here, so it is redacted too).
  EXPECT_NE(outputs.report.find("$(printf [REDACTED])"), std::string::npos) << "reproductions refer to the source";
  ::unsetenv("REQPROBE_TEST_QUERY_KEY");
}

}  // namespace
}  // namespace reqprobe::replay
