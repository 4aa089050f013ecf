// Security (issue 11): apiKey in a header, the query or a cookie, http basic and bearer, alternatives (an OR of
// ANDs), `security: []` removing the document's requirement and `{}` making credentials optional. A missing
// credential is one `required` violation at the first alternative's first missing credential.
#include "openapi_support.h"

namespace reqprobe::openapi_test {
namespace {

const char* const kSecurity = R"(openapi: 3.1.0
info: {title: security, version: '1'}
components:
  securitySchemes:
    headerKey: {type: apiKey, in: header, name: X-API-Key}
    queryKey: {type: apiKey, in: query, name: api_key}
    cookieKey: {type: apiKey, in: cookie, name: SESSION}
    basic: {type: http, scheme: basic}
    bearer: {type: http, scheme: Bearer, bearerFormat: JWT}
    oauth:
      type: oauth2
      flows: {clientCredentials: {tokenUrl: 'https://a.example.com/token', scopes: {read: r}}}
security:
  - headerKey: []
paths:
  /default:
    get: {responses: {'200': {description: ok}}}
  /query:
    get:
      security: [{queryKey: []}]
      responses: {'200': {description: ok}}
  /cookie:
    get:
      security: [{cookieKey: []}]
      responses: {'200': {description: ok}}
  /basic:
    get:
      security: [{basic: []}]
      responses: {'200': {description: ok}}
  /bearer:
    get:
      security: [{bearer: []}]
      responses: {'200': {description: ok}}
  /oauth:
    get:
      security: [{oauth: [read]}]
      responses: {'200': {description: ok}}
  /either:
    get:
      security:
        - {headerKey: [], cookieKey: []}
        - {bearer: []}
      responses: {'200': {description: ok}}
  /open:
    get:
      security: []
      responses: {'200': {description: ok}}
  /optional:
    get:
      security: [{}, {queryKey: []}]
      responses: {'200': {description: ok}}
)";

TEST(Security, each_scheme_is_met_by_its_credential) {
  const auto contract = load_ok(kSecurity);
  check_rows(
      contract,
      {
          {"document-level header key", request("GET", "/default", {{"x-api-key", "k"}}), {}},
          {"header key missing", request("GET", "/default"), {at_header("required", "x-api-key")}},
          {"header key in the query does not count",
           request("GET", "/default?X-API-Key=k"),
           {at_header("required", "x-api-key")}},
          {"query key", request("GET", "/query?api_key=k"), {}},
          {"query key percent-encoded name", request("GET", "/query?api%5Fkey=k"), {}},
          {"query key missing", request("GET", "/query?apikey=k"), {at_query("required", "api_key")}},
          {"cookie key", request("GET", "/cookie", {{"Cookie", "a=1; SESSION=s"}}), {}},
          {"cookie names are case-sensitive",
           request("GET", "/cookie", {{"Cookie", "session=s"}}),
           {at_cookie("required", "SESSION")}},
          {"cookie key missing", request("GET", "/cookie"), {at_cookie("required", "SESSION")}},
          {"basic", request("GET", "/basic", {{"Authorization", "Basic dXNlcjpwYXNz"}}), {}},
          {"basic scheme word case-insensitive", request("GET", "/basic", {{"Authorization", "basic eDp5"}}), {}},
          {"basic with another scheme",
           request("GET", "/basic", {{"Authorization", "Bearer t"}}),
           {at_header("required", "authorization")}},
          {"basic without credentials",
           request("GET", "/basic", {{"Authorization", "Basic "}}),
           {at_header("required", "authorization")}},
          {"bearer", request("GET", "/bearer", {{"Authorization", "Bearer abc.def.ghi"}}), {}},
          {"bearer missing", request("GET", "/bearer"), {at_header("required", "authorization")}},
          {"oauth2 takes a bearer token", request("GET", "/oauth", {{"Authorization", "Bearer t"}}), {}},
          {"oauth2 missing", request("GET", "/oauth"), {at_header("required", "authorization")}},
      });
}

TEST(Security, alternatives_are_an_or_of_ands) {
  const auto contract = load_ok(kSecurity);
  check_rows(
      contract,
      {
          {"first alternative whole", request("GET", "/either", {{"X-API-Key", "k"}, {"Cookie", "SESSION=s"}}), {}},
          {"second alternative", request("GET", "/either", {{"Authorization", "Bearer t"}}), {}},
          {"half of the first alternative",
           request("GET", "/either", {{"X-API-Key", "k"}}),
           {at_cookie("required", "SESSION")}},
          {"the other half",
           request("GET", "/either", {{"Cookie", "SESSION=s"}}),
           {at_header("required", "x-api-key")}},
          {"nothing: the first alternative's first credential",
           request("GET", "/either"),
           {at_header("required", "x-api-key")}},
          {"half of the first and the second",
           request("GET", "/either", {{"Cookie", "SESSION=s"}, {"Authorization", "Bearer t"}}),
           {}},
      });
}

TEST(Security, empty_requirements) {
  const auto contract = load_ok(kSecurity);
  check_rows(contract, {
                           {"security: [] removes the document's requirement", request("GET", "/open"), {}},
                           {"{} makes credentials optional", request("GET", "/optional"), {}},
                           {"the other alternative is fine too", request("GET", "/optional?api_key=k"), {}},
                       });
}

TEST(Security, undeclared_schemes_are_load_errors) {
  const LoadResult loaded = load_contract(R"(openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /x:
    get:
      security: [{nope: []}]
      responses: {'200': {description: ok}}
)");
  ASSERT_FALSE(loaded.ok());
  ASSERT_EQ(loaded.errors.size(), 1u) << errors_text(loaded);
  EXPECT_EQ(loaded.errors[0].pointer, "/paths/~1x/get/security/0/nope");
  EXPECT_EQ(loaded.errors[0].line, 6u);
}

// Credentials are not parameters: in the strict profile they are not `unknown`.
TEST(Security, credentials_are_not_undeclared_parameters_in_the_strict_profile) {
  const auto contract = load_ok(kSecurity, LoadOptions{.strict = true});
  check_rows(
      contract,
      {
          {"query key", request("GET", "/query?api_key=k"), {}},
          {"query key and an unknown name", request("GET", "/query?api_key=k&other=1"), {at_query("unknown", "other")}},
      });
}

}  // namespace
}  // namespace reqprobe::openapi_test
