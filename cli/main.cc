// The reqprobe command: wires the subcommands and maps every outcome to DESIGN.md's exit codes (CLI11's own
// parse-error codes are replaced by 2, so scripts see one "usage error" code).
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "contract_command.h"
#include "exit_codes.h"
#include "fuzz_command.h"
#include "generate_command.h"
#include "mock_command.h"
#include "probe_command.h"
#include "replay_command.h"
#include "reqprobe_build_info.h"
#include "validate_command.h"

namespace {

constexpr const char* kMainFooter =
    R"(Exit codes: 0 success (all valid, no findings), 1 invalid, expectation not met or findings, 2 usage, I/O or
contract error.

Examples:
  reqprobe validate corpus/examples/invalid-rate-limit-above-maximum.json
  reqprobe validate --check-expect --format json corpus/examples/*.json
  reqprobe validate --body body.json
  reqprobe generate --out suite && reqprobe validate --check-expect suite
  reqprobe contract check --contract openapi.yaml
  reqprobe contract export --json-schema
  reqprobe mock --listen 127.0.0.1:8080
  reqprobe replay --target http://127.0.0.1:8080 --report run.jsonl corpus/hss
  reqprobe probe
  reqprobe fuzz --duration 60s --html fuzz.html

Run "reqprobe COMMAND --help" for a command's options.)";

int run(int argc, char** argv) {
  using namespace reqprobe::cli;
  CLI::App app(
      "reqprobe: a strict request validator for HTTP JSON APIs (embedded contract: Huawei Cloud HSS "
      "\"Create a manual image scan task\")",
      "reqprobe");
  app.footer(kMainFooter);
  app.set_version_flag("--version", "reqprobe " REQPROBE_VERSION " (commit " REQPROBE_GIT_COMMIT ")");
  app.require_subcommand(1);
  ValidateOptions validate_options;
  CLI::App* validate = add_validate_command(app, validate_options);
  GenerateOptions generate_options;
  CLI::App* generate = add_generate_command(app, generate_options);
  ContractExportOptions export_options;
  ContractCheckOptions check_options;
  const ContractCommands contract = add_contract_command(app, export_options, check_options);
  MockOptions mock_options;
  CLI::App* mock = add_mock_command(app, mock_options);
  ReplayCommandOptions replay_options;
  CLI::App* replay = add_replay_command(app, replay_options);
  ProbeOptions probe_options;
  CLI::App* probe = add_probe_command(app, probe_options);
  FuzzCommandOptions fuzz_options;
  CLI::App* fuzz = add_fuzz_command(app, fuzz_options);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Help and version "errors" exit 0 as CLI11 says; every real parse error is a usage error: 2.
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitError;
  }
  if (validate->parsed()) return run_validate(validate_options, std::cout, std::cerr);
  if (generate->parsed()) return run_generate(generate_options, std::cout, std::cerr);
  if (contract.export_command->parsed()) return run_contract_export(export_options, std::cout, std::cerr);
  if (contract.check_command->parsed()) return run_contract_check(check_options, std::cout, std::cerr);
  if (mock->parsed()) return run_mock(mock_options, std::cout, std::cerr);
  if (replay->parsed()) return run_replay_command(replay_options, std::cout, std::cerr);
  if (probe->parsed()) return run_probe(probe_options, std::cout, std::cerr);
  if (fuzz->parsed()) return run_fuzz_command(fuzz_options, std::cout, std::cerr);
  std::cerr << app.help();
  return kExitError;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "reqprobe: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "reqprobe: unexpected error\n";
  }
  return reqprobe::cli::kExitError;
}
