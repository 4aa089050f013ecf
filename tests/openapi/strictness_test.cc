// Strictness (issue 11): by default a document means what OpenAPI says (objects without additionalProperties take
// extra members, undeclared query parameters and headers are allowed); the strict profile (LoadOptions::strict, or
// `x-reqprobe-strict: true` in the document) makes undeclared body members and query parameters `unknown` errors.
// Headers stay open in both: HTTP carries many (Host, User-Agent, Accept...) that documents never declare.
#include "openapi_support.h"

namespace reqprobe::openapi_test {
namespace {

std::string document(bool strict_extension) {
  return std::string("openapi: 3.1.0\n") + (strict_extension ? "x-reqprobe-strict: true\n" : "") +
         R"(info: {title: strict, version: '1'}
paths:
  /things:
    post:
      parameters:
        - {name: q, in: query, schema: {type: string}}
        - {name: X-Known, in: header, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                a: {type: integer}
                inner: {type: object, properties: {b: {type: string}}}
                closed: {type: object, properties: {c: {type: string}}, additionalProperties: false}
                open: {type: object, additionalProperties: true}
      responses: {'200': {description: ok}}
)";
}

HttpRequest things(const std::string& query, const std::string& body,
                   std::vector<std::pair<std::string, std::string>> extra_headers = {}) {
  std::vector<std::pair<std::string, std::string>> headers = {{"Content-Type", "application/json"}};
  for (auto& h : extra_headers) headers.push_back(std::move(h));
  return request("POST", "/things" + query, std::move(headers), body);
}

std::vector<Row> common_rows() {
  return {
      {"declared only", things("?q=1", R"({"a":1,"inner":{"b":"x"}})", {{"X-Known", "k"}}), {}},
      {"additionalProperties: false holds in both",
       things("", R"({"closed":{"c":"x","d":1}})"),
       {at_body("unknown", "/closed/d")}},
      {"additionalProperties: true holds in both", things("", R"({"open":{"z":1}})"), {}},
      {"undeclared header in both", things("", "{}", {{"User-Agent", "t"}, {"X-Other", "1"}}), {}},
  };
}

TEST(Strictness, the_default_profile_is_open) {
  const auto contract = load_ok(document(false));
  ASSERT_TRUE(contract);
  EXPECT_FALSE(contract->plan().strict);
  check_rows(contract, common_rows());
  check_rows(contract, {
                           {"extra member at the root", things("", R"({"a":1,"z":2})"), {}},
                           {"extra member nested", things("", R"({"inner":{"b":"x","y":1}})"), {}},
                           {"undeclared query parameter", things("?q=1&other=2&other=3", "{}"), {}},
                       });
}

TEST(Strictness, the_strict_profile_by_option_and_by_extension) {
  for (const bool by_extension : {false, true}) {
    SCOPED_TRACE(by_extension ? "x-reqprobe-strict: true" : "LoadOptions::strict");
    const auto contract = load_ok(document(by_extension), LoadOptions{.strict = !by_extension});
    ASSERT_TRUE(contract);
    EXPECT_TRUE(contract->plan().strict);
    check_rows(contract, common_rows());
    check_rows(
        contract,
        {
            {"extra member at the root", things("", R"({"a":1,"z":2})"), {at_body("unknown", "/z")}},
            {"extra member nested", things("", R"({"inner":{"b":"x","y":1}})"), {at_body("unknown", "/inner/y")}},
            {"undeclared query parameter", things("?q=1&other=2", "{}"), {at_query("unknown", "other")}},
            {"undeclared query parameter repeated",
             things("?other=2&other=3", "{}"),
             {at_query("unknown", "other"), at_query("unknown", "other"), at_query("duplicate", "other")}},
        });
    ValidatorOptions relaxed;
    relaxed.unknown_as_warning = true;
    check_rows(contract,
               {
                   {"unknown as warning",
                    things("?other=2", R"({"z":2})"),
                    {{"unknown", "query", "other", "warning"}, {"unknown", "body", "/z", "warning"}}},
               },
               relaxed);
  }
}

TEST(Strictness, the_extension_must_be_a_boolean_and_false_keeps_the_default) {
  std::string text = document(true);
  text.replace(text.find("x-reqprobe-strict: true"), 23, "x-reqprobe-strict: false");
  const auto open = load_ok(text);
  ASSERT_TRUE(open);
  EXPECT_FALSE(open->plan().strict);
  EXPECT_TRUE(load_ok(text, LoadOptions{.strict = true})->plan().strict);  // the option wins over false
  text.replace(text.find("x-reqprobe-strict: false"), 24, "x-reqprobe-strict: yes!");
  const LoadResult loaded = load_contract(text);
  ASSERT_FALSE(loaded.ok());
  ASSERT_EQ(loaded.errors.size(), 1u) << errors_text(loaded);
  EXPECT_EQ(loaded.errors[0].pointer, "/x-reqprobe-strict");
  EXPECT_EQ(loaded.errors[0].line, 2u);
}

}  // namespace
}  // namespace reqprobe::openapi_test
