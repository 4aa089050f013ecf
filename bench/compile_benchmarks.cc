// Contract load and compile, timed apart from validation (it happens once per process, not per request):
// reqprobe's OpenAPI contract to a plan, against each JSON Schema baseline's schema to a ready validator. And
// routing, on documents of 5 and 500 operations.
#include "compile_benchmarks.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <set>
#include <stdexcept>

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

// "data/realworld/order.schema.json" -> "RealWorld": the suite's name as the inputs use it.
std::string suite_name(const std::string& file) {
  return file.find("realworld") != std::string::npos ? "RealWorld" : "Schema";
}

std::shared_ptr<const reqprobe::Contract> load_document(const std::string& path) {
  reqprobe::LoadOptions options;
  options.name = path;
  reqprobe::LoadResult loaded = reqprobe::load_contract(read_text_file(path), options);
  if (!loaded.ok()) throw std::runtime_error(path + ": " + loaded.errors.front().describe());
  return loaded.contract;
}

// One request, validated whole and fail-fast; it must be valid (a routing miss would be a different benchmark).
void register_route(const std::string& name, std::shared_ptr<const reqprobe::Contract> contract, std::string target) {
  auto validator = std::make_shared<reqprobe::Validator>(std::move(contract));
  auto text = std::make_shared<std::string>(std::move(target));
  const reqprobe::Request request{"GET", *text, {}, std::nullopt};
  if (!validator->is_valid(request)) throw std::runtime_error(name + ": the request " + *text + " is not valid");
  benchmark::RegisterBenchmark(name.c_str(), [validator, text](benchmark::State& state) {
    const reqprobe::Request r{"GET", *text, {}, std::nullopt};
    const std::uint64_t before = allocation_count();
    bool valid = true;
    for (auto _ : state) {
      valid = validator->is_valid(r);
      benchmark::DoNotOptimize(valid);
    }
    report_counters(state, text->size(), allocation_count() - before);
  });
}

}  // namespace

void register_compile_benchmarks(const std::string& hss_schema_json, const SchemaSuites& suites, const Inputs& inputs,
                                 const std::string& data_dir) {
  benchmark::RegisterBenchmark("BM_ContractCompile", [](benchmark::State& state) {
    time_build(state, reqprobe::embedded_contract_text().size(), [] {
      reqprobe::LoadResult loaded = reqprobe::load_embedded_contract();
      reqprobe::Validator validator(loaded.contract);  // ready to validate, like the baselines below
      benchmark::DoNotOptimize(validator);
    });
  });
  benchmark::RegisterBenchmark("BM_RapidjsonSchemaCompile", [hss_schema_json](benchmark::State& state) {
    time_build(state, hss_schema_json.size(), [&] {
      RapidjsonSchemaBaseline baseline(hss_schema_json);
      benchmark::DoNotOptimize(baseline);
    });
  });
  benchmark::RegisterBenchmark("BM_ValijsonSchemaCompile", [hss_schema_json](benchmark::State& state) {
    time_build(state, hss_schema_json.size(), [&] {
      ValijsonBaseline baseline(hss_schema_json);
      benchmark::DoNotOptimize(baseline);
    });
  });

  std::set<std::string> files;
  for (const auto& input : inputs)
    if (!input->schema_file.empty()) files.insert(input->schema_file);
  for (const std::string& file : files) {
    const std::string schema = suites
                                   .for_input(**std::find_if(inputs.begin(), inputs.end(),
                                                             [&](const auto& in) { return in->schema_file == file; }))
                                   .schema_json;
    const std::string suite = suite_name(file);
    benchmark::RegisterBenchmark(("BM_ReqprobeSchemaCompile_" + suite).c_str(), [schema](benchmark::State& state) {
      time_build(state, schema.size(), [&] {
        reqprobe::SchemaLoadOptions options;
        options.dialect = reqprobe::SchemaDialect::draft7;
        options.assert_formats = true;
        reqprobe::LoadResult loaded = reqprobe::load_schema(schema, options);
        reqprobe::Validator validator(loaded.contract);
        benchmark::DoNotOptimize(validator);
      });
    });
    benchmark::RegisterBenchmark(("BM_RapidjsonSchemaCompile_" + suite).c_str(), [schema](benchmark::State& state) {
      time_build(state, schema.size(), [&] {
        RapidjsonSchemaBaseline baseline(schema);
        benchmark::DoNotOptimize(baseline);
      });
    });
    benchmark::RegisterBenchmark(("BM_ValijsonSchemaCompile_" + suite).c_str(), [schema](benchmark::State& state) {
      time_build(state, schema.size(), [&] {
        ValijsonBaseline baseline(schema);
        benchmark::DoNotOptimize(baseline);
      });
    });
  }

  const std::string large_path = data_dir + "/openapi_large/openapi.json";
  const std::string small_path = data_dir + "/openapi_small/openapi.json";
  auto large_text = std::make_shared<std::string>(read_text_file(large_path));
  benchmark::RegisterBenchmark("BM_ContractCompileLarge", [large_text, large_path](benchmark::State& state) {
    time_build(state, large_text->size(), [&] {
      reqprobe::LoadOptions options;
      options.name = large_path;
      reqprobe::LoadResult loaded = reqprobe::load_contract(*large_text, options);
      reqprobe::Validator validator(loaded.contract);
      benchmark::DoNotOptimize(validator);
    });
  });
  const auto large = load_document(large_path);
  const auto small = load_document(small_path);
  register_route("BM_Route_Ops5_First", small, "/v1/group0/resource0?limit=10");
  register_route("BM_Route_Ops500_First", large, "/v1/group0/resource0?limit=10");
  register_route("BM_Route_Ops500_Last", large, "/v1/group49/g-1/resource490/abc?limit=10");
}

}  // namespace reqprobe_bench
