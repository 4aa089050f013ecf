// Parameters the classic family does not handle (any schema, any location and style, content-encoded values):
// valid serialisations, each keyword's sides through value_cases, repeats and missing required parameters; the
// credentials of each security scheme (present, missing, empty, the wrong scheme); request bodies that are not the
// JSON body (forms, multipart, other media types) and a missing required body.
#include <algorithm>

#include "operation_selection.h"
#include "suite_builder.h"

namespace reqprobe::gen {
namespace {

std::string media_id(const std::string& media_type) {
  return SuiteBuilder::id_of("/" + media_type);
}

class ParameterFamily {
 public:
  ParameterFamily(SuiteBuilder& b, std::uint32_t index)
      : b_(b), index_(index), p_(b.op().parameters[index]), loc_(location_name(p_.in)) {
    id_ = std::string(loc_) + "." + SuiteBuilder::id_of("/" + p_.name);
    prefix_ = std::string(loc_) + ":" + p_.name + ":";
  }

  void add() {
    const bool classic = classic_parameter(b_.plan(), p_);
    if (!classic) add_values();
    if (p_.required && p_.in != Location::path && !(classic && p_.in == Location::header)) add_missing();
    if (!classic && repeatable_parameter(b_.plan(), p_)) add_repeat();
  }

 private:
  std::optional<RequestParts> with(const Json& value) {
    const auto serialized = serialize_parameter(b_.plan(), p_, value);
    if (serialized.empty()) return std::nullopt;
    RequestParts parts = b_.base_request();
    set_parameter(b_.op(), index_, b_.plan(), parts, serialized);
    return parts;
  }

  void add_values() {
    std::vector<ValueCase> cases = value_cases(b_.synth(), b_.plan(), p_.node);
    const std::vector<std::string> keywords = parameter_keywords(b_.plan(), p_);
    std::erase_if(cases, [&](const ValueCase& c) {
      return c.suffix != "valid" && std::none_of(c.keywords.begin(), c.keywords.end(), [&](const std::string& k) {
               return std::find(keywords.begin(), keywords.end(), k) != keywords.end();
             });
    });
    for (ValueCase& c : cases) {
      if (c.suffix != "valid") continue;
      c.keywords = keywords;
      // A value with items or members: the style's form of it, rather than an empty one.
      if (const std::optional<Json> v = b_.parameter_value(index_)) c.values.insert(c.values.begin(), *v);
    }
    emit_value_cases(b_, cases, id_, prefix_, p_.in, p_.name, p_.name, [&](const Json& value) { return with(value); });
  }

  void add_missing() {
    RequestParts missing = b_.base_request();
    remove_parameter(b_.op(), index_, missing);
    if (p_.in == Location::query && classic_parameter(b_.plan(), p_))
      std::erase_if(missing.query_raw, [&](const auto& q) { return q.first == percent_encode(p_.name); });
    Intent intent = meant_invalid(id_ + ".missing", p_.name + ": required, missing", "request", prefix_ + "required",
                                  Code::required, p_.in, p_.name);
    intent.speculative = intent.note_miss = true;
    b_.emit(intent, missing);
    Intent present = meant_valid(id_ + ".present", p_.name + ": required, present", "request", {prefix_ + "required"});
    b_.emit(present, b_.base_request());
  }

  void add_repeat() {
    const std::optional<Json> value = b_.parameter_value(index_);
    if (!value) return;
    const auto serialized = serialize_parameter(b_.plan(), p_, *value);
    std::optional<RequestParts> once = with(*value);
    if (!once) return;
    RequestParts twice = *once;
    if (p_.in == Location::query) {
      for (const auto& [name, raw] : serialized) twice.query_raw.emplace_back(name, raw);
    } else if (p_.in == Location::header) {
      twice.headers.emplace_back(title_case(p_.name), serialized.front().second);
    } else if (p_.in == Location::cookie) {
      twice.headers.emplace_back("Cookie", p_.name + "=" + serialized.front().second);
    }
    Intent repeated = meant_invalid(id_ + ".repeated", p_.name + ": given twice (D12)", "request",
                                    prefix_ + "duplicate", Code::duplicate, p_.in, p_.name);
    repeated.speculative = repeated.note_miss = true;
    b_.emit(repeated, twice);
    Intent single = meant_valid(id_ + ".once", p_.name + ": given once", "request", {prefix_ + "duplicate"});
    single.speculative = single.note_miss = true;
    b_.emit(single, *once);
  }

  SuiteBuilder& b_;
  std::uint32_t index_;
  const Parameter& p_;
  std::string_view loc_;
  std::string id_;
  std::string prefix_;
};

// Does the request already carry a credential as a declared parameter (HSS's X-Auth-Token)? Then the classic
// family tests it.
bool credential_is_parameter(const Plan& plan, const Operation& op) {
  for (const auto& alternative : op.security)
    for (const std::uint32_t s : alternative) {
      const SecurityScheme& scheme = plan.schemes[s];
      const std::string name = scheme.type == SecurityScheme::Type::api_key ? scheme.name : "authorization";
      for (const Parameter& p : op.parameters)
        if (p.name == name && (p.in == scheme.in || scheme.type != SecurityScheme::Type::api_key)) return true;
    }
  return false;
}

void strip_credentials(const Plan& plan, const Operation& op, RequestParts& parts) {
  for (const auto& alternative : op.security)
    for (const std::uint32_t s : alternative) {
      const SecurityScheme& scheme = plan.schemes[s];
      const bool api_key = scheme.type == SecurityScheme::Type::api_key;
      const std::string name = api_key ? scheme.name : "authorization";
      const Location in = api_key ? scheme.in : Location::header;
      if (in == Location::header)
        std::erase_if(parts.headers, [&](const auto& h) {
          std::string lower = h.first;
          for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
          return lower == name;
        });
      if (in == Location::query)
        std::erase_if(parts.query_raw, [&](const auto& q) { return q.first == percent_encode(name); });
      if (in == Location::cookie) {
        std::erase_if(parts.cookies, [&](const auto& c) { return c.first == name; });
        std::erase_if(parts.headers, [](const auto& h) { return h.first == "Cookie"; });
        std::string value;
        for (const auto& [n, v] : parts.cookies) value += (value.empty() ? "" : "; ") + n + "=" + v;
        if (!value.empty()) parts.headers.emplace_back("Cookie", value);
      }
    }
}

}  // namespace

void add_parameter_cases(SuiteBuilder& b) {
  for (std::uint32_t i = 0; i < b.op().parameters.size(); ++i) ParameterFamily(b, i).add();
}

void add_security_cases(SuiteBuilder& b) {
  const Operation& op = b.op();
  if (op.security.empty() || credential_is_parameter(b.plan(), op)) return;
  if (std::any_of(op.security.begin(), op.security.end(), [](const auto& a) { return a.empty(); })) return;
  const std::vector<std::uint32_t>& first = op.security.front();
  for (std::size_t k = 0; k < first.size(); ++k) {
    const SecurityScheme& scheme = b.plan().schemes[first[k]];
    if (scheme.type == SecurityScheme::Type::mutual_tls) continue;
    const bool api_key = scheme.type == SecurityScheme::Type::api_key;
    const Location in = api_key ? scheme.in : Location::header;
    const std::string pointer = api_key ? scheme.name : "authorization";
    const std::string id = "security." + SuiteBuilder::id_of("/" + scheme.id);
    const std::string constraint = "security:" + scheme.id + ":required";
    b.emit(meant_valid(id + ".present", scheme.id + ": credentials present", "request", {constraint}),
           b.base_request());
    // Without any credential: the first alternative's first scheme is what is reported.
    RequestParts none = b.base_request();
    strip_credentials(b.plan(), op, none);
    if (k == 0) {
      Intent missing = meant_invalid(id + ".missing", scheme.id + ": no credentials at all", "request", constraint,
                                     Code::required, in, pointer);
      missing.speculative = missing.note_miss = true;
      b.emit(missing, none);
    }
    // This scheme's credential empty or of another scheme, the others present.
    auto replaced = [&](const std::string& value) {
      RequestParts parts = b.base_request();
      if (in == Location::header) {
        std::erase_if(parts.headers, [&](const auto& h) {
          std::string lower = h.first;
          for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
          return lower == pointer;
        });
        parts.headers.emplace_back(title_case(pointer), value);
      } else if (in == Location::query) {
        for (auto& q : parts.query_raw)
          if (q.first == percent_encode(pointer)) q.second = percent_encode(value);
      } else {
        for (auto& c : parts.cookies)
          if (c.first == pointer) c.second = value;
        std::erase_if(parts.headers, [](const auto& h) { return h.first == "Cookie"; });
        std::string cookie;
        for (const auto& [n, v] : parts.cookies) cookie += (cookie.empty() ? "" : "; ") + n + "=" + v;
        parts.headers.emplace_back("Cookie", cookie);
      }
      return parts;
    };
    if (api_key) {
      Intent empty = meant_invalid(id + ".empty", scheme.id + ": an empty API key", "request", constraint,
                                   Code::required, in, pointer);
      empty.speculative = empty.note_miss = true;
      b.emit(empty, replaced(""));
    } else {
      const std::string word = credential_value(scheme).substr(0, credential_value(scheme).find(' '));
      Intent empty = meant_invalid(id + ".empty", scheme.id + ": the scheme word without a credential", "request",
                                   constraint, Code::required, in, pointer);
      empty.speculative = empty.note_miss = true;
      b.emit(empty, replaced(word));
      const bool basic = scheme.type == SecurityScheme::Type::http_basic;
      Intent other = meant_invalid(id + ".other_scheme", scheme.id + ": a credential of another scheme", "request",
                                   constraint, Code::required, in, pointer);
      other.speculative = other.note_miss = true;
      b.emit(other, replaced(basic ? "Bearer reqprobe-token" : "Basic cmVxcHJvYmU6c2VjcmV0"));
    }
  }
}

SuiteBuilder::MediaText SuiteBuilder::media_body(std::size_t index, bool full) {
  const MediaBody& media = op().bodies[index];
  const std::optional<Json> value = synth_.valid(media.node == kNone ? kAny : media.node, full);
  if (!value) return {};
  return media_body_of(index, *value);
}

SuiteBuilder::MediaText SuiteBuilder::media_body_of(std::size_t index, const Json& value) {
  const MediaBody& media = op().bodies[index];
  MediaText out;
  std::string type = media.media_type;
  if (type == "*/*") type = "application/octet-stream";
  if (type.size() > 2 && type.substr(type.size() - 2) == "/*") type = type.substr(0, type.size() - 1) + "x-reqprobe";
  out.content_type = type;
  out.ok = true;
  switch (media.kind) {
    case BodyKind::json:
      out.body = value.dump();
      return out;
    case BodyKind::other:
      out.body = "reqprobe";
      return out;
    case BodyKind::form: {
      if (value.kind != Json::Kind::object) return {};
      std::string body;
      auto field = [&](const std::string& name, const std::string& v) {
        body += (body.empty() ? "" : "&") + percent_encode(name) + "=" + percent_encode(v);
      };
      for (const JsonMember& m : value.members) {
        const std::string name = scalar_text(Json::raw(m.name));
        if (m.value.kind == Json::Kind::array) {
          for (const Json& item : m.value.items)
            field(name, item.kind == Json::Kind::raw ? scalar_text(item) : item.dump());
        } else {
          field(name, m.value.kind == Json::Kind::raw ? scalar_text(m.value) : m.value.dump());
        }
      }
      out.body = body;
      return out;
    }
    case BodyKind::multipart: {
      if (value.kind != Json::Kind::object) return {};
      static constexpr char kBoundary[] = "reqprobe-boundary-7MA4YWxk";
      out.content_type =
          (type.find('*') != std::string::npos ? std::string("multipart/form-data") : type) + "; boundary=" + kBoundary;
      std::string body;
      for (const JsonMember& m : value.members) {
        body += std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"" +
                scalar_text(Json::raw(m.name)) + "\"\r\n";
        if (m.value.kind != Json::Kind::raw) {
          body += "Content-Type: application/json\r\n\r\n" + m.value.dump() + "\r\n";
        } else {
          body += "\r\n" + scalar_text(m.value) + "\r\n";
        }
      }
      out.body = body + "--" + kBoundary + "--\r\n";
      return out;
    }
  }
  return out;
}

void add_media_cases(SuiteBuilder& b) {
  const Operation& op = b.op();
  if (op.body_required) {
    RequestParts absent = b.base_request();
    absent.body.reset();
    std::erase_if(absent.headers, [](const auto& h) { return h.first == "Content-Type"; });
    Intent intent = meant_invalid("structure.body_missing", "the required body is missing", "structure",
                                  "body::required", Code::required, Location::body, "");
    intent.speculative = intent.note_miss = true;
    b.emit(intent, absent);
    b.emit(meant_valid("structure.body_present", "the required body is present", "structure", {"body::required"}),
           b.base_request());
  }
  for (std::size_t m = 0; m < op.bodies.size(); ++m) {
    const MediaBody& media = op.bodies[m];
    if (media.kind == BodyKind::json && media.node == op.body && op.body != kNone) continue;  // the JSON families'
    const std::string id = "media." + media_id(media.media_type);
    const std::string constraint = "body[" + media.media_type + "]";
    const SuiteBuilder::MediaText full = b.media_body(m, true);
    if (!full.ok) {
      b.skip(constraint + "::valid", "no valid value for its schema was found");
      continue;
    }
    RequestParts valid = b.base_request();
    std::erase_if(valid.headers, [](const auto& h) { return h.first == "Content-Type"; });
    valid.headers.emplace_back("Content-Type", full.content_type);
    valid.body = full.body;
    Intent intent =
        meant_valid(id + ".valid", "a valid " + media.media_type + " body", "valid", {constraint + "::valid"});
    intent.speculative = intent.note_miss = true;
    if (!b.emit(intent, valid)) continue;
    if (media.kind != BodyKind::form && media.kind != BodyKind::multipart) continue;
    // Each required member missing, for forms and multipart.
    const std::optional<Json> value = b.synth().valid(media.node == kNone ? kAny : media.node, true);
    if (!value || value->kind != Json::Kind::object || media.node == kNone) continue;
    for (const std::uint32_t n : all_of_closure(b.plan(), media.node)) {
      const SchemaNode& s = b.plan().nodes[n];
      for (std::uint32_t k = 0; k < s.required_count; ++k) {
        const Property& p = b.plan().properties[b.plan().lists[s.required_begin + k]];
        Json without = *value;
        without.erase(p.name);
        const SuiteBuilder::MediaText text = b.media_body_of(m, without);
        RequestParts parts = valid;
        std::erase_if(parts.headers, [](const auto& h) { return h.first == "Content-Type"; });
        parts.headers.emplace_back("Content-Type", text.content_type);
        parts.body = text.body;
        Intent missing =
            meant_invalid(id + ".missing." + SuiteBuilder::id_of("/" + p.name),
                          media.media_type + ": required member " + p.name + " missing", "structure",
                          constraint + ":/" + p.name + ":required", Code::required, Location::body, "/" + p.name);
        missing.speculative = missing.note_miss = true;
        b.emit(missing, parts);
      }
    }
  }
}

}  // namespace reqprobe::gen
