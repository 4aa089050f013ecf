#include "request_mutator.h"

#include <algorithm>
#include <random>
#include <string_view>

namespace reqprobe::gen {
namespace {

// Values any parameter must survive: empty, numbers at and past the int64 edges, fractions, other JSON types,
// malformed and meaningful percent-encoding, a long value, a dot segment.
constexpr std::string_view kAnyValue[] = {"",
                                          "0",
                                          "-1",
                                          "9223372036854775807",
                                          "9223372036854775808",
                                          "1.5",
                                          "1e400",
                                          "true",
                                          "null",
                                          "%zz",
                                          "%00",
                                          "%C3%A9",
                                          "%FF",
                                          "%2F",
                                          "..",
                                          "a%20b",
                                          "%F0%9F%98%80"};
// Bytes that break JSON where they land.
constexpr std::string_view kBodyBytes[] = {std::string_view("\0", 1),
                                           "\xFF",
                                           "\"",
                                           "{",
                                           "]",
                                           ",",
                                           "\\u0000",
                                           "\\ud800",
                                           "\xC0\xAF",
                                           "\xED\xA0\x80",
                                           "1e999999",
                                           "\t",
                                           "\x01"};
constexpr std::string_view kContentTypes[] = {"text/plain",
                                              "application/json; charset=utf-8",
                                              "application/json; charset=iso-8859-1",
                                              "application/xml",
                                              "",
                                              "application/json, application/json",
                                              "APPLICATION/JSON",
                                              "application/x-www-form-urlencoded"};
constexpr std::string_view kMethods[] = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"};
constexpr std::size_t kLong = 4096;

class Edit {
 public:
  Edit(const Plan& plan, BodyMutator& body, std::mt19937_64& rng, std::optional<std::uint32_t> operation)
      : plan_(plan), body_(body), rng_(rng), operation_(operation) {}

  // One edit of `c`, named into `edits`.
  void apply(Case& c, std::vector<std::string>& edits) {
    switch (pick(10)) {
      case 0:
      case 1:
      case 2:
        return body(c, edits);
      case 3:
        return body_bytes(c, edits);
      case 4:
      case 5:
        return query(c, edits);
      case 6:
        return path(c, edits);
      case 7:
      case 8:
        return header(c, edits);
      default:
        return pick(4) == 0 ? method(c, edits) : content_type(c, edits);
    }
  }

 private:
  std::size_t pick(std::size_t n) { return n == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }

  [[nodiscard]] const Operation* operation() const {
    return operation_ && *operation_ < plan_.operations.size() ? &plan_.operations[*operation_] : nullptr;
  }

  // A parameter of the operation with this name and location, if declared.
  [[nodiscard]] const Parameter* parameter(Location in, std::string_view name) const {
    const Operation* op = operation();
    if (op == nullptr) return nullptr;
    for (const Parameter& p : op->parameters)
      if (p.in == in && p.name == name) return &p;
    return nullptr;
  }

  // A value at one of the parameter's edges when its schema has them, else one of kAnyValue.
  std::string value_for(const Parameter* p) {
    if (p != nullptr && p->node != kNone && p->node < plan_.nodes.size() && pick(3) != 0) {
      const SchemaNode& n = plan_.nodes[p->node];
      const int step = static_cast<int>(pick(3)) - 1;
      if (n.kind == NodeKind::integer) {
        const std::int64_t bound = pick(2) == 0 ? n.minimum : n.maximum;
        if (n.enum_count != 0 && pick(2) == 0)
          return std::to_string(plan_.enum_integers[n.enum_begin + pick(n.enum_count)] + step);
        if ((bound == INT64_MAX && step > 0) || (bound == INT64_MIN && step < 0)) return std::string(kAnyValue[4]);
        return std::to_string(bound + step);
      }
      if (n.kind == NodeKind::string) {
        if (n.enum_count != 0 && pick(2) == 0) {
          std::string value = plan_.enum_strings[n.enum_begin + pick(n.enum_count)];
          if (step > 0) value += "x";
          if (step < 0 && !value.empty()) value.pop_back();
          return value;
        }
        const std::uint32_t max = n.max_length == kUnbounded ? n.min_length + 16 : n.max_length;
        const std::int64_t length = std::int64_t{pick(2) == 0 ? n.min_length : max} + step;
        if (length >= 0 && length <= static_cast<std::int64_t>(kLong))
          return pick(2) == 0 ? std::string(static_cast<std::size_t>(length), 'a')
                              : repeat("%C3%A9", static_cast<std::size_t>(length));
      }
    }
    if (pick(8) == 0) return std::string(kLong, 'a');
    return std::string(kAnyValue[pick(std::size(kAnyValue))]);
  }

  static std::string repeat(std::string_view unit, std::size_t count) {
    std::string out;
    out.reserve(unit.size() * count);
    for (std::size_t i = 0; i < count; ++i) out += unit;
    return out;
  }

  void body(Case& c, std::vector<std::string>& edits) {
    const Operation* op = operation();
    if (!c.body || op == nullptr || op->body == kNone) return body_bytes(c, edits);
    std::string out;
    if (!body_.mutate(static_cast<unsigned>(rng_()), *c.body, op->body, out)) return body_bytes(c, edits);
    c.body = std::move(out);
    edits.emplace_back("body:structure");
  }

  void body_bytes(Case& c, std::vector<std::string>& edits) {
    if (!c.body || pick(8) == 0) {
      c.body = c.body ? std::nullopt : std::optional<std::string>("{}");
      edits.emplace_back(c.body ? "body:add" : "body:drop");
      return;
    }
    std::string& b = *c.body;
    const std::size_t at = pick(b.size() + 1);
    switch (pick(4)) {
      case 0:
        b.insert(at, kBodyBytes[pick(std::size(kBodyBytes))]);
        edits.emplace_back("body:insert@" + std::to_string(at));
        return;
      case 1:
        b.resize(at);
        edits.emplace_back("body:truncate@" + std::to_string(at));
        return;
      case 2: {
        const std::size_t length = pick(std::min<std::size_t>(b.size() - at, 64) + 1);
        b.insert(at, b.substr(at, length));
        edits.emplace_back("body:duplicate@" + std::to_string(at));
        return;
      }
      default:
        if (at < b.size()) b[at] = static_cast<char>(b[at] ^ (1 << pick(8)));
        edits.emplace_back("body:flip@" + std::to_string(at));
        return;
    }
  }

  void query(Case& c, std::vector<std::string>& edits) {
    const std::size_t question = c.target.find('?');
    const std::string path = c.target.substr(0, question);
    std::vector<std::string> pairs;
    if (question != std::string::npos) {
      std::string_view rest = std::string_view(c.target).substr(question + 1);
      while (!rest.empty()) {
        const std::size_t amp = rest.find('&');
        pairs.emplace_back(rest.substr(0, amp));
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
      }
    }
    const std::size_t which = pick(pairs.size());
    const std::string name = pairs.empty() ? std::string() : pairs[which].substr(0, pairs[which].find('='));
    switch (pairs.empty() ? 3 : pick(5)) {
      case 0:
        pairs.erase(pairs.begin() + static_cast<std::ptrdiff_t>(which));
        edits.emplace_back("query:drop " + name);
        break;
      case 1:
        pairs.push_back(pairs[which]);
        edits.emplace_back("query:repeat " + name);
        break;
      case 2:
        pairs[which] = name;  // no '=': a name without a value
        edits.emplace_back("query:no-value " + name);
        break;
      case 3: {
        const Operation* op = operation();
        std::string added = "reqprobe_fuzz";
        if (op != nullptr && !op->parameters.empty() && pick(2) == 0) {  // a declared one, maybe missing now
          const Parameter& p = op->parameters[pick(op->parameters.size())];
          if (p.in == Location::query) added = p.name;
        }
        pairs.push_back(added + "=" + value_for(parameter(Location::query, added)));
        edits.emplace_back("query:add " + added);
        break;
      }
      default:
        pairs[which] = name + "=" + value_for(parameter(Location::query, name));
        edits.emplace_back("query:value " + name);
        break;
    }
    c.target = path;
    for (std::size_t i = 0; i < pairs.size(); ++i) c.target += (i == 0 ? "?" : "&") + pairs[i];
  }

  // One segment of the path replaced, where a template parameter sits when the operation has one.
  void path(Case& c, std::vector<std::string>& edits) {
    const std::size_t question = c.target.find('?');
    std::string path = c.target.substr(0, question);
    const std::string query = question == std::string::npos ? std::string() : c.target.substr(question);
    std::vector<std::size_t> starts;  // of each segment, after its '/'
    for (std::size_t i = 0; i < path.size(); ++i)
      if (path[i] == '/') starts.push_back(i + 1);
    if (starts.empty()) return query_or_header(c, edits);
    const Operation* op = operation();
    std::size_t chosen = starts[pick(starts.size())];
    const Parameter* param = nullptr;
    if (op != nullptr && !op->segments.empty() && pick(3) != 0) {
      // The template's segments line up with the path's last ones (a base path may come first).
      const std::size_t offset = starts.size() >= op->segments.size() ? starts.size() - op->segments.size() : 0;
      for (std::size_t s = 0; s < op->segments.size() && offset + s < starts.size(); ++s)
        if (op->segments[s].parameter != kNone && op->segments[s].parameter < op->parameters.size()) {
          chosen = starts[offset + s];
          param = &op->parameters[op->segments[s].parameter];
        }
    }
    const std::size_t end = std::min(path.find('/', chosen), path.size());
    std::string value = value_for(param);
    if (value.find('/') != std::string::npos || value.find('?') != std::string::npos) value = "%2F";
    path.replace(chosen, end - chosen, value);
    c.target = path + query;
    edits.emplace_back("path:" + (param != nullptr ? param->name : std::to_string(chosen)));
  }

  void query_or_header(Case& c, std::vector<std::string>& edits) {
    return pick(2) == 0 ? query(c, edits) : header(c, edits);
  }

  void header(Case& c, std::vector<std::string>& edits) {
    auto& h = c.headers;
    const std::size_t which = pick(h.size());
    switch (h.empty() ? 4 : pick(6)) {
      case 0:
        edits.emplace_back("header:drop " + h[which].first);
        h.erase(h.begin() + static_cast<std::ptrdiff_t>(which));
        return;
      case 1:
        h.push_back(h[which]);
        edits.emplace_back("header:repeat " + h[which].first);
        return;
      case 2:
        for (char& ch : h[which].first)
          if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) ch = static_cast<char>(ch ^ 0x20);
        edits.emplace_back("header:case " + h[which].first);
        return;
      case 3: {
        const Parameter* p = parameter(Location::header, h[which].first);
        std::string value = value_for(p);
        if (value.find('%') != std::string::npos && pick(2) == 0) value = "\xC3\xA9";  // raw UTF-8 in a field
        h[which].second = value;
        edits.emplace_back("header:value " + h[which].first);
        return;
      }
      default: {
        const Operation* op = operation();
        std::string name = "X-Reqprobe-Fuzz";
        if (op != nullptr && !op->parameters.empty() && pick(2) == 0) {
          const Parameter& p = op->parameters[pick(op->parameters.size())];
          if (p.in == Location::header) name = p.name;
        }
        h.emplace_back(name, value_for(parameter(Location::header, name)));
        edits.emplace_back("header:add " + name);
        return;
      }
    }
  }

  void content_type(Case& c, std::vector<std::string>& edits) {
    const std::string_view value = kContentTypes[pick(std::size(kContentTypes))];
    auto it = std::find_if(c.headers.begin(), c.headers.end(), [](const auto& field) {
      return field.first.size() == 12 && std::equal(field.first.begin(), field.first.end(), "content-type",
                                                    [](char a, char b) { return (a | 0x20) == b; });
    });
    if (it == c.headers.end()) {
      c.headers.emplace_back("Content-Type", std::string(value));
    } else {
      it->second = std::string(value);
    }
    edits.emplace_back("content-type:" + std::string(value));
  }

  void method(Case& c, std::vector<std::string>& edits) {
    c.method = std::string(kMethods[pick(std::size(kMethods))]);
    edits.emplace_back("method:" + c.method);
  }

  const Plan& plan_;
  BodyMutator& body_;
  std::mt19937_64& rng_;
  std::optional<std::uint32_t> operation_;
};

}  // namespace

RequestMutator::RequestMutator(const Plan& plan) : plan_(plan), body_(plan) {}

Case RequestMutator::mutate(const Case& kase, std::optional<std::uint32_t> operation, std::uint64_t seed,
                            std::vector<std::string>& edits) {
  std::mt19937_64 rng(seed);
  Case mutant = kase;
  mutant.has_expect = false;
  mutant.expect = {};
  Edit edit(plan_, body_, rng, operation);
  // Mostly one edit, so a finding points at one cause; sometimes a few stacked.
  const std::size_t count = std::uniform_int_distribution<std::size_t>(0, 3)(rng) == 0 ? 2 + rng() % 3 : 1;
  for (std::size_t i = 0; i < count; ++i) edit.apply(mutant, edits);
  return mutant;
}

}  // namespace reqprobe::gen
