// B4: simdjson's DOM parse, the fastest well-formedness check available (no schema).
#include <simdjson.h>

#include "baselines.h"

namespace reqprobe_bench {

struct SimdjsonDomBaseline::State {
  simdjson::dom::parser parser;  // reused: its buffers are sized on the first parse (the warm-up)
};

SimdjsonDomBaseline::SimdjsonDomBaseline() : state_(std::make_unique<State>()) {}
SimdjsonDomBaseline::~SimdjsonDomBaseline() = default;

bool SimdjsonDomBaseline::accepts(const Input& input) {
  // The body is followed by kPadding zero bytes, so simdjson reads it in place (realloc_if_needed = false).
  static_assert(kPadding >= simdjson::SIMDJSON_PADDING);
  return state_->parser.parse(input.storage.data(), input.body.size(), false).error() == simdjson::SUCCESS;
}

std::string SimdjsonDomBaseline::implementation() {
  return std::string(simdjson::get_active_implementation()->name());
}

}  // namespace reqprobe_bench
