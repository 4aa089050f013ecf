// Cross-field rules R1-R3 of shared/SPEC.md: what breaks them, who supersedes whom, severity and pointers.
#include "test_support.h"

namespace reqprobe::test {
namespace {

const V kRoot = {"rule", "body", ""};  // R1 or R2: about the root object
const V kQueryWarning = {"rule", "body", "/query_info", "warning"};

std::string item_list(int n) {
  std::string out = "[";
  for (int i = 0; i < n; ++i) out += (i ? "," : "") + valid_item();
  return out + "]";
}

std::vector<BodyCase> r1_cases() {
  return {
      {"is_all true", R"({"is_all":true})", {}},
      {"one image", R"({"image_info":)" + item_list(1) + "}", {}},
      {"an empty query_info", R"({"query_info":{}})", {}},
      {"a query_info with conditions", R"({"query_info":{"has_vul":true,"image_type":"harbor"}})", {}},
      {"{}", "{}", {kRoot}},
      {"only settings", R"({"scan_scope":15,"rate_limit":10})", {kRoot}},
      {"an empty image_info", R"({"image_info":[]})", {kRoot}},
      {"is_all as a string does not name a target", R"({"is_all":"true"})", {{"type", "body", "/is_all"}, kRoot}},
      {"is_all as 1 does not name a target", R"({"is_all":1})", {{"type", "body", "/is_all"}, kRoot}},
      {"query_info of the wrong type is not present", R"({"query_info":[]})", {{"type", "body", "/query_info"}, kRoot}},
      {"query_info null is not present", R"({"query_info":null})", {{"type", "body", "/query_info"}, kRoot}},
      {"image_info of the wrong type has no items",
       R"({"image_info":{"0":{}}})",
       {{"type", "body", "/image_info"}, kRoot}},
      // An array of the right type counts its items even when an item is invalid (its own violation is reported).
      {"image_info with an invalid item still names a target",
       R"({"image_info":[{"image_name":"a"}]})",
       {{"required", "body", "/image_info/0/registry_id"},
        {"required", "body", "/image_info/0/registry_name"},
        {"required", "body", "/image_info/0/image_version"},
        {"required", "body", "/image_info/0/registry_type"}}},
      {"unknown members do not name a target", R"({"all":true})", {{"unknown", "body", "/all"}, kRoot}},
      {"the rule is reported when the object closes",
       R"({"rate_limit":2000})",
       {{"maximum", "body", "/rate_limit"}, kRoot}},
  };
}

std::vector<BodyCase> r2_cases() {
  return {
      {"is_all false alone: R2 only (it supersedes R1)", R"({"is_all":false})", {kRoot}},
      {"is_all false with an empty image_info: R2 only", R"({"is_all":false,"image_info":[]})", {kRoot}},
      {"is_all false with settings: R2 only", R"({"is_all":false,"scan_scope":0,"rate_limit":0})", {kRoot}},
      {"is_all false with one image", R"({"is_all":false,"image_info":)" + item_list(1) + "}", {}},
      {"is_all false with two images", R"({"is_all":false,"image_info":)" + item_list(2) + "}", {}},
      {"is_all false with a query_info", R"({"is_all":false,"query_info":{}})", {}},
      {"is_all false with both", R"({"is_all":false,"query_info":{},"image_info":)" + item_list(1) + "}", {}},
      {"is_all true with an empty image_info", R"({"is_all":true,"image_info":[]})", {}},
      {"members in any order", R"({"image_info":)" + item_list(1) + R"(,"is_all":false})", {}},
  };
}

std::vector<BodyCase> r3_cases() {
  auto query = [](const std::string& members) { return R"({"is_all":true,"query_info":{)" + members + "}}"; };
  return {
      {"update times in order", query(R"("start_latest_update_time":1,"end_latest_update_time":2)"), {}},
      {"update times equal", query(R"("start_latest_update_time":5,"end_latest_update_time":5)"), {}},
      {"update start after end", query(R"("start_latest_update_time":6,"end_latest_update_time":5)"), {kQueryWarning}},
      {"update start after end, end written first",
       query(R"("end_latest_update_time":5,"start_latest_update_time":6)"),
       {kQueryWarning}},
      {"scan start after end",
       query(R"("start_latest_scan_time":1700000000001,"end_latest_scan_time":1700000000000)"),
       {kQueryWarning}},
      {"both pairs reversed: two warnings, update first",
       query(R"("start_latest_scan_time":9,"end_latest_scan_time":1,"start_latest_update_time":9,)"
             R"("end_latest_update_time":1)"),
       {kQueryWarning, kQueryWarning}},
      {"pairs are not crossed", query(R"("start_latest_update_time":9,"end_latest_scan_time":1)"), {}},
      {"start alone", query(R"("start_latest_update_time":9)"), {}},
      {"end alone", query(R"("end_latest_scan_time":0)"), {}},
      {"an invalid start is not compared",
       query(R"("start_latest_update_time":-5,"end_latest_update_time":-6)"),
       {{"minimum", "body", "/query_info/start_latest_update_time"},
        {"minimum", "body", "/query_info/end_latest_update_time"}}},
      {"a start of the wrong type is not compared",
       query(R"("start_latest_scan_time":"9","end_latest_scan_time":1)"),
       {{"type", "body", "/query_info/start_latest_scan_time"}}},
      {"the maximum against 0",
       query(R"("start_latest_scan_time":9223372036854775807,"end_latest_scan_time":0)"),
       {kQueryWarning}},
      {"a warning beside an error",
       R"({"is_all":true,"rate_limit":-1,"query_info":{"start_latest_update_time":2,)"
       R"("end_latest_update_time":1}})",
       {{"minimum", "body", "/rate_limit"}, kQueryWarning}},
      {"a query_info that breaks R3 still satisfies R2",
       R"({"is_all":false,"query_info":{"start_latest_update_time":2,"end_latest_update_time":1}})",
       {kQueryWarning}},
  };
}

const bool kRegistered = register_cases(r1_cases) && register_cases(r2_cases) && register_cases(r3_cases);

TEST(Rules, R1_the_request_names_a_scan_target) {
  check_all(r1_cases());
}
TEST(Rules, R2_is_all_false_needs_images_or_a_query_and_supersedes_R1) {
  check_all(r2_cases());
}
TEST(Rules, R3_start_after_end_is_a_warning) {
  check_all(r3_cases());
}

TEST(Rules, R3_warnings_keep_the_verdict_valid) {
  const std::string body = R"({"is_all":true,"query_info":{"start_latest_update_time":2,"end_latest_update_time":1,)"
                           R"("start_latest_scan_time":2,"end_latest_scan_time":1}})";
  const Report report = run_body(body);
  EXPECT_TRUE(report.valid());
  ASSERT_EQ(report.violations.size(), 2u);
  EXPECT_NE(report.violations[0].message, report.violations[1].message);
  EXPECT_TRUE(run_request(valid_request().with_body(body)).valid());
}

TEST(Rules, rule_messages_name_the_rule) {
  const Report r1 = run_body("{}");
  ASSERT_EQ(r1.violations.size(), 1u);
  EXPECT_THAT(r1.violations[0].message, ::testing::HasSubstr("R1"));
  const Report r2 = run_body(R"({"is_all":false})");
  ASSERT_EQ(r2.violations.size(), 1u);
  EXPECT_THAT(r2.violations[0].message, ::testing::HasSubstr("R2"));
}

}  // namespace
}  // namespace reqprobe::test
