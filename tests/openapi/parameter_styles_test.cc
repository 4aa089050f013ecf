// Parameters (issue 11): every row of the OpenAPI 3.1 style/explode example table (parameter `color`: the empty
// value, "blue", ["blue","black","brown"], {"R":100,"G":200,"B":150}) is valid against a parameter of the matching
// schema type, in each location the style is allowed in; wrong serializations are invalid with the exact code;
// allowReserved, allowEmptyValue, `content` parameters, and path-item parameters merged with the operation's.
#include "openapi_support.h"

namespace reqprobe::openapi_test {
namespace {

enum class Shape { string, array, object };

std::string schema_of(Shape shape) {
  switch (shape) {
    case Shape::string:
      return "{type: string}";
    case Shape::array:
      return "{type: array, items: {type: string}}";
    case Shape::object:
      return "{type: object, properties: {R: {type: integer}, G: {type: integer}, B: {type: integer}}}";
  }
  return "{}";
}

std::string_view shape_name(Shape shape) {
  return shape == Shape::string ? "string" : shape == Shape::array ? "array" : "object";
}

/// A document with one operation (GET /items, or GET /items/{color} for a path parameter) whose one parameter is
/// `color` as given.
std::string one_parameter_document(std::string_view in, std::string_view style, bool explode, Shape shape,
                                   bool required = false, std::string_view extra = {}) {
  const bool path = in == "path";
  return "openapi: 3.1.0\n"
         "info: {title: styles, version: '1'}\n"
         "paths:\n"
         "  " +
         std::string(path ? "/items/{color}" : "/items") +
         ":\n"
         "    get:\n"
         "      parameters:\n"
         "        - name: color\n"
         "          in: " +
         std::string(in) +
         "\n"
         "          required: " +
         std::string(path || required ? "true" : "false") +
         "\n"
         "          style: " +
         std::string(style) +
         "\n"
         "          explode: " +
         std::string(explode ? "true" : "false") + "\n" + std::string(extra) + "          schema: " + schema_of(shape) +
         "\n"
         "      responses: {'200': {description: ok}}\n";
}

/// The request that carries a serialized value in a location.
HttpRequest carrying(std::string_view in, const std::string& serialized) {
  if (in == "path") return request("GET", "/items/" + serialized);
  if (in == "query") return request("GET", "/items?" + serialized);
  if (in == "header") return request("GET", "/items", {{"Color", serialized}});
  return request("GET", "/items", {{"Cookie", serialized}});
}

// The specification's table (OpenAPI 3.1.0, "Style Examples"); nullopt where it says n/a. Cookie values are the
// form rows (a cookie is `name=value`).
struct StyleRow {
  std::string_view style;
  bool explode;
  std::optional<std::string> empty, string, array, object;
};

const std::vector<StyleRow>& style_table() {
  static const std::vector<StyleRow> rows = {
      {"matrix", false, ";color", ";color=blue", ";color=blue,black,brown", ";color=R,100,G,200,B,150"},
      {"matrix", true, ";color", ";color=blue", ";color=blue;color=black;color=brown", ";R=100;G=200;B=150"},
      {"label", false, ".", ".blue", ".blue,black,brown", ".R,100,G,200,B,150"},
      {"label", true, ".", ".blue", ".blue.black.brown", ".R=100.G=200.B=150"},
      {"form", false, "color=", "color=blue", "color=blue,black,brown", "color=R,100,G,200,B,150"},
      {"form", true, "color=", "color=blue", "color=blue&color=black&color=brown", "R=100&G=200&B=150"},
      {"simple", false, std::nullopt, "blue", "blue,black,brown", "R,100,G,200,B,150"},
      {"simple", true, std::nullopt, "blue", "blue,black,brown", "R=100,G=200,B=150"},
      {"spaceDelimited", false, std::nullopt, std::nullopt, "color=blue%20black%20brown",
       "color=R%20100%20G%20200%20B%20150"},
      {"pipeDelimited", false, std::nullopt, std::nullopt, "color=blue|black|brown", "color=R|100|G|200|B|150"},
      {"deepObject", true, std::nullopt, std::nullopt, std::nullopt, "color[R]=100&color[G]=200&color[B]=150"},
  };
  return rows;
}

std::vector<std::string_view> locations_of(std::string_view style, bool explode) {
  if (style == "matrix" || style == "label") return {"path"};
  if (style == "simple") return {"path", "header"};
  // Cookies: form, and (OpenAPI 3.1.1 4.8.12.4) explode=true lists and objects cannot be told from separate
  // cookies, so only explode=false and single values are tested there.
  if (style == "form")
    return explode ? std::vector<std::string_view>{"query"} : std::vector<std::string_view>{"query", "cookie"};
  return {"query"};
}

TEST(ParameterStyles, every_serialization_of_the_specification_table_is_valid) {
  int checked = 0;
  for (const StyleRow& row : style_table()) {
    for (const std::string_view in : locations_of(row.style, row.explode)) {
      const std::pair<Shape, const std::optional<std::string>*> columns[] = {{Shape::string, &row.empty},
                                                                             {Shape::string, &row.string},
                                                                             {Shape::array, &row.array},
                                                                             {Shape::object, &row.object}};
      for (const auto& [shape, value] : columns) {
        if (!value->has_value()) continue;
        // The label style's empty value is the segment "." : a dot segment, refused as such (see below).
        if (in == "path" && **value == ".") continue;
        const std::string document = one_parameter_document(in, row.style, row.explode, shape);
        const auto contract = load_ok(document);
        SCOPED_TRACE(std::string(row.style) + (row.explode ? " explode " : " ") + std::string(in) + " " +
                     std::string(shape_name(shape)) + ": " + **value);
        EXPECT_THAT(run(contract, carrying(in, **value)), test::ViolationsAre(std::vector<V>{}));
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 43);
}

// The serialized value decodes to the table's value: an enum or const that only the right value meets.
TEST(ParameterStyles, each_serialization_decodes_to_the_value_of_the_table) {
  const std::string exact_string = "{type: string, enum: [blue]}";
  const std::string exact_array = "{type: array, items: {type: string}, const: [blue, black, brown]}";
  const std::string exact_object =
      "{type: object, properties: {R: {type: integer}, G: {type: integer}, B: {type: integer}}, "
      "const: {R: 100, G: 200, B: 150}}";
  for (const StyleRow& row : style_table()) {
    for (const std::string_view in : locations_of(row.style, row.explode)) {
      const std::pair<const std::string*, const std::optional<std::string>*> columns[] = {
          {&exact_string, &row.string}, {&exact_array, &row.array}, {&exact_object, &row.object}};
      for (const auto& [schema, value] : columns) {
        if (!value->has_value()) continue;
        std::string document = one_parameter_document(in, row.style, row.explode, Shape::string);
        document.replace(document.find("{type: string}"), 14, *schema);
        const auto contract = load_ok(document);
        SCOPED_TRACE(std::string(row.style) + (row.explode ? " explode " : " ") + std::string(in) + ": " + **value);
        EXPECT_THAT(run(contract, carrying(in, **value)), test::ViolationsAre(std::vector<V>{}));
      }
    }
  }
}

TEST(ParameterStyles, the_empty_label_value_is_a_dot_segment) {
  const auto contract = load_ok(one_parameter_document("path", "label", false, Shape::string));
  EXPECT_THAT(run(contract, carrying("path", ".")), test::ViolationsAre(std::vector<V>{at_request("path")}));
  // Elsewhere in a segment the same value is read: a partial-segment template.
  std::string document = one_parameter_document("path", "label", false, Shape::string);
  document.replace(document.find("/items/{color}"), 14, "/items/x{color}");
  EXPECT_THAT(run(load_ok(document), request("GET", "/items/x.")), test::ViolationsAre(std::vector<V>{}));
}

struct WrongCase {
  std::string name;
  std::string_view in;
  std::string_view style;
  bool explode;
  Shape shape;
  std::string serialized;
  std::vector<V> expected;
};

TEST(ParameterStyles, wrong_serializations_are_invalid_with_the_exact_code) {
  const std::vector<WrongCase> cases = {
      {"matrix without ;color=", "path", "matrix", false, Shape::string, "blue", {at_path("path", "color")}},
      {"matrix with another name", "path", "matrix", false, Shape::string, ";colour=blue", {at_path("path", "color")}},
      {"exploded matrix list with another name",
       "path",
       "matrix",
       true,
       Shape::array,
       ";color=blue;colour=black",
       {at_path("path", "color")}},
      {"label without its dot", "path", "label", false, Shape::string, "blue", {at_path("path", "color")}},
      {"simple object with a name but no value",
       "path",
       "simple",
       false,
       Shape::object,
       "R,100,G",
       {at_path("path", "color")}},
      {"simple object with a member that is no integer",
       "path",
       "simple",
       false,
       Shape::object,
       "R,100,G,x,B,150",
       {at_path("type", "color/G")}},
      {"exploded simple object without '='",
       "path",
       "simple",
       true,
       Shape::object,
       "R=100,G",
       {at_path("path", "color")}},
      {"exploded label object member no integer",
       "path",
       "label",
       true,
       Shape::object,
       ".R=100.G=x.B=150",
       {at_path("type", "color/G")}},
      {"form object with a name but no value",
       "query",
       "form",
       false,
       Shape::object,
       "color=R,100,G",
       {at_query("type", "color")}},
      {"form object member no integer",
       "query",
       "form",
       false,
       Shape::object,
       "color=R,100,G,200,B,x",
       {at_query("type", "color/B")}},
      {"exploded form object member no integer",
       "query",
       "form",
       true,
       Shape::object,
       "R=1.5&G=200",
       {at_query("type", "color/R")}},
      {"pipeDelimited object with a name but no value",
       "query",
       "pipeDelimited",
       false,
       Shape::object,
       "color=R|100|G",
       {at_query("type", "color")}},
      {"spaceDelimited object member no integer",
       "query",
       "spaceDelimited",
       false,
       Shape::object,
       "color=R%20true",
       {at_query("type", "color/R")}},
      {"deepObject member no integer",
       "query",
       "deepObject",
       true,
       Shape::object,
       "color[R]=1&color[G]=two",
       {at_query("type", "color/G")}},
      {"deepObject member repeated",
       "query",
       "deepObject",
       true,
       Shape::object,
       "color[R]=1&color[R]=2",
       {at_query("duplicate", "color/R")}},
      {"a string parameter repeated",
       "query",
       "form",
       true,
       Shape::string,
       "color=blue&color=black",
       {at_query("duplicate", "color")}},
      {"non-exploded list repeated",
       "query",
       "form",
       false,
       Shape::array,
       "color=blue&color=black",
       {at_query("duplicate", "color")}},
      {"malformed percent-encoding",
       "query",
       "form",
       true,
       Shape::string,
       "color=bl%4",
       {at_query("encoding", "color")}},
      {"header object with a name but no value",
       "header",
       "simple",
       false,
       Shape::object,
       "R,100,G",
       {at_header("type", "color")}},
      {"exploded header object without '='",
       "header",
       "simple",
       true,
       Shape::object,
       "R=100,G",
       {at_header("type", "color")}},
      {"header object member no integer",
       "header",
       "simple",
       true,
       Shape::object,
       "R=100,G=x",
       {at_header("type", "color/G")}},
      {"cookie object member no integer",
       "cookie",
       "form",
       false,
       Shape::object,
       "color=R,100,G,x",
       {at_cookie("type", "color/G")}},
      {"cookie object with a name but no value",
       "cookie",
       "form",
       false,
       Shape::object,
       "color=R,100,G",
       {at_cookie("type", "color")}},
  };
  for (const WrongCase& c : cases) {
    SCOPED_TRACE(c.name);
    const auto contract = load_ok(one_parameter_document(c.in, c.style, c.explode, c.shape));
    EXPECT_THAT(run(contract, carrying(c.in, c.serialized)), test::ViolationsAre(c.expected));
  }
}

TEST(ParameterStyles, required_parameters_missing_in_each_location) {
  const std::vector<std::pair<std::string_view, V>> cases = {
      {"query", at_query("required", "color")},
      {"header", at_header("required", "color")},
      {"cookie", at_cookie("required", "color")},
  };
  for (const auto& [in, violation] : cases) {
    SCOPED_TRACE(std::string(in));
    const auto contract =
        load_ok(one_parameter_document(in, in == "header" ? "simple" : "form", in != "header", Shape::string, true));
    EXPECT_THAT(run(contract, request("GET", "/items")), test::ViolationsAre(std::vector<V>{violation}));
    EXPECT_THAT(run(contract, request("GET", "/items", {{"Cookie", "other=1"}})),
                test::ViolationsAre(std::vector<V>{violation}));
  }
}

TEST(ParameterStyles, typed_values_in_every_location) {
  const std::string document = R"(openapi: 3.0.3
info: {title: typed, version: '1'}
paths:
  /orders/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer, minimum: 1}}
        - {name: limit, in: query, schema: {type: integer, maximum: 100}}
        - {name: ids, in: query, schema: {type: array, items: {type: integer}, maxItems: 3}}
        - {name: flag, in: query, schema: {type: boolean}}
        - {name: X-Trace, in: header, schema: {type: string, maxLength: 4}}
        - {name: session, in: cookie, schema: {type: string, enum: [a1, b2]}}
      responses: {'200': {description: ok}}
)";
  const auto contract = load_ok(document);
  check_rows(contract,
             {
                 {"all valid",
                  request("GET", "/orders/7?limit=100&ids=1&ids=2&flag=true",
                          {{"X-Trace", "abcd"}, {"Cookie", "session=a1; other=zz"}}),
                  {}},
                 {"path not an integer", request("GET", "/orders/x7"), {at_path("type", "id")}},
                 {"path below minimum", request("GET", "/orders/0"), {at_path("minimum", "id")}},
                 {"query above maximum", request("GET", "/orders/1?limit=101"), {at_query("maximum", "limit")}},
                 {"exploded list item wrong", request("GET", "/orders/1?ids=1&ids=x"), {at_query("type", "ids/1")}},
                 {"exploded list too long",
                  request("GET", "/orders/1?ids=1&ids=2&ids=3&ids=4"),
                  {at_query("max_items", "ids")}},
                 {"boolean spelt otherwise", request("GET", "/orders/1?flag=TRUE"), {at_query("type", "flag")}},
                 {"header too long",
                  request("GET", "/orders/1", {{"x-trace", "abcde"}}),
                  {at_header("max_length", "x-trace")}},
                 {"header repeated",
                  request("GET", "/orders/1", {{"x-trace", "a"}, {"X-Trace", "b"}}),
                  {at_header("duplicate", "x-trace")}},
                 {"cookie not in enum",
                  request("GET", "/orders/1", {{"Cookie", "session=c3"}}),
                  {at_cookie("enum", "session")}},
                 {"cookie repeated across fields",
                  request("GET", "/orders/1", {{"Cookie", "session=a1"}, {"Cookie", "session=b2"}}),
                  {at_cookie("duplicate", "session")}},
                 {"percent-encoded path value", request("GET", "/orders/%31%32"), {}},
             });
}

// allowReserved: the value may carry RFC 3986's reserved characters as they are; either way, what is judged is the
// decoded value. (Without allowReserved a sender should have percent-encoded them, but a receiver decodes both
// forms to the same value, so reqprobe does not refuse the raw form: behaviour chosen, see the report.)
TEST(ParameterStyles, allow_reserved_values_are_judged_as_written) {
  const std::string document = R"(openapi: 3.1.0
info: {title: reserved, version: '1'}
paths:
  /search:
    get:
      parameters:
        - {name: path, in: query, allowReserved: true, schema: {type: string, enum: ["/a/b:c@d!$'()*+,;"]}}
        - {name: plain, in: query, schema: {type: string, enum: ["/a/b"]}}
      responses: {'200': {description: ok}}
)";
  const auto contract = load_ok(document);
  check_rows(
      contract,
      {
          {"raw reserved characters", request("GET", "/search?path=/a/b:c@d!$'()*+,;"), {}},
          {"the same, percent-encoded", request("GET", "/search?path=%2Fa%2Fb%3Ac%40d%21%24%27%28%29%2A%2B%2C%3B"), {}},
          {"'+' is a plus, not a space",
           request("GET", "/search?path=/a/b:c@d!$'()*%20,;"),
           {at_query("enum", "path")}},
          {"without allowReserved, raw", request("GET", "/search?plain=/a/b"), {}},
          {"without allowReserved, encoded", request("GET", "/search?plain=%2Fa%2Fb"), {}},
      });
}

// allowEmptyValue: `name=` (or a bare `name`) passes even where the schema refuses the empty string; without it,
// the empty string is judged by the schema like any value.
TEST(ParameterStyles, allow_empty_value) {
  const std::string document = R"(openapi: 3.0.3
info: {title: empty, version: '1'}
paths:
  /list:
    get:
      parameters:
        - {name: limit, in: query, allowEmptyValue: true, schema: {type: integer}}
        - {name: page, in: query, schema: {type: integer}}
        - {name: q, in: query, schema: {type: string, minLength: 1}}
        - {name: tag, in: query, schema: {type: string}}
      responses: {'200': {description: ok}}
)";
  const auto contract = load_ok(document);
  check_rows(contract,
             {
                 {"allowed empty value", request("GET", "/list?limit="), {}},
                 {"allowed empty value, bare name", request("GET", "/list?limit"), {}},
                 {"a value is still checked", request("GET", "/list?limit=x"), {at_query("type", "limit")}},
                 {"empty integer without allowEmptyValue", request("GET", "/list?page="), {at_query("type", "page")}},
                 {"empty string below minLength", request("GET", "/list?q="), {at_query("min_length", "q")}},
                 {"empty string where any string goes", request("GET", "/list?tag"), {}},
             });
}

// `content` parameters: the value is a JSON document (percent-decoded first) checked against the media type's schema.
TEST(ParameterStyles, content_parameters_are_json_documents) {
  const std::string document = R"(openapi: 3.1.0
info: {title: content, version: '1'}
paths:
  /search:
    get:
      parameters:
        - name: filter
          in: query
          content:
            application/json:
              schema:
                type: object
                required: [a]
                properties: {a: {type: integer}, b: {type: array, items: {type: string}}}
        - name: X-Meta
          in: header
          content:
            application/json:
              schema: {type: array, maxItems: 2}
        - name: prefs
          in: cookie
          content:
            application/json:
              schema: {type: object, properties: {dark: {type: boolean}}}
      responses: {'200': {description: ok}}
)";
  const auto contract = load_ok(document);
  check_rows(
      contract,
      {
          {"encoded JSON object", request("GET", "/search?filter=%7B%22a%22%3A1%2C%22b%22%3A%5B%22x%22%5D%7D"), {}},
          {"member of the wrong type",
           request("GET", "/search?filter=%7B%22a%22%3A%22one%22%7D"),
           {at_query("type", "filter/a")}},
          {"required member missing", request("GET", "/search?filter=%7B%7D"), {at_query("required", "filter/a")}},
          {"not JSON", request("GET", "/search?filter=%7B%22a%22"), {at_query("syntax", "filter")}},
          {"a string is not JSON", request("GET", "/search?filter=abc"), {at_query("syntax", "filter")}},
          {"header JSON", request("GET", "/search", {{"X-Meta", "[1,2]"}}), {}},
          {"header JSON too long",
           request("GET", "/search", {{"X-Meta", "[1,2,3]"}}),
           {at_header("max_items", "x-meta")}},
          {"cookie JSON", request("GET", "/search", {{"Cookie", "prefs={\"dark\":true}"}}), {}},
          {"cookie JSON wrong",
           request("GET", "/search", {{"Cookie", "prefs={\"dark\":1}"}}),
           {at_cookie("type", "prefs/dark")}},
      });
}

// Path-item parameters apply to every operation; an operation's parameter with the same name and location replaces
// the path item's, and one with the same name in another location is another parameter.
TEST(ParameterStyles, path_item_parameters_merge_with_the_operations) {
  const std::string document = R"(openapi: 3.1.0
info: {title: merge, version: '1'}
paths:
  /things/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: integer}}
      - {name: verbose, in: query, schema: {type: boolean}}
      - {name: X-Req, in: header, required: true, schema: {type: string}}
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string, maxLength: 3}}
        - {name: verbose, in: header, schema: {type: integer}}
      responses: {'200': {description: ok}}
    delete:
      parameters:
        - {name: x-req, in: header, required: false, schema: {type: string}}
      responses: {'204': {description: gone}}
)";
  const auto contract = load_ok(document);
  ASSERT_TRUE(contract);
  const Operation& get = contract->plan().operations[0];
  std::vector<std::string> names;
  for (const Parameter& p : get.parameters) names.push_back(std::string(location_name(p.in)) + ":" + p.name);
  EXPECT_EQ(names, (std::vector<std::string>{"path:id", "query:verbose", "header:x-req", "header:verbose"}));
  check_rows(
      contract,
      {
          {"operation's path parameter wins (a string)", request("GET", "/things/abc", {{"X-Req", "1"}}), {}},
          {"operation's maxLength applies",
           request("GET", "/things/abcd", {{"X-Req", "1"}}),
           {at_path("max_length", "id")}},
          {"path item's query parameter applies",
           request("GET", "/things/a?verbose=maybe", {{"X-Req", "1"}}),
           {at_query("type", "verbose")}},
          {"header of the same name is another parameter",
           request("GET", "/things/a?verbose=true", {{"X-Req", "1"}, {"Verbose", "x"}}),
           {at_header("type", "verbose")}},
          {"path item's required header", request("GET", "/things/a"), {at_header("required", "x-req")}},
          {"path item's integer id on delete",
           request("DELETE", "/things/abc", {{"X-Req", "1"}}),
           {at_path("type", "id")}},
          {"delete's header replaces the required one (case-insensitive name)", request("DELETE", "/things/5"), {}},
      });
}

}  // namespace
}  // namespace reqprobe::openapi_test

namespace reqprobe::openapi_test {
namespace {

// Objects in the query: exploded form objects take the names no other parameter declares, deepObjects the
// "name[member]" names (percent-encoded brackets too); both are required like any parameter.
TEST(ParameterStyles, query_objects_gather_their_members) {
  const std::string document = R"(openapi: 3.1.0
info: {title: objects, version: '1'}
paths:
  /deep:
    get:
      parameters:
        - name: color
          in: query
          required: true
          style: deepObject
          schema: {type: object, required: [R], properties: {R: {type: integer}, G: {type: integer}}}
        - {name: page, in: query, schema: {type: integer}}
      responses: {'200': {description: ok}}
  /form:
    get:
      parameters:
        - name: color
          in: query
          required: true
          schema:
            type: object
            properties: {R: {type: integer}, G: {type: integer}}
            additionalProperties: false
        - {name: page, in: query, schema: {type: integer}}
      responses: {'200': {description: ok}}
)";
  const auto contract = load_ok(document);
  check_rows(contract,
             {
                 {"deepObject", request("GET", "/deep?color[R]=1&page=2&color[G]=3"), {}},
                 {"deepObject, encoded brackets", request("GET", "/deep?color%5BR%5D=1"), {}},
                 {"deepObject missing", request("GET", "/deep?page=2"), {at_query("required", "color")}},
                 {"deepObject without its required member",
                  request("GET", "/deep?color[G]=1"),
                  {at_query("required", "color/R")}},
                 {"deepObject written as a plain value", request("GET", "/deep?color=1"), {at_query("type", "color")}},
                 {"exploded form object", request("GET", "/form?R=1&page=2&G=3"), {}},
                 {"exploded form object missing", request("GET", "/form?page=2"), {at_query("required", "color")}},
                 {"a name the object does not take", request("GET", "/form?R=1&B=2"), {at_query("unknown", "color/B")}},
                 {"a member of the wrong type", request("GET", "/form?R=red"), {at_query("type", "color/R")}},
             });
}

}  // namespace
}  // namespace reqprobe::openapi_test
