// One character of string content, the scalar way: shared by the portable and SSE2 kernels.
#pragma once

#include <cstddef>

#include "../utf8.h"
#include "string_kernels.h"

namespace reqprobe::detail::simd {

/// Steps over the character at p[i] and counts it; false (nothing consumed) when p[i] is a stop byte. An invalid
/// byte clears scan.utf8_ok and counts as one character. Continuation bytes are never stop bytes, so a sequence
/// that runs into the stop byte is cut short and invalid.
[[gnu::always_inline]] inline bool scalar_step(const unsigned char* p, std::size_t n, std::size_t& i,
                                               std::size_t& count, SegmentScan& scan) noexcept {
  const unsigned char c = p[i];
  if (c < 0x80) {
    if (c == '"' || c == '\\' || c < 0x20) return false;
    ++i;
  } else if (const std::size_t length = utf8_sequence_length(p, i, n); length != 0) {
    i += length;
  } else {
    scan.utf8_ok = false;
    ++i;  // resynchronise on the next byte
  }
  ++count;
  return true;
}

}  // namespace reqprobe::detail::simd
