// Routing (issue 11): concrete paths before templated ones whatever the declaration order, partial-segment
// templates, servers as base paths (absolute and relative URLs, variables with enum and default, path-level and
// operation-level servers replacing the document's), `method` and `path` errors, trailing slashes and
// percent-encoded segments.
#include "openapi_support.h"

namespace reqprobe::openapi_test {
namespace {

const char* const kRouting = R"(openapi: 3.1.0
info: {title: routing, version: '1'}
servers:
  - url: https://api.example.com/v1
  - url: /relative/
  - url: '{scheme}://x.example.com/{version}/api'
    variables:
      scheme: {default: https}
      version: {enum: [v2, v3], default: v2}
paths:
  /items/{id}:
    get:
      operationId: getItem
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses: {'200': {description: ok}}
  /items/mine:
    get:
      operationId: getMine
      parameters: [{name: q, in: query, required: true, schema: {type: string}}]
      responses: {'200': {description: ok}}
  /files/{name}.json:
    get:
      operationId: getFileJson
      parameters: [{name: name, in: path, required: true, schema: {type: string, maxLength: 5}}]
      responses: {'200': {description: ok}}
  /files/{name}:
    get:
      operationId: getFile
      parameters: [{name: name, in: path, required: true, schema: {type: integer}}]
      responses: {'200': {description: ok}}
  /a/{x}-{y}:
    get:
      operationId: getPair
      parameters:
        - {name: x, in: path, required: true, schema: {type: integer}}
        - {name: y, in: path, required: true, schema: {type: integer}}
      responses: {'200': {description: ok}}
  /names/{name}:
    get:
      operationId: getName
      parameters: [{name: name, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok}}
  /admin:
    servers: [{url: /internal}]
    get:
      operationId: getAdmin
      responses: {'200': {description: ok}}
    post:
      operationId: postAdmin
      servers: [{url: 'https://ops.example.com/ops/'}]
      responses: {'200': {description: ok}}
)";

TEST(Routing, base_paths_come_from_servers) {
  const auto contract = load_ok(kRouting);
  ASSERT_TRUE(contract);
  std::map<std::string, std::vector<std::string>> bases;
  for (const Operation& op : contract->plan().operations) bases[op.id] = op.base_paths;
  // Longest first; each variable's enum values (the default is one of them); trailing slashes dropped.
  EXPECT_EQ(bases["getItem"], (std::vector<std::string>{"/relative", "/v2/api", "/v3/api", "/v1"}));
  EXPECT_EQ(bases["getAdmin"], (std::vector<std::string>{"/internal"}));
  EXPECT_EQ(bases["postAdmin"], (std::vector<std::string>{"/ops"}));
}

TEST(Routing, requests_reach_the_right_operation) {
  const auto contract = load_ok(kRouting);
  check_rows(
      contract,
      {
          {"templated", request("GET", "/v1/items/5"), {}},
          {"concrete path before the template declared first", request("GET", "/v1/items/mine?q=a"), {}},
          {"the concrete path's own parameters apply", request("GET", "/v1/items/mine"), {at_query("required", "q")}},
          {"template value of the wrong type", request("GET", "/v1/items/x"), {at_path("type", "id")}},
          {"relative server URL", request("GET", "/relative/items/5"), {}},
          {"server variable enum value", request("GET", "/v2/api/items/5"), {}},
          {"server variable other enum value", request("GET", "/v3/api/items/5"), {}},
          {"server variable value outside its enum", request("GET", "/v4/api/items/5"), {at_request("path")}},
          {"no base path", request("GET", "/items/5"), {at_request("path")}},
          {"base path only", request("GET", "/v1"), {at_request("path")}},
          {"partial-segment template", request("GET", "/v1/files/notes.json"), {}},
          {"partial-segment value checked", request("GET", "/v1/files/toolong.json"), {at_path("max_length", "name")}},
          {"partial-segment value with a dot", request("GET", "/v1/files/a.b.json"), {}},
          {"partial template before the whole-segment variable", request("GET", "/v1/files/12"), {}},
          {"partial template needs a non-empty value", request("GET", "/v1/files/.json"), {at_path("type", "name")}},
          {"two variables in a segment", request("GET", "/v1/a/1-2"), {}},
          {"the first variable stops at the first separator", request("GET", "/v1/a/1-2-3"), {at_path("type", "y")}},
          {"two variables, second wrong", request("GET", "/v1/a/1-b"), {at_path("type", "y")}},
          {"separator missing", request("GET", "/v1/a/12"), {at_request("path")}},
          {"path-level servers replace the document's", request("GET", "/internal/admin"), {}},
          {"the document's servers do not apply there", request("GET", "/v1/admin"), {at_request("path")}},
          {"operation-level servers", request("POST", "/ops/admin"), {}},
          {"operation-level servers replace the path's", request("POST", "/internal/admin"), {at_request("method")}},
          {"method not declared", request("DELETE", "/v1/items/5"), {at_request("method")}},
          {"methods are case-sensitive", request("get", "/v1/items/5"), {at_request("method")}},
          {"unknown path", request("GET", "/v1/nothing"), {at_request("path")}},
          {"unknown path below a template", request("GET", "/v1/items/5/more"), {at_request("path")}},
      });
}

TEST(Routing, trailing_slashes_and_empty_segments_do_not_match) {
  const auto contract = load_ok(kRouting);
  check_rows(contract,
             {
                 {"trailing slash after a template", request("GET", "/v1/items/5/"), {at_request("path")}},
                 {"trailing slash after a literal", request("GET", "/internal/admin/"), {at_request("path")}},
                 // An empty segment is the empty value (the HSS suite expects min_length there).
                 {"empty segment for a string variable", request("GET", "/v1/names/"), {}},
                 {"empty segment for an integer variable", request("GET", "/v1/items/"), {at_path("type", "id")}},
                 {"doubled slash", request("GET", "/v1//items/5"), {at_request("path")}},
             });
}

TEST(Routing, percent_encoded_segments) {
  const auto contract = load_ok(kRouting);
  check_rows(contract,
             {
                 {"encoded digits decode to an integer", request("GET", "/v1/items/%35%36"), {}},
                 {"encoded slash stays in the value", request("GET", "/v1/names/a%2Fb"), {}},
                 {"encoded UTF-8", request("GET", "/v1/names/%E2%82%AC"), {}},
                 {"malformed escape", request("GET", "/v1/names/a%2"), {at_path("encoding", "name")}},
                 {"invalid UTF-8 after decoding", request("GET", "/v1/names/%FF"), {at_path("encoding", "name")}},
                 // Literal text is compared as written (docs/behaviour.md): an encoded letter is another literal,
                 // so the request reaches the template beside it and fails there.
                 {"an encoded letter in a literal is not the literal",
                  request("GET", "/v1/items/mi%6Ee?q=a"),
                  {at_path("type", "id")}},
                 {"an encoded base path is not the base path", request("GET", "/%76%31/items/5"), {at_request("path")}},
                 {"an encoded '.' is not the partial template's '.'",
                  request("GET", "/v1/files/notes%2Ejson"),
                  {at_path("type", "name")}},
                 {"an encoded '-' is not the separator", request("GET", "/v1/a/1%2D2"), {at_request("path")}},
                 {"encoded dot segment", request("GET", "/v1/items/%2E%2E/5"), {at_request("path")}},
                 {"raw space", request("GET", "/v1/names/a b"), {at_request("encoding")}},
             });
}

TEST(Routing, without_servers_the_base_path_is_empty) {
  const auto contract = load_ok(R"(openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /:
    get: {responses: {'200': {description: ok}}}
  /x:
    put: {responses: {'200': {description: ok}}}
)");
  check_rows(contract, {
                           {"root", request("GET", "/"), {}},
                           {"root with a query", request("GET", "/?a=1"), {}},
                           {"x", request("PUT", "/x"), {}},
                           {"x, wrong method", request("GET", "/x"), {at_request("method")}},
                           {"not origin-form", request("GET", "x"), {at_request("path")}},
                       });
}

// A server URL of "/" or a bare host is the empty base path; server variables without enum take their default.
TEST(Routing, server_url_forms) {
  const auto contract = load_ok(R"(openapi: 3.0.3
info: {title: t, version: '1'}
servers:
  - url: https://host.example.com
  - url: /
  - url: 'https://{region}.example.com/{base}'
    variables:
      region: {default: eu, enum: [eu, us]}
      base: {default: api/v9}
  - url: '{origin}/v8'
    variables:
      origin: {default: 'https://x.example.com/root'}
paths:
  /ping:
    get: {responses: {'200': {description: ok}}}
)");
  ASSERT_TRUE(contract);
  // A variable may hold the whole origin and more; host variables do not multiply paths.
  EXPECT_EQ(contract->plan().operations[0].base_paths, (std::vector<std::string>{"/root/v8", "/api/v9", ""}));
  check_rows(contract, {
                           {"bare host", request("GET", "/ping"), {}},
                           {"variable default", request("GET", "/api/v9/ping"), {}},
                           {"a variable holding a URL", request("GET", "/root/v8/ping"), {}},
                           {"not a base", request("GET", "/api/ping"), {at_request("path")}},
                       });
}

// Many operations on overlapping templates still route to the most specific one.
TEST(Routing, the_most_specific_template_wins_at_every_segment) {
  const auto contract = load_ok(R"(openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /{a}/{b}:
    get:
      operationId: vv
      parameters:
        - {name: a, in: path, required: true, schema: {type: string, enum: [x]}}
        - {name: b, in: path, required: true, schema: {type: string, enum: [x]}}
      responses: {'200': {description: ok}}
  /{a}/lit:
    get:
      operationId: vl
      parameters: [{name: a, in: path, required: true, schema: {type: string, enum: [y]}}]
      responses: {'200': {description: ok}}
  /lit/{b}:
    get:
      operationId: lv
      parameters: [{name: b, in: path, required: true, schema: {type: string, enum: [z]}}]
      responses: {'200': {description: ok}}
    post:
      operationId: lvPost
      parameters: [{name: b, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok}}
)");
  check_rows(contract, {
                           {"variable, variable", request("GET", "/x/x"), {}},
                           {"variable, literal", request("GET", "/y/lit"), {}},
                           {"literal, variable", request("GET", "/lit/z"), {}},
                           // /lit/lit: the literal first segment is more specific than the literal second one.
                           {"literal first wins", request("GET", "/lit/lit"), {at_path("enum", "b")}},
                           // The method picks among the paths that match: /{a}/lit has no POST, /lit/{b} has.
                           {"a less specific path with the method", request("POST", "/lit/lit"), {}},
                           {"no path with the method", request("PUT", "/x/x"), {at_request("method")}},
                       });
}

}  // namespace
}  // namespace reqprobe::openapi_test
