// A program outside reqprobe's tree that uses the installed library, as a service would: the embedded HSS contract
// loaded once, then one valid and one invalid request validated. Built by tests/packaging through
// find_package(reqprobe) and through pkg-config; exits 0 when both verdicts (and the invalid one's violation) are
// the ones the contract gives.
#include <cstdio>
#include <optional>
#include <string_view>

#include "reqprobe/validator.h"

namespace {

constexpr std::string_view kTarget = "/v5/0f7e0b2c/image/image-scan/tasks?enterprise_project_id=all_granted_eps";

reqprobe::Report validate_body(reqprobe::Validator& validator, std::string_view body) {
  const reqprobe::Header headers[] = {{"X-Auth-Token", "token-value"}, {"Content-Type", "application/json"}};
  const reqprobe::Request request{"POST", kTarget, headers, std::optional<std::string_view>(body)};
  return validator.validate(request);
}

}  // namespace

int main() {
  reqprobe::LoadResult loaded = reqprobe::load_embedded_contract();
  if (!loaded.ok()) {
    std::fprintf(stderr, "consumer: the embedded contract did not load\n");
    return 1;
  }
  reqprobe::Validator validator(loaded.contract);

  const reqprobe::Report valid = validate_body(validator, R"({"is_all":true,"rate_limit":1000})");
  if (!valid.valid()) {
    for (const reqprobe::Violation& v : valid.violations)
      std::fprintf(stderr, "consumer: unexpected %.*s at %s: %s\n",
                   static_cast<int>(reqprobe::code_name(v.code).size()), reqprobe::code_name(v.code).data(),
                   v.pointer.c_str(), v.message.c_str());
    return 1;
  }

  const reqprobe::Report invalid = validate_body(validator, R"({"is_all":true,"rate_limit":1001})");
  if (invalid.valid() || invalid.violations.size() != 1 || invalid.violations[0].code != reqprobe::Code::maximum ||
      invalid.violations[0].pointer != "/rate_limit") {
    std::fprintf(stderr, "consumer: rate_limit 1001 should give one maximum violation at /rate_limit\n");
    return 1;
  }
  std::printf("consumer: valid request valid, rate_limit 1001 invalid (maximum at /rate_limit), contract %.*s\n",
              static_cast<int>(reqprobe::embedded_contract_name().size()), reqprobe::embedded_contract_name().data());
  return 0;
}
