#include "router.h"

#include <algorithm>

#include "../http_text.h"
#include "../key_hash.h"
#include "../placement.h"

namespace reqprobe::detail {

bool match_pieces(std::string_view segment, const std::vector<PathPiece>& pieces,
                  std::vector<std::string_view>* values) {
  std::size_t at = 0;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const PathPiece& piece = pieces[i];
    if (piece.parameter == kNone) {
      if (segment.substr(at, piece.literal.size()) != piece.literal) return false;
      at += piece.literal.size();
      continue;
    }
    // A variable: up to the next literal's first occurrence, or the rest of the segment.
    std::size_t end = segment.size();
    if (i + 1 < pieces.size()) {
      const std::string& next = pieces[i + 1].literal;
      end = i + 2 == pieces.size() ? (segment.size() >= next.size() && segment.size() - next.size() >= at
                                          ? segment.size() - next.size()
                                          : std::string_view::npos)  // last literal: anchored at the end
                                   : segment.find(next, at + 1);
      if (end == std::string_view::npos) return false;
    }
    if (end < at + 1) return false;  // a variable takes at least one character
    if (values != nullptr) values->push_back(segment.substr(at, end - at));
    at = end;
  }
  return at == segment.size();
}

Router::Router(const Plan& plan) : plan_(plan) {
  nodes_.emplace_back();
  for (std::uint32_t i = 0; i < plan.operations.size(); ++i) {
    const Operation& op = plan.operations[i];
    if (op.base_paths.empty()) {
      insert(i, "");
    } else {
      for (const std::string& base : op.base_paths) insert(i, base);
    }
  }
  for (Node& node : nodes_) {
    if (node.literals.size() <= 8) {
      node.few_literals.assign(node.literals.begin(), node.literals.end());
      node.literals.clear();
    }
    std::stable_sort(node.patterns.begin(), node.patterns.end(), [](const auto& a, const auto& b) {
      std::size_t la = 0, lb = 0;
      for (const PathPiece& p : a.first->pieces) la += p.literal.size();
      for (const PathPiece& p : b.first->pieces) lb += p.literal.size();
      return la > lb;
    });
  }
}

void Router::insert(std::uint32_t operation, const std::string& base) {
  std::uint32_t at = 0;
  std::uint32_t base_segments = 0;
  const auto step_literal = [&](const std::string& literal) {
    const auto found = nodes_[at].literals.find(literal);
    if (found != nodes_[at].literals.end()) {
      at = found->second;
      return;
    }
    const auto next = static_cast<std::uint32_t>(nodes_.size());
    nodes_[at].literals.emplace(literal, next);
    nodes_.emplace_back();
    at = next;
  };
  if (!base.empty()) {
    std::string_view rest = std::string_view(base).substr(1);
    while (true) {
      const std::size_t slash = rest.find('/');
      step_literal(std::string(rest.substr(0, slash)));
      ++base_segments;
      if (slash == std::string_view::npos) break;
      rest = rest.substr(slash + 1);
    }
  }
  for (const PathSegment& segment : plan_.operations[operation].segments) {
    if (!segment.pieces.empty()) {
      std::uint32_t next = kNone;
      for (const auto& [existing, child] : nodes_[at].patterns) {
        bool same = existing->pieces.size() == segment.pieces.size();
        for (std::size_t k = 0; same && k < segment.pieces.size(); ++k)
          same = existing->pieces[k].literal == segment.pieces[k].literal &&
                 (existing->pieces[k].parameter == kNone) == (segment.pieces[k].parameter == kNone);
        if (same) next = child;
      }
      if (next == kNone) {
        next = static_cast<std::uint32_t>(nodes_.size());
        nodes_[at].patterns.emplace_back(&segment, next);
        nodes_.emplace_back();
      }
      at = next;
    } else if (segment.parameter != kNone) {
      if (nodes_[at].variable == kNone) {
        const auto next = static_cast<std::uint32_t>(nodes_.size());
        nodes_[at].variable = next;
        nodes_.emplace_back();
      }
      at = nodes_[at].variable;
    } else {
      step_literal(segment.literal);
    }
  }
  nodes_[at].ends.push_back({operation, base_segments});
}

// Depth-first over the trie in precedence order (literal, patterns, variable), calling visit(node) at every trie
// node where the whole path is consumed; visit returns true to stop. A budget bounds pathological documents whose
// templates overlap at every segment.
template <class Visit>
void Router::search(std::string_view path, RouteScratch& scratch, Visit&& visit) const {
  if (path.empty() || path[0] != '/') return;
  std::vector<std::string_view>& segments = scratch.segments;
  segments.clear();
  for (std::string_view rest = path.substr(1);;) {
    const std::size_t slash = find_byte(rest, '/');
    segments.push_back(rest.substr(0, slash));
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
  }
  auto& stack = scratch.stack;  // (trie node, segments consumed)
  stack.assign(1, {0, 0});
  std::size_t budget = 100000;
  while (!stack.empty() && budget-- > 0) {
    const auto [at, depth] = stack.back();
    stack.pop_back();
    const Node& node = nodes_[at];
    if (depth == segments.size()) {
      if (!node.ends.empty() && visit(node)) return;
      continue;
    }
    const std::string_view segment = segments[depth];
    // Pushed in reverse precedence, so the literal child is popped first.
    if (node.variable != kNone) stack.emplace_back(node.variable, depth + 1);
    for (auto it = node.patterns.rbegin(); it != node.patterns.rend(); ++it)
      if (match_pieces(segment, it->first->pieces, nullptr)) stack.emplace_back(it->second, depth + 1);
    if (const std::uint32_t literal = literal_child(node, segment); literal != kNone)
      stack.emplace_back(literal, depth + 1);
  }
}

REQPROBE_HOT std::uint32_t Router::literal_child(const Node& node, std::string_view segment) {
  for (const auto& [literal, child] : node.few_literals)
    if (same_key(literal, segment)) return child;
  if (node.literals.empty()) return kNone;  // an empty map still hashes the key
  const auto found = node.literals.find(segment);
  return found == node.literals.end() ? kNone : found->second;
}

// The search's first complete path, walked without a stack: at each node the first child in precedence order that
// takes the segment. When it ends at an operation of this method, that is what the search would find first; any
// other case (a dead end, another method) goes to the search.
REQPROBE_HOT bool Router::walk(std::string_view method, std::string_view path, RouteScratch& scratch,
                               RouteResult& result) const {
  if (path.empty() || path[0] != '/') return false;
  std::vector<std::string_view>& segments = scratch.segments;
  segments.clear();
  std::uint32_t at = 0;
  for (std::string_view rest = path.substr(1);;) {
    const std::size_t slash = find_byte(rest, '/');
    const std::string_view segment = rest.substr(0, slash);
    segments.push_back(segment);
    const Node& node = nodes_[at];
    std::uint32_t next = literal_child(node, segment);
    for (std::size_t i = 0; next == kNone && i < node.patterns.size(); ++i)
      if (match_pieces(segment, node.patterns[i].first->pieces, nullptr)) next = node.patterns[i].second;
    if (next == kNone) next = node.variable;
    if (next == kNone) return false;
    at = next;
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
  }
  for (const Node::End& end : nodes_[at].ends) {
    if (plan_.operations[end.operation].method != method) continue;
    result.status = RouteResult::Status::found;
    result.operation = end.operation;
    result.template_segment = end.base_segments;
    return true;
  }
  return false;
}

REQPROBE_HOT RouteResult Router::route(std::string_view method, std::string_view path, RouteScratch& scratch) const {
  RouteResult result;
  if (walk(method, path, scratch, result)) return result;
  search(path, scratch, [&](const Node& node) {
    for (const Node::End& end : node.ends) {
      const Operation& op = plan_.operations[end.operation];
      if (op.method != method) continue;
      result.status = RouteResult::Status::found;
      result.operation = end.operation;
      result.template_segment = end.base_segments;  // search() split the whole path into scratch.segments
      return true;
    }
    if (result.status == RouteResult::Status::no_path) {
      result.status = RouteResult::Status::wrong_method;
      result.operation = node.ends.front().operation;
    }
    return false;
  });
  return result;
}

std::vector<std::string> Router::methods_at(std::string_view path) const {
  std::vector<std::string> methods;
  RouteScratch scratch;
  search(path, scratch, [&](const Node& node) {
    for (const Node::End& end : node.ends)
      if (std::find(methods.begin(), methods.end(), plan_.operations[end.operation].method) == methods.end())
        methods.push_back(plan_.operations[end.operation].method);
    return true;  // the most specific path's methods
  });
  return methods;
}

}  // namespace reqprobe::detail
