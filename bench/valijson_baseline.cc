// B3: valijson 1.0 validating a RapidJSON DOM (valijson validates documents, not streams).
#include <rapidjson/document.h>

#include <valijson/adapters/rapidjson_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "baselines.h"
#include "rapidjson_flags.h"

namespace reqprobe_bench {

struct ValijsonBaseline::State {
  valijson::Schema schema;
  valijson::Validator validator;  // strong types (the default): 1 is not 1.0, "1" is not 1
};

ValijsonBaseline::ValijsonBaseline(const std::string& schema_json) : state_(std::make_unique<State>()) {
  rapidjson::Document schema_doc;
  schema_doc.Parse(schema_json.c_str(), schema_json.size());
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  const valijson::adapters::RapidJsonAdapter adapter(schema_doc);
  parser.populateSchema(adapter, state_->schema);
}

ValijsonBaseline::~ValijsonBaseline() = default;

bool ValijsonBaseline::accepts(const Input& input) {
  // A fresh Document per body, as valijson's examples do: its pool allocator would otherwise grow without bound.
  rapidjson::Document doc;
  doc.Parse<kRapidjsonStrictFlags>(input.storage.data());
  if (doc.HasParseError()) return false;
  const valijson::adapters::RapidJsonAdapter target(doc);
  // No ValidationResults: valijson then stops at the first error, its fastest mode.
  return state_->validator.validate(state_->schema, target, nullptr);
}

}  // namespace reqprobe_bench
