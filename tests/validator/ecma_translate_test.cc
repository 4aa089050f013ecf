// ECMA-262 patterns translated for RE2 (regex/ecma_translate.h), judged by behaviour: each row's translation must
// match and refuse the strings ECMA-262 says it does (run through RE2, as the engine runs it), and each pattern no
// linear-time engine can run, or that is not ECMA-262, must be refused with a message naming why.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/runtime.h"
#include "regex/ecma_translate.h"

namespace reqprobe {
namespace {

struct Matching {
  const char* name;
  const char* pattern;
  std::vector<std::string> matches;  ///< somewhere in the string (pattern is not anchored)
  std::vector<std::string> refuses;
};

TEST(EcmaTranslate, TranslationsMatchWhatEcma262Matches) {
  const std::vector<Matching> rows = {
      {"\\s takes ECMA white space and line terminators",
       "^\\s$",
       {" ", "\t", "\xC2\xA0", "\xE2\x80\xA8", "\xEF\xBB\xBF"},
       {"a", ""}},
      {"\\S is its complement", "^\\S$", {"a", "\xC3\xA9"}, {" ", "\xC2\xA0"}},
      {"\\s inside a class", "^[\\sx]$", {"x", "\xE2\x80\xA9"}, {"y"}},
      {"\\d and \\w are ASCII",
       "^\\d\\w$",
       {"1a", "9_"},
       {"\xD9\xA1"
        "a",
        "1\xC3\xA9"}},
      {"\\D and \\W", "^\\D\\W$", {"a-", "\xC3\xA9!"}, {"1-", "aa"}},
      {"control escapes", "^\\t\\n\\r\\f\\v$", {"\t\n\r\f\v"}, {"tnrfv"}},
      {"\\0 is NUL", "^a\\0$", {std::string("a\0", 2)}, {"a0"}},
      {"\\cJ is a line feed", "^\\cJ$", {"\n"}, {"J"}},
      {"\\x escapes", "^\\x41\\x7e$", {"A~"}, {"x41"}},
      {"\\u escapes", "^\\u0041\\u00e9$", {"A\xC3\xA9"}, {"Ae"}},
      {"\\u{...} code points", "^\\u{1F600}$", {"\xF0\x9F\x98\x80"}, {"u"}},
      {"a surrogate pair is one code point", "^\\uD83D\\uDE00$", {"\xF0\x9F\x98\x80"}, {"\xED\xA0\xBD"}},
      {"\\b is a word boundary, [\\b] a backspace", "\\bab\\B|^[\\b]$", {"abc", "x abc", "\b"}, {"ab", "cabc"}},
      {"dot takes no line terminator",
       "^a.b$",
       {"axb",
        "a\xC3\xA9"
        "b"},
       {"a\nb",
        "a\xE2\x80\xA8"
        "b",
        "a\rb"}},
      {"[^] takes any character", "^a[^]b$", {"a\nb", "axb"}, {"ab"}},
      {"[] takes none", "a[]", {}, {"a", "a]"}},
      {"a [ inside a class is literal", "^[[a]$", {"[", "a"}, {"b"}},
      {"escaped syntax characters", "^\\^\\$\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\/\\-$", {"^$.*+?()[]{}|/-"}, {"x"}},
      {"\\p{Script=Greek}", "^\\p{Script=Greek}+$", {"\xCE\xB1\xCE\xB2"}, {"ab"}},
      {"\\p{sc=...} and \\P{L}", "^\\p{sc=Latin}\\P{L}$", {"a1", "b!"}, {"ab", "1a"}},
      {"\\p{Letter} by its long name", "^\\p{Letter}$", {"\xC3\xA9", "z"}, {"1"}},
      {"\\p{General_Category=Nd}", "^\\p{General_Category=Nd}$", {"7"}, {"x"}},
      {"groups: plain, non-capturing, named", "^(a)(?:b)(?<c>c)$", {"abc"}, {"ab"}},
  };
  for (const Matching& row : rows) {
    SCOPED_TRACE(row.name);
    const regex::Translation t = regex::translate_ecma(row.pattern);
    ASSERT_TRUE(t.ok) << t.error;
    for (const std::string& s : row.matches) EXPECT_TRUE(detail::re2_partial_match(t.re2, s)) << t.re2 << " on " << s;
    for (const std::string& s : row.refuses) EXPECT_FALSE(detail::re2_partial_match(t.re2, s)) << t.re2 << " on " << s;
  }
}

struct Refused {
  const char* pattern;
  const char* because;  ///< a substring of the error
};

TEST(EcmaTranslate, RefusesWhatNoLinearEngineRunsAndWhatIsNotEcma262) {
  const std::vector<Refused> rows = {
      {"(?=a)", "lookahead"},
      {"(?!a)", "lookahead"},
      {"(?<=a)b", "lookbehind"},
      {"(?<!a)b", "lookbehind"},
      {"(a)\\1", "backreference \\1"},
      {"(?<n>a)\\k<n>", "backreference \\k"},
      {"(?x)a", "unknown group syntax"},
      {"a)", "unbalanced parenthesis"},
      {"(a", "unbalanced parenthesis"},
      {"[ab", "unterminated character class"},
      {"a\\", "end with a backslash"},
      {"\\q", "unknown escape \\q"},
      {"\\01", "octal"},
      {"\\c1", "\\c needs a letter"},
      {"\\x4", "\\x needs two hex digits"},
      {"\\u12", "malformed \\u escape"},
      {"\\u{110000}", "malformed \\u escape"},
      {"\\u{}", "malformed \\u escape"},
      {"[\\S]", "\\S inside a character class"},
      {"\\pL", "\\p needs {name}"},
      {"\\p{L", "unterminated \\p"},
  };
  for (const Refused& row : rows) {
    SCOPED_TRACE(row.pattern);
    const regex::Translation t = regex::translate_ecma(row.pattern);
    EXPECT_FALSE(t.ok) << t.re2;
    EXPECT_NE(t.error.find(row.because), std::string::npos) << t.error;
  }
}

TEST(EcmaTranslate, TheRegexFormatIsASyntaxCheck) {
  // Lookaround and backreferences are valid ECMA-262 (the `regex` format), though no pattern may use them.
  for (const char* valid : {"^a+$", "(?=a)a", "(?<n>a)\\k<n>", "(a)\\1", "\\p{Script=Greek}", "[^]", "a{2,3}"})
    EXPECT_TRUE(regex::is_ecma_regex(valid)) << valid;
  for (const char* invalid : {"(", "[a", "a{2,1}", "\\", "*a", "\\p{NotAProperty}"})
    EXPECT_FALSE(regex::is_ecma_regex(invalid)) << invalid;
}

}  // namespace
}  // namespace reqprobe
