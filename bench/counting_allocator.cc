// A counting global operator new plus counting malloc, calloc, realloc and the aligned variants. Each forwards to
// glibc's own allocator (the __libc_* entry points), so memory behaves exactly as without counting; only a counter
// is bumped. Linked into the benchmark executable only, where the dynamic linker binds every shared library's malloc
// and operator new to these definitions.
#include "counting_allocator.h"

#include <atomic>
#include <cstddef>
#include <new>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define REQPROBE_BENCH_NO_COUNTING 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define REQPROBE_BENCH_NO_COUNTING 1
#endif
#endif

#ifdef REQPROBE_BENCH_NO_COUNTING

namespace reqprobe_bench {
std::uint64_t allocation_count() noexcept {
  return 0;
}
bool allocations_counted() noexcept {
  return false;
}
}  // namespace reqprobe_bench

#else

extern "C" {
void* __libc_malloc(std::size_t size);
void* __libc_calloc(std::size_t count, std::size_t size);
void* __libc_realloc(void* pointer, std::size_t size);
void* __libc_memalign(std::size_t alignment, std::size_t size);
void __libc_free(void* pointer);
}

namespace {
// Benchmarks run on one thread: a relaxed load and store (no locked read-modify-write) keeps the counter cheap
// and free of data races; a count lost to a concurrent thread would only affect that thread's allocations.
std::atomic<std::uint64_t> g_allocations{0};

inline void count_one() noexcept {
  g_allocations.store(g_allocations.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

void* counted_new(std::size_t size) {
  count_one();
  void* pointer = __libc_malloc(size == 0 ? 1 : size);
  if (pointer == nullptr) throw std::bad_alloc();
  return pointer;
}

void* counted_aligned_new(std::size_t size, std::align_val_t alignment) {
  count_one();
  void* pointer = __libc_memalign(static_cast<std::size_t>(alignment), size == 0 ? 1 : size);
  if (pointer == nullptr) throw std::bad_alloc();
  return pointer;
}
}  // namespace

namespace reqprobe_bench {
std::uint64_t allocation_count() noexcept {
  return g_allocations.load(std::memory_order_relaxed);
}
bool allocations_counted() noexcept {
  return true;
}
}  // namespace reqprobe_bench

extern "C" {
void* malloc(std::size_t size) noexcept {
  count_one();
  return __libc_malloc(size);
}
void* calloc(std::size_t count, std::size_t size) noexcept {
  count_one();
  return __libc_calloc(count, size);
}
void* realloc(void* pointer, std::size_t size) noexcept {
  count_one();
  return __libc_realloc(pointer, size);
}
void* memalign(std::size_t alignment, std::size_t size) noexcept {
  count_one();
  return __libc_memalign(alignment, size);
}
void* aligned_alloc(std::size_t alignment, std::size_t size) noexcept {
  count_one();
  return __libc_memalign(alignment, size);
}
int posix_memalign(void** out, std::size_t alignment, std::size_t size) noexcept {
  count_one();
  void* pointer = __libc_memalign(alignment, size);
  if (pointer == nullptr) return 12;  // ENOMEM
  *out = pointer;
  return 0;
}
}  // extern "C"

void* operator new(std::size_t size) {
  return counted_new(size);
}
void* operator new[](std::size_t size) {
  return counted_new(size);
}
void* operator new(std::size_t size, std::align_val_t alignment) {
  return counted_aligned_new(size, alignment);
}
void* operator new[](std::size_t size, std::align_val_t alignment) {
  return counted_aligned_new(size, alignment);
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  count_one();
  return __libc_malloc(size == 0 ? 1 : size);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  count_one();
  return __libc_malloc(size == 0 ? 1 : size);
}
void operator delete(void* pointer) noexcept {
  __libc_free(pointer);
}
void operator delete[](void* pointer) noexcept {
  __libc_free(pointer);
}
void operator delete(void* pointer, std::size_t) noexcept {
  __libc_free(pointer);
}
void operator delete[](void* pointer, std::size_t) noexcept {
  __libc_free(pointer);
}
void operator delete(void* pointer, std::align_val_t) noexcept {
  __libc_free(pointer);
}
void operator delete[](void* pointer, std::align_val_t) noexcept {
  __libc_free(pointer);
}
void operator delete(void* pointer, std::size_t, std::align_val_t) noexcept {
  __libc_free(pointer);
}
void operator delete[](void* pointer, std::size_t, std::align_val_t) noexcept {
  __libc_free(pointer);
}

#endif  // REQPROBE_BENCH_NO_COUNTING
