// differential_fuzzer: the body, judged by reqprobe and by RapidJSON 1.1's SchemaValidator over export_json_schema()
// (strict parse: UTF-8 validated, iterative, nothing after the root). Invariant: the verdicts agree, except where
// RapidJSON is known to be wrong or JSON Schema cannot say (the filters below, each explained in fuzz/README.md).
#include <rapidjson/memorystream.h>
#include <rapidjson/schema.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_utils.h"
#include "reqprobe/json_schema_export.h"

namespace {

// A \uDC00-\uDFFF escape: RapidJSON 1.1 takes a lone low surrogate as if it were a code point (filter 4).
bool has_low_surrogate_escape(std::string_view body) {
  for (std::size_t i = body.find("\\u"); i != std::string_view::npos; i = body.find("\\u", i + 1)) {
    const char c = i + 3 < body.size() ? static_cast<char>(body[i + 3] | 0x20) : '\0';
    if (c >= 'c' && c <= 'f' && (body[i + 2] | 0x20) == 'd') return true;
  }
  return false;
}

bool rapidjson_accepts(std::string_view body) {
  static const rapidjson::Document schema_json = [] {
    rapidjson::Document d;
    d.Parse(reqprobe::export_json_schema(*reqprobe::fuzz::embedded_contract()));
    return d;
  }();
  static const rapidjson::SchemaDocument schema(schema_json);
  static rapidjson::SchemaValidator oracle(schema);
  oracle.Reset();
  rapidjson::MemoryStream in(body.data(), body.size());  // read as is: an EncodedInputStream would skip a BOM
  rapidjson::Reader reader;
  return !reader.Parse<reqprobe::fuzz::kStrictParse>(in, oracle).IsError() && oracle.IsValid();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace reqprobe;
  static Validator validator = fuzz::strict_validator();
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const Report report = validator.validate_body(body);
  if (body.find('\0') != std::string_view::npos) {  // filter 1: RapidJSON stops reading at a NUL byte
    if (!fuzz::has_code(report, Code::syntax) && !fuzz::has_code(report, Code::limit))
      fuzz::fail("a NUL byte is a syntax error (unless a limit stops reading first)", fuzz::describe(report));
    return 0;
  }
  if (fuzz::has_code(report, Code::limit) || fuzz::has_code(report, Code::duplicate)) return 0;  // filters 2 and 3
  const bool theirs = rapidjson_accepts(body);
  if (theirs == report.valid()) return 0;
  if (theirs && fuzz::has_code(report, Code::encoding) && has_low_surrogate_escape(body)) return 0;  // filter 4
  fuzz::fail(theirs ? "RapidJSON accepts a body reqprobe rejects" : "reqprobe accepts a body RapidJSON rejects",
             fuzz::describe(report));
}
