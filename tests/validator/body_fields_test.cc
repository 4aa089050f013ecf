// Every body field of shared/SPEC.md (5 root fields, 22 query_info fields, 11 image_info item fields): values at
// each bound, one past each bound, every enum value, enum near-misses and wrong types. The cases are generated from
// the field table in test_support.h; each expects the exact list of violations.
#include <algorithm>

#include "test_support.h"

namespace reqprobe::test {
namespace {

enum class Group { at_bounds, past_bounds, enum_values, wrong_types };

struct FieldCase {
  Group group;
  BodyCase body_case;
};

bool has_enum(const Field& f) {
  return !f.values.empty();
}

/// What a value of the right type, within its bounds but maybe outside the enum, gets.
std::vector<V> if_not_in_enum(const Field& f, std::string_view decoded) {
  if (!has_enum(f) || std::find(f.values.begin(), f.values.end(), decoded) != f.values.end()) return {};
  return {{"enum", "body", f.pointer}};
}

/// A length violation, followed by `enum` when the field has an enum (the value cannot be one of its values).
std::vector<V> length_violation(const Field& f, const char* code) {
  std::vector<V> out = {{code, "body", f.pointer}};
  if (has_enum(f)) out.push_back({"enum", "body", f.pointer});
  return out;
}

/// An enum value with its first character written as a \u escape: it must still match after decoding.
std::string escaped_first_char(std::string_view value) {
  static constexpr char kHex[] = "0123456789abcdef";
  const auto c = static_cast<unsigned char>(value[0]);
  return std::string("\\u00") + kHex[c >> 4] + kHex[c & 15] + std::string(value.substr(1));
}

std::string toggled_case(std::string value) {
  char& c = value[0];
  c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : static_cast<char>(c - 'A' + 'a');
  return value;
}

std::vector<FieldCase> cases_for(const Field& f) {
  std::vector<FieldCase> out;
  auto add = [&](Group group, const std::string& what, const std::string& value_json, std::vector<V> expected) {
    out.push_back({group, {f.pointer + " = " + what, body_with(f.pointer, value_json), std::move(expected)}});
  };
  switch (f.kind) {
    case Kind::string: {
      const auto min = static_cast<std::size_t>(f.min);
      const auto max = static_cast<std::size_t>(f.max);
      if (min == 0) {
        add(Group::at_bounds, "empty string (minLength 0)", R"("")", if_not_in_enum(f, ""));
      } else {
        add(Group::past_bounds, "empty string (minLength 1)", R"("")", length_violation(f, "min_length"));
      }
      for (const CodePointUnit& unit : kCodePointUnits) {
        const std::string name(unit.name);
        if (min > 0)
          add(Group::at_bounds, std::to_string(min) + " x " + name + " (minLength)", json_string_of(min, unit.json),
              if_not_in_enum(f, "not an enum value"));
        add(Group::at_bounds, std::to_string(max) + " x " + name + " (maxLength)", json_string_of(max, unit.json),
            if_not_in_enum(f, "not an enum value"));
        add(Group::past_bounds, std::to_string(max + 1) + " x " + name + " (maxLength + 1)",
            json_string_of(max + 1, unit.json), length_violation(f, "max_length"));
      }
      // The last code point of a maximal string is a surrogate pair: one code point, not two.
      add(Group::at_bounds, "ascii then a surrogate pair, maxLength in all",
          in_quotes(repeat("a", max - 1) + "\\ud83d\\ude00"), if_not_in_enum(f, "not an enum value"));
      add(Group::past_bounds, "ascii then a surrogate pair, maxLength + 1 in all",
          in_quotes(repeat("a", max) + "\\ud83d\\ude00"), length_violation(f, "max_length"));
      for (const std::string& value : f.values) {
        add(Group::enum_values, "enum value " + value, in_quotes(value), {});
        add(Group::enum_values, "enum value " + value + " with an escaped first character",
            in_quotes(escaped_first_char(value)), {});
        const std::vector<V> wrong = {{"enum", "body", f.pointer}};
        add(Group::enum_values, "near miss: case of the first character", in_quotes(toggled_case(value)), wrong);
        add(Group::enum_values, "near miss: last character dropped", in_quotes(value.substr(0, value.size() - 1)),
            wrong);
        add(Group::enum_values, "near miss: trailing space", in_quotes(value + " "), wrong);
        add(Group::enum_values, "near miss: trailing \\u0000 (D7: never truncates)", in_quotes(value + "\\u0000"),
            wrong);
      }
      break;
    }
    case Kind::integer: {
      const std::string min = std::to_string(f.min);
      const std::string max = std::to_string(f.max);
      add(Group::at_bounds, "minimum " + min, min, if_not_in_enum(f, min));
      add(Group::at_bounds, "maximum " + max, max, if_not_in_enum(f, max));
      add(Group::past_bounds, "minimum - 1", minus_one(f.min), {{"minimum", "body", f.pointer}});
      add(Group::past_bounds, "maximum + 1", plus_one(f.max), {{"maximum", "body", f.pointer}});
      for (const std::string& value : f.values) {
        add(Group::enum_values, "enum value " + value, value, {});
        const std::int64_t v = std::stoll(value);
        std::string miss = plus_one(v);
        if (v == f.max || std::find(f.values.begin(), f.values.end(), miss) != f.values.end()) miss = minus_one(v);
        add(Group::enum_values, "near miss " + miss, miss, {{"enum", "body", f.pointer}});
      }
      break;
    }
    case Kind::boolean:
      add(Group::at_bounds, "true", "true", {});
      add(Group::at_bounds, "false", "false", {});
      break;
    case Kind::object:
      add(Group::at_bounds, "empty object", "{}", {});
      add(Group::at_bounds, "object with one member", R"({"host_id":"h-1"})", {});
      break;
    case Kind::array:
      add(Group::at_bounds, "empty array", "[]", {});
      add(Group::at_bounds, "one item", "[" + valid_item() + "]", {});
      add(Group::at_bounds, "three items", "[" + valid_item() + "," + valid_item() + "," + valid_item() + "]", {});
      break;
  }
  for (const std::string& wrong : wrong_types(f.kind))
    add(Group::wrong_types, "wrong type " + wrong, wrong, {{"type", "body", f.pointer}});
  return out;
}

std::vector<BodyCase> all_field_cases() {
  std::vector<BodyCase> out;
  for (const Field& f : fields())
    for (FieldCase& c : cases_for(f)) out.push_back(std::move(c.body_case));
  return out;
}

const bool kRegistered = register_cases(all_field_cases);

class BodyField : public ::testing::TestWithParam<Field> {
 protected:
  void check_group(Group group) {
    std::size_t checked = 0;
    for (const FieldCase& c : cases_for(GetParam())) {
      if (c.group != group) continue;
      check(c.body_case);
      ++checked;
    }
    const Field& f = GetParam();
    const bool bounded = f.kind == Kind::string || f.kind == Kind::integer;
    const bool expected = group == Group::enum_values ? has_enum(f) : group == Group::past_bounds ? bounded : true;
    if (expected) {
      EXPECT_GT(checked, 0u);
    }
  }
};

TEST_P(BodyField, values_at_each_bound_are_valid) {
  check_group(Group::at_bounds);
}
TEST_P(BodyField, one_past_each_bound_is_rejected) {
  check_group(Group::past_bounds);
}
TEST_P(BodyField, enum_values_are_valid_and_near_misses_are_not) {
  check_group(Group::enum_values);
}
TEST_P(BodyField, wrong_types_and_null_are_type_violations) {
  check_group(Group::wrong_types);
}

std::string field_test_name(const ::testing::TestParamInfo<Field>& info) {
  std::string name = info.param.pointer.substr(1);
  std::replace(name.begin(), name.end(), '/', '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Spec, BodyField, ::testing::ValuesIn(fields()), field_test_name);

TEST(BodyFields, the_table_lists_every_field_of_the_spec) {
  std::size_t root = 0, query = 0, item = 0;
  for (const Field& f : fields()) {
    if (f.pointer.starts_with("/query_info/")) {
      ++query;
    } else if (f.pointer.starts_with("/image_info/0/")) {
      ++item;
    } else {
      ++root;
    }
  }
  EXPECT_EQ(root, 5u);
  EXPECT_EQ(query, 22u);
  EXPECT_EQ(item, 11u);
}

TEST(BodyFields, every_field_together_at_its_maximum_is_valid) {
  std::string query = "{";
  std::string item = valid_item();
  std::string root = R"({"is_all":true)";
  for (const Field& f : fields()) {
    std::string value;
    if (f.kind == Kind::string) value = has_enum(f) ? in_quotes(f.values.back()) : json_string_of(f.max, "\\u00e9");
    if (f.kind == Kind::integer) value = has_enum(f) ? f.values[1] : std::to_string(f.max);
    if (f.kind == Kind::boolean) value = "false";
    if (value.empty()) continue;
    const std::size_t slash = f.pointer.rfind('/');
    const std::string member = in_quotes(f.pointer.substr(slash + 1)) + ":" + value;
    if (f.pointer.starts_with("/query_info/")) {
      query += (query.size() > 1 ? "," : "") + member;
    } else if (f.pointer.starts_with("/image_info/0/")) {
      if (item.find(in_quotes(f.pointer.substr(slash + 1)) + ":") == std::string::npos)
        item.insert(item.size() - 1, "," + member);
    } else if (f.pointer != "/is_all") {
      root += "," + member;
    }
  }
  const std::string body = root + R"(,"query_info":)" + query + R"(},"image_info":[)" + item + "," + item + "]}";
  check(BodyCase{"every field present", body, {}});
}

TEST(BodyFields, image_info_items_are_checked_at_their_index) {
  const std::vector<BodyCase> cases = {
      {"second item has a bad registry_type",
       R"({"is_all":true,"image_info":[)" + valid_item() + "," + item_with("registry_type", R"("swr")") + "]}",
       {{"enum", "body", "/image_info/1/registry_type"}}},
      {"third item is not an object",
       R"({"is_all":true,"image_info":[)" + valid_item() + "," + valid_item() + R"(,"x"]})",
       {{"type", "body", "/image_info/2"}}},
      {"every item has the same problem",
       R"({"is_all":true,"image_info":[)" + item_with("id", "-1") + "," + item_with("id", "-1") + "]}",
       {{"minimum", "body", "/image_info/0/id"}, {"minimum", "body", "/image_info/1/id"}}},
  };
  check_all(cases);
}

}  // namespace
}  // namespace reqprobe::test
