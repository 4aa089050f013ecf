// The baselines, each timed on the same inputs in the same process as reqprobe:
//   B0 memcpy of the body                       (the floor of touching every byte)
//   B1 RapidJSON Reader, null handler           (a strict SAX parse, no validation)
//   B2 RapidJSON SchemaValidator, SAX           (parse and validate against reqprobe's exported schema)
//   B3 valijson 1.0 over a RapidJSON DOM        (DOM parse, then validate against the same schema)
//   B4 simdjson DOM parse                       (the parse floor: fastest parser, no validation)
// accepts() is the exact call the timed loop repeats: for B0, B1 and B4 it says whether the body parsed (B0: always
// true), for B2 and B3 whether it is valid against the schema.
#pragma once

#include <memory>
#include <string>

#include "inputs.h"

namespace reqprobe_bench {

class MemcpyBaseline {
 public:
  [[nodiscard]] bool accepts(const Input& input);

 private:
  std::string buffer_;
};

class RapidjsonReaderBaseline {
 public:
  RapidjsonReaderBaseline();
  ~RapidjsonReaderBaseline();
  [[nodiscard]] bool accepts(const Input& input);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

class RapidjsonSchemaBaseline {
 public:
  /// Throws std::runtime_error when RapidJSON cannot read the schema.
  explicit RapidjsonSchemaBaseline(const std::string& schema_json);
  ~RapidjsonSchemaBaseline();
  [[nodiscard]] bool accepts(const Input& input);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

class ValijsonBaseline {
 public:
  /// Throws when valijson cannot read the schema.
  explicit ValijsonBaseline(const std::string& schema_json);
  ~ValijsonBaseline();
  [[nodiscard]] bool accepts(const Input& input);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

class SimdjsonDomBaseline {
 public:
  SimdjsonDomBaseline();
  ~SimdjsonDomBaseline();
  [[nodiscard]] bool accepts(const Input& input);
  /// The kernel simdjson picked for this CPU, e.g. "icelake" or "haswell".
  [[nodiscard]] static std::string implementation();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace reqprobe_bench
