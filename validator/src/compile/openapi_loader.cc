#include "openapi_loader.h"

#include <algorithm>
#include <set>

#include "../document/json_reader.h"
#include "../http_text.h"

namespace reqprobe::compile {
namespace {

using doc::Kind;
using doc::Node;

constexpr std::string_view kMethods[] = {"get", "put", "post", "delete", "options", "head", "patch", "trace"};

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string uppercase(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

// A place in a document: its node and pointer, and the base its references resolve against.
struct At {
  const Node* node = nullptr;
  std::string pointer;
  std::string base;
  [[nodiscard]] At child(std::string_view key) const { return {node->find(key), pointer_join(pointer, key), base}; }
  [[nodiscard]] At item(std::size_t i) const {
    return {node->items[i], pointer_join(pointer, std::to_string(i)), base};
  }
  [[nodiscard]] At member(const doc::Member& m) const { return {m.value, pointer_join(pointer, m.key), base}; }
  explicit operator bool() const noexcept { return node != nullptr; }
};

// What each OpenAPI object may hold: anything else (but x- extensions) is reported, since a misspelt field would
// otherwise change what the document means without a word.
struct Fields {
  std::string_view object;
  std::initializer_list<std::string_view> allowed;
};

class OpenApiLoader {
 public:
  OpenApiLoader(LoadContext& ctx, SchemaCompiler& schemas) : ctx_(ctx), schemas_(schemas) {}

  void run() {
    const doc::Document* document = ctx_.documents.root_document();
    At root{document->root(), "", ctx_.documents.root_uri()};
    if (root.node->kind != Kind::object) {
      error(root, "an OpenAPI document must be an object");
      return;
    }
    if (!read_version(root)) return;
    check_fields(root, {"OpenAPI Object",
                        {"openapi", "info", "jsonSchemaDialect", "servers", "paths", "webhooks", "components",
                         "security", "tags", "externalDocs"}});
    if (const Node* strict = root.node->find("x-reqprobe-strict")) {
      if (strict->kind != Kind::boolean) error(root.child("x-reqprobe-strict"), "x-reqprobe-strict must be a boolean");
      ctx_.plan.strict = ctx_.plan.strict || (strict->kind == Kind::boolean && strict->boolean);
    }
    if (!root.node->find("info")) warning(root, "the document has no info object (OpenAPI requires one)");
    index_schemas(root);
    At components = root.child("components");
    if (components) read_components(components);
    root_servers_ = base_paths(root.child("servers"), {""});
    if (At security = root.child("security")) root_security_ = read_security(security);
    At paths = root.child("paths");
    At webhooks = root.child("webhooks");
    if (!paths && !webhooks && !root.node->find("components"))
      error(root, "the document has no paths, webhooks or components");
    if (paths) read_paths(paths);
    if (webhooks) read_webhooks(webhooks);
    check_operation_ids();
    // Component schemas last: each is compiled (so its errors show) only when no operation has compiled it already.
    if (components) read_component_schemas(components);
    schemas_.drain();
  }

 private:
  // ---- messages --------------------------------------------------------------------------------------------------

  void error(const At& at, std::string message) { ctx_.diag.error(at.node, at.pointer, std::move(message)); }
  void warning(const At& at, std::string message) { ctx_.diag.warning(at.node, at.pointer, std::move(message)); }

  void check_fields(const At& at, const Fields& fields) {
    if (at.node->kind != Kind::object) return;
    for (const doc::Member& m : at.node->members) {
      if (m.key.substr(0, 2) == "x-") {
        if (m.key.substr(0, 11) == "x-reqprobe-" && !known_extension(m.key))
          error(at.member(m), "unknown reqprobe extension '" + m.key + "'");
        continue;
      }
      if (std::find(fields.allowed.begin(), fields.allowed.end(), m.key) == fields.allowed.end())
        warning(at.member(m),
                "'" + m.key + "' is not a field of the " + std::string(fields.object) + "; it is ignored");
    }
  }

  static bool known_extension(std::string_view key) {
    for (const std::string_view k : {"x-reqprobe-strict", "x-reqprobe-absent-as", "x-reqprobe-prefix",
                                     "x-reqprobe-shape", "x-reqprobe-forbidden-bytes", "x-reqprobe-rules",
                                     "x-reqprobe-mask-union", "x-reqprobe-auth-alternatives", "x-reqprobe-answers"})
      if (key == k) return true;
    return false;
  }

  bool expect(const At& at, Kind kind, std::string_view what) {
    if (at.node->kind == kind) return true;
    error(at, std::string(what) + " must be " +
                  (kind == Kind::object  ? "an object"
                   : kind == Kind::array ? "an array"
                                         : "a " + std::string(kind_name(kind))));
    return false;
  }

  // ---- version ---------------------------------------------------------------------------------------------------

  bool read_version(const At& root) {
    if (root.node->find("swagger")) {
      error(root.child("swagger"),
            "this is a Swagger 2.0 document; reqprobe reads OpenAPI 3.0 and 3.1. Convert it first (for example with "
            "swagger2openapi or the Swagger Editor's \"Convert to OpenAPI 3\")");
      return false;
    }
    const At version = root.child("openapi");
    if (!version || version.node->kind != Kind::string) {
      error(version ? version : root, "the document needs 'openapi': '3.0.x' or '3.1.x'");
      return false;
    }
    const std::string& v = version.node->text;
    if (v.rfind("3.0.", 0) == 0 || v == "3.0") {
      dialect_ = Dialect::oas30;
    } else if (v.rfind("3.1.", 0) == 0 || v == "3.1") {
      dialect_ = Dialect::oas31;
      if (const At dialect = root.child("jsonSchemaDialect")) {
        if (dialect.node->kind != Kind::string || !dialect_from_uri(dialect.node->text, dialect_))
          error(dialect,
                "jsonSchemaDialect: reqprobe reads the OpenAPI 3.1 dialect and JSON Schema 2020-12, 2019-09, "
                "draft 7, 6 and 4");
      }
    } else {
      error(version, "OpenAPI " + v + " is not read; reqprobe reads 3.0.x and 3.1.x");
      return false;
    }
    return true;
  }

  // ---- references ------------------------------------------------------------------------------------------------

  // Follows Reference Objects ({"$ref": ...}) until a real object; false (with an error) when one does not resolve.
  bool deref(At& at) {
    for (int hops = 0; at.node->kind == Kind::object && at.node->find("$ref") != nullptr; ++hops) {
      const At ref = at.child("$ref");
      if (ref.node->kind != Kind::string) {
        error(ref, "$ref must be a string");
        return false;
      }
      if (hops > 64) {
        error(ref, "more than 64 references in a row (a cycle of references?)");
        return false;
      }
      resolve::RefError why;
      const auto target = ctx_.documents.resolve(ref.node->text, at.base, why);
      if (!target) {
        ctx_.diag.unresolved(ref.node, ref.pointer, resolve::resolve_uri(at.base, ref.node->text),
                             "reference '" + ref.node->text + "' does not resolve: " + why.message);
        return false;
      }
      const auto [uri, fragment] = resolve::split_fragment(target->uri);
      at = {target->node, target->document == ctx_.documents.root_document() ? fragment : uri + "#" + fragment, uri};
    }
    return true;
  }

  // Examples are annotations, but a reference among them must still point somewhere (as links' do).
  void check_examples(const At& owner) {
    const At examples = owner.child("examples");
    if (!examples || examples.node->kind != Kind::object) return;
    for (const doc::Member& m : examples.node->members) {
      At example = examples.member(m);
      (void)deref(example);
    }
  }

  // ---- schemas ---------------------------------------------------------------------------------------------------

  std::uint32_t schema(const At& at, Direction direction) {
    return schemas_.intern({at.node, at.pointer, at.base, dialect_}, SchemaUse{direction, true});
  }

  // In 3.1, schemas may carry $id/$anchor: register them before any reference is resolved. Each node is walked
  // once: YAML aliases make the document a DAG, which a bomb of nested aliases makes exponentially wide as a tree.
  void index_schemas(const At& root) {
    if (dialect_ == Dialect::oas30) return;
    std::vector<At> stack{root};
    std::set<const Node*> walked;
    while (!stack.empty()) {
      const At at = std::move(stack.back());
      stack.pop_back();
      if ((at.node->kind == Kind::array || at.node->kind == Kind::object) && !walked.insert(at.node).second) continue;
      if (at.node->kind == Kind::array)
        for (std::size_t i = 0; i < at.node->items.size(); ++i) stack.push_back(at.item(i));
      if (at.node->kind != Kind::object) continue;
      for (const doc::Member& m : at.node->members) {
        if (m.key == "schema" || (at.pointer == "/components/schemas")) {
          schemas_.index_resources({m.value, pointer_join(at.pointer, m.key), at.base, dialect_});
        } else if (m.key != "example" && m.key != "examples" && m.key.substr(0, 2) != "x-") {
          stack.push_back(at.member(m));
        }
      }
    }
  }

  // ---- components ------------------------------------------------------------------------------------------------

  void read_components(const At& components) {
    if (!expect(components, Kind::object, "components")) return;
    check_fields(components, {"Components Object",
                              {"schemas", "responses", "parameters", "examples", "requestBodies", "headers",
                               "securitySchemes", "links", "callbacks", "pathItems"}});
    if (At list = components.child("securitySchemes"); list && expect(list, Kind::object, "securitySchemes")) {
      for (const doc::Member& m : list.node->members) read_scheme(m.key, list.member(m));
    }
    // The others are read where they are used (through $ref); an unused one is still checked for references.
    if (At list = components.child("pathItems")) {
      if (dialect_ == Dialect::oas30) warning(list, "components.pathItems came with OpenAPI 3.1; it is ignored here");
    }
  }

  void read_component_schemas(const At& components) {
    schemas_.drain();  // what the operations use, first
    if (At list = components.child("schemas"); list && expect(list, Kind::object, "components.schemas"))
      for (const doc::Member& m : list.node->members) (void)schema(list.member(m), Direction::neutral);
  }

  void read_scheme(const std::string& name, At at) {
    if (!deref(at) || !expect(at, Kind::object, "a security scheme")) return;
    check_fields(at, {"Security Scheme Object",
                      {"type", "description", "name", "in", "scheme", "bearerFormat", "flows", "openIdConnectUrl"}});
    SecurityScheme scheme;
    scheme.id = name;
    const Node* type = at.node->find("type");
    const std::string t = type != nullptr && type->kind == Kind::string ? type->text : "";
    if (t == "apiKey") {
      scheme.type = SecurityScheme::Type::api_key;
      const Node* key_name = at.node->find("name");
      const Node* in = at.node->find("in");
      if (key_name == nullptr || key_name->kind != Kind::string || in == nullptr || in->kind != Kind::string) {
        error(at, "an apiKey scheme needs 'name' and 'in'");
        return;
      }
      if (in->text == "header") {
        scheme.in = Location::header;
        scheme.name = lowercase(key_name->text);
      } else if (in->text == "query") {
        scheme.in = Location::query;
        scheme.name = key_name->text;
      } else if (in->text == "cookie") {
        scheme.in = Location::cookie;
        scheme.name = key_name->text;
      } else {
        error(at.child("in"), "an apiKey goes in header, query or cookie");
        return;
      }
    } else if (t == "http") {
      const Node* word = at.node->find("scheme");
      scheme.http_scheme = word != nullptr && word->kind == Kind::string ? lowercase(word->text) : "";
      scheme.type = scheme.http_scheme == "basic"    ? SecurityScheme::Type::http_basic
                    : scheme.http_scheme == "bearer" ? SecurityScheme::Type::http_bearer
                                                     : SecurityScheme::Type::http_other;
      if (scheme.http_scheme.empty()) error(at, "an http scheme needs 'scheme' (basic, bearer, ...)");
      scheme.name = "authorization";
    } else if (t == "oauth2" || t == "openIdConnect") {
      scheme.type = t == "oauth2" ? SecurityScheme::Type::oauth2 : SecurityScheme::Type::open_id_connect;
      scheme.name = "authorization";  // a bearer token the user supplies
    } else if (t == "mutualTLS") {
      scheme.type = SecurityScheme::Type::mutual_tls;
      warning(at, "mutualTLS is met by the TLS connection, which reqprobe does not see; it counts as met");
    } else {
      error(at.child("type"), "security scheme type must be apiKey, http, oauth2, openIdConnect or mutualTLS");
      return;
    }
    if (const Node* prefix = at.node->find("x-reqprobe-prefix"); prefix != nullptr && prefix->kind == Kind::string)
      scheme.prefix = prefix->text;
    if (const Node* shape = at.node->find("x-reqprobe-shape"); shape != nullptr && shape->kind == Kind::string)
      scheme.shape = shape->text;
    scheme_index_[name] = static_cast<std::uint32_t>(ctx_.plan.schemes.size());
    ctx_.plan.schemes.push_back(std::move(scheme));
  }

  std::vector<std::vector<std::uint32_t>> read_security(const At& at) {
    std::vector<std::vector<std::uint32_t>> alternatives;
    if (!expect(at, Kind::array, "security")) return alternatives;
    for (std::size_t i = 0; i < at.node->items.size(); ++i) {
      const At requirement = at.item(i);
      if (!expect(requirement, Kind::object, "a security requirement")) continue;
      std::vector<std::uint32_t> all;
      for (const doc::Member& m : requirement.node->members) {
        const auto it = scheme_index_.find(m.key);
        if (it == scheme_index_.end()) {
          error(requirement.member(m), "security scheme '" + m.key + "' is not declared in components.securitySchemes");
          continue;
        }
        all.push_back(it->second);
      }
      alternatives.push_back(std::move(all));
    }
    return alternatives;
  }

  // ---- servers ---------------------------------------------------------------------------------------------------

  // The path part of each server URL, variables expanded (each enum value, else the default); "" for "/".
  std::vector<std::string> base_paths(const At& servers, std::vector<std::string> otherwise) {
    if (!servers) return otherwise;
    if (!expect(servers, Kind::array, "servers")) return otherwise;
    std::vector<std::string> out;
    for (std::size_t i = 0; i < servers.node->items.size(); ++i) {
      const At server = servers.item(i);
      check_fields(server, {"Server Object", {"url", "description", "variables"}});
      const Node* url = server.node->find("url");
      if (url == nullptr || url->kind != Kind::string) {
        error(server, "a server needs a url");
        continue;
      }
      const std::vector<std::string> expanded = expand_server_url(server, url->text);
      for (std::string base : expanded) {
        while (!base.empty() && base.back() == '/') base.pop_back();
        if (!base.empty() && base.front() != '/') base.insert(base.begin(), '/');
        if (std::find(out.begin(), out.end(), base) == out.end()) out.push_back(base);
      }
    }
    if (out.empty()) return otherwise;
    // Longest first, so a request matches the most specific base path.
    std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    return out;
  }

  // The path part of a URL ("https://h/v1?x" -> "/v1", "//h" -> "", "/v1" -> "/v1").
  static std::string_view url_path(std::string_view url) {
    std::string_view path = url;
    if (const std::size_t scheme = path.find("://"); scheme != std::string_view::npos) {
      const std::size_t slash = path.find('/', scheme + 3);
      path = slash == std::string_view::npos ? std::string_view() : path.substr(slash);
    } else if (path.substr(0, 2) == "//") {
      const std::size_t slash = path.find('/', 2);
      path = slash == std::string_view::npos ? std::string_view() : path.substr(slash);
    }
    if (const std::size_t stop = path.find_first_of("?#"); stop != std::string_view::npos) path = path.substr(0, stop);
    return path;
  }

  // A server URL's paths, its variables substituted in one pass over the template (a value is never read as a
  // template again): every enum value, else the default. Variables in the scheme and host take one value, since
  // they do not change the path; at most 64 paths come out, and the enumeration stops there.
  std::vector<std::string> expand_server_url(const At& server, const std::string& url) {
    struct Piece {
      std::string text;
      bool variable = false;
      bool authority = false;  ///< a variable outside the path (scheme, host, port, query): one value is enough
    };
    std::vector<Piece> pieces;
    for (std::size_t at = 0; at < url.size();) {
      const std::size_t open = url.find('{', at);
      if (open != at) {
        pieces.push_back({url.substr(at, open == std::string::npos ? std::string::npos : open - at)});
        if (open == std::string::npos) break;
      }
      const std::size_t close = url.find('}', open);
      if (close == std::string::npos) {
        error(server.child("url"), "unterminated server variable");
        return {std::string(url_path(url.substr(0, open)))};
      }
      pieces.push_back({url.substr(open + 1, close - open - 1), true});
      at = close + 1;
    }
    // Where the path begins: after "://" (or a leading "//"), at the next '/' of the literal text. Without either,
    // a URL that begins with a variable may hold a whole base URL ("{base}/v1"); then every variable counts.
    // Variables after '?' or '#' do not change the path either.
    bool in_authority = url.rfind("//", 0) == 0 || url.find("://") != std::string::npos;
    bool seen_separator = url.rfind("//", 0) == 0;
    bool past_path = false;
    for (Piece& piece : pieces) {
      if (piece.variable) {
        piece.authority = in_authority || past_path;
        continue;
      }
      if (!in_authority) {
        past_path = past_path || piece.text.find_first_of("?#") != std::string::npos;
        continue;
      }
      std::size_t from = 0;
      if (!seen_separator) {
        const std::size_t separator = piece.text.find("://");
        if (separator == std::string::npos) continue;
        seen_separator = true;
        from = separator + 3;
      }
      if (const std::size_t slash = piece.text.find('/', from); slash != std::string::npos) {
        in_authority = false;
        past_path = piece.text.find_first_of("?#", slash) != std::string::npos;
      }
    }
    const Node* variables = server.node->find("variables");
    std::vector<std::vector<std::string>> values(pieces.size());
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      if (!pieces[i].variable) continue;
      const std::string& name = pieces[i].text;
      const Node* variable = variables != nullptr ? variables->find(name) : nullptr;
      if (variable != nullptr) {
        if (const Node* e = variable->find("enum"); e != nullptr && e->kind == Kind::array && !pieces[i].authority)
          for (const Node* v : e->items)
            if (v->kind == Kind::string) values[i].push_back(v->text);
        if (values[i].empty())
          if (const Node* d = variable->find("default"); d != nullptr && d->kind == Kind::string)
            values[i].push_back(d->text);
        if (values[i].empty())
          if (const Node* e = variable->find("enum"); e != nullptr && e->kind == Kind::array)
            for (const Node* v : e->items)
              if (v->kind == Kind::string && values[i].empty()) values[i].push_back(v->text);
      }
      if (values[i].empty()) {
        error(server.child("url"), "server variable {" + name + "} has no default");
        values[i].push_back("");
      }
    }
    // Every combination, as a mixed-radix counter over the variables' values; bounded in paths and in tries.
    std::vector<std::size_t> choice(pieces.size(), 0);
    std::vector<std::string> out;
    for (std::size_t tries = 0;; ++tries) {
      if (tries == 4096) {
        error(server.child("url"), "server variables have more than 4096 combinations");
        break;
      }
      std::string expanded;
      for (std::size_t i = 0; i < pieces.size(); ++i)
        expanded += pieces[i].variable ? values[i][choice[i]] : pieces[i].text;
      std::string path(url_path(expanded));
      if (std::find(out.begin(), out.end(), path) == out.end()) {
        if (out.size() == 64) {
          error(server.child("url"), "server variables expand to more than 64 base paths");
          break;
        }
        out.push_back(std::move(path));
      }
      std::size_t i = 0;
      for (; i < pieces.size(); ++i) {
        if (!pieces[i].variable) continue;
        if (++choice[i] < values[i].size()) break;
        choice[i] = 0;
      }
      if (i == pieces.size()) break;
    }
    return out;
  }

  // ---- paths and operations --------------------------------------------------------------------------------------

  void read_paths(const At& paths) {
    if (!expect(paths, Kind::object, "paths")) return;
    for (const doc::Member& m : paths.node->members) {
      if (m.key.substr(0, 2) == "x-") continue;
      if (m.key.empty() || m.key[0] != '/') {
        error(paths.member(m), "a path must start with '/'");
        continue;
      }
      read_path_item(m.key, paths.member(m), true);
    }
  }

  void read_webhooks(const At& webhooks) {
    if (dialect_ == Dialect::oas30) {
      warning(webhooks, "webhooks came with OpenAPI 3.1; they are ignored here");
      return;
    }
    if (!expect(webhooks, Kind::object, "webhooks")) return;
    // Requests the API sends, not receives: read and checked, never routed or validated.
    for (const doc::Member& m : webhooks.node->members) read_path_item(m.key, webhooks.member(m), false);
  }

  void read_path_item(const std::string& path, At item, bool routed) {
    if (!deref(item) || !expect(item, Kind::object, "a path item")) return;
    check_fields(item, {"Path Item Object",
                        {"$ref", "summary", "description", "get", "put", "post", "delete", "options", "head", "patch",
                         "trace", "servers", "parameters"}});
    const std::vector<std::string> servers = base_paths(item.child("servers"), root_servers_);
    for (const std::string_view method : kMethods) {
      At operation = item.child(method);
      if (operation) read_operation(path, method, operation, item, servers, routed);
    }
  }

  void read_operation(const std::string& path, std::string_view method, const At& at, const At& item,
                      const std::vector<std::string>& servers, bool routed) {
    if (!expect(at, Kind::object, "an operation")) return;
    check_fields(at, {"Operation Object",
                      {"tags", "summary", "description", "externalDocs", "operationId", "parameters", "requestBody",
                       "responses", "callbacks", "deprecated", "security", "servers", "x-reqprobe-auth-alternatives"}});
    Operation op;
    op.method = uppercase(method);
    op.path_template = path;
    op.source = static_cast<std::uint32_t>(ctx_.plan.sources.size());
    ctx_.plan.sources.push_back(at.pointer);
    if (const Node* id = at.node->find("operationId"); id != nullptr && id->kind == Kind::string) {
      op.id = id->text;
      operation_ids_.emplace_back(op.id, at.child("operationId"));
    }
    if (const Node* tags = at.node->find("tags"); tags != nullptr && tags->kind == Kind::array)
      for (const Node* tag : tags->items)
        if (tag->kind == Kind::string) op.tags.push_back(tag->text);
    if (const Node* d = at.node->find("deprecated"); d != nullptr && d->kind == Kind::boolean)
      op.deprecated = d->boolean;
    op.base_paths = base_paths(at.child("servers"), servers);
    // Path-item parameters first; the operation's replace those with the same name and location.
    for (const At& list : {item.child("parameters"), at.child("parameters")}) {
      if (!list || !expect(list, Kind::array, "parameters")) continue;
      std::set<std::pair<Location, std::string>> listed;  // a list names each parameter once
      for (std::size_t i = 0; i < list.node->items.size(); ++i) read_parameter(list.item(i), op, listed);
    }
    if (routed) parse_template(path, item, op);
    if (At body = at.child("requestBody")) read_request_body(body, op);
    if (At responses = at.child("responses")) {
      read_responses(responses, op);
    } else {
      warning(at, "the operation has no responses (OpenAPI requires them)");
    }
    op.security = at.node->find("security") ? read_security(at.child("security")) : root_security_;
    derive_auth_alternatives(op);
    if (At callbacks = at.child("callbacks")) read_callbacks(callbacks);
    if (routed) {
      check_equivalent_path(op, at);
      ctx_.plan.operations.push_back(std::move(op));
    }
  }

  // OpenAPI: templated paths that differ only in their variables' names are the same path. The same method on both
  // would leave one operation unreachable, an error; other methods only deserve a warning.
  void check_equivalent_path(const Operation& op, const At& at) {
    std::string shape;
    for (std::size_t i = 0; i < op.path_template.size(); ++i) {
      if (op.path_template[i] != '{') {
        shape.push_back(op.path_template[i]);
        continue;
      }
      const std::size_t close = op.path_template.find('}', i);
      if (close == std::string::npos) return;  // malformed: reported by parse_template
      shape += "{}";
      i = close;
    }
    for (const std::string& base : op.base_paths.empty() ? std::vector<std::string>{""} : op.base_paths) {
      const auto [it, fresh] =
          path_shapes_.try_emplace(base + shape, std::vector<std::pair<std::string, std::string>>{});
      for (const auto& [method, path] : it->second) {
        if (path == op.path_template) continue;  // the same path item (or a path item referred to twice)
        if (method == op.method) {
          error(at, op.method + " " + op.path_template + " is the same path as " + path +
                        " (only the variables' names differ): requests cannot tell the operations apart");
          return;
        }
        if (!fresh) {
          warning(at, op.path_template + " is the same path as " + path +
                          " (only the variables' names differ); OpenAPI does not allow both");
          break;
        }
      }
      it->second.emplace_back(op.method, op.path_template);
    }
  }

  void check_operation_ids() {
    std::map<std::string, std::size_t> seen;
    for (const auto& [id, at] : operation_ids_)
      if (++seen[id] == 2) error(at, "operationId '" + id + "' is used by more than one operation");
  }

  // HSS's shape, for the tools that still read it: the first alternative is one header, the others are headers that
  // replace it together (the token, or AK/SK signing).
  void derive_auth_alternatives(Operation& op) {
    if (op.security.size() < 2 || op.security[0].size() != 1) return;
    const SecurityScheme& first = ctx_.plan.schemes[op.security[0][0]];
    if (first.type != SecurityScheme::Type::api_key || first.in != Location::header) return;
    for (std::size_t i = 1; i < op.security.size(); ++i) {
      AuthAlternative alternative;
      alternative.replaces = first.name;
      for (const std::uint32_t s : op.security[i]) {
        const SecurityScheme& scheme = ctx_.plan.schemes[s];
        if (scheme.type != SecurityScheme::Type::api_key || scheme.in != Location::header) return;
        alternative.needs.push_back({scheme.name, scheme.prefix, scheme.shape});
      }
      op.auth_alternatives.push_back(std::move(alternative));
    }
  }

  void read_callbacks(const At& callbacks) {
    if (!expect(callbacks, Kind::object, "callbacks")) return;
    for (const doc::Member& m : callbacks.node->members) {
      At callback = callbacks.member(m);
      if (!deref(callback) || !expect(callback, Kind::object, "a callback")) continue;
      // Requests the API sends to the client: read and checked, never routed or validated.
      for (const doc::Member& expression : callback.node->members)
        if (expression.key.substr(0, 2) != "x-") read_path_item(expression.key, callback.member(expression), false);
    }
  }

  // "/a/{b}/c{d}.json" into segments of literals and parameters.
  void parse_template(const std::string& path, const At& item, Operation& op) {
    std::string_view rest = std::string_view(path).substr(1);
    std::set<std::string> used;
    while (true) {
      const std::size_t slash = rest.find('/');
      const std::string_view raw = rest.substr(0, slash);
      PathSegment segment;
      std::size_t at = 0;
      bool bad = false;
      while (at < raw.size()) {
        const std::size_t open = raw.find('{', at);
        if (open != at) {
          const std::string_view literal = raw.substr(at, open == std::string_view::npos ? raw.size() - at : open - at);
          if (literal.find('}') != std::string_view::npos) bad = true;
          segment.pieces.push_back({std::string(literal), kNone});
          if (open == std::string_view::npos) break;
        }
        const std::size_t close = raw.find('}', open);
        if (close == std::string_view::npos || close == open + 1) {
          bad = true;
          break;
        }
        const std::string name(raw.substr(open + 1, close - open - 1));
        std::uint32_t index = kNone;
        for (std::uint32_t i = 0; i < op.parameters.size(); ++i)
          if (op.parameters[i].in == Location::path && op.parameters[i].name == name) index = i;
        if (index == kNone) error(item, "path variable {" + name + "} of " + path + " has no path parameter");
        if (!used.insert(name).second) error(item, "path variable {" + name + "} appears twice in " + path);
        if (!segment.pieces.empty() && segment.pieces.back().parameter != kNone)
          error(item, "two variables without text between them in " + path + " cannot be told apart");
        segment.pieces.push_back({std::string(), index});
        at = close + 1;
      }
      if (bad) error(item, "malformed path template " + path);
      if (segment.pieces.size() == 1) {  // a whole-segment literal or variable
        segment.literal = segment.pieces[0].literal;
        segment.parameter = segment.pieces[0].parameter;
        segment.pieces.clear();
      } else if (segment.pieces.empty()) {
        segment.literal.clear();
      }
      op.segments.push_back(std::move(segment));
      if (slash == std::string_view::npos) break;
      rest = rest.substr(slash + 1);
    }
    for (const Parameter& p : op.parameters)
      if (p.in == Location::path && used.count(p.name) == 0)
        error(item, "path parameter '" + p.name + "' is not in the path " + path);
  }

  // ---- parameters ------------------------------------------------------------------------------------------------

  void read_parameter(At at, Operation& op, std::set<std::pair<Location, std::string>>& listed) {
    if (!deref(at) || !expect(at, Kind::object, "a parameter")) return;
    check_fields(at, {"Parameter Object",
                      {"name", "in", "description", "required", "deprecated", "allowEmptyValue", "style", "explode",
                       "allowReserved", "schema", "example", "examples", "content"}});
    const Node* name = at.node->find("name");
    const Node* in = at.node->find("in");
    if (name == nullptr || name->kind != Kind::string || name->text.empty() || in == nullptr ||
        in->kind != Kind::string) {
      error(at, "a parameter needs a non-empty 'name' and 'in'");
      return;
    }
    Parameter p;
    p.source = static_cast<std::uint32_t>(ctx_.plan.sources.size());
    ctx_.plan.sources.push_back(at.pointer);
    if (in->text == "path") {
      p.in = Location::path;
      p.style = ParameterStyle::simple;
    } else if (in->text == "query") {
      p.in = Location::query;
      p.style = ParameterStyle::form;
    } else if (in->text == "header") {
      p.in = Location::header;
      p.style = ParameterStyle::simple;
    } else if (in->text == "cookie") {
      p.in = Location::cookie;
      p.style = ParameterStyle::form;
    } else {
      error(at.child("in"), "'in' must be path, query, header or cookie");
      return;
    }
    p.name = p.in == Location::header ? lowercase(name->text) : name->text;
    if (p.in == Location::header && (p.name == "accept" || p.name == "content-type" || p.name == "authorization")) {
      warning(at, "a header parameter named " + name->text + " is ignored (OpenAPI: it comes from elsewhere)");
      return;
    }
    const auto flag = [&](std::string_view key, bool& out) {
      if (const Node* v = at.node->find(key)) {
        if (v->kind != Kind::boolean) {
          error(at.child(key), std::string(key) + " must be a boolean");
        } else {
          out = v->boolean;
        }
      }
    };
    flag("required", p.required);
    flag("deprecated", p.deprecated);
    flag("allowEmptyValue", p.allow_empty_value);
    flag("allowReserved", p.allow_reserved);
    if (p.in == Location::path && !p.required) error(at, "path parameters must be required: true");
    if (at.node->find("style") != nullptr && !read_style(at.child("style"), p)) return;
    p.explode = p.style == ParameterStyle::form;
    flag("explode", p.explode);
    const Node* schema = at.node->find("schema");
    const Node* content = at.node->find("content");
    if ((schema == nullptr) == (content == nullptr)) {
      error(at, "a parameter needs exactly one of 'schema' and 'content'");
      return;
    }
    const Direction direction = Direction::request;
    check_examples(at);
    if (schema != nullptr) {
      p.node = this->schema(at.child("schema"), direction);
      if (const Node* forbidden = find_forbidden_bytes(at.child("schema"))) {
        if (forbidden->kind != Kind::string || forbidden->text.empty()) {
          error(at.child("schema"), "x-reqprobe-forbidden-bytes must be a non-empty string");
        } else {
          p.forbidden_bytes = forbidden->text;
        }
      }
    } else {
      const At media = at.child("content");
      if (!expect(media, Kind::object, "content") || media.node->members.size() != 1) {
        error(media, "a parameter's content must hold exactly one media type");
        return;
      }
      const At entry = media.member(media.node->members[0]);
      check_examples(entry);
      p.content = true;
      if (const At s = entry.child("schema")) {
        p.node = this->schema(s, direction);
      } else {
        p.node = kAny;
      }
    }
    if (!listed.emplace(p.in, p.name).second) {
      error(at, "parameter '" + p.name + "' in " + std::string(location_name(p.in)) +
                    " is listed twice (OpenAPI: a list must not repeat a name and location)");
      return;
    }
    for (Parameter& existing : op.parameters) {
      if (existing.name == p.name && existing.in == p.in) {
        existing = std::move(p);  // the operation's replaces the path item's
        return;
      }
    }
    op.parameters.push_back(std::move(p));
  }

  const Node* find_forbidden_bytes(At schema) {
    if (!deref(schema)) return nullptr;
    return schema.node->kind == Kind::object ? schema.node->find("x-reqprobe-forbidden-bytes") : nullptr;
  }

  bool read_style(const At& at, Parameter& p) {
    struct Known {
      std::string_view name;
      ParameterStyle style;
      std::initializer_list<Location> where;
    };
    static const Known kStyles[] = {
        {"matrix", ParameterStyle::matrix, {Location::path}},
        {"label", ParameterStyle::label, {Location::path}},
        {"simple", ParameterStyle::simple, {Location::path, Location::header}},
        {"form", ParameterStyle::form, {Location::query, Location::cookie}},
        {"spaceDelimited", ParameterStyle::space_delimited, {Location::query}},
        {"pipeDelimited", ParameterStyle::pipe_delimited, {Location::query}},
        {"deepObject", ParameterStyle::deep_object, {Location::query}},
    };
    for (const Known& k : kStyles) {
      if (at.node->kind != Kind::string || at.node->text != k.name) continue;
      if (std::find(k.where.begin(), k.where.end(), p.in) == k.where.end()) {
        error(at, "style " + std::string(k.name) + " is not allowed for a " + std::string(location_name(p.in)) +
                      " parameter");
        return false;
      }
      p.style = k.style;
      return true;
    }
    error(at, "style must be matrix, label, simple, form, spaceDelimited, pipeDelimited or deepObject");
    return false;
  }

  // ---- request bodies --------------------------------------------------------------------------------------------

  static BodyKind body_kind(std::string_view type) {
    if (type == "application/json" || (type.size() > 5 && type.substr(type.size() - 5) == "+json"))
      return BodyKind::json;
    if (type == "application/x-www-form-urlencoded") return BodyKind::form;
    if (type.substr(0, 10) == "multipart/") return BodyKind::multipart;
    return BodyKind::other;
  }

  void read_request_body(At at, Operation& op) {
    if (!deref(at) || !expect(at, Kind::object, "requestBody")) return;
    check_fields(at, {"Request Body Object", {"description", "content", "required", "x-reqprobe-absent-as"}});
    op.has_body = true;
    if (const Node* required = at.node->find("required"); required != nullptr && required->kind == Kind::boolean)
      op.body_required = required->boolean;
    const At content = at.child("content");
    if (!content || !expect(content, Kind::object, "requestBody content") || content.node->members.empty()) {
      error(content ? content : at, "requestBody needs content with at least one media type");
      return;
    }
    for (const doc::Member& m : content.node->members) {
      At media = content.member(m);
      check_fields(media, {"Media Type Object", {"schema", "example", "examples", "encoding"}});
      MediaBody body;
      body.media_type = lowercase(m.key);
      if (const std::size_t semicolon = body.media_type.find(';'); semicolon != std::string::npos) {
        body.media_type.erase(semicolon);
        while (!body.media_type.empty() && body.media_type.back() == ' ') body.media_type.pop_back();
      }
      // type "/" subtype, both tokens (RFC 9110 section 8.3.1), ranges ("*/*", "application/*") included. Any
      // other key could never match a request's Content-Type: the document says something no request can meet.
      if (const std::size_t slash = body.media_type.find('/');
          slash == std::string::npos || !detail::is_token(std::string_view(body.media_type).substr(0, slash)) ||
          !detail::is_token(std::string_view(body.media_type).substr(slash + 1))) {
        error(media, "'" + m.key + "' is not a media type (type/subtype, e.g. application/json)");
        continue;
      }
      body.kind = body_kind(body.media_type);
      check_examples(media);
      if (const At s = media.child("schema")) body.node = schema(s, Direction::request);
      if (const At encoding = media.child("encoding"); encoding && expect(encoding, Kind::object, "encoding"))
        for (const doc::Member& e : encoding.node->members)
          body.encodings.push_back(read_encoding(e.key, encoding.member(e)));
      if (body.kind == BodyKind::json && op.body == kNone && body.node != kNone) op.body = body.node;
      op.media_types.push_back(body.media_type);
      op.bodies.push_back(std::move(body));
    }
    if (const Node* absent = at.node->find("x-reqprobe-absent-as")) {
      doc::ParseError why;
      if (absent->kind == Kind::string) {
        doc::Document check(std::make_shared<doc::Source>("x-reqprobe-absent-as", absent->text));
        if (!doc::read_json(check, why)) why.message = why.message.empty() ? "not JSON" : why.message;
      }
      if (absent->kind != Kind::string || !why.message.empty()) {
        error(at.child("x-reqprobe-absent-as"), "x-reqprobe-absent-as must be a string holding JSON text" +
                                                    (why.message.empty() ? std::string() : ": " + why.message));
      } else {
        op.has_absent_body_as = true;
        op.absent_body_as = absent->text;
      }
    }
  }

  PartEncoding read_encoding(const std::string& property, const At& at) {
    PartEncoding e;
    e.property = property;
    check_fields(at, {"Encoding Object", {"contentType", "headers", "style", "explode", "allowReserved"}});
    if (const Node* type = at.node->find("contentType"); type != nullptr && type->kind == Kind::string)
      e.content_type = lowercase(type->text);
    if (const At style = at.child("style")) {
      Parameter as_query;
      as_query.in = Location::query;
      if (read_style(style, as_query)) e.style = as_query.style;
    }
    e.explode = e.style == ParameterStyle::form;
    if (const Node* explode = at.node->find("explode"); explode != nullptr && explode->kind == Kind::boolean)
      e.explode = explode->boolean;
    if (const Node* reserved = at.node->find("allowReserved"); reserved != nullptr && reserved->kind == Kind::boolean)
      e.allow_reserved = reserved->boolean;
    return e;
  }

  // ---- responses -------------------------------------------------------------------------------------------------

  void read_responses(const At& responses, Operation& op) {
    if (!expect(responses, Kind::object, "responses")) return;
    for (const doc::Member& m : responses.node->members) {
      if (m.key.substr(0, 2) == "x-") continue;
      const bool status =
          m.key.size() == 3 && m.key[0] >= '1' && m.key[0] <= '5' &&
          ((std::isdigit(static_cast<unsigned char>(m.key[1])) && std::isdigit(static_cast<unsigned char>(m.key[2]))) ||
           (m.key[1] == 'X' && m.key[2] == 'X'));
      if (!status && m.key != "default") {
        warning(responses.member(m), "'" + m.key + "' is not a status code, a range like 4XX, or default");
        continue;
      }
      At at = responses.member(m);
      if (!deref(at) || !expect(at, Kind::object, "a response")) continue;
      check_fields(at, {"Response Object", {"description", "headers", "content", "links"}});
      Response response;
      response.status = m.key;
      if (const At content = at.child("content"); content && expect(content, Kind::object, "content")) {
        for (const doc::Member& c : content.node->members) {
          const At media = content.member(c);
          check_examples(media);
          Response::Media entry;
          entry.media_type = lowercase(c.key);
          if (const At s = media.child("schema")) entry.node = schema(s, Direction::response);
          response.content.push_back(std::move(entry));
        }
      }
      if (const At headers = at.child("headers"); headers && expect(headers, Kind::object, "headers")) {
        for (const doc::Member& h : headers.node->members) {
          At header = headers.member(h);
          if (!deref(header) || !expect(header, Kind::object, "a header")) continue;
          check_examples(header);
          Response::Header entry;
          entry.name = lowercase(h.key);
          if (const Node* required = header.node->find("required");
              required != nullptr && required->kind == Kind::boolean)
            entry.required = required->boolean;
          if (const At s = header.child("schema")) entry.node = schema(s, Direction::response);
          response.headers.push_back(std::move(entry));
        }
      }
      if (const At links = at.child("links"); links && links.node->kind == Kind::object)
        for (const doc::Member& l : links.node->members) {
          At link = links.member(l);
          (void)deref(link);  // links are annotations; their references must still resolve
        }
      op.responses.push_back(std::move(response));
    }
  }

  LoadContext& ctx_;
  SchemaCompiler& schemas_;
  Dialect dialect_ = Dialect::oas30;
  std::vector<std::string> root_servers_{""};
  std::vector<std::vector<std::uint32_t>> root_security_;
  std::map<std::string, std::uint32_t> scheme_index_;
  std::vector<std::pair<std::string, At>> operation_ids_;
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> path_shapes_;  ///< shape -> (method, path)
};

}  // namespace

void load_openapi(LoadContext& ctx, SchemaCompiler& schemas) {
  OpenApiLoader(ctx, schemas).run();
}

}  // namespace reqprobe::compile
