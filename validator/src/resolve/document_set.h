// The resolve stage: every document a contract is made of, by URI, and what a `$ref` points at. A reference is a
// URI reference resolved against the base of the place it is written (RFC 3986 5.2); its fragment is a JSON Pointer
// (RFC 6901, percent-decoded) or, in JSON Schema 2020-12, a plain-name anchor. Other files are read through a
// callback, so the library does no I/O; each is parsed once.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../document/reader.h"

namespace reqprobe::resolve {

/// Reads the document at an absolute URI (for files: "file:///abs/path.yaml"); nullopt with `error` set when it
/// cannot. The library gives none: without one, only references inside the first document resolve.
using DocumentFetcher = std::function<std::optional<std::string>(const std::string& uri, std::string& error)>;

/// Where a reference led.
struct Target {
  const doc::Node* node = nullptr;
  const doc::Document* document = nullptr;
  std::string uri;  ///< the absolute URI of the target, fragment included (its identity)
};

/// Why a reference did not resolve.
struct RefError {
  std::string message;
};

class DocumentSet {
 public:
  explicit DocumentSet(DocumentFetcher fetch = {}) : fetch_(std::move(fetch)) {}

  /// Adds the contract's own document, read from `source` at `uri`. False with `error` when it does not parse.
  [[nodiscard]] bool add_root(std::shared_ptr<const doc::Source> source, const std::string& uri,
                              doc::ParseError& error);

  /// Resolves `ref` written in a place whose base URI is `base`.
  [[nodiscard]] std::optional<Target> resolve(std::string_view ref, std::string_view base, RefError& error);

  /// Called once for every document read through the fetcher, before any reference into it resolves, so the
  /// compile stage can register the names its schema resources declare ($id, anchors).
  void on_load(std::function<void(const doc::Document*, const std::string& uri)> hook) { on_load_ = std::move(hook); }

  /// Registers a URI (an $id, an anchor) that names a node, for JSON Schema resources. Later names do not replace
  /// earlier ones.
  void name(std::string uri, const doc::Node* node, const doc::Document* document);

  [[nodiscard]] const doc::Document* root_document() const noexcept;
  [[nodiscard]] const std::string& root_uri() const noexcept { return root_uri_; }

  /// The document holding `node`, or nullptr.
  [[nodiscard]] const doc::Document* document_of(const doc::Node* node) const noexcept;
  /// Its URI.
  [[nodiscard]] const std::string& uri_of(const doc::Document* document) const noexcept;

 private:
  const doc::Document* load(const std::string& uri, RefError& error);

  DocumentFetcher fetch_;
  std::function<void(const doc::Document*, const std::string& uri)> on_load_;
  std::string root_uri_;
  std::map<std::string, std::unique_ptr<doc::Document>> documents_;  ///< by URI without fragment
  std::map<const doc::Document*, std::string> uris_;
  std::map<std::string, std::pair<const doc::Node*, const doc::Document*>> names_;
  std::map<std::string, std::string> failed_;  ///< URIs that could not be read, with why
};

/// RFC 3986 5.2: `reference` resolved against the absolute `base`.
[[nodiscard]] std::string resolve_uri(std::string_view base, std::string_view reference);
/// The URI without its fragment, and the fragment (without '#').
[[nodiscard]] std::pair<std::string, std::string> split_fragment(std::string_view uri);
/// The node at an RFC 6901 pointer (already percent-decoded) under `root`, or nullptr; `failed_at` names the first
/// token that did not resolve.
[[nodiscard]] const doc::Node* evaluate_pointer(const doc::Node* root, std::string_view pointer,
                                                std::string& failed_at);
/// Percent-decodes a URI fragment; false on a malformed escape.
[[nodiscard]] bool percent_decode_fragment(std::string_view in, std::string& out);
/// A file path as a file: URI ("/a/b c.yaml" -> "file:///a/b%20c.yaml"); other URIs unchanged.
[[nodiscard]] std::string file_uri(std::string_view path);
/// The path of a file: URI, or empty for other schemes.
[[nodiscard]] std::string file_path(std::string_view uri);

}  // namespace reqprobe::resolve
