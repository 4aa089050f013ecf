#include "schema_suites.h"

#include <stdexcept>

namespace reqprobe_bench {

SchemaSuites::SchemaSuites(std::shared_ptr<const reqprobe::Contract> hss, std::string hss_schema, const Inputs& inputs)
    : hss_{std::move(hss), std::move(hss_schema)} {
  for (const auto& input : inputs) {
    if (input->schema_file.empty() || by_file_.count(input->schema_file) != 0) continue;
    SchemaChoice choice;
    choice.schema_json = read_text_file(input->schema_file);
    reqprobe::SchemaLoadOptions options;
    options.dialect = reqprobe::SchemaDialect::draft7;
    options.name = input->schema_file;
    options.assert_formats = true;  // reqprobe checks uuid, date-time and email; the baselines do what they do
    reqprobe::LoadResult loaded = reqprobe::load_schema(choice.schema_json, options);
    if (!loaded.ok())
      throw std::runtime_error(input->schema_file + ": reqprobe cannot load it: " + loaded.errors.front().describe());
    choice.contract = std::move(loaded.contract);
    by_file_.emplace(input->schema_file, std::move(choice));
  }
}

const SchemaChoice& SchemaSuites::for_input(const Input& input) const {
  return input.schema_file.empty() ? hss_ : by_file_.at(input.schema_file);
}

}  // namespace reqprobe_bench
