// The JSON half of the parse stage: strict RFC 8259 text into the document tree, iteratively (nesting costs heap,
// never stack), with every value's offset.
#pragma once

#include "node.h"

namespace reqprobe::doc {

/// Reads doc.source().text() into `doc`. A leading UTF-8 byte order mark is skipped (RFC 8259 lets a parser ignore
/// it). Errors, each with the offset where it was found: malformed JSON, invalid UTF-8 or a lone surrogate escape,
/// a key repeated in one object, nesting deeper than kMaxNesting, and text after the root value.
[[nodiscard]] bool read_json(Document& doc, ParseError& error);

}  // namespace reqprobe::doc
