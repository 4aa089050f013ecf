// Routing: a trie over path segments built from every operation's base paths and template, so finding a
// request's operation costs O(segments), not O(operations). At each segment a literal child is tried before
// partial-segment templates ("{name}.json") and those before a whole-segment variable: the concrete path wins, as
// OpenAPI says. Among the paths that match, the most specific one with the request's method is chosen; when none
// has the method, the request is a `method` error with the most specific path's methods.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "reqprobe/plan.h"

namespace reqprobe::detail {

/// Reusable space for routing, so a request allocates nothing (Validators keep one in their scratch).
struct RouteScratch {
  std::vector<std::string_view> segments;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> stack;
};

struct RouteResult {
  enum class Status : std::uint8_t { found, wrong_method, no_path };
  Status status = Status::no_path;
  std::uint32_t operation = kNone;  ///< found: the operation; wrong_method: one of the matched path's operations
  /// found: the index in RouteScratch::segments of the template's first segment (the base path's come before)
  std::uint32_t template_segment = 0;
};

class Router {
 public:
  explicit Router(const Plan& plan);
  /// Routes a request's path (the request-target before '?', starting with '/'). When found, scratch.segments holds
  /// every segment of the path, so the caller need not split it again.
  [[nodiscard]] RouteResult route(std::string_view method, std::string_view path, RouteScratch& scratch) const;
  /// The methods of the operations on the path an unmatched method's request has (for the message).
  [[nodiscard]] std::vector<std::string> methods_at(std::string_view path) const;

 private:
  // Literal children looked up by string_view without building a string (heterogeneous lookup).
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  struct Node {
    std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> literals;
    /// A node's literal children once built, when there are few: a scan beats hashing the segment.
    std::vector<std::pair<std::string, std::uint32_t>> few_literals;
    std::vector<std::pair<const PathSegment*, std::uint32_t>> patterns;  ///< most literal text first
    std::uint32_t variable = kNone;
    struct End {
      std::uint32_t operation;
      std::uint32_t base_segments;  ///< how many leading segments are the base path
    };
    std::vector<End> ends;
  };
  struct Match {
    std::uint32_t node;
    std::uint32_t end_index;  // into node.ends
  };
  void insert(std::uint32_t operation, const std::string& base);
  [[nodiscard]] bool walk(std::string_view method, std::string_view path, RouteScratch& scratch,
                          RouteResult& result) const;
  /// The child of `node` for the literal `segment`, kNone when there is none.
  [[nodiscard]] static std::uint32_t literal_child(const Node& node, std::string_view segment);
  template <class Visit>
  void search(std::string_view path, RouteScratch& scratch, Visit&& visit) const;

  const Plan& plan_;
  std::vector<Node> nodes_;
};

/// Splits a raw segment by a partial-segment template: each variable takes the text up to the next literal (the
/// shortest that lets the rest match); the last variable takes what is left. False when the segment does not fit.
[[nodiscard]] bool match_pieces(std::string_view segment, const std::vector<PathPiece>& pieces,
                                std::vector<std::string_view>* values);

}  // namespace reqprobe::detail
