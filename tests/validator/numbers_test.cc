// The number model (docs/behaviour.md, "Numbers"): bounds, multipleOf, enum and const decide on the decimal
// lexeme, never through binary floating point. Table-driven: each row is a schema, an instance and the exact
// violations (code and pointer), run through load_schema and both validation modes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "decimal.h"
#include "engine/canonical_value.h"
#include "reqprobe/contract.h"
#include "reqprobe/validator.h"

namespace reqprobe {
namespace {

struct Row {
  const char* name;
  const char* schema;
  const char* instance;
  std::vector<std::pair<std::string, std::string>> violations;  ///< (code, pointer); empty: valid
  SchemaDialect dialect = SchemaDialect::draft2020_12;
};

class NumberRows : public ::testing::TestWithParam<Row> {};

TEST_P(NumberRows, ExactViolations) {
  const Row& row = GetParam();
  SchemaLoadOptions options;
  options.dialect = row.dialect;
  const LoadResult loaded = load_schema(row.schema, options);
  ASSERT_TRUE(loaded.ok()) << (loaded.errors.empty() ? "" : loaded.errors[0].describe());
  Validator validator(loaded.contract);
  const Report report = validator.validate_body(row.instance);
  std::vector<std::pair<std::string, std::string>> got;
  for (const Violation& v : report.violations) got.emplace_back(std::string(code_name(v.code)), v.pointer);
  EXPECT_EQ(got, row.violations);
  EXPECT_EQ(validator.is_valid_body(row.instance), row.violations.empty());
}

const std::string k400Digits(400, '7');

INSTANTIATE_TEST_SUITE_P(
    Numbers, NumberRows,
    ::testing::Values(
        Row{"multiple_of_cents", R"({"multipleOf": 0.01})", "19.99", {}},
        Row{"multiple_of_cents_miss", R"({"multipleOf": 0.01})", "19.999", {{"multiple_of", ""}}},
        Row{"multiple_of_tiny_exponent", R"({"multipleOf": 1e-400})", "3e-398", {}},
        Row{"multiple_of_huge", R"({"multipleOf": 1e308})", "2e308", {}},
        Row{"multiple_of_huge_miss", R"({"multipleOf": 3e307})", "1e308", {{"multiple_of", ""}}},
        Row{"maximum_beyond_double", R"({"maximum": 1e308})", "1.0000000000000000000001e308", {{"maximum", ""}}},
        Row{"minimum_tiny_fraction", R"({"minimum": 1e-400})", "0", {{"minimum", ""}}},
        Row{"integers_past_2_53_stay_exact", R"({"maximum": 9007199254740992})", "9007199254740993", {{"maximum", ""}}},
        Row{"integers_past_2_53_equal", R"({"const": 9007199254740993})", "9007199254740993", {}},
        Row{"integers_past_2_53_differ", R"({"const": 9007199254740993})", "9007199254740992", {{"const", ""}}},
        Row{"exclusive_bound_on_a_fraction",
            R"({"exclusiveMaximum": 0.3})",
            "0.30000000000000001",
            {{"exclusive_maximum", ""}}},
        Row{"exclusive_bound_below", R"({"exclusiveMaximum": 0.3})", "0.29999999999999999", {}},
        Row{"draft4_boolean_exclusive",
            R"({"maximum": 5, "exclusiveMaximum": true})",
            "5",
            {{"exclusive_maximum", ""}},
            SchemaDialect::draft4},
        Row{"integer_one_point_zero_2020", R"({"type": "integer"})", "1.0", {}},
        Row{"integer_one_point_zero_draft4", R"({"type": "integer"})", "1.0", {{"type", ""}}, SchemaDialect::draft4},
        Row{"enum_one_value_is_enum", R"({"enum": [3]})", "4", {{"enum", ""}}},
        Row{"const_is_const", R"({"const": 3})", "4", {{"const", ""}}},
        Row{"const_integer_fast_path", R"({"type": "integer", "const": 3})", "4", {{"const", ""}}},
        Row{"const_string_fast_path", R"({"type": "string", "const": "x"})", "\"y\"", {{"const", ""}}},
        Row{"enum_string_fast_path", R"({"type": "string", "enum": ["x"]})", "\"y\"", {{"enum", ""}}},
        Row{"enum_numbers_equal_by_value", R"({"enum": [250, 1.5]})", "2.5e2", {}},
        // Plain decimals against whole bounds (accepts_small_decimal, and the exact path for every failure).
        Row{"plain_decimal_inside", R"({"type": "number", "exclusiveMinimum": 0, "maximum": 1000})", "0.25", {}},
        Row{"plain_decimal_zero_at_exclusive",
            R"({"type": "number", "exclusiveMinimum": 0, "maximum": 1000})",
            "0.0",
            {{"exclusive_minimum", ""}}},
        Row{"plain_decimal_just_above_exclusive", R"({"type": "number", "exclusiveMinimum": 0})", "0.0000001", {}},
        Row{"plain_decimal_negative_fraction", R"({"exclusiveMinimum": 0})", "-0.5", {{"exclusive_minimum", ""}}},
        Row{"plain_decimal_negative_zero", R"({"minimum": 0})", "-0.0", {}},
        Row{"plain_decimal_at_maximum", R"({"type": "number", "maximum": 1000})", "1000.000", {}},
        Row{"plain_decimal_past_maximum", R"({"type": "number", "maximum": 1000})", "1000.0001", {{"maximum", ""}}},
        Row{"plain_decimal_below_maximum", R"({"type": "number", "maximum": 1000})", "999.9999", {}},
        Row{"plain_decimal_below_exclusive_maximum", R"({"exclusiveMaximum": 100})", "99.99", {}},
        Row{"plain_decimal_at_exclusive_maximum", R"({"exclusiveMaximum": 100})", "100.0", {{"exclusive_maximum", ""}}},
        Row{"plain_decimal_past_exclusive_maximum",
            R"({"exclusiveMaximum": 100})",
            "100.5",
            {{"exclusive_maximum", ""}}},
        Row{"plain_decimal_below_negative_minimum", R"({"minimum": -3})", "-3.5", {{"minimum", ""}}},
        Row{"plain_decimal_above_negative_minimum", R"({"minimum": -3})", "-2.5", {}},
        Row{"plain_decimal_at_negative_minimum", R"({"minimum": -3})", "-3.0", {}},
        Row{"plain_decimal_18_digits", R"({"maximum": 100})", "123456789012345678.5", {{"maximum", ""}}},
        Row{"plain_decimal_19_digits", R"({"minimum": 100})", "1234567890123456789.5", {}},
        Row{"plain_decimal_multiple_of_whole", R"({"type": "number", "multipleOf": 2})", "4.0", {}},
        Row{"plain_decimal_multiple_of_fraction",
            R"({"type": "number", "multipleOf": 2})",
            "4.5",
            {{"multiple_of", ""}}},
        Row{"plain_decimal_fractional_bound", R"({"type": "number", "maximum": 0.5})", "0.50001", {{"maximum", ""}}},
        Row{"plain_decimal_on_integer_node", R"({"type": "integer", "maximum": 10})", "2.5", {{"type", ""}}}),
    [](const ::testing::TestParamInfo<Row>& row) { return std::string(row.param.name); });

TEST(Numbers, FourHundredDigitMantissas) {
  SchemaLoadOptions options;
  const LoadResult loaded = load_schema(R"({"type": "number", "minimum": 7, "multipleOf": 7})", options);
  ASSERT_TRUE(loaded.ok());
  Validator validator(loaded.contract);
  EXPECT_TRUE(validator.validate_body(k400Digits).valid()) << "777...7 (400 digits) is a multiple of 7";
  EXPECT_FALSE(validator.validate_body(k400Digits + "1").valid()) << "777...71 is not";
}

// multipleOf with divisors of more than 18 significant digits (the long-division path), against exact answers
// computed with Python's decimal module at 1,000 digits of precision.
TEST(Numbers, WideDivisorsAreExact) {
  struct Case {
    const char* value;
    const char* divisor;
    bool multiple;
  };
  const std::string ones400(400, '1'), ones401(401, '1'), ones20(20, '1');
  const std::vector<Case> rows = {
      {"2469135780246913578", "1234567890123456789", true},
      {"2469135780246913579", "1234567890123456789", false},
      {"2361183241434822606848", "1180591620717411303424", true},   // 2^71 and 2^70: only factors 2
      {"2951479051793528258560", "1180591620717411303424", false},  // 2^71 + 2^69
      {"20680188945855835890501", "2954312706550833698643", true},  // 7 * 3^45
      {"20680188945855835890502", "2954312706550833698643", false},
      {"4938271560493827156e3", "4938271560493827156", true},  // the value's zeros come from its exponent
      {"49382715604938271.56", "1234567890123456789e-5", true},
      {"2305843009213693952000e-2", "18446744073709551616e-5", true},  // 2^64 * 5^3 / 100 over 2^64 / 10^5
      {"3e100", "1180591620717411303424e-50", true},                   // 10^150 supplies the 2^70
      {"3e10", "1180591620717411303424", false},                       // 10^10 does not
      {ones400.c_str(), ones20.c_str(), true},                         // 20 divides 400: repunits
      {ones401.c_str(), ones20.c_str(), false},
      {"123456789012345678901234567890", "1e29", false},
  };
  for (const Case& row : rows) {
    detail::Decimal value, divisor;
    ASSERT_TRUE(detail::parse_decimal(row.value, value)) << row.value;
    ASSERT_TRUE(detail::parse_decimal(row.divisor, divisor)) << row.divisor;
    EXPECT_EQ(detail::is_multiple_of(value, divisor), row.multiple) << row.value << " / " << row.divisor;
  }
}

TEST(Numbers, MessagesShowPlainNumbers) {
  const LoadResult loaded = load_schema(R"({"enum": [250, 1.5, -0.001, 1e300, {"a": [3]}]})");
  ASSERT_TRUE(loaded.ok());
  Validator validator(loaded.contract);
  const Report report = validator.validate_body("7");
  ASSERT_EQ(report.violations.size(), 1u);
  EXPECT_EQ(report.violations[0].message, R"(value is not one of: 250, 1.5, -0.001, 1e+300, {"a":[3]})");
}

TEST(Numbers, PlainNumberForms) {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"0", "0"},        {"1.0", "1"},           {"250", "250"},
      {"1.5", "1.5"},    {"-0.001", "-0.001"},   {"1e20", "100000000000000000000"},
      {"1e21", "1e+21"}, {"1.25e-7", "1.25e-7"}, {"-12e-1", "-1.2"}};
  for (const auto& [lexeme, plain] : rows) {
    detail::Decimal d;
    ASSERT_TRUE(detail::parse_decimal(lexeme, d)) << lexeme;
    EXPECT_EQ(detail::plain_number(d), plain) << lexeme;
    EXPECT_EQ(detail::plain_json(detail::canonical_number(d)), plain) << lexeme;
  }
}

}  // namespace
}  // namespace reqprobe
