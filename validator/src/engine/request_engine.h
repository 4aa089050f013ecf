// The request engine: everything before the body (request-target, routing, parameters, headers, cookies,
// security, Content-Type), then the body by its media type. It knows HTTP and the plan, never OpenAPI or any field.
#pragma once

#include "../scratch.h"
#include "reqprobe/contract.h"
#include "reqprobe/request.h"
#include "reqprobe/validator.h"

namespace reqprobe::detail {

template <bool kCollect>
void validate_whole_request(const Contract& contract, const ValidatorOptions& options, Scratch& scratch, Sink& sink,
                            const Request& request);

}  // namespace reqprobe::detail
