// The parse stage's error paths and rarer forms (validator/src/document): YAML that libfyaml refuses (tabs in
// indentation, unterminated flow collections and quotes), tags the core schema does not have on mappings, sequences
// and scalars, aliases as keys, merge keys that do not merge mappings, core-schema numbers at their edges, and the
// JSON reader's string, number and repeated-key errors. Each input gives an exact tree, or an error at an exact
// line:column with words of its message, so a changed position or message fails.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "document_cases.h"

namespace reqprobe::doc {
namespace {

using test::Case;
using test::check;

TEST(YamlErrors, SyntaxErrorsFromLibfyaml) {
  check({
      {"a tab in the indentation", "a:\n\tb: 1\n", Format::yaml, "error 2:1 YAML: "},
      {"an unterminated flow sequence", "a: [1, 2\n", Format::yaml,
       "error 2:1 YAML: flow sequence without a closing bracket"},
      {"an unterminated flow mapping", "a: {b: 1\n", Format::yaml, "error 2:1 YAML: missing comma in flow mapping"},
      {"an unterminated single quote", "a: 'x\n", Format::yaml,
       "error 1:5 YAML: single-quoted scalar without closing quote"},
      {"an unterminated double quote", "a: \"x\n", Format::yaml,
       "error 1:5 YAML: double-quoted scalar without closing quote"},
      {"an invalid double-quoted escape", "a: \"\\q\"\n", Format::yaml, "error 1:5 YAML: "},
      {"an anchor without a name", "a: & x\n", Format::yaml, "error 1:5 YAML: invalid anchor"},
      {"an alias without a name", "a: *\n", Format::yaml, "error 1:5 YAML: invalid alias"},
      {"a stray closing bracket", "a: ]\n", Format::yaml, "error 1:4 YAML: "},
  });
}

TEST(YamlErrors, DocumentsAndNesting) {
  check({
      {"no text", "", Format::yaml, "error 1:1 holds no YAML document"},
      {"a comment only", "# nothing\n", Format::yaml, "error 1:1 holds no YAML document"},
      {"an explicit document end", "a: 1\n...\n", Format::yaml, "{a:n:1}"},
      {"a YAML 1.2 directive", "%YAML 1.2\n---\na: 1\n", Format::yaml, "{a:n:1}"},
      {"a scalar root", "hello\n", Format::yaml, "\"hello\""},
      {"too deep", std::string(600, '['), Format::yaml, "error 1:513 nested deeper than 512"},
      {"a sequence as a key", "? [a]\n: v\n", Format::yaml, "error 1:3 key must be a scalar"},
      {"an alias as a key", "a: &k x\n*k : v\n", Format::yaml, "error 2:2 not an alias"},
  });
}

TEST(YamlErrors, TagsOfTheCoreSchemaOnly) {
  check({
      {"!!map on a mapping", "!!map {a: 1}\n", Format::yaml, "{a:n:1}"},
      {"!!seq on a sequence", "!!seq [1]\n", Format::yaml, "[n:1]"},
      {"a verbatim core tag", "!<tag:yaml.org,2002:int> '7'\n", Format::yaml, "n:7"},
      {"the non-specific tag", "! 12\n", Format::yaml, "\"12\""},
      {"a local tag on a mapping", "!thing {a: 1}\n", Format::yaml, "error 1:1 tag of this mapping"},
      {"!!seq on a mapping", "!!seq {a: 1}\n", Format::yaml, "error 1:1 tag of this mapping"},
      {"!!str on a sequence", "!!str [1]\n", Format::yaml, "error 1:1 tag of this sequence"},
      {"!!map on a scalar", "a: !!map x\n", Format::yaml, "error 1:4 tag of this scalar"},
      {"!!seq on a scalar", "a: !!seq x\n", Format::yaml, "error 1:4 tag of this scalar"},
      {"!!null on a word", "a: !!null x\n", Format::yaml, "error 1:11 not a valid !!null"},
      {"!!bool on a YAML 1.1 word", "a: !!bool yes\n", Format::yaml, "error 1:11 not a valid !!bool"},
      {"!!int on a fraction", "a: !!int 1.5\n", Format::yaml, "error 1:10 not a valid !!int"},
      {"!!int on hexadecimal", "a: !!int 0x1F\n", Format::yaml, "{a:n:31}"},
      {"!!float on an integer", "a: !!float 1\n", Format::yaml, "{a:n:1}"},
      {"!!float on infinity", "a: !!float .inf\n", Format::yaml, "{a:nf:.inf}"},
      {"!!null on ~", "a: !!null ~\n", Format::yaml, "{a:null}"},
      {"!!bool on True", "a: !!bool True\n", Format::yaml, "{a:true}"},
  });
}

TEST(YamlErrors, CoreSchemaNumbersAtTheirEdges) {
  check({
      {"signed infinity", "[+.inf, -.Inf, .INF]", Format::yaml, "[nf:+.inf,nf:-.Inf,nf:.INF]"},
      {"NaN takes no sign", "[-.nan, +.NaN, .NAN]", Format::yaml, "[\"-.nan\",\"+.NaN\",nf:.NAN]"},
      {"exponents", "[1e+5, 2E-3, 1e, 1e+]", Format::yaml, "[n:1e+5,n:2e-3,\"1e\",\"1e+\"]"},
      {"leading zeros", "[00, 0007.50]", Format::yaml, "[n:0,n:7.50]"},
      {"prefixes without digits", "[0o, 0x, 0o8, 0xG]", Format::yaml, "[\"0o\",\"0x\",\"0o8\",\"0xG\"]"},
      {"a signed hexadecimal is a string", "[-0x1F, +0o7]", Format::yaml, "[\"-0x1F\",\"+0o7\"]"},
      {"not numbers", "[1_000, 1.5.3, ., .e1, 1x]", Format::yaml, "[\"1_000\",\"1.5.3\",\".\",\".e1\",\"1x\"]"},
      {"core words in capitals", "[TRUE, FALSE, NULL, Null]", Format::yaml, "[true,false,null,null]"},
      {"octal and hexadecimal case", "[0o777, 0xff, 0xFF]", Format::yaml, "[n:511,n:255,n:255]"},
  });
}

TEST(YamlErrors, AnchorsAndMergeKeys) {
  check({
      {"an anchored sequence", "a: &s [1]\nb: *s\n", Format::yaml, "{a:[n:1],b:[n:1]}"},
      {"an anchored scalar", "a: &x 1\nb: *x\n", Format::yaml, "{a:n:1,b:n:1}"},
      {"an anchor defined again", "a: &x 1\nb: &x 2\nc: *x\n", Format::yaml, "{a:n:1,b:n:2,c:n:2}"},
      {"a merge of a list, the first mapping winning", "p: &p {x: 1}\nq: &q {x: 2, y: 2}\nr:\n  <<: [*p, *q]\n",
       Format::yaml, "{p:{x:n:1},q:{x:n:2,y:n:2},r:{x:n:1,y:n:2}}"},
      {"two merge keys", "p: &p {x: 1}\nq: &q {y: 2}\nr:\n  <<: *p\n  <<: *q\n", Format::yaml,
       "{p:{x:n:1},q:{y:n:2},r:{x:n:1,y:n:2}}"},
      {"a quoted << is a plain key", "'<<': 1\n", Format::yaml, "{<<:n:1}"},
      {"a merge of a scalar", "r:\n  <<: 1\n", Format::yaml, "error 2:7 a mapping or a list of mappings"},
      {"a merge of a list holding a scalar", "p: &p {x: 1}\nr:\n  <<: [*p, 1]\n", Format::yaml,
       "error 3:7 takes mappings only"},
      {"an empty merge list", "r:\n  <<: []\n", Format::yaml, "error 2:7 a mapping or a list of mappings"},
  });
}

TEST(YamlErrors, SingleQuotedLineBreaks) {
  check({
      {"CRLF in a single-quoted escape scalar", "a: 'x''y\r\n  z'\n", Format::yaml, "{a:\"x'y z\"}"},
      {"a lone CR", "a: 'x''y\r\r  z'\n", Format::yaml, "{a:\"x'y\nz\"}"},
      {"a tab before a break", "a: 'x''y\t\n  z'\n", Format::yaml, "{a:\"x'y z\"}"},
  });
}

// CR LF and lone CR are read as LF before libfyaml sees the text (it leaks in fy_token_get_text on quoted scalars
// with several CR LF breaks): values are what YAML 1.2 says, and positions still count in the source's bytes.
TEST(YamlErrors, CarriageReturnsAreLineBreaks) {
  check({
      {"CR LF breaks in a double-quoted scalar", "a: \"1\r\n\r\n\r\n\r\n\r\n  2\"\r\n", Format::yaml,
       "{a:\"1\n\n\n\n2\"}"},
      {"CR LF breaks in a single-quoted scalar", "a: '1\r\r\r\n\n\r\n\r\n  2'\r\n", Format::yaml,
       "{a:\"1\n\n\n\n\n2\"}"},
      {"an error after CR LF lines", "a: 1\r\nb: 2\r\nc: [1, 2\r\n", Format::yaml,
       "error 4:1 YAML: flow sequence without a closing bracket"},
      // Positions count lines at LF: a lone CR (old Mac text) does not start a line there.
      {"an error on a line after a lone CR", "a: 1\rb: 2\r\nc: \"x\r\n", Format::yaml,
       "error 2:5 YAML: double-quoted scalar without closing quote"},
  });
}

TEST(JsonErrors, StringsNumbersAndKeys) {
  std::string many = "{";
  for (int i = 0; i < 20; ++i) many += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  check({
      {"an unterminated string", "[\"abc", Format::json, "error 1:6 unterminated string"},
      {"a control character in a string", "[\"a\x01\"]", Format::json, "error 1:4 unescaped control character"},
      {"an invalid escape", "[\"a\\q\"]", Format::json, "error 1:4 invalid escape"},
      {"a short unicode escape", "[\"\\u12\"]", Format::json, "error 1:3 invalid escape"},
      {"a minus alone", "[-]", Format::json, "error 1:3 malformed number"},
      {"a point without digits", "[1.]", Format::json, "error 1:4 malformed number"},
      {"an exponent without digits", "[1e]", Format::json, "error 1:4 malformed number"},
      {"a missing colon", "{\"a\" 1}", Format::json, "error 1:6 expected ':'"},
      {"a missing comma in an object", "{\"a\":1 \"b\":2}", Format::json, "error 1:8 expected ',' or '}'"},
      {"an unterminated object", "{\"a\":1", Format::json, "error 1:7 unterminated object"},
      {"an object cut short", "{", Format::json, "error 1:2 unterminated object"},
      {"a repeated key among many", many + "\"k7\":0}", Format::json, "error 1:162 'k7' repeated"},
      {"a distinct key among many", many + "\"k20\":20}", Format::json,
       "{k0:n:0,k1:n:1,k2:n:2,k3:n:3,k4:n:4,k5:n:5,k6:n:6,k7:n:7,k8:n:8,k9:n:9,k10:n:10,k11:n:11,k12:n:12,k13:n:13,"
       "k14:n:14,k15:n:15,k16:n:16,k17:n:17,k18:n:18,k19:n:19,k20:n:20}"},
      {"an unknown word", "[nul]", Format::json, "error 1:2 "},
  });
}

TEST(DocumentReader, PicksTheReaderByTheNamesSuffix) {
  EXPECT_FALSE(read_document(std::make_shared<Source>("x.yml", "{\"a\":1}")).json);
  EXPECT_TRUE(read_document(std::make_shared<Source>("x.json", "a: 1")).json);
  EXPECT_FALSE(read_document(std::make_shared<Source>("x.json", "a: 1")).ok());
  EXPECT_FALSE(read_document(std::make_shared<Source>("x", " \n\t")).json);  // blank text is read as YAML
  EXPECT_TRUE(read_document(std::make_shared<Source>("x", "\xEF\xBB\xBF[1]")).json);
}

TEST(DocumentReader, KindNames) {
  EXPECT_EQ(kind_name(Kind::null), "null");
  EXPECT_EQ(kind_name(Kind::boolean), "boolean");
  EXPECT_EQ(kind_name(Kind::number), "number");
  EXPECT_EQ(kind_name(Kind::string), "string");
  EXPECT_EQ(kind_name(Kind::array), "array");
  EXPECT_EQ(kind_name(Kind::object), "object");
}

}  // namespace
}  // namespace reqprobe::doc
