// Structure-aware mutation of a JSON body: one place the plan describes (a member, an item, a declared member that
// is absent) pushed to one constraint edge (lengths and bounds +-1 in 1- to 4-byte characters or escapes, enum
// values one edit away, type swaps, dropped, duplicated and escaped members, nesting at the depth limit, hostile
// bytes and escapes). The output may be any bytes; whoever sends it computes its verdict with the validator.
//
//     reqprobe::gen::BodyMutator mutator(contract->plan());
//     std::string out;
//     if (mutator.mutate(seed, body, operation.body, out)) send(out);
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "reqprobe/contract.h"

namespace reqprobe::gen {

class BodyMutator {
 public:
  explicit BodyMutator(const Plan& plan);
  ~BodyMutator();
  BodyMutator(const BodyMutator&) = delete;
  BodyMutator& operator=(const BodyMutator&) = delete;

  /// One mutation of `input`, a JSON body checked by plan node `body_node`, chosen by `seed` (the same seed and
  /// input give the same output). False when the input does not parse as JSON, nests deeper than the mutator
  /// walks, or `body_node` is kNone: the caller then mutates bytes instead.
  [[nodiscard]] bool mutate(unsigned seed, std::string_view input, std::uint32_t body_node, std::string& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace reqprobe::gen
