// SipHash (Aumasson and Bernstein, "SipHash: a fast short-input PRF", 2012): a keyed hash whose outputs cannot be
// predicted without the 128-bit key, so nobody can prepare member names that collide in a table they cannot see.
// reqprobe uses SipHash-1-3 (one compression round, three finalisation rounds, as Rust's and Python's hash tables
// do) for the set of undeclared member names, which request bodies fill.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace reqprobe::detail {

struct SipKey {
  std::uint64_t k0 = 0;
  std::uint64_t k1 = 0;
};

namespace sip {

[[nodiscard]] constexpr std::uint64_t rotl(std::uint64_t x, int b) noexcept {
  return (x << b) | (x >> (64 - b));
}

struct State {
  std::uint64_t v0, v1, v2, v3;
  constexpr void round() noexcept {
    v0 += v1;
    v1 = rotl(v1, 13);
    v1 ^= v0;
    v0 = rotl(v0, 32);
    v2 += v3;
    v3 = rotl(v3, 16);
    v3 ^= v2;
    v0 += v3;
    v3 = rotl(v3, 21);
    v3 ^= v0;
    v2 += v1;
    v1 = rotl(v1, 17);
    v1 ^= v2;
    v2 = rotl(v2, 32);
  }
};

// Little-endian load of up to 8 bytes (the algorithm's words are little-endian on every host).
[[nodiscard]] inline std::uint64_t load_le(const unsigned char* p, std::size_t n) noexcept {
  std::uint64_t word = 0;
  for (std::size_t i = 0; i < n; ++i) word |= static_cast<std::uint64_t>(p[i]) << (8 * i);
  return word;
}

}  // namespace sip

/// SipHash-c-d of `data` under `key`; 64-bit output.
template <int kCompression, int kFinalisation>
[[nodiscard]] inline std::uint64_t siphash(const SipKey& key, std::string_view data) noexcept {
  sip::State s{key.k0 ^ 0x736f6d6570736575ull, key.k1 ^ 0x646f72616e646f6dull, key.k0 ^ 0x6c7967656e657261ull,
               key.k1 ^ 0x7465646279746573ull};
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  const std::size_t n = data.size();
  const std::size_t whole = n & ~std::size_t{7};
  for (std::size_t i = 0; i < whole; i += 8) {
    const std::uint64_t m = sip::load_le(p + i, 8);
    s.v3 ^= m;
    for (int r = 0; r < kCompression; ++r) s.round();
    s.v0 ^= m;
  }
  const std::uint64_t last = (static_cast<std::uint64_t>(n) << 56) | sip::load_le(p + whole, n - whole);
  s.v3 ^= last;
  for (int r = 0; r < kCompression; ++r) s.round();
  s.v0 ^= last;
  s.v2 ^= 0xff;
  for (int r = 0; r < kFinalisation; ++r) s.round();
  return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}

/// The variant the key set uses.
[[nodiscard]] inline std::uint64_t siphash13(const SipKey& key, std::string_view data) noexcept {
  return siphash<1, 3>(key, data);
}

/// A key drawn once per process from the kernel's random source (getrandom), so every process files member names
/// differently. Falls back to address-space and clock entropy where getrandom is unavailable; never fails.
[[nodiscard]] SipKey process_sip_key() noexcept;

}  // namespace reqprobe::detail
