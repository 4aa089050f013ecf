// Results as JSON (reqprobe/report_json.h): the exact `--format json` text of DESIGN.md, table-driven.
#include "reqprobe/report_json.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace reqprobe {
namespace {

Violation violation(Code code, Location location, std::string pointer, Severity severity, std::string message) {
  Violation v;
  v.code = code;
  v.location = location;
  v.pointer = std::move(pointer);
  v.severity = severity;
  v.message = std::move(message);
  return v;
}

struct ViolationJson {
  Violation violation;
  std::string json;
};

TEST(ViolationJson, WritesEveryMemberInOrder) {
  const std::vector<ViolationJson> cases = {
      {violation(Code::maximum, Location::body, "/rate_limit", Severity::error, "value 1001 exceeds maximum 1000"),
       R"({"code":"maximum","location":"body","pointer":"/rate_limit","severity":"error","message":"value 1001 exceeds maximum 1000"})"},
      {violation(Code::enum_value, Location::query, "global_image_type", Severity::error, ""),
       R"({"code":"enum","location":"query","pointer":"global_image_type","severity":"error","message":""})"},
      {violation(Code::rule, Location::body, "", Severity::warning, "R3: \"start\" > end\n"),
       R"({"code":"rule","location":"body","pointer":"","severity":"warning","message":"R3: \"start\" > end\n"})"},
      {violation(Code::path, Location::request, "", Severity::error, std::string("nul \0 and bad \xff", 15)),
       "{\"code\":\"path\",\"location\":\"request\",\"pointer\":\"\",\"severity\":\"error\",\"message\":\"nul "
       "\\u0000 and bad \xEF\xBF\xBD\"}"},
      // DEL and the C1 controls are valid JSON but act on a terminal: escaped (issue 10, item 17).
      {violation(Code::unknown, Location::body,
                 "/a\x7f\xC2\x9B"
                 "2J",
                 Severity::error, "\xC2\x85 \xC2\xA0"),
       "{\"code\":\"unknown\",\"location\":\"body\",\"pointer\":\"/a\\u007f\\u009b2J\",\"severity\":\"error\","
       "\"message\":\"\\u0085 \xC2\xA0\"}"},
  };
  for (const ViolationJson& c : cases) EXPECT_EQ(violation_json(c.violation), c.json);
}

TEST(ResultsJson, WritesTheDesignFormat) {
  InputResult invalid;
  invalid.input = "cases/a.json";
  invalid.valid = false;
  invalid.violations = {violation(Code::maximum, Location::body, "/rate_limit", Severity::error, "m")};
  InputResult valid;
  valid.input = "-";
  const std::vector<InputResult> results = {invalid, valid};
  EXPECT_EQ(results_json(results),
            R"({"results":[{"input":"cases/a.json","verdict":"invalid","violations":[{"code":"maximum",)"
            R"("location":"body","pointer":"/rate_limit","severity":"error","message":"m"}]},)"
            R"({"input":"-","verdict":"valid","violations":[]}]})");
  EXPECT_EQ(results_json({}), R"({"results":[]})");
}

TEST(ResultsJson, AddsTheExpectationWhenChecked) {
  InputResult result;
  result.input = "a.json";
  result.valid = false;
  result.violations = {violation(Code::type, Location::body, "/is_all", Severity::error, "m")};
  ExpectationDiff diff;
  diff.expected_verdict = "valid";
  diff.actual_verdict = "invalid";
  diff.unexpected = result.violations;
  diff.missing = {violation(Code::rule, Location::body, "", Severity::warning, "not written")};
  result.expectation = diff;
  const std::vector<InputResult> results = {result};
  EXPECT_EQ(results_json(results),
            R"({"results":[{"input":"a.json","verdict":"invalid","violations":[{"code":"type","location":"body",)"
            R"("pointer":"/is_all","severity":"error","message":"m"}],"expect":{"verdict":"valid","met":false,)"
            R"("missing":[{"code":"rule","location":"body","pointer":"","severity":"warning"}],)"
            R"("unexpected":[{"code":"type","location":"body","pointer":"/is_all","severity":"error"}]}}]})");
}

}  // namespace
}  // namespace reqprobe
