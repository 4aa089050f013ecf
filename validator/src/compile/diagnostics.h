// Errors and warnings of one load, each at a place in a document. Root causes first: a reference that does not
// resolve is reported once, with the number of places that use it, not once per use.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "../document/node.h"
#include "reqprobe/contract.h"

namespace reqprobe::compile {

class Diagnostics {
 public:
  void error(const doc::Node* at, std::string pointer, std::string message);
  void warning(const doc::Node* at, std::string pointer, std::string message);
  /// A reference that does not resolve: one error per target, however many places use it.
  void unresolved(const doc::Node* at, std::string pointer, const std::string& target, std::string message);

  [[nodiscard]] bool failed() const noexcept { return !errors_.empty(); }
  /// The errors in document order, with "(N places use it)" added to unresolved references used more than once.
  [[nodiscard]] std::vector<ContractError> take_errors();
  /// The warnings, each once, in document order.
  [[nodiscard]] std::vector<ContractError> take_warnings();

 private:
  static ContractError make(const doc::Node* at, std::string pointer, std::string message, Severity severity);

  std::vector<ContractError> errors_;
  std::vector<ContractError> warnings_;
  std::set<std::string> seen_warnings_;
  std::set<std::string> seen_errors_;
  std::map<std::string, std::pair<std::size_t, std::size_t>> unresolved_;  ///< target -> (error index, uses)
};

}  // namespace reqprobe::compile
