// One test per decision D1..D13 of shared/SPEC.md.
#include "test_support.h"

namespace reqprobe::test {
namespace {

const std::vector<std::string> kCombinations = {"scan-scope-combinations"};
const V kScanScopeEnum = {"enum", "body", "/scan_scope"};
const V kR1 = {"rule", "body", ""};

std::string scan_scope(std::string_view lexeme) {
  return body_with("/scan_scope", lexeme);
}

TEST(Decisions, D1_scan_scope_takes_exactly_seven_values) {
  std::vector<BodyCase> cases;
  for (const char* value : {"0", "2147483647", "983040", "61440", "3840", "240", "15"})
    cases.push_back({std::string("documented value ") + value, scan_scope(value), {}});
  for (const char* value : {"1044480" /* vulnerabilities | baseline */, "1048575" /* all five masks */,
                            "983055" /* vulnerabilities | compliance */, "1", "16", "255", "-1", "2147483646"})
    cases.push_back({std::string("undocumented value ") + value, scan_scope(value), {kScanScopeEnum}});
  check_all(cases);
}

TEST(Decisions, D1_option_scan_scope_combinations_accepts_ors_of_whole_masks) {
  const LoadResult loaded = load_embedded_contract(LoadOptions{.enable = kCombinations});
  ASSERT_TRUE(loaded.ok());
  Validator validator(loaded.contract);
  EXPECT_TRUE(validator.is_valid_body(scan_scope("1044480")));
  EXPECT_THAT(validator.validate_body(scan_scope("1044481")), ViolationsAre(std::vector<V>{kScanScopeEnum}));
  EXPECT_THAT(run_body(scan_scope("1044480")), ViolationsAre(std::vector<V>{kScanScopeEnum})) << "off by default";
  std::vector<BodyCase> cases;
  auto add = [&](const char* name, const char* value, std::vector<V> expected) {
    cases.push_back({name, scan_scope(value), std::move(expected), {}, kCombinations});
  };
  add("1044480 = vulnerabilities | baseline", "1044480", {});
  add("1048575 = all five masks", "1048575", {});
  add("983055 = vulnerabilities | compliance", "983055", {});
  add("a documented value is still valid: 0", "0", {});
  add("a documented value is still valid: 2147483647", "2147483647", {});
  add("1044481: a stray bit", "1044481", {kScanScopeEnum});
  add("983041: part of a mask", "983041", {kScanScopeEnum});
  add("16: part of a mask", "16", {kScanScopeEnum});
  add("a bit outside every mask", "2031616", {kScanScopeEnum});
  add("-1", "-1", {kScanScopeEnum});
  add("2147483648 is outside int32", "2147483648", {{"maximum", "body", "/scan_scope"}});
  check_all(cases);
}

TEST(Decisions, D2_all_is_2147483647_despite_the_php_cap) {
  check_all(std::vector<BodyCase>{
      {"2147483647 (the documented 'all')", scan_scope("2147483647"), {}},
      {"2147483547 (the PHP SDK cap) is no value of its own", scan_scope("2147483547"), {kScanScopeEnum}},
      {"2147483548 (above the PHP cap, inside int32)", scan_scope("2147483548"), {kScanScopeEnum}},
      {"2147483648 is outside int32", scan_scope("2147483648"), {{"maximum", "body", "/scan_scope"}}},
      {"-2147483649 is outside int32", scan_scope("-2147483649"), {{"minimum", "body", "/scan_scope"}}},
  });
}

TEST(Decisions, D3_global_image_type_is_local_or_registry) {
  const HttpRequest r = valid_request();
  const V wrong = {"enum", "query", "global_image_type"};
  check_all(std::vector<RequestCase>{
      {"local", r.with_query("global_image_type=local"), {}},
      {"registry", r.with_query("global_image_type=registry"), {}},
      {"local_image (the old English page)", r.with_query("global_image_type=local_image"), {wrong}},
      {"LOCAL", r.with_query("global_image_type=LOCAL"), {wrong}},
  });
}

TEST(Decisions, D4_region_is_1_to_128) {
  const HttpRequest r = valid_request();
  check_all(std::vector<RequestCase>{
      {"0 characters", r.with_header("region", ""), {{"min_length", "header", "region"}}},
      {"1 character", r.with_header("region", "r"), {}},
      {"128 characters", r.with_header("region", repeat("r", 128)), {}},
      {"129 characters", r.with_header("region", repeat("r", 129)), {{"max_length", "header", "region"}}},
  });
}

TEST(Decisions, D5_aksk_signing_replaces_the_token) {
  const HttpRequest r = valid_request().without_header("X-Auth-Token");
  const std::string signature = "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=0a1b";
  const V required = {"required", "header", "x-auth-token"};
  check_all(std::vector<RequestCase>{
      {"both AK/SK headers",
       r.with_header("Authorization", signature).with_header("X-Sdk-Date", "20261127T120000Z"),
       {}},
      {"Authorization only", r.with_header("Authorization", signature), {required}},
      {"X-Sdk-Date only", r.with_header("X-Sdk-Date", "20261127T120000Z"), {required}},
      {"malformed X-Sdk-Date",
       r.with_header("Authorization", signature).with_header("X-Sdk-Date", "2026-11-27 12:00:00"),
       {required}},
      {"neither form of credentials", r, {required}},
  });
}

TEST(Decisions, D6_an_absent_or_empty_body_is_an_empty_object) {
  const HttpRequest r = valid_request();
  check_all(std::vector<RequestCase>{
      {"no body", r.without_body(), {kR1}},
      {"zero-length body", r.with_body(""), {kR1}},
      {"{}", r.with_body("{}"), {kR1}},
      {"whitespace is not an absent body", r.with_body(" "), {{"syntax", "body", ""}}},
  });
}

// D6 states that an empty body is treated as {}; the body-only entry point (CLI --body) should agree with the
// request path, which applies the operation's x-reqprobe-absent-as.
TEST(Decisions, D6_validate_body_treats_an_empty_body_as_an_empty_object) {
  EXPECT_THAT(run_body(""), ViolationsAre(std::vector<V>{kR1}));
  EXPECT_THAT(run_body("{}"), ViolationsAre(std::vector<V>{kR1}));
}

TEST(Decisions, D7_lengths_are_code_points_and_nul_never_truncates) {
  check_all(std::vector<BodyCase>{
      {"pod_id of 64 escaped NULs", body_with("/query_info/pod_id", json_string_of(64, "\\u0000")), {}},
      {"pod_id of 65 escaped NULs",
       body_with("/query_info/pod_id", json_string_of(65, "\\u0000")),
       {{"max_length", "body", "/query_info/pod_id"}}},
      {"pod_id of 64 surrogate pairs", body_with("/query_info/pod_id", json_string_of(64, "\\ud83d\\ude00")), {}},
      {"pod_id of 64 raw four-byte characters",
       body_with("/query_info/pod_id", json_string_of(64, "\xF0\x9F\x98\x80")),
       {}},
      {"a NUL does not end an enum value",
       body_with("/query_info/local_image_type", in_quotes("swr_image\\u0000other")),
       {{"enum", "body", "/query_info/local_image_type"}}},
      {"a NUL inside a required string is one code point",
       body_with("/image_info/0/registry_name", in_quotes("\\u0000")),
       {}},
  });
}

TEST(Decisions, D8_five_item_fields_are_required) {
  std::vector<BodyCase> cases;
  for (const auto& [name, value] : required_item_members()) {
    std::string item = "{";
    for (const auto& [other, other_value] : required_item_members()) {
      if (other == name) continue;
      item += (item.size() > 1 ? "," : "") + in_quotes(other) + ":" + other_value;
    }
    item += "}";
    cases.push_back({"item without " + name,
                     R"({"is_all":true,"image_info":[)" + item + "]}",
                     {{"required", "body", "/image_info/0/" + name}}});
  }
  // Missing members are reported when the item closes, in the contract's declaration order (SPEC is silent).
  cases.push_back({"empty item",
                   R"({"is_all":false,"image_info":[{}]})",
                   {{"required", "body", "/image_info/0/registry_id"},
                    {"required", "body", "/image_info/0/registry_name"},
                    {"required", "body", "/image_info/0/image_name"},
                    {"required", "body", "/image_info/0/image_version"},
                    {"required", "body", "/image_info/0/registry_type"}}});
  cases.push_back({"the optional members may be absent", R"({"is_all":true,"image_info":[)" + valid_item() + "]}", {}});
  cases.push_back({"second item without registry_type",
                   R"({"is_all":true,"image_info":[)" + valid_item() +
                       R"(,{"image_name":"a","image_version":"b",)"
                       R"("registry_id":"c","registry_name":"d"}]})",
                   {{"required", "body", "/image_info/1/registry_type"}}});
  check_all(cases);
}

TEST(Decisions, D9_registry_type_local_is_accepted) {
  check_all(std::vector<BodyCase>{
      {"Local", body_with("/image_info/0/registry_type", R"("Local")"), {}},
      {"local",
       body_with("/image_info/0/registry_type", R"("local")"),
       {{"enum", "body", "/image_info/0/registry_type"}}},
  });
}

TEST(Decisions, D10_integers_take_only_integer_lexemes_compared_exactly) {
  const V rate_type = {"type", "body", "/rate_limit"};
  const std::string size = "/query_info/image_size";
  check_all(std::vector<BodyCase>{
      {"1.0", body_with("/rate_limit", "1.0"), {rate_type}},
      {"1e2", body_with("/rate_limit", "1e2"), {rate_type}},
      {"1E2", body_with("/rate_limit", "1E2"), {rate_type}},
      {"1e-0", body_with("/rate_limit", "1e-0"), {rate_type}},
      {"0.5", body_with("/rate_limit", "0.5"), {rate_type}},
      {"\"5\"", body_with("/rate_limit", R"("5")"), {rate_type}},
      {"-0 is 0 (rate_limit minimum 0)", body_with("/rate_limit", "-0"), {}},
      {"-0 is 0 (scan_scope enum value 0)", scan_scope("-0"), {}},
      {"-0 is 0 (image_size minimum 0)", body_with(size, "-0"), {}},
      {"-1", body_with(size, "-1"), {{"minimum", "body", size}}},
      {"9223372036854775807", body_with(size, "9223372036854775807"), {}},
      {"9223372036854775808 (outside int64)", body_with(size, "9223372036854775808"), {{"maximum", "body", size}}},
      {"18446744073709551616 (outside uint64)", body_with(size, "18446744073709551616"), {{"maximum", "body", size}}},
      {"-9223372036854775808", body_with(size, "-9223372036854775808"), {{"minimum", "body", size}}},
      {"-9223372036854775809 (outside int64)", body_with(size, "-9223372036854775809"), {{"minimum", "body", size}}},
      {"2^53 + 1 is exact", body_with(size, "9007199254740993"), {}},
      {"rate_limit 1000", body_with("/rate_limit", "1000"), {}},
      {"rate_limit 1001", body_with("/rate_limit", "1001"), {{"maximum", "body", "/rate_limit"}}},
      {"rate_limit -1", body_with("/rate_limit", "-1"), {{"minimum", "body", "/rate_limit"}}},
      // Through a double, 9007199254740993 and 9007199254740992 are equal: R3 would stay silent.
      {"R3 compares exactly above 2^53",
       R"({"is_all":true,"query_info":{"start_latest_scan_time":9007199254740993,"end_latest_scan_time":9007199254740992}})",
       {{"rule", "body", "/query_info", "warning"}}},
  });
}

TEST(Decisions, D11_null_is_a_type_violation_everywhere) {
  std::vector<BodyCase> cases;
  for (const Field& f : fields())
    cases.push_back({f.pointer + " = null", body_with(f.pointer, "null"), {{"type", "body", f.pointer}}});
  cases.push_back({"the body itself", "null", {{"type", "body", ""}}});
  cases.push_back(
      {"an image_info item", R"({"is_all":true,"image_info":[null]})", {{"type", "body", "/image_info/0"}}});
  EXPECT_EQ(cases.size(), 40u);
  check_all(cases);
}

TEST(Decisions, D12_duplicates_are_violations) {
  check_all(std::vector<BodyCase>{
      {"duplicate root key", R"({"is_all":true,"is_all":true})", {{"duplicate", "body", "/is_all"}}},
      {"duplicate key written with an escape",
       R"({"is_all":true,"is\u005fall":true})",
       {{"duplicate", "body", "/is_all"}}},
      {"duplicate query_info key",
       R"({"is_all":true,"query_info":{"host_id":"a","host_id":"a"}})",
       {{"duplicate", "body", "/query_info/host_id"}}},
      {"duplicate item key",
       R"({"is_all":true,"image_info":[)" + item_with("image_name", R"("a","image_name":"b")") + "]}",
       {{"duplicate", "body", "/image_info/0/image_name"}}},
      {"duplicate unknown key",
       R"({"is_all":true,"x":1,"x":2})",
       {{"unknown", "body", "/x"}, {"unknown", "body", "/x"}, {"duplicate", "body", "/x"}}},
      {"duplicate key inside an unknown member",
       R"({"is_all":true,"x":{"a":1,"a":2}})",
       {{"unknown", "body", "/x"}, {"duplicate", "body", "/x/a"}}},
      {"the same key in two objects is no duplicate",
       R"({"is_all":true,"x":{"a":1},"y":{"a":1}})",
       {{"unknown", "body", "/x"}, {"unknown", "body", "/y"}}},
  });
  const HttpRequest r = valid_request();
  check_all(std::vector<RequestCase>{
      {"repeated query parameter",
       r.with_query("global_image_type=local&global_image_type=registry"),
       {{"duplicate", "query", "global_image_type"}}},
      {"repeated X-Auth-Token", r.with_header("X-Auth-Token", "second"), {{"duplicate", "header", "x-auth-token"}}},
  });
}

// D12 names "a repeated query parameter" without exception, and the body reports a repeated unknown key as both
// unknown and duplicate; a repeated unknown query parameter should be reported the same way.
TEST(Decisions, D12_a_repeated_unknown_query_parameter_is_a_duplicate) {
  EXPECT_THAT(run_request(valid_request().with_query("foo=1&foo=2")),
              ViolationsAre(std::vector<V>{
                  {"unknown", "query", "foo"}, {"unknown", "query", "foo"}, {"duplicate", "query", "foo"}}));
}

TEST(Decisions, D13_unknown_fields_are_errors_or_warnings_by_option) {
  const std::vector<std::pair<std::string, std::string>> unknowns = {
      {R"({"is_all":true,"foo":1})", "/foo"},
      {R"({"is_all":true,"query_info":{"foo":1}})", "/query_info/foo"},
      {R"({"is_all":true,"image_info":[)" + item_with("foo", "1") + "]}", "/image_info/0/foo"},
      {R"({"is_all":true,"a/b~c":1})", "/a~1b~0c"},
      {R"({"is_all":true,"":1})", "/"},
      {R"({"is_all":true,"\u00e9":1})", "/\xC3\xA9"},
      {R"({"is_all":true,"isAll":true})", "/isAll"},
      {R"({"is_all":true,"foo":{"bar":[1,{"baz":null}]}})", "/foo"},
  };
  std::vector<BodyCase> cases;
  for (const auto& [body, pointer] : unknowns) {
    cases.push_back({"strict: " + body, body, {{"unknown", "body", pointer}}});
    cases.push_back({"relaxed: " + body, body, {{"unknown", "body", pointer, "warning"}}, unknown_as_warning()});
  }
  // The option relaxes D13 only: a repeated unknown key is still a duplicate (D12), an error.
  cases.push_back(
      {"relaxed, repeated unknown key",
       R"({"is_all":true,"foo":1,"foo":2})",
       {{"unknown", "body", "/foo", "warning"}, {"unknown", "body", "/foo", "warning"}, {"duplicate", "body", "/foo"}},
       unknown_as_warning()});
  check_all(cases);
  EXPECT_TRUE(run_body(R"({"is_all":true,"foo":1})", unknown_as_warning()).valid());

  const HttpRequest r = valid_request().with_query("foo=1");
  check_all(std::vector<RequestCase>{
      {"unknown query parameter, strict", r, {{"unknown", "query", "foo"}}},
      {"unknown query parameter, relaxed", r, {{"unknown", "query", "foo", "warning"}}, unknown_as_warning()},
  });
  EXPECT_TRUE(run_request(r, unknown_as_warning()).valid());
}

}  // namespace
}  // namespace reqprobe::test
