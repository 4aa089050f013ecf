// contract_load_fuzzer: load_contract on arbitrary bytes, JSON or YAML. Bytes after the first NUL are a second
// document, served for every reference to another file (so multi-file contracts are fuzzed too). Invariants: a result
// is a contract or errors, never both or neither; loading is deterministic; enabling an option succeeds exactly when
// the contract offers it; a loaded contract (with its option too) exports JSON Schema that is valid JSON, and validates
// probe bodies and requests with agreeing modes.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz_utils.h"
#include "reqprobe/json_schema_export.h"

namespace {

bool same_errors(const reqprobe::LoadResult& a, const reqprobe::LoadResult& b) {
  if (a.ok() != b.ok() || a.errors.size() != b.errors.size()) return false;
  for (std::size_t i = 0; i < a.errors.size(); ++i)
    if (a.errors[i].pointer != b.errors[i].pointer || a.errors[i].message != b.errors[i].message) return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace reqprobe;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t split = input.find('\0');
  const std::string_view text = input.substr(0, split);
  const std::string other(split == std::string_view::npos ? std::string_view() : input.substr(split + 1));
  LoadOptions options;
  options.name = "/fuzz/contract.yaml";
  if (split != std::string_view::npos)
    options.read_document = [&other](const std::string&, std::string&) { return std::optional<std::string>(other); };
  const LoadResult loaded = load_contract(text, options);
  if (loaded.ok() == !loaded.errors.empty()) fuzz::fail("a load gives a contract or errors, not both or neither");
  if (!same_errors(loaded, load_contract(text, options))) fuzz::fail("loading is deterministic");
  static const std::string option = [] {  // an option name the embedded contract offers
    const auto& unions = fuzz::embedded_contract()->plan().mask_unions;
    return unions.empty() ? std::string("an-option") : unions.front().option;
  }();
  bool offered = false;
  if (loaded.ok())
    for (const MaskUnion& m : loaded.contract->plan().mask_unions) offered = offered || m.option == option;
  LoadOptions with = options;
  with.enable = {option};
  const LoadResult with_option = load_contract(text, with);
  if (with_option.ok() != offered)
    fuzz::fail("enabling an option succeeds exactly when the contract loads and offers it");
  if (!loaded.ok()) return 0;

  for (const LoadResult* result : {&loaded, &with_option}) {
    for (std::size_t op = 0; result->ok() && op <= result->contract->plan().operations.size(); ++op) {
      const std::string schema = export_json_schema(*result->contract, op);
      rapidjson::Document document;
      if (document.Parse<fuzz::kStrictParse>(schema.data(), schema.size()).HasParseError())
        fuzz::fail("an exported JSON Schema is valid JSON", schema);
    }
  }
  Validator first(loaded.contract, {.limits = fuzz::fuzz_limits(), .unknown_as_warning = false});
  Validator validator = std::move(first);  // a moved Validator works like a new one
  for (const std::string_view body : {"", "{}", "[]", "0", "\"\"", "{\"a\":[1,{\"b\":null}],\"c\":true}"}) {
    (void)fuzz::check_body(validator, body);
    for (const Operation& op : loaded.contract->plan().operations)
      (void)fuzz::check_request(validator, {op.method, op.path_template, {}, body});
  }
  return 0;
}
