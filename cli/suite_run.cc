#include "suite_run.h"

#include "mock_defects.h"
#include "printable_text.h"

namespace reqprobe::cli {

SuiteRun::~SuiteRun() {
  if (mock) mock->stop();
}

std::optional<SuiteRun> start_suite_run(const ContractChoice& contract, std::uint64_t seed,
                                        const gen::Selection& selection, const std::vector<std::string>& defects,
                                        std::string& target, std::ostream& err) {
  if (!target.empty() && !defects.empty()) {
    err << "reqprobe: --defect applies to the in-process mock; it cannot be combined with --target\n";
    return std::nullopt;
  }
  replay::MockDefects parsed;
  std::string error;
  if (!replay::parse_defects(defects, parsed, error)) {
    err << "reqprobe: " << replay::printable_text(error) << "\n";
    return std::nullopt;
  }
  std::optional<LoadedContract> loaded = load_chosen_contract(contract, err);
  if (!loaded) return std::nullopt;
  if (loaded->contract->plan().operations.empty()) {
    err << "reqprobe: the contract has no operations; nothing to generate\n";
    return std::nullopt;
  }
  SuiteRun run;
  gen::GenerateOptions generate;
  generate.seed = seed;
  if (!selection.empty()) {
    generate.operations = gen::select_operations(loaded->contract->plan(), selection);
    if (generate.operations.empty()) {
      err << "reqprobe: no operation matches the selection; nothing to probe\n";
      return std::nullopt;
    }
  }
  run.suite = gen::generate_suite(loaded->contract, generate);
  run.manifest.constraints = gen::contract_constraints(loaded->contract->plan(), generate.operations);
  for (const gen::GeneratedCase& c : run.suite.cases)
    run.manifest.cases.push_back({c.kase.id, c.constraints, c.meant_valid});
  if (target.empty()) {
    replay::MockServerOptions server_options;  // the default event loops: a connection costs a socket, not a thread
    run.mock = std::make_unique<replay::MockServer>(
        std::make_shared<const replay::MockResponder>(loaded->contract, parsed), server_options);
    const int port = run.mock->start();
    if (port < 0) {
      err << "reqprobe: " << run.mock->error() << "\n";
      return std::nullopt;
    }
    target = "http://127.0.0.1:" + std::to_string(port);
  }
  run.loaded = std::move(*loaded);
  return run;
}

}  // namespace reqprobe::cli
