#include "reqprobe/contract.h"

#include "engine/runtime.h"

namespace reqprobe {

Contract::Contract(Plan plan) : plan_(std::move(plan)) {
  derive_property_keys(plan_);
  derive_inline_objects(plan_);
  runtime_ = std::make_unique<const detail::Runtime>(plan_);
}

Contract::~Contract() = default;

}  // namespace reqprobe
