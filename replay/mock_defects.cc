#include "mock_defects.h"

#include <algorithm>

#include "error_response.h"

namespace reqprobe::replay {
namespace {

constexpr std::string_view kIgnoreCodePrefix = "ignore-code-";

ViolationFilter code_at(Code code, Location location, std::string pointer = {}) {
  ViolationFilter filter;
  filter.any_code = false;
  filter.code = code;
  filter.any_location = false;
  filter.location = location;
  filter.pointer = std::move(pointer);
  return filter;
}

std::vector<DefectInfo> build_catalog() {
  std::vector<DefectInfo> catalog = {
      {"accept-unknown-fields", "accept unknown body members (ignores `unknown` in the body)"},
      {"skip-max-length", "never check a string's maximum length in the body (ignores `max_length` in the body)"},
      {"accept-rate-limit-above-max",
       "accept rate_limit above its maximum of 1000 (ignores `maximum` at body /rate_limit)"},
      {"ignore-token", "never check the credentials (ignores every error on the token header)"},
      {"error-500-on-long-strings", "answer 500 instead of 400 when a string is longer than its maximum length"},
      {"error-500-on-null", "answer 500 to any body holding a null value (valid or not)"},
      {"hang-on-deep-nesting",
       "never answer a body nested deeper than 16 levels: wait --hang-ms (default 2000), then close"},
      {"close-without-answer", "close the connection (TCP reset) without answering when the body is not JSON"},
      {"slow-answers", "wait --slow-ms (default 200) before every answer"},
      {"flaky-connections", "fault: reset every 5th request's connection without answering"},
      {"rate-limit-storm", "fault: answer 429 with Retry-After: 1 to every request during the first second"},
      {"wrong-content-type", "OpenAPI documents: send success bodies as text/plain, not their documented type"},
      {"drop-required-member",
       "OpenAPI documents: leave the first required member out of success bodies (or answer null)"},
      {"undocumented-status", "OpenAPI documents: answer valid requests with a 2xx the operation does not document"},
  };
  for (std::size_t i = 0; i < kCodeCount; ++i) {
    const auto code = static_cast<Code>(i);
    catalog.push_back({std::string(kIgnoreCodePrefix) + std::string(code_name(code)),
                       "never report `" + std::string(code_name(code)) + "` violations, anywhere"});
  }
  return catalog;
}

}  // namespace

const std::vector<DefectInfo>& defect_catalog() {
  static const std::vector<DefectInfo> catalog = build_catalog();
  return catalog;
}

bool MockDefects::any() const noexcept {
  return !ignored.empty() || error_500_on_long_strings || error_500_on_null || hang_on_deep_nesting ||
         close_on_syntax_error || slow_answers || flaky_connections || rate_limit_storm || success_wrong_content_type ||
         success_drop_required_member || success_undocumented_status;
}

bool MockDefects::ignores(const Violation& violation, std::span<const std::string> credential_headers) const {
  return std::any_of(ignored.begin(), ignored.end(), [&](const ViolationFilter& filter) {
    if (filter.credential_only) return on_credential_header(violation, credential_headers);
    return (filter.any_code || filter.code == violation.code) &&
           (filter.any_location || filter.location == violation.location) &&
           (filter.pointer.empty() || filter.pointer == violation.pointer);
  });
}

bool parse_defects(std::span<const std::string> names, MockDefects& out, std::string& error) {
  for (const std::string& name : names) {
    if (name == "accept-unknown-fields") {
      out.ignored.push_back(code_at(Code::unknown, Location::body));
    } else if (name == "skip-max-length") {
      out.ignored.push_back(code_at(Code::max_length, Location::body));
    } else if (name == "accept-rate-limit-above-max") {
      // The one defect that names a field: issue 6 asks for exactly this HSS bug.
      out.ignored.push_back(code_at(Code::maximum, Location::body, "/rate_limit"));
    } else if (name == "ignore-token") {
      ViolationFilter filter;
      filter.credential_only = true;
      out.ignored.push_back(filter);
    } else if (name == "error-500-on-long-strings") {
      out.error_500_on_long_strings = true;
    } else if (name == "error-500-on-null") {
      out.error_500_on_null = true;
    } else if (name == "hang-on-deep-nesting") {
      out.hang_on_deep_nesting = true;
    } else if (name == "close-without-answer") {
      out.close_on_syntax_error = true;
    } else if (name == "slow-answers") {
      out.slow_answers = true;
    } else if (name == "flaky-connections") {
      out.flaky_connections = true;
    } else if (name == "rate-limit-storm") {
      out.rate_limit_storm = true;
    } else if (name == "wrong-content-type") {
      out.success_wrong_content_type = true;
    } else if (name == "drop-required-member") {
      out.success_drop_required_member = true;
    } else if (name == "undocumented-status") {
      out.success_undocumented_status = true;
    } else if (name.starts_with(kIgnoreCodePrefix)) {
      Code code;
      if (!code_from_name(std::string_view(name).substr(kIgnoreCodePrefix.size()), code)) {
        error = "unknown defect '" + name + "' (no such violation code)";
        return false;
      }
      ViolationFilter filter;
      filter.any_code = false;
      filter.code = code;
      out.ignored.push_back(filter);
    } else {
      error = "unknown defect '" + name + "'; see `reqprobe mock --help` for the list";
      return false;
    }
  }
  return true;
}

}  // namespace reqprobe::replay
