// The request engine: everything before the body, then the body engine.
#pragma once

#include "reqprobe/plan.h"
#include "reqprobe/request.h"
#include "reqprobe/validator.h"
#include "scratch.h"

namespace reqprobe::detail {

template <bool kCollect>
void validate_whole_request(const Plan& plan, const ValidatorOptions& options, Scratch& scratch, Sink& sink,
                            const Request& request);

}  // namespace reqprobe::detail
