// Schemas into plan nodes. Each schema (a place in a document, read under one dialect and one use) becomes one node,
// compiled once: children are interned and compiled later from a work list, so neither deep nesting nor long $ref
// chains nor cycles recurse. What a keyword means depends on the dialect (keyword_table.h); what an absent keyword
// means depends on the use (the strict profile closes objects reached as a value's whole schema).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "load_context.h"

namespace reqprobe::compile {

enum class Dialect : std::uint8_t {
  draft4,     ///< JSON Schema draft 4
  draft6,     ///< draft 6 (read as draft 7)
  draft7,     ///< draft 7
  draft2019,  ///< 2019-09 (read as 2020-12 where they agree)
  draft2020,  ///< 2020-12
  oas30,      ///< OpenAPI 3.0's Schema Object: draft 4 plus nullable, discriminator, readOnly, writeOnly, ...
  oas31,      ///< OpenAPI 3.1's default dialect: 2020-12 plus discriminator, xml, externalDocs, example
};

[[nodiscard]] std::string_view dialect_name(Dialect dialect) noexcept;
/// The dialect a `$schema` URI names; false when reqprobe does not know it.
[[nodiscard]] bool dialect_from_uri(std::string_view uri, Dialect& out) noexcept;

/// Which way the value travels: readOnly members are not sent in requests, writeOnly ones not in responses.
enum class Direction : std::uint8_t { neutral, request, response };

struct SchemaUse {
  Direction direction = Direction::neutral;
  bool outer = true;  ///< the whole schema of a value, not a branch of an applicator
  [[nodiscard]] bool operator<(const SchemaUse& o) const noexcept {
    return std::tie(direction, outer) < std::tie(o.direction, o.outer);
  }
};

/// A schema's place: its node, where it is (for messages), the base its references resolve against, its dialect.
struct SchemaAt {
  const doc::Node* node = nullptr;
  std::string pointer;
  std::string base_uri;
  Dialect dialect = Dialect::oas30;
};

class SchemaCompiler {
 public:
  explicit SchemaCompiler(LoadContext& ctx) : ctx_(ctx) {}

  /// The node for the schema at `at`, compiled when drain() runs. Never recurses.
  [[nodiscard]] std::uint32_t intern(const SchemaAt& at, SchemaUse use);
  /// Compiles everything interned so far, and what that interns in turn.
  void drain();
  /// Registers the $id, $anchor and $dynamicAnchor names of the schema resources under `root` (2019-09 and later),
  /// so references to them resolve wherever they are written.
  void index_resources(const SchemaAt& root);

 private:
  struct Work {
    std::uint32_t index;
    SchemaAt at;
    SchemaUse use;
  };
  class NodeBuilder;

  std::uint32_t intern_ref(const SchemaAt& at, SchemaUse use);
  void compile(const Work& work);
  std::uint32_t new_node(const SchemaAt& at, SchemaUse use);

  LoadContext& ctx_;
  std::map<std::tuple<const doc::Node*, Dialect, SchemaUse>, std::uint32_t> interned_;
  std::deque<Work> work_;
  std::set<const doc::Node*> indexed_;
  /// Every schema the index walked: the base URI and dialect in effect there.
  std::map<const doc::Node*, std::pair<std::string, Dialect>> bases_;

 public:
  /// The base URI and dialect in effect at `schema`, when the index walked it.
  [[nodiscard]] const std::pair<std::string, Dialect>* base_of(const doc::Node* schema) const {
    const auto it = bases_.find(schema);
    return it == bases_.end() ? nullptr : &it->second;
  }
};

}  // namespace reqprobe::compile
