// Shared helpers for the validator tests:
//  - V: a violation as a (code, location, pointer, severity) tuple, and the ViolationsAre matcher that compares a
//    Report with an exact, ordered list of them;
//  - HttpRequest / valid_request(): a valid default request that tests change one thing at a time;
//  - run_request / run_body: validate in both modes, twice, and fail the test when the modes disagree on the verdict
//    or a run is not deterministic (so every input of every suite is also a modes test);
//  - the field table of shared/SPEC.md (every body field with its kind, bounds and enum) and body_with(), which
//    places one value in an otherwise valid body;
//  - the registry of the suites' table builders, which modes_test.cc replays.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reqprobe/validator.h"

namespace reqprobe::test {

// ---- violations as tuples --------------------------------------------------------------------------------------

/// One expected violation: the stable names of DESIGN.md, so tables read like case files.
struct V {
  std::string code;      ///< e.g. "max_length", "enum"
  std::string location;  ///< "request", "path", "query", "header" or "body"
  std::string pointer;   ///< JSON Pointer (body), parameter name, lowercased header name, or "" (request)
  std::string severity = "error";
  friend bool operator==(const V&, const V&) = default;
};

inline void print_escaped(std::string_view text, std::ostream* os) {
  constexpr std::size_t kShown = 160;
  static constexpr char kHex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < text.size() && i < kShown; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') {
      *os << "\\x" << kHex[c >> 4] << kHex[c & 15];
    } else {
      *os << static_cast<char>(c);
    }
  }
  if (text.size() > kShown) *os << "...(" << text.size() << " bytes)";
}

inline void PrintTo(const V& v, std::ostream* os) {
  *os << "{" << v.code << ", " << v.location << ", \"";
  print_escaped(v.pointer, os);
  *os << "\", " << v.severity << "}";
}

inline V to_tuple(const Violation& violation) {
  return {std::string(code_name(violation.code)), std::string(location_name(violation.location)), violation.pointer,
          std::string(severity_name(violation.severity))};
}

inline std::vector<V> tuples(const Report& report) {
  std::vector<V> out;
  out.reserve(report.violations.size());
  for (const Violation& v : report.violations) out.push_back(to_tuple(v));
  return out;
}

/// Matches a Report whose violations are exactly `expected`, in order (messages are not compared).
MATCHER_P(ViolationsAre, expected, "") {
  const std::vector<V> actual = tuples(arg);
  const std::vector<V>& want = expected;
  if (actual == want) return true;
  *result_listener << "\n  actual:   " << ::testing::PrintToString(actual)
                   << "\n  expected: " << ::testing::PrintToString(want);
  return false;
}

/// The verdict and the violations together: a warning-only report must still be valid, and vice versa.
inline bool has_error(const std::vector<V>& expected) {
  for (const V& v : expected)
    if (v.severity == "error") return true;
  return false;
}

// ---- requests ---------------------------------------------------------------------------------------------------

inline constexpr std::string_view kProjectId = "0f7e0b2c";
inline constexpr std::string_view kToken =
    "MIIDkgYJKoZIhvcNAQcCoIIDgzCCA38CAQExDTALBglghkgBZQMEAgEwgXQGCSqGSIb3DQEHAaBn";
inline constexpr std::string_view kValidBody = R"({"is_all":true})";

inline std::string path_for(std::string_view project_id) {
  return "/v5/" + std::string(project_id) + "/image/image-scan/tasks";
}

inline bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

/// A request that owns its bytes. Every with_* returns a changed copy, so tables read as "the valid request, but".
struct HttpRequest {
  std::string method;
  std::string target;
  std::vector<std::pair<std::string, std::string>> headers;
  std::optional<std::string> body;

  [[nodiscard]] HttpRequest with_method(std::string value) const {
    HttpRequest r = *this;
    r.method = std::move(value);
    return r;
  }
  [[nodiscard]] HttpRequest with_target(std::string value) const {
    HttpRequest r = *this;
    r.target = std::move(value);
    return r;
  }
  /// Raw (still percent-encoded) project_id segment; the query is kept.
  [[nodiscard]] HttpRequest with_project_id(std::string_view raw) const {
    const std::size_t question = target.find('?');
    return with_target(path_for(raw) + (question == std::string::npos ? std::string() : target.substr(question)));
  }
  /// Raw query (after '?'); the path is kept.
  [[nodiscard]] HttpRequest with_query(std::string_view raw) const {
    return with_target(target.substr(0, target.find('?')) + "?" + std::string(raw));
  }
  /// Appends a header field (repeats are kept).
  [[nodiscard]] HttpRequest with_header(std::string name, std::string value) const {
    HttpRequest r = *this;
    r.headers.emplace_back(std::move(name), std::move(value));
    return r;
  }
  /// Replaces the value of the first field with this name (case-insensitive), or appends one.
  [[nodiscard]] HttpRequest set_header(std::string name, std::string value) const {
    HttpRequest r = *this;
    for (auto& [n, v] : r.headers) {
      if (iequal(n, name)) {
        v = std::move(value);
        return r;
      }
    }
    r.headers.emplace_back(std::move(name), std::move(value));
    return r;
  }
  /// Removes every field with this name (case-insensitive).
  [[nodiscard]] HttpRequest without_header(std::string_view name) const {
    HttpRequest r = *this;
    std::erase_if(r.headers, [&](const auto& h) { return iequal(h.first, name); });
    return r;
  }
  [[nodiscard]] HttpRequest with_body(std::string value) const {
    HttpRequest r = *this;
    r.body = std::move(value);
    return r;
  }
  [[nodiscard]] HttpRequest without_body() const {
    HttpRequest r = *this;
    r.body.reset();
    return r;
  }
};

/// POST /v5/0f7e0b2c/image/image-scan/tasks, a token, Content-Type: application/json, body {"is_all":true}.
inline HttpRequest valid_request() {
  return {"POST",
          path_for(kProjectId),
          {{"X-Auth-Token", std::string(kToken)}, {"Content-Type", "application/json"}},
          std::string(kValidBody)};
}

/// The reqprobe::Request view of an HttpRequest; both must stay where they are while the view is used.
class RequestView {
 public:
  explicit RequestView(const HttpRequest& http) {
    headers_.reserve(http.headers.size());
    for (const auto& [name, value] : http.headers) headers_.push_back({name, value});
    request_.method = http.method;
    request_.target = http.target;
    request_.headers = headers_;
    if (http.body) request_.body = std::string_view(*http.body);
  }
  RequestView(const RequestView&) = delete;
  RequestView& operator=(const RequestView&) = delete;
  [[nodiscard]] const Request& get() const { return request_; }

 private:
  std::vector<Header> headers_;
  Request request_;
};

// ---- running the validator ---------------------------------------------------------------------------------------

/// The embedded contract, loaded once per set of enabled options. Throws (a test failure) when it does not load.
inline std::shared_ptr<const Contract> contract(const std::vector<std::string>& enable = {}) {
  static std::map<std::vector<std::string>, std::shared_ptr<const Contract>> cache;
  std::shared_ptr<const Contract>& slot = cache[enable];
  if (!slot) {
    LoadResult loaded = load_embedded_contract(LoadOptions{.enable = enable});
    if (!loaded.ok()) {
      std::string why;
      for (const ContractError& e : loaded.errors) why += e.pointer + ": " + e.message + "; ";
      throw std::runtime_error("embedded contract does not load: " + why);
    }
    slot = loaded.contract;
  }
  return slot;
}

inline bool same_limits(const Limits& a, const Limits& b) {
  return a.max_body_bytes == b.max_body_bytes && a.max_depth == b.max_depth &&
         a.max_string_bytes == b.max_string_bytes && a.max_items == b.max_items && a.max_members == b.max_members &&
         a.max_target_bytes == b.max_target_bytes && a.max_query_params == b.max_query_params &&
         a.max_headers == b.max_headers && a.max_header_bytes == b.max_header_bytes &&
         a.max_violations == b.max_violations;
}

/// A validator with default options that lives for the whole test run, so its scratch memory has seen every
/// earlier input: results must not depend on what it validated before.
inline Validator& warm_validator(const std::vector<std::string>& enable) {
  static std::map<std::vector<std::string>, std::unique_ptr<Validator>> cache;
  std::unique_ptr<Validator>& slot = cache[enable];
  if (!slot) slot = std::make_unique<Validator>(contract(enable));
  return *slot;
}

inline bool same_report(const Report& a, const Report& b) {
  return a.violations == b.violations;
}

/// Shared by run_request and run_body: `exhaustive(v)` and `fast(v)` run one input on validator v.
template <class Exhaustive, class Fast>
Report run_both_modes(const ValidatorOptions& options, const std::vector<std::string>& enable, Exhaustive exhaustive,
                      Fast fast) {
  Validator fresh(contract(enable), options);
  Report first = exhaustive(fresh);
  const bool verdict = fast(fresh);
  Report second = exhaustive(fresh);
  EXPECT_EQ(verdict, first.valid()) << "fail-fast is_valid disagrees with validate().valid() on this input";
  EXPECT_TRUE(same_report(first, second)) << "validating the same input twice gave different reports";
  const bool default_options = same_limits(options.limits, Limits{}) && !options.unknown_as_warning;
  if (default_options) {
    Validator& warm = warm_validator(enable);
    EXPECT_TRUE(same_report(first, exhaustive(warm))) << "a reused validator gave a different report";
    EXPECT_EQ(verdict, fast(warm)) << "a reused validator gave a different fail-fast verdict";
  }
  return first;
}

/// Validates a whole request exhaustively and fail-fast (checking they agree and are deterministic).
inline Report run_request(const HttpRequest& http, const ValidatorOptions& options = {},
                          const std::vector<std::string>& enable = {}) {
  const RequestView view(http);
  return run_both_modes(
      options, enable, [&](Validator& v) { return v.validate(view.get()); },
      [&](Validator& v) { return v.is_valid(view.get()); });
}

/// Validates a body alone against the body schema, in both modes (checking they agree and are deterministic).
inline Report run_body(std::string_view body, const ValidatorOptions& options = {},
                       const std::vector<std::string>& enable = {}) {
  return run_both_modes(
      options, enable, [&](Validator& v) { return v.validate_body(body); },
      [&](Validator& v) { return v.is_valid_body(body); });
}

inline ValidatorOptions with_limits(const Limits& limits) {
  ValidatorOptions options;
  options.limits = limits;
  return options;
}

inline ValidatorOptions unknown_as_warning() {
  ValidatorOptions options;
  options.unknown_as_warning = true;
  return options;
}

// ---- table-driven cases and their registry ----------------------------------------------------------------------

struct BodyCase {
  std::string name;
  std::string body;
  std::vector<V> expected;
  ValidatorOptions options{};
  std::vector<std::string> enable{};  ///< LoadOptions::enable of the contract
};

struct RequestCase {
  std::string name;
  HttpRequest request;
  std::vector<V> expected;
  ValidatorOptions options{};
  std::vector<std::string> enable{};
};

using BodyCaseSource = std::vector<BodyCase> (*)();
using RequestCaseSource = std::vector<RequestCase> (*)();

inline std::vector<BodyCaseSource>& body_case_sources() {
  static std::vector<BodyCaseSource> all;
  return all;
}

inline std::vector<RequestCaseSource>& request_case_sources() {
  static std::vector<RequestCaseSource> all;
  return all;
}

/// Registers a function that builds one of a suite's tables, for modes_test.cc to replay; call at namespace scope:
///     const bool kRegistered = register_cases(syntax_cases) && register_cases(encoding_cases);
/// Tables are built only when used, so a test process does not pay for the inputs of other suites.
inline bool register_cases(BodyCaseSource source) {
  body_case_sources().push_back(source);
  return true;
}
inline bool register_cases(RequestCaseSource source) {
  request_case_sources().push_back(source);
  return true;
}

/// Every registered case of every suite.
inline std::vector<BodyCase> registered_body_cases() {
  std::vector<BodyCase> all;
  for (const BodyCaseSource source : body_case_sources())
    for (BodyCase& c : source()) all.push_back(std::move(c));
  return all;
}
inline std::vector<RequestCase> registered_request_cases() {
  std::vector<RequestCase> all;
  for (const RequestCaseSource source : request_case_sources())
    for (RequestCase& c : source()) all.push_back(std::move(c));
  return all;
}

/// Checks a body case alone (validate_body) and, when it is not empty, inside the valid default request, where the
/// body violations must be the same.
inline void check(const BodyCase& c) {
  SCOPED_TRACE("body case: " + c.name);
  EXPECT_THAT(run_body(c.body, c.options, c.enable), ViolationsAre(c.expected));
  if (!c.body.empty()) {
    EXPECT_THAT(run_request(valid_request().with_body(c.body), c.options, c.enable), ViolationsAre(c.expected));
  }
}

inline void check(const RequestCase& c) {
  SCOPED_TRACE("request case: " + c.name);
  EXPECT_THAT(run_request(c.request, c.options, c.enable), ViolationsAre(c.expected));
}

template <class Case>
void check_all(const std::vector<Case>& cases) {
  for (const Case& c : cases) check(c);
}

// ---- text builders ----------------------------------------------------------------------------------------------

inline std::string repeat(std::string_view unit, std::size_t n) {
  std::string out;
  out.reserve(unit.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += unit;
  return out;
}

/// One code point as written inside a JSON string, in the forms D7 must count as exactly one.
struct CodePointUnit {
  std::string_view name;
  std::string_view json;
};

inline constexpr CodePointUnit kCodePointUnits[] = {
    {"ascii", "a"},
    {"two_byte_utf8", "\xC3\xA9"},                // U+00E9
    {"three_byte_utf8", "\xE2\x82\xAC"},          // U+20AC
    {"four_byte_utf8", "\xF0\x9F\x98\x80"},       // U+1F600
    {"escape_u00e9", "\\u00e9"},                  // U+00E9 escaped
    {"surrogate_pair_escape", "\\ud83d\\ude00"},  // U+1F600 escaped as a pair
    {"escaped_nul", "\\u0000"},                   // D7: one code point, never truncates
    {"short_escape", "\\n"},                      // U+000A
};

/// A JSON string literal of `n` code points written as `unit`.
inline std::string json_string_of(std::size_t n, std::string_view unit) {
  return "\"" + repeat(unit, n) + "\"";
}

inline std::string in_quotes(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

// ---- the fields of shared/SPEC.md ---------------------------------------------------------------------------------

enum class Kind { string, integer, boolean, object, array };

/// One body field as SPEC.md states it (written from SPEC.md, not read from the contract, so the contract is
/// checked against the specification).
struct Field {
  std::string pointer;  ///< JSON Pointer in a body with one image_info item: "/image_info/0/registry_type"
  Kind kind;
  std::int64_t min = 0;               ///< string: minLength in code points; integer: minimum
  std::int64_t max = 0;               ///< string: maxLength; integer: maximum
  std::vector<std::string> values{};  ///< enum values (integers in decimal)
};

inline void PrintTo(const Field& f, std::ostream* os) {
  *os << f.pointer;
}

inline constexpr std::int64_t kInt32Min = std::numeric_limits<std::int32_t>::min();
inline constexpr std::int64_t kInt32Max = std::numeric_limits<std::int32_t>::max();
inline constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();

inline const std::vector<Field>& fields() {
  static const std::vector<Field> all = [] {
    std::vector<Field> f = {
        // CreateManualImageScanTaskReqInfo: 5 fields.
        {"/scan_scope",
         Kind::integer,
         kInt32Min,
         kInt32Max,
         {"0", "2147483647", "983040", "61440", "3840", "240", "15"}},
        {"/rate_limit", Kind::integer, 0, 1000},
        {"/is_all", Kind::boolean},
        {"/query_info", Kind::object},
        {"/image_info", Kind::array},
        // query_info: 22 fields.
        {"/query_info/local_image_type", Kind::string, 0, 128, {"swr_image", "other_image"}},
    };
    for (const char* name :
         {"host_id", "host_name", "public_ip", "private_ip", "cluster_id", "container_id", "container_name"})
      f.push_back({std::string("/query_info/") + name, Kind::string, 0, 128});
    f.push_back({"/query_info/pod_id", Kind::string, 0, 64});
    f.push_back({"/query_info/pod_name", Kind::string, 0, 512});
    f.push_back({"/query_info/app_name", Kind::string, 0, 256});
    f.push_back({"/query_info/has_vul", Kind::boolean});
    for (const char* name : {"namespace", "image_name", "image_version"})
      f.push_back({std::string("/query_info/") + name, Kind::string, 0, 256});
    f.push_back({"/query_info/image_type",
                 Kind::string,
                 0,
                 128,
                 {"private_image", "shared_image", "instance_image", "harbor", "jfrog"}});
    f.push_back({"/query_info/scan_status",
                 Kind::string,
                 0,
                 32,
                 {"unscan", "success", "scanning", "failed", "download_failed", "image_oversized"}});
    for (const char* name : {"image_size", "start_latest_update_time", "end_latest_update_time",
                             "start_latest_scan_time", "end_latest_scan_time"})
      f.push_back({std::string("/query_info/") + name, Kind::integer, 0, kInt64Max});
    // image_info items: 11 fields.
    f.push_back({"/image_info/0/id", Kind::integer, 0, kInt64Max});
    for (const char* name : {"image_id", "image_digest", "instance_id"})
      f.push_back({std::string("/image_info/0/") + name, Kind::string, 0, 128});
    f.push_back({"/image_info/0/instance_url", Kind::string, 0, 256});
    for (const char* name : {"registry_id", "image_name", "image_version", "namespace"})
      f.push_back({std::string("/image_info/0/") + name, Kind::string, 1, 256});
    f.push_back({"/image_info/0/registry_name", Kind::string, 1, 128});
    f.push_back({"/image_info/0/registry_type",
                 Kind::string,
                 1,
                 256,
                 {"SwrPrivate", "SwrShared", "SwrEnterprise", "Harbor", "Jfrog", "Other", "Local"}});
    return f;
  }();
  return all;
}

/// The five members every image_info item needs (D8), with valid values, in the order body_with writes them.
inline const std::vector<std::pair<std::string, std::string>>& required_item_members() {
  static const std::vector<std::pair<std::string, std::string>> members = {
      {"image_name", R"("nginx")"},       {"image_version", R"("1.25")"},       {"registry_id", R"("reg-01")"},
      {"registry_name", R"("swr-main")"}, {"registry_type", R"("SwrPrivate")"},
  };
  return members;
}

/// A valid image_info item as JSON, with `member` set to `value_json` (replacing a required one or appended).
inline std::string item_with(std::string_view member = {}, std::string_view value_json = {}) {
  std::string out = "{";
  bool placed = member.empty();
  for (const auto& [name, value] : required_item_members()) {
    if (out.size() > 1) out += ",";
    const bool here = name == member;
    out += in_quotes(name) + ":" + (here ? std::string(value_json) : value);
    placed = placed || here;
  }
  if (!placed) out += "," + in_quotes(member) + ":" + std::string(value_json);
  return out + "}";
}

inline std::string valid_item() {
  return item_with();
}

/// An otherwise valid body with the field at `pointer` set to `value_json`. Root fields sit beside "is_all":true;
/// is_all itself sits beside an empty query_info so that R1 holds whatever its value.
inline std::string body_with(std::string_view pointer, std::string_view value_json) {
  const std::string value(value_json);
  constexpr std::string_view kQuery = "/query_info/";
  constexpr std::string_view kItem = "/image_info/0/";
  if (pointer.substr(0, kQuery.size()) == kQuery)
    return R"({"is_all":true,"query_info":{")" + std::string(pointer.substr(kQuery.size())) + "\":" + value + "}}";
  if (pointer.substr(0, kItem.size()) == kItem)
    return R"({"is_all":true,"image_info":[)" + item_with(pointer.substr(kItem.size()), value) + "]}";
  const std::string name(pointer.substr(1));
  if (name == "is_all") return R"({"query_info":{},"is_all":)" + value + "}";
  return R"({"is_all":true,")" + name + "\":" + value + "}";
}

/// Decimal text of v + 1 and v - 1 without overflow (INT64_MAX + 1 = 9223372036854775808).
inline std::string plus_one(std::int64_t v) {
  return v == kInt64Max ? std::string("9223372036854775808") : std::to_string(v + 1);
}
inline std::string minus_one(std::int64_t v) {
  return v == std::numeric_limits<std::int64_t>::min() ? std::string("-9223372036854775809") : std::to_string(v - 1);
}

/// Values of the wrong JSON type for a kind (null included: D11).
inline std::vector<std::string> wrong_types(Kind kind) {
  switch (kind) {
    case Kind::string:
      return {"5", "-1", "true", "false", "null", "{}", "[]", "1.5", R"(["a"])", R"({"a":"b"})"};
    case Kind::integer:
      return {R"("5")", R"("")", "true", "null", "{}", "[]", "[1]", "1.0", "1e2", "-0.0"};
    case Kind::boolean:
      return {R"("true")", R"("false")", "1", "0", "null", "{}", "[]", "[true]"};
    case Kind::object:
      return {R"("x")", R"("{}")", "1", "true", "null", "[]", "[{}]"};
    case Kind::array:
      return {R"("x")", R"("[]")", "1", "true", "null", "{}"};
  }
  return {};
}

}  // namespace reqprobe::test
