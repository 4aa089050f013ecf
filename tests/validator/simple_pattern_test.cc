// SimplePattern (regex/simple_pattern.h) against RE2 on the translated pattern: the same answer for every string,
// over generated patterns of the subset and generated strings (ASCII, and bytes of multi-byte UTF-8), and the
// subset's edges (what it refuses goes to RE2, so refusing is always safe; accepting must be exact).
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "engine/runtime.h"
#include "regex/ecma_translate.h"
#include "regex/simple_pattern.h"
#include "test_rng.h"

namespace reqprobe {
namespace {

using regex::SimplePattern;

using test::Rng;

std::string random_pattern(Rng& r) {
  static const std::vector<std::string> atoms = {"a",       "b",   "-", "\\d",      "\\w", "[a-c]", "[A-Z0-9]",
                                                 "[ab\\-]", "\\.", "x", "[0-9a-f]", "\\/", "_",     "[\\d-z]"};
  static const std::vector<std::string> quantifiers = {"",    "",      "",      "?",    "*", "+",
                                                       "{2}", "{1,3}", "{0,2}", "{2,}", "+?"};
  std::string p = r.below(2) ? "^" : "";
  const std::size_t items = 1 + r.below(5);
  for (std::size_t i = 0; i < items; ++i) p += atoms[r.below(atoms.size())] + quantifiers[r.below(quantifiers.size())];
  if (r.below(2)) p += "$";
  return p;
}

std::string random_text(Rng& r) {
  static const std::vector<std::string> pieces = {"a", "b", "c", "x", "-", "1", "7",
                                                  "Z", "_", ".", "/", "z", "é", "中"};
  std::string t;
  const std::size_t length = r.below(8);
  for (std::size_t i = 0; i < length; ++i) t += pieces[r.below(pieces.size())];
  return t;
}

TEST(SimplePattern, AgreesWithRe2OnGeneratedPatternsAndStrings) {
  Rng r{42};
  std::size_t compiled = 0, compared = 0;
  for (int n = 0; n < 2000; ++n) {
    const std::string source = random_pattern(r);
    const auto simple = SimplePattern::compile(source);
    const regex::Translation t = regex::translate_ecma(source);
    ASSERT_TRUE(t.ok) << source;
    if (!simple) continue;
    ++compiled;
    for (int k = 0; k < 25; ++k) {
      const std::string text = random_text(r);
      ++compared;
      ASSERT_EQ(simple->matches(text), detail::re2_partial_match(t.re2, text))
          << "pattern " << source << " on \"" << text << "\"";
    }
  }
  EXPECT_GT(compiled, 1600u) << "most generated patterns are in the subset";
  std::printf("SimplePattern: %zu patterns compiled, %zu strings compared with RE2\n", compiled, compared);
}

TEST(SimplePattern, TheSubsetsEdges) {
  struct Row {
    const char* pattern;
    bool in_subset;
  };
  for (const Row& row : std::vector<Row>{{"^[A-Z]{3}-[0-9]{6}$", true},
                                         {"^\\+[1-9][0-9]{6,14}$", true},
                                         {"^[a-z0-9-]{1,32}$", true},
                                         {"abc", true},
                                         {"^$", true},
                                         {"a|b", false},
                                         {"(ab)+", false},
                                         {".", false},
                                         {"[^a]", false},
                                         {"\\s", false},
                                         {"é", false},
                                         {"a{65}", false},
                                         {"a{", false},
                                         {"[]", false},
                                         {"\\bword", false}}) {
    EXPECT_EQ(SimplePattern::compile(row.pattern).has_value(), row.in_subset) << row.pattern;
  }
  const auto sku = SimplePattern::compile("^[A-Z]{3}-[0-9]{6}$");
  ASSERT_TRUE(sku);
  EXPECT_TRUE(sku->matches("ABQ-123456"));
  EXPECT_FALSE(sku->matches("ABQ-12345"));
  EXPECT_FALSE(sku->matches("ABQ-1234567"));
  EXPECT_FALSE(sku->matches("abq-123456"));
  const auto inside = SimplePattern::compile("[0-9]{2}");
  ASSERT_TRUE(inside);
  EXPECT_TRUE(inside->matches("é12中")) << "unanchored: a match may start after multi-byte characters";
  EXPECT_FALSE(inside->matches("1é2"));
}

}  // namespace
}  // namespace reqprobe
