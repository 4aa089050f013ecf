#include "report_escape.h"

#include <cstdio>

#include "printable_text.h"
#include "reqprobe/case_file.h"

namespace reqprobe::replay {
namespace {

void append_format(std::string& out, const char* format, unsigned value) {
  char text[16];
  std::snprintf(text, sizeof text, format, value);
  out += text;
}

}  // namespace

std::string json_quote(std::string_view bytes) {
  const std::string text = is_valid_utf8(bytes) ? std::string(bytes) : utf8_or_replacement(bytes);
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  for (std::size_t at = 0; at < text.size();) {
    const char c = text[at];
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80) {  // valid UTF-8 here: C1 controls are escaped, everything else copied whole
      char32_t code_point = 0;
      const std::size_t length = utf8_sequence(text, at, code_point);
      if (code_point <= 0x9f)
        append_format(out, "\\u%04x", static_cast<unsigned>(code_point));
      else
        out.append(text, at, length);
      at += length;
      continue;
    }
    ++at;
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
        if (byte < 0x20 || byte == 0x7f)
          append_format(out, "\\u%04x", byte);
        else
          out += c;
    }
  }
  out += '"';
  return out;
}

std::string xml_escape(std::string_view bytes) {
  const std::string text = is_valid_utf8(bytes) ? std::string(bytes) : utf8_or_replacement(bytes);
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const char c = text[at];
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80) {
      char32_t code_point = 0;
      const std::size_t length = utf8_sequence(text, at, code_point);
      if (code_point <= 0x9f)
        append_format(out, "&#x%X;", static_cast<unsigned>(code_point));
      else if (code_point == 0xfffe || code_point == 0xffff)
        append_format(out, "\\u%04X", static_cast<unsigned>(code_point));  // not an XML 1.0 character
      else
        out.append(text, at, length);
      at += length;
      continue;
    }
    ++at;
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
      case '\t':
      case '\n':
      case '\r':
      case '\x7f':
        append_format(out, "&#x%X;", byte);
        break;
      default:
        if (byte < 0x20)
          append_format(out, "\\x%02x", byte);  // XML 1.0 has no way to write these, not even as references
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
