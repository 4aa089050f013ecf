// Benchmarks of contract and schema compilation: BM_ContractCompile, BM_RapidjsonSchemaCompile,
// BM_ValijsonSchemaCompile.
#pragma once

#include <string>

namespace reqprobe_bench {

void register_compile_benchmarks(const std::string& schema_json);

}  // namespace reqprobe_bench
