// Chooses the string kernel once, by what the CPU reports (GCC's and Clang's __builtin_cpu_supports also check that
// the operating system saves the wide registers).
#include <atomic>

#include "string_kernels.h"

namespace reqprobe::detail::simd {
namespace {

constexpr Kernels kPortable{"portable", &scan_segment_portable};
#if defined(__x86_64__) || defined(__i386__)
constexpr Kernels kSse2{"sse2", &scan_segment_sse2};
constexpr Kernels kAvx2{"avx2", &scan_segment_avx2};
constexpr Kernels kAvx512{"avx512", &scan_segment_avx512};
#endif

struct Available {
  const Kernels* list[4] = {};
  std::size_t size = 0;
};

Available detect() noexcept {
  Available a;
  a.list[a.size++] = &kPortable;
#if defined(__x86_64__) || defined(__i386__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("sse2")) a.list[a.size++] = &kSse2;
  const bool popcnt = __builtin_cpu_supports("popcnt");
  if (popcnt && __builtin_cpu_supports("avx2")) a.list[a.size++] = &kAvx2;
  if (popcnt && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")) a.list[a.size++] = &kAvx512;
#endif
  return a;
}

const Available& available() noexcept {
  static const Available a = detect();
  return a;
}

std::atomic<const Kernels*> g_active{nullptr};

}  // namespace

std::span<const Kernels* const> available_kernels() noexcept {
  const Available& a = available();
  return {a.list, a.size};
}

const Kernels& active_kernels() noexcept {
  const Kernels* k = g_active.load(std::memory_order_relaxed);
  if (k == nullptr) {
    k = available_kernels().back();
    g_active.store(k, std::memory_order_relaxed);
  }
  return *k;
}

bool use_kernels(std::string_view name) noexcept {
  for (const Kernels* k : available_kernels()) {
    if (k->name == name) {
      g_active.store(k, std::memory_order_relaxed);
      return true;
    }
  }
  return false;
}

}  // namespace reqprobe::detail::simd
