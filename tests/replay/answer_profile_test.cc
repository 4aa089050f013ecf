// The OpenAPI answer profile (Plan::answer_profile, x-reqprobe-answers): what an endpoint may answer, taken from the
// operation's documented responses, and what the mock answers; the HSS profile stays SPEC.md's exact answers.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "error_response.h"
#include "prepared_case.h"
#include "reqprobe/contract.h"
#include "reqprobe/validator.h"
#include "status_overrides.h"

namespace reqprobe::replay {
namespace {

constexpr std::string_view kDocument = R"(openapi: 3.0.3
info: {title: answers, version: "1"}
paths:
  /items:
    post:
      security: [{key: []}]
      requestBody:
        required: true
        content: {application/json: {schema: {type: object, required: [name], properties: {name: {type: string}}}}}
      responses:
        '201': {description: created}
        '400': {description: bad}
        '422': {description: unprocessable}
        '401': {description: no key}
    get:
      parameters: [{name: limit, in: query, schema: {type: integer}}]
      responses:
        '200': {description: ok}
        default: {description: error}
  /plain:
    get:
      parameters: [{name: n, in: query, required: true, schema: {type: integer}}]
      responses: {'200': {description: ok}}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
)";

struct Row {
  const char* name;
  Request request;
  int status;                 ///< the mock's pick
  std::vector<int> allowed;   ///< empty: any 4xx (or any 2xx for a valid request)
  std::vector<int> fits;      ///< statuses that must fit
  std::vector<int> not_fits;  ///< statuses that must not
};

TEST(AnswerProfile, OpenApiStatusesComeFromTheOperationsResponses) {
  const LoadResult loaded = load_contract(kDocument);
  ASSERT_TRUE(loaded.ok()) << loaded.errors[0].describe();
  ASSERT_EQ(loaded.contract->plan().answer_profile, AnswerProfile::openapi);
  Validator validator(loaded.contract);
  const std::vector<Header> json_key = {{"Content-Type", "application/json"}, {"X-Key", "k"}};
  const std::vector<Header> json_only = {{"Content-Type", "application/json"}};
  const std::vector<Header> text_key = {{"Content-Type", "text/plain"}, {"X-Key", "k"}};
  const std::vector<Row> rows = {
      {"valid: the lowest documented 2xx",
       {"POST", "/items", json_key, R"({"name":"a"})"},
       201,
       {},
       {200, 201, 204},
       {400, 500}},
      {"invalid body: 400, one of the documented 4xx",
       {"POST", "/items", json_key, R"({})"},
       400,
       {400, 401, 422},
       {400, 401, 422},
       {404, 200, 500}},
      {"missing credential: 401",
       {"POST", "/items", json_only, R"({"name":"a"})"},
       401,
       {400, 401, 422},
       {401, 422},
       {403}},
      {"wrong media type: 415 is not documented, 400 is",
       {"POST", "/items", text_key, "x"},
       400,
       {400, 401, 422},
       {400},
       {415}},
      {"default documented: any 4xx",
       {"GET", "/items?limit=x", {}, std::nullopt},
       400,
       {},
       {400, 404, 418},
       {200, 500}},
      {"no 4xx documented: any 4xx", {"GET", "/plain", {}, std::nullopt}, 400, {}, {400, 422}, {200}},
      {"no such path: 404, any 4xx", {"GET", "/nowhere", {}, std::nullopt}, 404, {}, {404, 400}, {200}},
      {"no such method: 405, any 4xx", {"DELETE", "/items", {}, std::nullopt}, 405, {}, {405, 404}, {500}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    const Report report = validator.validate(row.request);
    const ExpectedResponse r = expected_answer(
        loaded.contract->plan(), validator.route(row.request.method, row.request.target), report.violations, {});
    EXPECT_FALSE(r.exact);
    EXPECT_EQ(r.status, row.status);
    EXPECT_EQ(r.allowed, row.allowed);
    for (const int s : row.fits) EXPECT_TRUE(r.status_fits(s)) << s;
    for (const int s : row.not_fits) EXPECT_FALSE(r.status_fits(s)) << s;
  }
}

// Past reqprobe's own safety limits only (no document states them): accepting and refusing are both right, and a
// 5xx is not. With another error besides, the usual rule holds.
TEST(AnswerProfile, PastReqprobesOwnLimitsEitherAnswerIsRight) {
  const LoadResult loaded = load_contract(kDocument);
  ASSERT_TRUE(loaded.ok());
  ValidatorOptions options;
  options.limits.max_depth = 3;
  Validator validator(loaded.contract, options);
  const std::vector<Header> json_key = {{"Content-Type", "application/json"}, {"X-Key", "k"}};
  const Request deep{"POST", "/items", json_key, R"({"name":"a","extra":[[[1]]]})"};
  const Report report = validator.validate(deep);
  ASSERT_EQ(report.violations.size(), 1u);
  ASSERT_EQ(report.violations[0].code, Code::limit);
  const ExpectedResponse r =
      expected_answer(loaded.contract->plan(), validator.route("POST", "/items"), report.violations, {});
  EXPECT_TRUE(r.either);
  for (const int s : {200, 201, 400, 413, 422}) EXPECT_TRUE(r.status_fits(s)) << s;
  for (const int s : {302, 500, 503}) EXPECT_FALSE(r.status_fits(s)) << s;
  EXPECT_EQ(r.describe(), "a 2xx or a 4xx (past reqprobe's own limits)");
}

// A limit ends validation, so what lies past it is unseen: the preparer validates such a case again with the limits
// lifted, and one that is invalid for another reason too (no name) must be refused.
TEST(AnswerProfile, PastALimitAndInvalidBesidesMustBeRefused) {
  const LoadResult loaded = load_contract(kDocument);
  ASSERT_TRUE(loaded.ok());
  ValidatorOptions options;
  options.limits.max_depth = 3;
  CasePreparer preparer(loaded.contract, options, {}, "127.0.0.1:9");
  Case kase;
  kase.id = "deep";
  kase.method = "POST";
  kase.target = "/items";
  kase.headers = {{"Content-Type", "application/json"}, {"X-Key", "k"}};
  kase.body = R"({"name":"a","extra":[[[1]]]})";
  EXPECT_TRUE(preparer.prepare(kase, "").expected.either) << "past the depth limit only";
  kase.body = R"({"extra":[[[1]]]})";
  const PreparedCase nameless = preparer.prepare(kase, "");
  ASSERT_FALSE(nameless.expected_valid);
  EXPECT_FALSE(nameless.expected.either) << "name is missing too";
  EXPECT_FALSE(nameless.expected.status_fits(201));
}

// --expect-statuses: the file's statuses for the deciding violation's code, an operation's entry over the
// document-wide one, a code over "*"; where the file says nothing the document's rule holds.
TEST(AnswerProfile, ExpectedStatusesFromTheUsersFile) {
  const LoadResult loaded = load_contract(kDocument);
  ASSERT_TRUE(loaded.ok());
  const auto dir = std::filesystem::temp_directory_path() / "reqprobe-expect-statuses";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "statuses.json")
      << R"({"statuses": {"content_type": [415], "*": [400]}, "operations": {"POST /items": {"required": [422, 409]}}})";
  StatusOverrides overrides;
  std::string error;
  ASSERT_TRUE(read_status_overrides((dir / "statuses.json").string(), overrides, error)) << error;
  EXPECT_TRUE(check_status_overrides(loaded.contract->plan(), overrides, error)) << error;
  Validator validator(loaded.contract);
  const std::vector<Header> json_key = {{"Content-Type", "application/json"}, {"X-Key", "k"}};
  const std::vector<Header> text_key = {{"Content-Type", "text/plain"}, {"X-Key", "k"}};
  struct StatusRow {
    const char* name;
    Request request;
    std::vector<int> allowed;
  };
  const std::vector<StatusRow> rows = {
      {"the operation's entry for `required`", {"POST", "/items", json_key, R"({})"}, {409, 422}},
      {"the file-wide entry for content_type", {"POST", "/items", text_key, "x"}, {415}},
      {"\"*\" for any other code", {"GET", "/items?limit=x", {}, std::nullopt}, {400}},
  };
  for (const StatusRow& row : rows) {
    SCOPED_TRACE(row.name);
    const Report report = validator.validate(row.request);
    const ExpectedResponse r =
        expected_answer(loaded.contract->plan(), validator.route(row.request.method, row.request.target),
                        report.violations, {}, &overrides);
    EXPECT_EQ(r.allowed, row.allowed);
    EXPECT_TRUE(r.status_fits(row.allowed.front()));
    EXPECT_FALSE(r.status_fits(418));
  }

  struct Bad {
    const char* text;
    const char* error;
  };
  const Bad bads[] = {
      {"[1]", "must hold an object"},
      {R"({"statuses": {"typo": [400]}})", "'typo' is no violation code"},
      {R"({"statuses": {"type": []}})", "/statuses/type must be a non-empty array of statuses"},
      {R"({"statuses": {"type": [99]}})", "each status is an integer from 100 to 599"},
      {R"({"status": {}})", "unknown key 'status'"},
      {"{", "is not JSON"},
  };
  for (const Bad& bad : bads) {
    std::ofstream(dir / "bad.json", std::ios::trunc) << bad.text;
    StatusOverrides out;
    EXPECT_FALSE(read_status_overrides((dir / "bad.json").string(), out, error)) << bad.text;
    EXPECT_NE(error.find(bad.error), std::string::npos) << error;
  }
  std::ofstream(dir / "unknown.json", std::ios::trunc) << R"({"operations": {"nope": {"type": [400]}}})";
  StatusOverrides unknown;
  ASSERT_TRUE(read_status_overrides((dir / "unknown.json").string(), unknown, error));
  EXPECT_FALSE(check_status_overrides(loaded.contract->plan(), unknown, error));
  EXPECT_NE(error.find("the document has no operation 'nope'; its operations: GET /items, POST /items, GET /plain"),
            std::string::npos)
      << error;
  std::filesystem::remove_all(dir);
}

TEST(AnswerProfile, HssKeepsItsExactAnswers) {
  const LoadResult loaded = load_embedded_contract();
  ASSERT_TRUE(loaded.ok());
  ASSERT_EQ(loaded.contract->plan().answer_profile, AnswerProfile::exact);
  Validator validator(loaded.contract);
  const Request nowhere{"GET", "/nowhere", {}, std::nullopt};
  const Report report = validator.validate(nowhere);
  const ExpectedResponse r =
      expected_answer(loaded.contract->plan(), validator.route("GET", "/nowhere"), report.violations, {});
  EXPECT_TRUE(r.exact);
  EXPECT_EQ(r.describe(), "404 APIGW.0101");
  EXPECT_FALSE(r.status_fits(400));
}

TEST(AnswerProfile, AnUnknownProfileIsALoadError) {
  std::string document(kDocument);
  document.insert(document.find("info:"), "x-reqprobe-answers: soap\n");
  const LoadResult loaded = load_contract(document);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.errors[0].pointer, "/x-reqprobe-answers");
}

TEST(AnswerProfile, ProblemDetailsBody) {
  EXPECT_EQ(
      problem_body(422, "name: \"x\" is too long"),
      R"({"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"name: \"x\" is too long"})");
}

}  // namespace
}  // namespace reqprobe::replay
