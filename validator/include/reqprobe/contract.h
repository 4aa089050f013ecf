// Loading a contract: an OpenAPI 3.0 or 3.1 document, JSON or YAML (docs/contract-format.md says what is read,
// checked, ignored or refused), parsed, its references resolved, and compiled into a Plan.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reqprobe/plan.h"

namespace reqprobe {

/// A problem in a contract: what, and where (the document, line and column, and a JSON Pointer into it).
struct ContractError {
  std::string pointer;
  std::string message;
  std::string source;      ///< the document's name (a file path, or the name given in LoadOptions)
  std::uint32_t line = 0;  ///< 1-based; 0 when unknown
  std::uint32_t column = 0;
  Severity severity = Severity::error;
  /// "source:line:column: pointer: message", leaving out what is unknown.
  [[nodiscard]] std::string describe() const;
};

/// Reads another document a contract refers to, by absolute URI ("file:///dir/common.yaml"); nullopt with `error`
/// set when it cannot. The library does no I/O: without a reader, references to other files are errors.
using DocumentReader = std::function<std::optional<std::string>(const std::string& uri, std::string& error)>;

struct LoadOptions {
  /// Names of opt-in relaxations to enable, e.g. "scan-scope-combinations" (x-reqprobe-mask-union).
  std::vector<std::string> enable = {};
  /// The strict profile whatever the document says (--strict): undeclared body members and query parameters are
  /// `unknown` errors. Documents opt in with `x-reqprobe-strict: true`.
  bool strict = false;
  /// The document's name in messages, and (as a file path or URI) the base its relative references resolve
  /// against.
  std::string name = "contract";
  /// The URI relative references resolve against ("file:///home/me/api/openapi.yaml"); empty: made from `name`
  /// (a relative name is taken as rooted at "/"). The CLI sets it to the file's absolute path.
  std::string base_uri = {};
  /// Reads documents that references point to (see DocumentReader).
  DocumentReader read_document = {};
  /// Assert `format` (date-time, uuid, email, ...); off, formats are annotations.
  bool assert_formats = true;
};

namespace detail {
struct Runtime;
}

/// An immutable compiled contract. Share it freely between threads and Validators.
class Contract {
 public:
  explicit Contract(Plan plan);
  ~Contract();
  [[nodiscard]] const Plan& plan() const noexcept { return plan_; }
  /// What the engines need beyond the plan's data (routes, compiled patterns); built by the constructor.
  [[nodiscard]] const detail::Runtime& runtime() const noexcept { return *runtime_; }

 private:
  Plan plan_;
  std::unique_ptr<const detail::Runtime> runtime_;
};

/// Either a contract or the errors that prevented it, and the warnings either way. Loading never throws.
struct [[nodiscard]] LoadResult {
  std::shared_ptr<const Contract> contract;  ///< null when errors is not empty
  std::vector<ContractError> errors;
  std::vector<ContractError> warnings;  ///< what loads but deserves a look: ignored keywords, unasserted formats...
  [[nodiscard]] bool ok() const noexcept { return contract != nullptr; }
};

/// Compiles an OpenAPI 3.0.x or 3.1.x document, JSON or YAML. Every constraint keyword that is not implemented is
/// an error naming it; annotations are read and ignored.
///
///     reqprobe::LoadResult loaded = reqprobe::load_contract(text);
///     if (!loaded.ok()) for (const auto& e : loaded.errors) report(e.describe());
[[nodiscard]] LoadResult load_contract(std::string_view text, const LoadOptions& options = {});

/// A bare JSON Schema's dialect, when the schema has no $schema.
enum class SchemaDialect { draft4, draft6, draft7, draft2019_09, draft2020_12 };

struct SchemaLoadOptions {
  SchemaDialect dialect = SchemaDialect::draft2020_12;
  std::string name = "schema";
  std::string base_uri = {};  ///< as in LoadOptions
  DocumentReader read_document = {};
  /// 2020-12 and 2019-09 make format an annotation unless a vocabulary asks for assertion; true asserts it anyway.
  bool assert_formats = false;
};

/// Compiles a bare JSON Schema document (JSON or YAML). The contract has one pseudo-operation whose body schema is
/// the document: Validator::validate_body checks instances against it.
///
///     reqprobe::LoadResult schema = reqprobe::load_schema(text);
///     reqprobe::Validator validator(schema.contract);
///     bool ok = validator.is_valid_body(R"({"a":1})");
[[nodiscard]] LoadResult load_schema(std::string_view text, const SchemaLoadOptions& options = {});

/// The HSS "Create a manual image scan task" contract embedded in the library (contracts/*.openapi.json).
[[nodiscard]] std::string_view embedded_contract_text() noexcept;
/// Name of the embedded contract file, for messages.
[[nodiscard]] std::string_view embedded_contract_name() noexcept;

/// Loads the embedded contract (it is tested to load; errors are still returned, never thrown).
[[nodiscard]] LoadResult load_embedded_contract(const LoadOptions& options = {});

}  // namespace reqprobe
