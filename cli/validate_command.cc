#include "validate_command.h"

#include <algorithm>
#include <memory>
#include <optional>

#include "exit_codes.h"
#include "file_io.h"
#include "printable_text.h"
#include "reqprobe/case_file.h"
#include "reqprobe/report_json.h"
#include "reqprobe/validator.h"
#include "text_report.h"

namespace reqprobe::cli {
namespace {

constexpr const char* kValidateFooter = R"(Inputs:
  A case file is one request and, optionally, what it should get (UTF-8 JSON):
    {"id": "...", "description": "...",
     "request": {"method": "POST", "target": "/v5/p1/image/image-scan/tasks",
                 "headers": [["X-Auth-Token", "t"], ["Content-Type", "application/json"]],
                 "body": "{\"is_all\":true}"},
     "expect": {"verdict": "valid", "violations": []}}
  "body_base64" replaces "body" for bytes that are not UTF-8; no body: leave both out. With --body, each input
  is a raw JSON body instead. "-" reads standard input (once).

Output:
  text: "INPUT: valid|invalid", then one line per violation:
          "  SEVERITY CODE LOCATION POINTER: MESSAGE"   e.g. "  error maximum body /rate_limit: ..."
  json: {"results":[{"input", "verdict", "violations":[{"code","location","pointer","severity","message"}]}]}
        (with --check-expect each result also has "expect": {"verdict","met","missing","unexpected"})

Exit codes:
  0 all valid (with --check-expect: every expectation met), 1 something invalid (or an expectation not met),
  2 usage error, unreadable input, malformed case file, or contract error.

Examples:
  reqprobe validate corpus/examples/valid-minimal.json
  reqprobe validate --check-expect corpus/examples/*.json
  reqprobe validate --check-expect corpus/hss          (a directory: its *.json files, in name order)
  reqprobe validate --format json --fail-fast suite/*.json
  reqprobe validate --body body.json
  printf '{"is_all":true}' | reqprobe validate --body -
  reqprobe validate --enable scan-scope-combinations --unknown-as-warning case.json
  reqprobe validate --contract my-api.openapi.json case.json
  reqprobe validate --contract openapi.yaml --strict case.json
  reqprobe validate --schema person.schema.json alice.json bob.json     (JSON instances against a JSON Schema)
  reqprobe validate --schema old.schema.json --dialect draft7 --assert-formats instance.json)";

// What came out of one input, before formatting.
struct Outcome {
  int exit_code = kExitOk;
  std::optional<InputResult> result;  ///< nullopt when the input could not be used (already reported)
};

class ValidateRun {
 public:
  ValidateRun(const ValidateOptions& options, std::shared_ptr<const Contract> contract, std::ostream& err)
      : options_(options), validator_(std::move(contract), validator_options(options)), err_(err) {}

  Outcome one(const std::string& input) {
    ReadResult read = read_input(input);
    if (!read.ok()) return input_error(read.error);
    InputResult result;
    result.input = input;
    if (options_.bodies || !options_.schema.file.empty()) {
      const std::string& body = *read.bytes;
      if (options_.fail_fast) {
        result.valid = validator_.is_valid_body(body);
      } else {
        take(result, validator_.validate_body(body));
      }
      return {result.valid ? kExitOk : kExitInvalid, std::move(result)};
    }
    const CaseParseResult parsed = parse_case(*read.bytes);
    if (!parsed.ok()) return input_error(input + ": not a valid case file: " + parsed.error.describe());
    const Case& kase = *parsed.kase;
    if (options_.check_expect && !kase.has_expect) return input_error(input + ": has no \"expect\" to check");
    const CaseRequest request(kase);
    if (options_.fail_fast) {
      result.valid = validator_.is_valid(request.request());
      return {result.valid ? kExitOk : kExitInvalid, std::move(result)};
    }
    Report report = validator_.validate(request.request());
    if (options_.check_expect) result.expectation = compare_expectation(kase.expect, report);
    take(result, std::move(report));
    // With --check-expect the question is "was every expectation met", not "is every case valid".
    const bool ok = result.expectation ? result.expectation->met() : result.valid;
    return {ok ? kExitOk : kExitInvalid, std::move(result)};
  }

 private:
  static ValidatorOptions validator_options(const ValidateOptions& options) {
    ValidatorOptions v;
    v.unknown_as_warning = options.unknown_as_warning;
    return v;
  }

  static void take(InputResult& result, Report report) {
    result.valid = report.valid();
    result.violations = std::move(report.violations);
  }

  Outcome input_error(const std::string& message) {
    err_ << "reqprobe: " << replay::printable_text(message) << "\n";  // names and parse errors quote the input
    return {kExitError, std::nullopt};
  }

  const ValidateOptions& options_;
  Validator validator_;
  std::ostream& err_;
};

}  // namespace

CLI::App* add_validate_command(CLI::App& app, ValidateOptions& options) {
  CLI::App* command = app.add_subcommand(
      "validate", "Validate case files (or raw JSON bodies with --body) against the contract and report violations");
  command->footer(kValidateFooter);
  add_contract_options(*command, options.contract);
  command->add_option("--format", options.format, "Output format: text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  CLI::Option* fail_fast =
      command->add_flag("--fail-fast", options.fail_fast, "Stop each input at its first error; print verdicts only");
  command->add_flag("--unknown-as-warning", options.unknown_as_warning,
                    "Report unknown body members and query parameters as warnings, not errors (D13 relaxed)");
  CLI::Option* bodies = command->add_flag(
      "--body", options.bodies, "Inputs are raw JSON bodies, validated against the body schema alone (no request)");
  command
      ->add_flag("--check-expect", options.check_expect,
                 "Compare each case's expect (verdict and the exact violations: code, location, pointer, severity) "
                 "with what is reported; exit 1 on any difference")
      ->excludes(fail_fast)
      ->excludes(bodies);
  CLI::Option* schema =
      command
          ->add_option("--schema", options.schema.file,
                       "Validate JSON instances against this JSON Schema document (JSON or YAML) instead of a contract")
          ->type_name("FILE");
  command
      ->add_option("--dialect", options.schema.dialect,
                   "With --schema: the dialect when the schema has no $schema (default 2020-12)")
      ->check(CLI::IsMember({"draft4", "draft6", "draft7", "2019-09", "2020-12"}))
      ->needs(schema);
  command
      ->add_flag("--assert-formats", options.schema.assert_formats,
                 "With --schema: make format an assertion (2019-09 and 2020-12 only annotate by default)")
      ->needs(schema);
  schema->excludes("--contract");
  schema->excludes("--check-expect");
  command
      ->add_option("INPUT", options.inputs,
                   "Case files (or body files with --body); a directory stands for its *.json files; - reads stdin")
      ->type_name("FILE")
      ->required();
  return command;
}

int run_validate(const ValidateOptions& options, std::ostream& out, std::ostream& err) {
  if (std::count(options.inputs.begin(), options.inputs.end(), "-") > 1) {
    err << "reqprobe: standard input (-) can be read only once\n";
    return kExitError;
  }
  std::vector<std::string> inputs;
  std::string error;
  if (!expand_inputs(options.inputs, inputs, error)) {
    err << "reqprobe: " << replay::printable_text(error) << "\n";
    return kExitError;
  }
  std::optional<LoadedContract> loaded = options.schema.file.empty() ? load_chosen_contract(options.contract, err)
                                                                     : load_chosen_schema(options.schema, err);
  if (!loaded) return kExitError;
  ValidateRun run(options, loaded->contract, err);
  int exit_code = kExitOk;
  std::size_t not_met = 0;
  std::vector<InputResult> results;
  for (const std::string& input : inputs) {
    Outcome outcome = run.one(input);
    exit_code = worst_exit(exit_code, outcome.exit_code);
    if (!outcome.result) continue;
    if (outcome.result->expectation && !outcome.result->expectation->met()) ++not_met;
    if (options.format == "json") {
      results.push_back(std::move(*outcome.result));
    } else {
      print_text_result(out, *outcome.result);  // streamed, so long runs show progress
    }
  }
  if (options.format == "json") out << results_json(results) << "\n";
  if (not_met != 0) err << "reqprobe: " << not_met << " of " << inputs.size() << " expectations not met\n";
  return exit_code;
}

}  // namespace reqprobe::cli
