#include "suite_builder.h"

#include <algorithm>

#include "http_encoding.h"
#include "operation_selection.h"

namespace reqprobe::gen {
namespace {

constexpr std::uint32_t kTypicalLength = 8;

const char* const kWide2[] = {"\xC3\xA9", "\xC3\x9F", "\xC3\xB1", "\xC3\xB8"};              // é ß ñ ø
const char* const kWide3[] = {"\xE4\xB8\xAD", "\xE6\x96\x87", "\xE2\x82\xAC"};              // 中 文 €
const char* const kWide4[] = {"\xF0\x9F\x98\x80", "\xF0\x9D\x84\x9E", "\xF0\x9F\x90\xB3"};  // 😀 𝄞 🐳

bool term_holds(const Plan& plan, const RuleTerm& term, const Json& object) {
  const Property& property = plan.properties[term.property];
  const Json* value = object.find(property.name);
  if (value == nullptr) return false;
  switch (term.kind) {
    case RuleTerm::Kind::present:
      return true;
    case RuleTerm::Kind::equals_bool:
      return value->text == (term.bool_value ? "true" : "false");
    case RuleTerm::Kind::equals_integer:
      return value->text == std::to_string(term.integer_value);
    case RuleTerm::Kind::min_items:
      return value->kind == Json::Kind::array && static_cast<std::int64_t>(value->items.size()) >= term.integer_value;
  }
  return false;
}

bool covers(const std::string& pointer, const std::string& keep) {
  return !keep.empty() && (keep == pointer || keep.rfind(pointer + "/", 0) == 0);
}

}  // namespace

Intent meant_valid(std::string id, std::string description, std::string category,
                   std::vector<std::string> constraints) {
  Intent intent;
  intent.id = std::move(id);
  intent.description = std::move(description);
  intent.category = std::move(category);
  intent.constraints = std::move(constraints);
  return intent;
}

Intent meant_invalid(std::string id, std::string description, std::string category, std::string constraint, Code code,
                     Location location, std::string pointer) {
  Intent intent = meant_valid(std::move(id), std::move(description), std::move(category));
  if (!constraint.empty()) intent.constraints.push_back(std::move(constraint));
  intent.valid = false;
  intent.has_target = true;
  intent.code = code;
  intent.location = location;
  intent.pointer = std::move(pointer);
  return intent;
}

std::string RequestParts::target() const {
  std::string out = base;
  for (const std::string& segment : path_raw) out += "/" + segment;
  if (out.empty()) out = "/";
  for (std::size_t i = 0; i < query_raw.size(); ++i) {
    out += i == 0 ? "?" : "&";
    out += query_raw[i].first;
    if (query_raw[i].second != kNoEquals) out += "=" + query_raw[i].second;
  }
  return out;
}

SuiteBuilder::SuiteBuilder(std::shared_ptr<const Contract> contract, const GenerateOptions& options)
    : contract_(std::move(contract)),
      options_(options),
      validator_(contract_, ValidatorOptions{options.limits, false, {}}),
      random_state_(options.seed),
      synth_(contract_, options.limits) {}

void SuiteBuilder::select_operation(std::uint32_t index, std::string prefix) {
  op_index_ = index;
  prefix_ = std::move(prefix);
  // Each operation draws from its own stream, so selecting fewer operations changes no case of the others.
  if (!prefix_.empty()) {
    std::uint64_t hash = 1469598103934665603ull;
    for (const char c : prefix_) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    random_state_ = options_.seed ^ hash;
  }
}

void SuiteBuilder::skip(const std::string& constraint, const std::string& why) {
  suite_.skipped.push_back((prefix_.empty() ? "" : prefix_ + ":") + constraint + ": " + why);
}

Report SuiteBuilder::probe(const RequestParts& request) {
  Case kase;
  kase.method = request.method;
  kase.target = request.target();
  kase.headers = request.headers;
  kase.body = request.body;
  const CaseRequest case_request(kase);
  return validator_.validate(case_request.request());
}

std::uint64_t SuiteBuilder::next_random() {
  std::uint64_t z = (random_state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

std::string SuiteBuilder::text(std::uint32_t length, int bytes_per_char) {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string out;
  out.reserve(length * static_cast<std::size_t>(bytes_per_char));
  for (std::uint32_t i = 0; i < length; ++i) {
    const std::uint64_t r = next_random();
    switch (bytes_per_char) {
      case 2:
        out += kWide2[r % std::size(kWide2)];
        break;
      case 3:
        out += kWide3[r % std::size(kWide3)];
        break;
      case 4:
        out += kWide4[r % std::size(kWide4)];
        break;
      default:
        out.push_back(kAlphabet[r % (sizeof(kAlphabet) - 1)]);
        break;
    }
  }
  return out;
}

std::string SuiteBuilder::typical_text(const SchemaNode& node) {
  if (node.enum_count != 0) return plan().enum_strings[node.enum_begin];
  const std::uint32_t length = std::clamp(kTypicalLength, node.min_length, node.max_length);
  return text(length);
}

Json SuiteBuilder::minimal_value(std::uint32_t index, int depth) {
  if (index == kNone) index = kAny;
  const SchemaNode& node = plan().nodes[index];
  if (node.general || depth > kHardDepth) {
    std::optional<Json> value = synth_.valid(index, false, std::min(depth, kHardDepth + 1));
    return value ? std::move(*value) : Json::raw("null");
  }
  switch (node.kind) {
    case NodeKind::string:
      return Json::raw(quote(typical_text(node)));
    case NodeKind::integer: {
      if (node.enum_count != 0) return Json::raw(std::to_string(plan().enum_integers[node.enum_begin]));
      return Json::raw(std::to_string(std::clamp<std::int64_t>(0, node.minimum, node.maximum)));
    }
    case NodeKind::boolean:
      return Json::raw("true");
    case NodeKind::array: {
      Json array = Json::array();
      for (std::uint32_t i = 0; i < node.min_items; ++i) array.items.push_back(minimal_value(node.items, depth + 1));
      return array;
    }
    case NodeKind::object: {
      Json object = Json::object();
      for (std::uint32_t i = 0; i < node.properties_count; ++i) {
        const Property& property = plan().properties[node.properties_begin + i];
        if (node.required_mask & (std::uint64_t{1} << property.slot))
          object.set(property.name, minimal_value(property.node, depth + 1));
      }
      repair_object(object, index, "", "");
      return object;
    }
    case NodeKind::number:
    case NodeKind::null:
    case NodeKind::any:
      break;
  }
  return Json::raw(node.kind == NodeKind::null ? "null" : "0");
}

Json SuiteBuilder::maximal_value(std::uint32_t index, bool wide, int depth) {
  if (index == kNone) index = kAny;
  const SchemaNode& node = plan().nodes[index];
  if (node.general) {
    std::optional<Json> value = synth_.valid(index, true, depth);
    return value ? std::move(*value) : minimal_value(index, depth);
  }
  // A recursive schema: below the budget, members are the required ones only.
  if (depth >= kSoftDepth + 3) return minimal_value(index, depth);
  switch (node.kind) {
    case NodeKind::string: {
      if (node.enum_count != 0) {  // the longest enum value
        std::string longest;
        for (std::uint32_t i = 0; i < node.enum_count; ++i)
          if (plan().enum_strings[node.enum_begin + i].size() > longest.size())
            longest = plan().enum_strings[node.enum_begin + i];
        return Json::raw(quote(longest));
      }
      const std::uint32_t length = node.max_length == kUnbounded ? 256 : node.max_length;
      return Json::raw(quote(text(length, wide ? 3 : 1)));
    }
    case NodeKind::integer: {
      if (node.enum_count == 0) return Json::raw(std::to_string(node.maximum));
      return Json::raw(
          std::to_string(*std::max_element(plan().enum_integers.begin() + node.enum_begin,
                                           plan().enum_integers.begin() + node.enum_begin + node.enum_count)));
    }
    case NodeKind::boolean:
      return Json::raw("true");
    case NodeKind::array: {
      Json array = Json::array();
      const std::uint32_t count = std::max<std::uint32_t>(node.min_items, std::min<std::uint32_t>(node.max_items, 2));
      for (std::uint32_t i = 0; i < count; ++i) array.items.push_back(maximal_value(node.items, wide, depth + 1));
      return array;
    }
    case NodeKind::object: {
      Json object = Json::object();
      for (std::uint32_t i = 0; i < node.properties_count; ++i) {
        const Property& property = plan().properties[node.properties_begin + i];
        object.set(property.name, maximal_value(property.node, wide, depth + 1));
      }
      return object;
    }
    case NodeKind::number:
    case NodeKind::null:
    case NodeKind::any:
      break;
  }
  return Json::raw(node.kind == NodeKind::null ? "null" : "0");
}

void SuiteBuilder::repair_object(Json& object, std::uint32_t index, const std::string& pointer,
                                 const std::string& keep) {
  // kNone: an array without `items` (any item), nothing to repair.
  if (object.kind != Json::Kind::object || index >= plan().nodes.size()) return;
  const SchemaNode& node = plan().nodes[index];
  // Members first: nested objects repair their own rules.
  for (std::uint32_t i = 0; i < node.properties_count; ++i) {
    const Property& property = plan().properties[node.properties_begin + i];
    Json* value = object.find(property.name);
    if (value == nullptr) continue;
    const std::string child = pointer + "/" + property.name;
    const SchemaNode& child_node = plan().nodes[property.node];
    if (child_node.kind == NodeKind::object) repair_object(*value, property.node, child, keep);
    if (child_node.kind == NodeKind::array && value->kind == Json::Kind::array)
      for (std::size_t k = 0; k < value->items.size(); ++k)
        repair_object(value->items[k], child_node.items, child + "/" + std::to_string(k), keep);
  }
  for (std::uint32_t r = 0; r < node.rules_count; ++r) {
    const Rule& rule = plan().rules[node.rules_begin + r];
    if (rule.form != Rule::Form::any_of || rule.severity != Severity::error) continue;
    if (rule.has_when && !term_holds(plan(), rule.when, object)) continue;
    bool holds = false;
    for (std::uint32_t t = 0; t < rule.terms_count && !holds; ++t)
      holds = term_holds(plan(), plan().terms[rule.terms_begin + t], object);
    if (holds) continue;
    for (std::uint32_t t = 0; t < rule.terms_count; ++t) {
      const RuleTerm& term = plan().terms[rule.terms_begin + t];
      const Property& property = plan().properties[term.property];
      if (covers(pointer + "/" + property.name, keep)) continue;  // never touch the field under test
      satisfy(object, term);
      break;
    }
  }
}

void SuiteBuilder::satisfy(Json& object, const RuleTerm& term) {
  const Property& property = plan().properties[term.property];
  switch (term.kind) {
    case RuleTerm::Kind::equals_bool:
      object.set(property.name, Json::raw(term.bool_value ? "true" : "false"));
      return;
    case RuleTerm::Kind::equals_integer:
      object.set(property.name, Json::raw(std::to_string(term.integer_value)));
      return;
    case RuleTerm::Kind::min_items: {
      Json array = Json::array();
      for (std::int64_t k = 0; k < term.integer_value; ++k)
        array.items.push_back(minimal_value(plan().nodes[property.node].items));
      object.set(property.name, std::move(array));
      return;
    }
    case RuleTerm::Kind::present:
      object.set(property.name, minimal_value(property.node));
      return;
  }
}

void SuiteBuilder::repair(Json& body, const std::string& keep) {
  if (op().body != kNone) repair_object(body, op().body, "", keep);
}

Json SuiteBuilder::base_body() {
  return op().body == kNone ? Json::raw("null") : minimal_value(op().body);
}

bool SuiteBuilder::needed(const Parameter& parameter) const {
  if (parameter.required) return true;
  return std::any_of(op().auth_alternatives.begin(), op().auth_alternatives.end(), [&](const AuthAlternative& a) {
    return parameter.in == Location::header && a.replaces == parameter.name;
  });
}

std::optional<Json> SuiteBuilder::parameter_value(std::uint32_t index) {
  const Parameter& p = op().parameters[index];
  std::optional<Json> fallback;
  for (Json& v : synth_.valid_values(p.node, 3, true)) {
    const bool empty_container =
        (v.kind == Json::Kind::array && v.items.empty()) || (v.kind == Json::Kind::object && v.members.empty());
    if (serialize_parameter(plan(), p, v).empty() && !p.content) continue;
    if (!empty_container) return std::move(v);
    if (!fallback) fallback = std::move(v);
  }
  return fallback;
}

RequestParts SuiteBuilder::base_request() {
  RequestParts parts;
  parts.method = op().method;
  if (!op().base_paths.empty()) parts.base = op().base_paths.front();
  for (std::uint32_t i = 0; i < op().segments.size(); ++i) {
    const PathSegment& segment = op().segments[i];
    if (segment.parameter == kNone && segment.pieces.empty()) {
      parts.path_raw.push_back(segment.literal);
      continue;
    }
    parts.path_raw.emplace_back();
    if (segment.parameter != kNone && classic_parameter(plan(), op().parameters[segment.parameter])) {
      const Parameter& parameter = op().parameters[segment.parameter];
      parts.path_raw.back() = percent_encode(typical_text(plan().nodes[parameter.node]));
      continue;
    }
    for (const std::uint32_t index : {segment.parameter}) {
      std::vector<std::uint32_t> indices;
      if (index != kNone) indices.push_back(index);
      for (const PathPiece& piece : segment.pieces)
        if (piece.parameter != kNone) indices.push_back(piece.parameter);
      for (const std::uint32_t k : indices) {
        const std::optional<Json> value = parameter_value(k);
        if (value) set_parameter(op(), k, plan(), parts, serialize_parameter(plan(), op().parameters[k], *value));
      }
    }
  }
  for (std::uint32_t i = 0; i < op().parameters.size(); ++i) {
    const Parameter& parameter = op().parameters[i];
    if (!needed(parameter)) continue;
    if (classic_parameter(plan(), parameter)) {
      // Drawn for path parameters too (and unused): the classic suite's text depends on this order.
      const std::string value = typical_text(plan().nodes[parameter.node]);
      if (parameter.in == Location::query)
        parts.query_raw.emplace_back(percent_encode(parameter.name), percent_encode(value));
      if (parameter.in == Location::header) parts.headers.emplace_back(title_case(parameter.name), value);
      continue;
    }
    if (parameter.in == Location::path) continue;
    const std::optional<Json> value = parameter_value(i);
    if (value) set_parameter(op(), i, plan(), parts, serialize_parameter(plan(), parameter, *value));
  }
  add_credentials(plan(), op(), parts);
  if (op().body != kNone) {
    parts.headers.emplace_back("Content-Type", json_media_type());
    parts.body = base_body().dump();
  } else if (op().has_body && op().body_required && !op().bodies.empty()) {
    const MediaText media = media_body(0, false);
    parts.headers.emplace_back("Content-Type", media.content_type);
    parts.body = media.body;
  }
  return parts;
}

std::string SuiteBuilder::json_media_type() const {
  for (const MediaBody& media : op().bodies)
    if (media.kind == BodyKind::json && media.node == op().body && media.media_type.find('*') == std::string::npos)
      return media.media_type;
  return op().media_types.empty() ? std::string("application/json") : op().media_types.front();
}

Json& SuiteBuilder::slot(Json& body, const FieldPath& path) {
  Json* current = &body;
  std::uint32_t node = op().body;
  for (std::size_t k = 0; k < path.steps.size(); ++k) {
    const std::uint32_t step = path.steps[k];
    if (step >= kItemStep && step != kNone) {  // item i of a tuple-like array
      const std::uint32_t parent = node;
      const std::uint32_t index = step - kItemStep;
      node = path.nodes[k];
      if (current->kind != Json::Kind::array) *current = Json::array();
      while (current->items.size() <= index)
        current->items.push_back(
            minimal_value(item_node(plan(), parent, static_cast<std::uint32_t>(current->items.size()))));
      current = &current->items[index];
    } else if (step == kNone) {
      node = k < path.nodes.size() ? path.nodes[k] : plan().nodes[node].items;
      if (current->kind != Json::Kind::array) *current = Json::array();
      if (current->items.empty()) current->items.push_back(minimal_value(node));
      current = &current->items.front();
    } else {
      const Property& property = plan().properties[step];
      node = property.node;
      if (current->kind != Json::Kind::object) *current = Json::object();
      Json* member = current->find(property.name);
      current = member != nullptr ? member : &current->set(property.name, minimal_value(node));
    }
  }
  return *current;
}

std::vector<FieldPath> SuiteBuilder::body_fields() {
  return schema_fields(plan(), op().body);
}

std::string SuiteBuilder::id_of(const std::string& pointer) {
  std::string out;
  for (const char c : pointer.substr(pointer.empty() ? 0 : 1)) {
    const bool safe =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    out.push_back(c == '/' ? '.' : safe ? c : '_');
  }
  return out;
}

namespace {

// " code@location:pointer" per violation, or " nothing": how defects and skips quote what the validator said.
std::string violations_text(const Report& report) {
  std::string out = report.violations.empty() ? " nothing" : "";
  for (const Violation& v : report.violations)
    out += " " + std::string(code_name(v.code)) + "@" + std::string(location_name(v.location)) + ":" + v.pointer;
  return out;
}

}  // namespace

bool SuiteBuilder::emit_body(const Intent& intent, const Json& body) {
  return emit_body_text(intent, body.dump());
}

bool SuiteBuilder::emit_body_text(const Intent& intent, std::string body) {
  RequestParts request = base_request();
  request.body = std::move(body);
  return emit(intent, request);
}

bool SuiteBuilder::emit(const Intent& intent, const RequestParts& request) {
  GeneratedCase generated;
  Case& kase = generated.kase;
  kase.id = prefix_.empty() ? intent.id : prefix_ + "." + intent.id;
  kase.description = intent.description;
  kase.method = request.method;
  kase.target = request.target();
  kase.headers = request.headers;
  kase.body = request.body;
  const CaseRequest case_request(kase);
  const Request view = case_request.request();
  Report report = validator_.validate(view);
  const bool valid = report.valid();
  const auto hit = [&] {
    return std::any_of(report.violations.begin(), report.violations.end(), [&](const Violation& v) {
      return v.code == intent.code && v.location == intent.location && v.pointer == intent.pointer &&
             v.severity == intent.severity;
    });
  };
  // Under small safety limits (a REQPROBE_FUZZING build, or GenerateOptions::limits) the complete value of a
  // recursive or wide schema can pass a limit before the validator reaches what the case is about. Such a case
  // says nothing about its constraint: it is listed as skipped, not kept and not a defect. Cases about a limit
  // (forbid_limit, or a limit target) are judged as usual.
  const bool only_limits = !valid && std::all_of(report.violations.begin(), report.violations.end(),
                                                 [](const Violation& v) { return v.code == Code::limit; });
  if (only_limits && !intent.forbid_limit && !(intent.has_target && intent.code == Code::limit)) {
    const std::string why = "not kept: it passes a safety limit (the validator reports" + violations_text(report) + ")";
    if (intent.constraints.empty()) skip(intent.id, why);
    for (const std::string& c : intent.constraints) skip(c, intent.id + " " + why);
    return false;
  }
  if (intent.speculative &&
      ((intent.valid && !valid) || (intent.has_target && !hit()) || (!intent.valid && valid && !intent.has_target))) {
    if (!intent.valid && intent.has_target && valid) {
      GeneratedCase& miss = suite_.unconfirmed.emplace_back();
      miss.kase.id = kase.id;
      miss.kase.description = kase.description;
      miss.kase.has_expect = true;
      miss.kase.expect.verdict = "valid";
      miss.category = intent.category;
      miss.meant_valid = false;
      miss.has_target = true;
      miss.target = Violation{intent.code, intent.location, intent.severity, intent.pointer, std::string()};
      miss.operation = prefix_;
      miss.operation_index = op_index_;
    }
    if (intent.note_miss) {
      const std::string got = violations_text(report);
      if (intent.constraints.empty()) skip(intent.id, "not kept: the validator reports" + got);
      for (const std::string& c : intent.constraints) skip(c, intent.id + " not kept: the validator reports" + got);
    }
    return false;
  }
  std::vector<std::string>& defects = suite_.defects;
  if (validator_.is_valid(view) != valid) defects.push_back(kase.id + ": fail-fast and exhaustive modes disagree");
  if (intent.valid && !valid) defects.push_back(kase.id + ": meant valid, validator reports" + violations_text(report));
  if (!intent.valid && !intent.has_target) defects.push_back(kase.id + ": an invalid case needs a target");
  if (intent.has_target && !hit())
    defects.push_back(kase.id + ": target " + std::string(code_name(intent.code)) + "@" +
                      std::string(location_name(intent.location)) + ":" + intent.pointer + " not reported");
  // A case must mean on the wire what its file says: a client cannot send a field name that is not a token or a
  // value with CR, LF or NUL inside one field, and a recipient drops the spaces and tabs around a value.
  for (const auto& [name, value] : kase.headers) {
    const bool padded = !value.empty() &&
                        (value.front() == ' ' || value.front() == '\t' || value.back() == ' ' || value.back() == '\t');
    if (padded || value.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos || name.empty() ||
        name.find_first_of(" \t:\r\n") != std::string::npos)
      defects.push_back(kase.id + ": header '" + name + "' would mean something else on the wire");
  }
  if (intent.forbid_limit && std::any_of(report.violations.begin(), report.violations.end(),
                                         [](const Violation& v) { return v.code == Code::limit; }))
    defects.push_back(kase.id + ": sits inside a safety limit, yet a limit is reported");
  kase.has_expect = true;
  kase.expect.verdict = valid ? "valid" : "invalid";
  kase.expect.violations = std::move(report.violations);
  generated.category = intent.category;
  generated.constraints = intent.constraints;
  if (!prefix_.empty())
    for (std::string& c : generated.constraints) c = prefix_ + ":" + c;
  generated.meant_valid = intent.valid;
  generated.has_target = intent.has_target;
  generated.target = Violation{intent.code, intent.location, intent.severity, intent.pointer, std::string()};
  generated.operation = prefix_;
  generated.operation_index = op_index_;
  suite_.cases.push_back(std::move(generated));
  return true;
}

namespace {

bool object_root(const Plan& plan, std::uint32_t node) {
  return node != kNone && (plan.nodes[node].types & ~type_bits::object & type_bits::all) == 0;
}

}  // namespace

void SuiteBuilder::generate_operation() {
  // Every case edits one valid base request. When the generator cannot build one (a required value whose pattern
  // it cannot derive a match for, a schema no value meets), no case would mean what it says: the operation gets no
  // cases, and the reason is listed in Suite::skipped.
  const auto random_state = random_state_;  // the check draws no values the cases would have drawn
  const Report base = probe(base_request());
  random_state_ = random_state;
  if (!base.valid()) {
    skip("operation", "no valid request could be built (the validator reports" + violations_text(base) +
                          "), so no case is generated");
    return;
  }
  const bool json_body = op().body != kNone;
  add_valid_cases(*this);
  if (json_body) {
    add_field_cases(*this);
    add_object_cases(*this);
    add_rule_cases(*this);
    add_structure_cases(*this);
    if (object_root(plan(), op().body)) add_encoding_cases(*this);
  }
  add_request_cases(*this);
  // Families the classic ones leave out: each makes no case for a contract they do not concern.
  add_parameter_cases(*this);
  add_security_cases(*this);
  add_media_cases(*this);
}

Suite generate_suite(std::shared_ptr<const Contract> contract, const GenerateOptions& options) {
  const std::size_t count = contract->plan().operations.size();
  std::vector<std::uint32_t> operations = options.operations;
  if (operations.empty())
    for (std::uint32_t i = 0; i < count; ++i) operations.push_back(i);
  SuiteBuilder b(contract, options);
  for (const std::uint32_t index : operations) {
    if (index >= count) continue;
    b.select_operation(index, count > 1 ? operation_name(contract->plan().operations[index]) : std::string());
    b.generate_operation();
  }
  Suite suite = b.take();
  // Ids name files: they must be unique.
  std::vector<std::string> ids;
  for (const GeneratedCase& c : suite.cases) ids.push_back(c.kase.id);
  std::sort(ids.begin(), ids.end());
  for (std::size_t i = 1; i < ids.size(); ++i)
    if (ids[i] == ids[i - 1]) suite.defects.push_back(ids[i] + ": id used twice");
  return suite;
}

}  // namespace reqprobe::gen
