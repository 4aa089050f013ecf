// The driver: interning, references, schema resources, and the work list. Keyword groups are read in
// schema_keywords.cc.
#include "schema_compiler.h"

#include "keyword_table.h"

namespace reqprobe::compile {

std::string pointer_join(std::string_view base, std::string_view token) {
  std::string out(base);
  out.push_back('/');
  for (const char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string_view dialect_name(Dialect dialect) noexcept {
  switch (dialect) {
    case Dialect::draft4:
      return "draft 4";
    case Dialect::draft6:
      return "draft 6";
    case Dialect::draft7:
      return "draft 7";
    case Dialect::draft2019:
      return "2019-09";
    case Dialect::draft2020:
      return "2020-12";
    case Dialect::oas30:
      return "OpenAPI 3.0";
    case Dialect::oas31:
      return "OpenAPI 3.1";
  }
  return "?";
}

bool dialect_from_uri(std::string_view uri, Dialect& out) noexcept {
  while (!uri.empty() && uri.back() == '#') uri.remove_suffix(1);
  struct Known {
    std::string_view uri;
    Dialect dialect;
  };
  static constexpr Known kKnown[] = {
      {"http://json-schema.org/draft-04/schema", Dialect::draft4},
      {"http://json-schema.org/schema", Dialect::draft7},
      {"http://json-schema.org/draft-06/schema", Dialect::draft6},
      {"http://json-schema.org/draft-07/schema", Dialect::draft7},
      {"https://json-schema.org/draft/2019-09/schema", Dialect::draft2019},
      {"https://json-schema.org/draft/2020-12/schema", Dialect::draft2020},
      {"https://spec.openapis.org/oas/3.1/dialect/base", Dialect::oas31},
      {"https://spec.openapis.org/oas/3.1/dialect/2024-10-25", Dialect::oas31},
  };
  for (const Known& k : kKnown) {
    if (uri == k.uri) {
      out = k.dialect;
      return true;
    }
  }
  return false;
}

namespace {

constexpr std::size_t kMaxScopes = 256;

bool refs_override_siblings(Dialect d) {
  return d == Dialect::draft4 || d == Dialect::draft6 || d == Dialect::draft7 || d == Dialect::oas30;
}

// A schema that is only a reference (beside annotations and extensions): from 2019-09 on $ref is an applicator,
// but such a schema means exactly its target, and following it as an alias lets a cycle of references that
// constrain nothing be found at load, not as an endless composition on every request.
bool only_a_reference(const doc::Node* schema, Dialect d) {
  if (schema->kind != doc::Kind::object || schema->find("$ref") == nullptr) return false;
  for (const doc::Member& m : schema->members) {
    if (m.key == "$ref" || m.key.substr(0, 2) == "x-") continue;
    const KeywordInfo* k = find_keyword(m.key, d);
    if (k == nullptr || k->kind != KeywordKind::annotation) return false;
  }
  return true;
}

bool boolean_schemas(Dialect d) {
  return d != Dialect::draft4 && d != Dialect::oas30;
}

// The base URI of a schema that declares an $id (2019+: $id; draft 6/7: $id; draft 4: id).
std::string_view declared_id(const doc::Node* schema, Dialect d) {
  if (schema == nullptr || schema->kind != doc::Kind::object) return {};
  const doc::Node* id = schema->find(d == Dialect::draft4 ? "id" : "$id");
  if (d == Dialect::oas30) return {};
  return id != nullptr && id->kind == doc::Kind::string ? std::string_view(id->text) : std::string_view();
}

}  // namespace

SchemaCompiler::SchemaCompiler(LoadContext& ctx, Dialect dialect) : ctx_(ctx), default_dialect_(dialect) {
  // A document another one refers to may declare resources ($id) and anchors that references name; they are known
  // as soon as it is read. Its root is read as a schema: an OpenAPI document's root has no schema keywords, so
  // nothing of it is taken for one.
  ctx_.documents.on_load([this](const doc::Document* document, const std::string& uri) {
    index_resources(SchemaAt{document->root(), uri + "#", uri, default_dialect_});
  });
}

SchemaCompiler::~SchemaCompiler() {
  ctx_.documents.on_load({});
}

std::uint32_t SchemaCompiler::new_node(const SchemaAt& at, SchemaUse use) {
  const auto index = static_cast<std::uint32_t>(ctx_.plan.nodes.size());
  SchemaNode node;
  node.source = static_cast<std::uint32_t>(ctx_.plan.sources.size());
  ctx_.plan.sources.push_back(at.pointer);
  ctx_.plan.nodes.push_back(node);
  interned_[{at.node, at.dialect, use, at.scope}] = index;
  work_.push_back({index, at, use});
  return index;
}

std::uint32_t SchemaCompiler::intern(const SchemaAt& at, SchemaUse use) {
  if (const auto found = interned_.find({at.node, at.dialect, use, at.scope}); found != interned_.end())
    return found->second;
  // A schema read for no direction (a component only checked for errors) reuses any variant already compiled.
  if (use.direction == Direction::neutral) {
    for (const Direction d : {Direction::request, Direction::response}) {
      const auto found = interned_.find({at.node, at.dialect, SchemaUse{d, use.outer}, at.scope});
      if (found != interned_.end()) return found->second;
    }
  }
  if (at.node->kind == doc::Kind::boolean) {
    if (!boolean_schemas(at.dialect)) {
      ctx_.diag.error(at.node, at.pointer,
                      "a schema must be an object in " + std::string(dialect_name(at.dialect)) +
                          " (boolean schemas came with draft 6)");
      return kAny;
    }
    return at.node->boolean ? kAny : kFalse;
  }
  if (at.node->kind != doc::Kind::object) {
    ctx_.diag.error(at.node, at.pointer, "a schema must be an object, not " + std::string(kind_name(at.node->kind)));
    return kAny;
  }
  const doc::Node* ref = at.node->find("$ref");
  if (ref != nullptr && (refs_override_siblings(at.dialect) || only_a_reference(at.node, at.dialect)))
    return intern_ref(at, use);
  return new_node(at, use);
}

// A schema that is only a reference (or, before 2019-09, one whose siblings the reference overrides): the node of
// its target. Chains are followed in a loop; a chain that comes back to itself is an error, not a stack overflow.
std::uint32_t SchemaCompiler::intern_ref(const SchemaAt& start, SchemaUse use, bool alias_start) {
  SchemaAt at = start;
  std::set<const doc::Node*> seen;
  while (true) {
    const doc::Node* ref = at.node->find("$ref");
    const std::string ref_pointer = pointer_join(at.pointer, "$ref");
    if (ref->kind != doc::Kind::string) {
      ctx_.diag.error(ref, ref_pointer, "$ref must be a string");
      return kAny;
    }
    for (const doc::Member& m : at.node->members) {
      if (!refs_override_siblings(at.dialect)) break;  // from 2019-09 on, siblings apply beside the reference
      if (m.key == "$ref" || m.key.substr(0, 2) == "x-") continue;
      const KeywordInfo* k = find_keyword(m.key, at.dialect);
      if (k != nullptr && k->kind != KeywordKind::annotation && k->kind != KeywordKind::core)
        ctx_.diag.warning(m.value, pointer_join(at.pointer, m.key),
                          "'" + m.key + "' beside $ref is ignored in " + std::string(dialect_name(at.dialect)) +
                              " (the reference replaces the whole schema)");
    }
    resolve::RefError why;
    const std::optional<resolve::Target> target = ctx_.documents.resolve(ref->text, at.base_uri, why);
    if (!target) {
      ctx_.diag.unresolved(ref, ref_pointer, resolve::resolve_uri(at.base_uri, ref->text),
                           "reference '" + ref->text + "' does not resolve: " + why.message);
      return kAny;
    }
    if (!seen.insert(at.node).second || target->node == start.node) {
      ctx_.diag.error(ref, ref_pointer, "reference '" + ref->text + "' leads back to itself through references only");
      return kAny;
    }
    SchemaAt next = place_of(*target, at);
    // Passing through a reference enters the resource it sits in (2020-12's dynamic scope), even when the schema
    // there is only another reference followed here as an alias.
    next.scope = enter_scope(next.scope, next.node);
    if (const auto found = interned_.find({next.node, next.dialect, use, next.scope}); found != interned_.end()) {
      if (alias_start) interned_[{start.node, start.dialect, use, start.scope}] = found->second;
      return found->second;
    }
    if (next.node->kind == doc::Kind::object && next.node->find("$ref") != nullptr &&
        (refs_override_siblings(next.dialect) || only_a_reference(next.node, next.dialect))) {
      at = next;
      continue;
    }
    const std::uint32_t index = intern(next, use);
    if (alias_start) interned_[{start.node, start.dialect, use, start.scope}] = index;
    return index;
  }
}

SchemaAt SchemaCompiler::place_of(const resolve::Target& target, const SchemaAt& from) const {
  SchemaAt next;
  next.node = target.node;
  next.dialect = from.dialect;
  next.scope = from.scope;
  const auto [document_uri, fragment] = resolve::split_fragment(target.uri);
  next.base_uri = document_uri;
  next.pointer = target.document == ctx_.documents.root_document()
                     ? fragment
                     : ctx_.documents.uri_of(target.document) + "#" + fragment;
  if (const auto known = bases_.find(next.node); known != bases_.end()) {
    next.base_uri = known->second.first;  // the resource the target sits in, found by the index
    next.dialect = known->second.second;
  } else if (const std::string_view id = declared_id(next.node, next.dialect); !id.empty() && id[0] != '#') {
    next.base_uri = resolve::split_fragment(resolve::resolve_uri(next.base_uri, id)).first;
  }
  return next;
}

std::uint32_t SchemaCompiler::enter_scope(std::uint32_t scope, const doc::Node* schema) {
  const auto base = bases_.find(schema);
  if (base == bases_.end()) return scope;
  const auto declared = dynamic_anchors_.find(base->second.first);
  if (declared == dynamic_anchors_.end()) return scope;
  Scope next = scopes_[scope];
  for (const auto& [name, node] : declared->second) next.emplace(name, node);
  if (next.size() == scopes_[scope].size()) return scope;
  if (const auto known = scope_ids_.find(next); known != scope_ids_.end()) return known->second;
  // Each scope compiles the schemas below it again; a document can only make so many before that is abuse.
  if (scopes_.size() >= kMaxScopes) return scope;
  const auto id = static_cast<std::uint32_t>(scopes_.size());
  scope_ids_.emplace(next, id);
  scopes_.push_back(std::move(next));
  return id;
}

std::uint32_t SchemaCompiler::intern_dynamic_ref(const SchemaAt& at, const doc::Node* ref, bool recursive,
                                                 SchemaUse use) {
  const char* keyword = recursive ? "$recursiveRef" : "$dynamicRef";
  const std::string pointer = pointer_join(at.pointer, keyword);
  if (ref->kind != doc::Kind::string) {
    ctx_.diag.error(ref, pointer, std::string(keyword) + " must be a string");
    return kAny;
  }
  resolve::RefError why;
  const std::optional<resolve::Target> target = ctx_.documents.resolve(ref->text, at.base_uri, why);
  if (!target) {
    ctx_.diag.unresolved(ref, pointer, resolve::resolve_uri(at.base_uri, ref->text),
                         "reference '" + ref->text + "' does not resolve: " + why.message);
    return kAny;
  }
  SchemaAt next = place_of(*target, at);
  // The reference is dynamic only when its first target itself declares the anchor it names; then the outermost
  // resource in scope that declares it wins. Otherwise it is an ordinary $ref.
  std::string name;
  bool dynamic = false;
  if (recursive) {
    const doc::Node* anchor =
        target->node->kind == doc::Kind::object ? target->node->find("$recursiveAnchor") : nullptr;
    dynamic = anchor != nullptr && anchor->kind == doc::Kind::boolean && anchor->boolean;
  } else {
    name = resolve::split_fragment(target->uri).second;
    const doc::Node* anchor = target->node->kind == doc::Kind::object ? target->node->find("$dynamicAnchor") : nullptr;
    dynamic = !name.empty() && name[0] != '/' && anchor != nullptr && anchor->kind == doc::Kind::string &&
              anchor->text == name;
  }
  if (dynamic) {
    const Scope& scope = scopes_[at.scope];
    if (const auto bound = scope.find(name); bound != scope.end() && bound->second != target->node) {
      resolve::Target outer{bound->second, ctx_.documents.document_of(bound->second), {}};
      const auto base = bases_.find(bound->second);
      outer.uri = base == bases_.end() ? std::string() : base->second.first;
      next = place_of(outer, at);
      next.pointer = pointer + " (bound in scope)";
    }
  }
  if (next.node->kind == doc::Kind::object && next.node->find("$ref") != nullptr &&
      refs_override_siblings(next.dialect))
    return intern_ref(next, use);
  return intern(next, use);
}

void SchemaCompiler::drain() {
  while (!work_.empty()) {
    const Work work = std::move(work_.front());
    work_.pop_front();
    compile(work);
  }
}

void SchemaCompiler::index_resources(const SchemaAt& root) {
  // An explicit stack: resources can nest as deep as the document does.
  struct Item {
    const doc::Node* node;
    std::string base;
    Dialect dialect;
  };
  std::vector<Item> stack{{root.node, root.base_uri, root.dialect}};
  const doc::Document* document = ctx_.documents.document_of(root.node);
  while (!stack.empty()) {
    Item item = std::move(stack.back());
    stack.pop_back();
    const doc::Node* schema = item.node;
    if (schema->kind != doc::Kind::object || !indexed_.insert(schema).second) continue;
    if (const doc::Node* declared = schema->find("$schema"); declared != nullptr && declared->kind == doc::Kind::string)
      (void)dialect_from_uri(declared->text, item.dialect);
    if (const std::string_view id = declared_id(schema, item.dialect); !id.empty()) {
      if (id[0] == '#') {  // draft 6 and 7: an $id that is only a fragment is a plain-name anchor
        ctx_.documents.name(resolve::split_fragment(item.base).first + std::string(id), schema, document);
      } else {
        item.base = resolve::resolve_uri(item.base, id);
        const auto [without, fragment] = resolve::split_fragment(item.base);
        ctx_.documents.name(without, schema, document);
        if (!fragment.empty() && fragment[0] != '/') ctx_.documents.name(without + "#" + fragment, schema, document);
      }
    }
    const std::string resource = resolve::split_fragment(item.base).first;
    bases_[schema] = {resource, item.dialect};
    for (const char* anchor_key : {"$anchor", "$dynamicAnchor"}) {
      const doc::Node* anchor = schema->find(anchor_key);
      if (anchor != nullptr && anchor->kind == doc::Kind::string && find_keyword(anchor_key, item.dialect))
        ctx_.documents.name(resource + "#" + anchor->text, schema, document);
    }
    if (const doc::Node* anchor = schema->find("$dynamicAnchor");
        anchor != nullptr && anchor->kind == doc::Kind::string && find_keyword("$dynamicAnchor", item.dialect))
      dynamic_anchors_[resource].emplace(anchor->text, schema);
    if (const doc::Node* anchor = schema->find("$recursiveAnchor");
        anchor != nullptr && anchor->kind == doc::Kind::boolean && anchor->boolean &&
        find_keyword("$recursiveAnchor", item.dialect))
      dynamic_anchors_[resource].emplace("", schema);
    for (const doc::Member& m : schema->members) {
      const KeywordInfo* k = find_keyword(m.key, item.dialect);
      const Subschemas kind = k == nullptr ? Subschemas::none : k->subschemas;
      const auto push = [&](const doc::Node* child) { stack.push_back({child, item.base, item.dialect}); };
      switch (kind) {
        case Subschemas::none:
          break;
        case Subschemas::one:
          push(m.value);
          break;
        case Subschemas::list:
          for (const doc::Node* child : m.value->items) push(child);
          break;
        case Subschemas::one_or_list:
          if (m.value->kind == doc::Kind::array) {
            for (const doc::Node* child : m.value->items) push(child);
          } else {
            push(m.value);
          }
          break;
        case Subschemas::map:
        case Subschemas::dependencies:
          for (const doc::Member& child : m.value->members)
            if (child.value->kind == doc::Kind::object || child.value->kind == doc::Kind::boolean) push(child.value);
          break;
      }
    }
  }
}

}  // namespace reqprobe::compile
