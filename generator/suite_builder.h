// The shared machinery of the generator: valid values from schema nodes, a base request, rule repair, and
// emitting a case with its computed expectation. Case families live in *_cases.cc and use only this.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "generator.h"
#include "http_encoding.h"
#include "json_text.h"
#include "reqprobe/validator.h"
#include "schema_walk.h"
#include "value_cases.h"
#include "value_synth.h"

namespace reqprobe::gen {

/// A request under construction: decoded path values, raw query, headers, body.
struct RequestParts {
  std::string method;
  std::string base;                   ///< the server's base path ("" or "/v1")
  std::vector<std::string> path_raw;  ///< per operation segment: the raw (percent-encoded) text
  std::vector<std::pair<std::string, std::string>> query_raw;  ///< (raw name, raw value or kNoEquals)
  std::vector<std::pair<std::string, std::string>> headers;
  std::optional<std::string> body;
  // Bookkeeping for parameters written by style (not part of the request itself).
  std::vector<std::pair<std::string, std::string>> cookies = {};         ///< rendered into one Cookie header
  std::vector<std::pair<std::uint32_t, std::string>> query_names = {};   ///< (parameter, raw name) it wrote
  std::vector<std::pair<std::uint32_t, std::string>> piece_values = {};  ///< partial path segments' values
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
  /// A candidate: when the validator does not report what it aims at, it is dropped (emit returns false) instead
  /// of being a defect. Used where the generator tries several values and keeps the first the validator confirms.
  bool speculative = false;
  bool note_miss = false;  ///< a speculative case that is dropped is listed in Suite::skipped
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
  /// Every family's cases for the selected operation.
  void generate_operation();

  // ---- building blocks --------------------------------------------------------------------------------
  [[nodiscard]] const Plan& plan() const { return contract_->plan(); }
  [[nodiscard]] const Operation& op() const { return plan().operations[op_index_]; }
  [[nodiscard]] std::uint32_t op_index() const { return op_index_; }
  /// Makes operation `index` the one cases are built for; `prefix` (empty for a single-operation contract) is put
  /// before every case id and constraint.
  void select_operation(std::uint32_t index, std::string prefix);
  [[nodiscard]] const std::string& prefix() const { return prefix_; }
  /// Valid values for any node, checked by the validator.
  [[nodiscard]] ValueSynth& synth() { return synth_; }
  /// Records that a constraint got no case on one side, and why.
  void skip(const std::string& constraint, const std::string& why);
  /// Validates a request without recording a case.
  [[nodiscard]] Report probe(const RequestParts& request);
  [[nodiscard]] const GenerateOptions& options() const { return options_; }
  /// Deterministic pseudo-random numbers (splitmix64) from the seed.
  [[nodiscard]] std::uint64_t next_random();
  /// A string of exactly `length` code points made of the seeded alphabet, optionally with multi-byte text.
  [[nodiscard]] std::string text(std::uint32_t length, int bytes_per_char = 1);
  /// A valid, readable string for a string node: its first enum value, or 8 seeded characters within bounds.
  [[nodiscard]] std::string typical_text(const SchemaNode& node);
  /// The shortest valid value of a node (objects: required members only, satisfying their rules).
  [[nodiscard]] Json minimal_value(std::uint32_t node, int depth = 0);
  /// A value with every member present and every string at its longest (multi-byte when `wide`); below the depth
  /// budget, the minimal value.
  [[nodiscard]] Json maximal_value(std::uint32_t node, bool wide, int depth = 0);
  /// True when a request must carry the parameter: it is required, or it is the credential of the operation's first
  /// security alternative (the token HSS's X-Auth-Token is, which AK/SK signing may replace).
  [[nodiscard]] bool needed(const Parameter& parameter) const;
  /// The minimal valid request; its body is the minimal valid body.
  [[nodiscard]] RequestParts base_request();
  /// A valid value for parameter `index` of the operation that its style can write (non-empty when it can be).
  [[nodiscard]] std::optional<Json> parameter_value(std::uint32_t index);
  /// The media type the JSON body is sent with.
  [[nodiscard]] std::string json_media_type() const;
  /// A body of media type `index` (form, multipart or other) from a valid value (`full`: optional members too).
  struct MediaText {
    std::string content_type;
    std::string body;
    bool ok = false;
  };
  [[nodiscard]] MediaText media_body(std::size_t index, bool full);
  /// The same from a given value (an object for forms and multipart).
  [[nodiscard]] MediaText media_body_of(std::size_t index, const Json& value);
  [[nodiscard]] Json base_body();
  /// Sets a member of `object` so that a rule term holds.
  void satisfy(Json& object, const RuleTerm& term);
  /// Makes every error rule of the body hold again without touching the field at `keep` (a pointer).
  void repair(Json& body, const std::string& keep);
  /// The value slot at `path` in `body`, creating minimal ancestors on the way.
  Json& slot(Json& body, const FieldPath& path);
  /// All fields of the body schema, depth first, with their paths.
  [[nodiscard]] std::vector<FieldPath> body_fields();

  /// Validates the request, records the case with its computed expectation, and checks the intent. False when a
  /// speculative intent is not met (nothing is recorded).
  bool emit(const Intent& intent, const RequestParts& request);
  /// Shorthand: the base request with `body` as its body.
  bool emit_body(const Intent& intent, const Json& body);
  bool emit_body_text(const Intent& intent, std::string body);

  /// Turns a JSON Pointer into an id fragment: "/image_info/0/id" -> "image_info.0.id".
  [[nodiscard]] static std::string id_of(const std::string& pointer);

 private:
  void repair_object(Json& object, std::uint32_t node, const std::string& pointer, const std::string& keep);

  std::shared_ptr<const Contract> contract_;
  GenerateOptions options_;
  Validator validator_;
  std::uint64_t random_state_;
  Suite suite_;
  std::uint32_t op_index_ = 0;
  std::string prefix_;
  ValueSynth synth_;
};

// Case families, each in its own file.
void add_valid_cases(SuiteBuilder& b);
void add_field_cases(SuiteBuilder& b);
void add_object_cases(SuiteBuilder& b);
void add_rule_cases(SuiteBuilder& b);
void add_structure_cases(SuiteBuilder& b);
void add_encoding_cases(SuiteBuilder& b);
void add_request_cases(SuiteBuilder& b);
// Families for what the classic ones do not reach: general schemas, parameters of every style, other bodies,
// security schemes.
void add_keyword_cases(SuiteBuilder& b, const FieldPath& field);
void add_general_object_cases(SuiteBuilder& b, const FieldPath& at);
void add_parameter_cases(SuiteBuilder& b);
void add_security_cases(SuiteBuilder& b);
void add_media_cases(SuiteBuilder& b);

/// Emits value cases (value_cases.h) at one place of the request: `request_for` puts a value there (nullopt when it
/// cannot be written); each case keeps the first candidate the validator confirms, or is listed as skipped.
void emit_value_cases(SuiteBuilder& b, const std::vector<ValueCase>& cases, const std::string& id,
                      const std::string& constraint_prefix, Location location, const std::string& pointer,
                      const std::string& where,
                      const std::function<std::optional<RequestParts>(const Json&)>& request_for);

/// Whether a parameter is written the classic way: a plain string schema, simple or form style, no content.
[[nodiscard]] bool classic_parameter(const Plan& plan, const Parameter& parameter);
/// A parameter's value as its style writes it: (name, raw value) pairs for the query, one raw text for the
/// other locations (pairs[0].second). Values are percent-encoded where the location needs it.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> serialize_parameter(const Plan& plan,
                                                                                   const Parameter& parameter,
                                                                                   const Json& value);
/// Puts the parameter's serialised value into the request (replacing what was there).
void set_parameter(const Operation& op, std::uint32_t index, const Plan& plan, RequestParts& parts,
                   const std::vector<std::pair<std::string, std::string>>& serialized);
/// Removes the parameter from the request.
void remove_parameter(const Operation& op, std::uint32_t index, RequestParts& parts);
/// A credential that meets the scheme (apiKey value, "Basic ...", "Bearer ...").
[[nodiscard]] std::string credential_value(const SecurityScheme& scheme);
/// Puts the credentials of the operation's first security alternative into the request, unless already there.
void add_credentials(const Plan& plan, const Operation& op, RequestParts& parts);
/// The text of a JSON string lexeme (escapes decoded), or the lexeme itself for other scalars.
[[nodiscard]] std::string scalar_text(const Json& value);

}  // namespace reqprobe::gen
