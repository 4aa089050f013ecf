// suite_fuzzer: the case generator as an oracle over any OpenAPI document (JSON or YAML). The generator builds each
// case to land on one side of one constraint by its own reading of the plan (an array one item past maxItems joined
// with its parameter's delimiter, a date on April 31st, a pattern's match with a character appended, a string one
// code point past maxLength, ...), then asks the validator for the verdict on the exact bytes.
// Invariants: a load gives a contract or errors; no case built to break a constraint is accepted outright by the
// validator, nor any candidate for a parameter's own count, length or bound one past it (Suite::unconfirmed); no
// case gets different verdicts from the two modes.
// Why not "Suite::defects is empty", as the unit tests require of real documents: on fuzzed documents the generator
// cannot always build a valid base around a strange schema (a member whose schema was mangled into "anything" beside
// a dependentRequired, a pattern no string matches), so a meant-valid case can pick up an unrelated violation. That
// is a gap in what the generator can build, not a wrong verdict. A meant-invalid case that the validator finds
// valid, with no violation at all, is a disagreement about the constraint itself: one of the two is wrong.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_utils.h"
#include "generator.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace reqprobe;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  LoadOptions options;
  options.name = "/fuzz/openapi.yaml";
  const LoadResult loaded = load_contract(text, options);
  if (loaded.ok() == !loaded.errors.empty()) fuzz::fail("a load gives a contract or errors, not both or neither");
  if (!loaded.ok()) return 0;
  const gen::Suite suite = gen::generate_suite(loaded.contract, {.seed = 1, .limits = Limits{}});
  for (const gen::GeneratedCase& c : suite.cases)
    if (!c.meant_valid && c.has_target && c.kase.expect.verdict == "valid")
      fuzz::fail("the validator rejects every case built to break a constraint",
                 c.kase.id + ": " + c.kase.description + ", target " + std::string(code_name(c.target.code)) + "@" +
                     std::string(location_name(c.target.location)) + ":" + c.target.pointer);
  // Candidates are the generator's guesses and may miss for good reasons, except these: a parameter value one past
  // its own count, length or bound, written in the parameter's style, is invalid whatever else the schema says
  // (the parameter's root keywords hold together with any composition under them).
  for (const gen::GeneratedCase& c : suite.unconfirmed) {
    const Code code = c.target.code;
    const bool sure = code == Code::max_items || code == Code::min_items || code == Code::max_length ||
                      code == Code::min_length || code == Code::maximum || code == Code::minimum;
    if (sure && c.target.location != Location::body && c.target.pointer.find('/') == std::string::npos)
      fuzz::fail("the validator rejects a parameter value one past its own count, length or bound",
                 c.kase.id + ": " + c.kase.description + ", target " + std::string(code_name(code)) + "@" +
                     std::string(location_name(c.target.location)) + ":" + c.target.pointer);
  }
  for (const std::string& d : suite.defects)
    if (d.find("modes disagree") != std::string::npos) fuzz::fail("the two modes agree on every generated case", d);
  return 0;
}
