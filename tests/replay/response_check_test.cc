// Answers against the documented responses (issue 13): which documented response a status selects (exact code,
// range, default), and for a 2xx to a valid case the outcome and the detail each difference gets - an
// undocumented status, a Content-Type outside the documented ones, a missing body, a JSON body invalid against the
// response schema (with the pointer into the body), a missing required header.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "prepared_case.h"
#include "reqprobe/contract.h"
#include "response_check.h"

namespace reqprobe::replay {
namespace {

const char* const kDocument = R"(openapi: 3.1.0
info: {title: responses, version: '1'}
paths:
  /pets:
    get:
      responses:
        '200':
          description: the pets
          headers:
            X-Total: {required: true, schema: {type: integer}}
            X-Optional: {schema: {type: string}}
          content:
            application/json:
              schema:
                type: array
                items:
                  type: object
                  required: [id, name]
                  properties: {id: {type: integer}, name: {type: string, minLength: 1}}
        '204': {description: nothing}
        4XX:
          description: refused
          content: {application/problem+json: {schema: {type: object}}}
  /text:
    get:
      responses:
        '200': {description: text, content: {text/*: {}}}
        default: {description: anything else, content: {application/json: {schema: {type: object}}}}
  /open:
    get:
      responses: {}
)";

std::shared_ptr<const Contract> contract() {
  static const std::shared_ptr<const Contract> loaded = [] {
    LoadResult result = load_contract(kDocument);
    EXPECT_TRUE(result.ok());
    return result.contract;
  }();
  return loaded;
}

PreparedCase valid_get(const std::string& target) {
  Validator validator(contract());
  PreparedCase kase;
  kase.method = "GET";
  kase.target = target;
  kase.expected_valid = true;
  kase.operation_index = validator.route("GET", target);
  return kase;
}

Exchange answer(int status, std::string content_type, std::string body, std::vector<std::string> headers = {}) {
  Exchange exchange;
  exchange.transport = Exchange::Transport::answered;
  exchange.status = status;
  exchange.content_type = std::move(content_type);
  exchange.body = std::move(body);
  exchange.header_names = std::move(headers);
  return exchange;
}

TEST(ResponseCheck, DocumentedResponseByCodeRangeDefault) {
  const Plan& plan = contract()->plan();
  const Operation& pets = plan.operations[*Validator(contract()).route("GET", "/pets")];
  const Operation& text = plan.operations[*Validator(contract()).route("GET", "/text")];
  struct Row {
    const Operation* operation;
    int status;
    const char* selected;  // nullptr: none
  };
  const Row rows[] = {{&pets, 200, "200"},   {&pets, 204, "204"}, {&pets, 404, "4XX"},     {&pets, 201, nullptr},
                      {&pets, 500, nullptr}, {&text, 200, "200"}, {&text, 201, "default"}, {&text, 503, "default"}};
  for (const Row& row : rows) {
    const Response* response = documented_response(*row.operation, row.status);
    if (row.selected == nullptr) {
      EXPECT_EQ(response, nullptr) << row.status;
    } else {
      ASSERT_NE(response, nullptr) << row.status;
      EXPECT_EQ(response->status, row.selected) << row.status;
    }
  }
}

TEST(ResponseCheck, OutcomesAndDetails) {
  const std::vector<std::string> total = {"x-total", "content-type"};
  struct Row {
    const char* what;
    const char* target;
    Exchange exchange;
    Outcome outcome;
    const char* detail;
  };
  const Row rows[] = {
      {"a valid body with its required header", "/pets",
       answer(200, "application/json; charset=utf-8", R"([{"id":1,"name":"a"}])", total), Outcome::ok, ""},
      {"an empty array is valid too", "/pets", answer(200, "application/json", "[]", total), Outcome::ok, ""},
      {"a documented 204 without content", "/pets", answer(204, "", ""), Outcome::ok, ""},
      {"a 2xx not documented", "/pets", answer(201, "application/json", "[]", total), Outcome::undocumented_status,
       "status 201 is not documented for this operation (documented: 200, 204, 4XX)"},
      {"the required header missing", "/pets", answer(200, "application/json", "[]", {"content-type"}),
       Outcome::response_schema_mismatch,
       "the 200 response requires header x-total, which the answer lacks (/headers/x-total)"},
      {"another Content-Type", "/pets", answer(200, "text/html", "<p>", total), Outcome::content_type_mismatch,
       "Content-Type 'text/html', the 200 response documents application/json"},
      {"no Content-Type", "/pets", answer(200, "", "[]", total), Outcome::content_type_mismatch,
       "Content-Type missing, the 200 response documents application/json"},
      {"no body where one is documented", "/pets", answer(200, "application/json", "", total),
       Outcome::content_type_mismatch, "the 200 response documents a body (application/json), the answer has none"},
      {"a member missing, pointed at", "/pets",
       answer(200, "application/json", R"([{"id":1,"name":"a"},{"id":2}])", total), Outcome::response_schema_mismatch,
       "the body does not match the 200 response schema: required at /1/name"},
      {"the wrong type at the root", "/pets", answer(200, "application/json", R"({"id":1})", total),
       Outcome::response_schema_mismatch, "the body does not match the 200 response schema: type at the root"},
      {"a range admits its subtypes", "/text", answer(200, "text/plain", "hello"), Outcome::ok, ""},
      {"past reqprobe's depth limit only: no verdict", "/pets",
       answer(200, "application/json",
              R"([{"id":1,"name":"a","x":)" + std::string(70, '[') + std::string(70, ']') + "}]", total),
       Outcome::ok, ""},
      {"an error before the limit still counts", "/pets",
       answer(200, "application/json",
              R"([{"id":"1","name":"a","x":)" + std::string(70, '[') + std::string(70, ']') + "}]", total),
       Outcome::response_schema_mismatch, "the body does not match the 200 response schema: type at /0/id"},
      {"default covers other codes; its schema applies", "/text", answer(201, "application/json", "[]"),
       Outcome::response_schema_mismatch, "the body does not match the default response schema: type at the root"},
      {"nothing documented: any 2xx", "/open", answer(201, "text/html", "<p>"), Outcome::ok, ""},
  };
  Validator validator(contract());
  for (const Row& row : rows) {
    const ResponseVerdict verdict = check_response(validator, valid_get(row.target), row.exchange);
    EXPECT_EQ(outcome_name(verdict.outcome), outcome_name(row.outcome)) << row.what << ": " << verdict.detail;
    EXPECT_EQ(verdict.detail.substr(0, std::string(row.detail).size()), row.detail) << row.what;
  }
}

TEST(ResponseCheck, OnlySuccessesToValidCasesAreJudged) {
  Validator validator(contract());
  PreparedCase invalid = valid_get("/pets");
  invalid.expected_valid = false;
  EXPECT_EQ(check_response(validator, invalid, answer(200, "text/html", "<p>")).outcome, Outcome::ok)
      << "an invalid case's 2xx is accepted-invalid, decided before";
  EXPECT_EQ(check_response(validator, valid_get("/pets"), answer(404, "text/html", "<p>")).outcome, Outcome::ok)
      << "error answers are judged by status alone";
  PreparedCase head = valid_get("/pets");
  head.method = "HEAD";
  EXPECT_EQ(check_response(validator, head, answer(200, "application/json", "", {"x-total"})).outcome, Outcome::ok)
      << "HEAD has no body";
}

// --check-errors: a 4xx to an invalid case is held to its documented response (here the 4XX range's problem+json
// object); a status the operation does not document is left to classify(), there being no body to hold it to.
TEST(ResponseCheck, CheckErrorsHoldsRefusalsToTheirDocumentedResponse) {
  Validator validator(contract());
  PreparedCase invalid = valid_get("/pets");
  invalid.expected_valid = false;
  struct Row {
    const char* what;
    Exchange exchange;
    Outcome outcome;
  };
  const Row rows[] = {
      {"the documented error body", answer(400, "application/problem+json", R"({"title":"bad"})"), Outcome::ok},
      {"another Content-Type", answer(400, "application/json", R"({"title":"bad"})"), Outcome::content_type_mismatch},
      {"not the documented schema", answer(404, "application/problem+json", "[]"), Outcome::response_schema_mismatch},
      {"no documented response for it", answer(404, "text/html", "<p>"), Outcome::ok},
  };
  for (const Row& row : rows) {
    const PreparedCase& kase = std::string(row.what) == "no documented response for it" ? valid_get("/open") : invalid;
    PreparedCase copy = kase;
    copy.expected_valid = false;
    EXPECT_EQ(outcome_name(check_response(validator, copy, row.exchange, true).outcome), outcome_name(row.outcome))
        << row.what;
    EXPECT_EQ(check_response(validator, copy, row.exchange, false).outcome, Outcome::ok) << row.what << " (default)";
  }
}

}  // namespace
}  // namespace reqprobe::replay
