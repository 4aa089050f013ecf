// The JSON Schema export (reqprobe/json_schema_export.h). The main test is an equivalence: over a table of bodies
// (every field at and past its bounds, every enum value, type confusions, unknown members, R1/R2, structure and
// syntax errors), RapidJSON's SchemaValidator on the exported schema gives the same verdict as
// Validator::is_valid_body, for the default contract and with the scan-scope-combinations option enabled.
//
// Inputs left out, because RapidJSON 1.1 (the reference here) gets them wrong or cannot tell, so a disagreement
// would say nothing about the export:
//  - lone surrogate escapes: RapidJSON accepts a lone low surrogate ("\udc00") and decodes it to bytes that are
//    not UTF-8 (reqprobe: `encoding`);
//  - invalid UTF-8, and NUL bytes or "\u0000" in strings: RapidJSON's handling differs by parse flag and version;
//  - duplicate keys: RapidJSON's DOM keeps both, and JSON Schema has no keyword against them (reqprobe:
//    `duplicate`);
//  - numbers RapidJSON turns into doubles (beyond the uint64 range, or with a fraction or exponent) near the int64
//    bounds: a double cannot be compared exactly with 2^63 - 1. The table's bound +/- 1 values stay integers in
//    RapidJSON, except -9223372036854775809, which both sides reject;
//  - bodies beyond reqprobe's safety limits (size, depth, string bytes, counts), which no schema states.
#include "reqprobe/json_schema_export.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "reqprobe/openapi_export.h"
#include "reqprobe/validator.h"

namespace reqprobe {
namespace {

/// The embedded contract with some options enabled, loaded once per option set.
std::shared_ptr<const Contract> contract(const std::vector<std::string>& enable = {}) {
  static std::map<std::vector<std::string>, std::shared_ptr<const Contract>> cache;
  std::shared_ptr<const Contract>& slot = cache[enable];
  if (!slot) {
    LoadResult loaded = load_embedded_contract(LoadOptions{.enable = enable});
    if (!loaded.ok()) throw std::runtime_error("the embedded contract does not load");
    slot = loaded.contract;
  }
  return slot;
}

/// A parsed export, ready to validate with RapidJSON.
class ExportedSchema {
 public:
  explicit ExportedSchema(const std::string& text) : text_(text) {
    document_.Parse(text_.data(), text_.size());
    if (!document_.HasParseError()) schema_ = std::make_unique<rapidjson::SchemaDocument>(document_);
  }
  [[nodiscard]] bool parsed() const { return schema_ != nullptr; }
  [[nodiscard]] const rapidjson::Document& document() const { return document_; }

  /// The schema's verdict on a body: not well-formed JSON is invalid, like the validator's `syntax`.
  [[nodiscard]] bool accepts(std::string_view body) const {
    rapidjson::Document instance;
    instance.Parse<rapidjson::kParseValidateEncodingFlag>(body.data(), body.size());
    if (instance.HasParseError()) return false;
    rapidjson::SchemaValidator validator(*schema_);
    return instance.Accept(validator);
  }

 private:
  std::string text_;
  rapidjson::Document document_;
  std::unique_ptr<rapidjson::SchemaDocument> schema_;
};

std::string repeat(std::string_view unit, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += unit;
  return out;
}

std::string json_quoted(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

std::string string_of(std::size_t code_points, std::string_view unit = "a") {
  return json_quoted(repeat(unit, code_points));
}

// Decimal text one past an int64 bound, without overflow.
std::string plus_one(std::int64_t v) {
  return v == std::numeric_limits<std::int64_t>::max() ? "9223372036854775808" : std::to_string(v + 1);
}
std::string minus_one(std::int64_t v) {
  return v == std::numeric_limits<std::int64_t>::min() ? "-9223372036854775809" : std::to_string(v - 1);
}

/// Values for one schema node, read from the plan: at each bound, past each bound, every enum value and
/// near-misses, and values of every wrong type. Which are valid is the validator's business: the test only
/// compares verdicts.
std::vector<std::string> values_for(const Plan& plan, const SchemaNode& node, const std::string& valid_item) {
  std::vector<std::string> values = {"null", "true",   "false", "0",  "-1", "1.0", "1e2",
                                     "-0.0", R"("5")", R"("")", "{}", "[]", "[1]", R"({"a":1})"};
  switch (node.kind) {
    case NodeKind::string:
      values.push_back(string_of(node.min_length));
      if (node.min_length > 0) values.push_back(string_of(node.min_length - 1));
      values.push_back(string_of(node.max_length));
      values.push_back(string_of(node.max_length + 1));
      values.push_back(string_of(node.max_length, "\xC3\xA9"));  // code points, not bytes (D7)
      values.push_back(string_of(node.max_length + 1, "\xF0\x9F\x98\x80"));
      values.push_back(string_of(node.max_length, "\\u00e9"));
      for (std::uint32_t i = 0; i < node.enum_count; ++i) {
        const std::string& v = plan.enum_strings[node.enum_begin + i];
        values.push_back(json_quoted(v));
        values.push_back(json_quoted(v + " "));
        values.push_back(json_quoted(v.substr(0, v.size() - 1)));
      }
      break;
    case NodeKind::integer:
      values.push_back(std::to_string(node.minimum));
      values.push_back(minus_one(node.minimum));
      values.push_back(std::to_string(node.maximum));
      values.push_back(plus_one(node.maximum));
      values.push_back("-0");
      values.push_back("1");
      for (std::uint32_t i = 0; i < node.enum_count; ++i) {
        const std::int64_t v = plan.enum_integers[node.enum_begin + i];
        values.push_back(std::to_string(v));
        values.push_back(plus_one(v));
      }
      break;
    case NodeKind::object:
      values.push_back(R"({"host_id":"h"})");
      values.push_back(R"({"unknown":1})");
      break;
    case NodeKind::array:
      values.push_back("[" + valid_item + "]");
      values.push_back("[" + valid_item + "," + valid_item + "]");
      values.push_back("[{}]");
      values.push_back("[null]");
      break;
    case NodeKind::boolean:
    case NodeKind::number:
    case NodeKind::null:
    case NodeKind::any:
      break;
  }
  return values;
}

/// The schema node of property `name` of an object node.
std::uint32_t property_node(const Plan& plan, std::uint32_t object, std::string_view name) {
  const SchemaNode& n = plan.nodes[object];
  for (std::uint32_t i = 0; i < n.properties_count; ++i)
    if (plan.properties[n.properties_begin + i].name == name) return plan.properties[n.properties_begin + i].node;
  throw std::runtime_error("no property " + std::string(name));
}

/// An image_info item with every required member at a valid value, and `name` set to `value` when given.
std::string item_with(std::string_view name = {}, std::string_view value = {}) {
  const std::pair<const char*, const char*> required[] = {{"image_name", R"("nginx")"},
                                                          {"image_version", R"("1.25")"},
                                                          {"registry_id", R"("reg-01")"},
                                                          {"registry_name", R"("swr")"},
                                                          {"registry_type", R"("SwrPrivate")"}};
  std::string out = "{";
  bool placed = name.empty();
  for (const auto& [member, valid] : required) {
    if (out.size() > 1) out += ",";
    const bool here = member == name;
    out += json_quoted(member) + ":" + (here ? std::string(value) : std::string(valid));
    placed = placed || here;
  }
  if (!placed) out += "," + json_quoted(name) + ":" + std::string(value);
  return out + "}";
}

/// Every body field of the contract with each of its values, each in an otherwise valid body: root fields beside
/// "is_all":true (is_all itself beside a query_info), query_info members inside one, item members inside an item.
std::vector<std::string> field_bodies() {
  const Plan& plan = contract()->plan();
  const std::uint32_t root = plan.operations[0].body;
  const std::uint32_t query_info = property_node(plan, root, "query_info");
  const std::uint32_t item = plan.nodes[property_node(plan, root, "image_info")].items;
  std::vector<std::string> bodies;
  const SchemaNode& r = plan.nodes[root];
  for (std::uint32_t i = 0; i < r.properties_count; ++i) {
    const Property& p = plan.properties[r.properties_begin + i];
    for (const std::string& v : values_for(plan, plan.nodes[p.node], item_with())) {
      bodies.push_back(p.name == "is_all" ? R"({"query_info":{},"is_all":)" + v + "}"
                                          : R"({"is_all":true,)" + json_quoted(p.name) + ":" + v + "}");
    }
  }
  for (const auto& [object, inside] : {std::pair{query_info, true}, std::pair{item, false}}) {
    const SchemaNode& o = plan.nodes[object];
    for (std::uint32_t i = 0; i < o.properties_count; ++i) {
      const Property& p = plan.properties[o.properties_begin + i];
      for (const std::string& v : values_for(plan, plan.nodes[p.node], item_with())) {
        bodies.push_back(inside ? R"({"is_all":true,"query_info":{)" + json_quoted(p.name) + ":" + v + "}}"
                                : R"({"is_all":true,"image_info":[)" + item_with(p.name, v) + "]}");
      }
    }
  }
  return bodies;
}

std::string valid_item() {
  return item_with();
}

/// Bodies that exercise the object level: R1, R2, required item members, unknown members, structure, syntax.
std::vector<std::string> object_level_bodies() {
  const std::string item = valid_item();
  std::vector<std::string> bodies = {
      // R1: some scan target
      "{}",
      R"({"is_all":true})",
      R"({"query_info":{}})",
      R"({"image_info":[)" + item + "]}",
      R"({"image_info":[]})",
      R"({"rate_limit":5})",
      R"({"scan_scope":0})",
      R"({"is_all":"true"})",
      R"({"query_info":null})",
      R"({"query_info":[]})",
      R"({"image_info":{}})",
      R"({"image_info":[{}]})",
      // R2: is_all false needs image_info items or query_info
      R"({"is_all":false})",
      R"({"is_all":false,"query_info":{}})",
      R"({"is_all":false,"image_info":[)" + item + "]}",
      R"({"is_all":false,"image_info":[]})",
      R"({"is_all":false,"image_info":[],"query_info":{}})",
      R"({"is_all":false,"query_info":{"has_vul":true}})",
      R"({"is_all":false,"query_info":{"has_vul":1}})",
      R"({"is_all":false,"image_info":[)" + item + "," + item + "]}",
      R"({"is_all":false,"image_info":[{"image_name":"x"}]})",
      R"({"is_all":true,"image_info":[]})",
      // unknown members, at each level
      R"({"is_all":true,"extra":1})",
      R"({"is_all":true,"Is_all":true})",
      R"({"is_all":true,"query_info":{"x":null}})",
      R"({"is_all":true,"image_info":[)" + item_with("tag", R"("latest")") + "]}",
      // required item members (D8), each one missing
      R"({"is_all":true,"image_info":[{"image_name":"a","image_version":"b","registry_id":"c","registry_name":"d"}]})",
      R"({"is_all":true,"image_info":[{"image_version":"b","registry_id":"c","registry_name":"d","registry_type":"Harbor"}]})",
      R"({"is_all":true,"image_info":[{"image_name":"a","registry_id":"c","registry_name":"d","registry_type":"Harbor"}]})",
      R"({"is_all":true,"image_info":[{"image_name":"a","image_version":"b","registry_name":"d","registry_type":"Harbor"}]})",
      R"({"is_all":true,"image_info":[{"image_name":"a","image_version":"b","registry_id":"c","registry_type":"Harbor"}]})",
      // R3 is a warning: start after end stays valid
      R"({"query_info":{"start_latest_scan_time":5,"end_latest_scan_time":1}})",
      R"({"query_info":{"start_latest_update_time":9,"end_latest_update_time":0}})",
      // a full valid body
      R"({"scan_scope":983040,"rate_limit":1000,"is_all":false,"query_info":{"local_image_type":"swr_image",
          "host_id":"h","has_vul":false,"image_type":"harbor","scan_status":"failed","image_size":0},
          "image_info":[)" +
          item + "]}",
      // root of the wrong type, and not JSON at all
      "[]",
      "null",
      "true",
      "1",
      R"("{}")",
      "",
      " ",
      "{",
      R"({"is_all":true)",
      R"({"is_all":true,})",
      R"({"is_all":true} {})",
      R"({"is_all":tru})",
      R"({'is_all':true})",
      R"({"is_all":true}x)",
  };
  // scan_scope: every OR of the five category masks (valid only with the option), near-misses and the bounds
  const std::int64_t masks[] = {983040, 61440, 3840, 240, 15};
  for (std::uint32_t subset = 1; subset < 32; ++subset) {
    std::int64_t value = 0;
    for (std::uint32_t i = 0; i < 5; ++i)
      if (subset & (1u << i)) value |= masks[i];
    bodies.push_back(R"({"is_all":true,"scan_scope":)" + std::to_string(value) + "}");
  }
  for (const char* value : {"1", "16", "983041", "1048575", "1048576", "2147483646", "-983040", "-2147483648",
                            "-2147483649", "2147483648", "4294967295"})
    bodies.push_back(R"({"is_all":true,"scan_scope":)" + std::string(value) + "}");
  return bodies;
}

std::vector<std::string> all_bodies() {
  std::vector<std::string> bodies = object_level_bodies();
  for (std::string& body : field_bodies()) bodies.push_back(std::move(body));
  return bodies;
}

void expect_same_verdicts(const std::vector<std::string>& enable) {
  const std::shared_ptr<const Contract> loaded = contract(enable);
  const ExportedSchema schema(export_json_schema(*loaded));
  ASSERT_TRUE(schema.parsed());
  Validator validator(loaded);
  std::size_t valid = 0;
  std::size_t invalid = 0;
  for (const std::string& body : all_bodies()) {
    const bool expected = validator.is_valid_body(body);
    EXPECT_EQ(schema.accepts(body), expected) << "body: " << body;
    ++(expected ? valid : invalid);
  }
  // The table must exercise both sides, broadly.
  EXPECT_GT(valid, 200u);
  EXPECT_GT(invalid, 600u) << invalid;
}

TEST(JsonSchemaExport, AgreesWithTheValidatorOnEveryBody) {
  expect_same_verdicts({});
}

TEST(JsonSchemaExport, AgreesWithTheValidatorWithScanScopeCombinationsEnabled) {
  expect_same_verdicts({"scan-scope-combinations"});
}

// ---- the shape of the export -------------------------------------------------------------------------------------

const rapidjson::Value& at(const rapidjson::Value& v, const char* pointer) {
  const rapidjson::Value* found = rapidjson::Pointer(pointer).Get(v);
  static const rapidjson::Value kNull;
  EXPECT_NE(found, nullptr) << pointer;
  return found != nullptr ? *found : kNull;
}

std::vector<std::int64_t> integers(const rapidjson::Value& array) {
  std::vector<std::int64_t> out;
  for (const auto& v : array.GetArray()) out.push_back(v.GetInt64());
  return out;
}

TEST(JsonSchemaExport, StatesDraft07DefinitionsAndExplicitBounds) {
  const ExportedSchema schema(export_json_schema(*contract()));
  ASSERT_TRUE(schema.parsed());
  const rapidjson::Document& d = schema.document();
  EXPECT_STREQ(at(d, "/$schema").GetString(), "http://json-schema.org/draft-07/schema#");
  EXPECT_STREQ(at(d, "/type").GetString(), "object");
  EXPECT_FALSE(at(d, "/additionalProperties").GetBool());
  EXPECT_STREQ(at(d, "/properties/query_info/$ref").GetString(), "#/definitions/CreateManualImageScanTaskQueryInfo");
  EXPECT_STREQ(at(d, "/properties/image_info/items/$ref").GetString(),
               "#/definitions/CreateManualImageScanTaskImageInfo");
  EXPECT_EQ(at(d, "/properties/scan_scope/minimum").GetInt64(), -2147483648);  // int32, from the format
  EXPECT_EQ(at(d, "/properties/scan_scope/maximum").GetInt64(), 2147483647);
  EXPECT_EQ(integers(at(d, "/properties/scan_scope/enum")),
            (std::vector<std::int64_t>{0, 2147483647, 983040, 61440, 3840, 240, 15}));
  EXPECT_EQ(at(d, "/properties/rate_limit/minimum").GetInt64(), 0);
  EXPECT_EQ(at(d, "/properties/rate_limit/maximum").GetInt64(), 1000);
  EXPECT_EQ(at(d, "/definitions/CreateManualImageScanTaskQueryInfo/properties/image_size/maximum").GetInt64(),
            9223372036854775807);
  EXPECT_EQ(at(d, "/definitions/CreateManualImageScanTaskQueryInfo/properties/pod_name/maxLength").GetUint(), 512u);
  EXPECT_EQ(at(d, "/definitions/CreateManualImageScanTaskImageInfo/required").Size(), 5u);
  EXPECT_EQ(at(d, "/properties/image_info/minItems").GetUint(), 0u);
  EXPECT_FALSE(d["properties"]["image_info"].HasMember("maxItems"));
}

TEST(JsonSchemaExport, ExpressesR1AndR2AndLeavesOutTheR3Warnings) {
  const ExportedSchema schema(export_json_schema(*contract()));
  ASSERT_TRUE(schema.parsed());
  const rapidjson::Document& d = schema.document();
  ASSERT_EQ(at(d, "/allOf").Size(), 2u);
  EXPECT_THAT(at(d, "/allOf/0/$comment").GetString(), ::testing::StartsWith("R2: "));
  EXPECT_EQ(at(d, "/allOf/0/anyOf").Size(), 3u);  // not(is_all = false), image_info items, query_info
  EXPECT_FALSE(at(d, "/allOf/0/anyOf/0/not/properties/is_all/enum/0").GetBool());
  EXPECT_EQ(at(d, "/allOf/0/anyOf/1/properties/image_info/minItems").GetInt64(), 1);
  EXPECT_STREQ(at(d, "/allOf/0/anyOf/2/properties/query_info/type").GetString(), "object");
  EXPECT_THAT(at(d, "/allOf/1/$comment").GetString(), ::testing::StartsWith("R1: "));
  EXPECT_EQ(at(d, "/allOf/1/anyOf").Size(), 3u);
  EXPECT_TRUE(at(d, "/allOf/1/anyOf/0/properties/is_all/enum/0").GetBool());
  EXPECT_STREQ(at(d, "/definitions/CreateManualImageScanTaskQueryInfo/$comment").GetString(),
               "rules left out: R3.update_time (warning: never changes the verdict), R3.scan_time (warning: never "
               "changes the verdict)");
  EXPECT_FALSE(d["definitions"]["CreateManualImageScanTaskQueryInfo"].HasMember("allOf"));
}

TEST(JsonSchemaExport, ListsEveryMaskCombinationWhenTheOptionIsEnabled) {
  const ExportedSchema schema(export_json_schema(*contract({"scan-scope-combinations"})));
  ASSERT_TRUE(schema.parsed());
  const std::vector<std::int64_t> values = integers(at(schema.document(), "/properties/scan_scope/enum"));
  // The 7 enum values, then the 26 ORs of two or more masks, ascending.
  ASSERT_EQ(values.size(), 33u);
  EXPECT_EQ(std::vector<std::int64_t>(values.begin(), values.begin() + 7),
            (std::vector<std::int64_t>{0, 2147483647, 983040, 61440, 3840, 240, 15}));
  EXPECT_EQ(values[7], 255);       // 240 | 15
  EXPECT_EQ(values[32], 1048575);  // all five masks
}

TEST(JsonSchemaExport, IsDeterministic) {
  EXPECT_EQ(export_json_schema(*contract()), export_json_schema(*contract()));
}

// ---- a small contract, exported exactly ---------------------------------------------------------------------------

constexpr std::string_view kSmallContract = R"({
  "openapi": "3.0.3",
  "x-reqprobe-strict": true,
  "info": {"title": "small", "version": "1"},
  "paths": {"/things": {"post": {
    "operationId": "CreateThing",
    "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
    "responses": {"200": {"description": "ok"}}}}},
  "components": {"schemas": {
    "Thing": {"type": "object", "required": ["kind"],
      "properties": {
        "kind": {"type": "integer", "enum": [1, 2]},
        "tags": {"type": "array", "minItems": 1, "maxItems": 3, "items": {"type": "string", "maxLength": 8}},
        "child": {"$ref": "#/components/schemas/Thing"},
        "low": {"type": "integer", "format": "int64", "minimum": 0},
        "high": {"type": "integer", "format": "int64"}},
      "x-reqprobe-rules": [
        {"id": "K", "severity": "error", "message": "kind 2 needs tags", "when": {"property": "kind", "const": 2},
         "anyOf": [{"property": "tags", "present": true}]},
        {"id": "O", "severity": "error", "message": "low <= high", "ordered": ["low", "high"]}]}}}
})";

TEST(JsonSchemaExport, ExportsASmallRecursiveContractExactly) {
  const LoadResult loaded = load_contract(kSmallContract);
  ASSERT_TRUE(loaded.ok()) << loaded.errors[0].pointer << ": " << loaded.errors[0].message;
  const std::string text = export_json_schema(*loaded.contract);
  EXPECT_EQ(text.substr(text.find("\"title\"")), R"json("title": "CreateThing request body",
  "type": "object",
  "$comment": "rules left out: O (ordered: not expressible in JSON Schema)",
  "properties": {
    "kind": {
      "type": "integer",
      "minimum": -9223372036854775808,
      "maximum": 9223372036854775807,
      "enum": [
        1,
        2
      ]
    },
    "tags": {
      "type": "array",
      "minItems": 1,
      "maxItems": 3,
      "items": {
        "type": "string",
        "minLength": 0,
        "maxLength": 8
      }
    },
    "child": {
      "$ref": "#"
    },
    "low": {
      "type": "integer",
      "minimum": 0,
      "maximum": 9223372036854775807
    },
    "high": {
      "type": "integer",
      "minimum": -9223372036854775808,
      "maximum": 9223372036854775807
    }
  },
  "required": [
    "kind"
  ],
  "additionalProperties": false,
  "allOf": [
    {
      "$comment": "K: kind 2 needs tags",
      "anyOf": [
        {
          "not": {
            "required": [
              "kind"
            ],
            "properties": {
              "kind": {
                "enum": [
                  2
                ]
              }
            }
          }
        },
        {
          "required": [
            "tags"
          ],
          "properties": {
            "tags": {
              "type": "array"
            }
          }
        }
      ]
    }
  ]
})json");
  const ExportedSchema schema(text);
  ASSERT_TRUE(schema.parsed());
  Validator validator(loaded.contract);
  for (const char* body : {R"({"kind":1})", R"({"kind":2})", R"({"kind":2,"tags":["a"]})", R"({"kind":2,"tags":[]})",
                           R"({"kind":1,"child":{"kind":2}})", R"({"kind":1,"child":{"kind":2,"tags":["x"]}})",
                           R"({"kind":1,"child":{"kind":1,"child":{}}})", R"({"kind":3})",
                           R"({"kind":1,"tags":["123456789"]})", R"({"kind":1,"tags":["a","b","c","d"]})",
                           R"({"kind":1,"low":-1})", R"({"kind":1,"high":-9223372036854775808})"}) {
    EXPECT_EQ(schema.accepts(body), validator.is_valid_body(body)) << body;
  }
}

TEST(JsonSchemaExport, AcceptsAnythingForAnOperationOutOfRange) {
  const ExportedSchema schema(export_json_schema(*contract(), 7));
  ASSERT_TRUE(schema.parsed());
  EXPECT_FALSE(schema.document().HasMember("type"));
  EXPECT_THAT(schema.document()["$comment"].GetString(), ::testing::StartsWith("Body of no operation"));
  EXPECT_TRUE(schema.accepts("[1, {\"a\": null}]"));
}

}  // namespace
}  // namespace reqprobe

// ---- the OpenAPI export (issue 10, item 21) ------------------------------------------------------------------------

namespace reqprobe {
namespace {

rapidjson::Document exported_openapi() {
  const OpenApiExport exported = export_openapi(*contract(), embedded_contract_text());
  EXPECT_TRUE(exported.ok()) << exported.error;
  rapidjson::Document d;
  d.Parse(exported.text.data(), exported.text.size());
  EXPECT_FALSE(d.HasParseError());
  return d;
}

const char* const kPost = "/paths/~1v5~1{project_id}~1image~1image-scan~1tasks/post";

TEST(OpenApiExport, StatesTheTokenOrTheAkSkHeadersAsAlternativeSecurityRequirements) {
  const rapidjson::Document d = exported_openapi();
  const rapidjson::Value& security = at(d, (std::string(kPost) + "/security").c_str());
  ASSERT_TRUE(security.IsArray());
  ASSERT_EQ(security.Size(), 2u);
  EXPECT_TRUE(security[0].HasMember("token"));
  EXPECT_EQ(security[0].MemberCount(), 1u);
  EXPECT_TRUE(security[1].HasMember("aksk_signature"));
  EXPECT_TRUE(security[1].HasMember("aksk_date"));
  EXPECT_EQ(security[1].MemberCount(), 2u);  // both headers together
  for (const auto& [scheme, header] : {std::pair{"token", "X-Auth-Token"}, std::pair{"aksk_signature", "Authorization"},
                                       std::pair{"aksk_date", "X-Sdk-Date"}}) {
    const std::string base = std::string("/components/securitySchemes/") + scheme;
    EXPECT_STREQ(at(d, (base + "/type").c_str()).GetString(), "apiKey");
    EXPECT_STREQ(at(d, (base + "/in").c_str()).GetString(), "header");
    EXPECT_STREQ(at(d, (base + "/name").c_str()).GetString(), header);
  }
  // The token parameter is optional now (security requires it or the alternative), and keeps its lengths.
  const rapidjson::Value& parameters = at(d, (std::string(kPost) + "/parameters").c_str());
  bool found = false;
  for (const auto& p : parameters.GetArray()) {
    if (std::string_view(p["name"].GetString()) != "X-Auth-Token") continue;
    found = true;
    EXPECT_FALSE(p["required"].GetBool());
    EXPECT_EQ(p["schema"]["maxLength"].GetUint(), 32768u);
  }
  EXPECT_TRUE(found);
}

TEST(OpenApiExport, RefusesAnAbsentBodyAsTheContractDoes) {
  const rapidjson::Document d = exported_openapi();
  EXPECT_TRUE(at(d, (std::string(kPost) + "/requestBody/required").c_str()).GetBool());
}

TEST(OpenApiExport, ItsBodySchemaAgreesWithTheValidatorOnTheRules) {
  const rapidjson::Document d = exported_openapi();
  // The body schema with the document's components beside it, so RapidJSON resolves its $refs.
  rapidjson::Document schema(rapidjson::kObjectType);
  schema.AddMember("$ref", "#/components/schemas/CreateManualImageScanTaskReqInfo", schema.GetAllocator());
  schema.AddMember("components", rapidjson::Value(d["components"], schema.GetAllocator()), schema.GetAllocator());
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  schema.Accept(writer);
  const ExportedSchema exported(buffer.GetString());
  ASSERT_TRUE(exported.parsed());
  const std::string item =
      R"({"image_name":"n","image_version":"v","registry_id":"r","registry_name":"r","registry_type":"Harbor"})";
  Validator validator(contract());
  std::size_t valid = 0;
  for (const std::string& body :
       {std::string("{}"), std::string(R"({"is_all":true})"), std::string(R"({"is_all":false})"),
        std::string(R"({"is_all":false,"image_info":[]})"), std::string(R"({"is_all":false,"query_info":{}})"),
        std::string(R"({"query_info":{}})"), std::string(R"({"image_info":[)") + item + "]}",
        std::string(R"({"is_all":false,"image_info":[)") + item + "]}", std::string(R"({"rate_limit":5})"),
        std::string(R"({"image_info":[],"rate_limit":5})"), std::string(R"({"is_all":"true"})")}) {
    const bool expected = validator.is_valid_body(body);
    valid += expected;
    EXPECT_EQ(exported.accepts(body), expected) << body;
  }
  EXPECT_EQ(valid, 5u);  // both sides of the rules are in the table
}

TEST(OpenApiExport, KeepsTheExtensionsAndListsWhatItCannotSay) {
  const OpenApiExport exported = export_openapi(*contract(), embedded_contract_text());
  ASSERT_TRUE(exported.ok());
  EXPECT_NE(exported.text.find("x-reqprobe-rules"), std::string::npos);
  EXPECT_NE(exported.text.find("x-reqprobe-shape"), std::string::npos);
  std::string notes;
  for (const std::string& note : exported.notes) notes += note + "\n";
  EXPECT_THAT(notes, ::testing::HasSubstr("R3.update_time"));
  EXPECT_FALSE(export_openapi(*contract(), "not json").ok());
}

TEST(JsonSchemaExport, NamesWhatAJsonSchemaValidatorAcceptsThatReqprobeRefuses) {  // issue 10, item 20
  const ExportedSchema schema(export_json_schema(*contract()));
  ASSERT_TRUE(schema.parsed());
  const std::string comment = schema.document()["$comment"].GetString();
  for (const char* phrase :
       {"1.0 and 1e2", "duplicate member names", "invalid UTF-8", "lone surrogate", "9223372036854775808", "doubles"})
    EXPECT_THAT(comment, ::testing::HasSubstr(phrase));
}

}  // namespace
}  // namespace reqprobe
