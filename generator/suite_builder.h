// The shared machinery of the generator: valid values from schema nodes, a base request, rule repair, and
// emitting a case with its computed expectation. Case families live in *_cases.cc and use only this.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "generator.h"
#include "http_encoding.h"
#include "json_text.h"
#include "reqprobe/validator.h"
#include "schema_walk.h"

namespace reqprobe::gen {

/// A request under construction: decoded path values, raw query, headers, body.
struct RequestParts {
  std::string method;
  std::vector<std::string> path_raw;  ///< per operation segment: the raw (percent-encoded) text
  std::vector<std::pair<std::string, std::string>> query_raw;  ///< (raw name, raw value or kNoEquals)
  std::vector<std::pair<std::string, std::string>> headers;
  std::optional<std::string> body;
  [[nodiscard]] std::string target() const;
};

/// What a case is for.
struct Intent {
  std::string id;
  std::string description;
  std::string category;
  std::vector<std::string> constraints;  ///< contract constraints this case exercises, on the side below
  bool valid = true;                     ///< the verdict the case is meant to get
  // The violation an invalid-side case targets (or a warning a valid case must carry).
  bool has_target = false;
  Code code = Code::syntax;
  Location location = Location::body;
  std::string pointer;
  Severity severity = Severity::error;
  bool forbid_limit = false;  ///< the case sits just inside a safety limit: no `limit` may be reported
};

/// A case meant to be valid, exercising `constraints` on their satisfied side.
[[nodiscard]] Intent meant_valid(std::string id, std::string description, std::string category,
                                 std::vector<std::string> constraints = {});
/// A case meant to be invalid, targeting one violation.
[[nodiscard]] Intent meant_invalid(std::string id, std::string description, std::string category,
                                   std::string constraint, Code code, Location location, std::string pointer);

class SuiteBuilder {
 public:
  SuiteBuilder(std::shared_ptr<const Contract> contract, const GenerateOptions& options);

  [[nodiscard]] Suite take() { return std::move(suite_); }

  // ---- building blocks --------------------------------------------------------------------------------
  [[nodiscard]] const Plan& plan() const { return contract_->plan(); }
  [[nodiscard]] const Operation& op() const { return plan().operations[0]; }
  [[nodiscard]] const GenerateOptions& options() const { return options_; }
  /// Deterministic pseudo-random numbers (splitmix64) from the seed.
  [[nodiscard]] std::uint64_t next_random();
  /// A string of exactly `length` code points made of the seeded alphabet, optionally with multi-byte text.
  [[nodiscard]] std::string text(std::uint32_t length, int bytes_per_char = 1);
  /// A valid, readable string for a string node: its first enum value, or 8 seeded characters within bounds.
  [[nodiscard]] std::string typical_text(const SchemaNode& node);
  /// The shortest valid value of a node (objects: required members only, satisfying their rules).
  [[nodiscard]] Json minimal_value(std::uint32_t node);
  /// A value with every member present and every string at its longest (multi-byte when `wide`).
  [[nodiscard]] Json maximal_value(std::uint32_t node, bool wide);
  /// True when a request must carry the parameter: it is required, or it is the credential of the operation's first
  /// security alternative (the token HSS's X-Auth-Token is, which AK/SK signing may replace).
  [[nodiscard]] bool needed(const Parameter& parameter) const;
  /// The minimal valid request; its body is the minimal valid body.
  [[nodiscard]] RequestParts base_request();
  [[nodiscard]] Json base_body();
  /// Sets a member of `object` so that a rule term holds.
  void satisfy(Json& object, const RuleTerm& term);
  /// Makes every error rule of the body hold again without touching the field at `keep` (a pointer).
  void repair(Json& body, const std::string& keep);
  /// The value slot at `path` in `body`, creating minimal ancestors on the way.
  Json& slot(Json& body, const FieldPath& path);
  /// All fields of the body schema, depth first, with their paths.
  [[nodiscard]] std::vector<FieldPath> body_fields();

  /// Validates the request, records the case with its computed expectation, and checks the intent.
  void emit(const Intent& intent, const RequestParts& request);
  /// Shorthand: the base request with `body` as its body.
  void emit_body(const Intent& intent, const Json& body);
  void emit_body_text(const Intent& intent, std::string body);

  /// Turns a JSON Pointer into an id fragment: "/image_info/0/id" -> "image_info.0.id".
  [[nodiscard]] static std::string id_of(const std::string& pointer);

 private:
  void repair_object(Json& object, std::uint32_t node, const std::string& pointer, const std::string& keep);

  std::shared_ptr<const Contract> contract_;
  GenerateOptions options_;
  Validator validator_;
  std::uint64_t random_state_;
  Suite suite_;
};

// Case families, each in its own file.
void add_valid_cases(SuiteBuilder& b);
void add_field_cases(SuiteBuilder& b);
void add_object_cases(SuiteBuilder& b);
void add_rule_cases(SuiteBuilder& b);
void add_structure_cases(SuiteBuilder& b);
void add_encoding_cases(SuiteBuilder& b);
void add_request_cases(SuiteBuilder& b);

}  // namespace reqprobe::gen
