// Counts heap allocations so each benchmark can report allocations per request.
#pragma once

#include <cstdint>

namespace reqprobe_bench {

/// Allocations made so far by the whole program: every operator new and every call of the malloc family (RapidJSON
/// and simdjson allocate with malloc, not new, so counting new alone would flatter them).
[[nodiscard]] std::uint64_t allocation_count() noexcept;

/// False in sanitizer builds, where the sanitizer owns malloc and new and nothing is counted.
[[nodiscard]] bool allocations_counted() noexcept;

}  // namespace reqprobe_bench
