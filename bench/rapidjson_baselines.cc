// B1 (RapidJSON Reader, null handler) and B2 (RapidJSON SchemaValidator fed by the Reader: SAX, no DOM).
#include <rapidjson/document.h>
#include <rapidjson/reader.h>
#include <rapidjson/schema.h>

#include <stdexcept>

#include "baselines.h"
#include "rapidjson_flags.h"

namespace reqprobe_bench {

struct RapidjsonReaderBaseline::State {
  rapidjson::Reader reader;  // reused, so its parse stack is allocated once
  rapidjson::BaseReaderHandler<> handler;
};

RapidjsonReaderBaseline::RapidjsonReaderBaseline() : state_(std::make_unique<State>()) {}
RapidjsonReaderBaseline::~RapidjsonReaderBaseline() = default;

bool RapidjsonReaderBaseline::accepts(const Input& input) {
  // StringStream (NUL-terminated, no bounds check) is RapidJSON's fastest stream; inputs hold no NUL (checked on load).
  rapidjson::StringStream stream(input.storage.data());
  return !state_->reader.Parse<kRapidjsonStrictFlags>(stream, state_->handler).IsError();
}

struct RapidjsonSchemaBaseline::State {
  rapidjson::Document schema_json;
  std::unique_ptr<rapidjson::SchemaDocument> schema;
  std::unique_ptr<rapidjson::SchemaValidator> validator;  // reused and Reset() per body, as RapidJSON advises
  rapidjson::Reader reader;
};

RapidjsonSchemaBaseline::RapidjsonSchemaBaseline(const std::string& schema_json) : state_(std::make_unique<State>()) {
  state_->schema_json.Parse(schema_json.c_str(), schema_json.size());
  if (state_->schema_json.HasParseError()) throw std::runtime_error("RapidJSON cannot parse the exported schema");
  state_->schema = std::make_unique<rapidjson::SchemaDocument>(state_->schema_json);
  state_->validator = std::make_unique<rapidjson::SchemaValidator>(*state_->schema);
}

RapidjsonSchemaBaseline::~RapidjsonSchemaBaseline() = default;

bool RapidjsonSchemaBaseline::accepts(const Input& input) {
  rapidjson::SchemaValidator& validator = *state_->validator;
  validator.Reset();
  rapidjson::StringStream stream(input.storage.data());
  // The validator is the Reader's handler and stops the parse at the first violation.
  const rapidjson::ParseResult parsed = state_->reader.Parse<kRapidjsonStrictFlags>(stream, validator);
  return !parsed.IsError() && validator.IsValid();
}

}  // namespace reqprobe_bench
