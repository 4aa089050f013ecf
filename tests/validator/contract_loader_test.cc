// Loading contracts: the embedded contract compiles; every keyword the loader does not implement is an error naming
// the keyword and its JSON Pointer in the contract; bad references, options and JSON are errors, never exceptions.
#include <rapidjson/document.h>
#include <rapidjson/pointer.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "test_support.h"

namespace reqprobe::test {
namespace {

using ::testing::HasSubstr;

// Contract locations, as JSON Pointers ('/' in the path key is "~1").
const std::string kOperation = "/paths/~1v5~1{project_id}~1image~1image-scan~1tasks/post";
const std::string kSchemas = "/components/schemas";
const std::string kBody = kSchemas + "/CreateManualImageScanTaskReqInfo";
const std::string kQueryInfo = kSchemas + "/CreateManualImageScanTaskQueryInfo";
const std::string kImageInfo = kSchemas + "/CreateManualImageScanTaskImageInfo";

/// The embedded contract with `edit` applied to its parsed document.
template <class Edit>
std::string edited_contract(Edit edit) {
  rapidjson::Document document;
  const std::string_view text = embedded_contract_text();
  document.Parse(text.data(), text.size());
  if (document.HasParseError()) throw std::runtime_error("the embedded contract is not JSON");
  edit(document);
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  document.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

/// The embedded contract with member `key` = `value_json` added to (or replaced in) the object at `object_pointer`.
std::string contract_with(const std::string& object_pointer, const std::string& key, const std::string& value_json) {
  return edited_contract([&](rapidjson::Document& document) {
    rapidjson::Document value(&document.GetAllocator());
    value.Parse(value_json.c_str());
    if (value.HasParseError()) throw std::runtime_error("bad test value " + value_json);
    rapidjson::Value* object = rapidjson::Pointer(object_pointer.c_str()).Get(document);
    if (object == nullptr || !object->IsObject()) throw std::runtime_error("no object at " + object_pointer);
    object->RemoveMember(key.c_str());
    object->AddMember(rapidjson::Value(key.c_str(), document.GetAllocator()),
                      rapidjson::Value(value, document.GetAllocator()), document.GetAllocator());
  });
}

std::string errors_text(const LoadResult& loaded) {
  std::string out;
  for (const ContractError& e : loaded.errors) out += "\n  " + e.pointer + ": " + e.message;
  return out;
}

/// Loading `text` fails with exactly one error, at `pointer`, whose message names `word`.
void expect_one_error(const std::string& text, const std::string& pointer, const std::string& word,
                      const LoadOptions& options = {}) {
  const LoadResult loaded = load_contract(text, options);
  EXPECT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.contract, nullptr);
  ASSERT_EQ(loaded.errors.size(), 1u) << errors_text(loaded);
  EXPECT_EQ(loaded.errors[0].pointer, pointer) << errors_text(loaded);
  EXPECT_THAT(loaded.errors[0].message, HasSubstr(word));
}

TEST(ContractLoader, the_embedded_contract_loads) {
  const LoadResult loaded = load_embedded_contract();
  ASSERT_TRUE(loaded.ok()) << errors_text(loaded);
  EXPECT_TRUE(loaded.errors.empty());
  EXPECT_FALSE(embedded_contract_name().empty());
  const Plan& plan = loaded.contract->plan();
  ASSERT_EQ(plan.operations.size(), 1u);
  const Operation& op = plan.operations[0];
  EXPECT_EQ(op.id, "CreateManualImageScanTask");
  EXPECT_EQ(op.method, "POST");
  EXPECT_EQ(op.path_template, "/v5/{project_id}/image/image-scan/tasks");
  EXPECT_EQ(op.media_types, std::vector<std::string>{"application/json"});
  EXPECT_TRUE(op.has_absent_body_as);
  EXPECT_EQ(op.absent_body_as, "{}");
  ASSERT_EQ(op.auth_alternatives.size(), 1u);
  EXPECT_EQ(op.auth_alternatives[0].replaces, "x-auth-token");
  std::vector<std::string> parameters;
  for (const Parameter& p : op.parameters) parameters.push_back(std::string(location_name(p.in)) + ":" + p.name);
  EXPECT_EQ(parameters, (std::vector<std::string>{"path:project_id", "query:enterprise_project_id",
                                                  "query:global_image_type", "header:x-auth-token", "header:region"}));
  ASSERT_EQ(plan.mask_unions.size(), 1u);
  EXPECT_EQ(plan.mask_unions[0].option, "scan-scope-combinations");
  EXPECT_FALSE(plan.mask_unions[0].enabled);
}

TEST(ContractLoader, the_embedded_contract_loads_with_its_option) {
  const LoadResult loaded = load_embedded_contract(LoadOptions{.enable = {"scan-scope-combinations"}});
  ASSERT_TRUE(loaded.ok()) << errors_text(loaded);
  ASSERT_EQ(loaded.contract->plan().mask_unions.size(), 1u);
  EXPECT_TRUE(loaded.contract->plan().mask_unions[0].enabled);
}

TEST(ContractLoader, the_embedded_text_round_trips_through_an_edit) {
  const LoadResult loaded = load_contract(edited_contract([](rapidjson::Document&) {}));
  EXPECT_TRUE(loaded.ok()) << errors_text(loaded);
}

struct KeywordCase {
  std::string name;
  std::string object;  ///< where the keyword is added
  std::string key;
  std::string value_json;
};

TEST(ContractLoader, misspelt_or_misplaced_reqprobe_extensions_are_errors) {
  const std::string host_id = kQueryInfo + "/properties/host_id";
  const std::vector<KeywordCase> cases = {
      {"a misspelt extension on the operation", kOperation, "x-reqprobe-typo", "1"},
      {"a misspelt extension on a schema", kBody, "x-reqprobe-rule", "[]"},
      {"an extension on the wrong kind of schema", host_id, "x-reqprobe-mask-union", R"({"option":"o","masks":[1]})"},
      {"an unknown keyword in a rule", kBody + "/x-reqprobe-rules/0", "unless", "{}"},
  };
  for (const KeywordCase& c : cases) {
    SCOPED_TRACE(c.name);
    std::string pointer = c.object + "/" + c.key;
    expect_one_error(contract_with(c.object, c.key, c.value_json), pointer, c.key);
  }
}

// Issue 11 and 12: what real documents use loads; what a dialect does not have is a warning naming it.
TEST(ContractLoader, the_keywords_real_documents_use_compile) {
  const std::string host_id = kQueryInfo + "/properties/host_id";
  const std::string rate_limit = kBody + "/properties/rate_limit";
  const std::vector<KeywordCase> cases = {
      {"pattern on a string", host_id, "pattern", R"("^[a-z]+$")"},
      {"format on a string", host_id, "format", R"("ipv4")"},
      {"exclusiveMaximum on an integer", rate_limit, "exclusiveMaximum", "true"},
      {"multipleOf on an integer", rate_limit, "multipleOf", "10"},
      {"minLength beside an integer's keywords", rate_limit, "minLength", "1"},
      {"default on an integer", rate_limit, "default", "0"},
      {"nullable: true on a boolean", kBody + "/properties/is_all", "nullable", "true"},
      {"nullable: true on an object", kQueryInfo, "nullable", "true"},
      {"additionalProperties: true", kQueryInfo, "additionalProperties", "true"},
      {"additionalProperties as a schema", kImageInfo, "additionalProperties", R"({"type":"string"})"},
      {"uniqueItems on an array", kBody + "/properties/image_info", "uniqueItems", "true"},
      {"minProperties on an object", kQueryInfo, "minProperties", "1"},
      {"oneOf", kBody, "oneOf", R"([{"required":["is_all"]}])"},
      {"allOf", host_id, "allOf", R"([{"maxLength":3}])"},
      {"not", host_id, "not", R"({"enum":["x"]})"},
      {"a parameter style", kOperation + "/parameters/1", "style", R"("form")"},
      {"allowEmptyValue on a parameter", kOperation + "/parameters/1", "allowEmptyValue", "true"},
      {"callbacks on the operation", kOperation, "callbacks", "{}"},
      {"components other than schemas", "/components", "parameters", "{}"},
  };
  for (const KeywordCase& c : cases) {
    SCOPED_TRACE(c.name);
    const LoadResult loaded = load_contract(contract_with(c.object, c.key, c.value_json));
    EXPECT_TRUE(loaded.ok()) << errors_text(loaded);
  }
}

TEST(ContractLoader, what_a_dialect_does_not_have_is_a_warning_naming_it) {
  const std::string rate_limit = kBody + "/properties/rate_limit";
  const std::vector<KeywordCase> cases = {
      {"const in OpenAPI 3.0", rate_limit, "const", "5"},
      {"a misspelt keyword", rate_limit, "maximun", "5"},
      {"a sibling of $ref", kBody + "/properties/query_info", "maxLength", "3"},
      {"webhooks in OpenAPI 3.0", "", "webhooks", "{}"},
  };
  for (const KeywordCase& c : cases) {
    SCOPED_TRACE(c.name);
    const LoadResult loaded = load_contract(contract_with(c.object, c.key, c.value_json));
    ASSERT_TRUE(loaded.ok()) << errors_text(loaded);
    std::string warnings;
    for (const ContractError& w : loaded.warnings) warnings += w.pointer + ": " + w.message + "\n";
    EXPECT_THAT(warnings, HasSubstr(c.object + "/" + c.key + ": ")) << warnings;
  }
}

TEST(ContractLoader, annotations_and_foreign_extensions_are_ignored) {
  const std::string host_id = kQueryInfo + "/properties/host_id";
  const std::vector<KeywordCase> cases = {
      {"title", host_id, "title", R"("Host")"},
      {"example", host_id, "example", R"("h-1")"},
      {"deprecated", host_id, "deprecated", "false"},
      {"a foreign extension", host_id, "x-vendor-note", R"({"any":"thing"})"},
      {"nullable: false", host_id, "nullable", "false"},
      {"additionalProperties: false", kBody, "additionalProperties", "false"},
      {"externalDocs", kOperation, "externalDocs", R"({"url":"https://support.huaweicloud.com"})"},
  };
  for (const KeywordCase& c : cases) {
    SCOPED_TRACE(c.name);
    const LoadResult loaded = load_contract(contract_with(c.object, c.key, c.value_json));
    EXPECT_TRUE(loaded.ok()) << errors_text(loaded);
  }
}

TEST(ContractLoader, every_error_is_reported_with_its_line_and_column) {
  const std::string text = edited_contract([](rapidjson::Document& d) {
    auto& a = d.GetAllocator();
    rapidjson::Pointer((kQueryInfo + "/properties/host_id/maxLength").c_str()).Set(d, "many", a);
    rapidjson::Pointer((kBody + "/properties/rate_limit/type").c_str()).Set(d, "float", a);
  });
  const LoadResult loaded = load_contract(text);
  EXPECT_FALSE(loaded.ok());
  std::vector<std::string> pointers;
  for (const ContractError& e : loaded.errors) {
    pointers.push_back(e.pointer);
    EXPECT_EQ(e.line, 1u);  // edited_contract writes one line
    EXPECT_GT(e.column, 1u);
  }
  EXPECT_THAT(pointers, ::testing::UnorderedElementsAre(kQueryInfo + "/properties/host_id/maxLength",
                                                        kBody + "/properties/rate_limit/type"));
}

TEST(ContractLoader, unknown_option_names_are_errors) {
  expect_one_error(std::string(embedded_contract_text()), "", "scan-scope-combination",
                   LoadOptions{.enable = {"scan-scope-combination"}});
  const LoadResult loaded = load_embedded_contract(LoadOptions{.enable = {"no-such-option"}});
  EXPECT_FALSE(loaded.ok());
  ASSERT_EQ(loaded.errors.size(), 1u);
  EXPECT_THAT(loaded.errors[0].message, HasSubstr("no-such-option"));
}

TEST(ContractLoader, bad_references_are_errors_at_the_ref) {
  const std::string query_info = kBody + "/properties/query_info";
  const std::string items = kBody + "/properties/image_info/items";
  struct RefCase {
    std::string name;
    std::string object;
    std::string ref;
  };
  const std::vector<RefCase> cases = {
      {"a missing schema", query_info, "#/components/schemas/Nope"},
      {"a near-miss name", query_info, "#/components/schemas/CreateManualImageScanTaskQueryinfo"},
      {"an external file (no reader given)", query_info, "other.json#/components/schemas/X"},
      {"a remote URL (no reader given)", items, "https://example.com/schemas/ImageInfo.json"},
      {"a pointer to nothing", items, "#/components/schemas/CreateManualImageScanTaskImageInfo/properties/nope"},
  };
  for (const RefCase& c : cases) {
    SCOPED_TRACE(c.name);
    expect_one_error(contract_with(c.object, "$ref", "\"" + c.ref + "\""), c.object + "/$ref", "");
  }
  SCOPED_TRACE("a $ref that is not a string");
  expect_one_error(contract_with(query_info, "$ref", "5"), query_info + "/$ref", "");
}

TEST(ContractLoader, invalid_json_is_an_error_not_an_exception) {
  for (const std::string& text :
       {std::string("{"), std::string(""), std::string("{\"openapi\":\"3.0.3\",}"), std::string("[1,2"),
        std::string("{\"openapi\":\"3.0.3\"} x"), std::string("{\"openapi\":\"\xFF\"}")}) {
    SCOPED_TRACE(text);
    expect_one_error(text, "", "JSON");
  }
}

TEST(ContractLoader, documents_other_than_openapi_3_are_refused_with_the_version) {
  expect_one_error(R"({"swagger":"2.0","info":{"title":"t","version":"1"},"paths":{}})", "/swagger", "3.1");
  expect_one_error(contract_with("", "openapi", R"("4.0.0")"), "/openapi", "3.0.x and 3.1.x");
  const LoadResult not_object = load_contract("[]");
  EXPECT_FALSE(not_object.ok());
  EXPECT_FALSE(not_object.errors.empty());
  EXPECT_TRUE(load_contract(contract_with("", "openapi", R"("3.1.0")")).ok());
  const LoadResult no_paths = load_contract(R"({"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{}})");
  EXPECT_TRUE(no_paths.ok());
  EXPECT_TRUE(no_paths.contract->plan().operations.empty());
}

TEST(ContractLoader, type_number_compiles) {
  const LoadResult loaded = load_contract(contract_with(kBody + "/properties/rate_limit", "type", R"("number")"));
  EXPECT_TRUE(loaded.ok()) << errors_text(loaded);
}

}  // namespace
}  // namespace reqprobe::test

namespace reqprobe::test {
namespace {

// Issue 10, item 19: text the user supplies reaches a DOM parser and recursive walks only within a depth bound.
TEST(ContractLoader, deeply_nested_text_is_an_error_not_a_crash) {
  const std::string body = kOperation + "/requestBody";
  // x-reqprobe-absent-as holds JSON text that the loader parses: 300,000 '[' once crashed RapidJSON's recursive
  // parser.
  expect_one_error(contract_with(body, "x-reqprobe-absent-as", "\"" + std::string(300000, '[') + "\""),
                   body + "/x-reqprobe-absent-as", "nested");
  // The document itself: 300,000 nested arrays, and 100,000 nested schemas the compiler would recurse into.
  expect_one_error("{\"openapi\":" + std::string(300000, '[') + std::string(300000, ']') + "}", "", "deeper");
  // (Spliced as text: the test's own RapidJSON helpers would recurse on such a value.)
  const auto with_body_schema = [](int levels) {
    std::string schema;
    for (int i = 0; i < levels; ++i) schema += R"({"type":"array","items":)";
    schema += R"({"type":"string"})" + std::string(static_cast<std::size_t>(levels), '}');
    return R"({"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/a":{"post":{"requestBody":)"
           R"({"content":{"application/json":{"schema":)" +
           schema + "}}}}}}}";
  };
  expect_one_error(with_body_schema(100000), "", "deeper");
  // Well inside the bound it still loads (real documents nest a few dozen levels).
  const LoadResult loaded = load_contract(with_body_schema(100));
  EXPECT_TRUE(loaded.ok()) << errors_text(loaded);
}

}  // namespace
}  // namespace reqprobe::test
