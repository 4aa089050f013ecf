// The request engine: request-target, routing, path and query parameters, headers, Content-Type, then the
// body. Parameters are matched by the names in the plan; nothing here knows any operation.
#include "request_engine.h"

#include <algorithm>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <vector>

#include "body_engine.h"
#include "http_text.h"
#include "utf8.h"

namespace reqprobe::detail {
namespace {

template <bool kCollect>
class RequestChecker {
 public:
  RequestChecker(const Plan& plan, const ValidatorOptions& options, Scratch& scratch, Sink& sink)
      : plan_(plan), options_(options), s_(scratch), sink_(sink) {}

  void run(const Request& request) {
    const std::string_view target = request.target;
    if (target.size() > options_.limits.max_target_bytes) {
      fatal(Code::limit, Location::request, "", [&] {
        return "request-target of " + std::to_string(target.size()) + " bytes exceeds the limit of " +
               std::to_string(options_.limits.max_target_bytes);
      });
      return;
    }
    if (!target_well_formed(target)) return;
    const std::size_t question = target.find('?');
    const std::string_view path = target.substr(0, question);
    const std::string_view query =
        question == std::string_view::npos ? std::string_view() : target.substr(question + 1);

    if (!no_dot_segments(path)) return;
    const Operation* op = route(request.method, path);
    if (op == nullptr) return;
    check_path_parameters(*op, path);
    if (!sink_.stopped()) check_query(*op, query);
    if (!sink_.stopped()) check_headers(*op, request);
    if (!sink_.stopped()) check_body(*op, request);
  }

 private:
  template <class MessageFn>
  void report(Code code, Location location, Severity severity, std::string_view pointer, MessageFn&& message) {
    if constexpr (kCollect) {
      sink_.add(code, location, severity, std::string(pointer), message());
    } else {
      sink_.add(code, location, severity, {}, {});
    }
  }
  template <class MessageFn>
  void error(Code code, Location location, std::string_view pointer, MessageFn&& message) {
    report(code, location, Severity::error, pointer, message);
  }
  template <class MessageFn>
  void fatal(Code code, Location location, std::string_view pointer, MessageFn&& message) {
    error(code, location, pointer, message);
    sink_.stop();
  }

  // Origin-form only (RFC 9112 3.2.1): '/' first, visible ASCII, no fragment.
  bool target_well_formed(std::string_view target) {
    if (target.empty() || target[0] != '/') {
      fatal(Code::path, Location::request, "",
            [] { return std::string("request-target must start with '/' (origin-form)"); });
      return false;
    }
    std::size_t i = 0;
#if defined(__SSE2__)
    // 16 bytes at a time: stop at the first byte that is not visible ASCII or is '#'; the loop below reports it.
    for (; i + 16 <= target.size(); i += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(target.data() + i));
      const __m128i bad = _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x21)),  // controls, space, >= 0x80
                                                    _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F))),
                                       _mm_cmpeq_epi8(v, _mm_set1_epi8('#')));
      if (_mm_movemask_epi8(bad) != 0) break;
    }
#endif
    for (; i < target.size(); ++i) {
      const auto c = static_cast<unsigned char>(target[i]);
      if (c <= 0x20 || c >= 0x7F) {
        fatal(Code::encoding, Location::request, "", [&] {
          return "request-target has a raw byte " + std::to_string(c) + " at offset " + std::to_string(i) +
                 " that must be percent-encoded";
        });
        return false;
      }
      if (c == '#') {
        fatal(Code::path, Location::request, "",
              [] { return std::string("request-target must not carry a fragment ('#')"); });
        return false;
      }
    }
    return true;
  }

  // "." and ".." segments, plain or percent-encoded, mean another path to a server that removes them.
  bool no_dot_segments(std::string_view path) {
    if (path.find('.') == std::string_view::npos && path.find('%') == std::string_view::npos) return true;
    std::string_view rest = path.substr(1);
    while (true) {
      const std::size_t slash = rest.find('/');
      if (is_dot_segment(rest.substr(0, slash))) {
        fatal(Code::path, Location::request, "", [] {
          return std::string(
              "the path has a dot segment ('.' or '..'), which a server that removes dot segments (RFC 3986 "
              "5.2.4) would route elsewhere");
        });
        return false;
      }
      if (slash == std::string_view::npos) return true;
      rest = rest.substr(slash + 1);
    }
  }

  static bool path_matches(const Operation& op, std::string_view path) {
    std::string_view rest = path.substr(1);  // leading '/'
    for (std::size_t i = 0; i < op.segments.size(); ++i) {
      const std::size_t slash = rest.find('/');
      const std::string_view segment = rest.substr(0, slash);
      const PathSegment& expected = op.segments[i];
      if (expected.parameter == kNone && segment != expected.literal) return false;
      if (i + 1 == op.segments.size()) return slash == std::string_view::npos;
      if (slash == std::string_view::npos) return false;
      rest = rest.substr(slash + 1);
    }
    return false;
  }

  const Operation* route(std::string_view method, std::string_view path) {
    const Operation* path_match = nullptr;
    for (const Operation& op : plan_.operations) {
      if (!path_matches(op, path)) continue;
      if (op.method == method) return &op;
      path_match = &op;
    }
    if (path_match != nullptr) {
      fatal(Code::method, Location::request, "", [&] {
        std::string allowed;
        for (const Operation& op : plan_.operations) {
          if (!path_matches(op, path)) continue;
          if (!allowed.empty()) allowed += ", ";
          allowed += op.method;
        }
        return "method '" + std::string(method.substr(0, 32)) + "' is not allowed here; allowed: " + allowed;
      });
    } else {
      fatal(Code::path, Location::request, "", [&] {
        std::string known;
        for (const Operation& op : plan_.operations) {
          if (!known.empty()) known += ", ";
          known += op.method + " " + op.path_template;
        }
        return "no operation matches this path; the contract has: " + known;
      });
    }
    return nullptr;
  }

  // A decoded parameter value against its string node: UTF-8 first, then length and enum.
  void check_text(const Parameter& parameter, std::string_view value) {
    std::uint32_t code_points = 0;
    if (!utf8_count(value, code_points)) {
      error(Code::encoding, parameter.in, parameter.name,
            [] { return std::string("value is not valid UTF-8 after decoding"); });
      return;
    }
    if (parameter.node == kNone) return;
    check_string_value<kCollect>(plan_, sink_, plan_.nodes[parameter.node], value, code_points, parameter.in,
                                 [&] { return parameter.name; });
  }

  void check_path_parameters(const Operation& op, std::string_view path) {
    std::string_view rest = path.substr(1);
    for (const PathSegment& segment : op.segments) {
      const std::size_t slash = rest.find('/');
      const std::string_view raw = rest.substr(0, slash);
      rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
      if (segment.parameter == kNone) continue;
      const Parameter& parameter = op.parameters[segment.parameter];
      std::string_view value;
      if (!percent_decoded(raw, s_.text, value)) {
        error(Code::encoding, Location::path, parameter.name, [] { return std::string("malformed percent-encoding"); });
        continue;
      }
      if (!parameter.forbidden_bytes.empty() && value.find_first_of(parameter.forbidden_bytes) != std::string::npos) {
        error(Code::path, Location::path, parameter.name,
              [&] { return "decoded value contains a forbidden byte (one of \"" + parameter.forbidden_bytes + "\")"; });
        continue;
      }
      check_text(parameter, value);
      if (sink_.stopped()) return;
    }
  }

  std::uint32_t find_parameter(const Operation& op, Location in, std::string_view name) const {
    for (std::uint32_t i = 0; i < op.parameters.size(); ++i) {
      const Parameter& p = op.parameters[i];
      if (p.in != in) continue;
      if (in == Location::header ? iequals(p.name, name) : p.name == name) return i;
    }
    return kNone;
  }

  void check_query(const Operation& op, std::string_view query) {
    std::uint32_t count = 0;
    bool more = !query.empty();
    while (more) {
      const std::size_t amp = query.find('&');
      const std::string_view item = query.substr(0, amp);
      more = amp != std::string_view::npos;
      query = more ? query.substr(amp + 1) : std::string_view();
      if (item.empty()) continue;  // "a=1&&b=2", a trailing '&': nothing to check
      if (++count > options_.limits.max_query_params) {
        fatal(Code::limit, Location::query, "",
              [&] { return "more than " + std::to_string(options_.limits.max_query_params) + " query parameters"; });
        return;
      }
      const std::size_t equals = item.find('=');
      const std::string_view raw_name = item.substr(0, equals);
      const std::string_view raw_value =
          equals == std::string_view::npos ? std::string_view() : item.substr(equals + 1);
      std::uint32_t code_points = 0;
      std::string_view name;
      if (!percent_decoded(raw_name, s_.name, name) || !utf8_count(name, code_points)) {
        error(Code::encoding, Location::query, raw_name,
              [] { return std::string("parameter name has malformed percent-encoding or invalid UTF-8"); });
        continue;
      }
      const std::uint32_t index = find_parameter(op, Location::query, name);
      if (index == kNone) {
        report(Code::unknown, Location::query, unknown_severity(), name,
               [] { return std::string("query parameter is not declared by the contract"); });
        // D12 holds for unknown names too. Only invalid (or relaxed) requests get here, so a list is fine.
        if (std::find(unknown_names_.begin(), unknown_names_.end(), name) != unknown_names_.end()) {
          error(Code::duplicate, Location::query, name, [] { return std::string("query parameter repeated"); });
        } else {
          unknown_names_.emplace_back(name);
        }
        continue;
      }
      const std::uint64_t bit = std::uint64_t{1} << index;
      if (seen_ & bit) {
        error(Code::duplicate, Location::query, name, [] { return std::string("query parameter repeated"); });
        continue;
      }
      seen_ |= bit;
      std::string_view value;
      if (!percent_decoded(raw_value, s_.text, value)) {
        error(Code::encoding, Location::query, name, [] { return std::string("malformed percent-encoding"); });
        continue;
      }
      check_text(op.parameters[index], value);
      if (sink_.stopped()) return;
    }
    report_missing(op, Location::query);
  }

  void check_headers(const Operation& op, const Request& request) {
    if (request.headers.size() > options_.limits.max_headers) {
      fatal(Code::limit, Location::header, "",
            [&] { return "more than " + std::to_string(options_.limits.max_headers) + " header fields"; });
      return;
    }
    for (const Header& header : request.headers) {
      const bool well_formed = header_well_formed(header);
      if (sink_.stopped()) return;
      // The recipient sees the value without the spaces and tabs around it (RFC 9110 5.5), so that is what is judged.
      const std::string_view value = trim_ows(header.value);
      if (iequals(header.name, "content-type")) {
        if (content_type_seen_) {
          error(Code::duplicate, Location::header, "content-type", [] { return std::string("header repeated"); });
          continue;
        }
        content_type_seen_ = true;
        content_type_ok_ = well_formed;
        content_type_ = value;
        continue;
      }
      const std::uint32_t index = find_parameter(op, Location::header, header.name);
      if (index == kNone) continue;  // HTTP carries many headers; only declared ones are checked
      const Parameter& parameter = op.parameters[index];
      const std::uint64_t bit = std::uint64_t{1} << index;
      if (seen_ & bit) {
        error(Code::duplicate, Location::header, parameter.name, [] { return std::string("header repeated"); });
        continue;
      }
      seen_ |= bit;
      if (!well_formed) continue;  // already reported; its length and form mean nothing
      if (header.value.size() > options_.limits.max_header_bytes) {
        fatal(Code::limit, Location::header, parameter.name, [&] {
          return "header value longer than " + std::to_string(options_.limits.max_header_bytes) + " bytes";
        });
        return;
      }
      check_text(parameter, value);
      if (sink_.stopped()) return;
    }
    report_missing(op, Location::header, &request);
  }

  // Every field, declared or not, must be one HTTP can carry: a token for a name (RFC 9110 5.1), and no CR, LF, NUL
  // or other control byte but HTAB in the value (5.5). A client would otherwise put other fields on the wire.
  bool header_well_formed(const Header& header) {
    if (!is_token(header.name)) {
      error(Code::encoding, Location::header, lowercase(header.name),
            [] { return std::string("header name is not an HTTP token (letters, digits and !#$%&'*+-.^_`|~ only)"); });
      return false;
    }
    const std::size_t bad = first_bad_field_byte(header.value);
    if (bad == std::string_view::npos) return true;
    error(Code::encoding, Location::header, lowercase(header.name), [&] {
      const auto byte = static_cast<unsigned char>(header.value[bad]);
      const char* what = byte == '\r' ? " (CR)" : byte == '\n' ? " (LF)" : byte == 0 ? " (NUL)" : "";
      return "header value has control byte " + std::to_string(byte) + what + " at offset " + std::to_string(bad) +
             "; a field value cannot carry it (RFC 9110 5.5)";
    });
    return false;
  }

  static std::string lowercase(std::string_view name) {
    std::string out(name);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  }

  bool alternative_satisfied(const AuthAlternative& alternative, const Request& request) const {
    for (const AuthAlternative::Need& need : alternative.needs) {
      bool found = false;
      for (const Header& header : request.headers) {
        if (!iequals(header.name, need.header)) continue;
        const std::string_view value = trim_ows(header.value);
        found = first_bad_field_byte(header.value) == std::string_view::npos &&
                value.substr(0, need.prefix.size()) == need.prefix &&
                (need.shape.empty() || matches_shape(value, need.shape));
        break;  // the first occurrence decides
      }
      if (!found) return false;
    }
    return true;
  }

  void report_missing(const Operation& op, Location in, const Request* request = nullptr) {
    for (std::uint32_t i = 0; i < op.parameters.size() && !sink_.stopped(); ++i) {
      const Parameter& parameter = op.parameters[i];
      if (parameter.in != in || !parameter.required || (seen_ & (std::uint64_t{1} << i))) continue;
      bool replaced = false;
      bool has_alternative = false;
      if (request != nullptr) {
        for (const AuthAlternative& alternative : op.auth_alternatives) {
          if (alternative.replaces != parameter.name) continue;
          has_alternative = true;
          replaced = replaced || alternative_satisfied(alternative, *request);
        }
      }
      if (replaced) continue;
      error(Code::required, in, parameter.name, [&] {
        std::string message = "required " + std::string(location_name(in)) + " '" + parameter.name + "' is missing";
        if (has_alternative) message += ", and no complete alternative credentials replace it";
        return message;
      });
    }
  }

  void check_body(const Operation& op, const Request& request) {
    const bool has_body = request.body.has_value() && !request.body->empty();
    if (!has_body) {
      if (op.body_required) {
        error(Code::required, Location::body, "", [] { return std::string("request body is required"); });
      } else if (op.has_absent_body_as && op.body != kNone) {
        validate_json_body<kCollect>(plan_, options_, s_, sink_, op.body, op.absent_body_as);
      }
      return;
    }
    if (op.body == kNone) {
      error(Code::content_type, Location::body, "", [] { return std::string("this operation takes no body"); });
      return;
    }
    if (!content_type_seen_) {
      error(Code::content_type, Location::header, "content-type",
            [] { return std::string("a body needs a Content-Type header"); });
    } else if (content_type_ok_ && !media_type_allowed(content_type_, op.media_types)) {
      error(Code::content_type, Location::header, "content-type", [&] {
        std::string allowed;
        for (const std::string& type : op.media_types) allowed += (allowed.empty() ? "" : ", ") + type;
        return "Content-Type is not supported; use " + allowed + " (its only parameter may be charset=utf-8)";
      });
    }
    if (sink_.stopped()) return;
    validate_json_body<kCollect>(plan_, options_, s_, sink_, op.body, *request.body);
  }

  Severity unknown_severity() const {
    return options_.unknown_as_warning ? Severity::warning : Severity::error;
  }

  const Plan& plan_;
  const ValidatorOptions& options_;
  Scratch& s_;
  Sink& sink_;
  std::uint64_t seen_ = 0;                  ///< bit i: parameter i of the operation was seen
  std::vector<std::string> unknown_names_;  ///< undeclared query names seen, to find repeats
  bool content_type_seen_ = false;
  bool content_type_ok_ = true;  ///< false: the field itself was malformed (reported as encoding)
  std::string_view content_type_;
};

}  // namespace

template <bool kCollect>
void validate_whole_request(const Plan& plan, const ValidatorOptions& options, Scratch& scratch, Sink& sink,
                            const Request& request) {
  RequestChecker<kCollect> checker(plan, options, scratch, sink);
  checker.run(request);
}

template void validate_whole_request<true>(const Plan&, const ValidatorOptions&, Scratch&, Sink&, const Request&);
template void validate_whole_request<false>(const Plan&, const ValidatorOptions&, Scratch&, Sink&, const Request&);

}  // namespace reqprobe::detail
