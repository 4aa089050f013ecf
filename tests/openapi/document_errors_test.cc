// What a document gets wrong about parameters, paths, servers and bodies (issue 11): one error each, at the JSON
// Pointer and line of the offending value.
#include "openapi_support.h"

namespace reqprobe::openapi_test {
namespace {

using ::testing::HasSubstr;

struct ErrorCase {
  std::string name;
  std::string paths;  ///< the document's `paths` (and what follows), indented as under the root
  std::string pointer;
  std::uint32_t line = 0;
  std::string word;
};

TEST(DocumentErrors, each_mistake_is_one_error_at_its_place) {
  const std::string head = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n";  // `paths` is line 3
  const std::vector<ErrorCase> cases = {
      {"a request body key that is not a media type", R"(  /a:
    post:
      requestBody:
        content:
          'application/x-www-form-urlencoded: schema': {schema: {type: object}}
      responses: {'200': {description: ok}}
)",
       "/paths/~1a/post/requestBody/content/application~1x-www-form-urlencoded: schema", 8, "not a media type"},
      {"a media type without a subtype", R"(  /a:
    post:
      requestBody:
        content:
          json: {schema: {type: object}}
      responses: {'200': {description: ok}}
)",
       "/paths/~1a/post/requestBody/content/json", 8, "not a media type"},
      {"a style the location does not allow", R"(  /a:
    get:
      parameters:
        - {name: p, in: query, style: matrix, schema: {type: string}}
      responses: {'200': {description: ok}}
)",
       "/paths/~1a/get/parameters/0/style", 7, "matrix"},
      {"an unknown style", R"(  /a:
    get:
      parameters:
        - {name: p, in: header, style: tabular, schema: {type: string}}
      responses: {'200': {description: ok}}
)",
       "/paths/~1a/get/parameters/0/style", 7, "style must be"},
      {"deepObject in a header", R"(  /a:
    get:
      parameters:
        - {name: p, in: header, style: deepObject, schema: {type: object}}
      responses: {'200': {description: ok}}
)",
       "/paths/~1a/get/parameters/0/style", 7, "deepObject"},
      {"a path parameter that is not required", R"(  /a/{p}:
    get:
      parameters:
        - {name: p, in: path, schema: {type: string}}
      responses: {'200': {description: ok}}
)",
       "/paths/~1a~1{p}/get/parameters/0", 7, "required"},
      {"schema and content together", R"(  /a:
    get:
      parameters:
        - name: p
          in: query
          schema: {type: string}
          content: {application/json: {schema: {type: string}}}
      responses: {'200': {description: ok}}
)",
       "/paths/~1a/get/parameters/0", 7, "exactly one of"},
      {"content with two media types", R"(  /a:
    get:
      parameters:
        - name: p
          in: query
          content: {application/json: {}, text/plain: {}}
      responses: {'200': {description: ok}}
)",
       "/paths/~1a/get/parameters/0/content", 9, "exactly one media type"},
      {"an unknown location", R"(  /a:
    get:
      parameters:
        - {name: p, in: body, schema: {type: string}}
      responses: {'200': {description: ok}}
)",
       "/paths/~1a/get/parameters/0/in", 7, "'in' must be"},
      {"required that is not a boolean", R"(  /a:
    get:
      parameters:
        - {name: p, in: query, required: 'yes', schema: {type: string}}
      responses: {'200': {description: ok}}
)",
       "/paths/~1a/get/parameters/0/required", 7, "boolean"},
      {"a path variable without a parameter", R"(  /a/{id}:
    get:
      responses: {'200': {description: ok}}
)",
       "/paths/~1a~1{id}", 5, "{id}"},
      {"a path parameter not in the path", R"(  /a:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses: {'200': {description: ok}}
)",
       "/paths/~1a", 5, "not in the path"},
      {"two variables without text between them", R"(  /a/{x}{y}:
    get:
      parameters:
        - {name: x, in: path, required: true, schema: {type: string}}
        - {name: y, in: path, required: true, schema: {type: string}}
      responses: {'200': {description: ok}}
)",
       "/paths/~1a~1{x}{y}", 5, "cannot be told apart"},
      {"a path that does not start with '/'", R"(  a:
    get:
      responses: {'200': {description: ok}}
)",
       "/paths/a", 5, "start with '/'"},
      {"a request body without content", R"(  /a:
    post:
      requestBody: {required: true}
      responses: {'200': {description: ok}}
)",
       "/paths/~1a/post/requestBody", 6, "content"},
      {"a server variable without a default", R"(  /a:
    servers: [{url: '/{v}/x'}]
    get:
      responses: {'200': {description: ok}}
)",
       "/paths/~1a/servers/0/url", 5, "{v}"},
      {"an operationId used twice", R"(  /a:
    get:
      operationId: same
      responses: {'200': {description: ok}}
  /b:
    get:
      operationId: same
      responses: {'200': {description: ok}}
)",
       "/paths/~1b/get/operationId", 10, "same"},
      {"a parameter listed twice", R"(  /a:
    get:
      parameters:
        - {name: p, in: query, schema: {type: string}}
        - {name: P, in: query, schema: {type: string}}
        - {name: p, in: header, schema: {type: string}}
        - {name: p, in: query, schema: {type: integer}}
      responses: {'200': {description: ok}}
)",
       "/paths/~1a/get/parameters/3", 10, "listed twice"},
      {"a header parameter listed twice, names differing in case", R"(  /a:
    parameters:
      - {name: X-A, in: header, schema: {type: string}}
      - {name: x-a, in: header, schema: {type: string}}
    get:
      responses: {'200': {description: ok}}
)",
       "/paths/~1a/parameters/1", 7, "listed twice"},
      {"paths that differ only in variable names, same method", R"(  /a/{x}:
    get:
      parameters: [{name: x, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok}}
  /a/{y}:
    get:
      parameters: [{name: y, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok}}
)",
       "/paths/~1a~1{y}/get", 10, "same path as /a/{x}"},
  };
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.name);
    const LoadResult loaded = load_contract(head + c.paths);
    EXPECT_FALSE(loaded.ok());
    ASSERT_EQ(loaded.errors.size(), 1u) << errors_text(loaded);
    EXPECT_EQ(loaded.errors[0].pointer, c.pointer) << errors_text(loaded);
    EXPECT_EQ(loaded.errors[0].line, c.line) << errors_text(loaded);
    EXPECT_THAT(loaded.errors[0].message, HasSubstr(c.word));
  }
}

// Header parameters named Accept, Content-Type or Authorization are ignored, as OpenAPI says: a warning, and the
// request's own headers of those names are not judged by them.
TEST(DocumentErrors, reserved_header_parameters_are_ignored_with_a_warning) {
  const LoadResult loaded = load_contract(R"(openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      parameters:
        - {name: Accept, in: header, required: true, schema: {type: string, enum: [text/csv]}}
        - {name: Authorization, in: header, required: true, schema: {type: integer}}
      responses: {'200': {description: ok}}
)");
  ASSERT_TRUE(loaded.ok()) << errors_text(loaded);
  std::vector<std::string> pointers;
  for (const ContractError& w : loaded.warnings) pointers.push_back(w.pointer);
  EXPECT_EQ(pointers, (std::vector<std::string>{"/paths/~1a/get/parameters/0", "/paths/~1a/get/parameters/1"}));
  EXPECT_TRUE(loaded.contract->plan().operations[0].parameters.empty());
  check_rows(loaded.contract,
             {
                 {"no such headers", request("GET", "/a"), {}},
                 {"other values", request("GET", "/a", {{"Accept", "*/*"}, {"Authorization", "x"}}), {}},
             });
}

}  // namespace
}  // namespace reqprobe::openapi_test

namespace reqprobe::openapi_test {
namespace {

TEST(DocumentErrors, equivalent_paths_with_other_methods_are_a_warning) {
  const LoadResult loaded = load_contract(R"(openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets/{id}.json:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses: {'200': {description: ok}}
  /pets/{petId}.json:
    delete:
      parameters: [{name: petId, in: path, required: true, schema: {type: string}}]
      responses: {'204': {description: ok}}
)");
  ASSERT_TRUE(loaded.ok()) << errors_text(loaded);
  ASSERT_EQ(loaded.warnings.size(), 1u) << warnings_text(loaded);
  EXPECT_EQ(loaded.warnings[0].pointer, "/paths/~1pets~1{petId}.json/delete");
  check_rows(loaded.contract, {
                                  {"get", request("GET", "/pets/1.json"), {}},
                                  {"delete by its own parameter", request("DELETE", "/pets/x.json"), {}},
                                  {"put", request("PUT", "/pets/1.json"), {at_request("method")}},
                              });
}

}  // namespace
}  // namespace reqprobe::openapi_test
