// The AVX2 kernel: 32 bytes at a time. Each block is searched for its stop byte; the bytes before it are checked
// as UTF-8 with the nibble tables of utf8_tables.h and counted as the bytes that are not continuation bytes.
// Plain-ASCII blocks skip the table work. On any UTF-8 error the segment is re-read by the portable kernel, which
// counts invalid bytes its own way: errors are rare and every kernel must answer the same.
#include "string_kernels.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#include "ascii_run.h"
#include "utf8_tables.h"

#define REQPROBE_AVX2 __attribute__((target("avx2,popcnt")))

namespace reqprobe::detail::simd {
namespace {

constexpr std::size_t kWidth = 32;

// 32 bytes of 0xFF then 32 of 0x00: loading at kPrefix + 32 - k keeps the first k bytes of a block.
alignas(64) constexpr unsigned char kPrefix[64] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                                   0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                                   0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};

REQPROBE_AVX2 inline __m256i table(const std::array<std::uint8_t, 16>& t) {
  return _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t.data())));
}

struct Tables {
  __m256i high_of_prev, low_of_prev, high_of_cur, last_three;
};

REQPROBE_AVX2 inline Tables make_tables() {
  return {table(utf8_tables::kHighOfPrev), table(utf8_tables::kLowOfPrev), table(utf8_tables::kHighOfCur),
          _mm256_loadu_si256(reinterpret_cast<const __m256i*>(utf8_tables::kUnfinishedLimits<kWidth>.data()))};
}

// Bits set where the block's bytes, read after `prev` (the block before), are not valid UTF-8.
REQPROBE_AVX2 inline __m256i utf8_errors(__m256i input, __m256i prev, const Tables& t) {
  const __m256i carried = _mm256_permute2x128_si256(prev, input, 0x21);  // prev's high lane, input's low lane
  const __m256i prev1 = _mm256_alignr_epi8(input, carried, 15);
  const __m256i prev2 = _mm256_alignr_epi8(input, carried, 14);
  const __m256i prev3 = _mm256_alignr_epi8(input, carried, 13);
  const __m256i nibble = _mm256_set1_epi8(0x0F);
  const __m256i pair = _mm256_and_si256(
      _mm256_and_si256(_mm256_shuffle_epi8(t.high_of_prev, _mm256_and_si256(_mm256_srli_epi16(prev1, 4), nibble)),
                       _mm256_shuffle_epi8(t.low_of_prev, _mm256_and_si256(prev1, nibble))),
      _mm256_shuffle_epi8(t.high_of_cur, _mm256_and_si256(_mm256_srli_epi16(input, 4), nibble)));
  // Where a third or fourth byte is due, two continuation bytes in a row are required; elsewhere forbidden.
  const __m256i due = _mm256_or_si256(_mm256_subs_epu8(prev2, _mm256_set1_epi8(static_cast<char>(0xDF))),
                                      _mm256_subs_epu8(prev3, _mm256_set1_epi8(static_cast<char>(0xEF))));
  const __m256i due_bit =
      _mm256_and_si256(_mm256_cmpgt_epi8(due, _mm256_setzero_si256()), _mm256_set1_epi8(static_cast<char>(0x80)));
  return _mm256_xor_si256(pair, due_bit);
}

REQPROBE_AVX2 inline unsigned stop_bytes(__m256i v) {
  return static_cast<unsigned>(_mm256_movemask_epi8(stop_vector(v)));
}

}  // namespace

REQPROBE_AVX2 SegmentScan scan_segment_avx2(const unsigned char* p, std::size_t n) noexcept {
  // Under one block (the last strings of a body): the table set-up would cost more than the bytes.
  if (n < kWidth) return scan_segment_portable(p, n);
  const Tables t = make_tables();
  __m256i errors = _mm256_setzero_si256(), prev = _mm256_setzero_si256(), unfinished = _mm256_setzero_si256();
  std::size_t i = 0, count = 0;
  bool ascii_before = true;
  while (i < n) {
    // Only after a plain-ASCII block (or at the start): inside multi-byte text the test would fail every time.
    if (const std::size_t run = ascii_before ? plain_ascii_run(p + i, n - i) : 0; run != 0) {
      errors = _mm256_or_si256(errors, unfinished);  // a sequence the block before left open
      unfinished = _mm256_setzero_si256();
      i += run;
      count += run;
      prev = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i - kWidth));
    }
    if (i >= n) break;
    const std::size_t available = n - i;
    if (available < kWidth) {
      // The input ends within a block. Copying the tail into a buffer and loading it as a vector stalls on store
      // forwarding; the portable kernel reads it instead, unless a character crosses into it from the block
      // before (then it re-reads the whole segment, which is rare: only at the very end of a body).
      if (!_mm256_testz_si256(unfinished, unfinished) || !_mm256_testz_si256(errors, errors))
        return scan_segment_portable(p, n);
      const SegmentScan tail = scan_segment_portable(p + i, available);
      SegmentScan scan;
      scan.length = i + tail.length;
      scan.code_points = count + tail.code_points;
      scan.utf8_ok = tail.utf8_ok;
      return scan;
    }
    __m256i input = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    const unsigned stops = stop_bytes(input);
    const std::size_t take = stops != 0 ? static_cast<std::size_t>(__builtin_ctz(stops)) : kWidth;
    if (take < kWidth)  // what follows the segment reads as NUL: ASCII, so a sequence cut short shows as one
      input = _mm256_and_si256(input, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kPrefix + kWidth - take)));
    ascii_before = _mm256_movemask_epi8(input) == 0;
    if (ascii_before) {
      errors = _mm256_or_si256(errors, unfinished);  // a sequence the block before left open
      unfinished = _mm256_setzero_si256();
      count += take;
    } else {
      errors = _mm256_or_si256(errors, utf8_errors(input, prev, t));
      unfinished = _mm256_subs_epu8(input, t.last_three);
      const auto starts = static_cast<unsigned>(  // bytes that start a character
          _mm256_movemask_epi8(_mm256_cmpgt_epi8(input, _mm256_set1_epi8(static_cast<char>(0xBF)))));
      const unsigned kept = take >= kWidth ? ~0u : (1u << take) - 1;
      count += static_cast<std::size_t>(__builtin_popcount(starts & kept));
    }
    prev = input;
    i += take;
    if (take < kWidth) break;  // a stop byte
  }
  errors = _mm256_or_si256(errors, unfinished);
  if (!_mm256_testz_si256(errors, errors)) return scan_segment_portable(p, n);
  SegmentScan scan;
  scan.length = i;
  scan.code_points = count;
  return scan;
}

}  // namespace reqprobe::detail::simd
#endif
