// body_fuzzer: Validator::validate_body / is_valid_body on raw bytes (structure-aware mutation: body_mutator.cc).
// Invariants: the modes agree and are deterministic; body pointers resolve in the input; the depth limit is exact and
// a repeated member name is never accepted (checked on RapidJSON's DOM); a valid body re-serialised stays valid;
// relaxed options (mask unions, unknown members as warnings) only accept more, and tighter bounds and limits only
// accept less.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_utils.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace reqprobe;
  static Validator strict = fuzz::strict_validator();
  static Validator relaxed = fuzz::relaxed_validator();
  static Validator tightened = fuzz::tightened_validator();
  const std::string_view body(reinterpret_cast<const char*>(data), size);

  const Report report = fuzz::check_body(strict, body);
  fuzz::check_body_pointers(report, body);
  fuzz::check_body_structure(report, body, fuzz::fuzz_limits(), true);
  const bool relaxed_ok = relaxed.is_valid_body(body);  // on every input: mask unions are judged only here
  if (report.valid() && !relaxed_ok)
    fuzz::fail("relaxing never rejects what the contract accepts", fuzz::describe(relaxed.validate_body(body)));
  const Report tight = tightened.validate_body(body);
  if (tight.valid() != tightened.is_valid_body(body)) fuzz::fail("the modes agree (tightened)", fuzz::describe(tight));
  fuzz::check_body_structure(tight, body, fuzz::tight_limits(), false);
  if (tight.valid() && !relaxed_ok)
    fuzz::fail("tightening never accepts what the relaxed contract rejects", fuzz::describe(tight));
  if (report.valid()) fuzz::check_reserialised(body, [&](std::string_view text) { return strict.is_valid_body(text); });
  return 0;
}
