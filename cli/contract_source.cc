#include "contract_source.h"

#include "file_io.h"

namespace reqprobe::cli {

void add_contract_options(CLI::App& command, ContractChoice& choice) {
  command.add_option("--contract", choice.file, "OpenAPI 3.0 JSON contract (default: the embedded HSS contract)")
      ->type_name("FILE");
  // One value per occurrence, so "--enable X case.json" does not swallow the case file.
  command
      .add_option("--enable", choice.enable,
                  "Enable an opt-in relaxation the contract offers (repeatable), e.g. scan-scope-combinations")
      ->type_name("OPTION")
      ->allow_extra_args(false);
}

std::optional<LoadedContract> load_chosen_contract(const ContractChoice& choice, std::ostream& err) {
  LoadedContract loaded;
  if (choice.file.empty()) {
    loaded.text = std::string(embedded_contract_text());
    loaded.name = "(embedded) " + std::string(embedded_contract_name());
  } else {
    ReadResult read = read_input(choice.file);
    if (!read.ok()) {
      err << "reqprobe: " << read.error << "\n";
      return std::nullopt;
    }
    loaded.text = std::move(*read.bytes);
    loaded.name = choice.file;
  }
  LoadOptions options;
  options.enable = choice.enable;
  LoadResult result = load_contract(loaded.text, options);
  if (!result.ok()) {
    err << "reqprobe: cannot load contract " << loaded.name << ":\n";
    for (const ContractError& e : result.errors)
      err << (e.pointer.empty() ? "(document)" : e.pointer) << ": " << e.message << "\n";
    return std::nullopt;
  }
  loaded.contract = std::move(result.contract);
  return loaded;
}

}  // namespace reqprobe::cli
