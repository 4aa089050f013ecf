#include "operation_selection.h"

#include <algorithm>

namespace reqprobe::gen {
namespace {

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string sanitize(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const bool safe =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    out.push_back(safe ? c : '_');
  }
  return out;
}

bool names(const Operation& operation, const std::vector<std::string>& list) {
  const std::string name = operation_name(operation);
  return std::any_of(list.begin(), list.end(), [&](const std::string& id) { return id == operation.id || id == name; });
}

bool paths(const Operation& operation, const std::vector<std::string>& list) {
  return std::any_of(list.begin(), list.end(), [&](const std::string& glob) {
    if (glob_match(glob, operation.path_template)) return true;
    for (const std::string& base : operation.base_paths)
      if (!base.empty() && glob_match(glob, base + operation.path_template)) return true;
    return false;
  });
}

bool methods(const Operation& operation, const std::vector<std::string>& list) {
  return std::any_of(list.begin(), list.end(), [&](const std::string& m) { return iequal(m, operation.method); });
}

bool tags(const Operation& operation, const std::vector<std::string>& list) {
  return std::any_of(list.begin(), list.end(), [&](const std::string& tag) {
    return std::find(operation.tags.begin(), operation.tags.end(), tag) != operation.tags.end();
  });
}

}  // namespace

bool Selection::empty() const {
  return operations.empty() && paths.empty() && methods.empty() && tags.empty() && exclude_operations.empty() &&
         exclude_paths.empty() && exclude_methods.empty() && exclude_tags.empty();
}

bool matches(const Operation& operation, const Selection& s) {
  if (!s.operations.empty() && !names(operation, s.operations)) return false;
  if (!s.paths.empty() && !paths(operation, s.paths)) return false;
  if (!s.methods.empty() && !methods(operation, s.methods)) return false;
  if (!s.tags.empty() && !tags(operation, s.tags)) return false;
  return !names(operation, s.exclude_operations) && !paths(operation, s.exclude_paths) &&
         !methods(operation, s.exclude_methods) && !tags(operation, s.exclude_tags);
}

std::vector<std::uint32_t> select_operations(const Plan& plan, const Selection& selection) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < plan.operations.size(); ++i)
    if (matches(plan.operations[i], selection)) out.push_back(i);
  return out;
}

bool glob_match(std::string_view pattern, std::string_view text) {
  // Iterative with one backtrack point per star kind: linear enough for path templates.
  std::size_t p = 0, t = 0;
  std::size_t star_p = std::string_view::npos, star_t = 0;
  bool star_crosses = false;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star_crosses = p + 1 < pattern.size() && pattern[p + 1] == '*';
      p += star_crosses ? 2 : 1;
      star_p = p;
      star_t = t;
      continue;
    }
    if (p < pattern.size() && text[t] != '/' && pattern[p] == '?') {
      ++p, ++t;
      continue;
    }
    if (p < pattern.size() && pattern[p] == text[t]) {
      ++p, ++t;
      continue;
    }
    if (star_p != std::string_view::npos && (star_crosses || text[star_t] != '/')) {
      p = star_p;
      t = ++star_t;
      continue;
    }
    return false;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::string operation_name(const Operation& operation) {
  if (!operation.id.empty()) return sanitize(operation.id);
  std::string path = operation.path_template;
  while (!path.empty() && path.front() == '/') path.erase(path.begin());
  std::erase_if(path, [](char c) { return c == '{' || c == '}'; });
  return operation.method + (path.empty() ? "" : "_") + sanitize(path);
}

}  // namespace reqprobe::gen
