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
};
inline constexpr std::size_t kCodeCount = 18;

/// Where in the request a violation is.
enum class Location : std::uint8_t { request, path, query, header, body };
inline constexpr std::size_t kLocationCount = 5;

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
