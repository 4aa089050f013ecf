#include "generate_command.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "exit_codes.h"
#include "generator.h"
#include "suite_directory.h"

namespace reqprobe::cli {
namespace {

constexpr const char* kGenerateFooter = R"(What it writes:
  DIR/<case id>.json   one case file per case (the format `reqprobe validate` reads), with "expect" computed by
                       the validator on the case's exact bytes
  DIR/manifest.jsonl   one line per case: id, file, category, constraints, side, target, verdict, violations

  A contract with several operations gets cases for every operation (or those selected): one folder per operation,
  named by its operationId (else METHOD_path), DIR/<operation>/<case id>.json, ids starting with the operation's
  name, and one DIR/manifest.jsonl whose lines add "operation" and give "file" relative to DIR.

Selection (repeatable; an operation must match every kind of option given, and no --exclude- option):
  --operation ID   operationId, or the folder name      --path GLOB   the path template ('*' in a segment, '**' any)
  --method M       GET, POST, ... (any case)            --tag T       one of the operation's tags

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
  reqprobe generate --contract petstore.yaml --out pets --method POST --exclude-tag admin
  reqprobe generate --out suite && reqprobe validate --check-expect suite)";

// The case files a previous manifest lists inside operation folders ("addPet/addPet.valid.minimal.json").
std::set<std::string> nested_files(const std::filesystem::path& manifest) {
  std::set<std::string> files;
  std::ifstream in(manifest, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string key = "\"file\":\"";
  for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at)) {
    at += key.size();
    const std::size_t end = text.find('"', at);
    if (end == std::string::npos) break;
    const std::string file = text.substr(at, end - at);
    if (file.find('/') != std::string::npos) files.insert(file);
    at = end;
  }
  return files;
}

// A previous multi-operation suite: its folders hold only files its manifest lists. Removes those files and the
// emptied folders, so prepare_suite_directory sees a flat directory; refuses (nothing removed) when a folder holds
// anything else.
bool clear_operation_folders(const std::string& dir, std::string& error) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return true;
  const std::set<std::string> listed = nested_files(fs::path(dir) / "manifest.jsonl");
  std::vector<fs::path> folders;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!entry.is_directory(ec)) continue;
    const std::string folder = entry.path().filename().string();
    for (const auto& inner : fs::directory_iterator(entry.path(), ec)) {
      const std::string name = folder + "/" + inner.path().filename().string();
      if (!listed.count(name)) {
        error = dir + " holds " + name + ", which no previous suite listed; use an empty or new directory";
        return false;
      }
    }
    folders.push_back(entry.path());
  }
  for (const fs::path& folder : folders) {
    for (const auto& inner : fs::directory_iterator(folder, ec)) fs::remove(inner.path(), ec);
    fs::remove(folder, ec);
  }
  return true;
}

}  // namespace

CLI::App* add_generate_command(CLI::App& app, GenerateOptions& options) {
  CLI::App* command = app.add_subcommand(
      "generate", "Write every boundary and negative case of the contract, each with its computed expectation");
  command->footer(kGenerateFooter);
  add_contract_options(*command, options.contract);
  command->add_option("--out", options.out, "Directory to write the suite into")->required()->type_name("DIR");
  command->add_option("--seed", options.seed, "Seed for generated text (default 1)");
  add_selection_options(*command, options.selection);
  command->add_flag("--verbose", options.verbose, "List the constraint sides no case was generated for, and why");
  return command;
}

void add_selection_options(CLI::App& command, gen::Selection& s) {
  command.add_option("--operation", s.operations, "Only this operation (operationId or folder name); repeatable")
      ->type_name("ID");
  command.add_option("--path", s.paths, "Only operations whose path template matches the glob; repeatable")
      ->type_name("GLOB");
  command.add_option("--method", s.methods, "Only operations of this method; repeatable")->type_name("M");
  command.add_option("--tag", s.tags, "Only operations with this tag; repeatable")->type_name("T");
  command.add_option("--exclude-operation", s.exclude_operations, "Leave this operation out; repeatable")
      ->type_name("ID");
  command.add_option("--exclude-path", s.exclude_paths, "Leave out operations whose path matches; repeatable")
      ->type_name("GLOB");
  command.add_option("--exclude-method", s.exclude_methods, "Leave out operations of this method; repeatable")
      ->type_name("M");
  command.add_option("--exclude-tag", s.exclude_tags, "Leave out operations with this tag; repeatable")->type_name("T");
}

int run_generate(const GenerateOptions& options, std::ostream& out, std::ostream& err) {
  std::optional<LoadedContract> loaded = load_chosen_contract(options.contract, err);
  if (!loaded) return kExitError;
  const Plan& plan = loaded->contract->plan();
  const std::vector<std::uint32_t> chosen = gen::select_operations(plan, options.selection);
  if (chosen.empty()) {
    err << "reqprobe: "
        << (plan.operations.empty() ? "the contract has no operations" : "no operation matches the selection")
        << "; nothing to generate\n";
    return kExitError;
  }
  const auto started = std::chrono::steady_clock::now();
  gen::GenerateOptions generate;
  generate.seed = options.seed;
  if (!options.selection.empty()) generate.operations = chosen;
  const gen::Suite suite = gen::generate_suite(loaded->contract, generate);
  const double generate_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();

  std::string error;
  if (!clear_operation_folders(options.out, error) || !prepare_suite_directory(options.out, error)) {
    err << "reqprobe: " << error << "\n";
    return kExitError;
  }
  std::string manifest;
  std::map<std::string, std::size_t> categories;
  std::size_t valid = 0;
  std::vector<std::string> defects = suite.defects;
  // Several operations: a folder per operation, named like the id prefix.
  const bool folders = plan.operations.size() > 1;
  if (folders) {
    for (const std::uint32_t index : chosen) {
      const std::filesystem::path folder =
          std::filesystem::path(options.out) / gen::operation_name(plan.operations[index]);
      std::error_code ec;
      std::filesystem::create_directories(folder, ec);
      if (ec) {
        err << "reqprobe: cannot create " << folder.string() << ": " << ec.message() << "\n";
        return kExitError;
      }
    }
  }
  for (const gen::GeneratedCase& generated : suite.cases) {
    const std::string file =
        folders ? generated.operation + "/" + generated.kase.id + ".json" : generated.kase.id + ".json";
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
  if (folders) out << "  operations: " << chosen.size() << " (one folder each)\n";
  if (!suite.skipped.empty())
    out << "  not generated: " << suite.skipped.size() << " (a constraint side no candidate reached; see --verbose)\n";
  if (options.verbose)
    for (const std::string& skipped : suite.skipped) out << "  skipped " << skipped << "\n";
  for (const std::string& defect : defects) err << "reqprobe: defect: " << defect << "\n";
  return defects.empty() ? kExitOk : kExitInvalid;
}

}  // namespace reqprobe::cli
