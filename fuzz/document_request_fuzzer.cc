// document_request_fuzzer: a whole request against any OpenAPI document. The input is the document (JSON or YAML),
// a NUL byte, then the request in split_request's format (fuzz_utils.h). What the HSS targets never reach is reached
// here: routing over many operations, every parameter style, cookies, security schemes, form and multipart bodies,
// formats and patterns. Invariants: the two modes agree and are deterministic, on the document as written and, when
// it loads so, under the strict profile.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz_utils.h"

namespace {

// The validators of the last document seen: libFuzzer mutates the request part far more often than the document,
// and loading costs more than validating.
struct Loaded {
  std::string text;
  std::optional<reqprobe::Validator> plain;
  std::optional<reqprobe::Validator> strict;
};

void load(std::string_view text, Loaded& out) {
  using namespace reqprobe;
  if (out.text == text && !out.text.empty()) return;
  out.text.assign(text);
  out.plain.reset();
  out.strict.reset();
  LoadOptions options;
  options.name = "/fuzz/openapi.yaml";
  const LoadResult loaded = load_contract(text, options);
  if (loaded.ok() == !loaded.errors.empty()) fuzz::fail("a load gives a contract or errors, not both or neither");
  if (!loaded.ok()) return;
  out.plain.emplace(loaded.contract, ValidatorOptions{.limits = fuzz::fuzz_limits(), .unknown_as_warning = false});
  options.strict = true;
  const LoadResult strict = load_contract(text, options);
  if (!strict.ok()) fuzz::fail("a document that loads also loads under the strict profile");
  out.strict.emplace(strict.contract, ValidatorOptions{.limits = fuzz::fuzz_limits(), .unknown_as_warning = false});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace reqprobe;
  static Loaded loaded;
  static fuzz::SplitRequest split;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = input.find('\0');
  if (nul == std::string_view::npos) return 0;  // no request: contract_load_fuzzer covers documents alone
  load(input.substr(0, nul), loaded);
  if (!loaded.plain) return 0;
  fuzz::split_request(input.substr(nul + 1), true, split);
  // No implication between the two verdicts is checked: closing objects can make a oneOf or a not pass.
  (void)fuzz::check_request(*loaded.plain, split.request);
  (void)fuzz::check_request(*loaded.strict, split.request);
  return 0;
}
