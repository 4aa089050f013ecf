// The one table of violation codes, locations and severities: stable names and default descriptions.
#include <array>

#include "reqprobe/plan.h"
#include "reqprobe/violation.h"

namespace reqprobe {
namespace {

struct CodeEntry {
  Code code;
  std::string_view name;
  std::string_view description;
};

constexpr std::array<CodeEntry, kCodeCount> kCodes{{
    {Code::syntax, "syntax", "not well-formed JSON, or bytes after the root value"},
    {Code::encoding, "encoding", "invalid UTF-8, lone surrogate escape, or bad percent-encoding"},
    {Code::type, "type", "value of the wrong JSON type"},
    {Code::required, "required", "required member, parameter or header is missing"},
    {Code::unknown, "unknown", "member or parameter the contract does not declare"},
    {Code::duplicate, "duplicate", "repeated key, parameter or header"},
    {Code::min_length, "min_length", "string shorter than its minimum length"},
    {Code::max_length, "max_length", "string longer than its maximum length"},
    {Code::minimum, "minimum", "integer below its minimum"},
    {Code::maximum, "maximum", "integer above its maximum"},
    {Code::enum_value, "enum", "value not among the allowed values"},
    {Code::min_items, "min_items", "array with fewer items than its minimum"},
    {Code::max_items, "max_items", "array with more items than its maximum"},
    {Code::rule, "rule", "cross-field rule of the contract not met"},
    {Code::limit, "limit", "safety limit exceeded"},
    {Code::method, "method", "method not allowed for this path"},
    {Code::path, "path", "request-target matches no operation, or a path value is malformed"},
    {Code::content_type, "content_type", "missing or unsupported Content-Type"},
    {Code::pattern, "pattern", "string not matching its pattern"},
    {Code::format, "format", "value not of its format"},
    {Code::multiple_of, "multiple_of", "number not a multiple of multipleOf"},
    {Code::exclusive_minimum, "exclusive_minimum", "number not above its exclusive minimum"},
    {Code::exclusive_maximum, "exclusive_maximum", "number not below its exclusive maximum"},
    {Code::const_value, "const", "value not the constant"},
    {Code::unique_items, "unique_items", "array with two equal items"},
    {Code::min_properties, "min_properties", "object with fewer members than its minimum"},
    {Code::max_properties, "max_properties", "object with more members than its maximum"},
    {Code::one_of, "one_of", "value matching none, or several, of the oneOf schemas"},
    {Code::any_of, "any_of", "value matching none of the anyOf schemas"},
    {Code::not_schema, "not", "value matching the schema it must not match"},
    {Code::contains, "contains", "array with no item matching contains"},
    {Code::min_contains, "min_contains", "array with fewer matching items than minContains"},
    {Code::max_contains, "max_contains", "array with more matching items than maxContains"},
    {Code::dependent_required, "dependent_required", "member present without the members it requires"},
    {Code::property_names, "property_names", "member name not matching propertyNames"},
    {Code::additional_items, "additional_items", "item beyond the allowed tuple"},
    {Code::unevaluated_properties, "unevaluated_properties", "member no schema evaluated"},
    {Code::unevaluated_items, "unevaluated_items", "item no schema evaluated"},
    {Code::false_schema, "false_schema", "value where no value is allowed"},
    {Code::read_only, "read_only", "read-only member sent in a request"},
    {Code::write_only, "write_only", "write-only member in a response"},
    {Code::discriminator, "discriminator", "discriminator value naming no schema"},
}};

constexpr bool codes_in_order() {
  for (std::size_t i = 0; i < kCodes.size(); ++i)
    if (static_cast<std::size_t>(kCodes[i].code) != i) return false;
  return true;
}
static_assert(codes_in_order(), "kCodes must list every Code in declaration order");

constexpr std::array<std::string_view, kLocationCount> kLocations{"request", "path", "query",
                                                                  "header",  "body", "cookie"};

}  // namespace

std::string_view code_name(Code code) noexcept {
  const auto i = static_cast<std::size_t>(code);
  return i < kCodes.size() ? kCodes[i].name : std::string_view("invalid_code");
}

std::string_view code_description(Code code) noexcept {
  const auto i = static_cast<std::size_t>(code);
  return i < kCodes.size() ? kCodes[i].description : std::string_view();
}

bool code_from_name(std::string_view name, Code& out) noexcept {
  for (const CodeEntry& entry : kCodes) {
    if (entry.name == name) {
      out = entry.code;
      return true;
    }
  }
  return false;
}

std::string_view location_name(Location location) noexcept {
  const auto i = static_cast<std::size_t>(location);
  return i < kLocations.size() ? kLocations[i] : std::string_view("invalid_location");
}

bool location_from_name(std::string_view name, Location& out) noexcept {
  for (std::size_t i = 0; i < kLocations.size(); ++i) {
    if (kLocations[i] == name) {
      out = static_cast<Location>(i);
      return true;
    }
  }
  return false;
}

std::string_view parameter_style_name(ParameterStyle style) noexcept {
  switch (style) {
    case ParameterStyle::simple:
      break;
    case ParameterStyle::label:
      return "label";
    case ParameterStyle::matrix:
      return "matrix";
    case ParameterStyle::form:
      return "form";
    case ParameterStyle::space_delimited:
      return "spaceDelimited";
    case ParameterStyle::pipe_delimited:
      return "pipeDelimited";
    case ParameterStyle::deep_object:
      return "deepObject";
  }
  return "simple";
}

std::string_view node_kind_name(NodeKind kind) noexcept {
  switch (kind) {
    case NodeKind::object:
      return "object";
    case NodeKind::array:
      return "array";
    case NodeKind::string:
      return "string";
    case NodeKind::integer:
      return "integer";
    case NodeKind::boolean:
      return "boolean";
    case NodeKind::number:
      return "number";
    case NodeKind::null:
      return "null";
    case NodeKind::any:
      break;
  }
  return "any";
}

std::string_view severity_name(Severity severity) noexcept {
  return severity == Severity::warning ? "warning" : "error";
}

}  // namespace reqprobe
