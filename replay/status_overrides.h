// Expected statuses set by the user (--expect-statuses FILE, issue 13): the status an endpoint must give an invalid
// request, by the class of the violation that decides the answer (its code), for every operation or for one.
// The OpenAPI profile's rule (a documented 4xx) applies where the file says nothing; HSS keeps SPEC.md's answers.
//
//   {
//     "statuses":   {"content_type": [415], "required": [400, 422], "*": [400]},
//     "operations": {"addPet": {"type": [422]}, "GET /pets/{id}": {"path": [404]}}
//   }
//
// Keys of "statuses" and of each operation are violation code names (`reqprobe --help` lists them) or "*" for any;
// an operation is named by its operationId, else "METHOD /path-template". An operation's entry wins over
// "statuses", a code over "*".
#pragma once

#include <map>
#include <string>
#include <vector>

#include "reqprobe/plan.h"
#include "reqprobe/violation.h"

namespace reqprobe::replay {

struct StatusOverrides {
  std::map<std::string, std::vector<int>> statuses;                           ///< code name or "*"
  std::map<std::string, std::map<std::string, std::vector<int>>> operations;  ///< operation -> code -> statuses

  [[nodiscard]] bool empty() const noexcept { return statuses.empty() && operations.empty(); }
  /// The statuses the file sets for a violation of `code` in `operation` (its name as above); null when none.
  [[nodiscard]] const std::vector<int>* find(const std::string& operation, Code code) const;
};

/// The name an operation goes by in the file: its operationId, else "METHOD /path-template".
[[nodiscard]] std::string operation_name(const Operation& operation);

/// Reads the file (JSON). False with `error` naming the file and what is wrong: not JSON, an unknown key, a code
/// that is no violation code, a status outside 100-599, an empty list.
[[nodiscard]] bool read_status_overrides(const std::string& path, StatusOverrides& out, std::string& error);

/// Every operation the file names is one of the plan's; false with `error` listing the plan's otherwise.
[[nodiscard]] bool check_status_overrides(const Plan& plan, const StatusOverrides& overrides, std::string& error);

}  // namespace reqprobe::replay
