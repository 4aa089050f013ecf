#include "probe_command.h"

#include <algorithm>
#include <memory>

#include "exit_codes.h"
#include "generate_command.h"
#include "printable_text.h"
#include "stop_signal.h"
#include "suite_run.h"

namespace reqprobe::cli {
namespace {

constexpr const char* kProbeFooter =
    R"(A probe campaign in one command: the suite `reqprobe generate` would write (every boundary and negative
case, in memory) is replayed as `reqprobe replay` does, with the same options, outcomes and reports. Without
--target the embedded mock is started in this process on a free loopback port (with --defect, a buggy one), so
a faithful build reports zero findings.

Exit codes: 0 no findings, 1 findings, 2 usage, I/O or contract error, an interrupted run, or a dead endpoint.

Examples:
  reqprobe probe
  reqprobe probe --report probe.jsonl --junit probe.xml
  reqprobe probe --defect accept-unknown-fields --defect error-500-on-long-strings
  reqprobe probe --contract openapi.yaml --tag pets --exclude-method DELETE
  reqprobe probe --target http://127.0.0.1:8080
  HSS_TOKEN=... reqprobe probe --target https://hss.example.com --token-env HSS_TOKEN --only invalid --rate 5)";

}  // namespace

CLI::App* add_probe_command(CLI::App& app, ProbeOptions& options) {
  CLI::App* command =
      app.add_subcommand("probe", "Generate the case suite and replay it (against the embedded mock by default)");
  command->footer(kProbeFooter);
  command->add_option("--target", options.replay.run.target, "The endpoint (default: the mock, started in-process)")
      ->type_name("URL");
  command->add_option("--seed", options.seed, "Seed of the generated suite (default 1)");
  command
      ->add_option("--defect", options.defects,
                   "Defect of the in-process mock (repeatable; see `reqprobe mock --help`)")
      ->type_name("NAME")
      ->allow_extra_args(false);
  add_replay_options(*command, options.replay);
  add_selection_options(*command, options.selection);
  return command;
}

int run_probe(const ProbeOptions& options, std::ostream& out, std::ostream& err) {
  std::optional<replay::ReplayOptions> run = replay_options(options.replay, err);
  if (!run) return kExitError;
  const bool in_process = run->target.empty();
  std::optional<SuiteRun> suite =
      start_suite_run(options.replay.contract, options.seed, options.selection, options.defects, run->target, err);
  if (!suite) return kExitError;
  std::vector<replay::ReplayInput> inputs;
  inputs.reserve(suite->suite.cases.size());
  for (gen::GeneratedCase& generated : suite->suite.cases) inputs.push_back({std::move(generated.kase), ""});
  run->manifest = std::move(suite->manifest);
  out << "probe: " << inputs.size() << " generated cases (seed " << options.seed << ") against "
      << (in_process ? "the embedded mock at " + run->target + (options.defects.empty() ? "" : " with defects")
                     : replay::printable_text(run->target))
      << "\n";
  const std::atomic<bool>& stop = replay::install_stop_signals();
  return replay::run_replay(suite->loaded.contract, inputs, *run, out, err, stop).exit_code;
}

}  // namespace reqprobe::cli
