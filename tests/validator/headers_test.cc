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
      {"spaces and tabs around the token are not part of it", r.set_header("X-Auth-Token", " \ttoken\t "), {}},
      {"a token of spaces is empty on the wire",
       r.set_header("X-Auth-Token", "   "),
       {{"min_length", "header", "x-auth-token"}}},
      {"32768 characters and spaces around them", r.set_header("X-Auth-Token", " " + repeat("t", 32768) + " "), {}},
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
      {"the prefix and one byte are a complete scheme",
       r.with_header("Authorization", "SDK-HMAC-SHA256 x").with_header("X-Sdk-Date", kSdkDate),
       {}},
      {"the prefix alone is not: its trailing space is whitespace around the value on the wire",
       r.with_header("Authorization", "SDK-HMAC-SHA256 ").with_header("X-Sdk-Date", kSdkDate),
       {kTokenRequired}},
      {"spaces and tabs around the values are not part of them (RFC 9110 5.5)",
       r.with_header("Authorization", std::string(" \t") + kSignature + "\t ")
           .with_header("X-Sdk-Date", std::string("  ") + kSdkDate + " "),
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
       r.with_header("Authorization", kSignature).with_header("X-Sdk-Date", "20261127T120000Z0"),
       {kTokenRequired}},
      {"date with a CR: not a field value, so no alternative",
       r.with_header("Authorization", kSignature).with_header("X-Sdk-Date", "20261127T120000Z\r"),
       {{"encoding", "header", "x-sdk-date"}, kTokenRequired}},
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
      {"spaces around ';' are OWS (RFC 9110 5.6.6)", ct("application/json ; CHARSET=utf-8"), {}},
      {"but none around '='", ct("application/json; charset = utf-8"), {kContentType}},
      {"an empty parameter after '; '", ct("application/json; "), {}},
      {"an empty parameter between two ';'", ct("application/json;;charset=utf-8"), {}},
      {"a trailing ';' after the charset", ct("application/json;charset=utf-8;"), {}},
      {"spaces around the whole value", ct("  application/json\t"), {}},
      {"a quoted charset with a quoted-pair", ct("application/json;charset=\"utf\\-8\""), {}},
      {"an unterminated quoted charset", ct("application/json;charset=\"utf-8"), {kContentType}},
      {"a parameter without '='", ct("application/json;charset"), {kContentType}},
      {"a space inside the type", ct("application /json"), {kContentType}},
      {"no subtype", ct("application/"), {kContentType}},
      {"a parameter without ';'", ct("application/json charset=utf-8"), {kContentType}},
      {"a control byte in Content-Type is encoding, not also content_type",
       ct("application/json\x01"),
       {{"encoding", "header", "content-type"}}},
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

// RFC 9110 5.1 and 5.5: names are tokens; values hold no CR, LF, NUL or other control byte but HTAB. Any field,
// declared or not: a client sending it would put other fields on the wire (issue 10, item 2).
std::vector<RequestCase> field_syntax_cases() {
  const HttpRequest r = valid_request();
  const V token_encoding = {"encoding", "header", "x-auth-token"};
  return {
      {"CR LF and a second field inside the token",
       r.set_header("X-Auth-Token", "abc\r\nX-Auth-Token: def"),
       {token_encoding}},
      {"a lone LF in the token", r.set_header("X-Auth-Token", "abc\ndef"), {token_encoding}},
      {"a lone CR in the token", r.set_header("X-Auth-Token", "abc\rdef"), {token_encoding}},
      {"a NUL in the token", r.set_header("X-Auth-Token", std::string("abc\0def", 7)), {token_encoding}},
      {"another control byte", r.set_header("X-Auth-Token", "abc\x1b[2J"), {token_encoding}},
      {"DEL", r.set_header("X-Auth-Token", "abc\x7f"), {token_encoding}},
      {"a control byte past the first 16 bytes",
       r.set_header("X-Auth-Token", repeat("t", 40) + "\n"),
       {token_encoding}},
      {"HTAB inside a value is allowed", r.with_header("region", "cn\tnorth"), {}},
      {"bytes 0x80-0xFF in an undeclared field are obs-text, allowed", r.with_header("User-Agent", "\xFF\x80"), {}},
      {"an undeclared field is judged too", r.with_header("X-Trace", "a\r\nb"), {{"encoding", "header", "x-trace"}}},
      {"a space in a name", r.with_header("X Trace", "a"), {{"encoding", "header", "x trace"}}},
      {"a colon in a name", r.with_header("X-Trace:", "a"), {{"encoding", "header", "x-trace:"}}},
      {"whitespace after a name", r.with_header("Region ", "a"), {{"encoding", "header", "region "}}},
      {"an empty name", r.with_header("", "a"), {{"encoding", "header", ""}}},
      {"a malformed token field still counts as present", r.set_header("X-Auth-Token", "\n"), {token_encoding}},
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
                         register_cases(content_type_cases) && register_cases(field_syntax_cases) &&
                         register_cases(header_limit_cases);

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
TEST(Headers, field_names_and_values_http_can_carry) {
  check_all(field_syntax_cases());
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
