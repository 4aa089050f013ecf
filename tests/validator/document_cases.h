// Table-driven checks of the parse stage (validator/src/document), shared by document_test.cc and
// yaml_errors_test.cc: each input's tree as a compact dump, or its error at an exact line:column.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "document/reader.h"

namespace reqprobe::doc::test {

// A compact, unambiguous rendering: numbers as their lexeme (n:...), strings quoted, nonfinite marked.
inline std::string dump(const Node* node) {
  switch (node->kind) {
    case Kind::null:
      return "null";
    case Kind::boolean:
      return node->boolean ? "true" : "false";
    case Kind::number:
      return (node->nonfinite ? "nf:" : "n:") + node->text;
    case Kind::string:
      return "\"" + node->text + "\"";
    case Kind::array: {
      std::string out = "[";
      for (const Node* item : node->items) out += (out.size() > 1 ? "," : "") + dump(item);
      return out + "]";
    }
    case Kind::object: {
      std::string out = "{";
      for (const Member& m : node->members) out += (out.size() > 1 ? "," : "") + m.key + ":" + dump(m.value);
      return out + "}";
    }
  }
  return "?";
}

struct Case {
  std::string name;
  std::string text;
  Format format;
  std::string expected;  ///< the dump, or "error L:C substring"
};

inline std::string outcome(const Case& c) {
  const ReadResult read = read_document(std::make_shared<Source>("t", c.text), c.format);
  if (!read.ok()) {
    const Position at = Source("t", c.text).position(read.error.offset);
    return "error " + std::to_string(at.line) + ":" + std::to_string(at.column) + " " + read.error.message;
  }
  return dump(read.document->root());
}

inline void check(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string got = outcome(c);
    if (c.expected.rfind("error ", 0) == 0) {
      // "error L:C words": the position exactly, the words somewhere in the message.
      const std::size_t space = c.expected.find(' ', 6);
      EXPECT_EQ(got.substr(0, space), c.expected.substr(0, space)) << got;
      EXPECT_THAT(got, ::testing::HasSubstr(c.expected.substr(space + 1)));
    } else {
      EXPECT_EQ(got, c.expected);
    }
  }
}

}  // namespace reqprobe::doc::test
