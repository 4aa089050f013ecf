// Which contract and which JSON Schema each input is validated with: the embedded HSS contract and its draft-07
// export, or, for inputs that name a schema file (the real-world suite), that schema loaded by reqprobe as draft 7
// and given as is to the baselines. Loaded once, before anything is timed.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "inputs.h"
#include "reqprobe/contract.h"

namespace reqprobe_bench {

struct SchemaChoice {
  std::shared_ptr<const reqprobe::Contract> contract;
  std::string schema_json;
};

class SchemaSuites {
 public:
  /// Throws std::runtime_error when a schema file cannot be read or reqprobe cannot load it.
  SchemaSuites(std::shared_ptr<const reqprobe::Contract> hss, std::string hss_schema, const Inputs& inputs);
  [[nodiscard]] const SchemaChoice& for_input(const Input& input) const;
  [[nodiscard]] const SchemaChoice& hss() const { return hss_; }

 private:
  SchemaChoice hss_;
  std::map<std::string, SchemaChoice> by_file_;
};

}  // namespace reqprobe_bench
