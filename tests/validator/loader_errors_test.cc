// What the schema compiler reports about malformed keywords (compile/schema_keywords.cc, schema_compiler.cc): each
// schema below gets one diagnostic, error or warning, at an exact JSON Pointer with words of its message, in the
// dialect that makes it wrong (draft 4's boolean exclusive bounds, OpenAPI 3.0's single type and nullable, keywords
// a dialect does not have). A document that must not load is checked not to; a warning leaves it loadable.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "reqprobe/contract.h"
#include "reqprobe/validator.h"

namespace reqprobe {
namespace {

struct Row {
  std::string name;
  SchemaDialect dialect;
  std::string schema;
  std::string pointer;
  std::string words;
  Severity severity = Severity::error;
};

std::string listing(const LoadResult& loaded) {
  std::string out;
  for (const ContractError& e : loaded.errors) out += "\n  error " + e.describe();
  for (const ContractError& e : loaded.warnings) out += "\n  warning " + e.describe();
  return out;
}

bool has(const std::vector<ContractError>& list, const std::string& pointer, const std::string& words) {
  for (const ContractError& e : list)
    if (e.pointer == pointer && e.message.find(words) != std::string::npos) return true;
  return false;
}

void check(const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name + ": " + row.schema);
    SchemaLoadOptions options;
    options.dialect = row.dialect;
    const LoadResult loaded = load_schema(row.schema, options);
    if (row.severity == Severity::error) {
      EXPECT_FALSE(loaded.ok());
      EXPECT_TRUE(has(loaded.errors, row.pointer, row.words)) << listing(loaded);
    } else {
      EXPECT_TRUE(loaded.ok()) << listing(loaded);
      EXPECT_TRUE(has(loaded.warnings, row.pointer, row.words)) << listing(loaded);
    }
  }
}

constexpr SchemaDialect k4 = SchemaDialect::draft4;
constexpr SchemaDialect k6 = SchemaDialect::draft6;
constexpr SchemaDialect k7 = SchemaDialect::draft7;
constexpr SchemaDialect k2019 = SchemaDialect::draft2019_09;
constexpr SchemaDialect k2020 = SchemaDialect::draft2020_12;

TEST(LoaderErrors, ApplicatorsAndTypes) {
  check({
      {"an empty allOf", k2020, R"({"allOf":[]})", "/allOf", "allOf must be a non-empty array of schemas"},
      {"anyOf as an object", k2020, R"({"anyOf":{}})", "/anyOf", "anyOf must be a non-empty array of schemas"},
      {"oneOf as a number", k2020, R"({"oneOf":1})", "/oneOf", "oneOf must be a non-empty array of schemas"},
      {"an empty type list", k2020, R"({"type":[]})", "/type", "type must not be an empty array"},
      {"an unknown type in a list", k2020, R"({"type":["string","thing"]})", "/type/1",
       "'thing' is not a JSON Schema type"},
      {"a type that is a number", k2020, R"({"type":5})", "/type", "'number' is not a JSON Schema type"},
      {"an unknown $schema", k2020, R"({"$schema":"http://example.com/nope"})", "/$schema", "is none of them"},
      {"an unknown reqprobe extension", k2020, R"({"x-reqprobe-bogus":1})", "/x-reqprobe-bogus",
       "unknown reqprobe extension 'x-reqprobe-bogus'"},
      {"enum that is not a list", k2020, R"({"enum":1})", "/enum", "enum must be an array"},
      {"required that is not a list", k2020, R"({"required":"a"})", "/required",
       "required must be an array of property names"},
      {"required listing a number", k2020, R"({"required":[1]})", "/required", "required must list strings"},
      {"properties as a list", k2020, R"({"properties":[]})", "/properties", "properties must be an object"},
      {"patternProperties as a list", k2020, R"({"patternProperties":[]})", "/patternProperties",
       "patternProperties must be an object"},
      {"prefixItems as an object", k2020, R"({"prefixItems":{}})", "/prefixItems",
       "prefixItems must be an array of schemas"},
      {"uniqueItems as a string", k2020, R"({"uniqueItems":"yes"})", "/uniqueItems", "uniqueItems must be a boolean"},
      {"$ref that is a number", k2020, R"({"$ref":5})", "/$ref", "must be a string"},
      {"$dynamicRef that is a number", k2020, R"({"$dynamicRef":5})", "/$dynamicRef", "$dynamicRef must be a string"},
      {"$recursiveRef that is a number", k2019, R"({"$recursiveRef":5})", "/$recursiveRef",
       "$recursiveRef must be a string"},
      {"$dynamicRef to no anchor", k2020, R"({"$dynamicRef":"#/nope"})", "/$dynamicRef", "does not resolve"},
  });
}

TEST(LoaderErrors, CountsNumbersAndBounds) {
  check({
      {"a negative minLength", k2020, R"({"minLength":-1})", "/minLength", "must be a non-negative integer"},
      {"a fractional maxItems", k2020, R"({"maxItems":1.5})", "/maxItems", "must be a non-negative integer"},
      {"minProperties as a string", k2020, R"({"minProperties":"2"})", "/minProperties",
       "must be a non-negative integer"},
      {"minimum as a string", k2020, R"({"minimum":"1"})", "/minimum", "must be a number"},
      {"exclusiveMinimum as a boolean after draft 4", k2020, R"({"exclusiveMinimum":true})", "/exclusiveMinimum",
       "must be a number"},
      {"exclusiveMinimum as a number in draft 4", k4, R"({"minimum":1,"exclusiveMinimum":1})", "/exclusiveMinimum",
       "exclusiveMinimum is a boolean in draft 4"},
      {"exclusiveMaximum: true without maximum", k4, R"({"exclusiveMaximum":true})", "/exclusiveMaximum",
       "exclusiveMaximum: true needs maximum"},
      {"exclusiveMinimum: true without minimum", k4, R"({"exclusiveMinimum":true})", "/exclusiveMinimum",
       "exclusiveMinimum: true needs minimum"},
      {"multipleOf zero", k2020, R"({"multipleOf":0})", "/multipleOf", "multipleOf must be greater than 0"},
      {"a negative multipleOf", k2020, R"({"multipleOf":-2})", "/multipleOf", "multipleOf must be greater than 0"},
      {"multipleOf as a string", k2020, R"({"multipleOf":"2"})", "/multipleOf", "must be a number"},
  });
}

TEST(LoaderErrors, PatternsAndDependents) {
  check({
      {"a pattern that is a number", k2020, R"({"pattern":5})", "/pattern", "pattern must be a string"},
      {"a lookbehind", k2020, R"({"pattern":"(?<=a)b"})", "/pattern", "pattern '(?<=a)b' cannot be used: "},
      {"the same unusable pattern twice, reported twice", k2020,
       R"({"properties":{"a":{"pattern":"(a)\\1"},"b":{"pattern":"(a)\\1"}}})", "/properties/b/pattern",
       "cannot be used: "},
      {"a pattern that is not ECMA-262 with the u flag", k2020, R"({"pattern":"a]"})", "/pattern",
       "is not a valid ECMA-262 regex in Unicode mode", Severity::warning},
      {"dependentRequired listing a number", k2020, R"({"dependentRequired":{"a":["b",1]}})", "/dependentRequired/a",
       "must list property names"},
      {"dependentRequired that is not a list", k2020, R"({"dependentRequired":{"a":"b"}})", "/dependentRequired/a",
       "must be an array of property names"},
      {"dependencies listing a number", k7, R"({"dependencies":{"a":["b",2]}})", "/dependencies/a",
       "must list property names"},
  });
}

TEST(LoaderErrors, KeywordsOfOtherDialectsAreIgnoredWithAWarning) {
  check({
      {"if in draft 6", k6, R"({"if":{}})", "/if", "is not a keyword of draft 6", Severity::warning},
      {"prefixItems in 2019-09", k2019, R"({"prefixItems":[{}]})", "/prefixItems", "is not a keyword of 2019-09",
       Severity::warning},
      {"dependencies in 2020-12", k2020, R"({"dependencies":{}})", "/dependencies", "is not a keyword of 2020-12",
       Severity::warning},
      {"an unknown keyword", k2020, R"({"colour":"red"})", "/colour", "unknown keyword 'colour' is ignored",
       Severity::warning},
  });
}

// The first mismatch of each pair is enough: the same reference checked twice must not be reported twice.
TEST(LoaderErrors, AnUnusablePatternIsReportedAtEachUse) {
  const LoadResult loaded = load_schema(R"({"properties":{"a":{"pattern":"(a)\\1"},"b":{"pattern":"(a)\\1"}}})");
  ASSERT_FALSE(loaded.ok());
  std::vector<std::string> pointers;
  for (const ContractError& e : loaded.errors) pointers.push_back(e.pointer);
  EXPECT_THAT(pointers, ::testing::ElementsAre("/properties/a/pattern", "/properties/b/pattern")) << listing(loaded);
}

// const and enum together: only a value in both passes; a const outside the enum makes the schema accept nothing.
TEST(LoaderErrors, ConstOutsideEnumAcceptsNothing) {
  struct Case {
    std::string schema;
    std::vector<std::pair<std::string, bool>> bodies;
  };
  const std::vector<Case> cases = {
      {R"({"enum":["a","b"],"const":"b"})", {{R"("b")", true}, {R"("a")", false}}},
      {R"({"enum":["a"],"const":"b"})", {{R"("a")", false}, {R"("b")", false}}},
      {R"({"enum":[1,2],"const":3})", {{"1", false}, {"3", false}}},
      {R"({"enum":[1,"x"],"const":1})", {{"1", true}, {R"("x")", false}}},
  };
  for (const Case& c : cases) {
    const LoadResult loaded = load_schema(c.schema);
    ASSERT_TRUE(loaded.ok()) << c.schema << listing(loaded);
    Validator validator(loaded.contract);
    for (const auto& [body, valid] : c.bodies) EXPECT_EQ(validator.is_valid_body(body), valid) << c.schema << body;
  }
}

std::string openapi(const std::string& version, const std::string& schema, const std::string& components = "{}") {
  return R"({"openapi":")" + version + R"(","info":{"title":"t","version":"1"},)" +
         R"("paths":{"/x":{"post":{"requestBody":{"content":{"application/json":{"schema":)" + schema +
         R"(}}},"responses":{"200":{"description":"ok"}}}}},"components":{"schemas":)" + components + "}}";
}

TEST(LoaderErrors, OpenApiSchemas) {
  const std::string at = "/paths/~1x/post/requestBody/content/application~1json/schema";
  struct Case {
    std::string name;
    std::string document;
    std::string pointer;
    std::string words;
    Severity severity = Severity::error;
  };
  const std::vector<Case> cases = {
      {"a type list in OpenAPI 3.0", openapi("3.0.3", R"({"type":["string","null"]})"), at + "/type",
       "type must be one string in OpenAPI 3.0"},
      {"nullable that is not a boolean", openapi("3.0.3", R"({"type":"string","nullable":"yes"})"), at + "/nullable",
       "nullable must be a boolean"},
      {"a discriminator without propertyName", openapi("3.1.0", R"({"oneOf":[{}],"discriminator":{}})"),
       at + "/discriminator", "discriminator needs a propertyName"},
      {"a discriminator that is a string", openapi("3.1.0", R"({"oneOf":[{}],"discriminator":"k"})"),
       at + "/discriminator", "discriminator needs a propertyName"},
      {"a discriminator without oneOf or anyOf", openapi("3.1.0", R"({"discriminator":{"propertyName":"k"}})"),
       at + "/discriminator", "without oneOf or anyOf beside it is an annotation", Severity::warning},
      {"a mapping to a schema that is not a branch",
       openapi(
           "3.1.0",
           R"({"anyOf":[{"$ref":"#/components/schemas/A"}],"discriminator":{"propertyName":"k","mapping":{"b":"B"}}})",
           R"({"A":{"type":"object"},"B":{"type":"object"}})"),
       at + "/discriminator/mapping",
       "mapping 'b' names '#/components/schemas/B', which is not one of the anyOf schemas"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const LoadResult loaded = load_contract(c.document);
    if (c.severity == Severity::error) {
      EXPECT_FALSE(loaded.ok());
      EXPECT_TRUE(has(loaded.errors, c.pointer, c.words)) << listing(loaded);
    } else {
      EXPECT_TRUE(loaded.ok()) << listing(loaded);
      EXPECT_TRUE(has(loaded.warnings, c.pointer, c.words)) << listing(loaded);
    }
  }
}

// 2019-09's $recursiveRef: dynamic when its target declares $recursiveAnchor, so an extending schema's own
// definition of the recursion applies; otherwise an ordinary reference.
TEST(LoaderErrors, RecursiveRefFollowsTheOutermostAnchor) {
  SchemaLoadOptions options;
  options.dialect = k2019;
  const std::string tree = R"({"$id":"https://example.com/tree","$recursiveAnchor":true,"type":"object",
      "properties":{"data":true,"children":{"type":"array","items":{"$recursiveRef":"#"}}}})";
  const std::string strict = R"({"$id":"https://example.com/strict","$recursiveAnchor":true,
      "$ref":"https://example.com/tree","unevaluatedProperties":false,"$defs":{"tree":)" +
                             tree + "}}";
  const LoadResult loaded = load_schema(strict, options);
  ASSERT_TRUE(loaded.ok()) << listing(loaded);
  Validator validator(loaded.contract);
  EXPECT_TRUE(validator.is_valid_body(R"({"children":[{"data":1}]})"));
  EXPECT_FALSE(validator.is_valid_body(R"({"children":[{"extra":1}]})"));
  EXPECT_FALSE(validator.is_valid_body(R"({"extra":1})"));

  const LoadResult plain = load_schema(tree, options);
  ASSERT_TRUE(plain.ok()) << listing(plain);
  Validator tree_validator(plain.contract);
  EXPECT_TRUE(tree_validator.is_valid_body(R"({"children":[{"extra":1}]})"));
  EXPECT_FALSE(tree_validator.is_valid_body(R"({"children":[1]})"));
}

}  // namespace
}  // namespace reqprobe
