// Strings that match a regular expression, derived from simple ECMA-262 syntax: literals, escapes (\d \w \s and
// their complements, \. \uXXXX ...), classes and ranges, '.', groups, alternation and quantifiers. Richer
// patterns (Unicode properties, backreferences, lookaround) get no sample: the caller falls back to enum values
// or skips the field's matching case, and says why. Samples are candidates; the validator has the last word.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reqprobe::gen {

/// A string the pattern matches, or nullopt with `why` set. `stretch` sets how often quantifiers repeat (each takes
/// the count nearest to it within its bounds); `variant` picks other alternatives and class members, so different
/// variants give different strings.
[[nodiscard]] std::optional<std::string> pattern_sample(std::string_view pattern, unsigned stretch, unsigned variant,
                                                        std::string& why);

/// Strings that likely do not match (empty, punctuation, a sample with a character changed, cut or extended), for
/// the caller to check.
[[nodiscard]] std::vector<std::string> pattern_miss_candidates(std::string_view pattern);

}  // namespace reqprobe::gen
