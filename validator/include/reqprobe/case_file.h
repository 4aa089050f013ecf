// The case file (shared/DESIGN.md): one request and what it should get, as UTF-8 JSON. Pure: parsing and writing
// work on text in memory; reading and writing files is the caller's business.
//
//     reqprobe::CaseParseResult parsed = reqprobe::parse_case(text);
//     if (!parsed.ok()) return fail(parsed.error.describe());
//     reqprobe::CaseRequest request(*parsed.kase);
//     reqprobe::Report report = validator.validate(request.request());
//     reqprobe::ExpectationDiff diff = reqprobe::compare_expectation(parsed.kase->expect, report);
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reqprobe/request.h"
#include "reqprobe/violation.h"

namespace reqprobe {

/// One request and, optionally, what validating it should give.
struct Case {
  std::string id;           ///< stable name, e.g. "body.rate_limit.above_maximum"
  std::string description;  ///< one line for humans
  std::string method;
  std::string target;                                        ///< raw request-target: path plus query, percent-encoded
  std::vector<std::pair<std::string, std::string>> headers;  ///< (name, value) in the order sent, repeats kept
  std::optional<std::string> body;                           ///< raw bytes; nullopt: no body at all
  bool has_expect = false;                                   ///< false: the file has no `expect`
  /// The expected outcome. Only code, location, pointer and severity of each violation are compared.
  struct Expected {
    std::string verdict;  ///< "valid" or "invalid"
    std::vector<Violation> violations;
  } expect;
};

/// Why a case file was rejected: what is wrong and where (a JSON Pointer into the case file; empty for the
/// whole document).
struct CaseError {
  std::string pointer;
  std::string message;
  /// "pointer: message", or just the message when the pointer is empty.
  [[nodiscard]] std::string describe() const;
};

/// Either a case or the first problem found in the file.
struct [[nodiscard]] CaseParseResult {
  std::optional<Case> kase;  ///< set when the file is a valid case file
  CaseError error;           ///< meaningful when kase is empty
  [[nodiscard]] bool ok() const noexcept { return kase.has_value(); }
};

/// Parses a case file strictly: well-formed UTF-8 JSON, no unknown or repeated members, `body` and
/// `body_base64` mutually exclusive (base64 decoded strictly), headers as [name, value] string pairs, and an
/// `expect` whose verdict agrees with its violations. Never throws.
[[nodiscard]] CaseParseResult parse_case(std::string_view json);

/// Writes a case as deterministic, 2-space indented JSON (keys in DESIGN.md order, one header and one expected
/// violation per line), ending with a newline. The body is written as `body` when it is valid UTF-8 and as
/// `body_base64` otherwise. Other strings that are not valid UTF-8 cannot be carried by the format: their invalid
/// bytes are written as U+FFFD (check case_is_representable() first when that matters).
[[nodiscard]] std::string write_case(const Case& kase);

/// True when write_case() keeps every byte of the case: every string except the body is valid UTF-8.
[[nodiscard]] bool case_is_representable(const Case& kase) noexcept;

/// A reqprobe::Request that views a Case, with the Header array it needs. The Case must outlive this object and
/// stay unchanged while it is used.
class CaseRequest {
 public:
  explicit CaseRequest(const Case& kase);
  /// The request, pointing into the case's strings.
  [[nodiscard]] Request request() const noexcept;

 private:
  const Case* kase_;
  std::vector<Header> headers_;
};

/// How a report differs from a case's expectation. Violations are compared as a multiset of (code, location,
/// pointer, severity); messages are not compared.
struct ExpectationDiff {
  std::string expected_verdict;
  std::string actual_verdict;
  std::vector<Violation> missing;     ///< expected but not reported
  std::vector<Violation> unexpected;  ///< reported but not expected
  /// True when the verdicts agree and no violation is missing or unexpected.
  [[nodiscard]] bool met() const noexcept {
    return expected_verdict == actual_verdict && missing.empty() && unexpected.empty();
  }
};

/// Compares an expectation with what validation reported.
[[nodiscard]] ExpectationDiff compare_expectation(const Case::Expected& expected, const Report& actual);

/// "valid" or "invalid".
[[nodiscard]] std::string_view verdict_name(bool valid) noexcept;

/// Standard base64 (RFC 4648 section 4, with '=' padding).
[[nodiscard]] std::string base64_encode(std::string_view bytes);

/// Decodes standard base64 strictly: length a multiple of 4, only the RFC 4648 alphabet, '=' only as final
/// padding, no whitespace, and unused bits of the last group zero (so every byte string has one encoding).
/// Returns nullopt when the text is not such base64.
[[nodiscard]] std::optional<std::string> base64_decode(std::string_view text);

/// True when the bytes are valid UTF-8 (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
[[nodiscard]] bool is_valid_utf8(std::string_view bytes) noexcept;

/// The bytes with every invalid UTF-8 sequence replaced by U+FFFD, so they can be written into JSON text.
[[nodiscard]] std::string utf8_or_replacement(std::string_view bytes);

}  // namespace reqprobe
