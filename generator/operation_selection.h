// Choosing operations of a contract: by operationId, path glob, method and tag, with exclusions. Shared by the
// commands that work on operations (generate today; mock, replay, probe and fuzz can take the same Selection).
//
//     reqprobe::gen::Selection selection;
//     selection.methods = {"POST"};
//     selection.exclude_tags = {"admin"};
//     std::vector<std::uint32_t> chosen = reqprobe::gen::select_operations(plan, selection);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "reqprobe/plan.h"

namespace reqprobe::gen {

/// Which operations to take. Each include list, when not empty, must be met (an operation passes a list when it
/// matches any entry); an operation matching any exclude entry is dropped. All lists empty: every operation.
struct Selection {
  std::vector<std::string> operations = {};  ///< operationId, or the operation's name (see operation_name)
  std::vector<std::string> paths = {};       ///< globs over the path template: '*' within a segment, '**' across
  std::vector<std::string> methods = {};     ///< case-insensitive
  std::vector<std::string> tags = {};
  std::vector<std::string> exclude_operations = {};
  std::vector<std::string> exclude_paths = {};
  std::vector<std::string> exclude_methods = {};
  std::vector<std::string> exclude_tags = {};
  [[nodiscard]] bool empty() const;
};

/// True when the operation passes the selection.
[[nodiscard]] bool matches(const Operation& operation, const Selection& selection);

/// The indices of the plan's operations that pass, in document order.
[[nodiscard]] std::vector<std::uint32_t> select_operations(const Plan& plan, const Selection& selection);

/// Glob match: '*' is any run of characters except '/', '**' any run including '/', '?' one character except '/'.
[[nodiscard]] bool glob_match(std::string_view pattern, std::string_view text);

/// A name for the operation that is safe as a file name and an id fragment: its operationId, else METHOD and path
/// ("GET_pets_id" for GET /pets/{id}); characters other than letters, digits, '_' and '-' become '_'.
[[nodiscard]] std::string operation_name(const Operation& operation);

}  // namespace reqprobe::gen
