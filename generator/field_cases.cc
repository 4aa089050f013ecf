// Per-field cases: type confusion, length, range and enum, on each side of every bound, for every field of
// the body schema.
#include <limits>

#include "suite_builder.h"

namespace reqprobe::gen {
namespace {

struct Alternative {
  const char* name;
  const char* lexeme;
  NodeKind kind;
  std::uint8_t bits;  // the types that accept the lexeme
};

// One value of each JSON type, and the integer look-alikes D10 rejects.
constexpr Alternative kTypeAlternatives[] = {
    {"string", "\"5\"", NodeKind::string, type_bits::string},
    {"integer", "1", NodeKind::integer, type_bits::integer | type_bits::number},
    {"boolean", "true", NodeKind::boolean, type_bits::boolean},
    {"null", "null", NodeKind::any, type_bits::null},
    {"object", "{}", NodeKind::object, type_bits::object},
    {"array", "[]", NodeKind::array, type_bits::array},
};

class FieldCases {
 public:
  FieldCases(SuiteBuilder& b, const FieldPath& field)
      : b_(b),
        field_(field),
        node_(b.plan().nodes[field.node]),
        id_(field.pointer.empty() ? "body.root" : "body." + SuiteBuilder::id_of(field.pointer)) {
    // Under a general object (dependentRequired, composition...), a field set alone can break the object's own
    // keywords: its valid-side cases are then candidates the validator must confirm.
    general_parent_ =
        !field.steps.empty() &&
        b.plan().nodes[field.nodes.size() >= 2 ? field.nodes[field.nodes.size() - 2] : b.op().body].general;
  }

  void add() {
    add_valid();
    add_types();
    switch (node_.kind) {
      case NodeKind::string:
        add_string();
        break;
      case NodeKind::integer:
        add_integer();
        break;
      case NodeKind::boolean:
        add_boolean();
        break;
      case NodeKind::array:
        add_array();
        break;
      default:
        break;
    }
  }

 private:
  // The base body with this field set to `value`, other rules kept true.
  Json body_with(Json value) {
    Json body = b_.base_body();
    b_.slot(body, field_) = std::move(value);
    b_.repair(body, field_.pointer);
    return body;
  }

  void valid(const std::string& suffix, const std::string& keyword, const std::string& category,
             const std::string& description, Json value) {
    std::vector<std::string> constraints;
    if (!keyword.empty()) constraints.push_back("body:" + field_.pointer + ":" + keyword);
    Intent intent = meant_valid(id_ + "." + suffix, field_.pointer + ": " + description, category, constraints);
    intent.speculative = intent.note_miss = general_parent_;
    b_.emit_body(intent, body_with(std::move(value)));
  }

  void invalid(const std::string& suffix, const std::string& keyword, Code code, const std::string& category,
               const std::string& description, Json value) {
    // Speculative: a document's dialect and profile decide some of these (1.0 under draft 4, an open object);
    // a case the validator does not confirm is listed as skipped, never shipped with a wrong expectation.
    Intent intent = meant_invalid(id_ + "." + suffix, field_.pointer + ": " + description, category,
                                  "body:" + field_.pointer + ":" + keyword, code, Location::body, field_.pointer);
    intent.speculative = intent.note_miss = true;
    b_.emit_body(intent, body_with(std::move(value)));
  }

  // A typical value satisfies every constraint of the field at once.
  void add_valid() {
    std::vector<std::string> constraints;
    for (const std::string& keyword : value_keywords(node_))
      constraints.push_back("body:" + field_.pointer + ":" + keyword);
    Intent intent = meant_valid(id_ + ".valid", field_.pointer + ": a typical valid value", "valid", constraints);
    intent.speculative = intent.note_miss = general_parent_;
    b_.emit_body(intent, body_with(b_.minimal_value(field_.node)));
  }

  Json items(std::uint32_t count) {
    Json array = Json::array();
    for (std::uint32_t i = 0; i < count; ++i) array.items.push_back(b_.minimal_value(node_.items));
    return array;
  }

  void add_array() {
    if (node_.min_items > 0) {
      invalid("items.below_min", "min_items", Code::min_items, "count", "minItems-1 items", items(node_.min_items - 1));
      valid("items.at_min", "min_items", "count", "exactly minItems items", items(node_.min_items));
    } else {
      valid("items.empty", "", "count", "no items (minItems 0)", Json::array());
    }
    if (node_.max_items == kUnbounded) return;
    valid("items.at_max", "max_items", "count", "exactly maxItems items", items(node_.max_items));
    invalid("items.above_max", "max_items", Code::max_items, "count", "maxItems+1 items", items(node_.max_items + 1));
  }

  void add_types() {
    for (const Alternative& alternative : kTypeAlternatives) {
      if (alternative.kind == node_.kind || (alternative.bits & node_.types) != 0) continue;
      invalid(std::string("type.") + alternative.name, "type", Code::type, "type",
              std::string("given ") + alternative.name + " instead of " + std::string(node_kind_name(node_.kind)),
              Json::raw(alternative.lexeme));
    }
    if (node_.kind == NodeKind::integer && node_.integer_lexeme) {
      invalid("type.fraction", "type", Code::type, "type", "1.0 is not an integer lexeme (D10)", Json::raw("1.0"));
      invalid("type.exponent", "type", Code::type, "type", "1e2 is not an integer lexeme (D10)", Json::raw("1e2"));
      invalid("type.huge_exponent", "type", Code::type, "type", "1e400 overflows a double and is no integer",
              Json::raw("1e400"));
    }
  }

  // ---- strings -----------------------------------------------------------------------------------------

  void add_string() {
    if (node_.enum_count != 0) {
      add_string_enum();
      return;
    }
    const std::uint32_t min = node_.min_length;
    if (min > 0) {
      invalid("length.below_min", "min_length", Code::min_length, "length",
              "length " + std::to_string(min - 1) + ", one below minLength", Json::raw(quote(b_.text(min - 1))));
      valid("length.at_min", "min_length", "length", "length exactly minLength " + std::to_string(min),
            Json::raw(quote(b_.text(min))));
    } else {
      valid("length.empty", "", "length", "the empty string (minLength 0)", Json::raw("\"\""));
    }
    if (node_.max_length == kUnbounded) return;
    const std::uint32_t max = node_.max_length;
    const std::string m = std::to_string(max);
    valid("length.at_max", "max_length", "length", "length exactly maxLength " + m, Json::raw(quote(b_.text(max))));
    invalid("length.above_max", "max_length", Code::max_length, "length",
            "length maxLength+1 = " + std::to_string(max + 1), Json::raw(quote(b_.text(max + 1))));
    valid("length.at_max_2byte", "max_length", "length", m + " two-byte characters (code points, not bytes: D7)",
          Json::raw(quote(b_.text(max, 2))));
    valid("length.at_max_3byte", "max_length", "length", m + " three-byte characters",
          Json::raw(quote(b_.text(max, 3))));
    valid("length.at_max_4byte", "max_length", "length", m + " four-byte characters",
          Json::raw(quote(b_.text(max, 4))));
    invalid("length.above_max_4byte", "max_length", Code::max_length, "length",
            std::to_string(max + 1) + " four-byte characters", Json::raw(quote(b_.text(max + 1, 4))));
    std::string escaped = "\"";
    std::string pairs = "\"";
    for (std::uint32_t i = 0; i < max; ++i) {
      escaped += "\\u00e9";
      pairs += "\\ud83d\\ude00";
    }
    valid("length.at_max_escaped", "max_length", "length", m + " characters written as \\u00e9 escapes",
          Json::raw(escaped + "\""));
    valid("length.at_max_surrogate_pairs", "max_length", "length",
          m + " characters written as surrogate-pair escapes (one code point each)", Json::raw(pairs + "\""));
    invalid("length.above_max_escaped", "max_length", Code::max_length, "length",
            std::to_string(max + 1) + " characters written as \\u00e9 escapes", Json::raw(escaped + "\\u00e9\""));
  }

  void add_string_enum() {
    const Plan& plan = b_.plan();
    for (std::uint32_t i = 0; i < node_.enum_count; ++i) {
      const std::string& value = plan.enum_strings[node_.enum_begin + i];
      valid("enum." + SuiteBuilder::id_of("/" + value), "enum", "enum", "enum value '" + value + "'",
            Json::raw(quote(value)));
    }
    const std::string& first = plan.enum_strings[node_.enum_begin];
    std::string changed = first;
    for (char& c : changed)
      c = (c >= 'a' && c <= 'z')   ? static_cast<char>(c - 'a' + 'A')
          : (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a')
                                   : c;
    invalid("enum.case_changed", "enum", Code::enum_value, "enum", "'" + changed + "': case changed",
            Json::raw(quote(changed)));
    invalid("enum.trailing_space", "enum", Code::enum_value, "enum", "'" + first + " ': trailing space",
            Json::raw(quote(first + " ")));
    invalid("enum.empty", "enum", Code::enum_value, "enum", "the empty string", Json::raw("\"\""));
    if (node_.min_length > 0)
      invalid("length.below_min", "min_length", Code::min_length, "length", "the empty string, below minLength",
              Json::raw("\"\""));
    if (node_.max_length != kUnbounded)
      invalid("length.above_max", "max_length", Code::max_length, "length", "one above maxLength (and no enum value)",
              Json::raw(quote(b_.text(node_.max_length + 1))));
  }

  // ---- integers ----------------------------------------------------------------------------------------

  bool allowed(std::int64_t v) const {
    if (v < node_.minimum || v > node_.maximum) return false;
    if (node_.enum_count == 0) return true;
    for (std::uint32_t i = 0; i < node_.enum_count; ++i)
      if (b_.plan().enum_integers[node_.enum_begin + i] == v) return true;
    return false;
  }

  void add_integer() {
    constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
    constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
    const std::int64_t min = node_.minimum;
    const std::int64_t max = node_.maximum;
    if (min > kMin) {
      invalid("range.below_min", "minimum", Code::minimum, "range", "minimum-1 = " + std::to_string(min - 1),
              Json::raw(std::to_string(min - 1)));
    } else {
      invalid("range.below_int64", "minimum", Code::minimum, "range", "-9223372036854775809, below int64",
              Json::raw("-9223372036854775809"));
    }
    if (max < kMax) {
      invalid("range.above_max", "maximum", Code::maximum, "range", "maximum+1 = " + std::to_string(max + 1),
              Json::raw(std::to_string(max + 1)));
    } else {
      invalid("range.above_int64", "maximum", Code::maximum, "range", "9223372036854775808, above int64 (D10)",
              Json::raw("9223372036854775808"));
    }
    invalid("range.huge_digits", "maximum", Code::maximum, "range", "a 400-digit integer",
            Json::raw("1" + std::string(399, '0')));
    if (allowed(min))
      valid("range.at_min", "minimum", "range", "exactly minimum " + std::to_string(min),
            Json::raw(std::to_string(min)));
    if (allowed(max))
      valid("range.at_max", "maximum", "range", "exactly maximum " + std::to_string(max),
            Json::raw(std::to_string(max)));
    if (allowed(0)) valid("range.negative_zero", "minimum", "range", "-0 is 0 (D10)", Json::raw("-0"));
    constexpr std::int64_t kTwo53 = std::int64_t{1} << 53;
    if (allowed(kTwo53 + 1))
      valid("range.two53_plus_1", "maximum", "range", "2^53+1, exact beyond double precision",
            Json::raw(std::to_string(kTwo53 + 1)));
    if (node_.format == IntegerFormat::int32 && node_.enum_count != 0) {
      // Bounds come from int32; the enum still applies inside them.
      invalid("range.int32_max_plus_1", "maximum", Code::maximum, "range", "2147483648, above int32",
              Json::raw("2147483648"));
    }
    if (node_.enum_count != 0) add_integer_enum();
  }

  void add_integer_enum() {
    const Plan& plan = b_.plan();
    for (std::uint32_t i = 0; i < node_.enum_count; ++i) {
      const std::int64_t value = plan.enum_integers[node_.enum_begin + i];
      valid("enum." + std::to_string(value), "enum", "enum", "enum value " + std::to_string(value),
            Json::raw(std::to_string(value)));
    }
    const std::int64_t first = plan.enum_integers[node_.enum_begin + (node_.enum_count > 1 ? 1 : 0)];
    for (const std::int64_t near : {first - 1, first + 1}) {
      if (allowed(near) || near < node_.minimum || near > node_.maximum) continue;
      invalid("enum.near_" + std::to_string(near), "enum", Code::enum_value, "enum",
              std::to_string(near) + ", next to enum value " + std::to_string(first), Json::raw(std::to_string(near)));
    }
    if (node_.mask_union != kNone) {
      const MaskUnion& masks = plan.mask_unions[node_.mask_union];
      if (masks.masks.size() >= 2 && !masks.enabled) {
        const std::int64_t combined = masks.masks[0] | masks.masks[1];
        invalid("enum.mask_combination", "enum", Code::enum_value, "enum",
                std::to_string(combined) + " combines two masks; only '" + masks.option + "' allows it (D1)",
                Json::raw(std::to_string(combined)));
      }
    }
  }

  void add_boolean() {
    valid("value_true", "type", "valid", "true", Json::raw("true"));
    valid("value_false", "type", "valid", "false", Json::raw("false"));
  }

  SuiteBuilder& b_;
  const FieldPath& field_;
  const SchemaNode& node_;
  std::string id_;
  bool general_parent_ = false;
};

}  // namespace

void add_field_cases(SuiteBuilder& b) {
  // A body that is not an object (an array, a scalar) is a field itself.
  const SchemaNode& root = b.plan().nodes[b.op().body];
  if (root.types != type_bits::object || !is_classic(root)) {
    FieldPath at;
    at.node = b.op().body;
    if (is_classic(root)) {
      FieldCases(b, at).add();
    } else {
      add_keyword_cases(b, at);
    }
  }
  for (const FieldPath& field : b.body_fields()) {
    if (is_classic(b.plan().nodes[field.node])) {
      FieldCases(b, field).add();
    } else {
      add_keyword_cases(b, field);
    }
  }
}

}  // namespace reqprobe::gen
