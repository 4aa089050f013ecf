// suite_fuzzer: the case generator as an oracle over any OpenAPI document (JSON or YAML). The generator builds each
// case to land on one side of one constraint by its own reading of the plan (a string one code point past
// maxLength, an array with one item more than maxItems joined with the parameter's delimiter, a date on April 31st,
// a pattern's match with a character appended, ...), then asks the validator for the verdict on the exact bytes.
// Where the two disagree, Suite::defects names the case: a defect of the generator or of the validator, and either
// is a finding. This is the only target whose oracle knows what a parameter style, a format or a pattern should
// decide independently of the validator (fuzz/README.md, "Mutation testing").
// Invariants: a load gives a contract or errors; the suite of a document that loads has no defects.
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
  if (!suite.defects.empty()) {
    std::string detail;
    for (const std::string& d : suite.defects) detail.append(d).append("\n");
    fuzz::fail("every generated case gets the verdict it was built for (Suite::defects is empty)", detail);
  }
  return 0;
}
