// The timed loop shared by every subject, so reqprobe and the baselines are measured identically.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdint>
#include <memory>
#include <string>

#include "counting_allocator.h"
#include "inputs.h"

namespace reqprobe_bench {

/// Reports the counters every benchmark carries: bytes/s (Google Benchmark's own), requests/s and allocs/req
/// (heap allocations per iteration; -1 when the build cannot count them).
inline void report_counters(benchmark::State& state, std::size_t bytes_per_iteration, std::uint64_t allocations) {
  const auto iterations = static_cast<double>(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes_per_iteration));
  state.counters["requests/s"] = benchmark::Counter(iterations, benchmark::Counter::kIsRate);
  state.counters["allocs/req"] = allocations_counted() ? static_cast<double>(allocations) / iterations : -1.0;
}

/// Times subject.accepts(input). One untimed call first warms the subject's reusable memory (reqprobe's scratch,
/// simdjson's parser, RapidJSON's stacks), so the loop measures the steady state a server sees. Allocations are
/// counted across the timed loop only.
template <class Subject>
void time_accepts(benchmark::State& state, Subject& subject, const Input& input, std::size_t bytes) {
  bool accepted = subject.accepts(input);
  benchmark::DoNotOptimize(accepted);
  const std::uint64_t before = allocation_count();
  for (auto _ : state) {
    accepted = subject.accepts(input);
    benchmark::DoNotOptimize(accepted);
  }
  report_counters(state, bytes, allocation_count() - before);
}

/// Registers BM_<subject>_<input> for one input; make() builds the subject now, outside any timing.
template <class Make>
void register_on(const std::string& subject, const Input& input, Make make, bool whole_request = false) {
  std::shared_ptr instance = make();
  const std::size_t bytes = whole_request ? input.request_bytes : input.body.size();
  benchmark::RegisterBenchmark(
      ("BM_" + subject + "_" + input.name).c_str(),
      [instance, &input, bytes](benchmark::State& state) { time_accepts(state, *instance, input, bytes); });
}

}  // namespace reqprobe_bench
