#include "fuzz_command.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "exit_codes.h"
#include "fuzz_campaign.h"
#include "generate_command.h"
#include "printable_text.h"
#include "stop_signal.h"
#include "suite_run.h"

namespace reqprobe::cli {
namespace {

constexpr double kMaxDurationSeconds = 30.0 * 24 * 3600;  // a month: longer is a typo, and fits any clock

constexpr const char* kFuzzFooter =
    R"(Keeps sending new, edgy requests for a set time and reports each distinct problem once. It starts with the
suite `reqprobe generate` would write, then mutates those cases: constraint edges, type swaps, escapes and
encodings, duplicated and dropped members, nesting, and header, query, path, method and Content-Type edits. Every
mutant is judged by the validator on its exact bytes before it is sent, so its expected verdict is never a guess.
A mutant whose answer has a shape not seen before (status, error code, body members, latency band) becomes a seed.

Findings are grouped into buckets (operation, outcome, the deciding violation with array indices as *, status,
error code). Each bucket keeps its smallest reproducer, shrunk at the end by steps that are each re-validated and
re-sent. In --out DIR: buckets.json, bucket-NNN.json (a case file `reqprobe replay` sends again),
bucket-NNN.sh (a curl command), report.jsonl, junit.xml and report.sarif.

Safety as in replay: valid mutants go only to loopback unless --allow-valid-remote; --rate and Retry-After are
honoured; --max-dead cases in a row without an answer stop the run; Ctrl-C writes everything found so far, and
--resume DIR carries on from it.

Exit codes: 0 no buckets, 1 buckets, 2 usage, I/O or contract error, an interrupted run, or a dead endpoint.

Examples:
  reqprobe fuzz --duration 60s
  reqprobe fuzz --duration 60s --defect accept-unknown-fields --out fuzz-out --html fuzz.html
  reqprobe fuzz --contract openapi.yaml --operation addPet --credential api_key=env:PET_KEY --requests 5000
  reqprobe fuzz --target http://127.0.0.1:8080 --duration 10m --rate 200 --out nightly
  reqprobe fuzz --resume nightly --duration 10m)";

}  // namespace

bool parse_duration(const std::string& text, double& seconds) {
  // Digits, at most one '.' inside them, then s, m or h: no signs, spaces, exponents or hex, which strtod allows.
  std::size_t i = 0, digits = 0, dots = 0;
  for (; i < text.size() && ((text[i] >= '0' && text[i] <= '9') || text[i] == '.'); ++i)
    text[i] == '.' ? ++dots : ++digits;
  if (digits == 0 || dots > 1 || text.front() == '.' || text[i - 1] == '.') return false;
  const std::string unit = text.substr(i);
  const double scale = unit.empty() || unit == "s" ? 1 : unit == "m" ? 60 : unit == "h" ? 3600 : 0;
  const double value = std::strtod(text.substr(0, i).c_str(), nullptr) * scale;
  if (scale == 0 || !(value > 0) || value > kMaxDurationSeconds) return false;
  seconds = value;
  return true;
}

CLI::App* add_fuzz_command(CLI::App& app, FuzzCommandOptions& options) {
  CLI::App* command = app.add_subcommand(
      "fuzz", "Mutate the generated suite for a set time and report each distinct problem once, minimised");
  command->footer(kFuzzFooter);
  command->add_option("--target", options.replay.run.target, "The endpoint (default: the mock, started in-process)")
      ->type_name("URL");
  options.duration_option =
      command
          ->add_option("--duration", options.duration, "How long to fuzz: 90s, 10m, 1h (default 10m unless --requests)")
          ->type_name("TIME");
  command->add_option("--requests", options.requests, "Stop after this many requests")->type_name("N");
  command->add_option("--seed", options.seed, "Seed of the suite and of the mutations (default 1)");
  command->add_option("--out", options.out, "Directory for the buckets and reports (default reqprobe-fuzz)")
      ->type_name("DIR");
  command->add_option("--batch", options.batch, "Mutants judged and sent per round (default 64)")->type_name("N");
  command->add_option("--valid-share", options.valid_share, "At most this share of a round is valid mutants (0.25)")
      ->type_name("FRACTION");
  command->add_option("--shrink-sends", options.shrink_sends, "Requests each bucket's minimisation may send (48)")
      ->type_name("N");
  command
      ->add_option("--defect", options.defects,
                   "Defect of the in-process mock (repeatable; see `reqprobe mock --help`)")
      ->type_name("NAME")
      ->allow_extra_args(false);
  add_replay_options(*command, options.replay);
  // Replay's --resume takes a JSONL report; a fuzz run resumes from its --out directory.
  command->get_option("--resume")
      ->description(
          "Carry on from an earlier run's --out directory: its buckets are kept and sent again first, "
          "and the mutations continue where it stopped")
      ->type_name("DIR");
  command->get_option("--report")->description("JSON lines report of the buckets' reproducers (also in --out)");
  add_selection_options(*command, options.selection);
  return command;
}

int run_fuzz_command(const FuzzCommandOptions& options, std::ostream& out, std::ostream& err) {
  replay::FuzzOptions fuzz;
  const bool duration_given = options.duration_option != nullptr && options.duration_option->count() > 0;
  if (duration_given && !parse_duration(options.duration, fuzz.duration_seconds)) {
    err << "reqprobe: --duration takes a time such as 90s, 10m or 1h, not '" << replay::printable_text(options.duration)
        << "'\n";
    return kExitError;
  }
  if (!duration_given && options.requests == 0) fuzz.duration_seconds = 600;
  fuzz.max_requests = options.requests;
  fuzz.seed = options.seed;
  // --resume is replay's option; here it names an earlier run's --out directory, which is also written again
  // unless --out says otherwise.
  const std::string& resume = options.replay.run.resume;
  fuzz.out_dir = resume.empty() || options.out != "reqprobe-fuzz" ? options.out : resume;
  fuzz.resume = resume;
  fuzz.batch = options.batch;
  fuzz.valid_share = options.valid_share;
  fuzz.shrink_sends = options.shrink_sends;
  std::optional<replay::ReplayOptions> run = replay_options(options.replay, err);
  if (!run) return kExitError;
  fuzz.replay = std::move(*run);
  fuzz.replay.resume.clear();
  if (fuzz.replay.repeat != 1 || !fuzz.replay.only.empty()) {
    err << "reqprobe: --repeat and --only are replay's; fuzz sends what its mutations make (see --valid-share)\n";
    return kExitError;
  }
  const bool in_process = fuzz.replay.target.empty();
  std::optional<SuiteRun> suite = start_suite_run(options.replay.contract, options.seed, options.selection,
                                                  options.defects, fuzz.replay.target, err);
  if (!suite) return kExitError;
  if (!options.selection.empty())
    fuzz.replay.operations = gen::select_operations(suite->loaded.contract->plan(), options.selection);
  std::vector<Case> seeds;
  seeds.reserve(suite->suite.cases.size());
  for (gen::GeneratedCase& generated : suite->suite.cases) seeds.push_back(std::move(generated.kase));
  fuzz.replay.manifest = std::move(suite->manifest);
  out << "fuzz: " << seeds.size() << " generated cases (seed " << options.seed << ") as seeds, against "
      << (in_process ? "the embedded mock at " + fuzz.replay.target + (options.defects.empty() ? "" : " with defects")
                     : replay::printable_text(fuzz.replay.target))
      << "; "
      << (fuzz.duration_seconds > 0 ? "for " + std::to_string(static_cast<std::int64_t>(fuzz.duration_seconds)) + " s"
                                    : std::string("until ") + std::to_string(fuzz.max_requests) + " requests")
      << "\n";
  const std::atomic<bool>& stop = replay::install_stop_signals();
  return replay::run_fuzz(suite->loaded.contract, std::move(seeds), fuzz, out, err, stop).exit_code;
}

}  // namespace reqprobe::cli
