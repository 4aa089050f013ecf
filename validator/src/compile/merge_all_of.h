// The compile stage's last step: `allOf` branches that are plain object schemas (only `type: object`, `properties`
// and `required`) move into their parent, so the engine reads such an object once instead of once more per branch
// (the pattern "a base object extended with allOf" of most real documents). The parent must not look at its set of
// declared members (no additionalProperties, patternProperties, unevaluatedProperties, rules), and no member may be
// declared twice; anything else stays a branch. The meaning is unchanged: an object meets every branch's
// `properties` and `required` exactly when it meets their union.
#pragma once

#include "reqprobe/plan.h"

namespace reqprobe::compile {

void merge_plain_all_of(Plan& plan);

}  // namespace reqprobe::compile
