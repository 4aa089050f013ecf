// The table of codes, locations and severities: stable names exactly as shared/DESIGN.md lists them.
#include <set>

#include "test_support.h"

namespace reqprobe::test {
namespace {

// DESIGN.md, "Violations": the codes in the order it lists them, then the JSON Schema keyword codes DESIGN.md's
// rule names ("the snake_case name of the JSON Schema keyword that failed"), and OpenAPI's.
const std::vector<std::string> kDesignCodes = {
    "syntax",
    "encoding",
    "type",
    "required",
    "unknown",
    "duplicate",
    "min_length",
    "max_length",
    "minimum",
    "maximum",
    "enum",
    "min_items",
    "max_items",
    "rule",
    "limit",
    "method",
    "path",
    "content_type",
    "pattern",
    "format",
    "multiple_of",
    "exclusive_minimum",
    "exclusive_maximum",
    "const",
    "unique_items",
    "min_properties",
    "max_properties",
    "one_of",
    "any_of",
    "not",
    "contains",
    "min_contains",
    "max_contains",
    "dependent_required",
    "property_names",
    "additional_items",
    "unevaluated_properties",
    "unevaluated_items",
    "false_schema",
    "read_only",
    "write_only",
    "discriminator",
};

std::vector<Code> all_codes() {
  std::vector<Code> out;
  for (std::size_t i = 0; i < kCodeCount; ++i) out.push_back(static_cast<Code>(i));
  return out;
}

TEST(ErrorTable, every_code_has_a_name_from_design_md) {
  std::vector<std::string> names;
  for (const Code code : all_codes()) names.emplace_back(code_name(code));
  EXPECT_EQ(names, kDesignCodes);
}

TEST(ErrorTable, names_are_unique_and_round_trip) {
  std::set<std::string_view> seen;
  for (const Code code : all_codes()) {
    const std::string_view name = code_name(code);
    SCOPED_TRACE(std::string(name));
    EXPECT_TRUE(seen.insert(name).second) << "duplicate name";
    Code parsed = Code::syntax;
    ASSERT_TRUE(code_from_name(name, parsed));
    EXPECT_EQ(parsed, code);
    EXPECT_FALSE(code_description(code).empty());
  }
  EXPECT_EQ(seen.size(), kCodeCount);
}

TEST(ErrorTable, every_design_name_parses) {
  for (const std::string& name : kDesignCodes) {
    SCOPED_TRACE(name);
    Code parsed = Code::syntax;
    ASSERT_TRUE(code_from_name(name, parsed));
    EXPECT_EQ(code_name(parsed), name);
  }
}

TEST(ErrorTable, unknown_names_do_not_parse) {
  for (const char* name : {"", "enum_value", "Enum", "SYNTAX", "max-length", "maxLength", "content-type", "limit ",
                           "invalid_code", "error"}) {
    SCOPED_TRACE(name);
    Code parsed = Code::rule;
    EXPECT_FALSE(code_from_name(name, parsed));
    EXPECT_EQ(parsed, Code::rule) << "a failed parse must not change the output";
  }
}

TEST(ErrorTable, the_enum_code_is_named_enum) {
  EXPECT_EQ(code_name(Code::enum_value), "enum");
  EXPECT_EQ(code_name(Code::content_type), "content_type");
}

TEST(ErrorTable, locations_match_design_md_and_round_trip) {
  // DESIGN.md's five, then cookie (cookie parameters and apiKey cookies; README's migration note).
  const std::vector<std::string> design = {"request", "path", "query", "header", "body", "cookie"};
  ASSERT_EQ(kLocationCount, design.size());
  for (std::size_t i = 0; i < kLocationCount; ++i) {
    const auto location = static_cast<Location>(i);
    EXPECT_EQ(location_name(location), design[i]);
    Location parsed = Location::request;
    ASSERT_TRUE(location_from_name(design[i], parsed));
    EXPECT_EQ(parsed, location);
  }
  Location parsed = Location::body;
  EXPECT_FALSE(location_from_name("headers", parsed));
  EXPECT_FALSE(location_from_name("", parsed));
  EXPECT_FALSE(location_from_name("Body", parsed));
}

TEST(ErrorTable, severities_are_error_and_warning) {
  EXPECT_EQ(severity_name(Severity::error), "error");
  EXPECT_EQ(severity_name(Severity::warning), "warning");
}

TEST(ErrorTable, a_report_is_invalid_only_with_an_error) {
  Report report;
  EXPECT_TRUE(report.valid());
  report.violations.push_back({Code::rule, Location::body, Severity::warning, "/query_info", "R3"});
  EXPECT_TRUE(report.valid());
  report.violations.push_back({Code::unknown, Location::body, Severity::error, "/x", "unknown"});
  EXPECT_FALSE(report.valid());
}

}  // namespace
}  // namespace reqprobe::test
