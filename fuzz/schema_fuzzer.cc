// schema_fuzzer: a bare JSON Schema (draft 7) and an instance, split at the input's first NUL byte. Invariants: a
// load gives a contract or errors and is deterministic; the two modes agree on the instance, with formats as
// annotations and asserted; and, where valijson 1.0 (draft 7) can be trusted, its verdict equals reqprobe's. The
// filters below skip what valijson decides differently by design or by a known gap (each is explained in
// fuzz/README.md); they only ever skip the comparison, never the other invariants.
// valijson's RapidJSON adapter first: it defines RAPIDJSON_ASSERT (to throw, with VALIJSON_USE_EXCEPTIONS).
#include <valijson/adapters/rapidjson_adapter.hpp>

// clang-format off: the adapter above must stay first
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>
// clang-format on

#include <rapidjson/document.h>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz_utils.h"
#include "reqprobe/json_depth.h"

namespace {

constexpr std::size_t kMaxDepth = 32;  // valijson and RapidJSON's DOM recurse

// True when every "multipleOf" in the text is followed by a positive integer of at most 15 digits: with integer
// instances (filter 2), valijson's double remainder is then exact. Anything else after the key (a fraction, an
// object: a property named multipleOf) counts as not comparable.
bool integer_multiples_only(std::string_view schema) {
  constexpr std::string_view key = "\"multipleOf\"";
  for (std::size_t at = schema.find(key); at != std::string_view::npos; at = schema.find(key, at + 1)) {
    std::size_t i = at + key.size();
    while (i < schema.size() && (schema[i] == ' ' || schema[i] == ':' || schema[i] == '\n' || schema[i] == '\t')) ++i;
    const std::size_t first = i;
    while (i < schema.size() && schema[i] >= '0' && schema[i] <= '9') ++i;
    if (i == first || i - first > 15 || schema[first] == '0') return false;
    if (i < schema.size() && (schema[i] == '.' || schema[i] == 'e' || schema[i] == 'E')) return false;
  }
  return true;
}

// Filter 1: keywords valijson reads another way. format and pattern(Properties): valijson runs std::regex (ECMAScript
// grammar, backtracking: a pattern can take exponential time) and checks a different set of formats. multipleOf with
// a divisor that is not an integer: a double remainder. uniqueItems, enum and const: valijson compares 1 and 1.0 as
// different. $id/id: valijson does not change the base URI for $ref. A key is matched anywhere in the text, which
// may over-filter, never under-filter.
bool schema_comparable(std::string_view schema) {
  for (const char* key :
       {"\"format\"", "\"pattern", "\"uniqueItems\"", "\"enum\"", "\"const\"", "\"$id\"", "\"id\"", "\"$schema\""})
    if (schema.find(key) != std::string_view::npos) return false;
  return integer_multiples_only(schema);
}

// The instance with ".0" after every integer lexeme outside strings (7 -> 7.0, -0 -> -0.0, 1e2 untouched). Draft 6
// and later read both as the same number, an integer, so the verdict and the violations (code, place, pointer) must
// not change; the second text takes the engine's exact decimal path where the first may take the small-integer one.
// Empty when the instance has no integer lexeme.
std::string integers_as_decimals(std::string_view instance) {
  std::string out;
  bool in_string = false;
  bool changed = false;
  for (std::size_t i = 0; i < instance.size(); ++i) {
    const char c = instance[i];
    if (in_string || c == '"') {
      out.push_back(c);
      if (in_string && c == '\\' && i + 1 < instance.size())
        out.push_back(instance[++i]);
      else
        in_string = c == '"' ? !in_string : in_string;
      continue;
    }
    if (c != '-' && !(c >= '0' && c <= '9')) {
      out.push_back(c);
      continue;
    }
    const std::size_t end = instance.find_first_not_of("0123456789+-.eE", i);
    const std::string_view lexeme = instance.substr(i, end - i);
    out.append(lexeme);
    if (lexeme.find_first_of(".eE") == std::string_view::npos &&
        lexeme.find_first_of("0123456789") != std::string_view::npos) {
      out.append(".0");
      changed = true;
    }
    i += lexeme.size() - 1;
  }
  return changed ? out : std::string();
}

// The instance with a space after every '{', '[', ',' and ':' outside strings: the same JSON value, which the
// engine's compact-text shortcuts (the member loop's predicted names, scalars and small objects settled in place)
// cannot take, so it is read by the frame-based code. Both texts must get the same verdict and violations.
std::string spaced_out(std::string_view instance) {
  std::string out;
  bool in_string = false;
  for (std::size_t i = 0; i < instance.size(); ++i) {
    const char c = instance[i];
    out.push_back(c);
    if (in_string) {
      if (c == '\\' && i + 1 < instance.size())
        out.push_back(instance[++i]);
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[' || c == ',' || c == ':') {
      out.push_back(' ');
    }
  }
  return out;
}

// Filter 2: instances whose numbers a double cannot hold exactly (valijson compares doubles), or that are written
// with a fraction or exponent (draft 7 counts 1.0 as an integer; valijson's type check does not).
bool instance_comparable(std::string_view instance) {
  std::size_t digits = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < instance.size(); ++i) {
    const char c = instance[i];
    if (in_string) {
      if (c == '\\') ++i;
      if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '.' || c == 'e' || c == 'E') {
      return false;
    } else if (c >= '0' && c <= '9') {
      if (++digits > 15) return false;
      continue;
    }
    digits = 0;
  }
  return true;
}

// Filter 3: an instance object with a repeated key. reqprobe refuses it (duplicate); a DOM keeps both or one.
bool has_duplicate_code(const reqprobe::Report& report) {
  return reqprobe::fuzz::has_code(report, reqprobe::Code::duplicate);
}

// valijson's verdict, or nullopt when it cannot give one (its parser refused the schema or the instance).
std::optional<bool> valijson_accepts(std::string_view schema_text, std::string_view instance_text) {
  rapidjson::Document schema_doc;
  if (schema_doc.Parse<reqprobe::fuzz::kStrictParse>(schema_text.data(), schema_text.size()).HasParseError())
    return std::nullopt;
  rapidjson::Document instance_doc;
  if (instance_doc.Parse<reqprobe::fuzz::kStrictParse>(instance_text.data(), instance_text.size()).HasParseError())
    return std::nullopt;
  try {
    valijson::Schema schema;
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    const valijson::adapters::RapidJsonAdapter schema_adapter(schema_doc);
    parser.populateSchema(schema_adapter, schema);
    valijson::Validator validator;  // strong types: "1" is not 1 (fractions are filtered out above)
    const valijson::adapters::RapidJsonAdapter target(instance_doc);
    return validator.validate(schema, target, nullptr);
  } catch (const std::exception&) {
    return std::nullopt;  // a schema valijson does not read (it throws on what it rejects)
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace reqprobe;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t split = input.find('\0');
  const std::string_view schema_text = input.substr(0, split);
  const std::string_view instance = split == std::string_view::npos ? std::string_view() : input.substr(split + 1);
  SchemaLoadOptions options;
  options.dialect = SchemaDialect::draft7;
  const LoadResult loaded = load_schema(schema_text, options);
  if (loaded.ok() == !loaded.errors.empty()) fuzz::fail("a load gives a contract or errors, not both or neither");
  if (load_schema(schema_text, options).ok() != loaded.ok()) fuzz::fail("loading is deterministic");
  if (!loaded.ok()) return 0;
  Validator validator(loaded.contract, {.limits = fuzz::fuzz_limits(), .unknown_as_warning = false});
  const bool fast = validator.is_valid_body(instance);
  const Report report = validator.validate_body(instance);
  if (fast != report.valid()) fuzz::fail("the two modes agree on the instance", fuzz::describe(report));
  if (schema_text.find("\"format\"") != std::string_view::npos) {  // formats asserted too (--assert-formats)
    SchemaLoadOptions asserting = options;
    asserting.assert_formats = true;
    const LoadResult with_formats = load_schema(schema_text, asserting);
    if (!with_formats.ok()) fuzz::fail("asserting formats does not change whether a schema loads");
    Validator formats(with_formats.contract, {.limits = fuzz::fuzz_limits(), .unknown_as_warning = false});
    const Report asserted = formats.validate_body(instance);
    if (formats.is_valid_body(instance) != asserted.valid())
      fuzz::fail("the two modes agree with formats asserted", fuzz::describe(asserted));
  }
  if (!fuzz::has_code(report, Code::syntax) && !fuzz::has_code(report, Code::encoding) &&
      !fuzz::has_code(report, Code::limit)) {
    const std::string decimals = integers_as_decimals(instance);
    const Report again = decimals.empty() ? report : validator.validate_body(decimals);
    if (!fuzz::has_code(again, Code::limit) &&
        (again.valid() != report.valid() || !fuzz::same_violations(again.violations, report.violations)))
      fuzz::fail("an integer written N or N.0 gets the same verdict and violations (draft 7)",
                 fuzz::describe(report) + "-- with N.0:\n" + fuzz::describe(again) + decimals);
    const std::string spaced = spaced_out(instance);
    const Report read_by_frames = validator.validate_body(spaced);
    if (!fuzz::has_code(read_by_frames, Code::limit) &&
        (read_by_frames.valid() != report.valid() ||
         !fuzz::same_violations(read_by_frames.violations, report.violations)))
      fuzz::fail("whitespace between tokens changes neither the verdict nor the violations",
                 fuzz::describe(report) + "-- spaced out:\n" + fuzz::describe(read_by_frames) + spaced);
  }
  if (!schema_comparable(schema_text) || !instance_comparable(instance) || has_duplicate_code(report)) return 0;
  if (!json_depth_within(schema_text, kMaxDepth) || !json_depth_within(instance, kMaxDepth)) return 0;
  if (fuzz::has_code(report, Code::syntax) || fuzz::has_code(report, Code::encoding) ||
      fuzz::has_code(report, Code::limit))
    return 0;  // not JSON reqprobe reads as a value; valijson's parser decides those on its own
  const std::optional<bool> oracle = valijson_accepts(schema_text, instance);
  if (oracle && *oracle != report.valid())
    fuzz::fail(
        *oracle ? "valijson accepts an instance reqprobe refuses" : "valijson refuses an instance reqprobe accepts",
        fuzz::describe(report));
  return 0;
}
