// Where a command's contract comes from: the embedded HSS contract, or --contract FILE (an OpenAPI 3.0 or 3.1
// document, JSON or YAML, with the files its references name), with --enable options and --strict. Shared by
// every command that reads a contract, so the flags and the error output are the same everywhere.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "reqprobe/contract.h"

namespace reqprobe::cli {

/// The contract flags of a command.
struct ContractChoice {
  std::string file;                  ///< empty: the embedded contract
  std::vector<std::string> enable;   ///< opt-in relaxations, e.g. "scan-scope-combinations"
  bool strict = false;               ///< --strict: undeclared members, query parameters and headers are errors
  bool no_format_assertion = false;  ///< --no-format-assertion: `format` is an annotation
};

/// A loaded contract together with its source text (for `contract export --openapi`).
struct LoadedContract {
  std::shared_ptr<const Contract> contract;
  std::string text;
  std::string name;                     ///< the file name, or the embedded contract's name
  std::vector<ContractError> warnings;  ///< what loaded but deserves a look (contract check lists them)
};

/// A bare JSON Schema document instead of a contract (`validate --schema`).
struct SchemaChoice {
  std::string file;                 ///< empty: not used
  std::string dialect = "2020-12";  ///< used when the schema has no $schema: draft4, draft6, draft7, 2019-09, 2020-12
  bool assert_formats = false;      ///< make `format` an assertion (draft 2019-09 and 2020-12 annotate by default)
};

/// Loads a bare JSON Schema (JSON or YAML) as a contract whose one body schema is the document; prints errors like
/// load_chosen_contract.
[[nodiscard]] std::optional<LoadedContract> load_chosen_schema(const SchemaChoice& choice, std::ostream& err);

/// Adds --contract FILE, --enable OPTION (repeatable) and --strict to a command.
void add_contract_options(CLI::App& command, ContractChoice& choice);

/// Loads the chosen contract. On failure prints "reqprobe: cannot load contract NAME:" and one line per error,
/// "file:line:column: pointer: message", to `err`, and returns nullopt (the caller exits 2). With `quiet_warnings`
/// false, a contract that loads with warnings adds one line saying how many and how to list them.
[[nodiscard]] std::optional<LoadedContract> load_chosen_contract(const ContractChoice& choice, std::ostream& err,
                                                                 bool quiet_warnings = false);

/// The outcome of loading, kept whole for `contract check`: errors and warnings both.
struct ContractLoadReport {
  std::string name;
  std::string text;
  bool read_ok = false;  ///< false: the file itself could not be read (`read_error`)
  std::string read_error;
  LoadResult result;
};

/// Loads without printing anything.
[[nodiscard]] ContractLoadReport load_contract_report(const ContractChoice& choice);

/// One contract error or warning as a line of text (escaped: documents may hold control characters).
[[nodiscard]] std::string describe_for_terminal(const ContractError& e);

}  // namespace reqprobe::cli
