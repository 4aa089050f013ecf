// UTF-8 decoding steps shared by the JSON string scanner and the parameter checks (RFC 3629: no overlongs, no
// surrogates, nothing above U+10FFFF).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace reqprobe::detail {

/// What a lead byte allows (RFC 3629 table 3-7): the sequence length (0: not a lead byte) and the range of the
/// second byte, which is where overlongs, surrogates and code points past U+10FFFF are excluded.
struct Utf8Lead {
  std::uint8_t length = 0;
  std::uint8_t second_lo = 0x80;
  std::uint8_t second_hi = 0xBF;
};

inline constexpr std::array<Utf8Lead, 256> kUtf8Leads = [] {
  std::array<Utf8Lead, 256> t{};
  for (int b = 0xC2; b <= 0xDF; ++b) t[b] = {2, 0x80, 0xBF};
  for (int b = 0xE0; b <= 0xEF; ++b) t[b] = {3, 0x80, 0xBF};
  t[0xE0].second_lo = 0xA0;  // no overlong 3-byte forms
  t[0xED].second_hi = 0x9F;  // no UTF-16 surrogates
  for (int b = 0xF0; b <= 0xF4; ++b) t[b] = {4, 0x80, 0xBF};
  t[0xF0].second_lo = 0x90;  // no overlong 4-byte forms
  t[0xF4].second_hi = 0x8F;  // nothing above U+10FFFF
  return t;
}();

/// Length of the valid UTF-8 sequence starting at s[i] (a non-ASCII lead byte), or 0 when it is invalid. A table
/// lookup and one range check per byte: this runs on every non-ASCII character of a body.
[[nodiscard]] inline std::size_t utf8_sequence_length(const unsigned char* s, std::size_t i, std::size_t n) noexcept {
  const Utf8Lead lead = kUtf8Leads[s[i]];
  if (lead.length == 0 || n - i < lead.length) return 0;
  if (static_cast<unsigned>(s[i + 1] - lead.second_lo) > static_cast<unsigned>(lead.second_hi - lead.second_lo))
    return 0;
  if (lead.length >= 3 && (s[i + 2] & 0xC0) != 0x80) return 0;
  if (lead.length == 4 && (s[i + 3] & 0xC0) != 0x80) return 0;
  return lead.length;
}

/// Counts code points of a byte string; returns false when it is not valid UTF-8.
[[nodiscard]] inline bool utf8_count(std::string_view text, std::uint32_t& code_points) noexcept {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  // All ASCII is the common case (names, IDs, enum values): words, then the last word read overlapping, so a short
  // value costs two loads rather than a byte loop over its tail.
  constexpr std::uint64_t kHigh = 0x8080808080808080ull;
  std::size_t start = 0;
  if (n >= 8) {
    std::uint64_t word = 0;
    while (start + 8 <= n) {
      std::memcpy(&word, s + start, 8);
      if ((word & kHigh) != 0) break;
      start += 8;
    }
    if (start + 8 > n) {
      std::memcpy(&word, s + n - 8, 8);
      if ((word & kHigh) == 0) {
        code_points = static_cast<std::uint32_t>(n);
        return true;
      }
    }
  } else if (n >= 4) {
    std::uint32_t head = 0, tail = 0;
    std::memcpy(&head, s, 4);
    std::memcpy(&tail, s + n - 4, 4);
    if (((head | tail) & 0x80808080u) == 0) {
      code_points = static_cast<std::uint32_t>(n);
      return true;
    }
  }
  std::uint32_t count = static_cast<std::uint32_t>(start);  // the words before `start` were ASCII
  for (std::size_t i = start; i < n;) {
    if (i + 8 <= n) {  // eight ASCII bytes at a time: tokens and IDs are long and plain
      std::uint64_t word = 0;
      std::memcpy(&word, s + i, 8);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        count += 8;
        continue;
      }
    }
    if (s[i] < 0x80) {
      ++i;
    } else {
      const std::size_t len = utf8_sequence_length(s, i, n);
      if (len == 0) return false;
      i += len;
    }
    ++count;
  }
  code_points = count;
  return true;
}

/// Appends code point cp (already known valid) as UTF-8.
template <class String>
inline void utf8_append(String& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace reqprobe::detail
