// reqprobe: a strict, one-pass request validator. Umbrella header.
//
//     auto loaded = reqprobe::load_embedded_contract();
//     reqprobe::Validator validator(*loaded.contract);
//     reqprobe::Header headers[] = {{"X-Auth-Token", token}, {"Content-Type", "application/json"}};
//     reqprobe::Request request{"POST", "/v5/p1/image/image-scan/tasks", headers, R"({"is_all":true})"};
//     bool ok = validator.is_valid(request);              // fail-fast: verdict only
//     reqprobe::Report report = validator.validate(request);  // exhaustive: every violation
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "reqprobe/contract.h"
#include "reqprobe/limits.h"
#include "reqprobe/plan.h"
#include "reqprobe/request.h"
#include "reqprobe/violation.h"

namespace reqprobe {

namespace detail {
struct Scratch;
}

/// The 128-bit key of the hash that files undeclared member names while duplicates are looked for.
struct HashKey {
  std::uint64_t k0 = 0;
  std::uint64_t k1 = 0;
  [[nodiscard]] bool operator==(const HashKey&) const = default;
};

struct ValidatorOptions {
  Limits limits;
  /// D13 relaxed: unknown body members and query parameters are warnings, not errors.
  bool unknown_as_warning = false;
  /// All zero (the default): a key drawn once per process from the kernel's random source, so no body can be
  /// prepared whose member names collide (hash flooding). Set a key only to reproduce a run: tests, benchmarks.
  HashKey hash_key = {};
};

/// Runs a compiled contract over requests. Holds reusable scratch memory, so after warm-up a valid request
/// allocates nothing. Not thread-safe: use one Validator per thread (they may share the Contract).
class Validator {
 public:
  explicit Validator(std::shared_ptr<const Contract> contract, ValidatorOptions options = {});
  ~Validator();
  Validator(Validator&&) noexcept;
  Validator& operator=(Validator&&) noexcept;
  Validator(const Validator&) = delete;
  Validator& operator=(const Validator&) = delete;

  /// Fail-fast: stops at the first error. Agrees with validate(request).valid() on every input.
  [[nodiscard]] bool is_valid(const Request& request);
  /// Exhaustive: every violation (up to Limits::max_violations), in request order.
  [[nodiscard]] Report validate(const Request& request);

  /// The body alone against the body schema of an operation (default: the first one). No request checks.
  [[nodiscard]] bool is_valid_body(std::string_view body, std::size_t operation = 0);
  [[nodiscard]] Report validate_body(std::string_view body, std::size_t operation = 0);

  /// A JSON value alone against one schema node of the plan (Plan::nodes; a response body's schema, a parameter's):
  /// pointers are relative to the value. A node index out of range accepts any JSON value.
  [[nodiscard]] bool is_valid_value(std::string_view json, std::uint32_t node);
  [[nodiscard]] Report validate_value(std::string_view json, std::uint32_t node);

  /// The operation (an index into the plan's operations) that a request with this method and request-target
  /// reaches, routed as validation routes it; nullopt when no path matches or the path lacks the method. Tools use
  /// it to find the documented responses of the operation a request is for.
  [[nodiscard]] std::optional<std::size_t> route(std::string_view method, std::string_view target);

  [[nodiscard]] const Contract& contract() const noexcept { return *contract_; }
  [[nodiscard]] const ValidatorOptions& options() const noexcept { return options_; }

 private:
  std::shared_ptr<const Contract> contract_;
  ValidatorOptions options_;
  std::unique_ptr<detail::Scratch> scratch_;
};

}  // namespace reqprobe
