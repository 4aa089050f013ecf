// What the engines need beyond the plan's data, built once when a Contract is made: the route trie and the
// compiled patterns (RE2, linear time).
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "../decimal.h"
#include "../regex/simple_pattern.h"
#include "body_media.h"
#include "parameter_values.h"
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

  /// A number node's bounds (Plan::number_bounds), parsed once.
  struct Bounds {
    bool has_minimum = false, has_maximum = false, has_multiple_of = false;
    Decimal minimum, maximum, multiple_of;
    /// Every present bound is a whole number of at most 18 digits (multipleOf positive): plain integer values are
    /// then judged in int64 (the same verdicts as the exact comparison, which still writes any report).
    bool int64_ok = false;
    std::int64_t minimum_int = 0, maximum_int = 0, multiple_of_int = 0;
  };

  /// shape_of(plan, node), computed once per node: the request engine asks it for every parameter of every request.
  [[nodiscard]] ValueShape shape(std::uint32_t node) const noexcept {
    return node < shapes.size() ? shapes[node] : ValueShape::primitive;
  }

  /// Per operation, what every request would otherwise work out again from the plan.
  struct OperationFacts {
    /// Indices (Operation::parameters) of the required parameters, per Location.
    std::array<std::vector<std::uint32_t>, kLocationCount> required;
    /// Query parameters whose members stand as names of their own: exploded form objects and deepObjects.
    std::vector<std::uint32_t> claiming;
    /// A security scheme of the operation is an apiKey in the query (the security check needs the query's names).
    bool query_credentials = false;
    /// A JSON media type exactly as declared, with the choice its Content-Type makes; a request that writes its
    /// Content-Type byte for byte as declared (the usual case) skips parsing and choosing.
    struct DeclaredJson {
      std::string content_type;
      MediaChoice choice;
    };
    std::vector<DeclaredJson> declared_json;
  };
  /// One per Plan::operations entry.
  std::vector<OperationFacts> operations;

  /// oneOf or anyOf branches told apart by one member: every branch is an object schema that requires `property`
  /// and gives it one plain string value (`const`, or a one-value `enum`), each branch another. For an object value
  /// only the branch whose string the member holds can pass (the others fail that member's const), so a fail-fast
  /// verdict runs that branch alone instead of all of them: an implicit discriminator, decided from JSON Schema alone.
  struct BranchTag {
    std::string property;
    std::vector<std::pair<std::string, std::uint32_t>> branches;  ///< the value's JSON text, quotes included -> node
  };
  std::vector<BranchTag> branch_tags;
  /// Per node: its oneOf's and its anyOf's BranchTag (index into branch_tags), or kNone.
  std::vector<std::uint32_t> one_of_tags, any_of_tags;

  Router router;
  std::vector<ValueShape> shapes;
  std::vector<std::unique_ptr<const re2::RE2>> patterns;
  /// Per pattern: its byte DFA when it is in SimplePattern's subset (then RE2 is not called), else empty.
  std::vector<std::optional<regex::SimplePattern>> simple_patterns;
  std::vector<Bounds> bounds;

 private:
  [[nodiscard]] OperationFacts facts_of(const Plan& plan, const Operation& op) const;
};

/// A whole Decimal of at most 18 digits as int64; false otherwise.
[[nodiscard]] bool small_integer(const Decimal& d, std::int64_t& out) noexcept;

/// Compiles a translated pattern for the engines; null when RE2 refuses it (error set).
[[nodiscard]] std::unique_ptr<const re2::RE2> compile_pattern(std::string_view translated, std::string& error);
/// RE2's answer alone (tests compare SimplePattern with it): PartialMatch of the translated pattern.
[[nodiscard]] bool re2_partial_match(std::string_view translated, std::string_view text);
/// Whether RE2 compiles it (for the loader, which reports the pattern when it does not).
[[nodiscard]] bool pattern_compiles(std::string_view translated, std::string& error);

}  // namespace reqprobe::detail
