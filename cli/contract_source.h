// Where a command's contract comes from: the embedded HSS contract, or --contract FILE, with --enable options.
// Shared by every command that reads a contract, so the flags and the error output are the same everywhere.
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
  std::string file;                 ///< empty: the embedded contract
  std::vector<std::string> enable;  ///< opt-in relaxations, e.g. "scan-scope-combinations"
};

/// A loaded contract together with its source text (for `contract export --openapi`).
struct LoadedContract {
  std::shared_ptr<const Contract> contract;
  std::string text;
  std::string name;  ///< the file name, or the embedded contract's name
};

/// Adds --contract FILE and --enable OPTION (repeatable) to a command.
void add_contract_options(CLI::App& command, ContractChoice& choice);

/// Loads the chosen contract. On failure prints "reqprobe: ..." and one "pointer: message" line per contract
/// error to `err`, and returns nullopt (the caller exits 2).
[[nodiscard]] std::optional<LoadedContract> load_chosen_contract(const ContractChoice& choice, std::ostream& err);

}  // namespace reqprobe::cli
