// `reqprobe contract check [--contract FILE] [--format json]`: loads a document and says what reqprobe will make of
// it: every operation with what its requests are checked for and what is skipped, then every warning and error
// with file:line:column. Exit 0 when the document loads (warnings allowed), 2 when it does not.
#pragma once

#include <ostream>
#include <string>

#include "contract_source.h"

namespace reqprobe::cli {

struct ContractCheckOptions {
  ContractChoice contract;
  std::string format = "text";  ///< text or json
};

[[nodiscard]] int run_contract_check(const ContractCheckOptions& options, std::ostream& out, std::ostream& err);

}  // namespace reqprobe::cli
