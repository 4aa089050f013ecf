// Small objects settled in place (SchemaNode::inline_object, BodyScanner::settle_object): a plain object of declared
// scalar members, met as a member of a plain object or as an array item, is read without a frame when it is compact
// and valid. Everything else is read again by the frame-based code, so every row here must report exactly what that
// code reports: the same codes and pointers as before the shortcut, in both modes.
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
  std::string instance;
  std::vector<std::pair<std::string, std::string>> violations;  ///< (code, pointer); empty: valid
};

// An order of line items, each with a price object, as real documents nest them.
const char* const kOrder = R"({"type": "object", "additionalProperties": false, "required": ["items"], "properties": {
    "items": {"type": "array", "items": {"$ref": "#/$defs/Item"}},
    "total": {"$ref": "#/$defs/Money"},
    "box": {"type": "object", "properties": {"size": {"$ref": "#/$defs/Size"}}}},
  "$defs": {
    "Money": {"type": "object", "additionalProperties": false, "required": ["cents"], "properties": {
        "cents": {"type": "integer", "minimum": 0}, "currency": {"type": "string", "enum": ["EUR", "USD"]}}},
    "Size": {"type": "object", "properties": {"w": {"type": "integer"}, "h": {"type": "integer"}}},
    "Item": {"type": "object", "additionalProperties": false, "required": ["sku", "price"], "properties": {
        "sku": {"type": "string", "pattern": "^[A-Z]{3}$"},
        "price": {"$ref": "#/$defs/Money"},
        "weight": {"type": "number", "exclusiveMinimum": 0},
        "gift": {"type": "boolean"}}}}})";

std::shared_ptr<const Contract> order_contract() {
  const LoadResult loaded = load_schema(kOrder);
  EXPECT_TRUE(loaded.ok()) << (loaded.errors.empty() ? "" : loaded.errors[0].describe());
  return loaded.contract;
}

void expect_rows(const std::vector<Row>& rows, ValidatorOptions options = {}) {
  const std::shared_ptr<const Contract> contract = order_contract();
  ASSERT_NE(contract, nullptr);
  Validator validator(contract, options);
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    const Report report = validator.validate_body(row.instance);
    std::vector<std::pair<std::string, std::string>> got;
    for (const Violation& v : report.violations) got.emplace_back(std::string(code_name(v.code)), v.pointer);
    EXPECT_EQ(got, row.violations);
    EXPECT_EQ(validator.is_valid_body(row.instance), row.violations.empty());
  }
}

TEST(InlineObject, MarkedOnlyWhereEveryMemberSettlesInPlace) {
  const std::shared_ptr<const Contract> contract = order_contract();
  ASSERT_NE(contract, nullptr);
  std::vector<std::string> marked;
  const Plan& plan = contract->plan();
  for (const SchemaNode& node : plan.nodes) {
    if (!node.inline_object) continue;
    std::string names;
    for (std::uint32_t i = 0; i < node.properties_count; ++i)
      names += (i == 0 ? "" : ",") + plan.properties[node.properties_begin + i].name;
    marked.push_back(names);
  }
  std::sort(marked.begin(), marked.end());
  // Money and Size hold scalars; Item holds a pattern string, a number and Money; box holds Size. The root holds an
  // array, which is never settled in place.
  const std::vector<std::string> expected = {"cents,currency", "size", "sku,price,weight,gift", "w,h"};
  EXPECT_EQ(marked, expected);
}

TEST(InlineObject, RecursiveObjectsAreNeverMarked) {
  const LoadResult loaded = load_schema(R"({"$ref": "#/$defs/Node", "$defs": {"Node": {"type": "object",
      "properties": {"v": {"type": "integer"}, "next": {"$ref": "#/$defs/Node"}}}}})");
  ASSERT_TRUE(loaded.ok());
  for (const SchemaNode& node : loaded.contract->plan().nodes) EXPECT_FALSE(node.inline_object);
  Validator validator(loaded.contract);
  EXPECT_TRUE(validator.is_valid_body(R"({"v":1,"next":{"v":2,"next":{"v":3}}})"));
  const Report report = validator.validate_body(R"({"v":1,"next":{"v":2,"next":{"v":"3"}}})");
  ASSERT_EQ(report.violations.size(), 1u);
  EXPECT_EQ(report.violations[0].pointer, "/next/next/v");
}

// Chains of objects, each holding the next, in both orders of definition (so the holder is numbered before or after
// what it holds), are marked whole; an object that only holds a cycle's object is not, as the cycle's objects are not.
TEST(InlineObject, ChainsAreMarkedInEitherOrderAndCyclesNever) {
  constexpr int kLinks = 40;
  for (const bool holder_first : {true, false}) {
    std::string defs;
    for (int k = 0; k < kLinks; ++k) {
      const int i = holder_first ? k : kLinks - 1 - k;
      const std::string next =
          i + 1 < kLinks ? R"(, "next": {"$ref": "#/$defs/L)" + std::to_string(i + 1) + R"("})" : "";
      defs += (k == 0 ? "" : ",") + std::string(R"("L)") + std::to_string(i) +
              R"(": {"type": "object", "properties": {"v": {"type": "integer"})" + next + "}}";
    }
    const LoadResult loaded = load_schema(R"({"$ref": "#/$defs/L0", "$defs": {)" + defs + "}}");
    ASSERT_TRUE(loaded.ok()) << holder_first;
    int objects = 0;  // each link's node, and any node the loader makes for the root's $ref
    for (const SchemaNode& node : loaded.contract->plan().nodes) {
      if (node.kind != NodeKind::object) continue;
      ++objects;
      EXPECT_TRUE(node.inline_object) << holder_first;
    }
    EXPECT_GE(objects, kLinks) << holder_first;
  }
  const LoadResult cycle = load_schema(R"({"$ref": "#/$defs/C", "$defs": {
      "C": {"type": "object", "properties": {"a": {"$ref": "#/$defs/A"}}},
      "A": {"type": "object", "properties": {"b": {"$ref": "#/$defs/B"}}},
      "B": {"type": "object", "properties": {"a": {"$ref": "#/$defs/A"}, "leaf": {"$ref": "#/$defs/Leaf"}}},
      "Leaf": {"type": "object", "properties": {"x": {"type": "string"}}}}})");
  ASSERT_TRUE(cycle.ok());
  std::vector<std::string> marked;
  const Plan& plan = cycle.contract->plan();
  for (const SchemaNode& node : plan.nodes)
    if (node.inline_object && node.properties_count == 1) marked.push_back(plan.properties[node.properties_begin].name);
  EXPECT_EQ(marked, std::vector<std::string>{"x"});
}

TEST(InlineObject, SettledOrReadAgainWithTheSameReports) {
  const std::string item = R"({"sku":"ABC","price":{"cents":100,"currency":"EUR"},"weight":0.5,"gift":true})";
  const std::vector<Row> rows = {
      {"items and a total settled in place", R"({"items":[)" + item + "," + item + R"(],"total":{"cents":200}})", {}},
      {"an empty object with nothing required", R"({"items":[],"box":{"size":{}}})", {}},
      {"members out of the declared order", R"({"items":[{"price":{"currency":"USD","cents":1},"sku":"ABC"}]})", {}},
      {"whitespace inside the object", R"({"items":[{ "sku": "ABC", "price": {"cents": 1} }]})", {}},
      {"an escaped name", R"({"items":[{"sk\u0075":"ABC","price":{"cents":1}}]})", {}},
      {"a failing item among valid ones",
       R"({"items":[)" + item + R"(,{"sku":"abc","price":{"cents":1}},)" + item + "]}",
       {{"pattern", "/items/1/sku"}}},
      {"a failing nested member",
       R"({"items":[)" + item + R"(,{"sku":"ABC","price":{"cents":-1}}]})",
       {{"minimum", "/items/1/price/cents"}}},
      {"an enum miss two levels down",
       R"({"items":[{"sku":"ABC","price":{"cents":1,"currency":"GBP"}}]})",
       {{"enum", "/items/0/price/currency"}}},
      {"a required member missing",
       R"({"items":[{"sku":"ABC","price":{"currency":"EUR"}}]})",
       {{"required", "/items/0/price/cents"}}},
      {"the item's required member missing", R"({"items":[{"sku":"ABC"}]})", {{"required", "/items/0/price"}}},
      {"an undeclared member",
       R"({"items":[{"sku":"ABC","price":{"cents":1,"tax":2}}]})",
       {{"unknown", "/items/0/price/tax"}}},
      {"a member repeated",
       R"({"items":[{"sku":"ABC","price":{"cents":1,"cents":2}}]})",
       {{"duplicate", "/items/0/price/cents"}}},
      {"a member repeated in an open object",
       R"({"items":[],"box":{"size":{"w":1,"w":1}}})",
       {{"duplicate", "/box/size/w"}}},
      {"an undeclared member of an open object", R"({"items":[],"box":{"size":{"w":1,"d":"x"}}})", {}},
      {"a scalar where the object is due", R"({"items":[{"sku":"ABC","price":5}]})", {{"type", "/items/0/price"}}},
      {"an array item that is not an object", R"({"items":[1]})", {{"type", "/items/0"}}},
      {"an unterminated object", R"({"items":[{"sku":"ABC","price":{"cents":1)", {{"syntax", "/items/0/price"}}},
      {"a trailing comma", R"({"items":[{"sku":"ABC","price":{"cents":1,}}]})", {{"syntax", "/items/0/price"}}},
      {"a value cut off", R"({"items":[{"sku":"ABC","price":{"cents":)", {{"syntax", "/items/0/price"}}},
      {"every failure reported",
       R"({"items":[{"sku":"ab","price":{"cents":-1,"x":0},"weight":0},{"price":{}}],"total":{"cents":"1"}})",
       {{"pattern", "/items/0/sku"},
        {"minimum", "/items/0/price/cents"},
        {"unknown", "/items/0/price/x"},
        {"exclusive_minimum", "/items/0/weight"},
        {"required", "/items/1/price/cents"},
        {"required", "/items/1/sku"},
        {"type", "/total/cents"}}},
  };
  expect_rows(rows);
}

// The shortcut pushes no frame, so it must stop where a frame could not be pushed: the depth limit holds as before.
TEST(InlineObject, TheDepthLimitStillHolds) {
  ValidatorOptions options;
  options.limits.max_depth = 3;  // the root, items and an item; not the item's price
  const std::vector<Row> rows = {
      {"an item's price one level too deep",
       R"({"items":[{"sku":"ABC","price":{"cents":1}}]})",
       {{"limit", "/items/0/price"}}},
      {"a box within the limit", R"({"items":[],"box":{"size":{}}})", {}},
  };
  expect_rows(rows, options);
  options.limits.max_depth = 2;
  expect_rows({{"an item too deep", R"({"items":[{"sku":"ABC","price":{"cents":1}}]})", {{"limit", "/items/0"}}}},
              options);
}

}  // namespace
}  // namespace reqprobe
