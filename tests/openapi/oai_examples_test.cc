// The OpenAPI Initiative's six example documents (tests/data/openapi/oai-examples): each loads whole, its YAML and
// JSON forms compile to the same plan signature, which equals a table written by reading the YAML, and a few
// requests per document get exactly what the document says.
#include "openapi_support.h"

namespace reqprobe::openapi_test {
namespace {

std::shared_ptr<const Contract> load_example(const std::string& file) {
  const std::string path = std::string(REQPROBE_OAI_EXAMPLES) + "/" + file;
  return load_ok(read_file(path), LoadOptions{.name = file});
}

/// One line per operation: "METHOD path [operationId] bases=[...] params=[name:in:required:style:explode...]
/// body=[media types](required) responses=[...]".
std::vector<std::string> signature(const Plan& plan) {
  std::vector<std::string> out;
  for (const Operation& op : plan.operations) {
    std::string line = op.method + " " + op.path_template + " [" + op.id + "] bases=[";
    for (std::size_t i = 0; i < op.base_paths.size(); ++i) line += (i ? "," : "") + op.base_paths[i];
    line += "] params=[";
    for (std::size_t i = 0; i < op.parameters.size(); ++i) {
      const Parameter& p = op.parameters[i];
      line += std::string(i ? " " : "") + p.name + ":" + std::string(location_name(p.in)) + ":" +
              (p.required ? "required" : "optional") + ":" + std::string(parameter_style_name(p.style)) + ":" +
              (p.explode ? "explode" : "no-explode");
    }
    line += "] body=[";
    for (std::size_t i = 0; i < op.media_types.size(); ++i) line += (i ? "," : "") + op.media_types[i];
    line += std::string("]") + (op.body_required ? "(required)" : "") + " responses=[";
    for (std::size_t i = 0; i < op.responses.size(); ++i) line += (i ? "," : "") + op.responses[i].status;
    out.push_back(line + "]");
  }
  return out;
}

struct Example {
  std::string name;  ///< file name without extension
  std::vector<std::string> expected;
};

// Written by reading the YAML files: paths in document order, methods in OpenAPI's order (get, put, post, delete,
// ...), parameters as declared (path item's first), styles and explode by OpenAPI's defaults.
const std::vector<Example>& examples() {
  static const std::vector<Example> all = {
      {"api-with-examples",
       {
           "GET / [listVersionsv2] bases=[] params=[] body=[] responses=[200,300]",
           "GET /v2 [getVersionDetailsv2] bases=[] params=[] body=[] responses=[200,203]",
       }},
      {"callback-example",
       {
           "POST /streams [] bases=[] params=[callbackUrl:query:required:form:explode] body=[] responses=[201]",
       }},
      {"link-example",
       {
           "GET /2.0/users/{username} [getUserByName] bases=[] params=[username:path:required:simple:no-explode] "
           "body=[] responses=[200]",
           "GET /2.0/repositories/{username} [getRepositoriesByOwner] bases=[] "
           "params=[username:path:required:simple:no-explode] body=[] responses=[200]",
           "GET /2.0/repositories/{username}/{slug} [getRepository] bases=[] "
           "params=[username:path:required:simple:no-explode slug:path:required:simple:no-explode] body=[] "
           "responses=[200]",
           "GET /2.0/repositories/{username}/{slug}/pullrequests [getPullRequestsByRepository] bases=[] "
           "params=[username:path:required:simple:no-explode slug:path:required:simple:no-explode "
           "state:query:optional:form:explode] body=[] responses=[200]",
           "GET /2.0/repositories/{username}/{slug}/pullrequests/{pid} [getPullRequestsById] bases=[] "
           "params=[username:path:required:simple:no-explode slug:path:required:simple:no-explode "
           "pid:path:required:simple:no-explode] body=[] responses=[200]",
           "POST /2.0/repositories/{username}/{slug}/pullrequests/{pid}/merge [mergePullRequest] bases=[] "
           "params=[username:path:required:simple:no-explode slug:path:required:simple:no-explode "
           "pid:path:required:simple:no-explode] body=[] responses=[204]",
       }},
      {"petstore-expanded",
       {
           "GET /pets [findPets] bases=[/v2] params=[tags:query:optional:form:explode "
           "limit:query:optional:form:explode] body=[] responses=[200,default]",
           "POST /pets [addPet] bases=[/v2] params=[] body=[application/json](required) responses=[200,default]",
           "GET /pets/{id} [find pet by id] bases=[/v2] params=[id:path:required:simple:no-explode] body=[] "
           "responses=[200,default]",
           "DELETE /pets/{id} [deletePet] bases=[/v2] params=[id:path:required:simple:no-explode] body=[] "
           "responses=[204,default]",
       }},
      {"petstore",
       {
           "GET /pets [listPets] bases=[/v1] params=[limit:query:optional:form:explode] body=[] "
           "responses=[200,default]",
           "POST /pets [createPets] bases=[/v1] params=[] body=[application/json](required) "
           "responses=[201,default]",
           "GET /pets/{petId} [showPetById] bases=[/v1] params=[petId:path:required:simple:no-explode] body=[] "
           "responses=[200,default]",
       }},
      {"uspto",
       {
           "GET / [list-data-sets] bases=[/ds-api] params=[] body=[] responses=[200]",
           "GET /{dataset}/{version}/fields [list-searchable-fields] bases=[/ds-api] "
           "params=[dataset:path:required:simple:no-explode version:path:required:simple:no-explode] body=[] "
           "responses=[200,404]",
           "POST /{dataset}/{version}/records [perform-search] bases=[/ds-api] "
           "params=[version:path:required:simple:no-explode dataset:path:required:simple:no-explode] "
           "body=[application/x-www-form-urlencoded] responses=[200,404]",
       }},
  };
  return all;
}

TEST(OaiExamples, yaml_and_json_twins_compile_to_the_expected_plan) {
  for (const Example& example : examples()) {
    SCOPED_TRACE(example.name);
    const auto yaml = load_example(example.name + ".yaml");
    const auto json = load_example(example.name + ".json");
    ASSERT_TRUE(yaml && json);
    EXPECT_EQ(signature(yaml->plan()), example.expected);
    EXPECT_EQ(signature(json->plan()), signature(yaml->plan()));
    EXPECT_EQ(yaml->plan().nodes.size(), json->plan().nodes.size());
    EXPECT_EQ(yaml->plan().sources, json->plan().sources);
  }
}

TEST(OaiExamples, they_load_without_errors_and_warn_alike) {
  for (const Example& example : examples()) {
    SCOPED_TRACE(example.name);
    const std::string dir = std::string(REQPROBE_OAI_EXAMPLES) + "/";
    const LoadResult yaml = load_contract(read_file(dir + example.name + ".yaml"));
    const LoadResult json = load_contract(read_file(dir + example.name + ".json"));
    ASSERT_TRUE(yaml.ok()) << errors_text(yaml);
    ASSERT_TRUE(json.ok()) << errors_text(json);
    std::vector<std::string> a, b;
    for (const ContractError& w : yaml.warnings) a.push_back(w.pointer + ": " + w.message);
    for (const ContractError& w : json.warnings) b.push_back(w.pointer + ": " + w.message);
    EXPECT_EQ(a, b);
  }
}

struct ExampleRows {
  std::string name;
  std::vector<Row> rows;
};

TEST(OaiExamples, requests_against_each_document) {
  const std::string form = "application/x-www-form-urlencoded";
  const std::vector<ExampleRows> all = {
      {"api-with-examples",
       {
           {"list versions", request("GET", "/"), {}},
           {"version details", request("GET", "/v2"), {}},
           {"wrong method", request("POST", "/"), {at_request("method")}},
           {"unknown path", request("GET", "/v3"), {at_request("path")}},
       }},
      {"callback-example",
       {
           {"subscribe", request("POST", "/streams?callbackUrl=https://tonys-server.com"), {}},
           {"callback URL missing", request("POST", "/streams"), {at_query("required", "callbackUrl")}},
           {"callback URL not a URI",
            request("POST", "/streams?callbackUrl=not%20a%20uri"),
            {at_query("format", "callbackUrl")}},
           {"the callback is not an operation", request("POST", "/data"), {at_request("path")}},
       }},
      {"link-example",
       {
           {"user", request("GET", "/2.0/users/alice"), {}},
           {"pull requests by state", request("GET", "/2.0/repositories/alice/repo/pullrequests?state=merged"), {}},
           {"state outside its enum",
            request("GET", "/2.0/repositories/alice/repo/pullrequests?state=closed"),
            {at_query("enum", "state")}},
           {"merge", request("POST", "/2.0/repositories/alice/repo/pullrequests/7/merge"), {}},
           {"merge is a POST",
            request("GET", "/2.0/repositories/alice/repo/pullrequests/7/merge"),
            {at_request("method")}},
       }},
      {"petstore-expanded",
       {
           {"find pets", request("GET", "/v2/pets?tags=a&tags=b&limit=5"), {}},
           {"limit not an integer", request("GET", "/v2/pets?limit=x"), {at_query("type", "limit")}},
           {"limit beyond int32", request("GET", "/v2/pets?limit=2147483648"), {at_query("maximum", "limit")}},
           {"add pet", request("POST", "/v2/pets", {{"Content-Type", "application/json"}}, R"({"name":"a"})"), {}},
           {"add pet without name",
            request("POST", "/v2/pets", {{"Content-Type", "application/json"}}, R"({})"),
            {at_body("required", "/name")}},
           {"add pet without body", request("POST", "/v2/pets"), {at_body("required", "")}},
           {"pet id not an integer", request("GET", "/v2/pets/abc"), {at_path("type", "id")}},
           {"delete pet", request("DELETE", "/v2/pets/1"), {}},
           {"without the base path", request("DELETE", "/pets/1"), {at_request("path")}},
       }},
      {"petstore",
       {
           {"list pets", request("GET", "/v1/pets?limit=100"), {}},
           {"limit over its maximum", request("GET", "/v1/pets?limit=101"), {at_query("maximum", "limit")}},
           {"create pet",
            request("POST", "/v1/pets", {{"Content-Type", "application/json"}}, R"({"id":1,"name":"x"})"),
            {}},
           {"create pet with a string id",
            request("POST", "/v1/pets", {{"Content-Type", "application/json"}}, R"({"id":"1","name":"x"})"),
            {at_body("type", "/id")}},
           {"pet by string id", request("GET", "/v1/pets/xyz"), {}},
       }},
      {"uspto",
       {
           {"data sets", request("GET", "/ds-api/"), {}},
           // The path "/" under the base path /ds-api is /ds-api/; without the slash it is another path.
           {"data sets without the slash", request("GET", "/ds-api"), {at_request("path")}},
           {"fields", request("GET", "/ds-api/oa_citations/v1/fields"), {}},
           {"search",
            request("POST", "/ds-api/oa_citations/v1/records", {{"Content-Type", form}},
                    "criteria=*:*&start=0&rows=100"),
            {}},
           {"search without criteria",
            request("POST", "/ds-api/oa_citations/v1/records", {{"Content-Type", form}}, "start=0"),
            {at_body("required", "/criteria")}},
           {"rows not an integer",
            request("POST", "/ds-api/oa_citations/v1/records", {{"Content-Type", form}}, "criteria=x&rows=many"),
            {at_body("type", "/rows")}},
           {"search as JSON",
            request("POST", "/ds-api/oa_citations/v1/records", {{"Content-Type", "application/json"}},
                    R"({"criteria":"x"})"),
            // The body is still read as the declared form: one field named {"criteria":"x"}.
            {at_header("content_type", "content-type"), at_body("required", "/criteria")}},
       }},
  };
  for (const ExampleRows& example : all) {
    for (const char* extension : {".yaml", ".json"}) {
      SCOPED_TRACE(example.name + extension);
      check_rows(load_example(example.name + extension), example.rows);
    }
  }
}

}  // namespace
}  // namespace reqprobe::openapi_test
