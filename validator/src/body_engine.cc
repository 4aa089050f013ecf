// Instantiates the body engine for both modes.
#include "body_engine.h"

#include "engine/body_scanner.h"
#include "placement.h"

namespace reqprobe::detail {

template <bool kCollect>
REQPROBE_HOT void validate_json_body(const Contract& contract, const ValidatorOptions& options, Scratch& scratch,
                                     Sink& sink, std::uint32_t root, std::string_view body, Location location,
                                     std::string_view prefix) {
  if (scratch.keys_used) {
    scratch.keys.reset();
    scratch.keys_used = false;
  }
  scratch.next_serial = 0;  // serials identify objects within one body only
  scratch.prefix_frames = 0;
  scratch.composition_too_deep = false;
  scratch.memo.clear();  // verdicts are about this body's bytes
  scratch.log.clear();
  scratch.log_names.clear();
  scratch.extra.clear();
  scratch.wide_seen.clear();
  const ScanContext ctx{contract.plan(), contract.runtime(), options, scratch};
  BodyScanner<kCollect> scanner(ctx, sink, body, 0, location, prefix, 0, nullptr);
  scanner.run(root);
}

template void validate_json_body<true>(const Contract&, const ValidatorOptions&, Scratch&, Sink&, std::uint32_t,
                                       std::string_view, Location, std::string_view);
template void validate_json_body<false>(const Contract&, const ValidatorOptions&, Scratch&, Sink&, std::uint32_t,
                                        std::string_view, Location, std::string_view);

}  // namespace reqprobe::detail
