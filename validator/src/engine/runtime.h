// What the engines need beyond the plan's data, built once when a Contract is made: the route trie and the
// compiled patterns (RE2, linear time).
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "reqprobe/contract.h"
#include "router.h"

namespace re2 {
class RE2;
}

namespace reqprobe::detail {

struct Runtime {
  explicit Runtime(const Plan& plan);
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  /// True when pattern `index` (Plan::patterns) matches somewhere in `text` (ECMA-262 `pattern` is not anchored).
  [[nodiscard]] bool pattern_matches(std::uint32_t index, std::string_view text) const;

  Router router;
  std::vector<std::unique_ptr<const re2::RE2>> patterns;
};

/// Compiles a translated pattern for the engines; null when RE2 refuses it (error set).
[[nodiscard]] std::unique_ptr<const re2::RE2> compile_pattern(std::string_view translated, std::string& error);
/// Whether RE2 compiles it (for the loader, which reports the pattern when it does not).
[[nodiscard]] bool pattern_compiles(std::string_view translated, std::string& error);

}  // namespace reqprobe::detail
