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
  /// The dynamic scope the schema is reached in (an index into the compiler's scopes; 0: no dynamic anchor in
  /// scope). $dynamicRef and $recursiveRef are resolved at compile time against it, so a schema reached in two
  /// scopes that bind an anchor differently becomes two nodes, and the engines never see a dynamic reference.
  std::uint32_t scope = 0;
};

class SchemaCompiler {
 public:
  /// Registers itself to index every document read later (its schema resources under `dialect` unless they say).
  SchemaCompiler(LoadContext& ctx, Dialect dialect);
  ~SchemaCompiler();
  SchemaCompiler(const SchemaCompiler&) = delete;
  SchemaCompiler& operator=(const SchemaCompiler&) = delete;
  /// The dialect of documents read later whose schemas do not say (OpenAPI: known once `openapi` is read).
  void set_default_dialect(Dialect dialect) noexcept { default_dialect_ = dialect; }

  /// The node for the schema at `at`, compiled when drain() runs. Never recurses.
  [[nodiscard]] std::uint32_t intern(const SchemaAt& at, SchemaUse use);
  /// Compiles everything interned so far, and what that interns in turn.
  void drain();
  /// Registers the $id, $anchor and $dynamicAnchor names of the schema resources under `root` (2019-09 and later),
  /// so references to them resolve wherever they are written.
  void index_resources(const SchemaAt& root);
  /// The scope after evaluation enters the schema resource holding `schema`: the resource's dynamic anchors added,
  /// except names an outer resource already binds (the outermost binding wins).
  [[nodiscard]] std::uint32_t enter_scope(std::uint32_t scope, const doc::Node* schema);
  /// The node a $dynamicRef (2020-12) or $recursiveRef (2019-09) written at `at` stands for in `at.scope`.
  [[nodiscard]] std::uint32_t intern_dynamic_ref(const SchemaAt& at, const doc::Node* ref, bool recursive,
                                                 SchemaUse use);

 private:
  struct Work {
    std::uint32_t index;
    SchemaAt at;
    SchemaUse use;
  };
  class NodeBuilder;

  /// The node a reference at `at` leads to. `alias_start`: `at` is only the reference (its node then stands for the
  /// target's); false when the reference is one applicator beside others (2019-09 and later).
  std::uint32_t intern_ref(const SchemaAt& at, SchemaUse use, bool alias_start = true);
  /// Where a reference led, as a place to compile: its base and dialect from the index, its pointer for messages.
  SchemaAt place_of(const resolve::Target& target, const SchemaAt& from) const;
  void compile(const Work& work);
  std::uint32_t new_node(const SchemaAt& at, SchemaUse use);

  LoadContext& ctx_;
  Dialect default_dialect_;
  std::map<std::tuple<const doc::Node*, Dialect, SchemaUse, std::uint32_t>, std::uint32_t> interned_;
  /// Dynamic scopes: anchor name -> the outermost schema binding it ("" for $recursiveAnchor). scopes_[0] is empty.
  using Scope = std::map<std::string, const doc::Node*>;
  std::vector<Scope> scopes_{Scope{}};
  std::map<Scope, std::uint32_t> scope_ids_{{Scope{}, 0}};
  /// Per schema resource (its base URI): the $dynamicAnchor names it declares, and "" for $recursiveAnchor: true.
  std::map<std::string, Scope> dynamic_anchors_;
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
