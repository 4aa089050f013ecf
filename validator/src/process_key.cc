// The per-process hash key. getrandom(2) is a system call that reads the kernel's entropy pool: no file is opened
// and nothing is printed, so the library stays pure.
#include <sys/random.h>

#include <chrono>
#include <cstdint>

#include "siphash.h"

namespace reqprobe::detail {
namespace {

SipKey draw_key() noexcept {
  SipKey key;
  std::uint64_t words[2] = {0, 0};
  std::size_t got = 0;
  while (got < sizeof words) {
    const ssize_t n = ::getrandom(reinterpret_cast<char*>(words) + got, sizeof words - got, 0);
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  if (got == sizeof words) return {words[0], words[1]};
  // No getrandom: mix what differs between processes (ASLR'd addresses, the clock) through SipHash itself.
  const std::uint64_t seed[3] = {
      static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(&key)),
      static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(&draw_key)),
      static_cast<std::uint64_t>(std::chrono::high_resolution_clock::now().time_since_epoch().count())};
  const std::string_view bytes(reinterpret_cast<const char*>(seed), sizeof seed);
  return {siphash<2, 4>({seed[0], seed[2]}, bytes), siphash<2, 4>({seed[2], seed[1]}, bytes)};
}

}  // namespace

SipKey process_sip_key() noexcept {
  static const SipKey key = draw_key();  // thread-safe initialisation, once per process
  return key;
}

}  // namespace reqprobe::detail
