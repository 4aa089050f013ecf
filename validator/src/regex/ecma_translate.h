// ECMA-262 regular expressions (what JSON Schema's `pattern` and OpenAPI mean) translated for RE2, a linear-time
// engine: no pattern can make validation slow (ReDoS), whatever the document says. What RE2 reads differently is
// rewritten: `.` and `\s` take ECMA-262's line terminators and white space, `\p{Script=Greek}` becomes
// `\p{Greek}`, `\uXXXX` and surrogate pairs become code points, `[^]` any character. What no linear-time engine can
// run (backreferences, lookaround) is refused with a message naming it.
#pragma once

#include <string>
#include <string_view>

namespace reqprobe::regex {

struct Translation {
  bool ok = false;
  std::string re2;    ///< the pattern in RE2's syntax
  std::string error;  ///< why not, when !ok
};

[[nodiscard]] Translation translate_ecma(std::string_view pattern);

/// True when `pattern` is a syntactically valid ECMA-262 regular expression (the `regex` format), lookaround and
/// backreferences included: a syntax check, not a translation.
[[nodiscard]] bool is_ecma_regex(std::string_view pattern);

}  // namespace reqprobe::regex
