// Every mock defect against every OAI example document (issue 13's done-when): probe's cases replayed against the
// in-process mock of each document, once per defect, over loopback. A defect must be found wherever it changes the
// answer a case must get, and nowhere else:
//   - a violation-ignoring defect (ignore-code-*, skip-max-length, accept-unknown-fields): every case whose errors
//     it ignores all is accepted-invalid; findings only on cases with an error it ignores;
//   - error-500-on-long-strings / error-500-on-null: server-error on every case with a max_length error / a body
//     holding null, and only there;
//   - wrong-content-type: a finding on every valid case whose success response documents a body; undocumented-
//     status: on every valid case of an operation documenting neither `default` nor 2XX; drop-required-member:
//     findings only on valid cases with a documented schema, at least one per document.
// A defect no case of a document exercises is not replayed (the mock's answers cannot change) and is listed.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "generator.h"
#include "mock_responder.h"
#include "mock_server.h"
#include "replay_run.h"
#include "response_check.h"

namespace reqprobe::replay {
namespace {

std::shared_ptr<const Contract> load(const std::string& name) {
  std::ifstream file(std::string(REQPROBE_SOURCE_DIR) + "/tests/data/openapi/oai-examples/" + name);
  std::ostringstream text;
  text << file.rdbuf();
  LoadResult result = load_contract(text.str());
  EXPECT_TRUE(result.ok()) << name;
  return result.contract;
}

std::vector<Violation> errors_of(const Case& kase) {
  std::vector<Violation> errors;
  for (const Violation& v : kase.expect.violations)
    if (v.severity == Severity::error) errors.push_back(v);
  return errors;
}

// What a defect does to one case: may it be a finding, and must it be one.
struct Effect {
  bool may = false;
  bool must = false;
};

// The success response a valid case's operation documents (the mock answers it), or null.
const Response* success_response(const Plan& plan, const Case& kase, Validator& validator) {
  if (!errors_of(kase).empty()) return nullptr;
  const std::optional<std::size_t> operation = validator.route(kase.method, kase.target);
  if (!operation) return nullptr;
  return documented_response(plan.operations[*operation], expected_answer(plan, operation, {}, {}).status);
}

bool documents_default(const Plan& plan, const Case& kase, Validator& validator) {
  const std::optional<std::size_t> operation = validator.route(kase.method, kase.target);
  if (!operation) return false;
  for (const Response& r : plan.operations[*operation].responses)
    if (r.status == "default" || r.status == "2XX" || r.status == "2xx") return true;
  return false;
}

Effect effect_of(const std::string& defect, const MockDefects& parsed, const Plan& plan, const Case& kase,
                 Validator& validator) {
  const std::vector<Violation> errors = errors_of(kase);
  if (defect == "error-500-on-long-strings") {
    const bool hit =
        std::any_of(errors.begin(), errors.end(), [](const Violation& v) { return v.code == Code::max_length; });
    return {hit, hit};
  }
  if (defect == "error-500-on-null") {
    const bool hit = kase.body && has_null_value(*kase.body);
    return {hit, hit};
  }
  const Response* success = success_response(plan, kase, validator);
  if (defect == "wrong-content-type") {
    const bool hit = success != nullptr && !success->content.empty();
    return {hit, hit};
  }
  if (defect == "drop-required-member") {  // found where the schema refuses the broken body: checked per document
    bool hit = false;
    if (success != nullptr)
      for (const Response::Media& media : success->content) hit = hit || media.node != kNone;
    return {hit, false};
  }
  if (defect == "undocumented-status") {  // with `default` or 2XX documented, the 2xx falls under it
    const bool hit = errors.empty() && !documents_default(plan, kase, validator);
    return {errors.empty(), hit};
  }
  // Ignoring violations: a case whose errors are all ignored is accepted, a finding unless they are all past
  // reqprobe's own limits (accepting those is right, outcome.h).
  std::size_t ignored = 0, limits = 0;
  for (const Violation& v : errors) {
    ignored += parsed.ignores(v, {}) ? 1 : 0;
    limits += v.code == Code::limit ? 1 : 0;
  }
  return {ignored > 0, ignored > 0 && ignored == errors.size() && limits < errors.size()};
}

struct Replayed {
  std::map<std::string, Outcome> outcomes;
  int exit_code = 0;
};

Replayed replay_with(const std::shared_ptr<const Contract>& contract, const std::vector<ReplayInput>& inputs,
                     const MockDefects& defects) {
  MockServer server(std::make_shared<const MockResponder>(contract, defects), MockServerOptions{});
  const int port = server.start();
  EXPECT_GT(port, 0) << server.error();
  ReplayOptions options;
  options.target = "http://127.0.0.1:" + std::to_string(port);
  options.show_findings = 0;
  const auto dir = std::filesystem::temp_directory_path() / ("reqprobe-doc-defects-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  options.report = (dir / "r.jsonl").string();  // reproduction bodies go beside it
  std::ostringstream out, err;
  const std::atomic<bool> stop{false};
  const ReplayRun run = run_replay(contract, inputs, options, out, err, stop);
  server.stop();
  std::filesystem::remove_all(dir);
  Replayed replayed;
  replayed.exit_code = run.exit_code;
  for (const CaseResult& r : run.results) replayed.outcomes[r.id] = r.outcome;
  return replayed;
}

class EachDocument : public ::testing::TestWithParam<std::string> {};

TEST_P(EachDocument, EveryDefectIsFoundWhereItChangesAnAnswer) {
  const std::shared_ptr<const Contract> contract = load(GetParam());
  ASSERT_NE(contract, nullptr);
  const Plan& plan = contract->plan();
  Validator validator(contract);
  std::vector<ReplayInput> inputs;
  for (gen::GeneratedCase& generated : gen::generate_suite(contract, {}).cases)
    inputs.push_back({std::move(generated.kase), ""});
  ASSERT_FALSE(inputs.empty());

  // Cases for every operation: each routes at least one.
  std::vector<std::size_t> per_operation(plan.operations.size(), 0);
  for (const ReplayInput& input : inputs)
    if (const std::optional<std::size_t> op = validator.route(input.kase.method, input.kase.target))
      ++per_operation[*op];
  for (std::size_t i = 0; i < plan.operations.size(); ++i)
    EXPECT_GT(per_operation[i], 0u) << "no case for " << plan.operations[i].method << " "
                                    << plan.operations[i].path_template;

  const Replayed faithful = replay_with(contract, inputs, MockDefects{});
  EXPECT_EQ(faithful.exit_code, 0) << "the faithful mock must give no finding";

  std::vector<std::string> unexercised;
  std::size_t replayed_defects = 0;
  for (const DefectInfo& info : defect_catalog()) {
    const std::string& name = info.name;
    // Transport faults and HSS's own field are judged in loopback_test.cc; they change no verdict.
    if (name == "slow-answers" || name == "flaky-connections" || name == "rate-limit-storm" ||
        name == "hang-on-deep-nesting" || name == "close-without-answer" || name == "accept-rate-limit-above-max" ||
        name == "ignore-token")
      continue;
    SCOPED_TRACE(name);
    MockDefects parsed;
    std::string error;
    ASSERT_TRUE(parse_defects(std::vector<std::string>{name}, parsed, error)) << error;
    std::map<std::string, Effect> effects;
    bool any = false;
    for (const ReplayInput& input : inputs) {
      const Effect e = effect_of(name, parsed, plan, input.kase, validator);
      effects[input.kase.id] = e;
      any = any || e.may;
    }
    if (!any) {
      unexercised.push_back(name);
      continue;
    }
    ++replayed_defects;
    const Replayed run = replay_with(contract, inputs, parsed);
    std::size_t findings = 0;
    for (const auto& [id, outcome] : run.outcomes) {
      const Effect& e = effects[id];
      if (is_finding(outcome)) {
        ++findings;
        EXPECT_TRUE(e.may) << id << ": " << outcome_name(outcome) << " on a case the defect does not touch";
      } else if (e.must) {
        ADD_FAILURE() << "missed: " << id << " (" << outcome_name(outcome) << ")";
      }
    }
    if (name == "drop-required-member") {
      EXPECT_GT(findings, 0u) << "no finding for a success body without its required member";
    }
  }
  EXPECT_GT(replayed_defects, 0u);
  std::string list;
  for (const std::string& name : unexercised) list += (list.empty() ? "" : ", ") + name;
  std::cout << GetParam() << ": " << replayed_defects << " defects replayed; not exercised by its cases: " << list
            << "\n";
}

INSTANTIATE_TEST_SUITE_P(OaiExamples, EachDocument,
                         ::testing::Values("api-with-examples.yaml", "callback-example.yaml", "link-example.yaml",
                                           "petstore-expanded.yaml", "petstore.yaml", "uspto.yaml"),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string name = param.param.substr(0, param.param.find('.'));
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace reqprobe::replay
