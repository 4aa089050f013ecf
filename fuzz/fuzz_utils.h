// Shared helpers of the fuzz targets (fuzz/README.md):
//  - the embedded contract and one long-lived Validator per target (so scratch reuse across inputs is fuzzed too);
//  - the readable request format that request_fuzzer reads and its seeds are written in (split_request);
//  - the invariants every target checks. A broken invariant prints what broke and calls __builtin_trap(), which
//    libFuzzer reports as a crash and the replay driver as a failed run.
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reqprobe/case_file.h"
#include "reqprobe/json_depth.h"
#include "reqprobe/report_json.h"
#include "reqprobe/validator.h"

namespace reqprobe::fuzz {

/// Strict RapidJSON parsing everywhere in the harness: UTF-8 validated, no recursion on deep input.
inline constexpr unsigned kStrictParse = rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag;

/// A RapidJSON Document whose memory pool starts in a fixed buffer, cleared for each parse. The harness parses
/// inputs and reports several times per execution; a fresh Document allocates (and under ASan poisons) a 64 KiB
/// chunk every time, which was a visible share of body_fuzzer's time. Use one per call site, never two at once.
class ReusedDocument {
 public:
  ReusedDocument() : pool_(buffer_.get(), kBytes), document_(&pool_) {}
  /// The document, emptied: what a previous parse built is dropped (the pool never frees single values).
  rapidjson::Document& fresh() {
    document_.SetNull();
    pool_.Clear();
    return document_;
  }

 private:
  static constexpr std::size_t kBytes = 256 * 1024;  // a 4 KB input's DOM fits; larger ones get pool chunks
  std::unique_ptr<char[]> buffer_ = std::make_unique<char[]>(kBytes);
  rapidjson::MemoryPoolAllocator<> pool_;
  rapidjson::Document document_;
};

[[noreturn]] inline void fail(const char* invariant, std::string_view detail = {}) {
  std::fprintf(stderr, "\nreqprobe fuzz invariant violated: %s\n", invariant);
  std::fwrite(detail.data(), 1, detail.size(), stderr);
  std::fputc('\n', stderr);
  __builtin_trap();
}

inline const std::shared_ptr<const Contract>& embedded_contract() {
  static const std::shared_ptr<const Contract> loaded = [] {
    LoadResult result = load_embedded_contract();
    if (!result.ok()) fail("the embedded contract loads");
    return result.contract;
  }();
  return loaded;
}

/// The limits of the fuzz validators: limits.h's (lower in REQPROBE_FUZZING builds), and exhaustive reports capped at
/// 64 violations. The cap is verdict-safe, and past it a report only repeats code paths at the cost of building
/// pointers and messages: uncapped, inputs with a thousand violations dominate fuzzing time.
inline Limits fuzz_limits() {
  Limits limits;
  limits.max_violations = 64;
  return limits;
}

/// The embedded contract as the service applies it.
inline Validator strict_validator() {
  return Validator(embedded_contract(), {.limits = fuzz_limits(), .unknown_as_warning = false});
}

/// The embedded contract with every option it offers enabled, unknown members as warnings: accepts at least what
/// the strict contract accepts.
inline Validator relaxed_validator() {
  LoadOptions enable_all;
  for (const MaskUnion& m : embedded_contract()->plan().mask_unions) enable_all.enable.push_back(m.option);
  LoadResult loaded = load_embedded_contract(enable_all);
  if (!loaded.ok()) fail("the embedded contract loads with every option it offers");
  return Validator(loaded.contract, {.limits = fuzz_limits(), .unknown_as_warning = true});
}

/// Small limits: every limit path, the violation cap included, within reach of small inputs.
inline Limits tight_limits() {
  Limits tight;
  tight.max_body_bytes = 2048;
  tight.max_depth = 6;
  tight.max_string_bytes = 64;
  tight.max_items = tight.max_members = 8;
  tight.max_target_bytes = 128;
  tight.max_query_params = 2;
  tight.max_headers = 4;
  tight.max_header_bytes = 64;
  tight.max_violations = 4;
  return tight;
}

/// The embedded plan with tighter bounds (every array 1-2 items, strings at most 16 code points) and small limits
/// (tight_limits()), unknown members as warnings:
/// accepts at most what relaxed_validator() accepts.
inline Validator tightened_validator() {
  Plan plan = embedded_contract()->plan();
  for (SchemaNode& n : plan.nodes) {
    if (n.kind == NodeKind::array) {
      n.min_items = std::max(n.min_items, 1u);
      n.max_items = std::min(n.max_items, 2u);
    }
    if (n.kind == NodeKind::string) n.max_length = std::min(n.max_length, 16u);
  }
  return Validator(std::make_shared<const Contract>(std::move(plan)),
                   {.limits = tight_limits(), .unknown_as_warning = true});
}

// ---- the request format ----------------------------------------------------------------------------------------

/// A request read from fuzz bytes, laid out like an HTTP/1.1 message (LF line ends, nothing else special):
///
///     METHOD SP TARGET LF          the method ends at the first space; the rest of the line is the target
///     Name: value LF               zero or more header lines; the value is trimmed of SP/HTAB on both sides
///     LF                           a blank line ends the headers ...
///     BODY                         ... and every remaining byte is the body (present, maybe empty)
///
/// Without the blank line the request has no body at all. A header line without ':' is a name with an empty value.
struct SplitRequest {
  std::vector<Header> headers;
  Request request;
};

inline std::string_view take_line(std::string_view& rest, bool& had_newline) {
  const std::size_t end = rest.find('\n');
  had_newline = end != std::string_view::npos;
  const std::string_view line = rest.substr(0, end);
  rest = had_newline ? rest.substr(end + 1) : std::string_view();
  return line;
}

inline std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// Splits `bytes` (see SplitRequest); `with_body` false drops whatever follows the blank line.
inline void split_request(std::string_view bytes, bool with_body, SplitRequest& out) {
  out.headers.clear();
  bool newline = false;
  const std::string_view first = take_line(bytes, newline);
  const std::size_t space = first.find(' ');
  out.request.method = first.substr(0, space);
  out.request.target = space == std::string_view::npos ? std::string_view() : first.substr(space + 1);
  out.request.body.reset();
  while (newline) {
    const std::string_view line = take_line(bytes, newline);
    if (line.empty() && newline) {
      if (with_body) out.request.body = bytes;
      break;
    }
    if (line.empty()) break;  // the input ended right after the last header line
    const std::size_t colon = line.find(':');
    out.headers.push_back({line.substr(0, colon),
                           colon == std::string_view::npos ? std::string_view() : trim_ows(line.substr(colon + 1))});
  }
  out.request.headers = out.headers;
}

/// The bytes split_request reads back as this request (callers check that it does: not every request has a
/// representation, e.g. a method with a space or a header value with a newline).
inline std::string join_request(const Request& request) {
  std::string out;
  out.append(request.method).append(" ").append(request.target).append("\n");
  for (const Header& h : request.headers) out.append(h.name).append(": ").append(h.value).append("\n");
  if (request.body) out.append("\n").append(*request.body);
  return out;
}

// ---- invariants ------------------------------------------------------------------------------------------------

inline std::string describe(const Report& report) {
  std::string out;
  for (const Violation& v : report.violations) {
    out.append(code_name(v.code)).append(" ").append(location_name(v.location)).append(" '").append(v.pointer);
    out.append("' ").append(severity_name(v.severity)).append(": ").append(v.message).append("\n");
  }
  return out;
}

inline bool has_code(const Report& report, Code code) {
  for (const Violation& v : report.violations)
    if (v.code == code) return true;
  return false;
}

inline bool same_report(const Report& a, const Report& b) {
  return a.violations == b.violations;
}

/// The same (code, location, pointer, severity) multiset, as compare_expectation counts them.
inline bool same_violations(const std::vector<Violation>& a, const std::vector<Violation>& b) {
  const ExpectationDiff diff = compare_expectation({"", a}, Report{b});
  return diff.missing.empty() && diff.unexpected.empty();
}

/// Validates on one reused Validator: exhaustive (its scratch still holds the previous input), fail-fast, then
/// exhaustive again (its scratch now holds this input). The modes agree on the verdict and the two exhaustive
/// reports are identical, which also makes the verdict deterministic (fail-fast agrees with both). Returns the
/// report.
template <class Exhaustive, class FailFast>
Report validate_checked(Exhaustive&& exhaustive, FailFast&& fail_fast) {
  Report report = exhaustive();
  if (fail_fast() != report.valid()) fail("fail-fast and exhaustive modes agree on the verdict", describe(report));
  const Report again = exhaustive();
  if (!same_report(report, again))
    fail("exhaustive mode is deterministic", describe(report) + "--\n" + describe(again));
  return report;
}

inline Report check_request(Validator& validator, const Request& request) {
  return validate_checked([&] { return validator.validate(request); }, [&] { return validator.is_valid(request); });
}

inline Report check_body(Validator& validator, std::string_view body) {
  return validate_checked([&] { return validator.validate_body(body); }, [&] { return validator.is_valid_body(body); });
}

/// The tokens of an RFC 6901 pointer, unescaped; false when it is not one.
inline bool pointer_tokens(std::string_view pointer, std::vector<std::string>& tokens) {
  tokens.clear();
  if (!pointer.empty() && pointer.front() != '/') return false;
  while (!pointer.empty()) {
    pointer.remove_prefix(1);
    const std::size_t slash = pointer.find('/');
    const std::string_view raw = pointer.substr(0, slash);
    pointer = slash == std::string_view::npos ? std::string_view() : pointer.substr(slash);
    std::string& token = tokens.emplace_back();
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] != '~') {
        token.push_back(raw[i]);
      } else if (i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
        token.push_back(raw[++i] == '0' ? '~' : '/');
      } else {
        return false;
      }
    }
  }
  return true;
}

/// True when tokens[i..] lead from `at` to a value; with `absent`, to an object that lacks the last token (what a
/// `required` violation points at). Every member of a repeated key is tried: the pointer names one of them. Past
/// `budget` steps (repeated keys nested deep) the answer is yes: the harness must not be the slow part.
inline bool pointer_resolves(const rapidjson::Value& at, const std::vector<std::string>& tokens, std::size_t i,
                             bool absent, int& budget) {
  if (--budget < 0) return true;
  if (i == tokens.size()) return !absent;
  const std::string& token = tokens[i];
  if (absent && i + 1 == tokens.size()) {
    if (!at.IsObject()) return false;
    for (const auto& m : at.GetObject())
      if (std::string_view(m.name.GetString(), m.name.GetStringLength()) == token) return false;
    return true;
  }
  if (at.IsObject()) {
    for (const auto& m : at.GetObject())
      if (std::string_view(m.name.GetString(), m.name.GetStringLength()) == token &&
          pointer_resolves(m.value, tokens, i + 1, absent, budget))
        return true;
    return false;
  }
  const bool index = !token.empty() && token.size() < 10 && (token == "0" || token[0] != '0') &&
                     token.find_first_not_of("0123456789") == std::string::npos;
  return at.IsArray() && index && std::stoul(token) < at.Size() &&
         pointer_resolves(at[static_cast<rapidjson::SizeType>(std::stoul(token))], tokens, i + 1, absent, budget);
}

/// Every body violation points into `body`: at a value (or, for `required`, at the object missing the member).
/// Judged when reqprobe found no syntax, encoding or limit violation and RapidJSON parses the body.
inline void check_body_pointers(const Report& report, std::string_view body) {
  if (has_code(report, Code::syntax) || has_code(report, Code::encoding) || has_code(report, Code::limit)) return;
  bool any = false;
  for (const Violation& v : report.violations) any = any || v.location == Location::body;
  if (!any) return;
  static ReusedDocument reused;
  rapidjson::Document& document = reused.fresh();
  if (document.Parse<kStrictParse>(body.data(), body.size()).HasParseError()) return;
  std::vector<std::string> tokens;
  for (const Violation& v : report.violations) {
    if (v.location != Location::body) continue;
    int budget = 10000;
    if (!pointer_tokens(v.pointer, tokens) || !pointer_resolves(document, tokens, 0, v.code == Code::required, budget))
      fail("every reported body pointer resolves in the input", describe(report));
  }
}

/// True when some object in `value` has two members with the same name (names compared decoded, as RapidJSON's DOM
/// keeps them: "a" and "\u0061" are one name). Recursion is bounded by the caller (bodies past the depth limit are
/// not walked).
inline bool has_repeated_name(const rapidjson::Value& value) {
  if (value.IsArray()) {
    for (const rapidjson::Value& item : value.GetArray())
      if (has_repeated_name(item)) return true;
    return false;
  }
  if (!value.IsObject()) return false;
  for (auto m = value.MemberBegin(); m != value.MemberEnd(); ++m) {
    const std::string_view name(m->name.GetString(), m->name.GetStringLength());
    for (auto n = m + 1; n != value.MemberEnd(); ++n)
      if (name == std::string_view(n->name.GetString(), n->name.GetStringLength())) return true;
    if (has_repeated_name(m->value)) return true;
  }
  return false;
}

/// Two oracles independent of the body engine, on bodies RapidJSON parses (well-formed, valid UTF-8):
///  - the nesting limit is exact: a body nesting deeper than `limits.max_depth` (json_nesting_depth: a root
///    container is depth 1) gets a `limit` violation;
///  - with `closed` (a contract whose objects are all closed and unknown members are errors), an object with a
///    repeated member name, however it is escaped, gets `duplicate` or `unknown`: the repeated name is either
///    declared (duplicate) or not (unknown).
inline void check_body_structure(const Report& report, std::string_view body, const Limits& limits, bool closed) {
  if (has_code(report, Code::syntax) || has_code(report, Code::encoding)) return;
  static ReusedDocument reused;
  rapidjson::Document& document = reused.fresh();
  if (document.Parse<kStrictParse>(body.data(), body.size()).HasParseError()) return;
  const bool deep = !json_depth_within(body, limits.max_depth);
  if (deep && !has_code(report, Code::limit))
    fail("a body nesting deeper than max_depth gets a limit violation", describe(report));
  if (!closed || deep || has_code(report, Code::limit)) return;
  if (!has_code(report, Code::duplicate) && !has_code(report, Code::unknown) && has_repeated_name(document))
    fail("a repeated member name (escaped or not) is reported as duplicate or unknown", describe(report));
}

/// A body reqprobe accepts is JSON that RapidJSON reads; written back by RapidJSON's Writer it is still accepted.
/// `accepts` validates a body text.
template <class Accepts>
void check_reserialised(std::string_view body, Accepts&& accepts) {
  static ReusedDocument reused;
  rapidjson::Document& document = reused.fresh();
  if (document.Parse<kStrictParse>(body.data(), body.size()).HasParseError())
    fail("a body reqprobe accepts is JSON that RapidJSON parses", body);
  static rapidjson::StringBuffer written;
  written.Clear();
  rapidjson::Writer<rapidjson::StringBuffer> writer(written);
  document.Accept(writer);
  const std::string_view text(written.GetString(), written.GetSize());
  if (!accepts(text)) fail("a valid body, re-serialised, stays valid", text);
}

/// The text validated in place of an absent body (the first operation's x-reqprobe-absent-as, else nothing).
inline std::string_view absent_body(const Plan& plan) {
  return plan.operations.empty() || !plan.operations[0].has_absent_body_as ? std::string_view()
                                                                           : plan.operations[0].absent_body_as;
}

/// Pointers outside the body are what DESIGN.md says: empty at `request`, a declared path parameter at `path`, a
/// lowercased name at `header`; body pointers are empty or start with '/'.
inline void check_request_pointers(const Report& report, const Plan& plan) {
  for (const Violation& v : report.violations) {
    bool ok = true;
    switch (v.location) {
      case Location::request:
        ok = v.pointer.empty();
        break;
      case Location::path:
        ok = false;
        for (const Operation& op : plan.operations)
          for (const Parameter& p : op.parameters) ok = ok || (p.in == Location::path && p.name == v.pointer);
        break;
      case Location::header:
        for (const char c : v.pointer) ok = ok && !(c >= 'A' && c <= 'Z');
        break;
      case Location::body:
        ok = v.pointer.empty() || v.pointer.front() == '/';
        break;
      case Location::query:
      case Location::cookie:
        break;
    }
    if (!ok) fail("pointers outside the body name what the contract declares", describe(report));
  }
}

/// The `--format json` text of a result is well-formed JSON in valid UTF-8, whatever bytes the input carried.
inline void check_results_json(const InputResult& result) {
  static ReusedDocument reused;
  rapidjson::Document& document = reused.fresh();
  const std::string json = results_json({&result, 1});
  if (document.Parse<kStrictParse>(json.data(), json.size()).HasParseError()) fail("results_json is valid JSON", json);
  // violation_json writes what results_json writes for each violation, so finding its text in the document just
  // parsed shows it is valid JSON too, without a parse per violation.
  for (const Violation& v : result.violations) {
    const std::string one = violation_json(v);
    if (json.find(one) == std::string::npos) fail("violation_json is the fragment results_json writes", one);
  }
}

}  // namespace reqprobe::fuzz
