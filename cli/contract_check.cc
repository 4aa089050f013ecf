#include "contract_check.h"

#include <string_view>
#include <vector>

#include "exit_codes.h"
#include "printable_text.h"
#include "report_escape.h"

namespace reqprobe::cli {
namespace {

using replay::json_quote;
using replay::printable_text;

// What one operation's requests are checked for, in words a tester reads, and what is not checked.
struct OperationSummary {
  const Operation* op = nullptr;
  std::vector<std::string> checked;
  std::vector<std::string> skipped;
};

std::string type_words(const Plan& plan, std::uint32_t node) {
  if (node == kNone || node >= plan.nodes.size()) return "any value";
  const SchemaNode& n = plan.nodes[node];
  if (n.never) return "nothing (false schema)";
  const std::uint8_t types = n.types;
  if ((types & type_bits::all) == type_bits::all) return n.general ? "any type, with constraints" : "any value";
  static constexpr std::pair<std::uint8_t, std::string_view> kNames[] = {
      {type_bits::object, "object"}, {type_bits::array, "array"},     {type_bits::string, "string"},
      {type_bits::number, "number"}, {type_bits::integer, "integer"}, {type_bits::boolean, "boolean"},
      {type_bits::null, "null"}};
  std::string out;
  for (const auto& [bit, name] : kNames) {
    if ((types & bit) == 0) continue;
    if (bit == type_bits::integer && (types & type_bits::number) != 0) continue;  // number includes integers
    if (!out.empty()) out += " or ";
    out += name;
  }
  return out.empty() ? "nothing" : out;
}

std::string_view body_kind_words(BodyKind kind) {
  switch (kind) {
    case BodyKind::json:
      return "JSON, validated against its schema";
    case BodyKind::form:
      return "form fields decoded and validated against its schema";
    case BodyKind::multipart:
      return "parts parsed; JSON parts validated, others checked for presence";
    case BodyKind::other:
      return "presence and size only";
  }
  return "";
}

std::string parameter_words(const Plan& plan, const Parameter& p) {
  std::string out = std::string(location_name(p.in)) + " " + p.name + " (" + (p.required ? "required" : "optional") +
                    ", " + (p.content ? "JSON-encoded " + type_words(plan, p.node) : type_words(plan, p.node));
  if (!p.content && p.in != Location::header) {
    out += ", style " + std::string(parameter_style_name(p.style));
    if (p.explode) out += ", explode";
  }
  if (p.allow_reserved) out += ", reserved characters allowed";
  if (p.allow_empty_value) out += ", empty value allowed";
  if (p.deprecated) out += ", deprecated";
  return out + ")";
}

std::string security_words(const Plan& plan, const Operation& op) {
  if (op.security.empty()) return {};
  std::string out;
  for (const auto& alternative : op.security) {
    if (!out.empty()) out += " | ";
    if (alternative.empty()) {
      out += "none";
      continue;
    }
    std::string all;
    for (const std::uint32_t s : alternative) {
      if (s >= plan.schemes.size()) continue;
      const SecurityScheme& scheme = plan.schemes[s];
      if (!all.empty()) all += " + ";
      all += scheme.id + " (" + std::string(location_name(scheme.in)) + " " + scheme.name + ")";
    }
    out += all;
  }
  return out;
}

OperationSummary summarize(const Plan& plan, const Operation& op) {
  OperationSummary s;
  s.op = &op;
  for (const Parameter& p : op.parameters) s.checked.push_back(parameter_words(plan, p));
  if (const std::string security = security_words(plan, op); !security.empty())
    s.checked.push_back("credentials: " + security);
  for (const MediaBody& body : op.bodies) {
    const std::string words = "body " + body.media_type + ": " + std::string(body_kind_words(body.kind));
    (body.kind == BodyKind::other ? s.skipped : s.checked).push_back(words);
  }
  if (op.has_absent_body_as)
    s.checked.push_back("an absent or empty body is validated as " + op.absent_body_as);
  else if (op.has_body)
    s.checked.push_back(op.body_required ? "a body is required" : "the body may be absent");
  if (!op.responses.empty())
    s.skipped.push_back(std::to_string(op.responses.size()) +
                        (op.responses.size() == 1 ? " documented response" : " documented responses") +
                        ": not checked by validate (replay and mock use them)");
  return s;
}

void write_text(const ContractLoadReport& report, const std::vector<OperationSummary>& operations, std::ostream& out) {
  const LoadResult& r = report.result;
  out << printable_text(report.name) << ": " << (r.ok() ? "loads" : "does not load");
  if (r.ok())
    out << ", " << operations.size() << (operations.size() == 1 ? " operation" : " operations")
        << (r.contract->plan().strict ? ", strict profile" : ", OpenAPI profile (undeclared members allowed)");
  out << "\n";
  for (const OperationSummary& s : operations) {
    out << "\n" << s.op->method << " " << printable_text(s.op->path_template);
    if (!s.op->id.empty()) out << "  (" << printable_text(s.op->id) << ")";
    if (s.op->deprecated) out << "  deprecated";
    out << "\n";
    if (!(s.op->base_paths.size() == 1 && s.op->base_paths[0].empty())) {
      out << "  base paths:";
      for (const std::string& base : s.op->base_paths) out << " " << (base.empty() ? "(none)" : printable_text(base));
      out << "\n";
    }
    for (const std::string& line : s.checked) out << "  checks  " << printable_text(line) << "\n";
    for (const std::string& line : s.skipped) out << "  skips   " << printable_text(line) << "\n";
  }
  const auto list = [&out](const char* title, const std::vector<ContractError>& items) {
    if (items.empty()) return;
    out << "\n" << title << " (" << items.size() << "):\n";
    for (const ContractError& e : items) out << "  " << describe_for_terminal(e) << "\n";
  };
  list("errors", r.errors);
  list("warnings", r.warnings);
}

void write_problem_json(const ContractError& e, std::ostream& out) {
  out << "{\"source\":" << json_quote(e.source) << ",\"line\":" << e.line << ",\"column\":" << e.column
      << ",\"pointer\":" << json_quote(e.pointer) << ",\"message\":" << json_quote(e.message) << "}";
}

void write_strings(const std::vector<std::string>& items, std::ostream& out) {
  out << "[";
  for (std::size_t i = 0; i < items.size(); ++i) out << (i ? "," : "") << json_quote(items[i]);
  out << "]";
}

void write_json(const ContractLoadReport& report, const std::vector<OperationSummary>& operations, std::ostream& out) {
  const LoadResult& r = report.result;
  const Plan* plan = r.ok() ? &r.contract->plan() : nullptr;
  out << "{\"document\":" << json_quote(report.name) << ",\"loads\":" << (r.ok() ? "true" : "false");
  if (plan != nullptr) out << ",\"strict\":" << (plan->strict ? "true" : "false");
  out << ",\"operations\":[";
  for (std::size_t i = 0; i < operations.size(); ++i) {
    const Operation& op = *operations[i].op;
    out << (i ? "," : "") << "{\"method\":" << json_quote(op.method) << ",\"path\":" << json_quote(op.path_template)
        << ",\"operationId\":" << json_quote(op.id) << ",\"base_paths\":";
    write_strings(op.base_paths, out);
    out << ",\"parameters\":[";
    for (std::size_t k = 0; k < op.parameters.size(); ++k) {
      const Parameter& p = op.parameters[k];
      out << (k ? "," : "") << "{\"name\":" << json_quote(p.name) << ",\"in\":" << json_quote(location_name(p.in))
          << ",\"required\":" << (p.required ? "true" : "false")
          << ",\"type\":" << json_quote(type_words(*plan, p.node))
          << ",\"style\":" << json_quote(parameter_style_name(p.style))
          << ",\"explode\":" << (p.explode ? "true" : "false") << ",\"content\":" << (p.content ? "true" : "false")
          << "}";
    }
    out << "],\"bodies\":[";
    for (std::size_t k = 0; k < op.bodies.size(); ++k) {
      const MediaBody& b = op.bodies[k];
      out << (k ? "," : "") << "{\"media_type\":" << json_quote(b.media_type)
          << ",\"checked\":" << json_quote(body_kind_words(b.kind)) << "}";
    }
    out << "],\"body_required\":" << (op.body_required ? "true" : "false") << ",\"checks\":";
    write_strings(operations[i].checked, out);
    out << ",\"skips\":";
    write_strings(operations[i].skipped, out);
    out << "}";
  }
  out << "],\"errors\":[";
  for (std::size_t i = 0; i < r.errors.size(); ++i) {
    if (i) out << ",";
    write_problem_json(r.errors[i], out);
  }
  out << "],\"warnings\":[";
  for (std::size_t i = 0; i < r.warnings.size(); ++i) {
    if (i) out << ",";
    write_problem_json(r.warnings[i], out);
  }
  out << "]}\n";
}

}  // namespace

int run_contract_check(const ContractCheckOptions& options, std::ostream& out, std::ostream& err) {
  const ContractLoadReport report = load_contract_report(options.contract);
  if (!report.read_ok) {
    err << "reqprobe: " << report.read_error << "\n";
    return kExitError;
  }
  std::vector<OperationSummary> operations;
  if (report.result.ok()) {
    const Plan& plan = report.result.contract->plan();
    for (const Operation& op : plan.operations) operations.push_back(summarize(plan, op));
  }
  if (options.format == "json")
    write_json(report, operations, out);
  else
    write_text(report, operations, out);
  return report.result.ok() ? kExitOk : kExitError;
}

}  // namespace reqprobe::cli
