// Mutation of whole requests for `reqprobe fuzz`: one to a few edits of a case's method, path segments, query
// pairs, header fields or body, each picked at random among those the operation's plan makes interesting (a
// parameter's bounds and lengths +-1, its enum values one edit away) and those any server must survive (empty,
// long, control bytes, malformed percent-encoding, duplicated and dropped parts, byte-level body damage). The body
// goes through BodyMutator where it is JSON the operation declares. No verdict here: the caller computes it with
// the validator on the mutant's exact bytes.
//
//     reqprobe::gen::RequestMutator mutator(contract->plan());
//     reqprobe::Case mutant = mutator.mutate(seed_case, operation_index, rng_seed);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "body_mutator.h"
#include "reqprobe/case_file.h"
#include "reqprobe/contract.h"

namespace reqprobe::gen {

class RequestMutator {
 public:
  explicit RequestMutator(const Plan& plan);

  /// A mutant of `kase` (it keeps the id; `edits` names each edit made, e.g. "query:limit=max+1"). `operation` is
  /// the index in Plan::operations the case routes to, if any: its parameters and body schema steer the edits.
  [[nodiscard]] Case mutate(const Case& kase, std::optional<std::uint32_t> operation, std::uint64_t seed,
                            std::vector<std::string>& edits);

 private:
  const Plan& plan_;
  BodyMutator body_;
};

}  // namespace reqprobe::gen
