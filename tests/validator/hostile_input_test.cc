// Hostile bodies: malformed JSON, invalid UTF-8, lone surrogates, huge numbers, deep nesting, oversized bodies,
// strings, arrays and objects, and floods of violations. Every case expects exact violations and no crash.
#include "test_support.h"

namespace reqprobe::test {
namespace {

const V kSyntax = {"syntax", "body", ""};

std::vector<BodyCase> syntax_cases() {
  const V in_query = {"syntax", "body", "/query_info"};
  const V in_images = {"syntax", "body", "/image_info"};
  return {
      {"unterminated object", "{", {kSyntax}},
      {"unterminated object after a member", R"({"is_all":true)", {kSyntax}},
      {"unterminated member name", R"({"is_a)", {kSyntax}},
      {"trailing comma", R"({"is_all":true,})", {kSyntax}},
      {"missing colon", R"({"is_all" true})", {kSyntax}},
      {"missing comma", R"({"is_all":true "rate_limit":1})", {kSyntax}},
      {"single-quoted name", R"({'is_all':true})", {kSyntax}},
      {"bare name", R"({is_all:true})", {kSyntax}},
      {"truncated literal", R"({"is_all":tru})", {kSyntax}},
      {"capitalised literal", R"({"is_all":True})", {kSyntax}},
      {"truncated null", R"({"is_all":nul})", {kSyntax}},
      {"comment", R"({"is_all":true /* scan */})", {kSyntax}},
      {"close bracket of the wrong kind", R"({"is_all":true])", {kSyntax}},
      {"empty value", R"({"is_all":})", {kSyntax}},
      {"leading zero", R"({"rate_limit":01,"is_all":true})", {kSyntax}},
      {"minus alone", R"({"is_all":true,"rate_limit":-})", {kSyntax}},
      {"fraction without digits", R"({"is_all":true,"rate_limit":1.})", {kSyntax}},
      {"exponent without digits", R"({"is_all":true,"rate_limit":1e})", {kSyntax}},
      {"leading plus", R"({"is_all":true,"rate_limit":+1})", {kSyntax}},
      {"leading dot", R"({"is_all":true,"rate_limit":.5})", {kSyntax}},
      {"hexadecimal", R"({"is_all":true,"rate_limit":0x10})", {kSyntax}},
      {"NaN", R"({"is_all":true,"rate_limit":NaN})", {kSyntax}},
      {"Infinity", R"({"is_all":true,"rate_limit":-Infinity})", {kSyntax}},
      {"unterminated string", R"({"is_all":true,"query_info":{"host_id":"abc}})", {in_query}},
      {"raw tab in a string", "{\"is_all\":true,\"query_info\":{\"host_id\":\"a\tb\"}}", {in_query}},
      {"raw newline in a string", "{\"is_all\":true,\"query_info\":{\"host_id\":\"a\nb\"}}", {in_query}},
      {"raw NUL in a string",
       R"({"is_all":true,"query_info":{"host_id":"a)" + std::string(1, '\0') + R"(b"}})",
       {in_query}},
      {"invalid escape \\x", R"({"is_all":true,"query_info":{"host_id":"a\xb"}})", {in_query}},
      {"invalid escape \\U", R"({"is_all":true,"query_info":{"host_id":"\U00e9"}})", {in_query}},
      {"non-hex \\u escape", R"({"is_all":true,"query_info":{"host_id":"\u12G4"}})", {in_query}},
      {"short \\u escape", R"({"is_all":true,"query_info":{"host_id":"\u12"}})", {in_query}},
      {"unterminated array", R"({"is_all":true,"image_info":[)", {in_images}},
      {"trailing comma in an array",
       R"({"is_all":true,"image_info":[1,]})",
       {{"type", "body", "/image_info/0"}, in_images}},
      {"missing comma between items",
       R"({"is_all":true,"image_info":[)" + valid_item() + " " + valid_item() + "]}",
       {in_images}},
      {"error inside an unknown member",
       R"({"is_all":true,"x":{"y":)",
       {{"unknown", "body", "/x"}, {"syntax", "body", "/x"}}},
      {"what was found before a syntax error stays reported",
       R"({"is_all":true,"rate_limit":1001,)",
       {{"maximum", "body", "/rate_limit"}, kSyntax}},
      {"a second root value", R"({"is_all":true}{})", {kSyntax}},
      {"an extra close brace", R"({"is_all":true}})", {kSyntax}},
      {"trailing letters", R"({"is_all":true} x)", {kSyntax}},
      {"trailing NUL", std::string("{\"is_all\":true}\0", 16), {kSyntax}},
      {"trailing whitespace is fine", "{\"is_all\":true} \r\n\t", {}},
      {"leading whitespace is fine", " \r\n\t{\"is_all\":true}", {}},
      {"only whitespace", " \n ", {kSyntax}},
      {"a byte order mark is not JSON whitespace", "\xEF\xBB\xBF{\"is_all\":true}", {kSyntax}},
      {"an invalid byte outside strings", "{\"is_all\":true}\xFF", {kSyntax}},
      {"an invalid byte where a name is expected", "{\xFF}", {kSyntax}},
      {"root scalar", "5", {{"type", "body", ""}}},
      {"root string", R"("{\"is_all\":true}")", {{"type", "body", ""}}},
      {"root array", "[]", {{"type", "body", ""}}},
  };
}

std::vector<BodyCase> encoding_cases() {
  auto host = [](std::string_view content) { return body_with("/query_info/host_id", in_quotes(content)); };
  const std::vector<V> bad = {{"encoding", "body", "/query_info/host_id"}};
  return {
      {"overlong two-byte '/' (C0 AF)", host("\xC0\xAF"), bad},
      {"overlong three-byte (E0 80 AF)", host("\xE0\x80\xAF"), bad},
      {"overlong four-byte (F0 80 80 AF)", host("\xF0\x80\x80\xAF"), bad},
      {"truncated three-byte sequence (E2 82)", host("\xE2\x82"), bad},
      {"truncated sequence at the end (C3)", host("abc\xC3"), bad},
      {"lone continuation byte (80)", host("a\x80z"), bad},
      {"UTF-8 encoded surrogate (ED A0 80)", host("\xED\xA0\x80"), bad},
      {"UTF-8 encoded low surrogate (ED BF BF)", host("\xED\xBF\xBF"), bad},
      {"above U+10FFFF (F4 90 80 80)", host("\xF4\x90\x80\x80"), bad},
      {"F5 lead byte", host("\xF5\x80\x80\x80"), bad},
      {"FE byte", host("\xFE"), bad},
      {"FF byte", host("\xFF"), bad},
      {"lone high surrogate escape \\ud800", host("\\ud800"), bad},
      {"lone low surrogate escape \\udc00", host("\\udc00"), bad},
      {"high surrogate then a letter", host("\\ud800x"), bad},
      {"high surrogate then a non-surrogate escape", host("\\ud800\\u0041"), bad},
      {"reversed pair", host("\\udc00\\ud800"), bad},
      {"two high surrogates", host("\\ud800\\ud800"), bad},
      {"high surrogate at the end of a long string", host(repeat("a", 40) + "\\udbff"), bad},
      {"a valid pair", host("\\ud83d\\ude00"), {}},
      {"the largest code point U+10FFFF", host("\xF4\x8F\xBF\xBF"), {}},
      {"the largest code point as a pair", host("\\udbff\\udfff"), {}},
      {"invalid UTF-8 is not also judged for length", host(repeat("\xC0", 200)), bad},
      {"invalid UTF-8 is not also judged against an enum",
       body_with("/query_info/scan_status", in_quotes("\xC0\xAF")),
       {{"encoding", "body", "/query_info/scan_status"}}},
      {"invalid UTF-8 in a required item member",
       body_with("/image_info/0/registry_id", in_quotes("\xFF")),
       {{"encoding", "body", "/image_info/0/registry_id"}}},
      {"invalid UTF-8 in a member name: reported at the object",
       "{\"is_all\":true,\"\xC0\xAF\":1}",
       {{"encoding", "body", ""}}},
      {"lone surrogate in a member name",
       R"({"is_all":true,"query_info":{"\ud800":1}})",
       {{"encoding", "body", "/query_info"}}},
      {"NUL escape in a member name is a different name",
       R"({"is_all":true,"is_all\u0000":true})",
       {{"unknown", "body", std::string("/is_all\0", 8)}}},
  };
}

// RFC 8259 requires the whole JSON text to be UTF-8 and DESIGN.md makes invalid UTF-8 `encoding`: that holds for
// the values of unknown members too (they are "read for well-formedness", and a member name is checked wherever it
// is). Otherwise a body that is not UTF-8 passes when unknown members are relaxed to warnings (D13 option).
std::vector<BodyCase> encoding_in_unknown_member_cases() {
  return {
      {"invalid UTF-8 in an unknown member's value",
       "{\"is_all\":true,\"x\":\"\xFF\"}",
       {{"unknown", "body", "/x"}, {"encoding", "body", "/x"}}},
      {"lone surrogate in an unknown member's value",
       R"({"is_all":true,"x":"\ud800"})",
       {{"unknown", "body", "/x"}, {"encoding", "body", "/x"}}},
      {"invalid UTF-8 deep in an unknown member, relaxed",
       "{\"is_all\":true,\"x\":[\"\xC0\xAF\"]}",
       {{"unknown", "body", "/x", "warning"}, {"encoding", "body", "/x/0"}},
       unknown_as_warning()},
  };
}

std::vector<BodyCase> number_cases() {
  const std::string digits = repeat("9", 10000);
  std::vector<BodyCase> out = {
      {"1e400 on rate_limit", body_with("/rate_limit", "1e400"), {{"type", "body", "/rate_limit"}}},
      {"-1e400 on image_size",
       body_with("/query_info/image_size", "-1e400"),
       {{"type", "body", "/query_info/image_size"}}},
      {"1e400 on scan_scope", body_with("/scan_scope", "1e400"), {{"type", "body", "/scan_scope"}}},
      {"1e400 in an unknown member is only unknown", R"({"is_all":true,"x":1e400})", {{"unknown", "body", "/x"}}},
      {"a 10,000-digit number on an unknown member",
       R"({"is_all":true,"x":)" + digits + "}",
       {{"unknown", "body", "/x"}}},
      {"a 10,000-digit fraction on rate_limit",
       body_with("/rate_limit", "0." + digits),
       {{"type", "body", "/rate_limit"}}},
  };
  for (const char* pointer : {"/rate_limit", "/scan_scope", "/query_info/image_size", "/image_info/0/id"}) {
    out.push_back({std::string("a 10,000-digit number on ") + pointer,
                   body_with(pointer, digits),
                   {{"maximum", "body", pointer}}});
    out.push_back({std::string("a negative 10,000-digit number on ") + pointer,
                   body_with(pointer, "-" + digits),
                   {{"minimum", "body", pointer}}});
  }
  return out;
}

std::string repeated_pointer(std::string_view token, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += "/" + std::string(token);
  return out;
}

std::vector<BodyCase> nesting_cases() {
  const int kDefaultDepth = 64;
  Limits three;
  three.max_depth = 3;
  return {
      {"100,000 levels of '['",
       repeat("[", 100000),
       {{"type", "body", ""}, {"limit", "body", repeated_pointer("0", kDefaultDepth)}}},
      {"100,000 balanced levels of '[' and ']'",
       repeat("[", 100000) + repeat("]", 100000),
       {{"type", "body", ""}, {"limit", "body", repeated_pointer("0", kDefaultDepth)}}},
      {"100,000 levels of '{\"a\":'",
       repeat("{\"a\":", 100000),
       {{"unknown", "body", "/a"}, {"limit", "body", repeated_pointer("a", kDefaultDepth)}}},
      {"100,000 levels under query_info",
       R"({"is_all":true,"query_info":)" + repeat("{\"a\":", 100000),
       {{"unknown", "body", "/query_info/a"},
        {"limit", "body", "/query_info" + repeated_pointer("a", kDefaultDepth - 1)}}},
      {"depth 64 (the default limit) is fine",
       R"({"is_all":true,"x":)" + repeat("[", 63) + repeat("]", 63) + "}",
       {{"unknown", "body", "/x"}}},
      {"depth 65",
       R"({"is_all":true,"x":)" + repeat("[", 64) + repeat("]", 64) + "}",
       {{"unknown", "body", "/x"}, {"limit", "body", "/x" + repeated_pointer("0", 63)}}},
      {"depth 3 with max_depth 3", R"({"is_all":true,"image_info":[)" + valid_item() + "]}", {}, with_limits(three)},
      {"depth 4 with max_depth 3",
       R"({"is_all":true,"x":[[[1]]]})",
       {{"unknown", "body", "/x"}, {"limit", "body", "/x/0/0"}},
       with_limits(three)},
  };
}

std::vector<BodyCase> size_cases() {
  Limits body16;
  body16.max_body_bytes = 16;
  Limits string12;
  string12.max_string_bytes = 12;
  Limits items3;
  items3.max_items = 3;
  Limits members3;
  members3.max_members = 3;
  const std::string item = valid_item();
  const std::size_t default_body = 8 * 1024 * 1024;
  const std::string valid = R"({"is_all":true})";
  return {
      {"body of max_body_bytes", R"({"is_all": true})", {}, with_limits(body16)},
      {"body one byte over max_body_bytes", R"({"is_all":  true})", {{"limit", "body", ""}}, with_limits(body16)},
      {"body of 8 MiB (the default limit)", valid + repeat(" ", default_body - valid.size()), {}},
      {"body of 8 MiB + 1", valid + repeat(" ", default_body - valid.size() + 1), {{"limit", "body", ""}}},
      {"string of max_string_bytes (escapes count as written)",
       body_with("/query_info/host_id", R"("\u00e9\u00e9")"),
       {},
       with_limits(string12)},
      {"string one byte over max_string_bytes",
       body_with("/query_info/host_id", R"("\u00e9\u00e9a")"),
       {{"limit", "body", "/query_info/host_id"}},
       with_limits(string12)},
      {"member name over max_string_bytes",
       R"({"is_all":true,"abcdefghijklm":1})",
       {{"limit", "body", ""}},
       with_limits(string12)},
      {"string of 64 KiB (the default limit): only too long",
       body_with("/query_info/pod_name", in_quotes(repeat("a", 65536))),
       {{"max_length", "body", "/query_info/pod_name"}}},
      {"string of 64 KiB + 1",
       body_with("/query_info/pod_name", in_quotes(repeat("a", 65537))),
       {{"limit", "body", "/query_info/pod_name"}}},
      {"string of 64 KiB + 1 in an unknown member",
       R"({"is_all":true,"x":)" + in_quotes(repeat("a", 65537)) + "}",
       {{"unknown", "body", "/x"}, {"limit", "body", "/x"}}},
      {"member name of 64 KiB + 1",
       R"({"is_all":true,)" + in_quotes(repeat("k", 65537)) + ":1}",
       {{"limit", "body", ""}}},
      {"max_items items",
       R"({"is_all":true,"image_info":[)" + item + "," + item + "," + item + "]}",
       {},
       with_limits(items3)},
      {"one item over max_items",
       R"({"is_all":true,"image_info":[)" + item + "," + item + "," + item + "," + item + "]}",
       {{"limit", "body", "/image_info"}},
       with_limits(items3)},
      {"one item over max_items in an unknown member",
       R"({"is_all":true,"x":[1,2,3,4]})",
       {{"unknown", "body", "/x"}, {"limit", "body", "/x"}},
       with_limits(items3)},
      {"100,000 items (the default limit)",
       R"({"is_all":true,"x":[)" + repeat("0,", 99999) + "0]}",
       {{"unknown", "body", "/x"}}},
      {"100,001 items",
       R"({"is_all":true,"x":[)" + repeat("0,", 100000) + "0]}",
       {{"unknown", "body", "/x"}, {"limit", "body", "/x"}}},
      {"max_members members", R"({"is_all":true,"rate_limit":1,"scan_scope":0})", {}, with_limits(members3)},
      {"one member over max_members",
       R"({"is_all":true,"rate_limit":1,"scan_scope":0,"query_info":{}})",
       {{"limit", "body", ""}},
       with_limits(members3)},
      {"max_members members in query_info",
       R"({"is_all":true,"query_info":{"host_id":"a","pod_id":"b","has_vul":true}})",
       {},
       with_limits(members3)},
      {"one member over max_members in query_info",
       R"({"is_all":true,"query_info":{"host_id":"a","pod_id":"b","has_vul":true,"pod_name":"c"}})",
       {{"limit", "body", "/query_info"}},
       with_limits(members3)},
      // Members in the contract's order take the engine's fast paths: compact `,"name":` matched at once, or (with
      // whitespace) the predicted member. Limits and checks must hold there too.
      {"one member over max_members, contract order, compact",
       R"({"scan_scope":0,"rate_limit":1,"is_all":true,"query_info":{}})",
       {{"limit", "body", ""}},
       with_limits(members3)},
      {"one member over max_members, contract order, spaced",
       R"({"scan_scope":0, "rate_limit":1, "is_all":true, "query_info":{}})",
       {{"limit", "body", ""}},
       with_limits(members3)},
      {"predicted string member after whitespace",
       R"({"is_all":true,"query_info":{"local_image_type":"swr_image", "host_id":"a"}})",
       {}},
      {"predicted string member after whitespace, not in its enum",
       R"({"is_all":true,"query_info":{ "local_image_type":"nope"}})",
       {{"enum", "body", "/query_info/local_image_type"}}},
      // The compact members' loop settles valid scalars itself and hands anything else, mid-object, to the
      // reporting code: each way out of it, with what precedes it settled in the loop.
      {"compact: an integer past its maximum after a settled one",
       R"({"scan_scope":0,"rate_limit":1001,"is_all":true})",
       {{"maximum", "body", "/rate_limit"}}},
      {"compact: declared members repeated in order",
       R"({"scan_scope":0,"rate_limit":1,"scan_scope":0,"rate_limit":1,"is_all":true})",
       {{"duplicate", "body", "/scan_scope"}, {"duplicate", "body", "/rate_limit"}}},
      {"compact: a string past maxLength after a settled string",
       R"({"is_all":true,"query_info":{"local_image_type":"swr_image","host_id":")" + std::string(129, 'A') +
           R"(","host_name":"b"}})",
       {{"max_length", "body", "/query_info/host_id"}}},
      {"compact: strings with escapes and multi-byte characters",
       R"({"is_all":true,"query_info":{"local_image_type":"swr_image","host_id":"a\"b","host_name":"\u00e9\u00e9"}})",
       {}},
      {"compact: 128 two-byte characters (maxLength 128)",
       R"({"is_all":true,"query_info":{"local_image_type":"swr_image","host_id":")" + repeat("\xc3\xa9", 128) +
           R"("}})",
       {}},
      {"compact: 129 two-byte characters",
       R"({"is_all":true,"query_info":{"local_image_type":"swr_image","host_id":")" + repeat("\xc3\xa9", 129) +
           R"("}})",
       {{"max_length", "body", "/query_info/host_id"}}},
      {"compact: invalid UTF-8 after a settled string",
       "{\"is_all\":true,\"query_info\":{\"local_image_type\":\"swr_image\",\"host_id\":\"\xff\"}}",
       {{"encoding", "body", "/query_info/host_id"}}},
      {"compact: a broken literal where a boolean is predicted",
       R"({"is_all":true,"query_info":{"app_name":"x","has_vul":tru}})",
       {{"syntax", "body", "/query_info"}}},
      {"compact: a space before a value, then a wrong type",
       R"({"is_all":true,"query_info":{"app_name":"x","has_vul":false,"namespace": "n","image_name":7}})",
       {{"type", "body", "/query_info/image_name"}}},
      {"compact: an enum string last in an item",
       R"({"is_all":true,"image_info":[{"id":1,"image_id":"a","image_digest":"b","registry_id":"r",)"
       R"("registry_name":"n","image_name":"i","image_version":"v","namespace":"s","instance_id":"x",)"
       R"("instance_url":"u","registry_type":"Nope"}]})",
       {{"enum", "body", "/image_info/0/registry_type"}}},
      {"compact: failures on both sides of settled members",
       R"({"is_all":true,"image_info":[{"id":-1,"image_id":"a","image_digest":"b","registry_id":"",)"
       R"("registry_name":"n","image_name":"i","image_version":"v","registry_type":"SwrPrivate"}]})",
       {{"minimum", "body", "/image_info/0/id"}, {"min_length", "body", "/image_info/0/registry_id"}}},
      {"compact: one settled string over max_members",
       R"({"is_all":true,"query_info":{"local_image_type":"swr_image","host_id":"a","host_name":"b",)"
       R"("public_ip":"c"}})",
       {{"limit", "body", "/query_info"}},
       with_limits(members3)},
  };
}

std::string numbered_members(int n, int first = 0) {
  std::string out;
  for (int i = first; i < first + n; ++i) out += ",\"k" + std::to_string(i) + "\":0";
  return out;
}

std::vector<BodyCase> flood_cases() {
  std::vector<V> unknown_flood;
  for (int i = 0; i < 1000; ++i) unknown_flood.push_back({"unknown", "body", "/k" + std::to_string(i)});
  unknown_flood.push_back({"limit", "request", ""});

  std::vector<V> duplicate_flood(1000, V{"duplicate", "body", "/is_all"});
  duplicate_flood.push_back({"limit", "request", ""});

  // Each repeat of an unknown key is unknown, then duplicate.
  std::vector<V> unknown_duplicate_flood = {{"unknown", "body", "/x"}};
  while (unknown_duplicate_flood.size() < 1000) {
    unknown_duplicate_flood.push_back({"unknown", "body", "/x"});
    if (unknown_duplicate_flood.size() < 1000) unknown_duplicate_flood.push_back({"duplicate", "body", "/x"});
  }
  unknown_duplicate_flood.push_back({"limit", "request", ""});

  Limits three;
  three.max_violations = 3;
  std::vector<V> three_unknown;
  for (int i = 0; i < 3; ++i) three_unknown.push_back({"unknown", "body", "/k" + std::to_string(i)});
  std::vector<V> three_and_limit = three_unknown;
  three_and_limit.push_back({"limit", "request", ""});

  std::string members_10000;
  for (int i = 0; i < 10000; ++i) members_10000 += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":0";

  return {
      {"20,000 unknown keys", R"({"is_all":true)" + numbered_members(20000) + "}", unknown_flood},
      {"20,000 duplicate keys", R"({"is_all":true)" + repeat(R"(,"is_all":true)", 19999) + "}", duplicate_flood},
      {"20,000 duplicate unknown keys", R"({"is_all":true)" + repeat(R"(,"x":1)", 20000) + "}",
       unknown_duplicate_flood},
      {"max_violations violations", R"({"is_all":true)" + numbered_members(3) + "}", three_unknown, with_limits(three)},
      {"one violation over max_violations", R"({"is_all":true)" + numbered_members(4) + "}", three_and_limit,
       with_limits(three)},
      {"10,000 members (the default limit) in an unknown object",
       R"({"is_all":true,"x":{)" + members_10000 + "}}",
       {{"unknown", "body", "/x"}}},
      {"10,001 members",
       R"({"is_all":true,"x":{)" + members_10000 + R"(,"last":0}})",
       {{"unknown", "body", "/x"}, {"limit", "body", "/x"}}},
  };
}

const bool kRegistered = register_cases(syntax_cases) && register_cases(encoding_cases) &&
                         register_cases(encoding_in_unknown_member_cases) && register_cases(number_cases) &&
                         register_cases(nesting_cases) && register_cases(size_cases) && register_cases(flood_cases);

TEST(HostileInput, malformed_json_is_syntax_at_the_innermost_open_container) {
  check_all(syntax_cases());
}
TEST(HostileInput, invalid_utf8_and_lone_surrogates_are_encoding) {
  check_all(encoding_cases());
}
TEST(HostileInput, invalid_utf8_in_unknown_member_values_is_encoding) {
  check_all(encoding_in_unknown_member_cases());
}
TEST(HostileInput, huge_numbers) {
  check_all(number_cases());
}
TEST(HostileInput, deep_nesting_hits_the_depth_limit_without_crashing) {
  check_all(nesting_cases());
}
TEST(HostileInput, body_string_item_and_member_limits) {
  check_all(size_cases());
}
TEST(HostileInput, violation_floods_stop_at_max_violations) {
  check_all(flood_cases());
}

TEST(HostileInput, a_body_over_the_limit_in_a_request_is_a_body_limit) {
  Limits small;
  small.max_body_bytes = 16;
  EXPECT_THAT(run_request(valid_request().with_body(R"({"is_all":  true})"), with_limits(small)),
              ViolationsAre(std::vector<V>{{"limit", "body", ""}}));
}

// The engine never names a field, so it must work for any contract, including one whose property names are not
// ASCII. An escaped unknown key below such a property is still found when it repeats.
TEST(HostileInput, duplicate_escaped_keys_below_a_non_ascii_property) {
  const std::string name = repeat("\xC3\xA9", 40);  // 80 bytes: longer than any string decoded before
  const std::string contract_text = R"({"openapi":"3.0.3","x-reqprobe-strict":true,"info":{"title":"t","version":"1"},)"
                                    R"("paths":{"/t":{"post":{)"
                                    R"("requestBody":{"content":{"application/json":{"schema":{"type":"object",)"
                                    R"("properties":{")" +
                                    name + R"(":{"type":"object","properties":{"a":{"type":"string"}}}}}}}}}}}})";
  const LoadResult loaded = load_contract(contract_text);
  ASSERT_TRUE(loaded.ok()) << (loaded.errors.empty() ? "" : loaded.errors[0].pointer + ": " + loaded.errors[0].message);
  Validator validator(loaded.contract);
  const std::string body = "{\"" + name + R"(":{"\u0062":1,"\u0062":2}})";
  const std::string x = "/" + name + "/b";
  EXPECT_THAT(validator.validate_body(body),
              ViolationsAre(std::vector<V>{{"unknown", "body", x}, {"unknown", "body", x}, {"duplicate", "body", x}}));
  EXPECT_FALSE(validator.is_valid_body(body));
}

}  // namespace
}  // namespace reqprobe::test

namespace reqprobe::test {
namespace {

// Long keys at depth repeat in every pointer below them: without a byte cap, 1,000 violations under sixteen
// 65,000-byte keys made a 1 GB report from a 1 MB body (found by the fuzzing work). Scaled down here.
TEST(HostileInput, report_bytes_are_capped_for_long_keys_at_depth) {
  Limits limits;
  limits.max_report_bytes = 20000;
  const LoadResult loaded = load_embedded_contract();
  ASSERT_TRUE(loaded.ok());
  Validator validator(loaded.contract, ValidatorOptions{limits, false, {}});
  std::string body;
  for (int i = 0; i < 8; ++i) body += "{\"" + std::string(1000, 'k') + std::to_string(i) + "\":";
  body += "{";
  for (int i = 0; i < 500; ++i) body += (i ? "," : "") + std::string("\"a\":0");
  body += "}" + std::string(8, '}');
  const Report report = validator.validate_body(body);
  std::size_t bytes = 0;
  for (const Violation& v : report.violations) bytes += v.pointer.size() + v.message.size();
  EXPECT_LE(bytes, limits.max_report_bytes + body.size());
  EXPECT_LT(report.violations.size(), 100u);
  EXPECT_EQ(report.violations.back().code, Code::limit);
  EXPECT_FALSE(report.valid());
  EXPECT_FALSE(validator.is_valid_body(body));
}

}  // namespace
}  // namespace reqprobe::test
