// Benchmarks of contract and schema compilation, and of routing:
//  - BM_ContractCompile (the embedded HSS contract), BM_RapidjsonSchemaCompile and BM_ValijsonSchemaCompile (its
//    draft-07 export);
//  - BM_ReqprobeSchemaCompile_<Suite>, BM_RapidjsonSchemaCompile_<Suite>, BM_ValijsonSchemaCompile_<Suite>: each
//    schema file the inputs name (the real-world suite's order schema), compiled by each;
//  - BM_ContractCompileLarge: the 500-operation OpenAPI 3.1 document in data/openapi_large (bytes/s counter);
//  - BM_Route_Ops5_First, BM_Route_Ops500_First, BM_Route_Ops500_Last: a whole GET request validated against the
//    5- and the 500-operation documents, to the first and to a late operation: routing costs per segment, not per
//    operation.
#pragma once

#include <string>

#include "inputs.h"
#include "schema_suites.h"

namespace reqprobe_bench {

void register_compile_benchmarks(const std::string& hss_schema_json, const SchemaSuites& suites, const Inputs& inputs,
                                 const std::string& data_dir);

}  // namespace reqprobe_bench
