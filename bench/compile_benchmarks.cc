// Contract load and compile, timed apart from validation (it happens once per process, not per request):
// reqprobe's OpenAPI contract to a plan, against each JSON Schema baseline's schema to a ready validator.
#include "compile_benchmarks.h"

#include <benchmark/benchmark.h>

#include "baselines.h"
#include "counting_allocator.h"
#include "reqprobe/contract.h"
#include "reqprobe/validator.h"
#include "timing.h"

namespace reqprobe_bench {
namespace {

template <class Build>
void time_build(benchmark::State& state, std::size_t source_bytes, Build build) {
  const std::uint64_t before = allocation_count();
  for (auto _ : state) build();
  report_counters(state, source_bytes, allocation_count() - before);
}

}  // namespace

void register_compile_benchmarks(const std::string& schema_json) {
  benchmark::RegisterBenchmark("BM_ContractCompile", [](benchmark::State& state) {
    time_build(state, reqprobe::embedded_contract_text().size(), [] {
      reqprobe::LoadResult loaded = reqprobe::load_embedded_contract();
      reqprobe::Validator validator(loaded.contract);  // ready to validate, like the baselines below
      benchmark::DoNotOptimize(validator);
    });
  });
  benchmark::RegisterBenchmark("BM_RapidjsonSchemaCompile", [schema_json](benchmark::State& state) {
    time_build(state, schema_json.size(), [&] {
      RapidjsonSchemaBaseline baseline(schema_json);
      benchmark::DoNotOptimize(baseline);
    });
  });
  benchmark::RegisterBenchmark("BM_ValijsonSchemaCompile", [schema_json](benchmark::State& state) {
    time_build(state, schema_json.size(), [&] {
      ValijsonBaseline baseline(schema_json);
      benchmark::DoNotOptimize(baseline);
    });
  });
}

}  // namespace reqprobe_bench
