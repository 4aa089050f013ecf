#include "document_set.h"

namespace reqprobe::resolve {
namespace {

struct UriParts {
  std::string scheme, authority, path, query, fragment;
  bool has_scheme = false, has_authority = false, has_query = false, has_fragment = false;
};

// RFC 3986 appendix B, without a regex.
UriParts parse_uri(std::string_view uri) {
  UriParts p;
  if (const std::size_t hash = uri.find('#'); hash != std::string_view::npos) {
    p.has_fragment = true;
    p.fragment = std::string(uri.substr(hash + 1));
    uri = uri.substr(0, hash);
  }
  if (const std::size_t question = uri.find('?'); question != std::string_view::npos) {
    p.has_query = true;
    p.query = std::string(uri.substr(question + 1));
    uri = uri.substr(0, question);
  }
  const std::size_t colon = uri.find(':');
  const std::size_t slash = uri.find('/');
  if (colon != std::string_view::npos && colon > 0 && (slash == std::string_view::npos || colon < slash)) {
    bool scheme_ok = (uri[0] >= 'a' && uri[0] <= 'z') || (uri[0] >= 'A' && uri[0] <= 'Z');
    for (std::size_t i = 1; i < colon && scheme_ok; ++i) {
      const char c = uri[i];
      scheme_ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' ||
                  c == '.';
    }
    if (scheme_ok) {
      p.has_scheme = true;
      p.scheme = std::string(uri.substr(0, colon));
      uri = uri.substr(colon + 1);
    }
  }
  if (uri.substr(0, 2) == "//") {
    p.has_authority = true;
    const std::size_t end = uri.find('/', 2);
    p.authority = std::string(uri.substr(2, end == std::string_view::npos ? std::string_view::npos : end - 2));
    uri = end == std::string_view::npos ? std::string_view() : uri.substr(end);
  }
  p.path = std::string(uri);
  return p;
}

// RFC 3986 5.2.4.
std::string remove_dot_segments(std::string_view input) {
  std::string out;
  while (!input.empty()) {
    if (input.substr(0, 3) == "../") {
      input.remove_prefix(3);
    } else if (input.substr(0, 2) == "./") {
      input.remove_prefix(2);
    } else if (input.substr(0, 3) == "/./") {
      input.remove_prefix(2);
    } else if (input == "/.") {
      input = "/";
    } else if (input.substr(0, 4) == "/../" || input == "/..") {
      input = input.size() == 3 ? std::string_view("/") : input.substr(3);
      const std::size_t last = out.rfind('/');
      out.erase(last == std::string::npos ? 0 : last);
    } else if (input == "." || input == "..") {
      input = {};
    } else {
      const std::size_t next = input.find('/', input[0] == '/' ? 1 : 0);
      out.append(input.substr(0, next));
      input = next == std::string_view::npos ? std::string_view() : input.substr(next);
    }
  }
  return out;
}

std::string compose(const UriParts& p) {
  std::string out;
  if (p.has_scheme) out += p.scheme + ":";
  if (p.has_authority) out += "//" + p.authority;
  out += p.path;
  if (p.has_query) out += "?" + p.query;
  if (p.has_fragment) out += "#" + p.fragment;
  return out;
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string resolve_uri(std::string_view base, std::string_view reference) {
  const UriParts r = parse_uri(reference);
  const UriParts b = parse_uri(base);
  UriParts t;
  if (r.has_scheme) {
    t = r;
    t.path = remove_dot_segments(r.path);
  } else {
    if (r.has_authority) {
      t.has_authority = true;
      t.authority = r.authority;
      t.path = remove_dot_segments(r.path);
      t.has_query = r.has_query;
      t.query = r.query;
    } else {
      if (r.path.empty()) {
        t.path = b.path;
        t.has_query = r.has_query || b.has_query;
        t.query = r.has_query ? r.query : b.query;
      } else {
        if (r.path[0] == '/') {
          t.path = remove_dot_segments(r.path);
        } else {
          // Merge (5.2.3): the base path up to its last '/', then the reference.
          std::string merged;
          if (b.has_authority && b.path.empty()) {
            merged = "/" + r.path;
          } else {
            const std::size_t last = b.path.rfind('/');
            merged = (last == std::string::npos ? std::string() : b.path.substr(0, last + 1)) + r.path;
          }
          t.path = remove_dot_segments(merged);
        }
        t.has_query = r.has_query;
        t.query = r.query;
      }
      t.has_authority = b.has_authority;
      t.authority = b.authority;
    }
    t.has_scheme = b.has_scheme;
    t.scheme = b.scheme;
  }
  t.has_fragment = r.has_fragment;
  t.fragment = r.fragment;
  return compose(t);
}

std::pair<std::string, std::string> split_fragment(std::string_view uri) {
  const std::size_t hash = uri.find('#');
  if (hash == std::string_view::npos) return {std::string(uri), std::string()};
  return {std::string(uri.substr(0, hash)), std::string(uri.substr(hash + 1))};
}

bool percent_decode_fragment(std::string_view in, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out.push_back(in[i]);
      continue;
    }
    if (i + 2 >= in.size() || hex(in[i + 1]) < 0 || hex(in[i + 2]) < 0) return false;
    out.push_back(static_cast<char>(hex(in[i + 1]) * 16 + hex(in[i + 2])));
    i += 2;
  }
  return true;
}

const doc::Node* evaluate_pointer(const doc::Node* node, std::string_view pointer, std::string& failed_at) {
  if (pointer.empty()) return node;
  if (pointer[0] != '/') {
    failed_at = std::string(pointer);
    return nullptr;
  }
  std::size_t at = 1;
  while (node != nullptr) {
    const std::size_t slash = pointer.find('/', at);
    const std::string_view raw =
        pointer.substr(at, slash == std::string_view::npos ? std::string_view::npos : slash - at);
    std::string token;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
        token.push_back(raw[i + 1] == '0' ? '~' : '/');
        ++i;
      } else {
        token.push_back(raw[i]);
      }
    }
    const doc::Node* next = nullptr;
    if (node->kind == doc::Kind::object) {
      next = node->find(token);
    } else if (node->kind == doc::Kind::array && !token.empty() && token.size() < 10 &&
               token.find_first_not_of("0123456789") == std::string::npos && (token == "0" || token[0] != '0')) {
      const std::size_t index = std::stoul(token);
      if (index < node->items.size()) next = node->items[index];
    }
    if (next == nullptr) {
      failed_at = token;
      return nullptr;
    }
    node = next;
    if (slash == std::string_view::npos) return node;
    at = slash + 1;
  }
  return nullptr;
}

std::string file_uri(std::string_view path) {
  if (path.find("://") != std::string_view::npos || path.substr(0, 4) == "urn:") return std::string(path);
  std::string out = "file://";
  if (path.empty() || path[0] != '/') out += "/";
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (const char c : path) {
    const auto u = static_cast<unsigned char>(c);
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       std::string_view("-._~/!$&'()*+,;=:@").find(c) != std::string_view::npos;
    if (plain) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    }
  }
  return out;
}

std::string file_path(std::string_view uri) {
  if (uri.substr(0, 7) != "file://") return {};
  std::string_view rest = uri.substr(7);
  const std::size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return {};
  rest = rest.substr(slash);  // drop an authority ("localhost")
  std::string out;
  if (!percent_decode_fragment(rest, out)) return {};
  return out;
}

bool DocumentSet::add_root(std::shared_ptr<const doc::Source> source, const std::string& uri, doc::ParseError& error) {
  root_uri_ = split_fragment(uri).first;
  doc::ReadResult read = doc::read_document(std::move(source));
  if (!read.ok()) {
    error = read.error;
    return false;
  }
  uris_[read.document.get()] = root_uri_;
  documents_[root_uri_] = std::move(read.document);
  return true;
}

const doc::Document* DocumentSet::root_document() const noexcept {
  const auto it = documents_.find(root_uri_);
  return it == documents_.end() ? nullptr : it->second.get();
}

const doc::Document* DocumentSet::load(const std::string& uri, RefError& error) {
  if (const auto it = documents_.find(uri); it != documents_.end()) return it->second.get();
  if (const auto it = failed_.find(uri); it != failed_.end()) {
    error.message = it->second;
    return nullptr;
  }
  std::string why;
  std::optional<std::string> text;
  if (fetch_) {
    text = fetch_(uri, why);
  } else {
    why = "other documents cannot be read here (no reader was given)";
  }
  if (!text) {
    error.message = "cannot read " + uri + ": " + why;
    failed_[uri] = error.message;
    return nullptr;
  }
  const std::string path = file_path(uri);
  doc::ReadResult read = doc::read_document(std::make_shared<doc::Source>(path.empty() ? uri : path, std::move(*text)));
  if (!read.ok()) {
    error.message = uri + " is not a JSON or YAML document: " + read.error.message;
    failed_[uri] = error.message;
    return nullptr;
  }
  const doc::Document* document = read.document.get();
  uris_[document] = uri;
  documents_[uri] = std::move(read.document);
  if (on_load_) on_load_(document, uri);
  return document;
}

std::optional<Target> DocumentSet::resolve(std::string_view ref, std::string_view base, RefError& error) {
  const std::string absolute = resolve_uri(base, ref);
  if (const auto named = names_.find(absolute); named != names_.end())
    return Target{named->second.first, named->second.second, absolute};
  auto [document_uri, fragment] = split_fragment(absolute);
  // A document not read yet is read first: the names it declares (an anchor, an $id inside it) may be the target.
  if (names_.count(document_uri) == 0 && documents_.count(document_uri) == 0 && failed_.count(document_uri) == 0) {
    RefError ignored;
    if (load(document_uri, ignored) != nullptr) {
      if (const auto named = names_.find(absolute); named != names_.end())
        return Target{named->second.first, named->second.second, absolute};
    }
  }
  // A fragment that is not a pointer names an anchor: only names registered above resolve it.
  const bool pointer = fragment.empty() || fragment[0] == '/';
  if (!pointer) {
    error.message = "no schema declares the anchor '" + fragment + "' in " + document_uri;
    return std::nullopt;
  }
  const doc::Node* start = nullptr;
  const doc::Document* document = nullptr;
  if (const auto named = names_.find(document_uri); named != names_.end()) {  // a schema resource's $id
    start = named->second.first;
    document = named->second.second;
  } else {
    document = load(document_uri, error);
    if (document == nullptr) return std::nullopt;
    start = document->root();
  }
  std::string decoded;
  if (!percent_decode_fragment(fragment, decoded)) {
    error.message = "the fragment '" + fragment + "' has a malformed percent-escape";
    return std::nullopt;
  }
  std::string failed_at;
  const doc::Node* node = evaluate_pointer(start, decoded, failed_at);
  if (node == nullptr) {
    error.message = "'" + failed_at + "' is not in " + (document_uri == root_uri_ ? "the document" : document_uri);
    return std::nullopt;
  }
  return Target{node, document, absolute};
}

void DocumentSet::name(std::string uri, const doc::Node* node, const doc::Document* document) {
  names_.emplace(std::move(uri), std::make_pair(node, document));
}

const doc::Document* DocumentSet::document_of(const doc::Node* node) const noexcept {
  for (const auto& [document, uri] : uris_)
    if (node != nullptr && node->source == &document->source()) return document;
  return nullptr;
}

const std::string& DocumentSet::uri_of(const doc::Document* document) const noexcept {
  static const std::string kNone;
  const auto it = uris_.find(document);
  return it == uris_.end() ? kNone : it->second;
}

}  // namespace reqprobe::resolve
