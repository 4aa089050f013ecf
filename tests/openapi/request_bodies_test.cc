// Request bodies (issue 11): JSON and +json media types, media types with parameters, ranges, the media type the
// Content-Type selects among several, form bodies decoded against their schema with an `encoding` object, multipart
// bodies (boundary, parts, per-part Content-Type, JSON parts validated, others presence-only), other media types
// (presence and size only), required and optional bodies.
#include "openapi_support.h"

namespace reqprobe::openapi_test {
namespace {

HttpRequest post(std::string target, std::string content_type, std::string body) {
  return request("POST", std::move(target), {{"Content-Type", std::move(content_type)}}, std::move(body));
}

const char* const kBodies = R"(openapi: 3.1.0
info: {title: bodies, version: '1'}
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string, maxLength: 8}
        age: {type: integer, minimum: 0}
paths:
  /json:
    post:
      requestBody:
        required: true
        content:
          application/json: {schema: {$ref: '#/components/schemas/Pet'}}
      responses: {'200': {description: ok}}
  /vendor:
    post:
      requestBody:
        content:
          application/vnd.pets+json: {schema: {$ref: '#/components/schemas/Pet'}}
      responses: {'200': {description: ok}}
  /charset:
    post:
      requestBody:
        content:
          'application/json; charset=utf-8': {schema: {$ref: '#/components/schemas/Pet'}}
      responses: {'200': {description: ok}}
  /several:
    post:
      requestBody:
        required: true
        content:
          application/json: {schema: {$ref: '#/components/schemas/Pet'}}
          text/plain: {schema: {type: string}}
          application/*: {schema: {type: object, required: [any]}}
          image/png: {}
      responses: {'200': {description: ok}}
  /anything:
    post:
      requestBody:
        content:
          '*/*': {schema: {type: object, required: [id]}}
      responses: {'200': {description: ok}}
  /suffix:
    post:
      requestBody:
        content:
          application/*+json: {schema: {type: object, required: [kind]}}
          application/*: {schema: {type: string}}
      responses: {'200': {description: ok}}
  /optional:
    post:
      requestBody:
        content:
          application/json: {schema: {$ref: '#/components/schemas/Pet'}}
      responses: {'200': {description: ok}}
  /none:
    post:
      responses: {'200': {description: ok}}
)";

TEST(RequestBodies, json_media_types) {
  const auto contract = load_ok(kBodies);
  check_rows(
      contract,
      {
          {"application/json", post("/json", "application/json", R"({"name":"rex","age":3})"), {}},
          {"member wrong",
           post("/json", "application/json", R"({"name":"rex","age":-1})"),
           {at_body("minimum", "/age")}},
          {"required member missing",
           post("/json", "application/json", R"({"age":1})"),
           {at_body("required", "/name")}},
          {"not JSON", post("/json", "application/json", R"({"name":)"), {at_body("syntax", "")}},
          {"type case-insensitive", post("/json", "Application/JSON", R"({"name":"a"})"), {}},
          {"charset=utf-8 allowed", post("/json", "application/json; charset=UTF-8", R"({"name":"a"})"), {}},
          {"other charset refused",
           post("/json", "application/json; charset=latin1", R"({"name":"a"})"),
           {at_header("content_type", "content-type")}},
          {"another type refused",
           post("/json", "text/plain", R"({"name":"a"})"),
           {at_header("content_type", "content-type")}},
          {"no Content-Type",
           request("POST", "/json", {}, R"({"name":"a"})"),
           {at_header("content_type", "content-type")}},
          {"no Content-Type, body still judged",
           request("POST", "/json", {}, R"({"age":1})"),
           {at_header("content_type", "content-type"), at_body("required", "/name")}},
          {"Content-Type repeated",
           request("POST", "/json", {{"Content-Type", "application/json"}, {"content-type", "application/json"}},
                   R"({"name":"a"})"),
           {at_header("duplicate", "content-type")}},
          {"+json vendor type", post("/vendor", "application/vnd.pets+json", R"({"name":"rex"})"), {}},
          {"+json vendor type checked",
           post("/vendor", "application/vnd.pets+json", R"({"name":5})"),
           {at_body("type", "/name")}},
          {"plain JSON is not the vendor type",
           post("/vendor", "application/json", R"({"name":"rex"})"),
           {at_header("content_type", "content-type")}},
          {"declared with a parameter, sent with it",
           post("/charset", "application/json; charset=utf-8", R"({"name":"a"})"),
           {}},
          {"declared with a parameter, sent without it", post("/charset", "application/json", R"({"name":"a"})"), {}},
          {"declared with a parameter, checked",
           post("/charset", "application/json", R"({})"),
           {at_body("required", "/name")}},
      });
}

TEST(RequestBodies, the_content_type_selects_among_several) {
  const auto contract = load_ok(kBodies);
  check_rows(
      contract,
      {
          {"exact JSON", post("/several", "application/json", R"({"name":"a"})"), {}},
          {"exact JSON checked by its own schema",
           post("/several", "application/json", R"({"any":1})"),
           {at_body("required", "/name")}},
          {"text/plain: presence only", post("/several", "text/plain", "whatever, not JSON"), {}},
          {"the range application/* for another JSON type",
           post("/several", "application/problem+json", R"({"any":1})"),
           {}},
          {"the range's schema applies",
           post("/several", "application/problem+json", R"({"name":"a"})"),
           {at_body("required", "/any")}},
          {"the range for a type that is not JSON: presence only", post("/several", "application/pdf", "%PDF"), {}},
          {"image/png without schema", post("/several", "image/png", std::string("\x89PNG\r\n", 6)), {}},
          // The body is still read as the first declared media type, so its own problems show too.
          {"a type no range covers",
           post("/several", "image/gif", "GIF89a"),
           {at_header("content_type", "content-type"), at_body("syntax", "")}},
          {"*/* takes any type", post("/anything", "text/csv", "id\n1"), {}},
          {"*/* with a JSON type reads JSON", post("/anything", "application/json", R"({"id":1})"), {}},
          {"*/* with a JSON type checks the schema",
           post("/anything", "application/json", R"({})"),
           {at_body("required", "/id")}},
          {"the suffix range application/*+json", post("/suffix", "application/problem+json", R"({"kind":1})"), {}},
          {"the suffix range's schema",
           post("/suffix", "Application/Vnd.A+JSON", R"({})"),
           {at_body("required", "/kind")}},
          {"plain JSON is not in the suffix range",
           post("/suffix", "application/json", R"({"kind":1})"),
           {at_body("type", "")}},
          {"the wider range for other types", post("/suffix", "application/xml", "<a/>"), {}},
          {"malformed Content-Type",
           post("/anything", "json", R"({"id":1})"),
           {at_header("content_type", "content-type")}},
      });
}

TEST(RequestBodies, required_and_optional_bodies) {
  const auto contract = load_ok(kBodies);
  check_rows(contract,
             {
                 {"required body absent", request("POST", "/json"), {at_body("required", "")}},
                 {"required body empty", post("/json", "application/json", ""), {at_body("required", "")}},
                 {"optional body absent", request("POST", "/optional"), {}},
                 {"optional body empty", request("POST", "/optional", {}, ""), {}},
                 {"optional body present is checked",
                  post("/optional", "application/json", "{}"),
                  {at_body("required", "/name")}},
                 {"no body declared, none sent", request("POST", "/none"), {}},
                 {"no body declared, one sent", post("/none", "application/json", "{}"), {at_body("content_type", "")}},
             });
}

TEST(RequestBodies, other_media_types_meet_the_size_limit) {
  const auto contract = load_ok(kBodies);
  ValidatorOptions small;
  small.limits.max_body_bytes = 16;
  check_rows(contract,
             {
                 {"within the limit", post("/several", "text/plain", std::string(16, 'a')), {}},
                 {"over the limit", post("/several", "text/plain", std::string(17, 'a')), {at_body("limit", "")}},
                 {"JSON over the limit",
                  post("/several", "application/json", R"({"name":"abcdefghijk"})"),
                  {at_body("limit", "")}},
             },
             small);
}

const char* const kForms = R"(openapi: 3.1.0
info: {title: forms, version: '1'}
paths:
  /form:
    post:
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [name]
              properties:
                name: {type: string, maxLength: 10}
                age: {type: integer}
                tags: {type: array, items: {type: string}, maxItems: 3}
                ids: {type: array, items: {type: integer}}
                codes: {type: array, items: {type: string}}
                flag: {type: boolean}
              additionalProperties: false
            encoding:
              ids: {style: form, explode: false}
              codes: {style: pipeDelimited, explode: false}
      responses: {'200': {description: ok}}
)";

TEST(RequestBodies, form_bodies_are_decoded_against_their_schema) {
  const auto contract = load_ok(kForms);
  const std::string form = "application/x-www-form-urlencoded";
  check_rows(contract,
             {
                 {"plain fields", post("/form", form, "name=rex&age=3&flag=true"), {}},
                 {"'+' is a space and escapes decode", post("/form", form, "name=a+b%21"), {}},
                 {"decoded length counts", post("/form", form, "name=%E2%82%AC%E2%82%AC%E2%82%AC+aaaaaa"), {}},
                 {"decoded length over",
                  post("/form", form, "name=%E2%82%AC%E2%82%AC%E2%82%AC+aaaaaaa"),
                  {at_body("max_length", "/name")}},
                 {"typed field", post("/form", form, "name=a&age=old"), {at_body("type", "/age")}},
                 {"required field missing", post("/form", form, "age=3"), {at_body("required", "/name")}},
                 {"field not declared", post("/form", form, "name=a&colour=red"), {at_body("unknown", "/colour")}},
                 {"single field repeated", post("/form", form, "name=a&name=b"), {at_body("duplicate", "/name")}},
                 {"exploded array by repeats", post("/form", form, "name=a&tags=x&tags=y&tags=z"), {}},
                 {"exploded array too long",
                  post("/form", form, "name=a&tags=x&tags=y&tags=z&tags=w"),
                  {at_body("max_items", "/tags")}},
                 {"encoding: form, explode false", post("/form", form, "name=a&ids=1,2,3"), {}},
                 {"encoding: item typed", post("/form", form, "name=a&ids=1,x"), {at_body("type", "/ids/1")}},
                 {"encoding: pipeDelimited", post("/form", form, "name=a&codes=a|b"), {}},
                 {"malformed escape", post("/form", form, "name=%G1"), {at_body("encoding", "")}},
                 {"charset parameter allowed", post("/form", form + "; charset=utf-8", "name=a"), {}},
                 {"empty form is still a body", post("/form", form, "&"), {at_body("required", "/name")}},
             });
}

std::string multipart(const std::vector<std::string>& parts, const std::string& boundary = "XyZ") {
  std::string out;
  for (const std::string& part : parts) out += "--" + boundary + "\r\n" + part + "\r\n";
  return out + "--" + boundary + "--\r\n";
}

const char* const kMultipart = R"(openapi: 3.1.0
info: {title: multipart, version: '1'}
paths:
  /upload:
    post:
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [meta, file]
              properties:
                meta:
                  type: object
                  required: [title]
                  properties: {title: {type: string, maxLength: 5}}
                count: {type: integer, maximum: 9}
                note: {type: string, maxLength: 3}
                file: {type: string, contentMediaType: application/octet-stream}
                extra: {type: string}
              additionalProperties: false
            encoding:
              extra: {contentType: application/json}
      responses: {'200': {description: ok}}
)";

TEST(RequestBodies, multipart_parts) {
  const auto contract = load_ok(kMultipart);
  const std::string type = "multipart/form-data; boundary=XyZ";
  const std::string meta = "Content-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n";
  const std::string file =
      "Content-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\nContent-Type: "
      "application/octet-stream\r\n\r\n\x01\x02\xff";
  const auto part = [](const std::string& name, const std::string& value) {
    return "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value;
  };
  check_rows(
      contract,
      {
          {"JSON part and binary part", post("/upload", type, multipart({meta + R"({"title":"a"})", file})), {}},
          {"JSON part checked",
           post("/upload", type, multipart({meta + R"({"title":"abcdef"})", file})),
           {at_body("max_length", "/meta/title")}},
          {"JSON part not JSON", post("/upload", type, multipart({meta + "{", file})), {at_body("syntax", "/meta")}},
          {"JSON part typed by its schema without a Content-Type",
           post("/upload", type, multipart({part("meta", R"({})"), file})),
           {at_body("required", "/meta/title")}},
          {"text part typed by the schema",
           post("/upload", type, multipart({meta + R"({"title":"a"})", file, part("count", "7")})),
           {}},
          {"text part over its maximum",
           post("/upload", type, multipart({meta + R"({"title":"a"})", file, part("count", "10")})),
           {at_body("maximum", "/count")}},
          {"text part not an integer",
           post("/upload", type, multipart({meta + R"({"title":"a"})", file, part("count", "x")})),
           {at_body("type", "/count")}},
          {"text string part too long",
           post("/upload", type, multipart({meta + R"({"title":"a"})", file, part("note", "abcd")})),
           {at_body("max_length", "/note")}},
          {"encoding's contentType makes a part JSON",
           post("/upload", type, multipart({meta + R"({"title":"a"})", file, part("extra", R"("s")")})),
           {}},
          {"encoding's contentType: part checked as JSON",
           post("/upload", type, multipart({meta + R"({"title":"a"})", file, part("extra", "s")})),
           {at_body("syntax", "/extra")}},
          {"binary part: presence only, any bytes",
           post("/upload", type,
                multipart({meta + R"({"title":"a"})",
                           "Content-Disposition: form-data; name=\"file\"\r\nContent-Type: image/png\r\n\r\n"
                           "\x89PNG"})),
           {}},
          {"required part missing",
           post("/upload", type, multipart({meta + R"({"title":"a"})"})),
           {at_body("required", "/file")}},
          {"part not declared",
           post("/upload", type, multipart({meta + R"({"title":"a"})", file, part("other", "1")})),
           {at_body("unknown", "/other")}},
          {"part repeated",
           post("/upload", type, multipart({meta + R"({"title":"a"})", file, file})),
           {at_body("duplicate", "/file")}},
          {"quoted boundary",
           post("/upload", "multipart/form-data; boundary=\"XyZ\"", multipart({meta + R"({"title":"a"})", file})),
           {}},
          {"no boundary parameter",
           post("/upload", "multipart/form-data", multipart({meta + "{}", file})),
           {at_header("content_type", "content-type"), at_body("syntax", "")}},
          {"another boundary in the body",
           post("/upload", type, multipart({meta + R"({"title":"a"})", file}, "Other")),
           {at_body("syntax", "")}},
          {"no closing delimiter",
           post("/upload", type, "--XyZ\r\n" + meta + R"({"title":"a"})" + "\r\n"),
           {at_body("syntax", "")}},
          {"part without a name",
           post("/upload", type, multipart({"Content-Disposition: form-data\r\n\r\nx", file})),
           {at_body("syntax", "")}},
          {"preamble before the first boundary",
           post("/upload", type, "preamble\r\n" + multipart({meta + R"({"title":"a"})", file})),
           {}},
      });
}

}  // namespace
}  // namespace reqprobe::openapi_test

namespace reqprobe::openapi_test {
namespace {

// An array property is sent as one part per item (OpenAPI's "multiple files" example): repeats are its items, each
// judged by the items' schema, counted against minItems and maxItems.
TEST(RequestBodies, multipart_array_properties_take_repeated_parts) {
  const auto contract = load_ok(R"(openapi: 3.1.0
info: {title: multipart arrays, version: '1'}
paths:
  /files:
    post:
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                files: {type: array, items: {type: string, format: binary}, minItems: 1, maxItems: 2}
                ids: {type: array, items: {type: integer}}
                docs: {type: array, items: {type: object, required: [n]}}
                name: {type: string}
      responses: {'200': {description: ok}}
)");
  const std::string type = "multipart/form-data; boundary=XyZ";
  const auto file = [](const std::string& content) {
    return "Content-Disposition: form-data; name=\"files\"; filename=\"f\"\r\nContent-Type: "
           "application/octet-stream\r\n\r\n" +
           content;
  };
  const auto part = [](const std::string& name, const std::string& value) {
    return "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value;
  };
  check_rows(contract,
             {
                 {"one file", post("/files", type, multipart({file("a")})), {}},
                 {"two files", post("/files", type, multipart({file("a"), part("name", "x"), file("b")})), {}},
                 {"three files",
                  post("/files", type, multipart({file("a"), file("b"), file("c")})),
                  {at_body("max_items", "/files")}},
                 {"text items typed by the items' schema",
                  post("/files", type, multipart({part("ids", "1"), part("ids", "2")})),
                  {}},
                 {"a text item of the wrong type",
                  post("/files", type, multipart({part("ids", "1"), part("ids", "x")})),
                  {at_body("type", "/ids/1")}},
                 {"object items are JSON",
                  post("/files", type, multipart({part("docs", R"({"n":1})"), part("docs", "{}")})),
                  {at_body("required", "/docs/1/n")}},
                 {"a single value is still repeated",
                  post("/files", type, multipart({part("name", "a"), part("name", "b")})),
                  {at_body("duplicate", "/name")}},
             });
}

}  // namespace
}  // namespace reqprobe::openapi_test

namespace reqprobe::openapi_test {
namespace {

// Multipart framing the parser must refuse without throwing: a byte glued before the first delimiter, a delimiter
// at the very end, an empty body with the right Content-Type, parts without headers.
TEST(RequestBodies, multipart_framing_edges) {
  const auto contract = load_ok(R"(openapi: 3.1.0
info: {title: framing, version: '1'}
paths:
  /m:
    post:
      requestBody:
        content:
          multipart/form-data:
            schema: {type: object, properties: {a: {type: string}}}
      responses: {'200': {description: ok}}
)");
  const std::string type = "multipart/form-data; boundary=B";
  const std::string a = "Content-Disposition: form-data; name=a\r\n\r\nx";
  check_rows(
      contract,
      {
          {"one byte before the delimiter", post("/m", type, "x--B\r\n" + a + "\r\n--B--"), {at_body("syntax", "")}},
          {"two bytes before the delimiter", post("/m", type, "xy--B\r\n" + a + "\r\n--B--"), {at_body("syntax", "")}},
          {"CRLF before the delimiter", post("/m", type, "\r\n--B\r\n" + a + "\r\n--B--"), {}},
          {"only the closing delimiter", post("/m", type, "--B--"), {}},
          {"the opening delimiter alone", post("/m", type, "--B"), {at_body("syntax", "")}},
          {"a part without a blank line",
           post("/m", type, "--B\r\nContent-Disposition: form-data; name=a\r\n--B--"),
           {at_body("syntax", "")}},
          // A part without header lines must not read the next part's headers as its own.
          {"a part without headers",
           post("/m", type, "--B\r\n\r\nx\r\n--B\r\n" + a + "\r\n--B--"),
           {at_body("syntax", "")}},
          {"a delimiter inside a part's text is not one", post("/m", type, "--B\r\n" + a + "--Bx\r\n--B--"), {}},
      });
}

}  // namespace
}  // namespace reqprobe::openapi_test
