// Valid values for any schema node, checked by the validator itself: candidates come from the node's enum and
// const values, its bounds, lengths, formats and patterns, and its composition (every allOf branch at once; one
// anyOf/oneOf branch, the discriminator's mapping, or the if/then or else side), and each is kept only when the
// validator accepts it against the node. Recursion has an explicit depth budget: optional members are added only
// while it lasts, and a value that needs more depth than the hard budget is not made.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "json_text.h"
#include "reqprobe/validator.h"

namespace reqprobe::gen {

/// Optional members are added while the depth is below this (and the value is asked for in full).
inline constexpr int kSoftDepth = 5;
/// No value is built deeper than this: a schema that needs more (a required member that recurses) gets none.
inline constexpr int kHardDepth = 14;

/// An enum or const value as the plan keeps it (canonical numbers: digits "e" exponent, meaning 0.digits * 10^e)
/// written as ordinary JSON ("2e1" becomes "2").
[[nodiscard]] std::string plain_value(const std::string& canonical);

class ValueSynth {
 public:
  ValueSynth(std::shared_ptr<const Contract> contract, const Limits& limits);
  ~ValueSynth();

  /// Does the node accept this JSON text (the validator's verdict on the value alone)?
  [[nodiscard]] bool accepts(std::uint32_t node, const std::string& text);
  /// Every violation of the value against the node, pointers relative to the value.
  [[nodiscard]] Report check(std::uint32_t node, const std::string& text);

  /// A valid value: required members only (`full` false) or every optional member too while the depth budget lasts.
  [[nodiscard]] std::optional<Json> valid(std::uint32_t node, bool full = false, int depth = 0);
  /// Up to `count` different valid values, best first.
  [[nodiscard]] std::vector<Json> valid_values(std::uint32_t node, std::size_t count, bool full = false, int depth = 0);
  /// A valid value whose member `property` is `forced` (a discriminator's value), if one is found.
  [[nodiscard]] std::optional<Json> valid_with(std::uint32_t node, const std::string& property,
                                               const std::string& forced_lexeme, std::uint32_t branch);

  /// The node and every allOf branch below it (the schemas a value must satisfy all of), node first.
  [[nodiscard]] std::vector<std::uint32_t> all_of_closure(std::uint32_t node) const;
  /// The types a value may have: the intersection over the allOf closure.
  [[nodiscard]] std::uint8_t allowed_types(std::uint32_t node) const;

 private:
  struct Choice {
    std::vector<std::uint32_t> view;  ///< the schemas the value is built to satisfy
    std::string forced_property;      ///< a member whose value is fixed (discriminator)
    std::string forced_lexeme;
  };
  std::vector<Json> candidates(std::uint32_t node, std::size_t want, bool full, int depth);
  std::vector<Choice> choices(std::uint32_t node, std::uint32_t forced_branch);
  void typed(const Choice& choice, std::uint8_t type, std::size_t want, bool full, int depth, std::vector<Json>& out);
  void strings(const std::vector<std::uint32_t>& view, std::size_t want, std::vector<Json>& out);
  void numbers(const std::vector<std::uint32_t>& view, bool integer, std::vector<Json>& out);
  void arrays(const std::vector<std::uint32_t>& view, std::size_t want, bool full, int depth, std::vector<Json>& out);
  std::optional<Json> object(const Choice& choice, bool full, int depth, unsigned variant);
  std::optional<Json> member_value(const std::vector<std::uint32_t>& nodes, bool full, int depth);

  const Plan& plan() const;
  Validator& oracle();

  std::shared_ptr<const Contract> contract_;
  Limits limits_;
  std::unique_ptr<Validator> oracle_;  ///< built on first use
  std::map<std::tuple<std::uint32_t, bool, int>, std::vector<Json>> cache_;
};

}  // namespace reqprobe::gen
