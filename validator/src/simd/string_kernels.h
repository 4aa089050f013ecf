// The byte kernels under JSON string scanning: find where a run of string content ends (the first '"', '\\' or
// control byte) and, for the bytes before it, check UTF-8 (RFC 3629) and count code points (D7). One portable
// version and one per x86 instruction set, all giving identical answers; the best one the CPU runs is chosen once,
// at first use.
//
// The vector UTF-8 check follows Keiser and Lemire, "Validating UTF-8 In Less Than One Instruction Per Byte"
// (Software: Practice and Experience, 2021): three 16-entry tables, looked up by the high and low nibble of the
// previous byte and the high nibble of the current one, flag every invalid pair of bytes; a third and fourth byte
// are checked by whether the byte two or three back is a three- or four-byte lead. The tables are derived in
// utf8_tables.h. Code points are the bytes that are not continuation bytes (10xxxxxx).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace reqprobe::detail::simd {

/// What a kernel found in p[0, n).
struct SegmentScan {
  std::size_t length = 0;       ///< bytes before the first '"', '\\' or byte below 0x20 (n when there is none)
  std::size_t code_points = 0;  ///< in those bytes; an invalid byte counts as one, as the resynchronising decoder
  bool utf8_ok = true;          ///< those bytes are valid UTF-8 (a sequence cut short by the stop byte is not)
};

using SegmentKernel = SegmentScan (*)(const unsigned char* p, std::size_t n) noexcept;

struct Kernels {
  std::string_view name;  ///< "portable", "sse2", "avx2", "avx512"
  SegmentKernel scan_segment = nullptr;
};

/// Every kernel this CPU can run, the portable one first and the fastest last.
[[nodiscard]] std::span<const Kernels* const> available_kernels() noexcept;

/// The kernel string scanning uses: the fastest available unless use_kernels chose another.
[[nodiscard]] const Kernels& active_kernels() noexcept;

/// For tests and benchmarks: makes the named kernel the active one; false (and no change) when this CPU cannot
/// run it. Not meant to be called while other threads validate.
[[nodiscard]] bool use_kernels(std::string_view name) noexcept;

// The kernels themselves, for tests and the fuzz target; string scanning calls them through active_kernels().
[[nodiscard]] SegmentScan scan_segment_portable(const unsigned char* p, std::size_t n) noexcept;
#if defined(__x86_64__) || defined(__i386__)
[[nodiscard]] SegmentScan scan_segment_sse2(const unsigned char* p, std::size_t n) noexcept;
[[nodiscard]] SegmentScan scan_segment_avx2(const unsigned char* p, std::size_t n) noexcept;
[[nodiscard]] SegmentScan scan_segment_avx512(const unsigned char* p, std::size_t n) noexcept;
#endif

}  // namespace reqprobe::detail::simd
