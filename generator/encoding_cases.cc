// Encoding cases on the first free-text string field of the body: invalid UTF-8 (overlong, truncated, surrogate
// bytes, beyond U+10FFFF, stray continuation), lone surrogate escapes, NUL, and a broken member name.
#include "suite_builder.h"

namespace reqprobe::gen {
namespace {

const FieldPath* free_text_field(const std::vector<FieldPath>& fields, const Plan& plan) {
  for (const FieldPath& field : fields) {
    const SchemaNode& node = plan.nodes[field.node];
    if (!node.general && node.kind == NodeKind::string && node.enum_count == 0 && node.max_length >= 8 &&
        node.min_length <= 3)
      return &field;
  }
  return nullptr;
}

}  // namespace

void add_encoding_cases(SuiteBuilder& b) {
  const std::vector<FieldPath> fields = b.body_fields();
  const FieldPath* field = free_text_field(fields, b.plan());
  if (field == nullptr) return;
  const std::string& at = field->pointer;
  const std::string parent = at.substr(0, at.rfind('/'));
  // The body with the field's string content set to `content` (already JSON-escaped as wanted).
  auto body_with = [&](std::string_view content) {
    std::string lexeme(1, '"');
    lexeme.append(content);
    lexeme.push_back('"');
    Json body = b.base_body();
    b.slot(body, *field) = Json::raw(std::move(lexeme));
    b.repair(body, at);
    return body.dump();
  };
  const std::pair<const char*, const char*> bad_bytes[] = {
      {"overlong_slash", "a\xC0\xAF"},         {"overlong_three_byte", "a\xE0\x80\xAF"},
      {"truncated_sequence", "a\xE2\x82"},     {"surrogate_bytes", "a\xED\xA0\x80"},
      {"beyond_u10ffff", "a\xF4\x90\x80\x80"}, {"lead_byte_f5", "a\xF5\x80\x80\x80"},
      {"stray_continuation", "a\x80"},         {"byte_ff", "a\xFF"},
  };
  for (const auto& [suffix, bytes] : bad_bytes) {
    b.emit_body_text(meant_invalid(std::string("encoding.utf8.") + suffix, at + ": invalid UTF-8 (" + suffix + ")",
                                   "encoding", "", Code::encoding, Location::body, at),
                     body_with(bytes));
  }
  const std::pair<const char*, const char*> lone[] = {{"lone_high", "a\\ud800"},
                                                      {"lone_low", "a\\udc00"},
                                                      {"high_then_text", "\\ud800x"},
                                                      {"two_highs", "\\ud800\\ud800"},
                                                      {"reversed_pair", "\\ude00\\ud83d"}};
  for (const auto& [suffix, escapes] : lone) {
    b.emit_body_text(
        meant_invalid(std::string("encoding.surrogate.") + suffix, at + ": lone surrogate escape (" + suffix + ")",
                      "encoding", "", Code::encoding, Location::body, at),
        body_with(escapes));
  }
  b.emit_body_text(
      meant_valid("encoding.nul_escape", at + ": \\u0000 inside a string counts as one code point (D7)", "encoding"),
      body_with("a\\u0000b"));
  b.emit_body_text(
      meant_valid("encoding.valid_pair", at + ": a surrogate pair escape is one valid code point", "encoding"),
      body_with("\\ud83d\\ude00"));
  b.emit_body_text(meant_invalid("encoding.raw_nul", at + ": a raw NUL byte must be escaped in JSON", "encoding", "",
                                 Code::syntax, Location::body, parent),
                   body_with(std::string_view("a\0b", 3)));
  Json body = b.base_body();
  body.members.push_back(JsonMember{"\"bad\xC0\xAFname\"", Json::raw("1")});
  b.emit_body(meant_invalid("encoding.member_name", "a member name with invalid UTF-8", "encoding", "", Code::encoding,
                            Location::body, ""),
              body);
}

}  // namespace reqprobe::gen
