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
/// Objects with at most this many properties track members in a 64-bit set (the fast path); wider ones take the
/// general path.
inline constexpr std::uint32_t kMaxProperties = 64;
/// Rule terms read values captured per object; the loader rejects objects whose rules read more properties.
inline constexpr std::uint32_t kMaxCaptures = 8;

/// The closed set of value kinds. `any` accepts every well-formed JSON value (used for unknown members); a schema
/// that allows several types, or none, has kind `any` and says which in `types`.
enum class NodeKind : std::uint8_t { any, object, array, string, integer, boolean, number, null };

/// "object", "array", "string", "integer", "boolean", "number", "null" (the JSON Schema type names), or "any".
[[nodiscard]] std::string_view node_kind_name(NodeKind kind) noexcept;

/// JSON Schema's types as a set. A number passes `integer` when its value is integral (or, under a dialect that
/// counts lexemes, when it is written without fraction or exponent: D10 and draft 4).
namespace type_bits {
inline constexpr std::uint8_t null = 1, boolean = 2, object = 4, array = 8, number = 16, string = 32, integer = 64;
inline constexpr std::uint8_t all = null | boolean | object | array | number | string;
}  // namespace type_bits

enum class IntegerFormat : std::uint8_t { none, int32, int64 };

/// `format` values reqprobe asserts (issue 12); `annotation` for formats it only records.
enum class Format : std::uint8_t {
  none,
  annotation,
  date_time,
  date,
  time,
  duration,
  email,
  idn_email,
  hostname,
  idn_hostname,
  ipv4,
  ipv6,
  uri,
  uri_reference,
  iri,
  iri_reference,
  uri_template,
  uuid,
  regex,
  json_pointer,
  relative_json_pointer,
  byte,
  int32,
  int64,
  float32,
  float64,
  hostname_rfc1123  ///< `hostname` in draft 4, draft 6 and OpenAPI 3.0: RFC 1034/1123 names, no IDNA
};

/// Where a node's own checks apply: its value's type decides which keyword groups run.
struct NumberBounds {
  std::string minimum;  ///< exact decimal lexemes (JSON number syntax); empty: none
  std::string maximum;
  bool exclusive_minimum = false;
  bool exclusive_maximum = false;
  std::string multiple_of;  ///< empty: none
};

/// One schema, flattened. Only the fields of its kind are meaningful.
struct SchemaNode {
  NodeKind kind = NodeKind::any;
  std::uint8_t types = type_bits::all;  ///< the types a value may have (kind is the single one, or any)
  bool integer_lexeme = true;           ///< `integer` accepts only integer lexemes (D10, draft 4), not 1.0
  /// The node has keywords beyond the fast paths below (composition, patterns, formats, numbers, open or
  /// pattern-matched members...): the engine runs its general path for it.
  bool general = false;
  /// A general string, number or integer node whose only general keywords are checked on the value alone
  /// (pattern, format, number bounds, being a number): the member loop of a plain object settles its valid values
  /// in place, and leaves everything else to the general path.
  bool inline_scalar = false;
  /// Derived by derive_inline_objects(): a plain object (not general, no rules) of at most 16 properties, each
  /// a scalar the member loop settles (a plain string, integer or boolean, or an inline_scalar) or an inline_object
  /// itself. The body engine settles such a member's or item's whole value in place when it is compact and passes.
  bool inline_object = false;
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
  std::uint64_t required_mask = 0;   ///< bit i: property properties_begin + i is required (first 64 slots)
  std::uint32_t required_begin = 0;  ///< every required property index, in Plan::lists
  std::uint32_t required_count = 0;
  std::uint32_t lookup_begin = 0;  ///< open-addressing key table in Plan::lookup
  std::uint32_t lookup_mask = 0;   ///< table size - 1 (a power of two)
  std::uint32_t rules_begin = 0;   ///< into Plan::rules
  std::uint32_t rules_count = 0;
  // strings (general)
  std::uint32_t pattern = kNone;       ///< index into Plan::patterns
  Format format_check = Format::none;  ///< an asserted `format` (strings, numbers)
  // numbers (general): kNone or an index into Plan::number_bounds
  std::uint32_t number_bounds = kNone;
  // enum and const over any JSON values: [values_begin, +values_count) in Plan::values (canonical JSON texts)
  std::uint32_t values_begin = 0;
  std::uint32_t values_count = 0;
  bool has_values = false;   ///< enum or const present (an empty list accepts nothing)
  bool const_value = false;  ///< the values come from `const` (reported as const, not enum)
  // arrays (general)
  std::uint32_t prefix_begin = 0;  ///< prefixItems: [prefix_begin, +prefix_count) in Plan::lists
  std::uint32_t prefix_count = 0;
  std::uint32_t contains = kNone;
  std::uint32_t min_contains = 1;
  std::uint32_t max_contains = kUnbounded;
  bool unique_items = false;
  std::uint32_t unevaluated_items = kNone;
  // objects (general)
  std::uint32_t additional = kNone;  ///< members no property or pattern names: kNone accepts any; kFalse refuses
  std::uint32_t patterns_begin = 0;  ///< patternProperties: into Plan::pattern_properties
  std::uint32_t patterns_count = 0;
  std::uint32_t property_names = kNone;
  std::uint32_t min_properties = 0;
  std::uint32_t max_properties = kUnbounded;
  std::uint32_t dependents_begin = 0;  ///< dependentRequired and dependentSchemas: into Plan::dependents
  std::uint32_t dependents_count = 0;
  std::uint32_t unevaluated_properties = kNone;
  std::uint32_t discriminator = kNone;  ///< into Plan::discriminators
  // applicators: lists in Plan::lists
  std::uint32_t all_of_begin = 0, all_of_count = 0;
  std::uint32_t any_of_begin = 0, any_of_count = 0;
  std::uint32_t one_of_begin = 0, one_of_count = 0;
  std::uint32_t not_node = kNone;
  std::uint32_t if_node = kNone, then_node = kNone, else_node = kNone;
  bool never = false;  ///< the `false` schema: no value passes
  // reporting side data
  std::uint32_t source = kNone;  ///< index into Plan::sources: where in the contract this schema is
};

/// The node index of the schema that accepts everything, and of the `false` schema.
inline constexpr std::uint32_t kAny = 0;
inline constexpr std::uint32_t kFalse = 1;

/// patternProperties: members whose name matches the pattern are validated by the node.
struct PatternProperty {
  std::uint32_t pattern = kNone;  ///< index into Plan::patterns
  std::uint32_t node = kNone;
};

/// dependentRequired / dependentSchemas: when the member `property` is present, `required` members must be too,
/// or the object must satisfy `node`.
struct Dependent {
  std::string property;
  std::vector<std::string> required;
  std::uint32_t node = kNone;
};

/// OpenAPI's discriminator: the member whose value picks the branch, and the branches by value.
struct Discriminator {
  std::string property;
  std::vector<std::pair<std::string, std::uint32_t>> mapping;  ///< value -> node
};

/// A regular expression, ECMA-262 as written, and its translation for the linear-time engine.
struct Pattern {
  std::string source;      ///< as written in the contract
  std::string translated;  ///< the RE2 syntax that means the same
};

/// A member an object declares.
struct Property {
  std::string name;
  std::uint32_t node = kNone;
  std::uint16_t slot = 0;  ///< bit index in the object's member set
  bool implicit = false;   ///< named only by `required`: for additionalProperties it is not declared
  /// 1: readOnly in a request, 2: writeOnly in a response (OpenAPI): present, it is reported; required, it is not.
  std::uint8_t access = 0;
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

/// How a parameter's value is written (OpenAPI's `style`).
enum class ParameterStyle : std::uint8_t { simple, label, matrix, form, space_delimited, pipe_delimited, deep_object };
/// OpenAPI's spelling of a style: "simple", "label", "matrix", "form", "spaceDelimited", "pipeDelimited",
/// "deepObject".
[[nodiscard]] std::string_view parameter_style_name(ParameterStyle style) noexcept;

/// A path, query, header or cookie parameter. Header names are stored lowercased.
struct Parameter {
  std::string name;
  Location in = Location::query;
  bool required = false;
  std::uint32_t node = kNone;   ///< its schema (or, with `content`, the media type's schema)
  std::string forbidden_bytes;  ///< bytes that must not occur in the decoded value (path parameters)
  ParameterStyle style = ParameterStyle::simple;
  bool explode = false;
  bool allow_reserved = false;
  bool allow_empty_value = false;
  bool content = false;  ///< declared with `content` (a JSON-encoded value) instead of `schema`
  bool deprecated = false;
  std::uint32_t source = kNone;  ///< index into Plan::sources
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

/// A piece of a path segment: literal text, or a path parameter.
struct PathPiece {
  std::string literal;
  std::uint32_t parameter = kNone;  ///< index into Operation::parameters when this is a variable
};

/// One path segment of an operation: a literal, a path parameter, or (`pieces` not empty) a mix such as
/// "{name}.json".
struct PathSegment {
  std::string literal;
  std::uint32_t parameter = kNone;  ///< index into Operation::parameters when the whole segment is a variable
  std::vector<PathPiece> pieces;    ///< a partial-segment template; literal is then empty and parameter kNone
};

/// How one request body media type is read.
enum class BodyKind : std::uint8_t { json, form, multipart, other };

/// Per-property encoding of a form or multipart body (OpenAPI's Encoding Object).
struct PartEncoding {
  std::string property;
  std::string content_type;  ///< lowercased; empty: the default for the property's type
  ParameterStyle style = ParameterStyle::form;
  bool explode = true;
  bool allow_reserved = false;
};

/// One media type of a request body.
struct MediaBody {
  std::string media_type;  ///< lowercased type/subtype as declared; may be a range ("application/*", "*/*")
  BodyKind kind = BodyKind::json;
  std::uint32_t node = kNone;  ///< the schema (kNone: none declared; any content passes)
  std::vector<PartEncoding> encodings;
};

/// A security scheme a requirement names.
struct SecurityScheme {
  enum class Type : std::uint8_t { api_key, http_basic, http_bearer, http_other, oauth2, open_id_connect, mutual_tls };
  std::string id;  ///< its name under components/securitySchemes
  Type type = Type::api_key;
  Location in = Location::header;  ///< where the credential goes (http, oauth2 and openIdConnect: header)
  std::string name;                ///< header (lowercased), query parameter or cookie name
  std::string http_scheme;         ///< http: the scheme word ("basic", "bearer", "digest", ...), lowercased
  std::string prefix;              ///< x-reqprobe-prefix: the value starts with these bytes
  std::string shape;               ///< x-reqprobe-shape: same length, '#' an ASCII digit, others literal
};

/// One documented response of an operation (checked against answers by replay and served by the mock).
struct Response {
  struct Media {
    std::string media_type;  ///< lowercased; may be a range
    std::uint32_t node = kNone;
  };
  struct Header {
    std::string name;  ///< lowercased
    bool required = false;
    std::uint32_t node = kNone;
  };
  std::string status;  ///< "200", "4XX" or "default"
  std::vector<Media> content;
  std::vector<Header> headers;
};

struct Operation {
  std::string id;      ///< operationId, or empty
  std::string method;  ///< uppercase
  std::string path_template;
  std::vector<PathSegment> segments;
  std::vector<Parameter> parameters;
  std::vector<AuthAlternative> auth_alternatives;  ///< HSS's headers-that-replace-a-header, derived from `security`
  bool body_required = false;
  std::vector<std::string> media_types;  ///< lowercased, e.g. "application/json", every declared one
  std::uint32_t body = kNone;            ///< schema node of the first JSON body; kNone: none declared
  bool has_body = false;                 ///< a requestBody is declared (of any media type)
  std::vector<MediaBody> bodies;         ///< every media type, in declaration order
  bool has_absent_body_as = false;       ///< x-reqprobe-absent-as given
  std::string absent_body_as;            ///< JSON text validated in place of an absent or empty body
  /// Security: any one alternative must be met, each a set of schemes (indices into Plan::schemes) that must all
  /// be met. No alternatives: none needed. An empty alternative ({}) makes credentials optional.
  std::vector<std::vector<std::uint32_t>> security;
  std::vector<std::string> base_paths;  ///< from its servers: "" or "/v1"...; a request's path starts with one
  std::vector<std::string> tags;
  bool deprecated = false;
  std::vector<Response> responses;
  std::uint32_t source = kNone;  ///< index into Plan::sources
};

/// How an endpoint is expected to answer (the mock answers so; replay judges answers so).
enum class AnswerProfile : std::uint8_t {
  /// OpenAPI's: an invalid request gets a 4xx the operation documents (any 4xx when it documents none, or documents
  /// `default` or `4XX`), a valid one a 2xx; the mock's errors are RFC 9457 problem+json.
  openapi,
  /// Exact answers the document states rule by rule (ExactAnswers, `x-reqprobe-answers` as an object): HSS's
  /// SPEC.md table (404 APIGW.0101, 401 APIGW.0301, 400 HSS.0002, 400 HSS.0001) is one, written in its document.
  exact
};

/// The exact answer profile (x-reqprobe-answers: {"exact": [...], "error_body": {...}, "request_id_header": ...}).
struct ExactAnswers {
  /// A violation a rule takes: an error whose code is one of `codes` (empty: any) at `location` (when not
  /// any_location), or, with `credential`, any error on a credential header (the headers an auth alternative
  /// replaces: HSS's X-Auth-Token).
  struct Match {
    std::vector<Code> codes;
    bool any_location = true;
    Location location = Location::body;
    bool credential = false;
  };
  /// One answer and the violations that call for it (any of `when`).
  struct Rule {
    std::vector<Match> when;
    int status = 400;
    std::string error_code;
  };
  /// In precedence order, as a gateway works (route, authenticate, parse, validate): the answer is the earliest
  /// rule any error takes, and the deciding violation the first error it takes. No error: 200.
  std::vector<Rule> rules;
  std::string code_member = "error_code";    ///< the error body's member holding the error code
  std::string message_member = "error_msg";  ///< the error body's member holding the message
  std::string request_id_header;  ///< as written (compared without case); every error answer carries it; empty: none
};

/// The whole compiled contract.
struct Plan {
  std::vector<SchemaNode> nodes;  ///< nodes[kAny] accepts everything, nodes[kFalse] nothing
  std::vector<Property> properties;
  std::vector<std::uint32_t> lookup;  ///< per object: property index + 1, or 0 for an empty slot
  std::vector<std::string> enum_strings;
  std::vector<std::int64_t> enum_integers;
  std::vector<Rule> rules;
  std::vector<RuleTerm> terms;
  std::vector<MaskUnion> mask_unions;
  std::vector<std::string> sources;  ///< contract JSON Pointers of schemas, for messages and tools
  std::vector<Operation> operations;
  // General keywords (see SchemaNode)
  std::vector<std::uint32_t> lists;  ///< node lists of applicators and prefixItems
  std::vector<std::string> values;   ///< canonical JSON texts of enum and const values
  std::vector<NumberBounds> number_bounds;
  std::vector<Pattern> patterns;
  std::vector<PatternProperty> pattern_properties;
  std::vector<Dependent> dependents;
  std::vector<Discriminator> discriminators;
  std::vector<SecurityScheme> schemes;
  /// Strictness profile (x-reqprobe-strict or --strict): undeclared members and query parameters are `unknown`.
  bool strict = false;
  AnswerProfile answer_profile = AnswerProfile::openapi;  ///< x-reqprobe-answers
  ExactAnswers exact_answers;                             ///< the rules when answer_profile is exact
};

/// Fills each property's fields derived from its name (literal, short_key, key_span, head, head_mask, tail).
/// Contract's constructor calls it, so a Validator never sees them out of step with the names.
void derive_property_keys(Plan& plan) noexcept;

/// Sets each node's inline_object from its other fields. Contract's constructor calls it, after every node is final
/// (the allOf merge changes nodes after they were compiled).
void derive_inline_objects(Plan& plan);

}  // namespace reqprobe
