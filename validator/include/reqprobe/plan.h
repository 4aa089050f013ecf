// The compiled plan: a contract flattened into tables that the engine runs and that tools (the case generator,
// fuzz dictionaries, exporters) walk. Read-only for users; built by load_contract().
//
// Nodes refer to each other by index, never by pointer, so the plan is one block of vectors that is cheap to
// walk and safe to share between threads.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "reqprobe/violation.h"

namespace reqprobe {

inline constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
inline constexpr std::uint32_t kUnbounded = std::numeric_limits<std::uint32_t>::max();
/// Objects track members in a 64-bit set; the loader rejects wider objects.
inline constexpr std::uint32_t kMaxProperties = 64;
/// Rule terms read values captured per object; the loader rejects objects whose rules read more properties.
inline constexpr std::uint32_t kMaxCaptures = 8;

/// The closed set of value kinds. `any` accepts every well-formed JSON value (used for unknown members).
enum class NodeKind : std::uint8_t { any, object, array, string, integer, boolean };

/// "object", "array", "string", "integer", "boolean" (the JSON Schema type names), or "any".
[[nodiscard]] std::string_view node_kind_name(NodeKind kind) noexcept;

enum class IntegerFormat : std::uint8_t { none, int32, int64 };

/// One schema, flattened. Only the fields of its kind are meaningful.
struct SchemaNode {
  NodeKind kind = NodeKind::any;
  // string
  std::uint32_t min_length = 0;
  std::uint32_t max_length = kUnbounded;
  // integer: bounds are always set (from minimum/maximum, else from the format, else int64)
  IntegerFormat format = IntegerFormat::none;
  bool explicit_minimum = false;
  bool explicit_maximum = false;
  std::int64_t minimum = std::numeric_limits<std::int64_t>::min();
  std::int64_t maximum = std::numeric_limits<std::int64_t>::max();
  std::uint32_t mask_union = kNone;  ///< index into Plan::mask_unions when its option is enabled
  // string and integer enum: [enum_begin, enum_begin + enum_count) in Plan::enum_strings / enum_integers
  std::uint32_t enum_begin = 0;
  std::uint32_t enum_count = 0;
  // array
  std::uint32_t items = kNone;
  std::uint32_t min_items = 0;
  std::uint32_t max_items = kUnbounded;
  // object
  std::uint32_t properties_begin = 0;  ///< into Plan::properties
  std::uint32_t properties_count = 0;
  std::uint64_t required_mask = 0;  ///< bit i: property properties_begin + i is required
  std::uint32_t lookup_begin = 0;   ///< open-addressing key table in Plan::lookup
  std::uint32_t lookup_mask = 0;    ///< table size - 1 (a power of two)
  std::uint32_t rules_begin = 0;    ///< into Plan::rules
  std::uint32_t rules_count = 0;
  // reporting side data
  std::uint32_t source = kNone;  ///< index into Plan::sources: where in the contract this schema is
};

/// A member an object declares.
struct Property {
  std::string name;
  std::uint32_t node = kNone;
  std::uint8_t slot = 0;        ///< bit index in the object's member set
  std::uint8_t capture = 0xff;  ///< capture slot read by rules, 0xff when no rule reads it
  bool literal = false;         ///< the name is written in JSON as its own bytes (no '"', '\\' or control byte)
  // Derived from name by derive_property_keys() (Contract's constructor calls it), for the engine's compact-member
  // path: a literal name of 1 to 16 bytes is compared as two 8-byte words instead of byte by byte.
  bool short_key = false;       ///< literal and 1 to 16 bytes
  std::uint32_t key_span = 0;   ///< bytes the comparison reads from the name on: max(size + 2, 8)
  std::uint64_t head = 0;       ///< the first min(size, 8) bytes as memcpy reads them, the rest zero
  std::uint64_t head_mask = 0;  ///< 0xff for each of those bytes
  std::uint64_t tail = 0;       ///< size > 8: the last 8 bytes
};

/// A term of a cross-field rule, about one direct property of the rule's object.
struct RuleTerm {
  enum class Kind : std::uint8_t { equals_bool, equals_integer, min_items, present };
  Kind kind = Kind::present;
  std::uint8_t capture = 0;        ///< capture slot of the property
  std::uint32_t property = kNone;  ///< index into Plan::properties (for reporting and tools)
  bool bool_value = false;
  std::int64_t integer_value = 0;  ///< equals_integer value, or min_items count
};

/// A cross-field rule attached to an object schema. Violations point at the object.
struct Rule {
  enum class Form : std::uint8_t { any_of, ordered };
  std::string id;
  Form form = Form::any_of;
  Severity severity = Severity::error;
  bool has_when = false;
  RuleTerm when;
  std::uint32_t terms_begin = 0;  ///< any_of: its terms; ordered: exactly two terms (left, right)
  std::uint32_t terms_count = 0;
  std::uint64_t supersedes = 0;  ///< bit i: rule rules_begin + i of the same object is not reported with this one
  std::string message;
};

/// An opt-in relaxation of an integer enum: non-zero ORs of whole masks.
struct MaskUnion {
  std::string option;
  std::vector<std::int64_t> masks;
  bool enabled = false;
};

/// A path, query or header parameter. Header names are stored lowercased.
struct Parameter {
  std::string name;
  Location in = Location::query;
  bool required = false;
  std::uint32_t node = kNone;   ///< a string node
  std::string forbidden_bytes;  ///< bytes that must not occur in the decoded value (path parameters)
};

/// Headers that together replace a required header (D5: AK/SK signing instead of a token).
struct AuthAlternative {
  struct Need {
    std::string header;  ///< lowercased
    std::string prefix;  ///< value starts with these bytes
    std::string shape;   ///< when not empty: same length, '#' = ASCII digit, others literal
  };
  std::string replaces;  ///< lowercased header name
  std::vector<Need> needs;
};

/// One path segment of an operation: a literal, or a path parameter.
struct PathSegment {
  std::string literal;
  std::uint32_t parameter = kNone;  ///< index into Operation::parameters when this is a variable
};

struct Operation {
  std::string id;
  std::string method;  ///< uppercase
  std::string path_template;
  std::vector<PathSegment> segments;
  std::vector<Parameter> parameters;
  std::vector<AuthAlternative> auth_alternatives;
  bool body_required = false;
  std::vector<std::string> media_types;  ///< lowercased, e.g. "application/json"
  std::uint32_t body = kNone;            ///< schema node of the JSON body; kNone: no body declared
  bool has_absent_body_as = false;       ///< x-reqprobe-absent-as given
  std::string absent_body_as;            ///< JSON text validated in place of an absent or empty body
};

/// The whole compiled contract.
struct Plan {
  std::vector<SchemaNode> nodes;  ///< nodes[0] is the `any` node
  std::vector<Property> properties;
  std::vector<std::uint32_t> lookup;  ///< per object: property index + 1, or 0 for an empty slot
  std::vector<std::string> enum_strings;
  std::vector<std::int64_t> enum_integers;
  std::vector<Rule> rules;
  std::vector<RuleTerm> terms;
  std::vector<MaskUnion> mask_unions;
  std::vector<std::string> sources;  ///< contract JSON Pointers of schemas, for messages and tools
  std::vector<Operation> operations;
};

/// Fills each property's fields derived from its name (literal, short_key, key_span, head, head_mask, tail).
/// Contract's constructor calls it, so a Validator never sees them out of step with the names.
void derive_property_keys(Plan& plan) noexcept;

}  // namespace reqprobe
