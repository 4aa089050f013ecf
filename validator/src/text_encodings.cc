// Byte-level text encodings used by case files: strict base64 and UTF-8 checks. Own code, so the strictness
// rules (one encoding per byte string) are ours and tested, not a library's defaults.
#include <array>

#include "reqprobe/case_file.h"
#include "utf8.h"

namespace reqprobe {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr unsigned char kNotBase64 = 0xff;

constexpr std::array<unsigned char, 256> make_decode_table() {
  std::array<unsigned char, 256> table{};
  for (auto& entry : table) entry = kNotBase64;
  for (unsigned char i = 0; i < 64; ++i) table[static_cast<unsigned char>(kAlphabet[i])] = i;
  return table;
}
constexpr std::array<unsigned char, 256> kDecode = make_decode_table();

}  // namespace

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t group = (std::uint32_t{s[i]} << 16) | (std::uint32_t{s[i + 1]} << 8) | s[i + 2];
    out.push_back(kAlphabet[(group >> 18) & 63]);
    out.push_back(kAlphabet[(group >> 12) & 63]);
    out.push_back(kAlphabet[(group >> 6) & 63]);
    out.push_back(kAlphabet[group & 63]);
  }
  const std::size_t rest = bytes.size() - i;
  if (rest == 1) {
    const std::uint32_t group = std::uint32_t{s[i]} << 16;
    out.push_back(kAlphabet[(group >> 18) & 63]);
    out.push_back(kAlphabet[(group >> 12) & 63]);
    out += "==";
  } else if (rest == 2) {
    const std::uint32_t group = (std::uint32_t{s[i]} << 16) | (std::uint32_t{s[i + 1]} << 8);
    out.push_back(kAlphabet[(group >> 18) & 63]);
    out.push_back(kAlphabet[(group >> 12) & 63]);
    out.push_back(kAlphabet[(group >> 6) & 63]);
    out.push_back('=');
  }
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::size_t padding = 0;
  if (!text.empty() && text.back() == '=') padding = text[text.size() - 2] == '=' ? 2 : 1;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    const std::size_t data_chars = last ? 4 - padding : 4;
    std::uint32_t group = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      group <<= 6;
      if (k >= data_chars) continue;  // a padding '=' (checked to be at the very end)
      const unsigned char value = kDecode[static_cast<unsigned char>(text[i + k])];
      if (value == kNotBase64) return std::nullopt;  // includes '=' before the final padding
      group |= value;
    }
    out.push_back(static_cast<char>((group >> 16) & 0xff));
    if (data_chars >= 3) out.push_back(static_cast<char>((group >> 8) & 0xff));
    if (data_chars == 4) out.push_back(static_cast<char>(group & 0xff));
    // Bits that no output byte uses must be zero: otherwise "QR==" and "QQ==" would both decode to "A".
    if (data_chars == 2 && (group & 0xffff) != 0) return std::nullopt;
    if (data_chars == 3 && (group & 0xff) != 0) return std::nullopt;
  }
  return out;
}

bool is_valid_utf8(std::string_view bytes) noexcept {
  std::uint32_t code_points = 0;
  return detail::utf8_count(bytes, code_points);
}

std::string utf8_or_replacement(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  for (std::size_t i = 0; i < bytes.size();) {
    if (s[i] < 0x80) {
      out.push_back(static_cast<char>(s[i++]));
      continue;
    }
    const std::size_t length = detail::utf8_sequence_length(s, i, bytes.size());
    if (length == 0) {
      detail::utf8_append(out, 0xFFFD);  // one replacement per invalid byte: simple and deterministic
      ++i;
    } else {
      out.append(bytes.substr(i, length));
      i += length;
    }
  }
  return out;
}

}  // namespace reqprobe
