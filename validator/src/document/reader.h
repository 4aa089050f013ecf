// The parse stage's entry: a source's text, JSON or YAML, into a Document.
#pragma once

#include <memory>

#include "node.h"

namespace reqprobe::doc {

enum class Format { automatic, json, yaml };

struct ReadResult {
  std::unique_ptr<Document> document;  ///< null on error
  ParseError error;
  bool json = false;  ///< which reader read it
  [[nodiscard]] bool ok() const noexcept { return document != nullptr; }
};

/// Reads `source`. Automatic: a name ending in .json is JSON, .yaml or .yml is YAML; otherwise text whose first
/// character (after a byte order mark and whitespace) is '{' or '[' is JSON, anything else YAML.
[[nodiscard]] ReadResult read_document(std::shared_ptr<const Source> source, Format format = Format::automatic);

}  // namespace reqprobe::doc
