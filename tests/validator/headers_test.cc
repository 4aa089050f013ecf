// Headers: X-Auth-Token, region, the AK/SK alternative (D5) and Content-Type.
#include "test_support.h"

namespace reqprobe::test {
namespace {

const V kTokenRequired = {"required", "header", "x-auth-token"};
const V kContentType = {"content_type", "header", "content-type"};
const V kNoTarget = {"rule", "body", ""};  // R1, through D6 (absent body = {})

constexpr const char* kSignature =
    "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, "
    "Signature=be0a5e8fd1cd6e5a85b3e8cc6fbd43b8e1d0e01f3b3d1d0f5a0b6c5b0fd7d3a1";
constexpr const char* kSdkDate = "20261127T120000Z";

HttpRequest without_token() {
  return valid_request().without_header("X-Auth-Token");
}

std::vector<RequestCase> token_cases() {
  const HttpRequest r = valid_request();
  const V too_long = {"max_length", "header", "x-auth-token"};
  return {
      {"the default token", r, {}},
      {"missing X-Auth-Token", without_token(), {kTokenRequired}},
      {"empty X-Auth-Token", r.set_header("X-Auth-Token", ""), {{"min_length", "header", "x-auth-token"}}},
      {"one character", r.set_header("X-Auth-Token", "t"), {}},
      {"32768 characters", r.set_header("X-Auth-Token", repeat("t", 32768)), {}},
      {"32769 characters", r.set_header("X-Auth-Token", repeat("t", 32769)), {too_long}},
      {"32768 two-byte code points (65536 bytes)", r.set_header("X-Auth-Token", repeat("\xC3\xA9", 32768)), {}},
      {"repeated X-Auth-Token",
       r.with_header("X-Auth-Token", std::string(kToken)),
       {{"duplicate", "header", "x-auth-token"}}},
      {"repeated X-Auth-Token in another case",
       r.with_header("x-auth-token", "other"),
       {{"duplicate", "header", "x-auth-token"}}},
      {"lower-case name", without_token().with_header("x-auth-token", "t"), {}},
      {"upper-case name", without_token().with_header("X-AUTH-TOKEN", "t"), {}},
      {"mixed-case name", without_token().with_header("x-AuTh-ToKeN", "t"), {}},
      {"a similar name is not the token", without_token().with_header("X-Auth-Tokens", "t"), {kTokenRequired}},
      {"invalid UTF-8 in the token", r.set_header("X-Auth-Token", "ab\xFF"), {{"encoding", "header", "x-auth-token"}}},
      {"undeclared headers are ignored", r.with_header("X-Request-Id", "").with_header("User-Agent", "\xFF"), {}},
      {"the missing token is reported after the present headers",
       without_token().with_header("region", repeat("r", 129)),
       {{"max_length", "header", "region"}, kTokenRequired}},
      {"header problems do not stop the body checks",
       without_token().with_body(R"({"is_all":true,"x":1})"),
       {kTokenRequired, {"unknown", "body", "/x"}}},
  };
}

std::vector<RequestCase> region_cases() {
  const HttpRequest r = valid_request();
  return {
      {"region of 0 characters (D4)", r.with_header("region", ""), {{"min_length", "header", "region"}}},
      {"region of 1 character", r.with_header("region", "r"), {}},
      {"region cn-north-4", r.with_header("region", "cn-north-4"), {}},
      {"region of 128 characters", r.with_header("region", repeat("r", 128)), {}},
      {"region of 129 characters", r.with_header("region", repeat("r", 129)), {{"max_length", "header", "region"}}},
      {"region of 128 two-byte code points", r.with_header("region", repeat("\xC3\xA9", 128)), {}},
      {"region of 129 two-byte code points",
       r.with_header("region", repeat("\xC3\xA9", 129)),
       {{"max_length", "header", "region"}}},
      {"region name in upper case", r.with_header("REGION", "r"), {}},
      {"repeated region", r.with_header("region", "a").with_header("Region", "b"), {{"duplicate", "header", "region"}}},
      {"region with invalid UTF-8", r.with_header("region", "\xC3"), {{"encoding", "header", "region"}}},
  };
}

std::vector<RequestCase> aksk_cases() {
  const HttpRequest r = without_token();
  return {
      {"Authorization + X-Sdk-Date, no token",
       r.with_header("Authorization", kSignature).with_header("X-Sdk-Date", kSdkDate),
       {}},
      {"header names are case-insensitive",
       r.with_header("authorization", kSignature).with_header("x-sdk-date", kSdkDate),
       {}},
      {"the prefix alone is a complete scheme",
       r.with_header("Authorization", "SDK-HMAC-SHA256 ").with_header("X-Sdk-Date", kSdkDate),
       {}},
      {"token and AK/SK together",
       valid_request().with_header("Authorization", kSignature).with_header("X-Sdk-Date", kSdkDate),
       {}},
      {"an empty token is still judged when AK/SK is present",
       valid_request()
           .set_header("X-Auth-Token", "")
           .with_header("Authorization", kSignature)
           .with_header("X-Sdk-Date", kSdkDate),
       {{"min_length", "header", "x-auth-token"}}},
      {"Authorization alone", r.with_header("Authorization", kSignature), {kTokenRequired}},
      {"X-Sdk-Date alone", r.with_header("X-Sdk-Date", kSdkDate), {kTokenRequired}},
      {"date with separators",
       r.with_header("Authorization", kSignature).with_header("X-Sdk-Date", "2026-11-27T12:00:00Z"),
       {kTokenRequired}},
      {"date without Z",
       r.with_header("Authorization", kSignature).with_header("X-Sdk-Date", "20261127T120000"),
       {kTokenRequired}},
      {"date with a letter for a digit",
       r.with_header("Authorization", kSignature).with_header("X-Sdk-Date", "2026112XT120000Z"),
       {kTokenRequired}},
      {"date in lower case",
       r.with_header("Authorization", kSignature).with_header("X-Sdk-Date", "20261127t120000z"),
       {kTokenRequired}},
      {"date with a trailing byte",
       r.with_header("Authorization", kSignature).with_header("X-Sdk-Date", "20261127T120000Z "),
       {kTokenRequired}},
      {"empty date", r.with_header("Authorization", kSignature).with_header("X-Sdk-Date", ""), {kTokenRequired}},
      {"scheme in lower case (the prefix is case-sensitive)",
       r.with_header("Authorization", "sdk-hmac-sha256 Access=a").with_header("X-Sdk-Date", kSdkDate),
       {kTokenRequired}},
      {"another scheme",
       r.with_header("Authorization", "SDK-HMAC-SHA1 Access=a").with_header("X-Sdk-Date", kSdkDate),
       {kTokenRequired}},
      {"scheme without the space",
       r.with_header("Authorization", "SDK-HMAC-SHA256").with_header("X-Sdk-Date", kSdkDate),
       {kTokenRequired}},
      {"Bearer", r.with_header("Authorization", "Bearer abc").with_header("X-Sdk-Date", kSdkDate), {kTokenRequired}},
      {"the first Authorization decides",
       r.with_header("Authorization", "Bearer abc")
           .with_header("Authorization", kSignature)
           .with_header("X-Sdk-Date", kSdkDate),
       {kTokenRequired}},
  };
}

std::vector<RequestCase> content_type_cases() {
  const HttpRequest r = valid_request();
  auto ct = [&](std::string value) { return r.set_header("Content-Type", std::move(value)); };
  return {
      {"application/json", r, {}},
      {"application/json; charset=utf-8", ct("application/json; charset=utf-8"), {}},
      {"application/json;charset=UTF-8", ct("application/json;charset=UTF-8"), {}},
      {"Application/JSON", ct("Application/JSON"), {}},
      {"quoted charset", ct("application/json; charset=\"utf-8\""), {}},
      {"spaces around the parameter", ct("application/json ; CHARSET = utf-8"), {}},
      {"lower-case header name", r.without_header("Content-Type").with_header("content-type", "application/json"), {}},
      {"missing Content-Type with a body", r.without_header("Content-Type"), {kContentType}},
      {"text/plain", ct("text/plain"), {kContentType}},
      {"application/json; charset=latin1", ct("application/json; charset=latin1"), {kContentType}},
      {"application/json; charset=utf-16", ct("application/json; charset=utf-16"), {kContentType}},
      {"a parameter other than charset", ct("application/json; boundary=x"), {kContentType}},
      {"two charsets", ct("application/json; charset=utf-8; charset=utf-8"), {kContentType}},
      {"an empty parameter after ';' (RFC 9110 allows it)", ct("application/json;"), {}},
      {"application/jsonp", ct("application/jsonp"), {kContentType}},
      {"application/problem+json is not declared", ct("application/problem+json"), {kContentType}},
      {"empty Content-Type", ct(""), {kContentType}},
      {"repeated Content-Type",
       r.with_header("Content-Type", "application/json"),
       {{"duplicate", "header", "content-type"}}},
      {"the body is still checked after a Content-Type problem",
       ct("text/plain").with_body(R"({"is_all":true,"rate_limit":-1})"),
       {kContentType, {"minimum", "body", "/rate_limit"}}},
      {"no body and no Content-Type: D6, the body is {}", r.without_header("Content-Type").without_body(), {kNoTarget}},
      {"empty body and no Content-Type: D6", r.without_header("Content-Type").with_body(""), {kNoTarget}},
      {"no body: Content-Type is not judged", ct("text/plain").without_body(), {kNoTarget}},
  };
}

std::vector<RequestCase> header_limit_cases() {
  const HttpRequest r = valid_request();
  Limits count;
  count.max_headers = 3;
  Limits bytes;
  bytes.max_header_bytes = 10;
  return {
      {"max_headers fields", r.with_header("region", "r"), {}, with_limits(count)},
      {"one field over max_headers",
       r.with_header("region", "r").with_header("Accept", "*/*"),
       {{"limit", "header", ""}},
       with_limits(count)},
      {"token of max_header_bytes", r.set_header("X-Auth-Token", repeat("t", 10)), {}, with_limits(bytes)},
      {"token one byte over max_header_bytes",
       r.set_header("X-Auth-Token", repeat("t", 11)),
       {{"limit", "header", "x-auth-token"}},
       with_limits(bytes)},
      {"undeclared headers are not measured",
       r.set_header("X-Auth-Token", "t").with_header("Cookie", repeat("c", 100)),
       {},
       with_limits(bytes)},
  };
}

const bool kRegistered = register_cases(token_cases) && register_cases(region_cases) && register_cases(aksk_cases) &&
                         register_cases(content_type_cases) && register_cases(header_limit_cases);

TEST(Headers, x_auth_token) {
  check_all(token_cases());
}
TEST(Headers, region) {
  check_all(region_cases());
}
TEST(Headers, aksk_signing_replaces_the_token) {
  check_all(aksk_cases());
}
TEST(Headers, content_type) {
  check_all(content_type_cases());
}
TEST(Headers, header_limits) {
  check_all(header_limit_cases());
}

// SPEC: the token is 1-32768 characters, and lengths are code points (D7). A 32768-code-point token of four-byte
// characters is within the contract, so the 64 KiB header safety limit must not reject it.
TEST(Headers, a_maximal_token_of_four_byte_code_points_is_within_the_default_limits) {
  EXPECT_THAT(run_request(valid_request().set_header("X-Auth-Token", repeat("\xF0\x9F\x98\x80", 32768))),
              ViolationsAre(std::vector<V>{}));
}

}  // namespace
}  // namespace reqprobe::test
