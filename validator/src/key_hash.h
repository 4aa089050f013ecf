// The hash that places property names in each object's lookup table; the loader and the engine must agree.
#pragma once

#include <cstdint>
#include <string_view>

namespace reqprobe::detail {

/// FNV-1a, 32-bit: keys are short (under 32 bytes in practice), so a byte loop beats anything clever here.
[[nodiscard]] inline std::uint32_t key_hash(std::string_view key) noexcept {
  std::uint32_t h = 2166136261u;
  for (const char c : key) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}

}  // namespace reqprobe::detail
