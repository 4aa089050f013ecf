// string_kernel_fuzzer: every string kernel this CPU runs (simd/string_kernels.h: portable, SSE2, AVX2, AVX-512)
// on the same bytes, which must give the portable kernel's answer: where the content stops, whether it is valid
// UTF-8, and how many code points it holds. Then JSON string scanning, which calls the kernels between escapes, is
// run under each kernel on the same bytes and must answer alike. Each kernel also starts one to three bytes in, so
// blocks meet the input at every alignment.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_utils.h"
#include "json_string.h"
#include "simd/string_kernels.h"

namespace {

namespace simd = reqprobe::detail::simd;

std::string describe(const simd::Kernels& k, const simd::SegmentScan& s) {
  return std::string(k.name) + ": length " + std::to_string(s.length) + ", utf8_ok " + std::to_string(s.utf8_ok) +
         ", code points " + std::to_string(s.code_points);
}

void check_segments(const unsigned char* p, std::size_t n) {
  const simd::SegmentScan want = simd::scan_segment_portable(p, n);
  for (const simd::Kernels* k : simd::available_kernels()) {
    const simd::SegmentScan got = k->scan_segment(p, n);
    if (got.length != want.length || got.utf8_ok != want.utf8_ok || got.code_points != want.code_points)
      reqprobe::fuzz::fail("every string kernel answers as the portable one",
                           describe(*k, got) + " against " + describe(*simd::available_kernels().front(), want));
  }
}

void check_scan_string(const char* data, std::size_t n) {
  const auto kernels = simd::available_kernels();
  if (!simd::use_kernels(kernels.front()->name)) reqprobe::fuzz::fail("the portable kernel is always available");
  const reqprobe::detail::StringScan want = reqprobe::detail::scan_string(data, n, 0);
  for (const simd::Kernels* k : kernels) {
    if (!simd::use_kernels(k->name)) reqprobe::fuzz::fail("an available kernel can be chosen");
    const reqprobe::detail::StringScan got = reqprobe::detail::scan_string(data, n, 0);
    if (got.status != want.status || got.escaped != want.escaped || got.encoding_ok != want.encoding_ok ||
        got.end != want.end ||
        (got.status == reqprobe::detail::StringScan::Status::ok && got.code_points != want.code_points))
      reqprobe::fuzz::fail("JSON string scanning answers alike under every kernel", std::string(k->name));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  for (std::size_t skip = 0; skip <= 3 && skip <= size; ++skip) check_segments(data + skip, size - skip);
  check_scan_string(reinterpret_cast<const char*>(data), size);
  return 0;
}
