// Which constraints of a generated suite a run covered on each side: the HTML report's coverage table. A case covers
// its constraints' side (valid or invalid) when it was sent and answered.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "case_result.h"
#include "html_report.h"

namespace reqprobe::replay {

/// The suite's manifest as the coverage table needs it (generator/generator.h: GeneratedCase, manifest.jsonl).
struct Manifest {
  std::vector<std::string> constraints;  ///< every constraint the suite should cover (contract_constraints())
  struct Entry {
    std::string id;                        ///< the case's id
    std::vector<std::string> constraints;  ///< those it exercises
    bool meant_valid = true;               ///< the side it is on
  };
  std::vector<Entry> cases;
};

/// One row per constraint of the manifest (its `constraints`, then any a case names that the list lacks), in that
/// order; empty when the manifest is.
[[nodiscard]] std::vector<HtmlConstraint> constraint_coverage(const Manifest& manifest,
                                                              std::span<const CaseResult> results);

}  // namespace reqprobe::replay
