// Smaller versions of a reproducer, for `reqprobe fuzz`'s minimisation: one header field, one query pair, the body,
// one member or item of a JSON body dropped, a long string value halved, a body that is not JSON cut. Each is only
// a candidate: the campaign re-validates and re-sends it and keeps it only if it lands in the same bucket.
#pragma once

#include <vector>

#include "reqprobe/case_file.h"

namespace reqprobe::replay {

/// Candidates strictly smaller than `kase` (case_size), smallest first, at most 64.
[[nodiscard]] std::vector<Case> shrink_candidates(const Case& kase);

}  // namespace reqprobe::replay
