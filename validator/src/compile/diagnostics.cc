#include "diagnostics.h"

#include <algorithm>
#include <tuple>

namespace reqprobe::compile {
namespace {

// Document order: each document's problems by line and column, the documents in the order they first appear.
void sort_by_position(std::vector<ContractError>& list) {
  std::map<std::string, std::size_t> order;
  for (const ContractError& e : list) order.try_emplace(e.source, order.size());
  std::stable_sort(list.begin(), list.end(), [&order](const ContractError& a, const ContractError& b) {
    return std::tuple(order[a.source], a.line, a.column) < std::tuple(order[b.source], b.line, b.column);
  });
}

}  // namespace

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
  ContractError e = make(at, std::move(pointer), std::move(message), Severity::error);
  if (!seen_errors_.insert(e.describe()).second) return;  // the same schema compiled twice errs once
  errors_.push_back(std::move(e));
}

void Diagnostics::warning(const doc::Node* at, std::string pointer, std::string message) {
  ContractError e = make(at, std::move(pointer), std::move(message), Severity::warning);
  // A schema compiled twice (once per direction, or reached by two references) warns once.
  if (!seen_warnings_.insert(e.describe()).second) return;
  warnings_.push_back(std::move(e));
}

void Diagnostics::unresolved(const doc::Node* at, std::string pointer, const std::string& target, std::string message) {
  const auto [it, fresh] = unresolved_.try_emplace(target, errors_.size(), 0);
  ++it->second.second;
  if (!fresh) return;
  const std::size_t before = errors_.size();
  error(at, std::move(pointer), std::move(message));
  if (errors_.size() == before) unresolved_.erase(it);  // an identical error is already listed
}

std::vector<ContractError> Diagnostics::take_errors() {
  for (const auto& [target, where] : unresolved_) {
    const auto [index, uses] = where;
    if (uses > 1 && index < errors_.size())
      errors_[index].message += " (" + std::to_string(uses) + " places use it; this is the first)";
  }
  unresolved_.clear();
  sort_by_position(errors_);
  return std::move(errors_);
}

std::vector<ContractError> Diagnostics::take_warnings() {
  sort_by_position(warnings_);
  return std::move(warnings_);
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
