// Shared state of one contract load: the source document, the plan being built, and the errors found.
#pragma once

#include <rapidjson/document.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "json_pointer.h"
#include "reqprobe/contract.h"
#include "reqprobe/plan.h"

namespace reqprobe::detail {

enum class SchemaContext : std::uint8_t { body, path_parameter, parameter };

struct LoadContext {
  const rapidjson::Value* root = nullptr;
  Plan plan;
  std::vector<ContractError> errors;
  const LoadOptions* options = nullptr;
  std::map<std::string, std::uint32_t> refs;  ///< "#/components/schemas/X" -> node
  std::vector<bool> option_used;              ///< parallel to options->enable

  void error(std::string pointer, std::string message) { errors.push_back({std::move(pointer), std::move(message)}); }
  /// Records keys of `object` outside `allowed`; `x-` keys are allowed unless they start with "x-reqprobe-"
  /// and are not in `allowed` (a misspelt extension must not be ignored).
  void check_keys(const rapidjson::Value& object, const std::string& pointer,
                  std::initializer_list<std::string_view> allowed);
  /// Compiles a schema into a node and returns its index (0 on error).
  std::uint32_t compile_schema(const rapidjson::Value& schema, const std::string& pointer, SchemaContext context);
};

}  // namespace reqprobe::detail
