// Selection in mock and replay (issue 13): a mock started with a selection serves only those operations (the others
// are absent: 404), and replay with a selection sends only the cases that route to those operations. Over real
// loopback HTTP, against the in-process mock of petstore-expanded.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "generator.h"
#include "mock_server.h"
#include "replay_run.h"

namespace reqprobe::replay {
namespace {

std::shared_ptr<const Contract> petstore() {
  static const std::shared_ptr<const Contract> loaded = [] {
    std::ifstream file(std::string(REQPROBE_SOURCE_DIR) + "/tests/data/openapi/oai-examples/petstore-expanded.yaml");
    std::ostringstream text;
    text << file.rdbuf();
    LoadResult result = load_contract(text.str());
    EXPECT_TRUE(result.ok());
    return result.contract;
  }();
  return loaded;
}

std::uint32_t index_of(const std::string& id) {
  const Plan& plan = petstore()->plan();
  for (std::uint32_t i = 0; i < plan.operations.size(); ++i)
    if (plan.operations[i].id == id) return i;
  ADD_FAILURE() << "no operation " << id;
  return 0;
}

struct Replayed {
  ReplayRun run;
  std::string out;
};

Replayed replay_against(std::vector<std::uint32_t> served, std::optional<std::vector<std::uint32_t>> selection) {
  MockServer server(std::make_shared<const MockResponder>(petstore(), MockDefects{}, MockTimings{}, std::move(served)),
                    MockServerOptions{});
  const int port = server.start();
  EXPECT_GT(port, 0) << server.error();
  std::vector<ReplayInput> inputs;
  for (gen::GeneratedCase& generated : gen::generate_suite(petstore(), {}).cases)
    inputs.push_back({std::move(generated.kase), ""});
  ReplayOptions options;
  options.target = "http://127.0.0.1:" + std::to_string(port);
  options.operations = std::move(selection);
  options.show_findings = 0;
  const auto dir = std::filesystem::temp_directory_path() / ("reqprobe-selection-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  options.report = (dir / "r.jsonl").string();  // reproduction bodies go beside it, not into the working folder
  std::ostringstream out, err;
  const std::atomic<bool> stop{false};
  Replayed result{run_replay(petstore(), inputs, options, out, err, stop), out.str() + err.str()};
  server.stop();
  std::filesystem::remove_all(dir);
  return result;
}

TEST(Selection, ReplaySendsOnlyTheSelectedOperationsCases) {
  const Replayed selected = replay_against({}, std::vector<std::uint32_t>{index_of("addPet")});
  EXPECT_EQ(selected.run.exit_code, 0) << selected.out;
  ASSERT_GT(selected.run.results.size(), 30u);
  for (const CaseResult& result : selected.run.results) EXPECT_EQ(result.operation, "addPet") << result.id;

  const Replayed all = replay_against({}, std::nullopt);
  EXPECT_EQ(all.run.exit_code, 0) << all.out;
  EXPECT_GT(all.run.results.size(), selected.run.results.size() + 50);
}

TEST(Selection, AMockWithASelectionAnswersTheOthers404) {
  // Serving addPet alone, every valid case of another operation is refused (404): rejected-valid, and only those.
  const Replayed run = replay_against({index_of("addPet")}, std::nullopt);
  EXPECT_EQ(run.run.exit_code, 1);
  std::size_t rejected = 0;
  for (const CaseResult& result : run.run.results) {
    if (result.outcome == Outcome::ok) continue;
    EXPECT_EQ(result.outcome, Outcome::rejected_valid) << result.id << ": " << result.detail;
    EXPECT_NE(result.operation, "addPet") << result.id;
    ++rejected;
  }
  EXPECT_GT(rejected, 10u);
}

}  // namespace
}  // namespace reqprobe::replay
