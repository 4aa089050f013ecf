#include "printable_text.h"

#include <cstdio>

namespace reqprobe::replay {
namespace {

bool plain_ascii(unsigned char byte) noexcept {
  return byte >= 0x20 && byte < 0x7f;
}

void append_hex(std::string& out, unsigned char byte) {
  char escape[8];
  std::snprintf(escape, sizeof escape, "\\x%02x", static_cast<unsigned>(byte));
  out += escape;
}

}  // namespace

std::size_t utf8_sequence(std::string_view bytes, std::size_t at, char32_t& code_point) noexcept {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  }
  // Lead byte: sequence length, its payload bits, and the smallest code point that length may encode.
  struct Form {
    std::size_t length;
    unsigned char payload_mask;
    char32_t minimum;
  };
  Form form{0, 0, 0};
  if (lead >= 0xc2 && lead <= 0xdf)
    form = {2, 0x1f, 0x80};
  else if (lead >= 0xe0 && lead <= 0xef)
    form = {3, 0x0f, 0x800};
  else if (lead >= 0xf0 && lead <= 0xf4)
    form = {4, 0x07, 0x10000};
  else
    return 0;
  const std::size_t length = form.length;
  const char32_t minimum = form.minimum;
  char32_t value = lead & form.payload_mask;
  if (bytes.size() - at < length) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xc0) != 0x80) return 0;
    value = (value << 6) | (byte(at + i) & 0x3f);
  }
  if (value < minimum || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return 0;
  code_point = value;
  return length;
}

bool is_printable_text(std::string_view bytes) noexcept {
  for (std::size_t at = 0; at < bytes.size();) {
    if (plain_ascii(static_cast<unsigned char>(bytes[at]))) {
      ++at;
      continue;
    }
    char32_t code_point = 0;
    const std::size_t length = utf8_sequence(bytes, at, code_point);
    if (length < 2 || code_point <= 0x9f) return false;  // a control, DEL, a C1 control or invalid UTF-8
    at += length;
  }
  return true;
}

std::string printable_text(std::string_view bytes) {
  if (is_printable_text(bytes)) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() + 16);
  for (std::size_t at = 0; at < bytes.size();) {
    const auto byte = static_cast<unsigned char>(bytes[at]);
    if (plain_ascii(byte)) {
      out += bytes[at++];
      continue;
    }
    char32_t code_point = 0;
    const std::size_t length = utf8_sequence(bytes, at, code_point);
    if (length == 1) {  // a C0 control or DEL
      if (byte == '\n')
        out += "\\n";
      else if (byte == '\r')
        out += "\\r";
      else if (byte == '\t')
        out += "\\t";
      else
        append_hex(out, byte);
      ++at;
    } else if (length == 0) {
      append_hex(out, byte);  // one byte at a time: the next one may start a valid sequence
      ++at;
    } else if (code_point <= 0x9f) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(code_point));
      out += escape;
      at += length;
    } else {
      out.append(bytes.substr(at, length));
      at += length;
    }
  }
  return out;
}

}  // namespace reqprobe::replay
