// The general path (engine/body_general.inl: schemas beyond the fast paths, here forced by an allOf or anyOf) on
// what it must refuse by itself: malformed JSON inside a value, the numeric formats' ranges, repeated members (also
// past the first 64 declared properties and past the point where names go into the set), and composition nested
// deeper than the engine follows. Table-driven: exact codes and pointers, both modes.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "reqprobe/contract.h"
#include "reqprobe/validator.h"

namespace reqprobe {
namespace {

struct Row {
  const char* name;
  std::string schema;
  std::string instance;
  std::vector<std::pair<std::string, std::string>> violations;  ///< (code, pointer); empty: valid
};

void expect_row(const Row& row) {
  SCOPED_TRACE(row.name);
  SchemaLoadOptions options;
  options.assert_formats = true;
  const LoadResult loaded = load_schema(row.schema, options);
  ASSERT_TRUE(loaded.ok()) << (loaded.errors.empty() ? "" : loaded.errors[0].describe());
  Validator validator(loaded.contract);
  const Report report = validator.validate_body(row.instance);
  std::vector<std::pair<std::string, std::string>> got;
  for (const Violation& v : report.violations) got.emplace_back(std::string(code_name(v.code)), v.pointer);
  EXPECT_EQ(got, row.violations);
  EXPECT_EQ(validator.is_valid_body(row.instance), row.violations.empty());
}

const char* const kAnyScalar = R"({"anyOf": [{"type": "string"}, {"type": "number"}, {"type": "boolean"}]})";

TEST(GeneralPath, MalformedValuesAreSyntaxErrors) {
  const std::vector<Row> rows = {
      {"unterminated string", kAnyScalar, "\"abc", {{"syntax", ""}}},
      {"invalid escape", kAnyScalar, R"("a\q")", {{"syntax", ""}}},
      {"control character", kAnyScalar, "\"a\x01\"", {{"syntax", ""}}},
      {"invalid literal", kAnyScalar, "tru", {{"syntax", ""}}},
      {"malformed number", kAnyScalar, "1.", {{"syntax", ""}}},
      {"invalid UTF-8", kAnyScalar, "\"a\xC0\xAF\"", {{"encoding", ""}}},
      {"well formed", kAnyScalar, "\"abc\"", {}},
  };
  for (const Row& row : rows) expect_row(row);
}

// Branches told apart by a required member with a const string of their own (Runtime::BranchTag): fail-fast runs
// only the branch the member names; every row checks that both modes agree with the exhaustive report.
TEST(GeneralPath, BranchesToldApartByOneMember) {
  const std::string one_of = R"({"oneOf": [
      {"type": "object", "required": ["type", "last4"], "properties": {"type": {"const": "card"},
       "last4": {"type": "string", "pattern": "^[0-9]{4}$"}}, "additionalProperties": false},
      {"type": "object", "required": ["type", "iban"], "properties": {"type": {"enum": ["bank"]},
       "iban": {"type": "string", "minLength": 15}}, "additionalProperties": false}]})";
  std::string any_of = one_of;
  any_of.replace(any_of.find("oneOf"), 5, "anyOf");
  const std::vector<Row> rows = {
      {"the named branch passes", one_of, R"({"type": "card", "last4": "1234"})", {}},
      {"the other branch passes", one_of, R"({"type": "bank", "iban": "DE89370400440532013000"})", {}},
      {"the named branch fails", one_of, R"({"type": "card", "last4": "12a4"})", {{"one_of", ""}}},
      {"a member of the other branch",
       one_of,
       R"({"type": "card", "iban": "DE89370400440532013000"})",
       {{"one_of", ""}}},
      {"a value no branch names", one_of, R"({"type": "cash"})", {{"one_of", ""}}},
      {"the member absent", one_of, R"({"last4": "1234"})", {{"one_of", ""}}},
      {"the member not a string", one_of, R"({"type": 7, "last4": "1234"})", {{"one_of", ""}}},
      {"the member written with an escape", one_of, R"({"type": "card", "last4": "1234"})", {}},
      {"the member twice",
       one_of,
       R"({"type": "card", "type": "bank", "last4": "1234"})",
       {{"duplicate", "/type"}, {"one_of", ""}}},
      {"not an object", one_of, R"("card")", {{"one_of", ""}}},
      {"anyOf: the named branch passes", any_of, R"({"type": "bank", "iban": "DE89370400440532013000"})", {}},
      {"anyOf: the named branch fails", any_of, R"({"type": "bank", "iban": "DE89"})", {{"any_of", ""}}},
      {"anyOf: a value no branch names", any_of, R"({"type": "cash"})", {{"any_of", ""}}},
  };
  for (const Row& row : rows) expect_row(row);
}

// Plain object branches of allOf move into their parent at compile time (compile/merge_all_of.cc): the same
// verdicts and violations as reading each branch, and whatever the merge must not touch stays a branch.
TEST(GeneralPath, PlainAllOfBranchesMergeIntoTheParent) {
  const std::string base = R"({"allOf": [
      {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
      {"type": "object", "required": ["email"], "properties": {"email": {"type": "string", "maxLength": 5}}}]})";
  const std::string closed = R"({"additionalProperties": false, "allOf": [{"properties": {"a": {}}}]})";
  const std::string overlapping =
      R"({"allOf": [{"properties": {"a": {"maximum": 3}}}, {"properties": {"a": {"minimum": 1}}}]})";
  const std::string own = R"({"properties": {"a": {"type": "integer"}},
      "allOf": [{"required": ["b"], "properties": {"b": {"type": "string"}}}]})";
  const std::string string_keyword = R"({"allOf": [{"properties": {"a": {}}, "minLength": 2}]})";
  const std::string checked = R"({"allOf": [
      {"type": "object", "required": ["id"], "properties": {"id": {"type": "string", "format": "uuid"}}},
      {"type": "object", "properties": {"n": {"type": "number", "minimum": 0}, "p": {"type": "string",
       "pattern": "^a+$"}}}]})";
  const std::string uuid = "0f7e0b2c-1a2b-4c3d-8e9f-0a1b2c3d4e5f";
  const std::vector<Row> rows = {
      {"both branches met", base, R"({"id": "a", "email": "b", "other": 1})", {}},
      {"the second branch's member missing", base, R"({"id": "a"})", {{"required", "/email"}}},
      {"the first branch's member missing", base, R"({"email": "b"})", {{"required", "/id"}}},
      {"a member of the first branch wrong", base, R"({"id": 1, "email": "b"})", {{"type", "/id"}}},
      {"a member of the second branch wrong", base, R"({"id": "a", "email": "bbbbbb"})", {{"max_length", "/email"}}},
      {"not an object", base, R"("x")", {{"type", ""}}},
      {"a closed parent still refuses the branch's member", closed, R"({"a": 1})", {{"unknown", "/a"}}},
      {"a member declared twice: above one bound", overlapping, R"({"a": 5})", {{"maximum", "/a"}}},
      {"a member declared twice: below the other", overlapping, R"({"a": 0})", {{"minimum", "/a"}}},
      {"a member declared twice: between", overlapping, R"({"a": 2})", {}},
      {"the parent's own member and the branch's required", own, R"({"a": 1})", {{"required", "/b"}}},
      {"the parent's own member wrong", own, R"({"a": "x", "b": "y"})", {{"type", "/a"}}},
      {"a branch with a string keyword stays a branch", string_keyword, R"("x")", {{"min_length", ""}}},
      // Every branch merged: the parent is read as a plain object (compact members in the loop, inline scalars).
      {"compact, in order", checked, R"({"id":")" + uuid + R"(","n":1.5,"p":"aaa"})", {}},
      {"compact, a pattern failing last",
       checked,
       R"({"id":")" + uuid + R"(","n":1.5,"p":"aab"})",
       {{"pattern", "/p"}}},
      {"compact, a number failing", checked, R"({"id":")" + uuid + R"(","n":-0.5,"p":"a"})", {{"minimum", "/n"}}},
      {"compact, a format failing first", checked, R"({"id":"x","n":1})", {{"format", "/id"}}},
      {"compact, a member repeated",
       checked,
       R"({"id":")" + uuid + R"(","id":")" + uuid + R"("})",
       {{"duplicate", "/id"}}},
      {"an undeclared member with a nested value", checked, R"({"id":")" + uuid + R"(","x":{"y":[1,{"z":null}]}})", {}},
      {"the first branch's required, empty object", checked, "{}", {{"required", "/id"}}},
      {"null", checked, "null", {{"type", ""}}},
  };
  for (const Row& row : rows) expect_row(row);
}

TEST(GeneralPath, NumericFormatsKeepTheirRanges) {
  const auto schema = [](const char* format) {
    return std::string(R"({"allOf": [{"type": "number"}], "format": ")") + format + "\"}";
  };
  const std::vector<Row> rows = {
      {"int32 top", schema("int32"), "2147483647", {}},
      {"int32 above", schema("int32"), "2147483648", {{"maximum", ""}}},
      {"int32 below", schema("int32"), "-2147483649", {{"minimum", ""}}},
      {"int64 top", schema("int64"), "9223372036854775807", {}},
      {"int64 above", schema("int64"), "9223372036854775808", {{"maximum", ""}}},
      {"int64 bottom", schema("int64"), "-9223372036854775808", {}},
      {"float within", schema("float"), "3.4e38", {}},
      {"float beyond", schema("float"), "-3.5e38", {{"format", ""}}},
      {"double within", schema("double"), "1.7e308", {}},
      {"double beyond", schema("double"), "1.8e308", {{"format", ""}}},
  };
  for (const Row& row : rows) expect_row(row);
}

std::string object_of(int members, const std::string& repeated) {
  std::string text = "{";
  for (int i = 0; i < members; ++i) text += "\"m" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  return text + "\"" + repeated + "\":0}";
}

std::string schema_declaring(int properties) {
  std::string text = R"({"type": "object", "anyOf": [{}], "properties": {)";
  for (int i = 0; i < properties; ++i) text += (i ? "," : "") + std::string("\"m") + std::to_string(i) + "\":{}";
  return text + "}}";
}

TEST(GeneralPath, RepeatedMembersAreFoundWhereverTheyAre) {
  const std::vector<Row> rows = {
      {"a repeated undeclared member",
       R"({"type": "object", "anyOf": [{}]})",
       R"({"a":1,"a":2})",
       {{"duplicate", "/a"}}},
      {"repeated after many undeclared members",
       R"({"type": "object", "anyOf": [{}]})",
       object_of(40, "m3"),
       {{"duplicate", "/m3"}}},
      {"a repeated declared member past the first 64",
       schema_declaring(80),
       object_of(80, "m70"),
       {{"duplicate", "/m70"}}},
      {"80 declared members once each", schema_declaring(80), object_of(80, "other"), {}},
  };
  for (const Row& row : rows) expect_row(row);
}

// Members of a plain object whose schema is general only for checks on the value itself (pattern, format, number
// bounds, a number) are settled in the object's member loop when they pass (SchemaNode::inline_scalar); anything
// else goes to the general path, which reports. Each row takes a way in or out of the loop, with settled members
// before it.
TEST(GeneralPath, ValueChecksSettledInThePlainMemberLoop) {
  const std::string item = R"({"type": "object", "additionalProperties": false, "required": ["sku"], "properties": {
      "id": {"type": "string", "format": "uuid"},
      "sku": {"type": "string", "pattern": "^[A-Z]{3}-[0-9]{6}$", "maxLength": 10},
      "name": {"type": "string", "maxLength": 20},
      "weight": {"type": "number", "exclusiveMinimum": 0, "maximum": 1000},
      "count": {"type": "integer", "format": "int32", "minimum": 1},
      "price": {"type": "number", "multipleOf": 0.01},
      "gift": {"type": "boolean"}}})";
  const std::string id = R"("id":"0f7e0b2c-1a2b-4c3d-8e9f-0a1b2c3d4e5f")";
  const std::string head = "{" + id + R"(,"sku":"ABC-123456","name":"n")";
  const std::vector<Row> rows = {
      {"every member settled",
       item,
       "{" + id + R"(,"sku":"ABC-123456","name":"n","weight":0.25,"count":3,"price":19.99,"gift":true})",
       {}},
      {"a pattern fails after settled members",
       item,
       "{" + id + R"(,"sku":"abc-123456","name":"n"})",
       {{"pattern", "/sku"}}},
      {"a format fails first", item, R"({"id":"not-a-uuid","sku":"ABC-123456"})", {{"format", "/id"}}},
      {"maxLength beside a pattern", item, R"({"sku":"ABC-1234567"})", {{"max_length", "/sku"}, {"pattern", "/sku"}}},
      {"an escaped string meets the pattern decoded", item, R"({"sku":"A\u0042C-123456","weight":1})", {}},
      {"an escaped string fails the pattern decoded",
       item,
       R"({"sku":"A\u0062C-123456","weight":1})",
       {{"pattern", "/sku"}}},
      {"a non-ASCII string fails the pattern",
       item,
       "{\"sku\":\"\xC3\x89"
       "BC-123456\",\"gift\":false}",
       {{"pattern", "/sku"}}},
      // Numbers after every member before them, so that the loop reaches them.
      {"the exclusive minimum itself", item, head + R"(,"weight":0,"gift":false})", {{"exclusive_minimum", "/weight"}}},
      {"zero with a fraction", item, head + R"(,"weight":0.0,"gift":false})", {{"exclusive_minimum", "/weight"}}},
      {"a small fraction above it", item, head + R"(,"weight":0.001,"count":1})", {}},
      {"just above the maximum", item, head + R"(,"weight":1000.001})", {{"maximum", "/weight"}}},
      {"the maximum itself", item, head + R"(,"weight":1000,"count":2147483647})", {}},
      {"an exponent takes the exact path", item, head + R"(,"weight":1e3,"count":1})", {}},
      {"an exponent past the maximum", item, head + R"(,"weight":1.5e3,"count":1})", {{"maximum", "/weight"}}},
      {"a negative number", item, head + R"(,"weight":-2.5})", {{"exclusive_minimum", "/weight"}}},
      {"int32 range", item, head + R"(,"weight":1,"count":2147483648,"gift":true})", {{"maximum", "/count"}}},
      {"an integer below its minimum", item, head + R"(,"weight":1,"count":0})", {{"minimum", "/count"}}},
      {"a fraction where an integer is due", item, head + R"(,"weight":1,"count":1.5})", {{"type", "/count"}}},
      {"multipleOf decided on the decimal", item, head + R"(,"weight":1,"count":1,"price":19.99})", {}},
      {"not a multiple", item, head + R"(,"weight":1,"count":1,"price":19.995})", {{"multiple_of", "/price"}}},
      {"19 digits", item, head + R"(,"weight":1000000000000000000})", {{"maximum", "/weight"}}},
      {"a string where a number is due", item, head + R"(,"weight":"1"})", {{"type", "/weight"}}},
      {"a malformed number", item, head + R"(,"weight":1.,"gift":true})", {{"syntax", ""}}},
      {"a leading zero", item, head + R"(,"weight":1,"count":1,"price":01})", {{"syntax", ""}}},
      {"a number cut off by the end", item, head + R"(,"weight":0.25)", {{"syntax", ""}}},
      {"the member repeated", item, head + R"(,"weight":1,"weight":2})", {{"duplicate", "/weight"}}},
      {"every failure reported",
       item,
       R"({"id":"x","sku":"abc","name":"n","weight":0,"count":0})",
       {{"format", "/id"}, {"pattern", "/sku"}, {"exclusive_minimum", "/weight"}, {"minimum", "/count"}}},
      {"in array items",
       R"({"type": "array", "items": )" + item + "}",
       R"([{"sku":"ABC-123456","weight":0.5},{"sku":"ABC-12345","weight":0.5},{"sku":"ABC-123456","weight":0}])",
       {{"pattern", "/1/sku"}, {"exclusive_minimum", "/2/weight"}}},
  };
  for (const Row& row : rows) expect_row(row);
}

std::string nested(const char* keyword, int levels, const char* inner) {
  std::string schema;
  for (int i = 0; i < levels; ++i) schema += std::string(R"({")") + keyword + R"(": [)";
  schema += inner;
  for (int i = 0; i < levels; ++i) schema += "]}";
  return schema;
}

// Deeper than the engine follows is a limit for the body, not a failed branch (which read as any_of, and nested
// every level's "closest branch" into one 10 KB message).
TEST(GeneralPath, CompositionNestedTooDeepIsALimit) {
  const std::vector<Row> rows = {
      {"100 nested anyOf", nested("anyOf", 100, "{}"), "1", {}},
      {"100 nested anyOf, failing", nested("anyOf", 100, R"({"type": "string"})"), "1", {{"any_of", ""}}},
      {"200 nested anyOf", nested("anyOf", 200, "{}"), "1", {{"limit", ""}}},
      {"200 nested oneOf", nested("oneOf", 200, "{}"), "1", {{"limit", ""}}},
      {"200 nested allOf", nested("allOf", 200, "{}"), "1", {{"limit", ""}}},
  };
  for (const Row& row : rows) expect_row(row);
  // A failure 100 levels down still gives one message of bounded size.
  const LoadResult loaded = load_schema(nested("anyOf", 100, R"({"type": "string"})"));
  ASSERT_TRUE(loaded.ok());
  const Report report = Validator(loaded.contract).validate_body("1");
  ASSERT_EQ(report.violations.size(), 1u);
  EXPECT_LT(report.violations[0].message.size(), 1200u);
}

}  // namespace
}  // namespace reqprobe
