// Shared state of one load: the documents, the plan being built, the diagnostics, the options.
#pragma once

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
};

/// "/a/b" + "c" with RFC 6901 escaping.
[[nodiscard]] std::string pointer_join(std::string_view base, std::string_view token);

}  // namespace reqprobe::compile
