// Credentials from a document's security schemes (issue 13, --credential): each scheme's value goes where the
// scheme says (a header, the query, the Cookie field, Authorization with its scheme word), a case that tests
// credentials keeps its own, alternatives are tried in order, the expectation is computed on what is sent, and the
// sources (env, file, command) and their errors never show a value.
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>

#include "apig_signer.h"
#include "prepared_case.h"
#include "replay_run.h"
#include "reqprobe/contract.h"
#include "scheme_credentials.h"

namespace reqprobe::replay {
namespace {

const char* const kDocument = R"(openapi: 3.1.0
info: {title: credentials, version: '1'}
components:
  securitySchemes:
    headerKey: {type: apiKey, in: header, name: X-API-Key}
    queryKey: {type: apiKey, in: query, name: api_key}
    cookieKey: {type: apiKey, in: cookie, name: SESSION}
    basic: {type: http, scheme: basic}
    bearer: {type: http, scheme: bearer}
    oauth:
      type: oauth2
      flows: {clientCredentials: {tokenUrl: 'https://a.example.com/token', scopes: {}}}
    mtls: {type: mutualTLS}
paths:
  /header:
    get: {security: [{headerKey: []}], responses: {'200': {description: ok}}}
  /query:
    get:
      security: [{queryKey: []}]
      parameters: [{name: q, in: query, schema: {type: string}}]
      responses: {'200': {description: ok}}
  /cookie:
    get: {security: [{cookieKey: []}], responses: {'200': {description: ok}}}
  /either:
    get: {security: [{bearer: []}, {basic: []}], responses: {'200': {description: ok}}}
  /both:
    get: {security: [{headerKey: [], oauth: []}], responses: {'200': {description: ok}}}
  /open:
    get: {responses: {'200': {description: ok}}}
)";

std::shared_ptr<const Contract> contract() {
  static const std::shared_ptr<const Contract> loaded = [] {
    LoadResult result = load_contract(kDocument);
    EXPECT_TRUE(result.ok());
    return result.contract;
  }();
  return loaded;
}

Credentials with(std::initializer_list<std::pair<const char*, const char*>> values) {
  Credentials credentials;
  for (const auto& [scheme, value] : values)
    credentials.schemes.push_back({scheme, value, std::string("${") + scheme + "}"});
  return credentials;
}

Case get(std::string target, HeaderList headers = {}) {
  Case kase;
  kase.id = "c";
  kase.method = "GET";
  kase.target = std::move(target);
  kase.headers = std::move(headers);
  return kase;
}

// The field's value (its name matched without case), "(absent)" when the case has none.
std::string header(const PreparedCase& kase, std::string_view name) {
  for (const auto& [n, v] : kase.headers)
    if (n.size() == name.size() && std::equal(n.begin(), n.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        }))
      return v;
  return "(absent)";
}

struct Row {
  const char* what;
  Credentials credentials;
  Case kase;
  const char* target;         // as sent
  const char* authorization;  // the Authorization field as sent, "(absent)" when none
  const char* api_key;        // X-API-Key as sent
  const char* cookie;         // Cookie as sent
  bool expected_valid;
};

TEST(SchemeCredentials, PutWhereTheSchemeSays) {
  // Generated cases carry placeholder credentials ("ph"); the run's replace them. A case without a credential its
  // operation needs tests that absence and keeps it, as does one whose credential is malformed.
  const Row rows[] = {
      {"apiKey header replaces the placeholder", with({{"headerKey", "k-123456"}}),
       get("/header", {{"x-api-key", "ph"}}), "/header", "(absent)", "k-123456", "(absent)", true},
      {"a case without the credential keeps its absence", with({{"headerKey", "k-123456"}}), get("/header"), "/header",
       "(absent)", "(absent)", "(absent)", false},
      {"apiKey query replaces the case's own, other pairs kept", with({{"queryKey", "q k&1"}}),
       get("/query?api_key=ph&q=x"), "/query?q=x&api_key=q%20k%261", "(absent)", "(absent)", "(absent)", true},
      {"apiKey cookie in the Cookie field", with({{"cookieKey", "s-99"}}),
       get("/cookie", {{"Cookie", "theme=dark; SESSION=ph"}}), "/cookie", "(absent)", "(absent)",
       "theme=dark; SESSION=s-99", true},
      {"bearer first when both alternatives are given", with({{"basic", "u:p"}, {"bearer", "tok-1"}}),
       get("/either", {{"Authorization", "Bearer ph"}}), "/either", "Bearer tok-1", "(absent)", "(absent)", true},
      {"basic when only it is given", with({{"basic", "user:pass"}}), get("/either", {{"Authorization", "Bearer ph"}}),
       "/either", "Basic dXNlcjpwYXNz", "(absent)", "(absent)", true},
      {"an AND of two schemes", with({{"headerKey", "k-1"}, {"oauth", "o-2"}}),
       get("/both", {{"X-API-Key", "ph"}, {"Authorization", "Bearer ph"}}), "/both", "Bearer o-2", "k-1", "(absent)",
       true},
      {"an AND half given: the placeholders stay", with({{"headerKey", "k-1"}}),
       get("/both", {{"X-API-Key", "ph"}, {"Authorization", "Bearer ph"}}), "/both", "Bearer ph", "ph", "(absent)",
       true},
      {"an operation without security is left alone", with({{"headerKey", "k-1"}}), get("/open"), "/open", "(absent)",
       "(absent)", "(absent)", true},
      {"a case testing a malformed credential keeps it", with({{"bearer", "tok-1"}}),
       get("/either", {{"Authorization", "Bearer"}}), "/either", "Bearer", "(absent)", "(absent)", false},
  };
  for (const Row& row : rows) {
    CasePreparer preparer(contract(), {}, row.credentials, "127.0.0.1:9");
    const PreparedCase prepared = preparer.prepare(row.kase, "");
    EXPECT_EQ(prepared.target, row.target) << row.what;
    EXPECT_EQ(header(prepared, "Authorization"), row.authorization) << row.what;
    EXPECT_EQ(header(prepared, "X-API-Key"), row.api_key) << row.what;
    EXPECT_EQ(header(prepared, "Cookie"), row.cookie) << row.what;
    EXPECT_EQ(prepared.expected_valid, row.expected_valid) << row.what;
  }
}

TEST(SchemeCredentials, RunCredentialsAreMarkedAndCarryTheirReference) {
  CasePreparer preparer(contract(), {}, with({{"basic", "user:pass"}}), "127.0.0.1:9");
  const PreparedCase prepared = preparer.prepare(get("/either", {{"Authorization", "Bearer ph"}}), "");
  bool found = false;
  for (std::size_t i = 0; i < prepared.headers.size(); ++i) {
    if (prepared.headers[i].first != "Authorization") continue;
    found = true;
    EXPECT_TRUE(prepared.roles[i].run_credential);
    EXPECT_TRUE(prepared.roles[i].credential);
    EXPECT_EQ(prepared.roles[i].reference, "Basic $(printf %s \"${basic}\" | base64 -w0)");
  }
  EXPECT_TRUE(found);
  // The value and its base64 form are both secrets, so neither is printed.
  const std::vector<std::string> secrets = with({{"basic", "user:pass"}}).secrets();
  EXPECT_NE(std::find(secrets.begin(), secrets.end(), "user:pass"), secrets.end());
  EXPECT_NE(std::find(secrets.begin(), secrets.end(), "dXNlcjpwYXNz"), secrets.end());
}

TEST(SchemeCredentials, SourcesAndTheirErrors) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "reqprobe-scheme-credentials";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "key.txt") << "from-file\n";
  std::ofstream(dir / "empty.txt") << "";
  ::setenv("REQPROBE_TEST_KEY", "from-env", 1);

  struct Source {
    const char* spec;
    bool ok;
    const char* value_or_error;  // the value read, or a part of the error
  };
  const std::string file = (dir / "key.txt").string(), empty = (dir / "empty.txt").string();
  const std::string file_spec = "headerKey=file:" + file, empty_spec = "headerKey=file:" + empty;
  const Source sources[] = {
      {"headerKey=env:REQPROBE_TEST_KEY", true, "from-env"},
      {file_spec.c_str(), true, "from-file"},
      {"headerKey=command:printf 'from-command\\n'", true, "from-command"},
      {"headerKey=env:REQPROBE_TEST_UNSET_VARIABLE", false, "REQPROBE_TEST_UNSET_VARIABLE is unset or empty"},
      {empty_spec.c_str(), false, "is empty"},
      {"headerKey=command:exit 3", false, "the command failed (exit status 3)"},
      {"headerKey=command:true", false, "the command printed nothing"},
      {"headerKey=vault:x", false, "must be env:, file:, command: or apig-sign:"},
      {"headerKey=apig-sign:REQPROBE_TEST_KEY", false, "apig-sign takes AK_VAR:SK_VAR"},
      {"headerKey", false, "--credential takes NAME=env:VAR"},
  };
  for (const Source& source : sources) {
    Credentials credentials;
    std::string error;
    const bool ok = scheme_credential_from(source.spec, credentials, error);
    ASSERT_EQ(ok, source.ok) << source.spec << ": " << error;
    if (ok) {
      ASSERT_EQ(credentials.schemes.size(), 1u);
      EXPECT_EQ(credentials.schemes[0].scheme, "headerKey");
      EXPECT_EQ(credentials.schemes[0].value, source.value_or_error);
    } else {
      EXPECT_NE(error.find(source.value_or_error), std::string::npos) << error;
    }
  }
  Credentials twice;
  std::string error;
  ASSERT_TRUE(scheme_credential_from("headerKey=env:REQPROBE_TEST_KEY", twice, error));
  EXPECT_FALSE(scheme_credential_from("headerKey=env:REQPROBE_TEST_KEY", twice, error));
  EXPECT_EQ(error, "--credential headerKey is given twice");
  std::filesystem::remove_all(dir);
}

TEST(SchemeCredentials, NamesAreCheckedAgainstTheDocument) {
  std::string error;
  EXPECT_TRUE(check_scheme_credentials(contract()->plan(), with({{"bearer", "x"}, {"cookieKey", "y"}}), error));
  EXPECT_FALSE(check_scheme_credentials(contract()->plan(), with({{"nosuch", "x"}}), error));
  EXPECT_EQ(error,
            "--credential nosuch: the document has no such security scheme; its schemes: headerKey, queryKey, "
            "cookieKey, basic, bearer, oauth");
  EXPECT_FALSE(check_scheme_credentials(contract()->plan(), with({{"mtls", "x"}}), error));
  EXPECT_NE(error.find("a mutualTLS scheme takes a client certificate"), std::string::npos) << error;
}

// HSS's AK/SK signing as an instance of --credential (its document's aksk_signature scheme, whose alternative's
// X-Sdk-Date the signer writes): the same fields in the same order as --ak-env/--sk-env give, the token dropped,
// and each signature verifies over what goes out.
TEST(SchemeCredentials, ApigSigningMatchesTheAkSkOptions) {
  const std::shared_ptr<const Contract> hss = load_embedded_contract().contract;
  ::setenv("REQPROBE_TEST_AK", "AK-0123456789", 1);
  ::setenv("REQPROBE_TEST_SK", "SK-abcdefghijklmnopqrstuvwxyz", 1);
  Credentials scheme;
  std::string error;
  ASSERT_TRUE(scheme_credential_from("aksk_signature=apig-sign:REQPROBE_TEST_AK:REQPROBE_TEST_SK", scheme, error))
      << error;
  Credentials options;
  ASSERT_TRUE(aksk_from_env("REQPROBE_TEST_AK", "REQPROBE_TEST_SK", options, error)) << error;
  Case kase;
  kase.id = "aksk";
  kase.method = "POST";
  kase.target = "/v5/0f7e0b2c/image/image-scan/tasks";
  kase.headers = {{"X-Auth-Token", "MIIZkQYJKoZIhvcNAQcCoIIZgjCCGX4CAQExDTALBglghkgBZQMEAgEw"},
                  {"Content-Type", "application/json"}};
  kase.body = R"({"is_all":true})";
  CasePreparer by_scheme(hss, {}, scheme, "127.0.0.1:9");
  CasePreparer by_options(hss, {}, options, "127.0.0.1:9");
  const PreparedCase a = by_scheme.prepare(kase, "");
  const PreparedCase b = by_options.prepare(kase, "");
  ASSERT_EQ(a.headers.size(), b.headers.size());
  for (std::size_t i = 0; i < a.headers.size(); ++i) {
    EXPECT_EQ(a.headers[i].first, b.headers[i].first) << i;
    if (a.headers[i].first != "X-Sdk-Date" && a.headers[i].first != "Authorization") {
      EXPECT_EQ(a.headers[i].second, b.headers[i].second) << a.headers[i].first;
    }
  }
  EXPECT_TRUE(a.expected_valid) << "signed, the request is valid";
  // Each signature is APIG's over the fields, target and body as they go out (the date may differ by a second).
  for (const PreparedCase* p : {&a, &b}) {
    // What was signed: every field before Authorization (Content-Length is added after signing, as before).
    const auto signature = std::find_if(p->headers.begin(), p->headers.end(),
                                        [](const auto& field) { return field.first == "Authorization"; });
    ASSERT_NE(signature, p->headers.end());
    HeaderList signed_fields(p->headers.begin(), signature);
    const std::string date = header(*p, "X-Sdk-Date");
    const SigningRequest request{p->method, p->target, &signed_fields, p->body};
    EXPECT_EQ(header(*p, "Authorization"),
              sign_authorization(request, "AK-0123456789", "SK-abcdefghijklmnopqrstuvwxyz", date));
    EXPECT_EQ(header(*p, "X-Auth-Token"), "(absent)") << "the signature replaces the token";
  }
  if (header(a, "X-Sdk-Date") == header(b, "X-Sdk-Date")) {
    EXPECT_EQ(header(a, "Authorization"), header(b, "Authorization")) << "byte-identical at the same date";
  }
  const std::vector<std::string> secrets = scheme.secrets();
  EXPECT_NE(std::find(secrets.begin(), secrets.end(), "SK-abcdefghijklmnopqrstuvwxyz"), secrets.end());
  ::unsetenv("REQPROBE_TEST_AK");
  ::unsetenv("REQPROBE_TEST_SK");
}

// A token that expires: the endpoint accepts only the current token and rotates it on the first request it sees.
// The command source is run again after the 401s and the cases are sent once more, so every case ends with the
// endpoint's answer to the new token, and the report has each case once.
TEST(SchemeCredentials, A401RunsTheCommandAgainAndResends) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "reqprobe-token-refresh";
  std::filesystem::create_directories(dir);
  const std::filesystem::path token_file = dir / "token";
  std::ofstream(token_file) << "tok-first";
  std::mutex mutex;
  std::vector<std::string> seen;
  httplib::Server server;
  server.Get(".*", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex);
    seen.push_back(req.get_header_value("Authorization"));
    if (seen.size() == 1) std::ofstream(token_file) << "tok-second";  // the token expires now
    const bool current = req.get_header_value("Authorization") == "Bearer tok-second";
    res.status = current ? 200 : 401;
    res.set_content(current ? "{}" : "{\"title\":\"expired\"}", "application/json");
  });
  const int port = server.bind_to_any_port("127.0.0.1");
  std::thread thread([&] { server.listen_after_bind(); });

  std::vector<ReplayInput> cases;
  for (const char* id : {"a", "b", "c"}) {
    Case kase = get("/either", {{"Authorization", "Bearer ph"}});
    kase.id = id;
    cases.push_back({kase, ""});
  }
  ReplayOptions options;
  options.target = "http://127.0.0.1:" + std::to_string(port);
  options.client.concurrency = 1;
  options.report = (dir / "r.jsonl").string();
  std::string error;
  ASSERT_TRUE(scheme_credential_from("bearer=command:cat " + token_file.string(), options.credentials, error)) << error;
  std::ostringstream out, err;
  const std::atomic<bool> stop{false};
  const ReplayRun run = run_replay(contract(), cases, options, out, err, stop);
  server.stop();
  thread.join();

  EXPECT_EQ(run.exit_code, 0) << out.str() << err.str();
  ASSERT_EQ(run.results.size(), 3u);
  for (const CaseResult& result : run.results) EXPECT_EQ(result.outcome, Outcome::ok) << result.id;
  EXPECT_EQ(std::count(seen.begin(), seen.end(), "Bearer tok-first"), 3);
  EXPECT_EQ(std::count(seen.begin(), seen.end(), "Bearer tok-second"), 3);
  EXPECT_NE(err.str().find("3 cases got 401; the credential commands were run again"), std::string::npos) << err.str();
  std::ifstream report(options.report);
  std::size_t lines = 0;
  for (std::string line; std::getline(report, line);) ++lines;
  EXPECT_EQ(lines, 3u) << "each case is reported once";
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace reqprobe::replay
