#include "hash_flooding.h"

#include <benchmark/benchmark.h>

#include <array>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "counting_allocator.h"
#include "reqprobe/validator.h"
#include "siphash.h"  // white-box: the attack below is built against the validator's own filing of names

namespace reqprobe_bench {
namespace {

constexpr std::size_t kStages = 12;            // 2^12 names
constexpr std::size_t kNames = 1u << kStages;  // 4,096: the key set's table then has 8,192 slots
constexpr std::uint32_t kTableBits = 0x1fff;   // the slot bits of that table
constexpr std::uint32_t kBulkSerial = 2;       // the root object is 1, "bulk" the second object opened
constexpr reqprobe::HashKey kFixedKey{0x243f6a8885a308d3ull, 0x13198a2e03707344ull};

std::uint32_t fnv1a_step(std::uint32_t h, std::string_view bytes) {
  for (const char c : bytes) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

// Four letters or digits. (Over a-z alone FNV-1a happens to have no 4-byte collisions at all; over these 62
// characters there are tens of thousands per state, and the first comes within a few thousand blocks.)
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr std::uint32_t kBlocks = 62u * 62 * 62 * 62;

std::string block(std::uint32_t i) {
  std::string b(4, '0');
  for (std::size_t k = 0; k < 4; ++k, i /= 62) b[k] = kAlphabet[i % 62];
  return b;
}

// Names with one FNV-1a hash: 12 stages, each a pair of 4-letter blocks that lead from the same state to the same
// state, so every choice of one block per stage ends in the same hash (2^12 names of 48 characters).
std::vector<std::string> fnv_colliding_names() {
  std::uint32_t state = 2166136261u;
  std::vector<std::array<std::string, 2>> stages;
  for (std::size_t s = 0; s < kStages; ++s) {
    std::unordered_map<std::uint32_t, std::uint32_t> seen;
    for (std::uint32_t i = 0; i < kBlocks; ++i) {
      const std::uint32_t after = fnv1a_step(state, block(i));
      const auto [it, fresh] = seen.emplace(after, i);
      if (fresh) continue;
      stages.push_back({block(it->second), block(i)});
      state = after;
      break;
    }
  }
  std::vector<std::string> names;
  for (std::size_t mask = 0; mask < kNames; ++mask) {
    std::string name;
    for (std::size_t s = 0; s < stages.size(); ++s) name += stages[s][(mask >> s) & 1];
    names.push_back(std::move(name));
  }
  return names;
}

// Names that land on one slot of the key set under kFixedKey, found by brute force, as anyone who knew the key
// could: 48 characters like the FNV names.
std::vector<std::string> sip_colliding_names() {
  const reqprobe::detail::SipKey key{kFixedKey.k0, kFixedKey.k1};
  std::vector<std::string> names;
  std::uint32_t target = 0;
  std::string name(48, 'x');
  for (std::uint64_t i = 0; names.size() < kNames; ++i) {
    const std::string digits = std::to_string(i);
    name.replace(48 - 20, 20, std::string(20 - digits.size(), '0') + digits);
    const auto hash = static_cast<std::uint32_t>(reqprobe::detail::siphash13(key, name)) ^ (kBulkSerial * 0x9E3779B1u);
    if (names.empty()) target = hash & kTableBits;
    if ((hash & kTableBits) == target) names.push_back(name);
  }
  return names;
}

std::vector<std::string> random_names() {
  std::vector<std::string> names;
  std::uint64_t x = 0x9E3779B97F4A7C15ull;
  for (std::size_t n = 0; n < kNames; ++n) {
    std::string name(48, 'a');
    for (char& c : name) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      c = static_cast<char>('a' + x % 26);
    }
    names.push_back(std::move(name));
  }
  return names;
}

std::string body_of(const std::vector<std::string>& names) {
  std::string body = R"({"is_all":true,"bulk":{)";
  for (std::size_t i = 0; i < names.size(); ++i) body += (i ? ",\"" : "\"") + names[i] + "\":0";
  return body + "}}";
}

void time_body(benchmark::State& state, const std::string& body, reqprobe::HashKey key, bool fail_fast) {
  const reqprobe::LoadResult loaded = reqprobe::load_embedded_contract();
  reqprobe::ValidatorOptions options;
  options.hash_key = key;
  options.unknown_as_warning = fail_fast;  // fail-fast would stop at the first unknown member otherwise
  reqprobe::Validator validator(loaded.contract, options);
  bool valid = fail_fast ? validator.is_valid_body(body) : validator.validate_body(body).valid();
  const std::uint64_t before = allocation_count();
  for (auto _ : state) {
    valid = fail_fast ? validator.is_valid_body(body) : validator.validate_body(body).valid();
    benchmark::DoNotOptimize(valid);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(body.size()));
  state.counters["allocs/req"] =
      allocations_counted() ? static_cast<double>(allocation_count() - before) / static_cast<double>(state.iterations())
                            : -1.0;
}

}  // namespace

void register_hash_flooding_benchmarks() {
  // Built once, when the first of these benchmarks runs (building the SipHash set takes about half a second).
  struct Bodies {
    std::string random = body_of(random_names());
    std::string fnv = body_of(fnv_colliding_names());
    std::string sip = body_of(sip_colliding_names());
  };
  static std::shared_ptr<Bodies> bodies;
  const auto get = [] {
    if (!bodies) bodies = std::make_shared<Bodies>();
    return bodies;
  };
  const std::pair<const char*, std::string Bodies::*> inputs[] = {
      {"RandomNames", &Bodies::random}, {"FnvCollidingNames", &Bodies::fnv}, {"SipCollidingNames", &Bodies::sip}};
  const std::pair<const char*, reqprobe::HashKey> keys[] = {{"ProcessKey", reqprobe::HashKey{}},
                                                            {"FixedKey", kFixedKey}};
  for (const auto& [mode, fail_fast] : {std::pair{"Exhaustive", false}, std::pair{"FastWarnUnknown", true}}) {
    for (const auto& [key_name, key] : keys) {
      for (const auto& [input_name, member] : inputs) {
        const std::string name = std::string("BM_HashFlood_") + mode + "_" + key_name + "_" + input_name;
        benchmark::RegisterBenchmark(name.c_str(),
                                     [get, member = member, key = key, fail_fast = fail_fast](benchmark::State& state) {
                                       time_body(state, (*get()).*member, key, fail_fast);
                                     });
      }
    }
  }
}

}  // namespace reqprobe_bench
