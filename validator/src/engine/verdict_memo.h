// Memoized fail-fast verdicts of re-reads, keyed by (schema node, byte offset in the body). A flat open-addressing
// table with generation stamps: clearing it for the next body is one increment, and after the first bodies have
// grown it, a valid body allocates nothing here (a node-based map allocated once per entry).
#pragma once

#include <cstdint>
#include <vector>

namespace reqprobe::detail {

class VerdictMemo {
 public:
  /// The verdict stored for `key`, or -1.
  [[nodiscard]] int find(std::uint64_t key) const noexcept {
    if (slots_.empty()) return -1;
    for (std::size_t i = index_of(key);; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.generation != generation_) return -1;
      if (s.key == key) return s.verdict;
    }
  }

  void store(std::uint64_t key, bool verdict) {
    if ((used_ + 1) * 2 > slots_.size()) grow();
    for (std::size_t i = index_of(key);; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.generation != generation_) {
        s = {key, generation_, static_cast<std::uint8_t>(verdict)};
        ++used_;
        return;
      }
      if (s.key == key) {
        s.verdict = static_cast<std::uint8_t>(verdict);
        return;
      }
    }
  }

  /// Forgets every verdict (they are about one body's bytes).
  void clear() noexcept {
    used_ = 0;
    if (++generation_ == 0) {  // wrapped: stale stamps could read as current
      for (Slot& s : slots_) s.generation = 0;
      generation_ = 1;
    }
  }

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t generation = 0;  ///< the slot is in use when it equals generation_
    std::uint8_t verdict = 0;
  };

  [[nodiscard]] std::size_t index_of(std::uint64_t key) const noexcept {
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdull;  // a fixed mix is enough: keys come from the contract and the body's layout
    key ^= key >> 33;              // offsets, not from names an attacker picks freely; probes stay short
    return static_cast<std::size_t>(key) & mask_;
  }

  void grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    const std::uint32_t current = generation_;
    generation_ = 1;
    used_ = 0;
    for (const Slot& s : old)
      if (s.generation == current) store(s.key, s.verdict != 0);
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t used_ = 0;
  std::uint32_t generation_ = 1;
};

}  // namespace reqprobe::detail
