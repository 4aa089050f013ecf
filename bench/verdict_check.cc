#include "verdict_check.h"

#include <cstdio>

#include "baselines.h"
#include "reqprobe_subjects.h"

namespace reqprobe_bench {
namespace {

const char* word(bool accepted) {
  return accepted ? "valid" : "invalid";
}

}  // namespace

std::vector<std::string> check_verdicts(const Inputs& inputs, const SchemaSuites& suites) {
  using Mode = ReqprobeSubject::Mode;
  RapidjsonReaderBaseline reader;
  SimdjsonDomBaseline simdjson;

  std::vector<std::string> problems;
  std::fprintf(stderr, "%-21s %8s  %-8s %-8s %-8s %-8s %-8s\n", "input", "bytes", "expect", "reqprobe", "B2", "B3",
               "B1/B4 parse");
  for (const auto& input : inputs) {
    const bool expected = input->valid;
    auto expect = [&](const char* who, bool accepted) {
      if (accepted != expected)
        problems.push_back(input->name + ": " + who + " says " + word(accepted) + ", expected " + word(expected));
      return accepted;
    };
    const SchemaChoice& choice = suites.for_input(*input);
    ReqprobeSubject body_fast(choice.contract, Mode::body_fast);
    ReqprobeSubject body_exhaustive(choice.contract, Mode::body_exhaustive);
    const bool ours = expect("reqprobe body fail-fast", body_fast.accepts(*input));
    expect("reqprobe body exhaustive", body_exhaustive.accepts(*input));
    if (input->schema_file.empty()) {
      ReqprobeSubject request_fast(choice.contract, Mode::request_fast);
      ReqprobeSubject request_exhaustive(choice.contract, Mode::request_exhaustive);
      expect("reqprobe request fail-fast", request_fast.accepts(*input));
      expect("reqprobe request exhaustive", request_exhaustive.accepts(*input));
    }
    RapidjsonSchemaBaseline rapidjson_schema(choice.schema_json);
    ValijsonBaseline valijson(choice.schema_json);
    const bool b2 = expect("B2 RapidJSON SchemaValidator", rapidjson_schema.accepts(*input));
    const bool b3 = expect("B3 valijson", valijson.accepts(*input));
    const bool b1 = reader.accepts(*input);
    const bool b4 = simdjson.accepts(*input);
    if (expected && !(b1 && b4)) problems.push_back(input->name + ": a valid body that B1 or B4 cannot parse");
    std::fprintf(stderr, "%-21s %8zu  %-8s %-8s %-8s %-8s %s/%s\n", input->name.c_str(), input->body.size(),
                 word(expected), word(ours), word(b2), word(b3), b1 ? "ok" : "error", b4 ? "ok" : "error");
  }
  return problems;
}

}  // namespace reqprobe_bench
