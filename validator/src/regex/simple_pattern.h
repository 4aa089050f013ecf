// A byte DFA for the patterns real documents mostly use: a sequence of ASCII literals and ASCII classes ([A-Z],
// \d, \w, escaped punctuation), each with a quantifier (?, *, +, {n}, {n,}, {n,m}), optionally anchored with ^ and
// $. Such a pattern is compiled once into a table and matched one byte per step, with no call overhead; anything
// else (alternation, groups, '.', negated classes, non-ASCII, more than 64 positions or 256 states) is left to RE2.
// The two agree on every string: the DFA is exact for the subset (tests/validator/simple_pattern_test.cc checks it
// against RE2 on generated patterns and strings).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace reqprobe::regex {

class SimplePattern {
 public:
  /// The DFA of an ECMA-262 pattern, or nullopt when the pattern is outside the subset.
  [[nodiscard]] static std::optional<SimplePattern> compile(std::string_view ecma_source);

  /// ECMA-262 `pattern` semantics: true when the pattern matches somewhere in `text` (anchors as written).
  [[nodiscard]] bool matches(std::string_view text) const noexcept {
    std::uint32_t state = kStart;
    if (anchored_end_) {
      // Only the state after the last byte counts, and the dead state maps every byte to itself: one table load
      // per byte, no test (a mismatch reads the rest of the value, which is bounded by the value).
      const std::uint16_t* const next = next_.data();
      for (const char c : text) state = next[state * 256 + static_cast<unsigned char>(c)];
      return accepting_[state] != 0;
    }
    if (accepting_[state]) return true;
    for (const char c : text) {
      state = next_[state * 256 + static_cast<unsigned char>(c)];
      if (state == kDead) return false;
      if (accepting_[state]) return true;
    }
    return accepting_[state] != 0;
  }

 private:
  static constexpr std::uint16_t kDead = 0;
  static constexpr std::uint16_t kStart = 1;
  std::vector<std::uint16_t> next_;      ///< [state * 256 + byte] -> state
  std::vector<std::uint8_t> accepting_;  ///< per state
  bool anchored_end_ = false;
};

}  // namespace reqprobe::regex
