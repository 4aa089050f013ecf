#include "json_text.h"

#include <cstdio>

#include "reqprobe/case_file.h"

namespace reqprobe::replay {

std::string json_quote(std::string_view bytes) {
  const std::string text = is_valid_utf8(bytes) ? std::string(bytes) : utf8_or_replacement(bytes);
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (byte < 0x20) {
          char escape[8];
          std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(byte));
          out += escape;
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

std::string xml_escape(std::string_view bytes) {
  const std::string text = is_valid_utf8(bytes) ? std::string(bytes) : utf8_or_replacement(bytes);
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (byte < 0x20 && c != '\n' && c != '\r' && c != '\t')
          out += "\xEF\xBF\xBD";  // XML 1.0 has no way to write these, not even as character references
        else
          out += c;
    }
  }
  return out;
}

std::string fixed3(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.3f", value);
  return text;
}

}  // namespace reqprobe::replay
