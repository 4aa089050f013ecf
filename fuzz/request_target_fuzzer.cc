// request_target_fuzzer: the request-target, path, query and header checks (split_request without a body, so the
// body is the contract's absent-body value). Invariants: the modes agree and are deterministic (also under small
// limits); every pointer names what the contract declares; header names are case-insensitive (upper-casing them all
// changes no violation).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_utils.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace reqprobe;
  static Validator validator = fuzz::strict_validator();
  static Validator tightened = fuzz::tightened_validator();  // small limits: every request-side limit within reach
  static fuzz::SplitRequest split;
  fuzz::split_request(std::string_view(reinterpret_cast<const char*>(data), size), false, split);

  const Report report = fuzz::check_request(validator, split.request);
  (void)fuzz::check_request(tightened, split.request);
  fuzz::check_request_pointers(report, validator.contract().plan());
  fuzz::check_body_pointers(report, fuzz::absent_body(validator.contract().plan()));

  std::vector<std::string> upper_names;
  bool changed = false;  // no lower-case letter in any name: the same request again, nothing to learn
  for (const Header& h : split.headers) {
    upper_names.emplace_back(h.name);
    for (char& c : upper_names.back()) {
      if (c >= 'a' && c <= 'z') {
        c = static_cast<char>(c - 'a' + 'A');
        changed = true;
      }
    }
  }
  if (!changed) return 0;
  std::vector<Header> upper = split.headers;
  for (std::size_t i = 0; i < upper.size(); ++i) upper[i].name = upper_names[i];
  Request shouted = split.request;
  shouted.headers = upper;
  if (!fuzz::same_report(report, validator.validate(shouted)))
    fuzz::fail("header names are case-insensitive", fuzz::describe(report));
  return 0;
}
