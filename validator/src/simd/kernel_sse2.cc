// The SSE2 kernel, the x86-64 baseline: sixteen bytes at a time past plain ASCII, the portable decoder for each
// multi-byte character (SSE2 has no byte shuffle for the table lookups of the wider kernels).
#include "string_kernels.h"

#if defined(__x86_64__) || defined(__i386__)
#include <emmintrin.h>

#include "scalar_step.h"

namespace reqprobe::detail::simd {

__attribute__((target("sse2"))) SegmentScan scan_segment_sse2(const unsigned char* p, std::size_t n) noexcept {
  SegmentScan scan;
  std::size_t i = 0, count = 0;
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), space = _mm_set1_epi8(0x20);
  while (i < n) {
    if (n - i >= 16 && p[i] < 0x80) {  // after a multi-byte character the next is likely one too: stay scalar
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      // Signed compare: non-ASCII bytes are negative, so one compare finds controls and non-ASCII alike.
      const __m128i look =
          _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)), _mm_cmplt_epi8(v, space));
      const auto mask = static_cast<unsigned>(_mm_movemask_epi8(look));
      if (mask == 0) {
        i += 16;
        count += 16;
        continue;
      }
      const auto skip = static_cast<unsigned>(__builtin_ctz(mask));
      i += skip;
      count += skip;
    }
    if (!scalar_step(p, n, i, count, scan)) break;
  }
  scan.length = i;
  scan.code_points = count;
  return scan;
}

}  // namespace reqprobe::detail::simd
#endif
