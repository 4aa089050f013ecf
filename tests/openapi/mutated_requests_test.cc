// Mutated requests (issue 11): thousands of byte-level mutations of valid requests against a document that uses
// every parameter style, partial templates, cookies, credentials, form and multipart bodies. Whatever the bytes,
// validation returns (no exception), both modes agree on the verdict and the report repeats. A fixed seed keeps
// the inputs the same from run to run.
#include <random>

#include "openapi_support.h"

namespace reqprobe::openapi_test {
namespace {

const char* const kEverything = R"(openapi: 3.1.0
info: {title: everything, version: '1'}
components:
  securitySchemes:
    key: {type: apiKey, in: cookie, name: sid}
    bearer: {type: http, scheme: bearer}
  schemas:
    Color: {type: object, properties: {R: {type: integer}, G: {type: integer}, B: {type: integer}}}
security: [{key: []}, {bearer: []}]
paths:
  /m/{mat}/l/{lab}/f/{name}.{ext}:
    get:
      parameters:
        - {name: mat, in: path, required: true, style: matrix, explode: true, schema: {$ref: '#/components/schemas/Color'}}
        - {name: lab, in: path, required: true, style: label, schema: {type: array, items: {type: integer}}}
        - {name: name, in: path, required: true, schema: {type: string, maxLength: 8}}
        - {name: ext, in: path, required: true, schema: {type: string, enum: [json, yaml]}}
        - {name: deep, in: query, style: deepObject, schema: {$ref: '#/components/schemas/Color'}}
        - {name: ids, in: query, style: pipeDelimited, schema: {type: array, items: {type: integer}, maxItems: 4}}
        - {name: words, in: query, style: spaceDelimited, schema: {type: array, items: {type: string}}}
        - {name: filter, in: query, content: {application/json: {schema: {type: object}}}}
        - {name: X-Color, in: header, explode: true, schema: {$ref: '#/components/schemas/Color'}}
        - {name: prefs, in: cookie, schema: {type: array, items: {type: string}}, explode: false}
      responses: {'200': {description: ok}}
  /forms:
    post:
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [a]
              properties: {a: {type: integer}, b: {type: array, items: {type: string}}, c: {type: boolean}}
            encoding: {b: {style: pipeDelimited, explode: false}}
          multipart/form-data:
            schema:
              type: object
              properties:
                meta: {type: object, properties: {n: {type: integer}}}
                files: {type: array, items: {type: string}}
                note: {type: string, maxLength: 5}
          application/json:
            schema: {type: object, properties: {a: {type: integer}}}
      responses: {'200': {description: ok}}
)";

std::vector<HttpRequest> seeds() {
  const std::string multipart =
      "--B\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"n\":1}\r\n"
      "--B\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a\"\r\n\r\nabc\r\n"
      "--B\r\nContent-Disposition: form-data; name=\"files\"\r\n\r\ndef\r\n"
      "--B\r\nContent-Disposition: form-data; name=note\r\n\r\nhi\r\n--B--\r\n";
  return {
      request("GET",
              "/m/;R=1;G=2;B=3/l/.1,2,3/f/notes.json?deep[R]=1&deep%5BG%5D=2&ids=1|2|3&words=a%20b+c"
              "&filter=%7B%22k%22%3A1%7D",
              {{"X-Color", "R=1,G=2,B=3"}, {"Cookie", "sid=s1; prefs=a,b"}}),
      request("GET", "/m/;R=9/l/.7/f/ab.yaml", {{"Authorization", "Bearer t"}}),
      request("POST", "/forms", {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", "sid=1"}},
              "a=1&b=x|y&c=true"),
      request("POST", "/forms", {{"Content-Type", "multipart/form-data; boundary=B"}, {"Cookie", "sid=1"}}, multipart),
      request("POST", "/forms", {{"Content-Type", "application/json"}, {"Authorization", "Bearer x"}}, R"({"a":1})"),
  };
}

// One random edit of a string: a byte replaced, inserted or removed, a slice repeated, or a special byte planted.
void mutate(std::string& text, std::mt19937& rng) {
  static constexpr char kSpecial[] = {'%',  '/',  ';', ',',  '.', '=', '&',  '[',    ']',    '{', '}', '|', ' ',
                                      '\r', '\n', '"', '\\', '-', '+', '\0', '\x7f', '\xff', '?', '#', ':', '*'};
  std::uniform_int_distribution<int> what(0, 4);
  const auto at = [&](std::size_t size) { return std::uniform_int_distribution<std::size_t>(0, size)(rng); };
  const auto special = [&] {
    return kSpecial[std::uniform_int_distribution<std::size_t>(0, sizeof kSpecial - 1)(rng)];
  };
  switch (what(rng)) {
    case 0:
      if (!text.empty()) text[at(text.size() - 1)] = special();
      break;
    case 1:
      text.insert(text.begin() + static_cast<std::ptrdiff_t>(at(text.size())), special());
      break;
    case 2:
      if (!text.empty()) text.erase(at(text.size() - 1), 1 + at(3));
      break;
    case 3:
      if (!text.empty()) {
        const std::size_t from = at(text.size() - 1);
        const std::string slice = text.substr(from, 1 + at(8));
        text.insert(at(text.size()), slice);
      }
      break;
    default:
      if (!text.empty()) text[at(text.size() - 1)] = static_cast<char>(at(255));
      break;
  }
}

TEST(MutatedRequests, validation_always_returns_and_the_modes_agree) {
  const auto contract = load_ok(kEverything);
  ASSERT_TRUE(contract);
  std::mt19937 rng(20261130);
  std::size_t valid = 0, invalid = 0;
  const std::vector<HttpRequest> all = seeds();
  for (const HttpRequest& seed : all) EXPECT_THAT(run(contract, seed), test::ViolationsAre(std::vector<V>{}));
  for (int round = 0; round < 6000; ++round) {
    HttpRequest r = all[static_cast<std::size_t>(round) % all.size()];
    const int edits = 1 + round % 3;
    for (int e = 0; e < edits; ++e) {
      switch (std::uniform_int_distribution<int>(0, 3)(rng)) {
        case 0:
          mutate(r.target, rng);
          break;
        case 1:
          if (!r.headers.empty()) mutate(r.headers[rng() % r.headers.size()].second, rng);
          break;
        default:
          if (r.body)
            mutate(*r.body, rng);
          else
            mutate(r.target, rng);
          break;
      }
    }
    SCOPED_TRACE("round " + std::to_string(round) + ": " + r.target);
    Report report;
    EXPECT_NO_THROW(report = run(contract, r));
    (report.valid() ? valid : invalid) += 1;
    for (const Violation& v : report.violations) EXPECT_FALSE(v.message.empty());
  }
  // The mutations reach both verdicts (a mutator that broke every request would test little).
  EXPECT_GT(valid, 100u);
  EXPECT_GT(invalid, 1000u);
}

// The OAI example documents, loaded as the user would, mutated from one valid request each.
TEST(MutatedRequests, the_oai_examples_answer_every_mutation) {
  const std::string form = "application/x-www-form-urlencoded";
  const std::vector<std::pair<std::string, HttpRequest>> seeds = {
      {"api-with-examples", request("GET", "/v2")},
      {"callback-example", request("POST", "/streams?callbackUrl=https://tonys-server.com/x?y=1")},
      {"link-example", request("GET", "/2.0/repositories/alice/repo/pullrequests?state=merged")},
      {"petstore-expanded",
       request("POST", "/v2/pets?tags=a&limit=5", {{"Content-Type", "application/json"}}, R"({"name":"a","tag":"t"})")},
      {"petstore", request("POST", "/v1/pets", {{"Content-Type", "application/json"}}, R"({"id":1,"name":"x"})")},
      {"uspto",
       request("POST", "/ds-api/oa_citations/v1/records", {{"Content-Type", form}}, "criteria=*:*&start=0&rows=100")},
  };
  std::mt19937 rng(4242);
  for (const auto& [name, seed] : seeds) {
    SCOPED_TRACE(name);
    const auto contract = load_ok(read_file(std::string(REQPROBE_OAI_EXAMPLES) + "/" + name + ".yaml"));
    ASSERT_TRUE(contract);
    EXPECT_THAT(run(contract, seed), test::ViolationsAre(std::vector<V>{}));
    for (int round = 0; round < 500; ++round) {
      HttpRequest r = seed;
      if (r.body && rng() % 2 == 0) {
        mutate(*r.body, rng);
      } else if (!r.headers.empty() && rng() % 3 == 0) {
        mutate(r.headers[0].second, rng);
      } else {
        mutate(r.target, rng);
      }
      SCOPED_TRACE("round " + std::to_string(round) + ": " + r.target);
      EXPECT_NO_THROW((void)run(contract, r));
    }
  }
}

}  // namespace
}  // namespace reqprobe::openapi_test
