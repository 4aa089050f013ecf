// The hash that places declared property names in each object's lookup table; the loader and the engine must
// agree. Undeclared names, which a request chooses, go through the keyed hash in siphash.h instead.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace reqprobe::detail {

/// Places declared property names in each object's lookup table: O(1) per key (length, first and last 8 bytes),
/// not a loop over every byte. Weak against chosen collisions, which is harmless here: the table is fixed at
/// compile time, so a crafted key costs at most one probe sequence of that table. Never use it for a table a
/// request fills (KeySet uses SipHash with a secret key).
[[nodiscard]] inline std::uint32_t property_hash(std::string_view key) noexcept {
  const std::size_t n = key.size();
  const char* p = key.data();
  std::uint64_t a = 0;
  std::uint64_t b = 0;
  if (n >= 8) {
    std::memcpy(&a, p, 8);
    std::memcpy(&b, p + n - 8, 8);
  } else if (n >= 4) {
    std::uint32_t x = 0;
    std::uint32_t y = 0;
    std::memcpy(&x, p, 4);
    std::memcpy(&y, p + n - 4, 4);
    a = x;
    b = y;
  } else if (n > 0) {
    a = static_cast<unsigned char>(p[0]) | static_cast<unsigned char>(p[n / 2]) << 8 |
        static_cast<unsigned char>(p[n - 1]) << 16;
  }
  const std::uint64_t h = (a ^ (b * 0x9E3779B97F4A7C15ull) ^ n) * 0xC2B2AE3D27D4EB4Full;
  return static_cast<std::uint32_t>(h >> 32);
}

/// a == b for two keys, inline: member names are short, and a call to memcmp costs more than comparing them.
[[nodiscard]] inline bool same_key(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  auto word = [](const char* at) {
    std::uint64_t w = 0;
    std::memcpy(&w, at, 8);
    return w;
  };
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8)
      if (word(p + i) != word(q + i)) return false;
    return word(p + n - 8) == word(q + n - 8);  // the last 8 bytes, overlapping the loop's last word
  }
  for (std::size_t i = 0; i < n; ++i)
    if (p[i] != q[i]) return false;
  return true;
}

}  // namespace reqprobe::detail
