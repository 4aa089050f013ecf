// The plain-ASCII run shared by the AVX2 and AVX-512 kernels: long IDs, tokens and base64 values, 64 bytes a step
// with one test for stop bytes and non-ASCII bytes in both halves. 256-bit vectors in the AVX-512 kernel too: on
// the Zen 4 this was measured on, the 512-bit form (compares into mask registers) ran this loop slower.
#pragma once

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#include <cstddef>

namespace reqprobe::detail::simd {

// 0xFF where v holds '"', '\\' or a byte below 0x20.
__attribute__((target("avx2"))) inline __m256i stop_vector(__m256i v) {
  const __m256i control = _mm256_cmpeq_epi8(_mm256_min_epu8(v, _mm256_set1_epi8(0x1F)), v);  // v <= 0x1F
  const __m256i quote = _mm256_cmpeq_epi8(v, _mm256_set1_epi8('"'));
  const __m256i backslash = _mm256_cmpeq_epi8(v, _mm256_set1_epi8('\\'));
  return _mm256_or_si256(_mm256_or_si256(quote, backslash), control);
}

/// How many bytes from p, in whole steps of 64, are ASCII and not stop bytes (0 when the first step is not).
__attribute__((target("avx2"))) inline std::size_t plain_ascii_run(const unsigned char* p, std::size_t n) {
  std::size_t i = 0;
  for (; n - i >= 64; i += 64) {
    const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 32));
    const __m256i look = _mm256_or_si256(_mm256_or_si256(stop_vector(a), stop_vector(b)), _mm256_or_si256(a, b));
    if (_mm256_movemask_epi8(look) != 0) break;
  }
  return i;
}

}  // namespace reqprobe::detail::simd
#endif
