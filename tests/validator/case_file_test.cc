// The case file (reqprobe/case_file.h): exact writer output, round trips, every parse error with its pointer,
// strict base64, UTF-8 helpers, expectation comparison and the Request view. All table-driven.
#include "reqprobe/case_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace reqprobe {
namespace {

using namespace std::string_literals;  // "..."s keeps embedded NUL bytes

Violation violation(Code code, Location location, std::string pointer, Severity severity = Severity::error) {
  Violation v;
  v.code = code;
  v.location = location;
  v.pointer = std::move(pointer);
  v.severity = severity;
  return v;
}

bool same_violations(const std::vector<Violation>& a, const std::vector<Violation>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].code != b[i].code || a[i].location != b[i].location || a[i].pointer != b[i].pointer ||
        a[i].severity != b[i].severity || a[i].message != b[i].message)
      return false;
  }
  return true;
}

void expect_same_case(const Case& actual, const Case& expected) {
  EXPECT_EQ(actual.id, expected.id);
  EXPECT_EQ(actual.description, expected.description);
  EXPECT_EQ(actual.method, expected.method);
  EXPECT_EQ(actual.target, expected.target);
  EXPECT_EQ(actual.headers, expected.headers);
  EXPECT_EQ(actual.body, expected.body);
  EXPECT_EQ(actual.has_expect, expected.has_expect);
  EXPECT_EQ(actual.expect.verdict, expected.expect.verdict);
  EXPECT_TRUE(same_violations(actual.expect.violations, expected.expect.violations));
}

Case design_example() {
  Case c;
  c.id = "body.rate_limit.above_maximum";
  c.description = "rate_limit one above its maximum";
  c.method = "POST";
  c.target = "/v5/0f7e0b2c/image/image-scan/tasks?enterprise_project_id=all_granted_eps";
  c.headers = {{"X-Auth-Token", "token-value"}, {"Content-Type", "application/json"}};
  c.body = R"({"is_all":true,"rate_limit":1001})";
  c.has_expect = true;
  c.expect.verdict = "invalid";
  c.expect.violations = {violation(Code::maximum, Location::body, "/rate_limit")};
  return c;
}

// ---- writing -----------------------------------------------------------------------------------------------------

TEST(WriteCase, WritesTheDesignExampleInTheFixedLayout) {
  EXPECT_EQ(write_case(design_example()), R"({
  "id": "body.rate_limit.above_maximum",
  "description": "rate_limit one above its maximum",
  "request": {
    "method": "POST",
    "target": "/v5/0f7e0b2c/image/image-scan/tasks?enterprise_project_id=all_granted_eps",
    "headers": [
      ["X-Auth-Token", "token-value"],
      ["Content-Type", "application/json"]
    ],
    "body": "{\"is_all\":true,\"rate_limit\":1001}"
  },
  "expect": {
    "verdict": "invalid",
    "violations": [
      {"code": "maximum", "location": "body", "pointer": "/rate_limit"}
    ]
  }
}
)");
}

TEST(WriteCase, WritesEmptyListsNoBodyNoExpectAndBase64ForNonUtf8) {
  Case c;
  c.id = "x";
  c.method = "GET";
  c.target = "/";
  EXPECT_EQ(write_case(c), R"({
  "id": "x",
  "description": "",
  "request": {
    "method": "GET",
    "target": "/",
    "headers": []
  }
}
)");
  c.body = "\xff\x00"s;
  c.has_expect = true;
  c.expect.verdict = "valid";
  c.expect.violations = {violation(Code::rule, Location::body, "/query_info", Severity::warning)};
  EXPECT_EQ(write_case(c), R"({
  "id": "x",
  "description": "",
  "request": {
    "method": "GET",
    "target": "/",
    "headers": [],
    "body_base64": "/wA="
  },
  "expect": {
    "verdict": "valid",
    "violations": [
      {"code": "rule", "location": "body", "pointer": "/query_info", "severity": "warning"}
    ]
  }
}
)");
}

TEST(WriteCase, EscapesControlCharactersAndKeepsNul) {
  Case c;
  c.method = "POST";
  c.target = "/";
  c.body = "{\"a\":\"\x00\x01\t\n\\\"\x7f\"}"s;
  const std::string text = write_case(c);
  // RapidJSON escapes what JSON requires (controls, quote, backslash) and writes DEL as it is.
  EXPECT_NE(text.find(R"("body": "{\"a\":\"\u0000\u0001\t\n\\\")"
                      "\x7f"
                      R"(\"}")"),
            std::string::npos)
      << text;
}

TEST(WriteCase, ReplacesInvalidUtf8OutsideTheBody) {
  Case c;
  c.method = "POST";
  c.target = "/v5/\xff";
  c.headers = {{"X-A", "b\xc3"}};
  EXPECT_FALSE(case_is_representable(c));
  const CaseParseResult parsed = parse_case(write_case(c));
  ASSERT_TRUE(parsed.ok()) << parsed.error.describe();
  EXPECT_EQ(parsed.kase->target, "/v5/\xEF\xBF\xBD");
  EXPECT_EQ(parsed.kase->headers[0].second, "b\xEF\xBF\xBD");
}

TEST(CaseIsRepresentable, OnlyTheBodyMayHoldBytesThatAreNotUtf8) {
  Case c = design_example();
  EXPECT_TRUE(case_is_representable(c));
  c.body = "\xff";
  EXPECT_TRUE(case_is_representable(c));
  using Breaker = void (*)(Case&);
  const Breaker breakers[] = {
      [](Case& k) { k.id = "\x80"; },
      [](Case& k) { k.description = "\x80"; },
      [](Case& k) { k.method = "\x80"; },
      [](Case& k) { k.target = "/\x80"; },
      [](Case& k) { k.headers[0].first = "\x80"; },
      [](Case& k) { k.headers[1].second = "\x80"; },
  };
  for (const Breaker breaker : breakers) {
    Case bad = c;
    breaker(bad);
    EXPECT_FALSE(case_is_representable(bad));
  }
  Case bad_pointer = c;
  bad_pointer.expect.violations[0].pointer = "/\xc0\xaf";
  EXPECT_FALSE(case_is_representable(bad_pointer));
}

// ---- round trips -------------------------------------------------------------------------------------------------

struct RoundTrip {
  std::string name;
  Case kase;
};

std::vector<RoundTrip> round_trips() {
  std::vector<RoundTrip> out;
  out.push_back({"design example", design_example()});
  Case c = design_example();
  c.body.reset();
  out.push_back({"no body", c});
  c.body = "";
  out.push_back({"empty body", c});
  c.body = "{\"a\":\"\x00\"}"s;
  out.push_back({"body with NUL", c});
  c.body = "\xff\xfe{}";
  out.push_back({"body not UTF-8", c});
  c.body = "{\"name\":\"\xed\xa0\x80\"}";  // an encoded surrogate is not UTF-8: base64
  out.push_back({"body with encoded surrogate", c});
  c.body = "{\"emoji\":\"\xF0\x9F\x98\x80\",\"e\":\"\xC3\xA9\"}";
  out.push_back({"body with multi-byte UTF-8", c});
  c.body = "\"\\u0000\\\\/\"";
  out.push_back({"body with escapes as text", c});
  c.headers.clear();
  out.push_back({"no headers", c});
  c.headers = {{"X-Auth-Token", "a"}, {"x-auth-token", "b"}, {"Empty", ""}, {"Nul", "\x00"s}};
  out.push_back({"repeated, empty and NUL headers", c});
  c.has_expect = false;
  c.expect = {};
  out.push_back({"no expect", c});
  c.has_expect = true;
  c.expect.verdict = "valid";
  out.push_back({"valid, no violations", c});
  c.expect.violations = {violation(Code::rule, Location::body, "", Severity::warning),
                         violation(Code::unknown, Location::query, "foo", Severity::warning)};
  out.push_back({"warnings only", c});
  c.expect.verdict = "invalid";
  c.expect.violations = {violation(Code::path, Location::request, ""),
                         violation(Code::required, Location::header, "x-auth-token"),
                         violation(Code::enum_value, Location::body, "/a~1b/0/~0c"),
                         violation(Code::enum_value, Location::body, "/a~1b/0/~0c")};
  out.push_back({"repeated violations and escaped pointers", c});
  c.id = "id with \"quotes\" and \xC3\xA9";
  c.description = "line\nbreak\ttab";
  c.method = "";
  c.target = "/v5/p%2F1?a=%FF&b";
  out.push_back({"odd strings", c});
  return out;
}

TEST(CaseFile, RoundTripsThroughWriteAndParse) {
  for (const RoundTrip& t : round_trips()) {
    SCOPED_TRACE(t.name);
    const std::string text = write_case(t.kase);
    const CaseParseResult parsed = parse_case(text);
    ASSERT_TRUE(parsed.ok()) << parsed.error.describe() << "\n" << text;
    expect_same_case(*parsed.kase, t.kase);
    EXPECT_EQ(write_case(*parsed.kase), text) << "writing is not deterministic";
  }
}

TEST(CaseFile, ParsesOptionalPartsWithTheirDefaults) {
  const CaseParseResult parsed = parse_case(R"({"request":{"method":"POST","target":"/x"},
      "expect":{"verdict":"invalid","violations":[{"code":"enum","location":"query","pointer":"p"}]}})");
  ASSERT_TRUE(parsed.ok()) << parsed.error.describe();
  const Case& c = *parsed.kase;
  EXPECT_EQ(c.id, "");
  EXPECT_EQ(c.description, "");
  EXPECT_TRUE(c.headers.empty());
  EXPECT_FALSE(c.body.has_value());
  ASSERT_TRUE(c.has_expect);
  ASSERT_EQ(c.expect.violations.size(), 1u);
  EXPECT_EQ(c.expect.violations[0].code, Code::enum_value);
  EXPECT_EQ(c.expect.violations[0].location, Location::query);
  EXPECT_EQ(c.expect.violations[0].severity, Severity::error);

  const CaseParseResult valid =
      parse_case(R"({"request":{"method":"POST","target":"/x"},"expect":{"verdict":"valid"}})");
  ASSERT_TRUE(valid.ok()) << valid.error.describe();
  EXPECT_TRUE(valid.kase->expect.violations.empty());
}

TEST(CaseFile, DecodesBodyBase64AndUnicodeEscapes) {
  const CaseParseResult parsed = parse_case(
      R"({"request":{"method":"POST","target":"/","headers":[["A","\u00e9\u0000"]],"body_base64":"/wB7fQ=="}})");
  ASSERT_TRUE(parsed.ok()) << parsed.error.describe();
  EXPECT_EQ(parsed.kase->body, "\xff\x00{}"s);
  EXPECT_EQ(parsed.kase->headers[0].second, "\xC3\xA9\x00"s);
}

// ---- parse errors ------------------------------------------------------------------------------------------------

std::string repeat_text(std::string_view unit, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += unit;
  return out;
}

struct ParseError {
  std::string name;
  std::string json;
  std::string error;  ///< CaseError::describe()
};

constexpr const char* kRequest = R"("request":{"method":"POST","target":"/"})";

std::string with_request(const std::string& request_members) {
  return R"({"request":{"method":"POST","target":"/")" + request_members + "}}";
}

std::string with_expect(const std::string& expect) {
  return std::string("{") + kRequest + R"(,"expect":)" + expect + "}";
}

const std::vector<ParseError>& parse_errors() {
  static const std::vector<ParseError> all = {
      {"empty input", "", "not well-formed JSON at offset 0: The document is empty."},
      {"trailing bytes", std::string("{") + kRequest + "} x",
       "not well-formed JSON at offset 43: The document root must not be followed by other values."},
      {"NUL after the document", std::string("{") + kRequest + "}\0x"s, "not well-formed JSON: NUL byte at offset 42"},
      {"invalid UTF-8", "{\"id\":\"\xff\"," + std::string(kRequest) + "}",
       "not well-formed JSON at offset 7: Invalid encoding in string."},
      {"lone surrogate escape", R"({"id":"\ud800",)" + std::string(kRequest) + "}",
       "not well-formed JSON at offset 7: The surrogate pair in string is invalid."},
      {"root not an object", "[]", "must be an object, not an array"},
      {"deep nesting",
       std::string("{") + kRequest + R"(,"id":)" + std::string(200000, '[') + std::string(200000, ']') + "}",
       "the file nests arrays and objects deeper than 512 levels"},
      {"nesting within the bound",
       std::string("{") + kRequest + R"(,"id":)" + std::string(500, '[') + std::string(500, ']') + "}",
       "/id: must be a string, not an array"},
      {"deep nesting of objects",
       std::string("{") + kRequest + R"(,"id":)" + repeat_text(R"({"a":)", 200000) + "1" + std::string(200000, '}') +
           "}",
       "the file nests arrays and objects deeper than 512 levels"},
      {"unknown top-level member", std::string("{") + kRequest + R"(,"bdoy":"x"})", "/bdoy: unknown member"},
      {"repeated member", std::string("{") + kRequest + R"(,"id":"a","id":"b"})", "/id: repeated member"},
      {"repeated nested member", R"({"request":{"method":"POST","method":"GET","target":"/"}})",
       "/request/method: repeated member"},
      {"repeated member deep in an array",
       with_expect(R"({"verdict":"invalid","violations":[{"code":"enum","code":"type"}]})"),
       "/expect/violations/0/code: repeated member"},
      {"escaped unknown member name", std::string("{") + kRequest + R"(,"a/b~c":1})", "/a~1b~0c: unknown member"},
      {"id not a string", std::string("{") + kRequest + R"(,"id":1})", "/id: must be a string, not a number"},
      {"description null", std::string("{") + kRequest + R"(,"description":null})",
       "/description: must be a string, not null"},
      {"missing request", R"({"id":"x"})", "missing member 'request'"},
      {"request not an object", R"({"request":[]})", "/request: must be an object, not an array"},
      {"unknown request member", with_request(R"(,"query":"a")"), "/request/query: unknown member"},
      {"missing method", R"({"request":{"target":"/"}})", "/request: missing member 'method'"},
      {"missing target", R"({"request":{"method":"POST"}})", "/request: missing member 'target'"},
      {"method not a string", R"({"request":{"method":true,"target":"/"}})",
       "/request/method: must be a string, not a boolean"},
      {"headers an object", with_request(R"(,"headers":{"A":"b"})"),
       "/request/headers: must be an array of [name, value] pairs, not an object"},
      {"header not a pair", with_request(R"(,"headers":[["A","b"],["A"]])"),
       "/request/headers/1: must be a [name, value] pair of two strings"},
      {"header of three", with_request(R"(,"headers":[["A","b","c"]])"),
       "/request/headers/0: must be a [name, value] pair of two strings"},
      {"header a string", with_request(R"(,"headers":["A: b"])"),
       "/request/headers/0: must be a [name, value] pair of two strings"},
      {"header name a number", with_request(R"(,"headers":[[1,"b"]])"),
       "/request/headers/0/0: must be a string, not a number"},
      {"header value null", with_request(R"(,"headers":[["A",null]])"),
       "/request/headers/0/1: must be a string, not null"},
      {"body and body_base64", with_request(R"(,"body":"{}","body_base64":"e30=")"),
       "/request: has both 'body' and 'body_base64'; give at most one"},
      {"body an object", with_request(R"(,"body":{"is_all":true})"), "/request/body: must be a string, not an object"},
      {"body_base64 a number", with_request(R"(,"body_base64":1)"),
       "/request/body_base64: must be a string, not a number"},
      {"body_base64 bad length", with_request(R"(,"body_base64":"e30")"),
       "/request/body_base64: not strict base64 (RFC 4648 alphabet, '=' padding to a multiple of 4 characters, no "
       "whitespace)"},
      {"body_base64 whitespace", with_request(R"(,"body_base64":"e30=\n")"),
       "/request/body_base64: not strict base64 (RFC 4648 alphabet, '=' padding to a multiple of 4 characters, no "
       "whitespace)"},
      {"expect not an object", with_expect("[]"), "/expect: must be an object, not an array"},
      {"unknown expect member", with_expect(R"({"verdict":"valid","code":"x"})"), "/expect/code: unknown member"},
      {"missing verdict", with_expect(R"({"violations":[]})"), "/expect: missing member 'verdict'"},
      {"verdict not a name", with_expect(R"({"verdict":"ok"})"), "/expect/verdict: must be \"valid\" or \"invalid\""},
      {"verdict a boolean", with_expect(R"({"verdict":true})"), "/expect/verdict: must be a string, not a boolean"},
      {"violations an object", with_expect(R"({"verdict":"valid","violations":{}})"),
       "/expect/violations: must be an array, not an object"},
      {"violation not an object", with_expect(R"({"verdict":"invalid","violations":["maximum"]})"),
       "/expect/violations/0: must be an object, not a string"},
      {"violation with message", with_expect(R"({"verdict":"invalid","violations":[{"code":"maximum",
          "location":"body","pointer":"/a","message":"m"}]})"),
       "/expect/violations/0/message: unknown member"},
      {"violation without code",
       with_expect(R"({"verdict":"invalid","violations":[{"location":"body","pointer":""}]})"),
       "/expect/violations/0: missing member 'code'"},
      {"unknown code", with_expect(R"({"verdict":"invalid","violations":[{"code":"enum_value","location":"body",
          "pointer":""}]})"),
       "/expect/violations/0/code: unknown code 'enum_value'"},
      {"code a number",
       with_expect(R"({"verdict":"invalid","violations":[{"code":3,"location":"body","pointer":""}]})"),
       "/expect/violations/0/code: must be a string, not a number"},
      {"violation without location",
       with_expect(R"({"verdict":"invalid","violations":[{"code":"type","pointer":""}]})"),
       "/expect/violations/0: missing member 'location'"},
      {"unknown location", with_expect(R"({"verdict":"invalid","violations":[{"code":"type","location":"Body",
          "pointer":""}]})"),
       "/expect/violations/0/location: unknown location 'Body'"},
      {"violation without pointer",
       with_expect(R"({"verdict":"invalid","violations":[{"code":"type","location":"body"}]})"),
       "/expect/violations/0: missing member 'pointer'"},
      {"pointer null", with_expect(R"({"verdict":"invalid","violations":[{"code":"type","location":"body",
          "pointer":null}]})"),
       "/expect/violations/0/pointer: must be a string, not null"},
      {"unknown severity", with_expect(R"({"verdict":"invalid","violations":[{"code":"type","location":"body",
          "pointer":"","severity":"fatal"}]})"),
       "/expect/violations/0/severity: must be \"error\" or \"warning\""},
      {"second violation bad", with_expect(R"({"verdict":"invalid","violations":[{"code":"type","location":"body",
          "pointer":""},{"code":"type"}]})"),
       "/expect/violations/1: missing member 'location'"},
      {"valid verdict with an error", with_expect(R"({"verdict":"valid","violations":[{"code":"type",
          "location":"body","pointer":""}]})"),
       "/expect/verdict: is \"valid\" but an expected violation is an error"},
      {"invalid verdict without violations", with_expect(R"({"verdict":"invalid"})"),
       "/expect/verdict: is \"invalid\" but no expected violation is an error"},
      {"invalid verdict with warnings only", with_expect(R"({"verdict":"invalid","violations":[{"code":"rule",
          "location":"body","pointer":"","severity":"warning"}]})"),
       "/expect/verdict: is \"invalid\" but no expected violation is an error"},
  };
  return all;
}

TEST(ParseCase, ReportsEveryProblemWithItsPointer) {
  for (const ParseError& t : parse_errors()) {
    SCOPED_TRACE(t.name);
    const CaseParseResult parsed = parse_case(t.json);
    EXPECT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error.describe(), t.error);
  }
}

TEST(ParseCase, DeeplyNestedTextIsAnErrorNotACrash) {  // issue 10, item 19
  for (const std::string& text : {std::string(200000, '['), "{\"id\":" + std::string(200000, '{'),
                                  "{\"expect\":" + std::string(600, '[') + std::string(600, ']') + "}"}) {
    const CaseParseResult parsed = parse_case(text);
    ASSERT_FALSE(parsed.ok());
    EXPECT_NE(parsed.error.message.find("deeper than 512"), std::string::npos) << parsed.error.message;
  }
}

TEST(CaseError, DescribesWithAndWithoutPointer) {
  EXPECT_EQ((CaseError{"/a", "m"}).describe(), "/a: m");
  EXPECT_EQ((CaseError{"", "m"}).describe(), "m");
}

// ---- base64 ------------------------------------------------------------------------------------------------------

struct Base64Vector {
  std::string bytes;
  std::string text;
};

TEST(Base64, EncodesAndDecodesTheRfc4648Vectors) {
  const std::vector<Base64Vector> vectors = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
      {"\x00"s, "AA=="},
      {"\xff\xff\xff", "////"},
      {"\xfb\xef\xbe", "++++"},
      {"\x00\x00\x00"s, "AAAA"},
  };
  for (const Base64Vector& v : vectors) {
    EXPECT_EQ(base64_encode(v.bytes), v.text);
    EXPECT_EQ(base64_decode(v.text), v.bytes) << v.text;
  }
}

TEST(Base64, RoundTripsEveryByteAtEveryOffset) {
  std::string all;
  for (int b = 0; b < 256; ++b) all.push_back(static_cast<char>(b));
  for (std::size_t start = 0; start < 3; ++start) {
    for (std::size_t length = 0; length + start <= all.size(); length += 37) {
      const std::string bytes = all.substr(start, length);
      EXPECT_EQ(base64_decode(base64_encode(bytes)), bytes);
    }
  }
}

TEST(Base64, RejectsEverythingButStrictBase64) {
  const std::vector<std::string> rejected = {
      "Zg",        // no padding
      "Zg=",       // short padding
      "Zm9vY",     // length not a multiple of 4
      "Z===",      // three padding characters
      "====",      // padding only
      "=Zg=",      // padding first
      "Zg==Zg==",  // padding in the middle
      "Zm=v",      // '=' inside a group
      "Zh==",      // unused bits set ("f" is Zg==)
      "Zm9=",      // unused bits set ("fo" is Zm8=)
      "Zm9v\n",    // whitespace
      "Zm 9v",     // whitespace
      " Zm9",      // leading whitespace
      "-_-_",      // base64url alphabet
      "Zm9\x80",   // non-ASCII
      "Zm9\0"s,    // NUL
  };
  for (const std::string& text : rejected) EXPECT_EQ(base64_decode(text), std::nullopt) << text;
}

// ---- UTF-8 -------------------------------------------------------------------------------------------------------

struct Utf8Case {
  std::string bytes;
  bool valid;
  std::string replaced;
};

TEST(Utf8, ChecksAndReplacesInvalidSequences) {
  const std::vector<Utf8Case> cases = {
      {"", true, ""},
      {"plain \x00 ascii"s, true, "plain \x00 ascii"s},
      {"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", true, "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"},
      {"\xF4\x8F\xBF\xBF", true, "\xF4\x8F\xBF\xBF"},                                   // U+10FFFF
      {"a\xff", false, "a\xEF\xBF\xBD"},                                                // never valid
      {"\xC0\xAF", false, "\xEF\xBF\xBD\xEF\xBF\xBD"},                                  // overlong '/'
      {"\xED\xA0\x80", false, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},                  // encoded surrogate
      {"\xF4\x90\x80\x80", false, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},  // above U+10FFFF
      {"\xE2\x82", false, "\xEF\xBF\xBD\xEF\xBF\xBD"},                                  // truncated
      {"\x80x", false, "\xEF\xBF\xBDx"},                                                // lone continuation
  };
  for (const Utf8Case& c : cases) {
    EXPECT_EQ(is_valid_utf8(c.bytes), c.valid) << c.replaced;
    EXPECT_EQ(utf8_or_replacement(c.bytes), c.replaced);
    EXPECT_TRUE(is_valid_utf8(utf8_or_replacement(c.bytes)));
  }
}

// ---- expectations ------------------------------------------------------------------------------------------------

struct ExpectationCase {
  std::string name;
  Case::Expected expected;
  std::vector<Violation> reported;
  bool met;
  std::vector<Violation> missing;
  std::vector<Violation> unexpected;
};

TEST(CompareExpectation, ComparesVerdictAndTheExactMultiset) {
  const Violation max = violation(Code::maximum, Location::body, "/rate_limit");
  const Violation req = violation(Code::required, Location::header, "x-auth-token");
  const Violation warn = violation(Code::rule, Location::body, "/query_info", Severity::warning);
  Violation max_with_message = max;
  max_with_message.message = "value 1001 exceeds maximum 1000";
  const std::vector<ExpectationCase> cases = {
      {"valid, nothing reported", {"valid", {}}, {}, true, {}, {}},
      {"same single violation, message ignored", {"invalid", {max}}, {max_with_message}, true, {}, {}},
      {"order does not matter", {"invalid", {req, max}}, {max, req}, true, {}, {}},
      {"missing one", {"invalid", {max, req}}, {max}, false, {req}, {}},
      {"unexpected one", {"invalid", {max}}, {max, req}, false, {}, {req}},
      {"repeats count", {"invalid", {max, max}}, {max}, false, {max}, {}},
      {"repeats count the other way", {"invalid", {max}}, {max, max}, false, {}, {max}},
      {"severity matters",
       {"valid", {warn}},
       {violation(Code::rule, Location::body, "/query_info")},
       false,
       {warn},
       {violation(Code::rule, Location::body, "/query_info")}},
      {"location matters",
       {"invalid", {max}},
       {violation(Code::maximum, Location::query, "/rate_limit")},
       false,
       {max},
       {violation(Code::maximum, Location::query, "/rate_limit")}},
      {"pointer matters",
       {"invalid", {max}},
       {violation(Code::maximum, Location::body, "/rate_limit/")},
       false,
       {max},
       {violation(Code::maximum, Location::body, "/rate_limit/")}},
      {"verdict alone differs", {"invalid", {}}, {}, false, {}, {}},
      {"warnings keep it valid", {"valid", {warn}}, {warn}, true, {}, {}},
  };
  for (const ExpectationCase& c : cases) {
    SCOPED_TRACE(c.name);
    Report report;
    report.violations = c.reported;
    const ExpectationDiff diff = compare_expectation(c.expected, report);
    EXPECT_EQ(diff.met(), c.met);
    EXPECT_EQ(diff.expected_verdict, c.expected.verdict);
    EXPECT_EQ(diff.actual_verdict, report.valid() ? "valid" : "invalid");
    EXPECT_TRUE(same_violations(diff.missing, c.missing));
    EXPECT_TRUE(same_violations(diff.unexpected, c.unexpected));
  }
}

// ---- the Request view --------------------------------------------------------------------------------------------

TEST(CaseRequest, ViewsTheCaseBytesInOrder) {
  Case c = design_example();
  c.headers.emplace_back("X-Auth-Token", "second");
  const CaseRequest view(c);
  const Request request = view.request();
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.target.data(), c.target.data());
  ASSERT_EQ(request.headers.size(), 3u);
  EXPECT_EQ(request.headers[0].name, "X-Auth-Token");
  EXPECT_EQ(request.headers[0].value, "token-value");
  EXPECT_EQ(request.headers[2].value, "second");
  ASSERT_TRUE(request.body.has_value());
  EXPECT_EQ(request.body->data(), c.body->data());

  c.body.reset();
  EXPECT_FALSE(CaseRequest(c).request().body.has_value());
  c.body = "";
  ASSERT_TRUE(CaseRequest(c).request().body.has_value());
  EXPECT_TRUE(CaseRequest(c).request().body->empty());
}

TEST(VerdictName, NamesBothVerdicts) {
  EXPECT_EQ(verdict_name(true), "valid");
  EXPECT_EQ(verdict_name(false), "invalid");
}

}  // namespace
}  // namespace reqprobe
