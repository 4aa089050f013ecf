// Fail-fast and exhaustive modes agree on the verdict, and validation is deterministic, on every input of the
// table-driven suites (they register their tables with register_cases; run_request/run_body check the same on
// every other input as it is used).
#include "test_support.h"

namespace reqprobe::test {
namespace {

TEST(Modes, the_suites_registered_their_inputs) {
  EXPECT_GT(registered_body_cases().size(), 1000u);
  EXPECT_GT(registered_request_cases().size(), 150u);
}

TEST(Modes, fail_fast_agrees_with_exhaustive_on_every_registered_body) {
  for (const BodyCase& c : registered_body_cases()) {
    SCOPED_TRACE("body case: " + c.name);
    Validator validator(contract(c.enable), c.options);
    const Report report = validator.validate_body(c.body);
    EXPECT_EQ(validator.is_valid_body(c.body), report.valid());
    if (c.body.empty()) continue;
    const HttpRequest http = valid_request().with_body(c.body);
    const RequestView view(http);
    EXPECT_EQ(validator.is_valid(view.get()), validator.validate(view.get()).valid());
  }
}

TEST(Modes, fail_fast_agrees_with_exhaustive_on_every_registered_request) {
  for (const RequestCase& c : registered_request_cases()) {
    SCOPED_TRACE("request case: " + c.name);
    Validator validator(contract(c.enable), c.options);
    const RequestView view(c.request);
    const Report report = validator.validate(view.get());
    EXPECT_EQ(validator.is_valid(view.get()), report.valid());
  }
}

// One validator runs every registered input twice, interleaved with others, so that scratch memory left by one
// input (key sets, frames, decoded text) can not change the report of the next.
TEST(Modes, reports_are_deterministic_across_reuse) {
  Validator reused(contract());
  std::vector<Report> first;
  std::vector<const BodyCase*> bodies;
  const std::vector<BodyCase> cases = registered_body_cases();
  for (const BodyCase& c : cases) {
    if (!c.enable.empty() || !same_limits(c.options.limits, Limits{}) || c.options.unknown_as_warning) continue;
    bodies.push_back(&c);
    first.push_back(reused.validate_body(c.body));
  }
  for (std::size_t i = bodies.size(); i-- > 0;) {
    SCOPED_TRACE("body case: " + bodies[i]->name);
    Validator fresh(contract());
    const Report again = reused.validate_body(bodies[i]->body);
    EXPECT_TRUE(same_report(first[i], again));
    EXPECT_TRUE(same_report(first[i], fresh.validate_body(bodies[i]->body)));
  }
}

TEST(Modes, request_reports_are_deterministic_across_reuse) {
  Validator reused(contract());
  std::vector<Report> first;
  std::vector<const RequestCase*> requests;
  const std::vector<RequestCase> cases = registered_request_cases();
  for (const RequestCase& c : cases) {
    if (!c.enable.empty() || !same_limits(c.options.limits, Limits{}) || c.options.unknown_as_warning) continue;
    requests.push_back(&c);
    const RequestView view(c.request);
    first.push_back(reused.validate(view.get()));
  }
  for (std::size_t i = requests.size(); i-- > 0;) {
    SCOPED_TRACE("request case: " + requests[i]->name);
    const RequestView view(requests[i]->request);
    EXPECT_TRUE(same_report(first[i], reused.validate(view.get())));
  }
}

TEST(Modes, warnings_alone_keep_both_modes_valid) {
  const std::string r3 = R"({"is_all":true,"query_info":{"start_latest_update_time":2,"end_latest_update_time":1}})";
  Validator relaxed(contract(), unknown_as_warning());
  for (const std::string& body : {r3, std::string(R"({"is_all":true,"x":1,"y":2})")}) {
    SCOPED_TRACE(body);
    EXPECT_TRUE(relaxed.is_valid_body(body));
    EXPECT_TRUE(relaxed.validate_body(body).valid());
  }
}

// Exhaustive mode stops after max_violations with a `limit` error. When every violation so far is a warning, that
// cut-off must not make the two modes disagree (DESIGN.md: they must agree on the verdict).
TEST(Modes, more_warnings_than_max_violations_do_not_split_the_verdict) {
  std::string body = R"({"is_all":true)";
  for (int i = 0; i < 5; ++i) body += ",\"k" + std::to_string(i) + "\":0";
  body += "}";
  ValidatorOptions options = unknown_as_warning();
  options.limits.max_violations = 3;
  Validator validator(contract(), options);
  EXPECT_EQ(validator.is_valid_body(body), validator.validate_body(body).valid());

  const HttpRequest http = valid_request().with_query("a=1&b=2&c=3&d=4");
  const RequestView view(http);
  EXPECT_EQ(validator.is_valid(view.get()), validator.validate(view.get()).valid());
}

TEST(Modes, fail_fast_builds_no_report_but_exhaustive_has_messages) {
  Validator validator(contract());
  const Report report = validator.validate_body(R"({"is_all":true,"rate_limit":1001})");
  ASSERT_EQ(report.violations.size(), 1u);
  EXPECT_FALSE(report.violations[0].message.empty());
  EXPECT_FALSE(validator.is_valid_body(R"({"is_all":true,"rate_limit":1001})"));
}

}  // namespace
}  // namespace reqprobe::test
