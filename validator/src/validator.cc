// Validator: owns the scratch memory and picks the fail-fast or exhaustive instantiation of the engines.
#include "reqprobe/validator.h"

#include "body_engine.h"
#include "engine/request_engine.h"
#include "engine/runtime.h"
#include "placement.h"
#include "scratch.h"

namespace reqprobe {

Validator::Validator(std::shared_ptr<const Contract> contract, ValidatorOptions options)
    : contract_(std::move(contract)), options_(options), scratch_(std::make_unique<detail::Scratch>(options_)) {}

Validator::~Validator() = default;
Validator::Validator(Validator&&) noexcept = default;
Validator& Validator::operator=(Validator&&) noexcept = default;

REQPROBE_HOT bool Validator::is_valid(const Request& request) {
  detail::Sink sink(nullptr, options_.limits);
  detail::validate_whole_request<false>(*contract_, options_, *scratch_, sink, request);
  return !sink.failed();
}

std::optional<std::size_t> Validator::route(std::string_view method, std::string_view target) {
  const std::string_view path = target.substr(0, target.find('?'));
  const detail::RouteResult r = contract_->runtime().router.route(method, path, scratch_->route);
  if (r.status != detail::RouteResult::Status::found) return std::nullopt;
  return r.operation;
}

Report Validator::validate(const Request& request) {
  Report report;
  detail::Sink sink(&report, options_.limits);
  detail::validate_whole_request<true>(*contract_, options_, *scratch_, sink, request);
  return report;
}

namespace {
std::uint32_t body_node(const Plan& plan, std::size_t operation) {
  if (operation >= plan.operations.size()) return 0;
  const std::uint32_t node = plan.operations[operation].body;
  return node == kNone ? 0 : node;
}

std::uint32_t value_node(const Plan& plan, std::uint32_t node) {
  return node < plan.nodes.size() ? node : kAny;
}

// D6 holds for the body alone too: an empty body is validated as the operation's x-reqprobe-absent-as.
std::string_view effective_body(const Plan& plan, std::size_t operation, std::string_view body) {
  if (!body.empty() || operation >= plan.operations.size()) return body;
  const Operation& op = plan.operations[operation];
  return op.has_absent_body_as ? std::string_view(op.absent_body_as) : body;
}
}  // namespace

REQPROBE_HOT bool Validator::is_valid_body(std::string_view body, std::size_t operation) {
  detail::Sink sink(nullptr, options_.limits);
  detail::validate_json_body<false>(*contract_, options_, *scratch_, sink, body_node(contract_->plan(), operation),
                                    effective_body(contract_->plan(), operation, body));
  return !sink.failed();
}

Report Validator::validate_body(std::string_view body, std::size_t operation) {
  Report report;
  detail::Sink sink(&report, options_.limits);
  detail::validate_json_body<true>(*contract_, options_, *scratch_, sink, body_node(contract_->plan(), operation),
                                   effective_body(contract_->plan(), operation, body));
  return report;
}

bool Validator::is_valid_value(std::string_view json, std::uint32_t node) {
  detail::Sink sink(nullptr, options_.limits);
  detail::validate_json_body<false>(*contract_, options_, *scratch_, sink, value_node(contract_->plan(), node), json);
  return !sink.failed();
}

Report Validator::validate_value(std::string_view json, std::uint32_t node) {
  Report report;
  detail::Sink sink(&report, options_.limits);
  detail::validate_json_body<true>(*contract_, options_, *scratch_, sink, value_node(contract_->plan(), node), json);
  return report;
}

}  // namespace reqprobe
