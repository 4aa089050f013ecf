// Violations and reports: what validation returns.
//
// Every code has a stable name (the `code` field of case files and JSON output) and a default message, kept in
// one table in src/error_table.cc. The names and meanings are a stable interface (shared/DESIGN.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace reqprobe {

/// Why a request is not what the contract allows. Order is part of no interface; names are.
enum class Code : std::uint8_t {
  syntax,        ///< not well-formed JSON, or bytes after the root value
  encoding,      ///< invalid UTF-8, a lone surrogate escape, bad percent-encoding
  type,          ///< wrong JSON type (including null, and non-integer lexemes for integers)
  required,      ///< a required member, parameter or header is missing
  unknown,       ///< a member or query parameter the contract does not declare
  duplicate,     ///< a repeated object key, query parameter or single-valued header
  min_length,    ///< string shorter than minLength (code points)
  max_length,    ///< string longer than maxLength (code points)
  minimum,       ///< integer below its minimum (or below its format's range)
  maximum,       ///< integer above its maximum (or above its format's range)
  enum_value,    ///< value not in the enum (name: "enum")
  min_items,     ///< array shorter than minItems
  max_items,     ///< array longer than maxItems
  rule,          ///< a cross-field rule of the contract
  limit,         ///< a safety limit (body bytes, depth, string bytes, items, members, ...)
  method,        ///< the path exists but not for this method
  path,          ///< the request-target does not match any operation, or a path value is malformed
  content_type,  ///< missing or unsupported Content-Type for a body
  // JSON Schema's keywords (issue 12): the snake_case name of the keyword that failed.
  pattern,                 ///< string not matching its pattern
  format,                  ///< value not of its asserted format (date-time, uuid, email, ...)
  multiple_of,             ///< number not a multiple of multipleOf
  exclusive_minimum,       ///< number not above its exclusive minimum
  exclusive_maximum,       ///< number not below its exclusive maximum
  const_value,             ///< value not the constant (name: "const")
  unique_items,            ///< array with two equal items
  min_properties,          ///< object with fewer members than its minimum
  max_properties,          ///< object with more members than its maximum
  one_of,                  ///< value matching none, or more than one, of the oneOf schemas
  any_of,                  ///< value matching none of the anyOf schemas
  not_schema,              ///< value matching the `not` schema (name: "not")
  contains,                ///< array with no item matching `contains`
  min_contains,            ///< array with fewer items matching `contains` than minContains
  max_contains,            ///< array with more items matching `contains` than maxContains
  dependent_required,      ///< member present without the members it requires
  property_names,          ///< member name not matching propertyNames
  additional_items,        ///< item beyond the tuple (prefixItems) where no more are allowed
  unevaluated_properties,  ///< member no schema evaluated, where unevaluatedProperties refuses it
  unevaluated_items,       ///< item no schema evaluated, where unevaluatedItems refuses it
  false_schema,            ///< value where the schema is `false` (nothing is allowed)
  read_only,               ///< a readOnly member sent in a request (OpenAPI)
  write_only,              ///< a writeOnly member in a response (OpenAPI)
  discriminator,           ///< a discriminator value that names no schema (OpenAPI)
};
inline constexpr std::size_t kCodeCount = 42;

/// Where in the request a violation is.
enum class Location : std::uint8_t { request, path, query, header, body, cookie };
inline constexpr std::size_t kLocationCount = 6;

enum class Severity : std::uint8_t { error, warning };

/// Stable lowercase name of a code, e.g. "max_length", "enum".
[[nodiscard]] std::string_view code_name(Code code) noexcept;
/// One-line default description of a code.
[[nodiscard]] std::string_view code_description(Code code) noexcept;
/// Parses a code name; returns false when the name is unknown.
[[nodiscard]] bool code_from_name(std::string_view name, Code& out) noexcept;
[[nodiscard]] std::string_view location_name(Location location) noexcept;
[[nodiscard]] bool location_from_name(std::string_view name, Location& out) noexcept;
[[nodiscard]] std::string_view severity_name(Severity severity) noexcept;

/// One finding. `pointer` is an RFC 6901 JSON Pointer for `body`, the parameter name for `path`/`query`, the
/// lowercased header name for `header`, and empty for `request`.
struct Violation {
  Code code = Code::syntax;
  Location location = Location::body;
  Severity severity = Severity::error;
  std::string pointer;
  std::string message;
  /// Every field equal, message included.
  [[nodiscard]] bool operator==(const Violation&) const = default;
};

/// The outcome of validating one request or body.
///
///     reqprobe::Report report = validator.validate(request);
///     if (!report.valid()) for (const auto& v : report.violations) ...
struct [[nodiscard]] Report {
  std::vector<Violation> violations;
  /// True when no violation has severity `error` (warnings keep a request valid).
  [[nodiscard]] bool valid() const noexcept {
    for (const Violation& v : violations)
      if (v.severity == Severity::error) return false;
    return true;
  }
};

}  // namespace reqprobe
