// JSON as text pieces: a tiny tree whose scalars are exact lexemes, so generated cases can hold what a
// serialiser never writes ("1e400", "-0", raw invalid bytes, duplicate keys, escaped names).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reqprobe::gen {

struct JsonMember;

struct Json {
  enum class Kind : unsigned char { raw, object, array };
  Kind kind = Kind::raw;
  std::string text;                 ///< raw: the exact lexeme
  std::vector<JsonMember> members;  ///< object, in insertion order
  std::vector<Json> items;          ///< array

  [[nodiscard]] static Json raw(std::string lexeme);
  [[nodiscard]] static Json object();
  [[nodiscard]] static Json array();

  /// Compact text, members in insertion order.
  [[nodiscard]] std::string dump() const;
  void dump_to(std::string& out) const;

  /// The member whose name lexeme is quote(name), or null.
  [[nodiscard]] Json* find(std::string_view name);
  [[nodiscard]] const Json* find(std::string_view name) const;
  /// Replaces the member's value, or appends the member.
  Json& set(std::string_view name, Json value);
  void erase(std::string_view name);
};

/// One object member: its name as a lexeme (quotes and escapes included, so names can be written any way) and its
/// value.
struct JsonMember {
  std::string name;
  Json value;
};

/// The JSON string lexeme of UTF-8 text: quotes, and escapes only where JSON requires them.
[[nodiscard]] std::string quote(std::string_view utf8);

/// Appends code point `c` as UTF-8 (surrogates too, as three bytes: generated cases may need them).
void append_utf8(std::string& out, char32_t c);

}  // namespace reqprobe::gen
