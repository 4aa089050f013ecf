#include "generate_command.h"

#include <chrono>
#include <filesystem>
#include <map>

#include "exit_codes.h"
#include "generator.h"
#include "suite_directory.h"

namespace reqprobe::cli {
namespace {

constexpr const char* kGenerateFooter = R"(What it writes:
  DIR/<case id>.json   one case file per case (the format `reqprobe validate` reads), with "expect" computed by
                       the validator on the case's exact bytes
  DIR/manifest.jsonl   one line per case: id, file, category, constraints, side, target, verdict, violations

  Families (the manifest's "category"; each holds cases of both verdicts except "valid", the whole valid
  requests): valid, length, range, type, enum, count, structure, encoding, request, rule, limit. The same
  contract and seed give a byte-identical suite. DIR must be new, empty, or hold a previous suite (whose files
  are replaced); anything else in it is left alone and the command refuses.

Exit codes: 0 written; 1 written, but some case's target violation is not what the validator reports (a defect,
  listed on stderr); 2 usage, I/O or contract error.

Examples:
  reqprobe generate --out suite
  reqprobe generate --out suite --seed 7
  reqprobe generate --contract my-api.openapi.json --out my-suite
  reqprobe generate --out suite && reqprobe validate --check-expect suite)";

}  // namespace

CLI::App* add_generate_command(CLI::App& app, GenerateOptions& options) {
  CLI::App* command = app.add_subcommand(
      "generate", "Write every boundary and negative case of the contract, each with its computed expectation");
  command->footer(kGenerateFooter);
  add_contract_options(*command, options.contract);
  command->add_option("--out", options.out, "Directory to write the suite into")->required()->type_name("DIR");
  command->add_option("--seed", options.seed, "Seed for generated text (default 1)");
  return command;
}

int run_generate(const GenerateOptions& options, std::ostream& out, std::ostream& err) {
  std::optional<LoadedContract> loaded = load_chosen_contract(options.contract, err);
  if (!loaded) return kExitError;
  if (loaded->contract->plan().operations.empty() || loaded->contract->plan().operations.front().body == kNone) {
    // The generator needs a JSON body to probe; say so instead of writing an empty suite.
    err << "reqprobe: the contract's first operation has no JSON body; nothing to generate\n";
    return kExitError;
  }
  const auto started = std::chrono::steady_clock::now();
  gen::GenerateOptions generate;
  generate.seed = options.seed;
  const gen::Suite suite = gen::generate_suite(loaded->contract, generate);
  const double generate_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();

  std::string error;
  if (!prepare_suite_directory(options.out, error)) {
    err << "reqprobe: " << error << "\n";
    return kExitError;
  }
  std::string manifest;
  std::map<std::string, std::size_t> categories;
  std::size_t valid = 0;
  std::vector<std::string> defects = suite.defects;
  for (const gen::GeneratedCase& generated : suite.cases) {
    const std::string file = generated.kase.id + ".json";
    if (!case_is_representable(generated.kase))
      defects.push_back(generated.kase.id + ": not representable in a case file");
    if (!write_file_atomically((std::filesystem::path(options.out) / file).string(), write_case(generated.kase),
                               error)) {
      err << "reqprobe: " << error << "\n";
      return kExitError;
    }
    manifest += gen::manifest_line(generated, file) + "\n";
    ++categories[generated.category];
    valid += generated.kase.expect.verdict == "valid";
  }
  if (!write_file_atomically((std::filesystem::path(options.out) / "manifest.jsonl").string(), manifest, error)) {
    err << "reqprobe: " << error << "\n";
    return kExitError;
  }
  out << "generated " << suite.cases.size() << " cases (" << valid << " valid, " << suite.cases.size() - valid
      << " invalid) into " << options.out << " in " << static_cast<long>(generate_ms + 0.5) << " ms\n";
  // Families, not verdicts: the "valid" family (whole valid requests) is one of them, every family holds valid cases.
  std::string families;
  for (const auto& [category, count] : categories)
    families += (families.empty() ? " " : ", ") + category + " " + std::to_string(count);
  out << "  by family:" << families << "\n";
  for (const std::string& defect : defects) err << "reqprobe: defect: " << defect << "\n";
  return defects.empty() ? kExitOk : kExitInvalid;
}

}  // namespace reqprobe::cli
