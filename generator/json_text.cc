#include "json_text.h"

#include <algorithm>

namespace reqprobe::gen {

Json Json::raw(std::string lexeme) {
  Json j;
  j.text = std::move(lexeme);
  return j;
}

Json Json::object() {
  Json j;
  j.kind = Kind::object;
  return j;
}

Json Json::array() {
  Json j;
  j.kind = Kind::array;
  return j;
}

void Json::dump_to(std::string& out) const {
  switch (kind) {
    case Kind::raw:
      out += text;
      return;
    case Kind::object:
      out.push_back('{');
      for (std::size_t i = 0; i < members.size(); ++i) {
        if (i) out.push_back(',');
        out += members[i].name;
        out.push_back(':');
        members[i].value.dump_to(out);
      }
      out.push_back('}');
      return;
    case Kind::array:
      out.push_back('[');
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out.push_back(',');
        items[i].dump_to(out);
      }
      out.push_back(']');
      return;
  }
}

std::string Json::dump() const {
  std::string out;
  dump_to(out);
  return out;
}

Json* Json::find(std::string_view name) {
  const std::string lexeme = quote(name);
  for (auto& member : members)
    if (member.name == lexeme) return &member.value;
  return nullptr;
}

const Json* Json::find(std::string_view name) const {
  return const_cast<Json*>(this)->find(name);
}

Json& Json::set(std::string_view name, Json value) {
  if (Json* existing = find(name)) {
    *existing = std::move(value);
    return *existing;
  }
  members.push_back(JsonMember{quote(name), std::move(value)});
  return members.back().value;
}

void Json::erase(std::string_view name) {
  const std::string lexeme = quote(name);
  members.erase(std::remove_if(members.begin(), members.end(), [&](const auto& m) { return m.name == lexeme; }),
                members.end());
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::string quote(std::string_view utf8) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(utf8.size() + 2);
  out.push_back('"');
  for (const char c : utf8) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (u < 0x20) {
      out += "\\u00";
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
  return out;
}

}  // namespace reqprobe::gen
