// Loading a contract: OpenAPI 3.0 JSON (the subset in docs/contract-format.md) compiled into a Plan.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "reqprobe/plan.h"

namespace reqprobe {

/// Why a contract could not be loaded: what and where (a JSON Pointer into the contract document).
struct ContractError {
  std::string pointer;
  std::string message;
};

struct LoadOptions {
  /// Names of opt-in relaxations to enable, e.g. "scan-scope-combinations" (x-reqprobe-mask-union).
  std::vector<std::string> enable;
};

/// An immutable compiled contract. Share it freely between threads and Validators.
class Contract {
 public:
  explicit Contract(Plan plan) : plan_(std::move(plan)) { derive_property_keys(plan_); }
  [[nodiscard]] const Plan& plan() const noexcept { return plan_; }

 private:
  Plan plan_;
};

/// Either a contract or the errors that prevented it. Loading never throws.
struct [[nodiscard]] LoadResult {
  std::shared_ptr<const Contract> contract;  ///< null when errors is not empty
  std::vector<ContractError> errors;
  [[nodiscard]] bool ok() const noexcept { return contract != nullptr; }
};

/// Compiles an OpenAPI 3.0 JSON document. Every keyword that is not implemented is an error naming it.
///
///     reqprobe::LoadResult loaded = reqprobe::load_contract(text);
///     if (!loaded.ok()) for (const auto& e : loaded.errors) report(e.pointer, e.message);
[[nodiscard]] LoadResult load_contract(std::string_view openapi_json, const LoadOptions& options = {});

/// The HSS "Create a manual image scan task" contract embedded in the library (contracts/*.openapi.json).
[[nodiscard]] std::string_view embedded_contract_text() noexcept;
/// Name of the embedded contract file, for messages.
[[nodiscard]] std::string_view embedded_contract_name() noexcept;

/// Loads the embedded contract (it is tested to load; errors are still returned, never thrown).
[[nodiscard]] LoadResult load_embedded_contract(const LoadOptions& options = {});

}  // namespace reqprobe
