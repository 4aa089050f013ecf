// The ECMA-262 syntax check behind the `regex` format (regex/ecma_translate.cc's is_ecma_regex), one row per branch
// of its grammar with the u flag: quantifiers and what may carry them, braced counts, escapes (control, hex, unicode,
// surrogate pairs, properties), backreferences, group names (escapes, ID_Start/ID_Continue beyond ASCII) and
// character classes. formats_test.cc holds the common cases; these reach the early errors it does not.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "regex/ecma_translate.h"

namespace reqprobe::regex {
namespace {

struct Row {
  std::string pattern;
  bool valid;
  const char* why;
};

std::ostream& operator<<(std::ostream& out, const Row& row) {
  return out << "/" << row.pattern << "/u (" << row.why << ")";
}

std::vector<Row> quantifier_rows() {
  return {
      {"a|b", true, "alternatives"},
      {"^$", true, "anchors"},
      {"", true, "the empty pattern"},
      {"(?:a)+", true, "a quantified non-capturing group"},
      {"a*?b+?c??", true, "lazy quantifiers"},
      {"a{2}", true, "an exact count"},
      {"a{2,}", true, "an open count"},
      {"a{2}?", true, "a lazy braced count"},
      {"a{02,10}", true, "leading zeros are compared as numbers"},
      {"a{010,9}", false, "10 is more than 9"},
      {"a{99,100}", true, "a shorter low bound"},
      {"a{,5}", false, "no low bound"},
      {"a{2,x}", false, "a letter for the high bound"},
      {"a{2,3", false, "an unclosed count after a comma"},
      {"a{2x}", false, "a letter after the low bound"},
      {"}", false, "a lone closing brace"},
      {"]", false, "a lone closing bracket"},
      {")", false, "a closing parenthesis without a group"},
      {"*a", false, "a quantifier with nothing before it"},
      {"|+", false, "a quantifier after an alternative"},
      {"^*", false, "a quantified assertion"},
      {"(?<=a)*", false, "a quantified lookbehind"},
      {"(?!a){2}", false, "a braced count on a lookahead"},
      {"\\b", true, "a word boundary"},
      {"\\B+", false, "a quantified non-boundary"},
      {"(", false, "an unclosed group"},
      {"(?", false, "a group extension cut short"},
      {"(?x)", false, "an unknown extension"},
      {"\xC3\xA9+", true, "a quantified non-ASCII literal"},
  };
}

std::vector<Row> escape_rows() {
  return {
      {"\\d\\D\\s\\S\\w\\W", true, "class escapes"},
      {"\\d+", true, "a quantified class escape"},
      {"\\f\\n\\r\\t\\v", true, "control escapes"},
      {"\\cA\\cz", true, "control letters"},
      {"\\c1", false, "a control escape with a digit"},
      {"\\c", false, "a control escape cut short"},
      {"\\0", true, "NUL"},
      {"\\00", false, "an octal escape"},
      {"\\x41", true, "a hex escape"},
      {"\\x4", false, "a short hex escape"},
      {"\\xZZ", false, "a hex escape without hex digits"},
      {"\\u0041", true, "a four-digit unicode escape"},
      {"\\u004", false, "a short unicode escape"},
      {"\\u00G1", false, "a non-hex digit in a unicode escape"},
      {"\\u{41}", true, "a braced unicode escape"},
      {"\\u{}", false, "an empty braced unicode escape"},
      {"\\u{41", false, "an unclosed braced unicode escape"},
      {"\\u{4G}", false, "a non-hex digit in braces"},
      {"\\uD83D\\uDE00", true, "a surrogate pair"},
      {"\\uD83Dx", true, "a lone lead surrogate"},
      {"\\uD83D\\u0041", true, "a lead surrogate then a letter"},
      {"\\/", true, "an escaped slash"},
      {"\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\^\\$\\\\", true, "every syntax character escaped"},
      {"\\-", false, "an escaped hyphen outside a class"},
      {"\\ ", false, "an escaped space"},
      {"\\", false, "a lone backslash"},
      {"(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\\10", true, "a two-digit backreference"},
      {"(a)\\11", false, "a two-digit backreference past the groups"},
      {"\\1(a)", true, "a forward backreference"},
      {"(?:a)\\1", false, "a non-capturing group is not counted"},
      {"\\p", false, "\\p without braces"},
      {"\\p{L", false, "an unclosed property"},
      {"\\p{Lu}", true, "a general category"},
      {"\\P{Alphabetic}", true, "a binary property"},
      {"\\p{gc=Lu}", true, "gc="},
      {"\\p{General_Category=Letter}", true, "General_Category= with a long name"},
      {"\\p{General_Category=Foo}", false, "an unknown general category"},
      {"\\p{sc=Latn}", true, "sc="},
      {"\\p{scx=Grek}", true, "scx="},
      {"\\p{Script_Extensions=Old_Italic}", true, "Script_Extensions= with an underscore"},
      {"\\p{Script=}", false, "an empty script"},
      {"\\p{Script=La-tn}", false, "a hyphen in a script"},
      {"\\p{Foo=Bar}", false, "an unknown property name"},
      {"\\k", false, "\\k alone"},
      {"\\ka", false, "\\k without '<'"},
      {"(?<a>x)\\k<a", false, "an unclosed reference"},
      {"\\k<a>+(?<a>x)", true, "a quantified reference before its group"},
  };
}

std::vector<Row> group_name_rows() {
  return {
      {"(?<a>x)(?<b>y)\\k<a>\\k<b>", true, "two names, two references"},
      {"(?<$_>x)", true, "dollar and underscore"},
      {"(?<a1>x)", true, "a digit after the first character"},
      {"(?<a", false, "an unclosed name"},
      {"(?<>x)", false, "an empty name"},
      {"(?<a-b>x)", false, "a hyphen in a name"},
      {"(?<\\u{61}>x)", true, "a braced escape in a name"},
      {"(?<\\x61>x)", false, "a hex escape in a name"},
      {"(?<\\u0031a>x)", false, "an escaped digit first"},
      {"(?<\\uD835\\uDC00>x)", true, "an escaped surrogate pair (U+1D400)"},
      {"(?<\\u{D800}>x)", false, "an escaped lone surrogate"},
      {"(?<\\u{110000}>x)", false, "an escape past U+10FFFF"},
      {"(?<a\xE2\x80\x8C>x)", true, "ZWNJ after the first character"},
      {"(?<\xE2\x80\x8C>x)", false, "ZWNJ first"},
      {"(?<\xE2\x84\x98>x)", true, "Other_ID_Start (U+2118)"},
      {"(?<a\xC2\xB7>x)", true, "Other_ID_Continue (U+00B7)"},
      {"(?<\xC2\xB7>x)", false, "Other_ID_Continue first"},
      {"(?<a\xE2\xB8\xAF>x)", false, "VERTICAL TILDE (Pattern_Syntax)"},
      {"(?<\xF0\x9D\x90\x80>x)", true, "a supplementary-plane letter"},
      {"(?<a\xCC\x81>x)", true, "a combining mark after the first character"},
      {"(?<\xCC\x81>x)", false, "a combining mark first"},
      {"(?<a\xD9\xA1>x)", true, "a non-ASCII decimal digit after the first character"},
      {"(?<\xE2\x82\xAC>x)", false, "a currency sign"},
      {"(?<\xFF>x)", false, "invalid UTF-8 in a name"},
  };
}

std::vector<Row> class_rows() {
  return {
      {"[\\b]", true, "backspace in a class"},
      {"[^a]", true, "a negated class"},
      {"[a-]", true, "a trailing hyphen"},
      {"[-a]", true, "a leading hyphen"},
      {"[\\-]", true, "an escaped hyphen in a class"},
      {"[a-z0-9_]", true, "two ranges"},
      {"[a-\\d]", false, "a class escape ending a range"},
      {"[\\w-a]", false, "a class escape starting a range"},
      {"[\\p{L}\\P{Nd}]", true, "properties in a class"},
      {"[\\p{L}-z]", false, "a property starting a range"},
      {"[\\p{Nope}]", false, "an unknown property in a class"},
      {"[\\q]", false, "an identity escape of a letter in a class"},
      {"[\\x41-\\x5A]", true, "a range of hex escapes"},
      {"[\\x5A-\\x41]", false, "a range of hex escapes out of order"},
      {"[\\u{1F600}-\\u{1F64F}]+", true, "a quantified class"},
      {"[", false, "an unclosed class"},
      {"[a", false, "an unclosed class with an atom"},
      {"[\\", false, "a class ending with a backslash"},
      {"[a-\\", false, "a range ending with a backslash"},
      {"[\xFF]", false, "invalid UTF-8 in a class"},
      {"[\xC3\xA9-\xC3\xBF]", true, "a non-ASCII range"},
  };
}

class RegexSyntax : public testing::TestWithParam<Row> {};

TEST_P(RegexSyntax, Decides) {
  const Row& row = GetParam();
  EXPECT_EQ(is_ecma_regex(row.pattern), row.valid) << row;
}

INSTANTIATE_TEST_SUITE_P(Quantifiers, RegexSyntax, testing::ValuesIn(quantifier_rows()));
INSTANTIATE_TEST_SUITE_P(Escapes, RegexSyntax, testing::ValuesIn(escape_rows()));
INSTANTIATE_TEST_SUITE_P(GroupNames, RegexSyntax, testing::ValuesIn(group_name_rows()));
INSTANTIATE_TEST_SUITE_P(Classes, RegexSyntax, testing::ValuesIn(class_rows()));

// Two bugs these found (fixed): outside a class and a group name, a byte that is not UTF-8 made next_code_point()
// return kInvalid (-2), which run() tested with `!`, so the position never advanced and is_ecma_regex() never
// returned; and a literal U+0000 (a valid PatternCharacter, value 0) read as a failure.
TEST(RegexSyntaxBugs, InvalidUtf8OutsideAClassIsRefused) {
  EXPECT_FALSE(is_ecma_regex("a\xFF"));
  EXPECT_FALSE(is_ecma_regex("\xC0\xAF"));
}

TEST(RegexSyntaxBugs, ALiteralNulIsAPatternCharacter) {
  EXPECT_TRUE(is_ecma_regex(std::string("a\0b", 3)));
}

}  // namespace
}  // namespace reqprobe::regex
