// The parse stage (validator/src/document): JSON and YAML into one tree, with positions. Table-driven: each input
// gives an exact dump of its tree, or an error at an exact line:column.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "document_cases.h"

namespace reqprobe::doc {
namespace {

using test::Case;
using test::check;

TEST(JsonReader, ReadsStrictJsonWithPositions) {
  check({
      {"scalars", R"([1,-2.5e3,"a\nb",true,false,null])", Format::json, "[n:1,n:-2.5e3,\"a\nb\",true,false,null]"},
      {"objects keep their order", R"({"b":1,"a":{"c":[]}})", Format::json, "{b:n:1,a:{c:[]}}"},
      {"whitespace and a byte order mark", "\xEF\xBB\xBF {\n \"a\" : 1 \n}\n", Format::json, "{a:n:1}"},
      {"escapes are decoded", R"({"\u00e9\/":"\ud83d\ude00"})", Format::json, "{\xC3\xA9/:\"\xF0\x9F\x98\x80\"}"},
      {"trailing comma", "{\"a\":1,}", Format::json, "error 1:8 expected a member name"},
      {"trailing comma in an array", "[1,\n]", Format::json, "error 2:1 expected a value"},
      {"repeated key", "{\"a\":1,\n \"a\":2}", Format::json, "error 2:2 repeated"},
      {"invalid UTF-8", "{\"a\":\"\xFF\"}", Format::json, "error 1:7 UTF-8"},
      {"lone surrogate", R"({"a":"\ud800"})", Format::json, "error 1:7 surrogate"},
      {"unterminated", "{\"a\":[1,2", Format::json, "error 1:10 unterminated array"},
      {"text after the root", "{} x", Format::json, "error 1:4 after the document's root"},
      {"leading zero", "[01]", Format::json, "error 1:3 expected ',' or ']'"},
      {"comment", "{/* c */}", Format::json, "error 1:2 expected a member name"},
      {"empty", "", Format::json, "error 1:1 expected a value"},
      {"too deep", std::string(600, '['), Format::json, "error 1:513 nested deeper than 512"},
      {"deep but within the bound", std::string(500, '[') + std::string(500, ']'), Format::json,
       std::string(500, '[') + std::string(500, ']')},
  });
}

TEST(YamlReader, ReadsYaml12WithTheCoreSchema) {
  check({
      {"a mapping", "a: 1\nb: two\nc:\n  - x\n  - 2\n", Format::yaml, "{a:n:1,b:\"two\",c:[\"x\",n:2]}"},
      {"core schema scalars", "[~, null, Null, '', true, False, 0o17, 0x1F, +12, 007, .5, 1., 1e3, -.inf, .NaN]",
       Format::yaml, "[null,null,null,\"\",true,false,n:15,n:31,n:12,n:7,n:0.5,n:1.0,n:1e3,nf:-.inf,nf:.NaN]"},
      {"YAML 1.1 words are strings in 1.2", "[yes, no, on, off, y]", Format::yaml,
       "[\"yes\",\"no\",\"on\",\"off\",\"y\"]"},
      {"quoted scalars are strings", "['1', \"true\", \"null\"]", Format::yaml, "[\"1\",\"true\",\"null\"]"},
      {"keys stay text", "200: ok\ntrue: t\n~: n\n", Format::yaml, "{200:\"ok\",true:\"t\",~:\"n\"}"},
      {"tags", "[!!str 12, !!int '7', !!float '1', !!bool 'true', !!null '']", Format::yaml,
       "[\"12\",n:7,n:1,true,null]"},
      {"a huge hexadecimal integer stays exact", "x: 0xFFFFFFFFFFFFFFFFFFFF", Format::yaml,
       "{x:n:1208925819614629174706175}"},
      {"block scalars", "a: |\n  line1\n  line2\nb: >\n  folded\n  text\n", Format::yaml,
       "{a:\"line1\nline2\n\",b:\"folded text\n\"}"},
      {"anchors and aliases share the node", "a: &x {k: 1}\nb: *x\n", Format::yaml, "{a:{k:n:1},b:{k:n:1}}"},
      {"merge keys", "base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  y: 3\n", Format::yaml,
       "{base:{x:n:1,y:n:2},d:{y:n:3,x:n:1}}"},
      {"JSON is YAML", R"({"a": [1, 2]})", Format::yaml, "{a:[n:1,n:2]}"},
      {"repeated key", "a: 1\nb: 2\na: 3\n", Format::yaml, "error 3:1 repeated"},
      {"an unknown alias", "a: *nope\n", Format::yaml, "error 1:5 nope"},
      {"a recursive alias", "a: &x [*x]\n", Format::yaml, "error 1:9 recursive"},
      {"a custom tag", "a: !thing 1\n", Format::yaml, "error 1:4 tag"},
      {"a mapping key that is a mapping", "? {a: 1}\n: v\n", Format::yaml, "error 1:3 key must be a scalar"},
      {"two documents", "a: 1\n---\nb: 2\n", Format::yaml, "error 2:1 more than one YAML document"},
      {"bad indentation", "a:\n  b: 1\n c: 2\n", Format::yaml, "error 3:2 YAML"},
      {"!!int on a word", "a: !!int seven\n", Format::yaml, "error 1:10 not a valid !!int"},
      // Single-quoted scalars with '' escapes are read by reqprobe (libfyaml 0.7.12 leaks on five or more).
      {"single-quoted escapes", "a: 'it''s'\nb: ''''''''''''\n", Format::yaml, "{a:\"it's\",b:\"'''''\"}"},
      {"single-quoted folding with an escape", "a: 'x''y  \n   z'\nb: 'p''q\n\n  r'\n", Format::yaml,
       "{a:\"x'y z\",b:\"p'q\nr\"}"},
      {"a single-quoted key with an escape", "'k''': 1\n", Format::yaml, "{k':n:1}"},
      {"invalid UTF-8 in a value", "a: \x92\n", Format::yaml, "error 1:4 not valid UTF-8"},
      // libfyaml 0.7.12 loops for ever on this directive (schema_fuzzer found it): refused before it parses.
      {"invalid UTF-8 in a directive name", "%I\x92$I\x92$\x01]", Format::yaml, "error 1:3 not valid UTF-8"},
  });
}

TEST(YamlReader, AnAliasBombCostsWhatItsTextCosts) {
  // Nine levels of ten aliases each: 10^9 leaves if expanded. The tree shares nodes, so it holds a few dozen.
  std::string text = "a: &a [\"lol\"]\n";
  for (char level = 'b'; level <= 'j'; ++level) {
    const char previous = static_cast<char>(level - 1);
    text += std::string(1, level) + ": &" + level + " [";
    for (int i = 0; i < 10; ++i) text += std::string(i ? ", *" : "*") + previous;
    text += "]\n";
  }
  const ReadResult read = read_document(std::make_shared<Source>("bomb.yaml", text));
  ASSERT_TRUE(read.ok()) << read.error.message;
  EXPECT_LT(read.document->size(), 100u);
  EXPECT_EQ(read.document->root()->find("j")->items.size(), 10u);
}

TEST(DocumentReader, PicksTheReaderByNameThenByText) {
  EXPECT_TRUE(read_document(std::make_shared<Source>("x.json", "{\"a\":1}")).json);
  EXPECT_FALSE(read_document(std::make_shared<Source>("x.yaml", "{\"a\":1}")).json);
  EXPECT_TRUE(read_document(std::make_shared<Source>("x", "  [1]")).json);
  EXPECT_FALSE(read_document(std::make_shared<Source>("x", "a: 1")).json);
  const ReadResult read = read_document(std::make_shared<Source>("x", "a:\n  b: [1, {c: x}]\n"));
  ASSERT_TRUE(read.ok());
  const Node* c = read.document->root()->find("a")->find("b")->items[1]->find("c");
  EXPECT_EQ(c->position().line, 2u);
  EXPECT_EQ(c->position().column, 14u);  // the value x, after "c: "
}

}  // namespace
}  // namespace reqprobe::doc
