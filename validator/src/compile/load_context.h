// Shared state of one load: the documents, the plan being built, the diagnostics, the options.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "../resolve/document_set.h"
#include "diagnostics.h"
#include "reqprobe/contract.h"

namespace reqprobe::compile {

struct LoadContext {
  explicit LoadContext(const LoadOptions& o) : options(o), documents(o.read_document) {}

  const LoadOptions& options;
  resolve::DocumentSet documents;
  Diagnostics diag;
  Plan plan;
  std::vector<bool> option_used;  ///< parallel to options.enable
  /// Patterns by source: each distinct pattern is translated and compiled once (documents repeat the same id or
  /// date pattern on hundreds of parameters). The value is its index in plan.patterns, or the error it gave.
  std::map<std::string, std::pair<std::uint32_t, std::string>, std::less<>> pattern_index;
};

/// "/a/b" + "c" with RFC 6901 escaping.
[[nodiscard]] std::string pointer_join(std::string_view base, std::string_view token);

}  // namespace reqprobe::compile
