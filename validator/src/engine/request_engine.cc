// The request engine. Order of violations: request-target, path parameters, query parameters (missing required ones
// after the present ones), headers and cookies (missing required ones, then missing credentials, last), then the
// body. Parameters are matched by the names in the plan; their values are decoded by style and judged by the same
// checks as bodies.
#include "request_engine.h"

#include <algorithm>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "../body_engine.h"
#include "../http_text.h"
#include "../integer_checks.h"
#include "../json_pointer.h"
#include "../key_hash.h"
#include "../placement.h"
#include "../utf8.h"
#include "body_media.h"
#include "parameter_values.h"
#include "runtime.h"
#include "security_check.h"

namespace reqprobe::detail {
namespace {

template <bool kCollect>
class RequestChecker {
 public:
  RequestChecker(const Contract& contract, const ValidatorOptions& options, Scratch& scratch, Sink& sink)
      : contract_(contract),
        plan_(contract.plan()),
        runtime_(contract.runtime()),
        options_(options),
        s_(scratch),
        sink_(sink) {}

  REQPROBE_HOT void run(const Request& request) {
    const std::string_view target = request.target;
    if (target.size() > options_.limits.max_target_bytes) {
      fatal(Code::limit, Location::request, "", [&] {
        return "request-target of " + std::to_string(target.size()) + " bytes exceeds the limit of " +
               std::to_string(options_.limits.max_target_bytes);
      });
      return;
    }
    shape_ = TargetShape{};
    const TargetShape& shape = shape_;
    if (!target_well_formed(target, shape_)) return;
    const std::size_t question = shape.question;
    const std::string_view path = target.substr(0, question);
    const std::string_view query =
        question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
    if (!no_dot_segments(path, shape)) return;
    const Operation* op = route(request.method, path);
    if (op == nullptr) return;
    op_ = op;
    facts_ = &runtime_.operations[static_cast<std::size_t>(op - plan_.operations.data())];
    s_.param_seen.assign(op->parameters.size(), 0);
    check_path_parameters(*op, std::span<const std::string_view>(s_.route.segments).subspan(route_segment_));
    if (!sink_.stopped()) check_query(*op, query);
    if (!sink_.stopped()) check_headers(*op, request);
    if (!sink_.stopped()) check_body(*op, request);
  }

 private:
  // ---- reporting -------------------------------------------------------------------------------------------------

  // Cold (placement.h): a valid request never reports.
  template <class MessageFn>
  REQPROBE_COLD void report(Code code, Location location, Severity severity, std::string_view pointer,
                            MessageFn&& message) {
    if constexpr (kCollect) {
      sink_.add(code, location, severity, std::string(pointer), message());
    } else {
      sink_.add_unlisted(code, location, severity);
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

  Severity unknown_severity() const { return options_.unknown_as_warning ? Severity::warning : Severity::error; }

  // ---- request-target and routing --------------------------------------------------------------------------------

  // Where the query starts and which parts have escapes or dots, read in the same pass that checks the bytes: the
  // later steps then split, decode and look for dot segments only where there is something to find.
  struct TargetShape {
    std::size_t question = std::string_view::npos;  ///< the first '?'
    bool path_dot = false;
    bool path_percent = false;
    bool query_percent = false;
    // Bit k of each mask: byte base + k is '?', '%', '.'.
    void note(std::size_t base, unsigned question_bits, unsigned percent_bits, unsigned dot_bits) {
      if (question == std::string_view::npos) {
        unsigned before = ~0u;
        if (question_bits != 0) {
          const int at = __builtin_ctz(question_bits);
          question = base + static_cast<std::size_t>(at);
          before = (1u << at) - 1;
          query_percent |= (percent_bits & ~before) != 0;
        }
        path_dot |= (dot_bits & before) != 0;
        path_percent |= (percent_bits & before) != 0;
      } else {
        query_percent |= percent_bits != 0;
      }
    }
  };

  // Origin-form only (RFC 9112 3.2.1): '/' first, visible ASCII, no fragment.
  bool target_well_formed(std::string_view target, TargetShape& shape) {
    if (target.empty() || target[0] != '/') {
      fatal(Code::path, Location::request, "",
            [] { return std::string("request-target must start with '/' (origin-form)"); });
      return false;
    }
    std::size_t i = 0;
#if defined(__SSE2__)
    // 16 bytes at a time, the last block read so that it ends at the target's end; a block with a byte that is not
    // visible ASCII or is '#' goes to the byte loop below, which reports it.
    const auto block = [&](std::size_t at, unsigned skip) {  // skip: bytes at the block's start seen already
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(target.data() + at));
      const __m128i bad = _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x21)),  // controls, space, >= 0x80
                                                    _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F))),
                                       _mm_cmpeq_epi8(v, _mm_set1_epi8('#')));
      if ((static_cast<unsigned>(_mm_movemask_epi8(bad)) >> skip) != 0) return false;
      const auto bits = [&](char c) {
        return static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(c)))) >> skip;
      };
      shape.note(at + skip, bits('?'), bits('%'), bits('.'));
      return true;
    };
    for (; i + 16 <= target.size() && block(i, 0); i += 16) {
    }
    if (i + 16 > target.size() && target.size() >= 16 && i < target.size() &&
        block(target.size() - 16, static_cast<unsigned>(i - (target.size() - 16))))
      i = target.size();
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
      shape.note(i, c == '?', c == '%', c == '.');
    }
    return true;
  }

  // "." and ".." segments, plain or percent-encoded, mean another path to a server that removes them.
  bool no_dot_segments(std::string_view path, const TargetShape& shape) {
    if (!shape.path_dot && !shape.path_percent) return true;
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

  const Operation* route(std::string_view method, std::string_view path) {
    const RouteResult r = runtime_.router.route(method, path, s_.route);
    if (r.status == RouteResult::Status::found) {
      route_segment_ = r.template_segment;
      return &plan_.operations[r.operation];
    }
    if (r.status == RouteResult::Status::wrong_method) {
      fatal(Code::method, Location::request, "", [&] {
        std::string allowed;
        for (const std::string& m : runtime_.router.methods_at(path)) allowed += (allowed.empty() ? "" : ", ") + m;
        return "method '" + std::string(method.substr(0, 32)) + "' is not allowed here; allowed: " + allowed;
      });
      return nullptr;
    }
    fatal(Code::path, Location::request, "", [&] {
      std::string known;
      for (std::size_t i = 0; i < plan_.operations.size() && i < 8; ++i) {
        const Operation& op = plan_.operations[i];
        known += (known.empty() ? "" : ", ") + op.method + " " +
                 (op.base_paths.empty() ? std::string() : op.base_paths.front()) + op.path_template;
      }
      if (plan_.operations.size() > 8) known += ", ... (" + std::to_string(plan_.operations.size()) + " in all)";
      return "no operation matches this path; the contract has: " + known;
    });
    return nullptr;
  }

  // ---- parameter values ------------------------------------------------------------------------------------------

  // A decoded primitive value against a plain string node: UTF-8 first, then length and enum.
  REQPROBE_HOT void check_text(const Parameter& parameter, std::string_view value) {
    std::uint32_t code_points = 0;
    if (!utf8_count(value, code_points)) {
      error(Code::encoding, parameter.in, parameter.name,
            [] { return std::string("value is not valid UTF-8 after decoding"); });
      return;
    }
    check_string_value<kCollect>(plan_, sink_, plan_.nodes[parameter.node], value, code_points, parameter.in,
                                 [&] { return parameter.name; });
  }

  // Judges a parameter's raw items (split by its style): percent-decoded when `decode`, then either the direct
  // checks of a plain string node or, for any other schema, its JSON form through the body engine.
  REQPROBE_HOT void check_items(const Parameter& p, std::span<const std::string_view> raw, bool decode) {
    if (p.node == kNone) return;
    const ValueShape shape = p.content ? ValueShape::primitive : runtime_.shape(p.node);
    // Items without escapes are judged where they stand; the buffers are sized first, so no view moves.
    if (s_.items.size() < raw.size()) s_.items.resize(raw.size());
    s_.item_views.resize(raw.size());
    std::vector<std::string_view>& items = s_.item_views;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (!decode) {
        items[i] = raw[i];
      } else if (!percent_decoded(raw[i], s_.items[i], items[i])) {
        error(Code::encoding, p.in, p.name, [] { return std::string("malformed percent-encoding"); });
        return;
      }
    }
    if (!p.forbidden_bytes.empty()) {
      for (const std::string_view item : items) {
        const bool clean = p.forbidden_bytes.size() == 1 ? find_byte(item, p.forbidden_bytes[0]) == std::string::npos
                                                         : item.find_first_of(p.forbidden_bytes) == std::string::npos;
        if (clean) continue;
        error(Code::path, p.in, p.name,
              [&] { return "decoded value contains a forbidden byte (one of \"" + p.forbidden_bytes + "\")"; });
        return;
      }
    }
    if (p.allow_empty_value && shape == ValueShape::primitive && items.size() == 1 && items[0].empty()) return;
    // A non-exploded object is written as name,value pairs ("R,100,G,200"): an odd count is no object at all.
    if (shape == ValueShape::object && items.size() % 2 != 0) {
      not_an_object(p);
      return;
    }
    const SchemaNode& node = plan_.nodes[p.node];
    if (p.content) {  // the value is a JSON document
      validate_json_body<kCollect>(contract_, options_, s_, sink_, p.node, items.empty() ? "" : items[0], p.in, p.name);
      return;
    }
    if (shape == ValueShape::primitive && !node.general && node.kind == NodeKind::string && items.size() == 1) {
      check_text(p, items[0]);
      return;
    }
    write_value_json(plan_, p.node, shape, items, s_.param_json);
    validate_json_body<kCollect>(contract_, options_, s_, sink_, p.node, s_.param_json, p.in, p.name);
  }

  void not_an_object(const Parameter& p) {
    error(Code::type, p.in, p.name, [] {
      return std::string("the value does not have the form of an object in its style (name and value pairs)");
    });
  }

  bool seen(std::uint32_t index) const {
    return s_.param_seen[index] != 0;
  }
  void mark(std::uint32_t index) {
    s_.param_seen[index] = 1;
  }

  // ---- path ------------------------------------------------------------------------------------------------------

  // `segments`: the path's segments after the base path, as the router split them.
  REQPROBE_HOT void check_path_parameters(const Operation& op, std::span<const std::string_view> segments) {
    std::vector<std::string_view> values;
    for (std::size_t k = 0; k < op.segments.size() && k < segments.size(); ++k) {
      const PathSegment& segment = op.segments[k];
      const std::string_view raw = segments[k];
      if (segment.pieces.empty()) {
        if (segment.parameter != kNone) check_path_value(op.parameters[segment.parameter], segment.parameter, raw);
      } else {
        values.clear();
        (void)match_pieces(raw, segment.pieces, &values);
        std::size_t v = 0;
        for (const PathPiece& piece : segment.pieces)
          if (piece.parameter != kNone && v < values.size())
            check_path_value(op.parameters[piece.parameter], piece.parameter, values[v++]);
      }
      if (sink_.stopped()) return;
    }
  }

  REQPROBE_HOT void check_path_value(const Parameter& p, std::uint32_t index, std::string_view raw) {
    mark(index);
    const ValueShape shape = p.content ? ValueShape::primitive : runtime_.shape(p.node);
    if (!split_path_value(p, shape, raw, s_.pieces)) {
      error(Code::path, Location::path, p.name, [&] {
        return std::string("the value does not have the form of style ") +
               (p.style == ParameterStyle::label ? "label ('.' first)" : "matrix (';" + p.name + "=' first)");
      });
      return;
    }
    check_items(p, s_.pieces, shape_.path_percent);
  }

  // ---- query -----------------------------------------------------------------------------------------------------

  std::uint32_t find_parameter(const Operation& op, Location in, std::string_view name) const {
    for (std::uint32_t i = 0; i < op.parameters.size(); ++i) {
      const Parameter& p = op.parameters[i];
      if (p.in != in) continue;
      if (in == Location::header ? iequals(p.name, name) : same_key(p.name, name)) return i;
    }
    return kNone;
  }

  bool is_credential_query(const Operation& op, std::string_view name) const {
    for (const auto& alternative : op.security)
      for (const std::uint32_t s : alternative) {
        const SecurityScheme& scheme = plan_.schemes[s];
        if (scheme.type == SecurityScheme::Type::api_key && scheme.in == Location::query && scheme.name == name)
          return true;
      }
    return false;
  }

  // An undeclared name an exploded form object (its properties are top-level names) or a deepObject
  // ("name[prop]") claims: that parameter's index, else kNone.
  std::uint32_t claiming_parameter(const Operation& op, std::string_view name) const {
    for (const std::uint32_t i : facts_->claiming) {
      const Parameter& p = op.parameters[i];
      if (p.style != ParameterStyle::deep_object) return i;  // an exploded form object: its schema decides
      if (name.size() > p.name.size() + 2 && name.substr(0, p.name.size()) == p.name && name[p.name.size()] == '[' &&
          name.back() == ']')
        return i;
    }
    return kNone;
  }

  REQPROBE_HOT void check_query(const Operation& op, std::string_view query) {
    // Split into pairs first: exploded parameters gather their occurrences from anywhere in the query.
    s_.query_count = 0;
    bool over_limit = false;
    bool more = !query.empty();
    while (more) {
      const std::size_t amp = find_byte(query, '&');
      const std::string_view item = query.substr(0, amp);
      more = amp != std::string_view::npos;
      query = more ? query.substr(amp + 1) : std::string_view();
      if (item.empty()) continue;  // "a=1&&b=2", a trailing '&': nothing to check
      if (s_.query_count + 1 > options_.limits.max_query_params) {
        over_limit = true;  // the first max_query_params are still judged, then the limit ends the run
        break;
      }
      if (s_.query.size() <= s_.query_count) s_.query.emplace_back();
      Scratch::QueryPair& pair = s_.query[s_.query_count++];
      const std::size_t equals = find_byte(item, '=');
      pair.raw_name = item.substr(0, equals);
      pair.raw_value = equals == std::string_view::npos ? std::string_view() : item.substr(equals + 1);
      std::uint32_t code_points = 0;
      std::string_view name;
      if (shape_.query_percent) {
        pair.bad_name = !percent_decoded(pair.raw_name, pair.name_buffer, name) || !utf8_count(name, code_points);
      } else {
        name = pair.raw_name;  // no escapes, and the target is ASCII: nothing to decode or count
        pair.bad_name = false;
      }
      pair.decoded = name.data() != pair.raw_name.data();
    }
    std::vector<std::string> unknown_names;  // only invalid (or relaxed) requests get here with entries
    for (std::size_t k = 0; k < s_.query_count && !sink_.stopped(); ++k) {
      const Scratch::QueryPair& pair = s_.query[k];
      const std::string_view name = pair.name();
      if (pair.bad_name) {
        error(Code::encoding, Location::query, pair.raw_name,
              [] { return std::string("parameter name has malformed percent-encoding or invalid UTF-8"); });
        continue;
      }
      const std::uint32_t index = find_parameter(op, Location::query, name);
      if (index == kNone) {
        if (claiming_parameter(op, name) != kNone || is_credential_query(op, name)) continue;
        if (!plan_.strict) continue;  // OpenAPI allows query parameters a document does not declare
        report(Code::unknown, Location::query, unknown_severity(), name,
               [] { return std::string("query parameter is not declared by the contract"); });
        // D12 holds for unknown names too.
        if (std::find(unknown_names.begin(), unknown_names.end(), name) != unknown_names.end()) {
          error(Code::duplicate, Location::query, name, [] { return std::string("query parameter repeated"); });
        } else {
          unknown_names.emplace_back(name);
        }
        continue;
      }
      const Parameter& p = op.parameters[index];
      const ValueShape shape = p.content ? ValueShape::primitive : runtime_.shape(p.node);
      const bool gathers = shape == ValueShape::array && p.explode && p.style == ParameterStyle::form;
      if (gathers) {
        if (!seen(index)) check_gathered(op, index);  // every occurrence at once, at the first
        mark(index);
        continue;
      }
      if (seen(index)) {
        error(Code::duplicate, Location::query, p.name, [] { return std::string("query parameter repeated"); });
        continue;
      }
      mark(index);
      split_delimited(p, shape, pair.raw_value, s_.pieces);
      check_items(p, s_.pieces, shape_.query_percent);
    }
    if (!sink_.stopped()) check_claimed_objects(op);
    if (over_limit && !sink_.stopped()) {
      fatal(Code::limit, Location::query, "",
            [&] { return "more than " + std::to_string(options_.limits.max_query_params) + " query parameters"; });
      return;
    }
    report_missing(op, Location::query);
  }

  // An exploded form array: ?id=1&id=2.
  void check_gathered(const Operation& op, std::uint32_t index) {
    std::vector<std::string_view> raw;
    for (std::size_t k = 0; k < s_.query_count; ++k)
      if (!s_.query[k].bad_name && s_.query[k].name() == op.parameters[index].name)
        raw.push_back(s_.query[k].raw_value);
    check_items(op.parameters[index], raw, shape_.query_percent);
  }

  // Exploded form objects (?R=100&G=200) and deepObjects (?color[R]=100): their members, gathered from the query.
  void check_claimed_objects(const Operation& op) {
    for (const std::uint32_t i : facts_->claiming) {
      if (sink_.stopped()) return;
      const Parameter& p = op.parameters[i];
      const bool deep = p.style == ParameterStyle::deep_object;
      std::vector<std::string_view> raw;
      std::vector<std::string> keys;
      for (std::size_t k = 0; k < s_.query_count; ++k) {
        const Scratch::QueryPair& pair = s_.query[k];
        if (pair.bad_name) continue;
        const std::string_view name = pair.name();
        std::string key;
        if (deep) {
          if (name.size() <= p.name.size() + 2 || name.compare(0, p.name.size(), p.name) != 0 ||
              name[p.name.size()] != '[' || name.back() != ']')
            continue;
          key = std::string(name.substr(p.name.size() + 1, name.size() - p.name.size() - 2));
        } else {
          if (find_parameter(op, Location::query, name) != kNone || is_credential_query(op, name)) continue;
          key = std::string(name);
        }
        if (std::find(keys.begin(), keys.end(), key) != keys.end()) {
          error(Code::duplicate, Location::query, p.name + "/" + key, [] { return std::string("member repeated"); });
          continue;
        }
        keys.push_back(key);
        raw.push_back(pair.raw_name);  // placeholder, replaced below
        raw.push_back(pair.raw_value);
      }
      if (keys.empty()) continue;
      mark(i);
      s_.items.clear();
      for (std::size_t k = 0; k < keys.size(); ++k) {
        s_.items.push_back(keys[k]);
        std::string value;
        if (!percent_decode(raw[2 * k + 1], value)) {
          error(Code::encoding, Location::query, p.name, [] { return std::string("malformed percent-encoding"); });
          return;
        }
        s_.items.push_back(std::move(value));
      }
      s_.item_views.assign(s_.items.begin(), s_.items.end());
      write_value_json(plan_, p.node, ValueShape::object, s_.item_views, s_.param_json);
      validate_json_body<kCollect>(contract_, options_, s_, sink_, p.node, s_.param_json, Location::query, p.name);
    }
  }

  // ---- headers and cookies ---------------------------------------------------------------------------------------

  // Every field, declared or not, must be one HTTP can carry: a token for a name (RFC 9110 5.1), and no CR, LF, NUL
  // or other control byte but HTAB in the value (5.5). A client would otherwise put other fields on the wire.
  REQPROBE_HOT bool header_well_formed(const Header& header) {
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

  REQPROBE_HOT void check_headers(const Operation& op, const Request& request) {
    if (request.headers.size() > options_.limits.max_headers) {
      fatal(Code::limit, Location::header, "",
            [&] { return "more than " + std::to_string(options_.limits.max_headers) + " header fields"; });
      return;
    }
    s_.cookies.clear();
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
      if (well_formed && iequals(header.name, "cookie")) read_cookies(value);
      const std::uint32_t index = find_parameter(op, Location::header, header.name);
      if (index == kNone) continue;  // HTTP carries many headers; only declared ones are checked
      const Parameter& parameter = op.parameters[index];
      if (seen(index)) {
        error(Code::duplicate, Location::header, parameter.name, [] { return std::string("header repeated"); });
        continue;
      }
      mark(index);
      if (!well_formed) continue;  // already reported; its length and form mean nothing
      if (header.value.size() > options_.limits.max_header_bytes) {
        fatal(Code::limit, Location::header, parameter.name, [&] {
          return "header value longer than " + std::to_string(options_.limits.max_header_bytes) + " bytes";
        });
        return;
      }
      const ValueShape shape = parameter.content ? ValueShape::primitive : runtime_.shape(parameter.node);
      if (!split_path_value(parameter, shape, value, s_.pieces)) {  // only objects fail: pairs that are not pairs
        not_an_object(parameter);
        if (sink_.stopped()) return;
        continue;
      }
      check_items(parameter, s_.pieces, false);
      if (sink_.stopped()) return;
    }
    check_cookies(op);
    report_missing(op, Location::header);
    report_missing(op, Location::cookie);
    check_security(op, request);
  }

  // "a=1; b=2" (RFC 6265 4.2.1), every Cookie field together.
  void read_cookies(std::string_view value) {
    while (!value.empty()) {
      const std::size_t semicolon = value.find(';');
      const std::string_view pair = trim_ows(value.substr(0, semicolon));
      value = semicolon == std::string_view::npos ? std::string_view() : value.substr(semicolon + 1);
      const std::size_t equals = pair.find('=');
      if (pair.empty() || equals == std::string_view::npos) continue;
      s_.cookies.emplace_back(trim_ows(pair.substr(0, equals)), trim_ows(pair.substr(equals + 1)));
    }
  }

  void check_cookies(const Operation& op) {
    for (const auto& [name, value] : s_.cookies) {
      const std::uint32_t index = find_parameter(op, Location::cookie, name);
      if (index == kNone) continue;
      const Parameter& p = op.parameters[index];
      if (seen(index)) {
        error(Code::duplicate, Location::cookie, p.name, [] { return std::string("cookie repeated"); });
        continue;
      }
      mark(index);
      const ValueShape shape = p.content ? ValueShape::primitive : runtime_.shape(p.node);
      split_delimited(p, shape, value, s_.pieces);
      check_items(p, s_.pieces, false);
      if (sink_.stopped()) return;
    }
  }

  REQPROBE_HOT void check_security(const Operation& op, const Request& request) {
    if (op.security.empty() || sink_.stopped()) return;
    s_.query_names.clear();
    if (facts_->query_credentials)  // only a query apiKey reads them
      for (std::size_t k = 0; k < s_.query_count; ++k)
        if (!s_.query[k].bad_name) s_.query_names.push_back(s_.query[k].name());
    const CredentialSources sources{request.headers, s_.query_names, s_.cookies};
    const SecurityVerdict verdict = detail::check_security(plan_, op, sources);
    if (verdict.met) return;
    error(Code::required, verdict.location, verdict.pointer, [&] { return verdict.message; });
  }

  REQPROBE_HOT void report_missing(const Operation& op, Location in) {
    for (const std::uint32_t i : facts_->required[static_cast<std::size_t>(in)]) {
      if (sink_.stopped()) return;
      const Parameter& parameter = op.parameters[i];
      if (seen(i)) continue;
      error(Code::required, in, parameter.name,
            [&] { return "required " + std::string(location_name(in)) + " '" + parameter.name + "' is missing"; });
    }
  }

  // ---- body ------------------------------------------------------------------------------------------------------

  REQPROBE_HOT void check_body(const Operation& op, const Request& request) {
    const bool has_body = request.body.has_value() && !request.body->empty();
    if (!has_body) {
      if (op.body_required) {
        error(Code::required, Location::body, "", [] { return std::string("request body is required"); });
      } else if (op.has_absent_body_as && op.body != kNone) {
        validate_json_body<kCollect>(contract_, options_, s_, sink_, op.body, op.absent_body_as);
      }
      return;
    }
    if (!op.has_body) {
      error(Code::content_type, Location::body, "", [] { return std::string("this operation takes no body"); });
      return;
    }
    MediaType type;
    MediaChoice choice;
    if (content_type_seen_ && content_type_ok_) choice = choose(op, type);
    if (!content_type_seen_) {
      error(Code::content_type, Location::header, "content-type",
            [] { return std::string("a body needs a Content-Type header"); });
    } else if (content_type_ok_ && (choice.index == kNone || !parameters_fit(choice.kind, type))) {
      error(Code::content_type, Location::header, "content-type", [&] {
        std::string allowed;
        for (const std::string& t : op.media_types) allowed += (allowed.empty() ? "" : ", ") + t;
        return "Content-Type is not supported; use " + allowed +
               (choice.index != kNone && choice.kind == BodyKind::json
                    ? std::string(" (its only parameter may be charset=utf-8)")
                    : std::string());
      });
    }
    if (sink_.stopped()) return;
    // Without a usable Content-Type the body is still read as the first declared media type, so its own problems
    // are reported too.
    if (choice.index == kNone) {
      choice.index = 0;
      choice.kind = op.bodies.front().kind;
    }
    const MediaBody& media = op.bodies[choice.index];
    const std::uint32_t node = media.node == kNone ? kAny : media.node;
    // JSON bodies meet the size limit in the body engine, with the other safety limits.
    if (choice.kind != BodyKind::json && request.body->size() > options_.limits.max_body_bytes) {
      fatal(Code::limit, Location::body, "", [&] {
        return "body of " + std::to_string(request.body->size()) + " bytes exceeds the limit of " +
               std::to_string(options_.limits.max_body_bytes);
      });
      return;
    }
    switch (choice.kind) {
      case BodyKind::json:
        validate_json_body<kCollect>(contract_, options_, s_, sink_, node, *request.body);
        return;
      case BodyKind::form:
        check_form(media, *request.body);
        return;
      case BodyKind::multipart:
        check_multipart(media, *request.body, type.boundary);
        return;
      case BodyKind::other:
        return;  // presence and size only: reqprobe reads JSON, forms and multipart
    }
  }

  // The declared media type the Content-Type selects; a Content-Type written exactly as a declared JSON type is
  // looked up, any other is parsed (into `type`) and matched.
  MediaChoice choose(const Operation& op, MediaType& type) const {
    for (const Runtime::OperationFacts::DeclaredJson& declared : facts_->declared_json)
      if (same_key(declared.content_type, content_type_)) return declared.choice;
    return parse_media_type(content_type_, type) ? choose_media(op, type) : MediaChoice{};
  }

  // JSON bodies take only a charset=utf-8 parameter; multipart needs its boundary; other types any parameters.
  static bool parameters_fit(BodyKind kind, const MediaType& type) {
    if (kind == BodyKind::json) return !type.other_parameters;
    if (kind == BodyKind::multipart) return !type.boundary.empty();
    return true;
  }

  void check_form(const MediaBody& media, std::string_view body) {
    std::vector<std::string> repeated;
    std::string why;
    if (!form_to_json(plan_, media, body, s_.body_json, repeated, why)) {
      error(Code::encoding, Location::body, "", [&] { return why; });
      return;
    }
    for (const std::string& name : repeated) {
      std::string pointer;
      append_pointer_token(pointer, name);
      error(Code::duplicate, Location::body, pointer, [] { return std::string("form field repeated"); });
    }
    validate_json_body<kCollect>(contract_, options_, s_, sink_, media.node == kNone ? kAny : media.node, s_.body_json);
  }

  // Parts by name: JSON parts (by their own or their encoding's Content-Type, or an object or array schema)
  // through the body engine, text parts through it as JSON strings typed by the schema, binary ones for presence.
  // A property whose schema is an array is sent as one part per item (OpenAPI's multiple files): its parts are
  // gathered, each judged by the items' schema, and counted against minItems and maxItems.
  void check_multipart(const MediaBody& media, std::string_view body, std::string_view boundary) {
    std::vector<Part> parts;
    std::string why;
    if (!parse_multipart(body, boundary, parts, why)) {
      error(Code::syntax, Location::body, "", [&] { return "multipart body: " + why; });
      return;
    }
    const SchemaParts object(plan_, media.node == kNone ? kAny : media.node);  // through allOf (3.1's $ref) too
    std::vector<std::string> names;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const Part& part = parts[i];
      if (std::find(names.begin(), names.end(), part.name) != names.end()) continue;  // judged with the first
      names.push_back(part.name);
      std::string pointer;
      append_pointer_token(pointer, part.name);
      std::uint32_t node = object.property(plan_, part.name);
      if (node == kNone) {
        node = object.additional(plan_);
        if (node == kFalse) {
          report(Code::unknown, Location::body, unknown_severity(), pointer,
                 [] { return std::string("part is not declared by the contract"); });
          continue;
        }
      }
      if (runtime_.shape(node) == ValueShape::array) {
        check_part_items(media, parts, i, node, pointer);
      } else {
        check_part(media, part, node, pointer);
        for (std::size_t j = i + 1; j < parts.size() && !sink_.stopped(); ++j)
          if (parts[j].name == part.name)
            error(Code::duplicate, Location::body, pointer, [] { return std::string("part repeated"); });
      }
      if (sink_.stopped()) return;
    }
    std::vector<std::string_view> missing;
    for (std::size_t i = 0; i < object.count; ++i) {
      const SchemaNode& part_schema = plan_.nodes[object.nodes[i]];
      for (std::uint32_t k = 0; k < part_schema.required_count; ++k) {
        const Property& p = plan_.properties[plan_.lists[part_schema.required_begin + k]];
        if (std::find(names.begin(), names.end(), p.name) != names.end()) continue;
        if (std::find(missing.begin(), missing.end(), p.name) != missing.end()) continue;
        missing.push_back(p.name);
        std::string pointer;
        append_pointer_token(pointer, p.name);
        error(Code::required, Location::body, pointer, [&] { return "required part '" + p.name + "' is missing"; });
      }
    }
  }

  // The parts named like parts[first], each an item of the array schema `node`.
  void check_part_items(const MediaBody& media, const std::vector<Part>& parts, std::size_t first, std::uint32_t node,
                        const std::string& pointer) {
    const SchemaParts array(plan_, node);
    std::uint32_t min_items = 0;
    std::uint32_t max_items = kUnbounded;
    for (std::size_t i = 0; i < array.count; ++i) {
      min_items = std::max(min_items, plan_.nodes[array.nodes[i]].min_items);
      max_items = std::min(max_items, plan_.nodes[array.nodes[i]].max_items);
    }
    std::uint32_t count = 0;
    for (std::size_t j = first; j < parts.size(); ++j) {
      if (parts[j].name != parts[first].name) continue;
      std::string item_pointer = pointer;
      append_pointer_token(item_pointer, std::to_string(count));
      check_part(media, parts[j], array.item(plan_, count), item_pointer);
      ++count;
      if (sink_.stopped()) return;
    }
    if (count < min_items) {
      error(Code::min_items, Location::body, pointer,
            [&] { return std::to_string(count) + " parts, fewer than minItems " + std::to_string(min_items); });
    } else if (max_items != kUnbounded && count > max_items) {
      error(Code::max_items, Location::body, pointer,
            [&] { return std::to_string(count) + " parts, more than maxItems " + std::to_string(max_items); });
    }
  }

  // One part against its schema node: as JSON, as a typed text value, or (binary) for presence only.
  void check_part(const MediaBody& media, const Part& part, std::uint32_t node, const std::string& pointer) {
    std::string content_type = part.content_type;
    for (const PartEncoding& e : media.encodings)
      if (e.property == part.name && !e.content_type.empty() && content_type.empty()) content_type = e.content_type;
    const ValueShape shape = runtime_.shape(node);
    const std::size_t slash = content_type.find('/');
    const bool json =
        (!content_type.empty() &&
         body_kind_of(std::string_view(content_type).substr(0, slash),
                      slash == std::string::npos ? "" : std::string_view(content_type).substr(slash + 1)) ==
             BodyKind::json) ||
        (content_type.empty() && shape != ValueShape::primitive);
    if (json) {
      validate_json_body<kCollect>(contract_, options_, s_, sink_, node, part.body, Location::body, pointer);
    } else if (content_type.empty() || content_type.rfind("text/", 0) == 0) {
      const std::string_view text = part.body;
      write_value_json(plan_, node, ValueShape::primitive, std::span<const std::string_view>(&text, 1), s_.param_json);
      validate_json_body<kCollect>(contract_, options_, s_, sink_, node, s_.param_json, Location::body, pointer);
    }
  }

  const Contract& contract_;
  const Plan& plan_;
  const Runtime& runtime_;
  const ValidatorOptions& options_;
  Scratch& s_;
  Sink& sink_;
  const Operation* op_ = nullptr;
  const Runtime::OperationFacts* facts_ = nullptr;
  std::uint32_t route_segment_ = 0;  // the template's first segment in s_.route.segments
  TargetShape shape_;
  bool content_type_seen_ = false;
  bool content_type_ok_ = true;  ///< false: the field itself was malformed (reported as encoding)
  std::string_view content_type_;
};

}  // namespace

template <bool kCollect>
REQPROBE_HOT void validate_whole_request(const Contract& contract, const ValidatorOptions& options, Scratch& scratch,
                                         Sink& sink, const Request& request) {
  RequestChecker<kCollect> checker(contract, options, scratch, sink);
  checker.run(request);
}

template void validate_whole_request<true>(const Contract&, const ValidatorOptions&, Scratch&, Sink&, const Request&);
template void validate_whole_request<false>(const Contract&, const ValidatorOptions&, Scratch&, Sink&, const Request&);

}  // namespace reqprobe::detail
