#include "suite_builder.h"

#include <algorithm>

#include "http_encoding.h"

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
  std::string out;
  for (const std::string& segment : path_raw) out += "/" + segment;
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
      random_state_(options.seed) {}

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

Json SuiteBuilder::minimal_value(std::uint32_t index) {
  const SchemaNode& node = plan().nodes[index];
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
      for (std::uint32_t i = 0; i < node.min_items; ++i) array.items.push_back(minimal_value(node.items));
      return array;
    }
    case NodeKind::object: {
      Json object = Json::object();
      for (std::uint32_t i = 0; i < node.properties_count; ++i) {
        const Property& property = plan().properties[node.properties_begin + i];
        if (node.required_mask & (std::uint64_t{1} << property.slot))
          object.set(property.name, minimal_value(property.node));
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

Json SuiteBuilder::maximal_value(std::uint32_t index, bool wide) {
  const SchemaNode& node = plan().nodes[index];
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
      for (std::uint32_t i = 0; i < count; ++i) array.items.push_back(maximal_value(node.items, wide));
      return array;
    }
    case NodeKind::object: {
      Json object = Json::object();
      for (std::uint32_t i = 0; i < node.properties_count; ++i) {
        const Property& property = plan().properties[node.properties_begin + i];
        object.set(property.name, maximal_value(property.node, wide));
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
  if (object.kind != Json::Kind::object) return;
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
  repair_object(body, op().body, "", keep);
}

Json SuiteBuilder::base_body() {
  return minimal_value(op().body);
}

bool SuiteBuilder::needed(const Parameter& parameter) const {
  if (parameter.required) return true;
  return std::any_of(op().auth_alternatives.begin(), op().auth_alternatives.end(), [&](const AuthAlternative& a) {
    return parameter.in == Location::header && a.replaces == parameter.name;
  });
}

RequestParts SuiteBuilder::base_request() {
  RequestParts parts;
  parts.method = op().method;
  for (const PathSegment& segment : op().segments) {
    if (segment.parameter == kNone) {
      parts.path_raw.push_back(segment.literal);
    } else {
      const Parameter& parameter = op().parameters[segment.parameter];
      parts.path_raw.push_back(percent_encode(typical_text(plan().nodes[parameter.node])));
    }
  }
  for (const Parameter& parameter : op().parameters) {
    if (!needed(parameter)) continue;
    const std::string value = typical_text(plan().nodes[parameter.node]);
    if (parameter.in == Location::query)
      parts.query_raw.emplace_back(percent_encode(parameter.name), percent_encode(value));
    if (parameter.in == Location::header) parts.headers.emplace_back(title_case(parameter.name), value);
  }
  if (op().body != kNone) {
    parts.headers.emplace_back("Content-Type", op().media_types.front());
    parts.body = base_body().dump();
  }
  return parts;
}

Json& SuiteBuilder::slot(Json& body, const FieldPath& path) {
  Json* current = &body;
  std::uint32_t node = op().body;
  for (const std::uint32_t step : path.steps) {
    if (step == kNone) {
      node = plan().nodes[node].items;
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

void SuiteBuilder::emit_body(const Intent& intent, const Json& body) {
  emit_body_text(intent, body.dump());
}

void SuiteBuilder::emit_body_text(const Intent& intent, std::string body) {
  RequestParts request = base_request();
  request.body = std::move(body);
  emit(intent, request);
}

void SuiteBuilder::emit(const Intent& intent, const RequestParts& request) {
  GeneratedCase generated;
  Case& kase = generated.kase;
  kase.id = intent.id;
  kase.description = intent.description;
  kase.method = request.method;
  kase.target = request.target();
  kase.headers = request.headers;
  kase.body = request.body;
  const CaseRequest case_request(kase);
  const Request view = case_request.request();
  Report report = validator_.validate(view);
  const bool valid = report.valid();
  if (validator_.is_valid(view) != valid)
    suite_.defects.push_back(intent.id + ": fail-fast and exhaustive modes disagree");
  if (intent.valid && !valid) {
    std::string got;
    for (const Violation& v : report.violations)
      got += " " + std::string(code_name(v.code)) + "@" + std::string(location_name(v.location)) + ":" + v.pointer;
    suite_.defects.push_back(intent.id + ": meant valid, validator reports" + got);
  }
  if (!intent.valid && !intent.has_target) suite_.defects.push_back(intent.id + ": an invalid case needs a target");
  if (intent.has_target) {
    const bool hit = std::any_of(report.violations.begin(), report.violations.end(), [&](const Violation& v) {
      return v.code == intent.code && v.location == intent.location && v.pointer == intent.pointer &&
             v.severity == intent.severity;
    });
    if (!hit)
      suite_.defects.push_back(intent.id + ": target " + std::string(code_name(intent.code)) + "@" +
                               std::string(location_name(intent.location)) + ":" + intent.pointer + " not reported");
  }
  // A case must mean on the wire what its file says: a client cannot send a field name that is not a token or a
  // value with CR, LF or NUL inside one field, and a recipient drops the spaces and tabs around a value.
  for (const auto& [name, value] : kase.headers) {
    const bool padded = !value.empty() &&
                        (value.front() == ' ' || value.front() == '\t' || value.back() == ' ' || value.back() == '\t');
    if (padded || value.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos || name.empty() ||
        name.find_first_of(" \t:\r\n") != std::string::npos)
      suite_.defects.push_back(intent.id + ": header '" + name + "' would mean something else on the wire");
  }
  if (intent.forbid_limit && std::any_of(report.violations.begin(), report.violations.end(),
                                         [](const Violation& v) { return v.code == Code::limit; }))
    suite_.defects.push_back(intent.id + ": sits inside a safety limit, yet a limit is reported");
  kase.has_expect = true;
  kase.expect.verdict = valid ? "valid" : "invalid";
  kase.expect.violations = std::move(report.violations);
  generated.category = intent.category;
  generated.constraints = intent.constraints;
  generated.meant_valid = intent.valid;
  generated.has_target = intent.has_target;
  generated.target = Violation{intent.code, intent.location, intent.severity, intent.pointer, std::string()};
  suite_.cases.push_back(std::move(generated));
}

Suite generate_suite(std::shared_ptr<const Contract> contract, const GenerateOptions& options) {
  SuiteBuilder b(std::move(contract), options);
  add_valid_cases(b);
  add_field_cases(b);
  add_object_cases(b);
  add_rule_cases(b);
  add_structure_cases(b);
  add_encoding_cases(b);
  add_request_cases(b);
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
