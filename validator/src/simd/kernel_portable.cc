// The portable kernel: words of eight plain ASCII bytes at a time, then the table-driven decoder of utf8.h. It is
// the reference the vector kernels are tested against, and the one they fall back to on invalid UTF-8, so every
// kernel counts an invalid byte the same way.
#include <cstring>

#include "scalar_step.h"
#include "string_kernels.h"

namespace reqprobe::detail::simd {
namespace {

constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHigh = 0x8080808080808080ull;

// Some byte of `word` is zero (exact for existence, which is all the caller asks).
constexpr std::uint64_t has_zero_byte(std::uint64_t word) {
  return (word - kOnes) & ~word & kHigh;
}

// Some byte is '"', '\\', below 0x20 or non-ASCII: the word needs a closer look.
constexpr bool needs_look(std::uint64_t word) {
  const std::uint64_t below_space = (word - 0x20 * kOnes) & ~word & kHigh;
  return ((word & kHigh) | below_space | has_zero_byte(word ^ ('"' * kOnes)) | has_zero_byte(word ^ ('\\' * kOnes))) !=
         0;
}

}  // namespace

SegmentScan scan_segment_portable(const unsigned char* p, std::size_t n) noexcept {
  SegmentScan scan;
  std::size_t i = 0, count = 0;
  while (i < n) {
    if (n - i >= 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, p + i, 8);
      if (!needs_look(word)) {
        i += 8;
        count += 8;
        continue;
      }
    }
    if (!scalar_step(p, n, i, count, scan)) break;
  }
  scan.length = i;
  scan.code_points = count;
  return scan;
}

}  // namespace reqprobe::detail::simd
