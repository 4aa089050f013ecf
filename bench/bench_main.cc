// reqprobe_bench: reqprobe against its baselines on the inputs in bench/data/ (see bench/README.md).
//
//     reqprobe_bench [Google Benchmark flags] [--data=DIR] [--string-kernel=NAME]
//     (--string-kernel: portable, sse2, avx2 or avx512, to time one string kernel; default the CPU's fastest)
//     reqprobe_bench --write-schema=FILE     writes the JSON Schema the baselines use (for bench/ajv) and exits
//     reqprobe_bench --repeat=SUBJECT:INPUT:N  calls one reqprobe subject (BodyFast, BodyExhaustive, Request or
//                                            RequestExhaustive) N times on one input, untimed, and exits: for
//                                            callgrind's exact instruction counts (bench/instructions.sh)
//     reqprobe_bench --paired=INPUT[,INPUT...] [--paired-seconds=S] [--paired-batch-us=U]
//                                            reqprobe fail-fast and every baseline on each input in alternating
//                                            batches of about U us (default 200) for S seconds (default 2); prints
//                                            JSON with the ratio of each baseline to reqprobe per round (paired.h)
//
// Loads the inputs and the embedded contract, checks every subject's verdict on every input (exit 2 on any
// disagreement), then registers BM_<Subject>_<Input> for each pair and runs them.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <string>
#include <string_view>

#include "baselines.h"
#include "compile_benchmarks.h"
#include "counting_allocator.h"
#include "hash_flooding.h"
#include "inputs.h"
#include "paired.h"
#include "reqprobe/contract.h"
#include "reqprobe/json_schema_export.h"
#include "reqprobe_subjects.h"
#include "schema_suites.h"
#include "simd/string_kernels.h"
#include "timing.h"
#include "verdict_check.h"

namespace reqprobe_bench {
namespace {

// The value of --name=VALUE, or empty.
std::string flag(int argc, char** argv, std::string_view name) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.size() > name.size() + 3 && arg.substr(0, 2) == "--" && arg.substr(2, name.size()) == name &&
        arg[name.size() + 2] == '=')
      return std::string(arg.substr(name.size() + 3));
  }
  return {};
}

std::string data_dir(int argc, char** argv) {
  if (std::string dir = flag(argc, argv, "data"); !dir.empty()) return dir;
  if (const char* env = std::getenv("REQPROBE_BENCH_DATA")) return env;
  return REQPROBE_BENCH_DATA_DIR;
}

void register_all(const Inputs& inputs, const SchemaSuites& suites, const std::string& data) {
  using Mode = ReqprobeSubject::Mode;
  // Grouped by input, so the console output puts every subject of one input side by side.
  for (const auto& owned : inputs) {
    const Input& in = *owned;
    const SchemaChoice& choice = suites.for_input(in);
    const std::shared_ptr<const reqprobe::Contract>& contract = choice.contract;
    const std::string& schema = choice.schema_json;
    auto reqprobe_in = [&contract](Mode mode) {
      return [&contract, mode] { return std::make_unique<ReqprobeSubject>(contract, mode); };
    };
    register_on("ReqprobeBodyFast", in, reqprobe_in(Mode::body_fast));
    register_on("ReqprobeBodyExhaustive", in, reqprobe_in(Mode::body_exhaustive));
    if (in.scaling_only) {  // linearity needs only reqprobe and the per-byte yardstick, B1
      register_on("RapidjsonReader", in, [] { return std::make_unique<RapidjsonReaderBaseline>(); });
      continue;
    }
    if (in.schema_file.empty()) {  // inputs of another schema have no request
      register_on("ReqprobeRequest", in, reqprobe_in(Mode::request_fast), true);
      register_on("ReqprobeRequestExhaustive", in, reqprobe_in(Mode::request_exhaustive), true);
    }
    register_on("Memcpy", in, [] { return std::make_unique<MemcpyBaseline>(); });
    register_on("RapidjsonReader", in, [] { return std::make_unique<RapidjsonReaderBaseline>(); });
    register_on("RapidjsonSchema", in, [&schema] { return std::make_unique<RapidjsonSchemaBaseline>(schema); });
    register_on("Valijson", in, [&schema] { return std::make_unique<ValijsonBaseline>(schema); });
    register_on("SimdjsonDom", in, [] { return std::make_unique<SimdjsonDomBaseline>(); });
  }
  register_compile_benchmarks(suites.hss().schema_json, suites, inputs, data);
  register_hash_flooding_benchmarks();
}

// --repeat=SUBJECT:INPUT:N: the subject's accepts() N times, outside Google Benchmark, so that a profiler counting
// inside accepts() sees exactly N calls on one input. Exit 0 when every verdict matched the input's, 2 otherwise.
int repeat(const std::string& spec, const Inputs& inputs, const SchemaSuites& suites) {
  using Mode = ReqprobeSubject::Mode;
  const std::size_t first = spec.find(':');
  const std::size_t second = first == std::string::npos ? first : spec.find(':', first + 1);
  if (second == std::string::npos) {
    std::fprintf(stderr, "reqprobe_bench: --repeat takes SUBJECT:INPUT:N, e.g. BodyFast:Typical:21\n");
    return 2;
  }
  const std::string subject = spec.substr(0, first);
  const std::string name = spec.substr(first + 1, second - first - 1);
  const long count = std::strtol(spec.c_str() + second + 1, nullptr, 10);
  const struct {
    const char* name;
    Mode mode;
  } kModes[] = {{"BodyFast", Mode::body_fast},
                {"BodyExhaustive", Mode::body_exhaustive},
                {"Request", Mode::request_fast},
                {"RequestExhaustive", Mode::request_exhaustive}};
  const auto* mode =
      std::find_if(std::begin(kModes), std::end(kModes), [&](const auto& m) { return subject == m.name; });
  const auto input = std::find_if(inputs.begin(), inputs.end(), [&](const auto& in) { return in->name == name; });
  if (mode == std::end(kModes) || input == inputs.end() || count < 1) {
    std::fprintf(stderr, "reqprobe_bench: --repeat=%s: no such subject or input, or N < 1\n", spec.c_str());
    return 2;
  }
  const bool whole_request = mode->mode == Mode::request_fast || mode->mode == Mode::request_exhaustive;
  if (whole_request && !(*input)->schema_file.empty()) {
    std::fprintf(stderr, "reqprobe_bench: --repeat=%s: inputs of another schema have no request\n", spec.c_str());
    return 2;
  }
  ReqprobeSubject reqprobe(suites.for_input(**input).contract, mode->mode);
  long matched = 0;
  for (long i = 0; i < count; ++i) matched += reqprobe.accepts(**input) == (*input)->valid;
  return matched == count ? 0 : 2;
}

int run(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  const reqprobe::LoadResult loaded = reqprobe::load_embedded_contract();
  if (!loaded.ok()) {
    std::fprintf(stderr, "reqprobe_bench: the embedded contract does not load\n");
    return 2;
  }
  const std::string schema = reqprobe::export_json_schema(*loaded.contract);
  if (const std::string path = flag(argc, argv, "write-schema"); !path.empty()) {
    std::ofstream out(path, std::ios::binary);
    out << schema << '\n';
    return out.good() ? 0 : 2;
  }
  if (const std::string kernel = flag(argc, argv, "string-kernel"); !kernel.empty()) {
    if (!reqprobe::detail::simd::use_kernels(kernel)) {
      std::string names;
      for (const auto* k : reqprobe::detail::simd::available_kernels()) names += " " + std::string(k->name);
      std::fprintf(stderr, "reqprobe_bench: no string kernel '%s' on this CPU (it runs:%s)\n", kernel.c_str(),
                   names.c_str());
      return 2;
    }
  }
  const std::string dir = data_dir(argc, argv);
  const Inputs inputs = load_inputs(dir);

  const SchemaSuites suites(loaded.contract, schema, inputs);
  if (const std::string spec = flag(argc, argv, "repeat"); !spec.empty()) return repeat(spec, inputs, suites);
  if (const std::string spec = flag(argc, argv, "paired"); !spec.empty()) {
    const std::string seconds = flag(argc, argv, "paired-seconds");
    const std::string batch = flag(argc, argv, "paired-batch-us");
    return run_paired(spec, inputs, suites, seconds.empty() ? 2.0 : std::strtod(seconds.c_str(), nullptr),
                      batch.empty() ? 200.0 : std::strtod(batch.c_str(), nullptr));
  }
  const std::vector<std::string> problems = check_verdicts(inputs, suites);
  if (!problems.empty()) {
    for (const std::string& problem : problems) std::fprintf(stderr, "reqprobe_bench: %s\n", problem.c_str());
    std::fprintf(stderr, "reqprobe_bench: verdicts disagree; nothing timed (the comparison would not be fair)\n");
    return 2;
  }

  benchmark::AddCustomContext("reqprobe_data", dir);
  benchmark::AddCustomContext("simdjson_implementation", SimdjsonDomBaseline::implementation());
  benchmark::AddCustomContext("reqprobe_string_kernel", std::string(reqprobe::detail::simd::active_kernels().name));
  benchmark::AddCustomContext("allocations_counted", allocations_counted() ? "yes" : "no");
  benchmark::AddCustomContext("compiler", __VERSION__);
  benchmark::AddCustomContext("compiler_flags", REQPROBE_BENCH_FLAGS);
  register_all(inputs, suites, dir);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

}  // namespace
}  // namespace reqprobe_bench

int main(int argc, char** argv) {
  try {
    return reqprobe_bench::run(argc, argv);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "reqprobe_bench: %s\n", error.what());
    return 2;
  }
}
