// The start-up check: before anything is timed, every subject must give every input its expected answer, so the
// baselines are timed doing the same work as reqprobe (a schema that silently accepted everything would be fast).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "inputs.h"
#include "reqprobe/contract.h"
#include "schema_suites.h"

namespace reqprobe_bench {

/// Runs reqprobe (all four modes), B2 and B3 on every input and compares with its expected verdict; B1 and B4 must
/// parse every valid input. Prints one line per input to stderr and returns the disagreements (empty: all agree).
/// Inputs with a schema of their own are checked in the body modes only.
[[nodiscard]] std::vector<std::string> check_verdicts(const Inputs& inputs, const SchemaSuites& suites);

}  // namespace reqprobe_bench
