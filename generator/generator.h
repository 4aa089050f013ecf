// The case generator: every boundary and negative case of a contract, each with the verdict the validator
// computes on its exact bytes. Driven only by the compiled plan: it never names a field.
//
//     auto loaded = reqprobe::load_embedded_contract();
//     reqprobe::gen::Suite suite = reqprobe::gen::generate_suite(loaded.contract, {.seed = 1});
//     for (const auto& c : suite.cases) write(c.kase);   // suite.defects lists cases whose target was missed
//
// A contract with several operations gets cases for each (GenerateOptions::operations narrows them), ids
// prefixed by the operation's name; a single-operation contract's ids carry no prefix.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "reqprobe/case_file.h"
#include "reqprobe/contract.h"
#include "reqprobe/limits.h"

namespace reqprobe::gen {

/// One generated case and what it is for.
struct GeneratedCase {
  Case kase;             ///< id, description, request and the computed `expect`
  std::string category;  ///< valid, length, range, type, enum, structure, encoding, request, rule, limit
  std::vector<std::string> constraints;  ///< contract constraints it exercises, e.g. "body:/rate_limit:maximum"
  bool meant_valid = true;               ///< the side of those constraints it is on
  bool has_target = false;               ///< the one violation it targets (invalid side, or a warning)
  Violation target;
  /// The operation's name (operation_name) when the contract has several operations, else empty: ids and
  /// constraints then start with it ("addPet.body.name.valid").
  std::string operation = {};
  std::uint32_t operation_index = 0;  ///< index into Plan::operations
};

struct GenerateOptions {
  std::uint64_t seed = 1;
  Limits limits;  ///< the limits the suite's limit cases are built around (use the validator's)
  /// The operations to generate for (indices into Plan::operations, e.g. from select_operations() in
  /// operation_selection.h); empty: every operation.
  std::vector<std::uint32_t> operations = {};
};

struct Suite {
  std::vector<GeneratedCase> cases;
  /// Cases whose verdict or target violation is not what the validator reports: defects of the generator or the
  /// validator. Empty for a healthy build; a test asserts it.
  std::vector<std::string> defects;
  /// Constraints that got no case on one side, each "constraint: why" (a pattern too rich to derive a match from,
  /// a value no candidate satisfies, ...). Not defects: what the generator could not build, said plainly.
  std::vector<std::string> skipped = {};
  /// Candidates built to break a constraint that the validator accepted outright (verdict valid, no violation),
  /// so not kept: id, category, target and computed expectation. Most are the generator guessing (a type edge the
  /// dialect allows, a pattern miss the pattern matches after all); suite_fuzzer holds the sure ones (a parameter's
  /// count, length or bound one past its limit) to account.
  std::vector<GeneratedCase> unconfirmed = {};
};

[[nodiscard]] Suite generate_suite(std::shared_ptr<const Contract> contract, const GenerateOptions& options);

/// One manifest.jsonl line: id, file, category, constraint, side, verdict, violations, and "operation" when the
/// case has one (contracts with several operations).
[[nodiscard]] std::string manifest_line(const GeneratedCase& generated, const std::string& file);

/// Every constraint of the contract that the suite must cover on both sides, as constraint ids: every operation
/// (or those listed), each id prefixed by the operation's name when the plan has several.
[[nodiscard]] std::vector<std::string> contract_constraints(const Plan& plan,
                                                            const std::vector<std::uint32_t>& operations = {});

}  // namespace reqprobe::gen
