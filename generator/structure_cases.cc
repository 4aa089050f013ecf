// Whole-body cases: empty and absent bodies, Content-Type, malformed JSON, trailing bytes, and each safety
// limit exactly at and one past its value.
#include <algorithm>

#include "suite_builder.h"

namespace reqprobe::gen {
namespace {

// Does the absent body (validated as x-reqprobe-absent-as) break a root rule? Then the target is that rule.
bool root_requires_something(const SuiteBuilder& b) {
  const SchemaNode& root = b.plan().nodes[b.op().body];
  for (std::uint32_t r = 0; r < root.rules_count; ++r) {
    const Rule& rule = b.plan().rules[root.rules_begin + r];
    if (rule.form == Rule::Form::any_of && !rule.has_when && rule.severity == Severity::error) return true;
  }
  return root.required_mask != 0;
}

void add_empty_bodies(SuiteBuilder& b) {
  if (!b.op().has_absent_body_as || b.op().body_required) return;
  const bool invalid = root_requires_something(b);
  auto intent = [&](const std::string& id, const std::string& description) {
    return invalid ? meant_invalid(id, description, "structure", "", Code::rule, Location::body, "")
                   : meant_valid(id, description, "structure");
  };
  RequestParts empty = b.base_request();
  empty.body = std::string();
  b.emit(intent("structure.empty_body", "a zero-length body is validated as " + b.op().absent_body_as + " (D6)"),
         empty);
  RequestParts absent = b.base_request();
  absent.body.reset();
  std::erase_if(absent.headers, [](const auto& h) { return h.first == "Content-Type"; });
  b.emit(intent("structure.no_body", "no body and no Content-Type, validated as " + b.op().absent_body_as + " (D6)"),
         absent);
}

void add_content_types(SuiteBuilder& b) {
  const std::string constraint = "header:content-type:content_type";
  auto with_type = [&](const char* value) {
    RequestParts parts = b.base_request();
    std::erase_if(parts.headers, [](const auto& h) { return h.first == "Content-Type"; });
    if (value != nullptr) parts.headers.emplace_back("Content-Type", value);
    return parts;
  };
  const std::string type = b.json_media_type();
  std::string upper = type;
  for (char& c : upper) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  b.emit(meant_valid("content_type.charset_utf8", "Content-Type with ;charset=utf-8", "structure", {constraint}),
         with_type((type + "; charset=utf-8").c_str()));
  b.emit(meant_valid("content_type.uppercase", "media types compare case-insensitively", "structure", {constraint}),
         with_type(upper.c_str()));
  const std::pair<const char*, const char*> wrong[] = {{"missing", nullptr},
                                                       {"text_plain", "text/plain"},
                                                       {"form", "application/x-www-form-urlencoded"},
                                                       {"charset_latin1", "application/json; charset=latin1"},
                                                       {"empty", ""}};
  for (const auto& [suffix, value] : wrong) {
    Intent intent =
        meant_invalid(std::string("content_type.") + suffix,
                      std::string("a body with Content-Type ") + (value ? "'" + std::string(value) + "'" : "missing"),
                      "structure", constraint, Code::content_type, Location::header, "content-type");
    intent.speculative = intent.note_miss = true;  // another media type of the operation may take it
    b.emit(intent, with_type(value));
  }
}

void add_syntax(SuiteBuilder& b) {
  const std::string base = b.base_body().dump();  // an object: "{...}"
  if (base.empty() || base.front() != '{') {
    // Another root: the malformations that do not depend on the root's shape.
    const std::pair<const char*, std::string> broken[] = {
        {"trailing_garbage", base + " x"}, {"two_roots", base + " " + base}, {"whitespace_only", " \n\t "},
        {"bom", "\xEF\xBB\xBF" + base},    {"single_quotes", "'a'"},         {"nan", "NaN"}};
    for (const auto& [suffix, text] : broken) {
      Intent intent = meant_invalid(std::string("syntax.") + suffix, std::string("malformed JSON: ") + suffix,
                                    "structure", "", Code::syntax, Location::body, "");
      intent.speculative = intent.note_miss = true;
      b.emit_body_text(intent, text);
    }
    return;
  }
  const std::string inner = base.substr(1, base.size() - 2);
  const std::pair<const char*, std::string> broken[] = {
      {"trailing_garbage", base + " x"},
      {"two_roots", base + base},
      {"trailing_comma", "{" + inner + ",}"},
      {"unterminated_object", "{" + inner},
      {"missing_colon", "{\"a\" true}"},
      {"single_quotes", "{'a':1}"},
      {"unquoted_name", "{a:1}"},
      {"leading_zero", "{" + inner + ",\"n\":01}"},
      {"plus_sign", "{" + inner + ",\"n\":+1}"},
      {"bare_fraction", "{" + inner + ",\"n\":.5}"},
      {"nan", "{" + inner + ",\"n\":NaN}"},
      {"comment", "{" + inner + "/* c */}"},
      {"whitespace_only", " \n\t "},
      {"bom", "\xEF\xBB\xBF" + base},
      {"truncated_literal", "{" + inner + ",\"n\":tru}"},
      {"unterminated_string", "{\"abc"},
      {"bad_escape", "{\"a\\x\":1}"},
      {"raw_control_char", "{\"a\x01\":1}"},
  };
  for (const auto& [suffix, text] : broken) {
    b.emit_body_text(meant_invalid(std::string("syntax.") + suffix, std::string("malformed JSON: ") + suffix,
                                   "structure", "", Code::syntax, Location::body, ""),
                     text);
  }
}

// A member the contract does not know carries the bulk, so that exactly the limit is what is tested.
void add_limits(SuiteBuilder& b) {
  const Limits& limits = b.options().limits;
  const SchemaNode& root = b.plan().nodes[b.op().body];
  // The bulk member needs a plain object root: closed (it is `unknown`) or open to anything (it is accepted).
  if (!is_classic(root) || root.kind != NodeKind::object) {
    b.skip("limit", "the body's root is not a plain object, so no member can carry the bulk");
    return;
  }
  const bool closed = root.additional == kFalse;
  const std::string base = b.base_body().dump();
  const std::string head = base.substr(0, base.size() - 1) + (base.size() > 2 ? "," : "") + "\"bulk\":";
  auto limit_pair = [&](const std::string& name, const std::string& what, std::uint32_t value,
                        const std::string& at_limit, const std::string& past_limit, const std::string& limit_pointer) {
    // A limit no body within the body limit can reach (a caller's small max_body_bytes): no case, said so.
    if (head.size() + past_limit.size() + 1 > limits.max_body_bytes) {
      b.skip("limit." + name, "a body at this limit would pass the body limit of " +
                                  std::to_string(limits.max_body_bytes) + " bytes first");
      return;
    }
    Intent inside =
        closed ? meant_invalid("limit." + name + ".at_limit", what + " exactly at the limit " + std::to_string(value),
                               "limit", "", Code::unknown, Location::body, "/bulk")
               : meant_valid("limit." + name + ".at_limit", what + " exactly at the limit " + std::to_string(value),
                             "limit");
    inside.forbid_limit = true;
    b.emit_body_text(inside, head + at_limit + "}");
    b.emit_body_text(
        meant_invalid("limit." + name + ".past_limit", what + " one past the limit " + std::to_string(value), "limit",
                      "", Code::limit, Location::body, limit_pointer),
        head + past_limit + "}");
  };
  // Depth: the root object is level 1, so the bulk value may open max_depth - 1 containers.
  const std::uint32_t depth = limits.max_depth - 1;
  std::string zeros;
  for (std::uint32_t i = 0; i < depth; ++i) zeros += "/0";
  limit_pair("depth", "nesting", limits.max_depth, std::string(depth, '[') + std::string(depth, ']'),
             std::string(depth + 1, '[') + std::string(depth + 1, ']'), "/bulk" + zeros);
  auto items = [](std::uint32_t n) {
    std::string s = "[";
    for (std::uint32_t i = 0; i < n; ++i) s += i ? ",0" : "0";
    return s + "]";
  };
  limit_pair("items", "array items", limits.max_items, items(limits.max_items), items(limits.max_items + 1), "/bulk");
  auto members = [](std::uint32_t n) {
    std::string s = "{";
    for (std::uint32_t i = 0; i < n; ++i) s += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":0";
    return s + "}";
  };
  limit_pair("members", "object members", limits.max_members, members(limits.max_members),
             members(limits.max_members + 1), "/bulk");
  limit_pair("string_bytes", "string bytes", limits.max_string_bytes,
             "\"" + std::string(limits.max_string_bytes, 'a') + "\"",
             "\"" + std::string(limits.max_string_bytes + 1, 'a') + "\"", "/bulk");
  // 100,000 levels, or as many as fit in the body limit (which would otherwise be what stops the bomb).
  const std::size_t room = limits.max_body_bytes > head.size() + 1 ? limits.max_body_bytes - head.size() - 1 : 0;
  const std::size_t bomb = std::min<std::size_t>(100000, room);
  if (bomb <= depth) {
    b.skip("limit.depth.bomb", "the body limit leaves no room for more nesting than the depth limit");
    return;
  }
  b.emit_body_text(meant_invalid("limit.depth.bomb",
                                 (bomb == 100000 ? std::string("100,000") : std::to_string(bomb)) +
                                     " nested arrays: rejected at the depth limit, no recursion",
                                 "limit", "", Code::limit, Location::body, "/bulk" + zeros),
                   head + std::string(bomb, '[') + "}");
}

}  // namespace

void add_structure_cases(SuiteBuilder& b) {
  add_empty_bodies(b);
  add_content_types(b);
  add_syntax(b);
  add_limits(b);
}

}  // namespace reqprobe::gen
