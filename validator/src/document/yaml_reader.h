// The YAML half of the parse stage: YAML 1.2 text into the same document tree as JSON, through libfyaml's event
// API (a streaming state machine: nesting costs heap, never stack), with every value's offset.
#pragma once

#include "node.h"

namespace reqprobe::doc {

/// Reads doc.source().text() into `doc`. Plain scalars are typed by the YAML 1.2 core schema (null, true/false,
/// integers in decimal, 0o and 0x, floats, .inf and .nan); quoted and block scalars are strings; the tags !!str,
/// !!int, !!float, !!bool, !!null, !!map and !!seq are honoured. An alias is the anchored node itself (no copy:
/// an alias bomb costs what its text costs). Merge keys (`<<`), a YAML 1.1 feature common in OpenAPI documents,
/// are applied. Errors: YAML syntax, repeated keys, keys that are not scalars, a recursive alias, an unknown
/// alias, another tag, several documents in one stream, nesting deeper than kMaxNesting.
[[nodiscard]] bool read_yaml(Document& doc, ParseError& error);

}  // namespace reqprobe::doc
