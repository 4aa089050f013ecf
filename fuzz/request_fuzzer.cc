// request_fuzzer: Validator::validate / is_valid on a whole request (method, target, headers, body: the format of
// fuzz_utils.h split_request). Invariants: the modes agree and are deterministic; every pointer names what the
// contract declares or resolves in the body; a valid request with its body re-serialised stays valid.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_utils.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace reqprobe;
  static Validator validator = fuzz::strict_validator();
  static fuzz::SplitRequest split;
  fuzz::split_request(std::string_view(reinterpret_cast<const char*>(data), size), true, split);
  const Request& request = split.request;

  const Report report = fuzz::check_request(validator, request);
  fuzz::check_request_pointers(report, validator.contract().plan());
  const bool has_body = request.body && !request.body->empty();
  fuzz::check_body_pointers(report, has_body ? *request.body : fuzz::absent_body(validator.contract().plan()));
  if (report.valid() && has_body) {
    fuzz::check_reserialised(*request.body, [&](std::string_view text) {
      Request rewritten = request;
      rewritten.body = text;
      return validator.is_valid(rewritten);
    });
  }
  return 0;
}
