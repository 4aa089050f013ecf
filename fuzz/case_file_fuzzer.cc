// case_file_fuzzer: parse_case on arbitrary bytes, then the case's request through the validator. Invariants: a
// representable case survives write_case -> parse_case unchanged and write_case is then a fixed point; the modes
// agree on its request; codes and locations read back from their names; a report meets the expectation made from
// itself; the JSON results are valid JSON.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_utils.h"
#include "reqprobe/case_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace reqprobe;
  static Validator validator = fuzz::strict_validator();
  const CaseParseResult parsed = parse_case(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!parsed.ok()) {
    if (parsed.error.describe().empty()) fuzz::fail("a rejected case file says why");
    return 0;
  }
  const Case& kase = *parsed.kase;
  if (case_is_representable(kase)) {
    const std::string written = write_case(kase);
    const CaseParseResult again = parse_case(written);
    if (!again.ok()) fuzz::fail("a written case parses", again.error.describe() + "\n" + written);
    const Case& k = *again.kase;
    if (k.id != kase.id || k.description != kase.description || k.method != kase.method || k.target != kase.target ||
        k.headers != kase.headers || k.body != kase.body || k.has_expect != kase.has_expect ||
        k.expect.verdict != kase.expect.verdict || !fuzz::same_violations(kase.expect.violations, k.expect.violations))
      fuzz::fail("write_case -> parse_case keeps the case", written);
    if (write_case(k) != written) fuzz::fail("write_case is a fixed point", written);
  }
  const CaseRequest request(kase);
  const Report report = fuzz::check_request(validator, request.request());
  for (const Violation& v : report.violations) {  // what case files and JSON output carry reads back
    Code code{};
    Location location{};
    if (!code_from_name(code_name(v.code), code) || code != v.code || code_description(code).empty() ||
        !location_from_name(location_name(v.location), location) || location != v.location)
      fuzz::fail("every reported code and location has a stable name that reads back", fuzz::describe(report));
  }
  const Case::Expected itself{std::string(verdict_name(report.valid())), report.violations};
  const InputResult result{"fuzz", report.valid(), report.violations, compare_expectation(itself, report)};
  if (!result.expectation->met()) fuzz::fail("a report meets the expectation made from itself");
  fuzz::check_results_json(result);
  return 0;
}
