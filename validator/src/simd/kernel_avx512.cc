// The AVX-512 kernel (F and BW): 64 bytes at a time, as the AVX2 kernel does with 32. Masked loads read the tail
// without a copy and without touching bytes past the end, and comparisons give bit masks directly.
#include "string_kernels.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#include "ascii_run.h"
#include "utf8_tables.h"

// GCC 12's AVX-512 headers build some vectors from _mm512_undefined_epi32(), a deliberately uninitialised value,
// and then warn about it once inlined (GCC bug 105593); nothing here reads an undefined lane.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#define REQPROBE_AVX512 __attribute__((target("avx512f,avx512bw,popcnt")))

namespace reqprobe::detail::simd {
namespace {

constexpr std::size_t kWidth = 64;

REQPROBE_AVX512 inline __m512i table(const std::array<std::uint8_t, 16>& t) {
  return _mm512_broadcast_i32x4(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t.data())));
}

struct Tables {
  __m512i high_of_prev, low_of_prev, high_of_cur, last_three;
};

REQPROBE_AVX512 inline Tables make_tables() {
  return {table(utf8_tables::kHighOfPrev), table(utf8_tables::kLowOfPrev), table(utf8_tables::kHighOfCur),
          _mm512_loadu_si512(utf8_tables::kUnfinishedLimits<kWidth>.data())};
}

// Bits set where the block's bytes, read after `prev` (the block before), are not valid UTF-8.
REQPROBE_AVX512 inline __m512i utf8_errors(__m512i input, __m512i prev, const Tables& t) {
  // Lane i of `carried` is lane i-1 of input (lane 0: prev's last lane), so alignr within lanes shifts across them.
  const __m512i carried = _mm512_alignr_epi32(input, prev, 12);
  const __m512i prev1 = _mm512_alignr_epi8(input, carried, 15);
  const __m512i prev2 = _mm512_alignr_epi8(input, carried, 14);
  const __m512i prev3 = _mm512_alignr_epi8(input, carried, 13);
  const __m512i nibble = _mm512_set1_epi8(0x0F);
  const __m512i pair = _mm512_and_si512(
      _mm512_and_si512(_mm512_shuffle_epi8(t.high_of_prev, _mm512_and_si512(_mm512_srli_epi16(prev1, 4), nibble)),
                       _mm512_shuffle_epi8(t.low_of_prev, _mm512_and_si512(prev1, nibble))),
      _mm512_shuffle_epi8(t.high_of_cur, _mm512_and_si512(_mm512_srli_epi16(input, 4), nibble)));
  // Where a third or fourth byte is due, two continuation bytes in a row are required; elsewhere forbidden.
  const __m512i due = _mm512_or_si512(_mm512_subs_epu8(prev2, _mm512_set1_epi8(static_cast<char>(0xDF))),
                                      _mm512_subs_epu8(prev3, _mm512_set1_epi8(static_cast<char>(0xEF))));
  const __mmask64 due_mask = _mm512_test_epi8_mask(due, due);
  return _mm512_xor_si512(pair, _mm512_maskz_mov_epi8(due_mask, _mm512_set1_epi8(static_cast<char>(0x80))));
}

REQPROBE_AVX512 inline __mmask64 stop_bytes(__m512i v) {
  return _mm512_cmplt_epu8_mask(v, _mm512_set1_epi8(0x20)) | _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('"')) |
         _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\\'));
}

}  // namespace

REQPROBE_AVX512 SegmentScan scan_segment_avx512(const unsigned char* p, std::size_t n) noexcept {
  // Under half a block (the last strings of a body): the table set-up would cost more than the bytes.
  if (n < kWidth / 2) return scan_segment_portable(p, n);
  const Tables t = make_tables();
  __m512i errors = _mm512_setzero_si512(), prev = _mm512_setzero_si512(), unfinished = _mm512_setzero_si512();
  std::size_t i = 0, count = 0;
  bool ascii_before = true;
  while (i < n) {
    // Only after a plain-ASCII block (or at the start): inside multi-byte text the test would fail every time.
    if (const std::size_t run = ascii_before ? plain_ascii_run(p + i, n - i) : 0; run != 0) {
      errors = _mm512_or_si512(errors, unfinished);  // a sequence the block before left open
      unfinished = _mm512_setzero_si512();
      i += run;
      count += run;
      prev = _mm512_loadu_si512(p + i - kWidth);
    }
    if (i >= n) break;
    const std::size_t available = n - i;
    const __mmask64 loaded = available >= kWidth ? ~0ull : (1ull << available) - 1;
    __m512i input = _mm512_maskz_loadu_epi8(loaded, p + i);  // bytes past the end read as NUL and are not looked at
    const __mmask64 stops = stop_bytes(input) & loaded;
    const std::size_t take =
        stops != 0 ? static_cast<std::size_t>(__builtin_ctzll(stops)) : (available < kWidth ? available : kWidth);
    const __mmask64 kept = take >= kWidth ? ~0ull : (1ull << take) - 1;
    input = _mm512_maskz_mov_epi8(kept, input);  // what follows the segment reads as NUL, so a cut sequence shows
    const __mmask64 non_ascii = _mm512_movepi8_mask(input);
    ascii_before = non_ascii == 0;
    if (ascii_before) {
      errors = _mm512_or_si512(errors, unfinished);  // a sequence the block before left open
      unfinished = _mm512_setzero_si512();
      count += take;
    } else {
      errors = _mm512_or_si512(errors, utf8_errors(input, prev, t));
      unfinished = _mm512_subs_epu8(input, t.last_three);
      const __mmask64 starts = _mm512_cmpgt_epi8_mask(input, _mm512_set1_epi8(static_cast<char>(0xBF)));
      count += static_cast<std::size_t>(__builtin_popcountll(starts & kept));
    }
    prev = input;
    i += take;
    if (take < kWidth) break;  // a stop byte, or the end
  }
  errors = _mm512_or_si512(errors, unfinished);
  if (_mm512_test_epi8_mask(errors, errors) != 0) return scan_segment_portable(p, n);
  SegmentScan scan;
  scan.length = i;
  scan.code_points = count;
  return scan;
}

}  // namespace reqprobe::detail::simd
#endif
