#include "diagnostics.h"

namespace reqprobe::compile {

ContractError Diagnostics::make(const doc::Node* at, std::string pointer, std::string message, Severity severity) {
  ContractError e;
  e.pointer = std::move(pointer);
  e.message = std::move(message);
  e.severity = severity;
  if (at != nullptr && at->source != nullptr) {
    e.source = at->source->name();
    const doc::Position position = at->position();
    e.line = position.line;
    e.column = position.column;
  }
  return e;
}

void Diagnostics::error(const doc::Node* at, std::string pointer, std::string message) {
  errors_.push_back(make(at, std::move(pointer), std::move(message), Severity::error));
}

void Diagnostics::warning(const doc::Node* at, std::string pointer, std::string message) {
  warnings_.push_back(make(at, std::move(pointer), std::move(message), Severity::warning));
}

void Diagnostics::unresolved(const doc::Node* at, std::string pointer, const std::string& target, std::string message) {
  const auto [it, fresh] = unresolved_.try_emplace(target, errors_.size(), 0);
  ++it->second.second;
  if (fresh) error(at, std::move(pointer), std::move(message));
}

std::vector<ContractError> Diagnostics::take_errors() {
  for (const auto& [target, where] : unresolved_) {
    const auto [index, uses] = where;
    if (uses > 1) errors_[index].message += " (" + std::to_string(uses) + " places use it; this is the first)";
  }
  return std::move(errors_);
}

}  // namespace reqprobe::compile

namespace reqprobe {

std::string ContractError::describe() const {
  std::string out;
  if (!source.empty()) out += source + ":";
  if (line != 0) out += std::to_string(line) + ":" + std::to_string(column) + ":";
  if (!out.empty()) out += " ";
  if (!pointer.empty()) out += pointer + ": ";
  return out + message;
}

}  // namespace reqprobe
