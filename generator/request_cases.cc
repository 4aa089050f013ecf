// Request-line, parameter and header cases: wrong methods and paths, each parameter's length and enum on both
// sides, repeats, unknown query parameters, bad percent-encoding, and credentials (with their alternatives).
#include "suite_builder.h"

namespace reqprobe::gen {
namespace {

void add_methods_and_paths(SuiteBuilder& b) {
  for (const char* method : {"GET", "PUT", "DELETE", "PATCH", "HEAD", "post"}) {
    if (b.op().method == method) continue;
    RequestParts parts = b.base_request();
    parts.method = method;
    // Another operation may answer the method on this path: then the case is not kept (and is listed).
    Intent intent = meant_invalid(std::string("request.method.") + method, std::string("method ") + method, "request",
                                  "request::method", Code::method, Location::request, "");
    intent.speculative = intent.note_miss = true;
    b.emit(intent, parts);
  }
  auto path_case = [&](const std::string& suffix, const std::string& description, auto&& edit) {
    RequestParts parts = b.base_request();
    if (parts.path_raw.empty()) parts.path_raw.emplace_back();  // the root path "/" as one empty segment
    edit(parts);
    Intent intent = meant_invalid("request.path." + suffix, description, "request", "request::path", Code::path,
                                  Location::request, "");
    intent.speculative = intent.note_miss = true;  // the changed path may be another operation's
    b.emit(intent, parts);
  };
  path_case("trailing_slash", "a trailing slash is another path", [](RequestParts& p) { p.path_raw.back() += "/"; });
  path_case("missing_segment", "the last segment missing", [](RequestParts& p) { p.path_raw.pop_back(); });
  path_case("extra_segment", "one segment too many", [](RequestParts& p) { p.path_raw.push_back("extra"); });
  path_case("double_slash", "an empty segment between two",
            [](RequestParts& p) { p.path_raw.insert(p.path_raw.begin(), ""); });
  path_case("literal_case_changed", "literal segments are case-sensitive", [](RequestParts& p) {
    for (std::size_t i = 0; i < p.path_raw.size(); ++i) {
      std::string& s = p.path_raw[i];
      if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') {
        s[0] = static_cast<char>(s[0] - 'a' + 'A');
        return;
      }
    }
  });
  path_case("fragment", "a fragment is not part of a request-target",
            [](RequestParts& p) { p.path_raw.back() += "#x"; });
}

// Length, enum and encoding cases of one string parameter, wherever it lives.
class ParameterCases {
 public:
  ParameterCases(SuiteBuilder& b, std::uint32_t index)
      : b_(b), index_(index), parameter_(b.op().parameters[index]), node_(b.plan().nodes[parameter_.node]) {
    id_ = std::string(location_name(parameter_.in)) + "." + SuiteBuilder::id_of("/" + parameter_.name);
    prefix_ = std::string(location_name(parameter_.in)) + ":" + parameter_.name + ":";
  }

  void add_wire_cases() { add_control_byte(); }

  void add() {
    add_lengths();
    add_enum();
    if (parameter_.in == Location::header) add_header_specifics();
    if (parameter_.in == Location::query) add_query_specifics();
    if (parameter_.in == Location::path) add_path_specifics();
  }

 private:
  // The base request with this parameter set to `value` (decoded text; encoded here as its location needs).
  RequestParts with_value(const std::string& value, bool encode = true) {
    RequestParts parts = b_.base_request();
    const std::string raw = encode && parameter_.in != Location::header ? percent_encode(value) : value;
    switch (parameter_.in) {
      case Location::path:  // a whole segment or a piece of one (/files/{name}.json)
        set_parameter(b_.op(), index_, b_.plan(), parts, {{parameter_.name, raw}});
        break;
      case Location::query: {
        bool replaced = false;
        for (auto& [name, v] : parts.query_raw)
          if (name == percent_encode(parameter_.name)) v = raw, replaced = true;
        if (!replaced) parts.query_raw.emplace_back(percent_encode(parameter_.name), raw);
        break;
      }
      case Location::header: {
        bool replaced = false;
        for (auto& [name, v] : parts.headers)
          if (name == title_case(parameter_.name)) v = raw, replaced = true;
        if (!replaced) parts.headers.emplace_back(title_case(parameter_.name), raw);
        break;
      }
      default:
        break;
    }
    return parts;
  }

  void valid(const std::string& suffix, const std::string& keyword, const std::string& description,
             RequestParts parts) {
    std::vector<std::string> constraints;
    if (!keyword.empty()) constraints.push_back(prefix_ + keyword);
    b_.emit(meant_valid(id_ + "." + suffix, parameter_.name + ": " + description, "request", constraints), parts);
  }

  void invalid(const std::string& suffix, const std::string& keyword, Code code, const std::string& description,
               RequestParts parts) {
    b_.emit(meant_invalid(id_ + "." + suffix, parameter_.name + ": " + description, "request", prefix_ + keyword, code,
                          parameter_.in, parameter_.name),
            parts);
  }

  void add_lengths() {
    if (node_.enum_count != 0) return;
    const std::uint32_t min = node_.min_length;
    if (min > 0) {
      invalid("length.below_min", "min_length", Code::min_length, "length " + std::to_string(min - 1),
              with_value(b_.text(min - 1)));
      valid("length.at_min", "min_length", "length exactly minLength", with_value(b_.text(min)));
    }
    if (node_.max_length == kUnbounded) return;
    const std::uint32_t max = node_.max_length;
    valid("length.at_max", "max_length", "length exactly maxLength " + std::to_string(max), with_value(b_.text(max)));
    invalid("length.above_max", "max_length", Code::max_length, "length maxLength+1", with_value(b_.text(max + 1)));
    if (parameter_.in != Location::header) {
      valid("length.at_max_multibyte", "max_length", "maxLength three-byte characters, percent-encoded",
            with_value(b_.text(max, 3)));
      invalid("length.above_max_multibyte", "max_length", Code::max_length, "maxLength+1 three-byte characters",
              with_value(b_.text(max + 1, 3)));
    }
  }

  void add_enum() {
    if (node_.enum_count == 0) return;
    std::vector<std::string> constraints;
    for (const std::string& keyword : value_keywords(node_))
      if (keyword != "type") constraints.push_back(prefix_ + keyword);
    for (std::uint32_t i = 0; i < node_.enum_count; ++i) {
      const std::string& value = b_.plan().enum_strings[node_.enum_begin + i];
      b_.emit(meant_valid(id_ + ".enum." + SuiteBuilder::id_of("/" + value),
                          parameter_.name + ": enum value '" + value + "'", "request", constraints),
              with_value(value));
    }
    if (node_.min_length > 0)
      invalid("length.below_min", "min_length", Code::min_length, "empty, below minLength", with_value(""));
    if (node_.max_length != kUnbounded)
      invalid("length.above_max", "max_length", Code::max_length, "maxLength+1 characters",
              with_value(b_.text(node_.max_length + 1)));
    const std::string& first = b_.plan().enum_strings[node_.enum_begin];
    std::string upper = first;
    for (char& c : upper) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    invalid("enum.case_changed", "enum", Code::enum_value, "'" + upper + "'", with_value(upper));
    // A header value's trailing space is not part of it on the wire (RFC 9110 5.5): only the other locations.
    if (parameter_.in != Location::header)
      invalid("enum.trailing_space", "enum", Code::enum_value, "'" + first + " '", with_value(first + " "));
    invalid("enum.truncated", "enum", Code::enum_value, "'" + first.substr(0, first.size() - 1) + "'",
            with_value(first.substr(0, first.size() - 1)));
  }

  // ESC is a control byte HTTP can carry but a field value may not hold (RFC 9110 5.5). CR, LF and NUL are not
  // generated: no client can send them inside one field, so such a case would mean something else on the wire.
  void add_control_byte() {
    if (parameter_.in == Location::header)
      invalid("control_byte", "encoding", Code::encoding, "an ESC byte in the value",
              with_value(b_.typical_text(node_) + "\x1b[0m"));
  }

  void add_header_specifics() {
    const std::string value = b_.typical_text(node_);
    RequestParts lower = with_value(value);
    for (auto& header : lower.headers)
      if (header.first == title_case(parameter_.name)) header.first = parameter_.name;
    valid("name_lowercase", "", "header names are case-insensitive", lower);
    RequestParts repeated = with_value(value);
    repeated.headers.emplace_back(title_case(parameter_.name), value);
    invalid("repeated", "duplicate", Code::duplicate, "sent twice (D12)", repeated);
    valid("once", "duplicate", "sent once", with_value(value));
    if (b_.needed(parameter_)) {
      RequestParts missing = b_.base_request();
      std::erase_if(missing.headers, [&](const auto& h) { return h.first == title_case(parameter_.name); });
      invalid("missing", "required", Code::required, "missing", missing);
      valid("present", "required", "present", with_value(value));
    }
  }

  void add_query_specifics() {
    const std::string value = b_.typical_text(node_);
    RequestParts repeated = with_value(value);
    repeated.query_raw.emplace_back(percent_encode(parameter_.name), percent_encode(value));
    invalid("repeated", "duplicate", Code::duplicate, "given twice (D12)", repeated);
    valid("once", "duplicate", "given once", with_value(value));
    invalid("bad_percent", "encoding", Code::encoding, "'%zz' is not percent-encoding", with_value("a%zz", false));
    if (node_.min_length > 0)
      invalid("no_equals", "min_length", Code::min_length, "name without '=' (empty value)",
              with_value(kNoEquals, false));
  }

  void add_path_specifics() {
    invalid("bad_percent", "encoding", Code::encoding, "'%zz' is not percent-encoding", with_value("a%zz", false));
    invalid("truncated_percent", "encoding", Code::encoding, "'%4' is cut short", with_value("a%4", false));
    invalid("percent_invalid_utf8", "encoding", Code::encoding, "%C0%AF decodes to invalid UTF-8",
            with_value("a%C0%AF", false));
    if (!parameter_.forbidden_bytes.empty()) {
      const std::string forbidden(1, parameter_.forbidden_bytes.front());
      invalid("forbidden_byte_encoded", "path", Code::path, "a forbidden byte, percent-encoded",
              with_value("a" + forbidden + "b"));
      valid("no_forbidden_byte", "path", "no forbidden byte", with_value(b_.typical_text(node_)));
    }
  }

  SuiteBuilder& b_;
  std::uint32_t index_;
  const Parameter& parameter_;
  const SchemaNode& node_;
  std::string id_;
  std::string prefix_;
};

void add_unknown_query(SuiteBuilder& b) {
  RequestParts unknown = b.base_request();
  unknown.query_raw.emplace_back("reqprobe_unknown", "1");
  if (b.plan().strict) {
    b.emit(meant_invalid("query.unknown_parameter", "a query parameter the contract does not declare", "request",
                         "query::unknown", Code::unknown, Location::query, "reqprobe_unknown"),
           unknown);
  } else {
    // Speculative: an exploded form object parameter claims undeclared names.
    Intent accepted =
        meant_valid("query.unknown_parameter", "a query parameter the contract does not declare (allowed)", "request");
    accepted.speculative = accepted.note_miss = true;
    b.emit(accepted, unknown);
  }
  RequestParts empty = b.base_request();
  empty.query_raw.emplace_back("", kNoEquals);
  empty.query_raw.emplace_back("", kNoEquals);
  b.emit(meant_valid("query.empty_segments", "empty query segments ('?&') are ignored", "request", {"query::unknown"}),
         empty);
}

// A value that satisfies one need: the prefix, then the shape with '#' as digits of a fixed date-time, or a
// signature-like text when there is no shape.
std::string need_value(const AuthAlternative::Need& need) {
  static constexpr char kDigits[] = "20261127120000";
  std::string value = need.prefix;
  std::size_t d = 0;
  for (const char c : need.shape) value.push_back(c == '#' ? kDigits[d++ % (sizeof(kDigits) - 1)] : c);
  if (need.shape.empty()) value += "Access=reqprobe, SignedHeaders=content-type;host, Signature=00";
  return value;
}

void add_alternatives(SuiteBuilder& b) {
  for (const AuthAlternative& alternative : b.op().auth_alternatives) {
    const std::string id = "header." + SuiteBuilder::id_of("/" + alternative.replaces) + ".alternative";
    const std::string constraint = "header:" + alternative.replaces + ":required";
    auto without_replaced = [&]() {
      RequestParts parts = b.base_request();
      std::erase_if(parts.headers, [&](const auto& h) { return h.first == title_case(alternative.replaces); });
      return parts;
    };
    RequestParts complete = without_replaced();
    for (const AuthAlternative::Need& need : alternative.needs)
      complete.headers.emplace_back(title_case(need.header), need_value(need));
    b.emit(meant_valid(id + ".complete", "every alternative header replaces " + alternative.replaces, "request",
                       {constraint}),
           complete);
    for (std::size_t skip = 0; skip < alternative.needs.size(); ++skip) {
      RequestParts partial = without_replaced();
      for (std::size_t k = 0; k < alternative.needs.size(); ++k)
        if (k != skip)
          partial.headers.emplace_back(title_case(alternative.needs[k].header), need_value(alternative.needs[k]));
      b.emit(meant_invalid(id + ".without_" + SuiteBuilder::id_of("/" + alternative.needs[skip].header),
                           "alternative without " + alternative.needs[skip].header + ": " + alternative.replaces +
                               " is still required",
                           "request", constraint, Code::required, Location::header, alternative.replaces),
             partial);
      const AuthAlternative::Need& need = alternative.needs[skip];
      if (need.shape.empty() && need.prefix.empty()) continue;
      RequestParts malformed = without_replaced();
      for (std::size_t k = 0; k < alternative.needs.size(); ++k)
        malformed.headers.emplace_back(title_case(alternative.needs[k].header),
                                       k == skip ? std::string("malformed") : need_value(alternative.needs[k]));
      b.emit(meant_invalid(id + ".malformed_" + SuiteBuilder::id_of("/" + need.header),
                           need.header + " does not match its form", "request", constraint, Code::required,
                           Location::header, alternative.replaces),
             malformed);
    }
  }
}

// The request's own safety limits, at and one past each. A client adds Host (and Content-Length with a body), and
// the limit counts the fields that arrive, so the header cases carry both themselves: the file is the wire.
// A server that removes dot segments (RFC 3986 5.2.4) routes these elsewhere, whatever segment they replace.
void add_dot_segments(SuiteBuilder& b) {
  for (const auto& [suffix, segment] : {std::pair{"dot_segment", "."}, std::pair{"dot_dot_segment", ".."},
                                        std::pair{"dot_dot_segment_encoded", "%2E%2E"}}) {
    RequestParts parts = b.base_request();
    if (parts.path_raw.empty()) parts.path_raw.emplace_back();
    parts.path_raw.front() = segment;
    b.emit(
        meant_invalid(std::string("request.path.") + suffix, std::string("a segment '") + segment + "' (a dot segment)",
                      "request", "request::path", Code::path, Location::request, ""),
        parts);
  }
}

void add_request_limits(SuiteBuilder& b) {
  const Limits& limits = b.options().limits;
  auto with_headers = [&](std::uint32_t total) {
    RequestParts parts = b.base_request();
    parts.headers.emplace_back("Host", "localhost");
    if (parts.body) parts.headers.emplace_back("Content-Length", std::to_string(parts.body->size()));
    for (std::uint32_t i = 0; parts.headers.size() < total; ++i)
      parts.headers.emplace_back("X-Reqprobe-Fill-" + std::to_string(i), "1");
    return parts;
  };
  b.emit(meant_valid("limit.headers.at_limit",
                     std::to_string(limits.max_headers) + " header fields, Host and Content-Length included", "limit"),
         with_headers(limits.max_headers));
  b.emit(meant_invalid("limit.headers.past_limit", std::to_string(limits.max_headers + 1) + " header fields", "limit",
                       "", Code::limit, Location::header, ""),
         with_headers(limits.max_headers + 1));

  // Undeclared query parameters carry the count: each is `unknown` (strict contracts), none may be `limit`.
  auto with_query = [&](std::uint32_t count) {
    RequestParts parts = b.base_request();
    for (std::uint32_t i = 0; parts.query_raw.size() < count; ++i)
      parts.query_raw.emplace_back("fill" + std::to_string(i), "1");
    return parts;
  };
  const std::string first_fill = "fill0";
  Intent at_query =
      b.plan().strict
          ? meant_invalid("limit.query_params.at_limit", std::to_string(limits.max_query_params) + " query parameters",
                          "limit", "", Code::unknown, Location::query, first_fill)
          : meant_valid("limit.query_params.at_limit", std::to_string(limits.max_query_params) + " query parameters",
                        "limit");
  at_query.forbid_limit = true;
  at_query.speculative = at_query.note_miss = !b.plan().strict;
  b.emit(at_query, with_query(limits.max_query_params));
  b.emit(
      meant_invalid("limit.query_params.past_limit", std::to_string(limits.max_query_params + 1) + " query parameters",
                    "limit", "", Code::limit, Location::query, ""),
      with_query(limits.max_query_params + 1));

  // The request-target's length, padded by one undeclared parameter.
  auto with_target_bytes = [&](std::size_t bytes) {
    RequestParts parts = b.base_request();
    parts.query_raw.emplace_back("pad", "");
    const std::size_t used = parts.target().size();
    parts.query_raw.back().second = std::string(bytes > used ? bytes - used : 0, 'p');
    return parts;
  };
  Intent at_target =
      b.plan().strict
          ? meant_invalid("limit.target_bytes.at_limit",
                          "a request-target of exactly " + std::to_string(limits.max_target_bytes) + " bytes", "limit",
                          "", Code::unknown, Location::query, "pad")
          : meant_valid("limit.target_bytes.at_limit",
                        "a request-target of exactly " + std::to_string(limits.max_target_bytes) + " bytes", "limit");
  at_target.forbid_limit = true;
  at_target.speculative = at_target.note_miss = !b.plan().strict;
  b.emit(at_target, with_target_bytes(limits.max_target_bytes));
  b.emit(meant_invalid("limit.target_bytes.past_limit",
                       "a request-target of " + std::to_string(limits.max_target_bytes + 1) + " bytes", "limit", "",
                       Code::limit, Location::request, ""),
         with_target_bytes(limits.max_target_bytes + 1));
}

}  // namespace

void add_request_cases(SuiteBuilder& b) {
  add_methods_and_paths(b);
  for (std::uint32_t i = 0; i < b.op().parameters.size(); ++i)
    if (classic_parameter(b.plan(), b.op().parameters[i])) ParameterCases(b, i).add();
  add_unknown_query(b);
  add_alternatives(b);
  // Cases added later come last: their random draws then shift no earlier case's values.
  add_dot_segments(b);
  for (std::uint32_t i = 0; i < b.op().parameters.size(); ++i)
    if (classic_parameter(b.plan(), b.op().parameters[i])) ParameterCases(b, i).add_wire_cases();
  add_request_limits(b);
}

}  // namespace reqprobe::gen
