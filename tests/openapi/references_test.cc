// References (issue 11): `$ref` wherever OpenAPI allows one (components of every kind, path items, 3.1's
// components.pathItems), into the middle of a schema, to other documents through LoadOptions::read_document and
// base_uri, with JSON Pointer escapes (~0, ~1, percent-encoding), recursive schemas, and an unresolved reference
// reported once, with line and column, however many places use it.
#include "openapi_support.h"

namespace reqprobe::openapi_test {
namespace {

using ::testing::HasSubstr;

const char* const kEveryComponent = R"(openapi: 3.1.0
info: {title: refs, version: '1'}
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string, maxLength: 5}
        owner:
          type: object
          properties:
            id: {type: integer, minimum: 1}
    Owner: {$ref: '#/components/schemas/Pet/properties/owner'}
    a/b: {type: string, enum: [slash]}
    t~x: {type: string, enum: [tilde]}
    with space: {type: string, enum: [space]}
    per%cent: {type: string, enum: [percent]}
    Tree:
      type: object
      properties:
        value: {type: integer}
        children: {type: array, items: {$ref: '#/components/schemas/Tree'}}
  parameters:
    Limit: {name: limit, in: query, schema: {type: integer, maximum: 10}, examples: {small: {$ref: '#/components/examples/Small'}}}
    LimitAlias: {$ref: '#/components/parameters/Limit'}
    Slash: {name: s, in: query, schema: {$ref: '#/components/schemas/a~1b'}}
    Tilde: {name: t, in: query, schema: {$ref: '#/components/schemas/t~0x'}}
    Space: {name: w, in: query, schema: {$ref: '#/components/schemas/with%20space'}}
    Percent: {name: p, in: query, schema: {$ref: '#/components/schemas/per%25cent'}}
  requestBodies:
    PetBody:
      required: true
      content:
        application/json: {schema: {$ref: '#/components/schemas/Pet'}}
  responses:
    NotFound:
      description: not found
      headers:
        X-Rate: {$ref: '#/components/headers/Rate'}
      links:
        self: {$ref: '#/components/links/Self'}
  headers:
    Rate: {required: true, schema: {type: integer}}
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
    keyAlias: {$ref: '#/components/securitySchemes/key'}
  examples:
    Small: {value: 3}
  links:
    Self: {operationId: addPet}
  callbacks:
    Ping:
      '{$request.body#/url}':
        post:
          requestBody: {$ref: '#/components/requestBodies/PetBody'}
          responses: {'200': {description: ok}}
  pathItems:
    Trees:
      post:
        requestBody:
          content:
            application/json: {schema: {$ref: '#/components/schemas/Tree'}}
        responses: {'200': {description: ok}}
paths:
  /pets:
    post:
      operationId: addPet
      security: [{keyAlias: []}]
      parameters:
        - $ref: '#/components/parameters/LimitAlias'
        - $ref: '#/components/parameters/Slash'
        - $ref: '#/components/parameters/Tilde'
        - $ref: '#/components/parameters/Space'
        - $ref: '#/components/parameters/Percent'
      requestBody: {$ref: '#/components/requestBodies/PetBody'}
      callbacks:
        ping: {$ref: '#/components/callbacks/Ping'}
      responses:
        '404': {$ref: '#/components/responses/NotFound'}
  /owners:
    post:
      operationId: addOwner
      requestBody:
        content:
          application/json: {schema: {$ref: '#/components/schemas/Owner'}}
      responses: {'200': {description: ok}}
  /trees:
    $ref: '#/components/pathItems/Trees'
  /forest:
    $ref: '#/paths/~1trees'
)";

HttpRequest post_json(std::string target, std::string body,
                      std::vector<std::pair<std::string, std::string>> more = {}) {
  std::vector<std::pair<std::string, std::string>> headers = {{"Content-Type", "application/json"}};
  for (auto& h : more) headers.push_back(std::move(h));
  return request("POST", std::move(target), std::move(headers), std::move(body));
}

TEST(References, every_component_kind_resolves) {
  const LoadResult loaded = load_contract(kEveryComponent);
  ASSERT_TRUE(loaded.ok()) << errors_text(loaded);
  const Plan& plan = loaded.contract->plan();
  std::vector<std::string> routes;
  for (const Operation& op : plan.operations) routes.push_back(op.method + " " + op.path_template + " " + op.id);
  // The callback's operation is read but not routed; /forest is /trees again.
  EXPECT_EQ(routes,
            (std::vector<std::string>{"POST /pets addPet", "POST /owners addOwner", "POST /trees ", "POST /forest "}));
  const Operation& pets = plan.operations[0];
  ASSERT_EQ(pets.parameters.size(), 5u);
  EXPECT_EQ(pets.parameters[0].name, "limit");
  EXPECT_TRUE(pets.body_required);
  ASSERT_EQ(pets.responses.size(), 1u);
  EXPECT_EQ(pets.responses[0].status, "404");
  ASSERT_EQ(pets.responses[0].headers.size(), 1u);
  EXPECT_EQ(pets.responses[0].headers[0].name, "x-rate");
  EXPECT_TRUE(pets.responses[0].headers[0].required);
  ASSERT_EQ(pets.security.size(), 1u);
  ASSERT_EQ(pets.security[0].size(), 1u);
  EXPECT_EQ(plan.schemes[pets.security[0][0]].name, "x-key");
}

TEST(References, referenced_parts_validate_requests) {
  const auto contract = load_ok(kEveryComponent);
  const std::pair<std::string, std::string> key = {"X-Key", "k"};
  check_rows(
      contract,
      {
          {"valid", post_json("/pets?limit=3&s=slash&t=tilde&w=space&p=percent", R"({"name":"rex"})", {key}), {}},
          {"parameter through two references",
           post_json("/pets?limit=11", R"({"name":"rex"})", {key}),
           {at_query("maximum", "limit")}},
          {"~1 escape", post_json("/pets?s=x", R"({"name":"rex"})", {key}), {at_query("enum", "s")}},
          {"~0 escape", post_json("/pets?t=x", R"({"name":"rex"})", {key}), {at_query("enum", "t")}},
          {"percent-encoded space", post_json("/pets?w=x", R"({"name":"rex"})", {key}), {at_query("enum", "w")}},
          {"percent-encoded percent", post_json("/pets?p=x", R"({"name":"rex"})", {key}), {at_query("enum", "p")}},
          {"request body reference",
           post_json("/pets", R"({"name":"toolong"})", {key}),
           {at_body("max_length", "/name")}},
          {"required body through the reference", request("POST", "/pets", {key}), {at_body("required", "")}},
          {"security scheme through a reference",
           post_json("/pets", R"({"name":"rex"})"),
           {at_header("required", "x-key")}},
          {"a reference into the middle of a schema", post_json("/owners", R"({"id":0})"), {at_body("minimum", "/id")}},
          {"the middle of a schema, valid", post_json("/owners", R"({"id":1})"), {}},
          {"components.pathItems", post_json("/trees", R"({"value":1})"), {}},
          {"path item reference", post_json("/forest", R"({"value":"x"})"), {at_body("type", "/value")}},
      });
}

TEST(References, recursive_schemas_validate_nested_instances) {
  const auto contract = load_ok(kEveryComponent);
  std::string deep = R"({"value":1})";
  // 25 levels of object and array: depth 51, within the default limit of 64.
  for (int i = 0; i < 25; ++i) deep = R"({"value":1,"children":[{"value":2},)" + deep + "]}";
  std::string deep_bad = R"({"value":"x"})";
  std::string pointer = "/value";
  for (int i = 0; i < 25; ++i) {
    deep_bad = R"({"children":[{},)" + deep_bad + "]}";
    pointer = "/children/1" + pointer;
  }
  check_rows(contract,
             {
                 {"nested", post_json("/trees", R"({"value":1,"children":[{"value":2,"children":[]}]})"), {}},
                 {"nested wrong",
                  post_json("/trees", R"({"children":[{"children":[{"value":true}]}]})"),
                  {at_body("type", "/children/0/children/0/value")}},
                 {"25 levels", post_json("/trees", deep), {}},
                 {"25 levels, wrong at the bottom", post_json("/trees", deep_bad), {at_body("type", pointer)}},
             });
}

// Other documents, read through the reader by absolute URI: relative references resolve against the document they
// are written in, each document is read once, and its errors carry its own name, line and column.
TEST(References, other_documents_through_the_reader) {
  MemoryReader files;
  files.files["file:///api/schemas/pet.yaml"] = R"(Pet:
  type: object
  required: [name]
  properties:
    name: {type: string, maxLength: 5}
    tag: {$ref: '../common.json#/Tag'}
)";
  files.files["file:///api/common.json"] = R"({"Tag": {"type": "string", "enum": ["a", "b"]},
 "Limit": {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 9}}})";
  files.files["file:///api/paths/things.yaml"] = R"(get:
  parameters: [{$ref: '../common.json#/Limit'}]
  responses: {'200': {description: ok}}
)";
  const std::string main = R"(openapi: 3.0.3
info: {title: files, version: '1'}
paths:
  /pets:
    post:
      requestBody:
        content:
          application/json: {schema: {$ref: 'schemas/pet.yaml#/Pet'}}
      responses: {'200': {description: ok}}
  /other:
    post:
      requestBody:
        content:
          application/json: {schema: {$ref: './schemas/pet.yaml#/Pet/properties/tag'}}
      responses: {'200': {description: ok}}
  /things:
    $ref: 'paths/things.yaml'
)";
  const LoadOptions options{.name = "main.yaml", .base_uri = "file:///api/main.yaml", .read_document = files.reader()};
  const auto contract = load_ok(main, options);
  EXPECT_EQ(*files.reads, 3);
  check_rows(
      contract,
      {
          {"valid", post_json("/pets", R"({"name":"rex","tag":"a"})"), {}},
          {"schema from another file", post_json("/pets", R"({"name":"toolong"})"), {at_body("max_length", "/name")}},
          {"a reference in that file, relative to it",
           post_json("/pets", R"({"name":"r","tag":"c"})"),
           {at_body("enum", "/tag")}},
          {"into the middle of another file", post_json("/other", R"("b")"), {}},
          {"into the middle of another file, wrong", post_json("/other", R"("z")"), {at_body("enum", "")}},
          {"path item in another file, parameter in a third",
           request("GET", "/things?limit=10"),
           {at_query("maximum", "limit")}},
      });
  // Without a reader the same document does not load: each other document is one error.
  const LoadResult alone = load_contract(main, LoadOptions{.name = "main.yaml", .base_uri = "file:///api/main.yaml"});
  EXPECT_FALSE(alone.ok());
  EXPECT_FALSE(alone.errors.empty());
}

TEST(References, errors_in_other_documents_name_them) {
  MemoryReader files;
  files.files["file:///api/bad.yaml"] = "Pet:\n  type: object\n  properties:\n    name: {type: strin}\n";
  const std::string main = R"(openapi: 3.0.3
info: {title: files, version: '1'}
paths:
  /pets:
    post:
      requestBody:
        content:
          application/json: {schema: {$ref: 'bad.yaml#/Pet'}}
      responses: {'200': {description: ok}}
)";
  const LoadResult loaded = load_contract(
      main, LoadOptions{.name = "main.yaml", .base_uri = "file:///api/main.yaml", .read_document = files.reader()});
  ASSERT_FALSE(loaded.ok());
  ASSERT_EQ(loaded.errors.size(), 1u) << errors_text(loaded);
  EXPECT_EQ(loaded.errors[0].line, 4u) << errors_text(loaded);
  EXPECT_THAT(loaded.errors[0].source, HasSubstr("bad.yaml"));
}

// One missing target used from five places is one error, at its first use, with line and column; every distinct
// missing target is its own error.
TEST(References, an_unresolved_reference_is_one_error_however_often_used) {
  const std::string text = R"(openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    post:
      parameters:
        - {name: p, in: query, schema: {$ref: '#/components/schemas/Missing'}}
        - {name: q, in: query, schema: {$ref: '#/components/schemas/Missing'}}
      requestBody:
        content:
          application/json: {schema: {$ref: '#/components/schemas/Missing'}}
      responses:
        '200':
          description: ok
          content:
            application/json: {schema: {$ref: '#/components/schemas/Missing'}}
  /b:
    get:
      parameters:
        - $ref: '#/components/parameters/Gone'
        - {name: r, in: query, schema: {$ref: '#/components/schemas/Missing'}}
      responses: {'200': {description: ok}}
components:
  schemas:
    Uses: {type: array, items: {$ref: '#/components/schemas/Missing'}}
)";
  const LoadResult loaded = load_contract(text, LoadOptions{.name = "api.yaml"});
  ASSERT_FALSE(loaded.ok());
  ASSERT_EQ(loaded.errors.size(), 2u) << errors_text(loaded);
  EXPECT_EQ(loaded.errors[0].pointer, "/paths/~1a/post/parameters/0/schema/$ref");
  EXPECT_EQ(loaded.errors[0].source, "api.yaml");
  EXPECT_EQ(loaded.errors[0].line, 7u);
  // The string's opening quote (column 47) or its first character (48): JSON documents give the quote, YAML
  // documents the first character (reported).
  EXPECT_THAT(loaded.errors[0].column, ::testing::AnyOf(47u, 48u));
  EXPECT_THAT(loaded.errors[0].message, HasSubstr("Missing"));
  // Six places use it; the count says more than six today (each compiled variant counts; reported).
  EXPECT_THAT(loaded.errors[0].message, HasSubstr("places use it"));
  EXPECT_EQ(loaded.errors[1].pointer, "/paths/~1b/get/parameters/0/$ref");
  EXPECT_EQ(loaded.errors[1].line, 20u);
  EXPECT_THAT(loaded.errors[1].message, HasSubstr("Gone"));
  EXPECT_THAT(loaded.errors[0].describe(), HasSubstr("api.yaml:7:4"));
}

// References OpenAPI does not resolve through (examples, links) must still point somewhere.
TEST(References, annotation_references_must_resolve) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"links", R"(openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          links:
            next: {$ref: '#/components/links/Nope'}
)"},
      {"examples", R"(openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      parameters:
        - name: p
          in: query
          schema: {type: string}
          examples:
            one: {$ref: '#/components/examples/Nope'}
      responses: {'200': {description: ok}}
)"},
      {"media type examples", R"(openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object}
            examples:
              one: {$ref: '#/components/examples/Nope'}
      responses: {'200': {description: ok}}
)"},
      {"callbacks", R"(openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      callbacks:
        c: {$ref: '#/components/callbacks/Nope'}
      responses: {'200': {description: ok}}
)"},
  };
  for (const auto& [name, text] : cases) {
    SCOPED_TRACE(name);
    const LoadResult loaded = load_contract(text);
    ASSERT_FALSE(loaded.ok());
    ASSERT_EQ(loaded.errors.size(), 1u) << errors_text(loaded);
    EXPECT_THAT(loaded.errors[0].message, HasSubstr("Nope"));
    EXPECT_GT(loaded.errors[0].line, 0u);
  }
}

}  // namespace
}  // namespace reqprobe::openapi_test

namespace reqprobe::openapi_test {
namespace {

// In OpenAPI 3.1 a `$ref` is an applicator beside its siblings, compiled as an allOf entry: decoding a parameter,
// a form or a multipart body must see the referenced schema's type, properties and items through it.
TEST(References, referenced_schemas_shape_parameters_and_bodies_in_3_1) {
  const auto contract = load_ok(R"(openapi: 3.1.0
info: {title: refs in 3.1, version: '1'}
components:
  schemas:
    Color: {type: object, properties: {R: {type: integer}, G: {type: integer}}}
    Code: {type: string, maxLength: 3}
    Codes: {type: array, items: {$ref: '#/components/schemas/Code'}}
    Form:
      type: object
      required: [code]
      properties: {code: {$ref: '#/components/schemas/Code'}, n: {type: integer}, tags: {$ref: '#/components/schemas/Codes'}}
    Upload:
      allOf:
        - {$ref: '#/components/schemas/Form'}
        - {type: object, required: [file], properties: {file: {type: string}}}
paths:
  /p/{color}:
    get:
      parameters:
        - {name: color, in: path, required: true, style: matrix, explode: true, schema: {$ref: '#/components/schemas/Color'}}
        - {name: codes, in: query, schema: {$ref: '#/components/schemas/Codes'}}
        - {name: deep, in: query, style: deepObject, schema: {$ref: '#/components/schemas/Color'}}
        - {name: X-Color, in: header, schema: {$ref: '#/components/schemas/Color', description: siblings apply too}}
      responses: {'200': {description: ok}}
  /forms:
    post:
      requestBody:
        content:
          application/x-www-form-urlencoded: {schema: {$ref: '#/components/schemas/Form'}}
          multipart/form-data: {schema: {$ref: '#/components/schemas/Upload'}}
      responses: {'200': {description: ok}}
)");
  const auto form = [](std::string body) {
    return request("POST", "/forms", {{"Content-Type", "application/x-www-form-urlencoded"}}, std::move(body));
  };
  const auto upload = [](const std::vector<std::pair<std::string, std::string>>& parts) {
    std::string body;
    for (const auto& [name, value] : parts)
      body += "--B\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    return request("POST", "/forms", {{"Content-Type", "multipart/form-data; boundary=B"}}, body + "--B--");
  };
  check_rows(contract,
             {
                 {"matrix object through $ref", request("GET", "/p/;R=1;G=2"), {}},
                 {"matrix object member typed", request("GET", "/p/;R=x"), {at_path("type", "color/R")}},
                 {"array items through $ref: digits stay strings", request("GET", "/p/;R=1?codes=123&codes=1"), {}},
                 {"array item checked", request("GET", "/p/;R=1?codes=1234"), {at_query("max_length", "codes/0")}},
                 {"deepObject through $ref", request("GET", "/p/;R=1?deep[G]=5"), {}},
                 {"header object through $ref with siblings", request("GET", "/p/;R=1", {{"X-Color", "R,1,G,2"}}), {}},
                 {"form through $ref: digits stay strings", form("code=123&n=4&tags=1&tags=22"), {}},
                 {"form member checked", form("code=1234"), {at_body("max_length", "/code")}},
                 {"form required through $ref", form("n=1"), {at_body("required", "/code")}},
                 {"multipart through allOf and $ref", upload({{"code", "12"}, {"file", "x"}}), {}},
                 {"multipart required parts of every part",
                  upload({{"n", "1"}}),
                  {at_body("required", "/code"), at_body("required", "/file")}},
                 {"multipart text typed through $ref",
                  upload({{"code", "12"}, {"file", "x"}, {"n", "z"}}),
                  {at_body("type", "/n")}},
             });
}

}  // namespace
}  // namespace reqprobe::openapi_test
