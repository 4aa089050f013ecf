// Writing parameters the way their style says (OpenAPI's style/explode table, as the validator reads it in
// validator/src/engine/parameter_values.cc), credentials from security schemes, and the Cookie header.
#include <algorithm>

#include "suite_builder.h"

namespace reqprobe::gen {
namespace {

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? std::string(separator) : "") + items[i];
  return out;
}

void sync_cookies(RequestParts& parts) {
  std::erase_if(parts.headers, [](const auto& h) { return iequal(h.first, "cookie"); });
  std::string value;
  for (const auto& [name, v] : parts.cookies) value += (value.empty() ? "" : "; ") + name + "=" + v;
  if (!value.empty()) parts.headers.emplace_back("Cookie", value);
}

std::string render_pieces(const Operation& op, const PathSegment& segment, const RequestParts& parts) {
  std::string raw;
  for (const PathPiece& piece : segment.pieces) {
    if (piece.parameter == kNone) {
      raw += piece.literal;
      continue;
    }
    for (const auto& [index, value] : parts.piece_values)
      if (index == piece.parameter) raw += value;
  }
  (void)op;
  return raw;
}

}  // namespace

std::string scalar_text(const Json& value) {
  const std::string& t = value.text;
  if (value.kind != Json::Kind::raw || t.size() < 2 || t.front() != '"') return t;
  std::string out;
  for (std::size_t i = 1; i + 1 < t.size(); ++i) {
    if (t[i] != '\\') {
      out.push_back(t[i]);
      continue;
    }
    const char e = t[++i];
    switch (e) {
      case 'b':
        out.push_back('\b');
        break;
      case 'f':
        out.push_back('\f');
        break;
      case 'n':
        out.push_back('\n');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case 't':
        out.push_back('\t');
        break;
      case 'u': {
        std::uint32_t c = static_cast<std::uint32_t>(std::stoul(t.substr(i + 1, 4), nullptr, 16));
        i += 4;
        if (c >= 0xD800 && c < 0xDC00 && t.compare(i + 1, 2, "\\u") == 0) {
          const auto low = static_cast<std::uint32_t>(std::stoul(t.substr(i + 3, 4), nullptr, 16));
          c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
          i += 6;
        }
        append_utf8(out, static_cast<char32_t>(c));
        break;
      }
      default:
        out.push_back(e);
        break;
    }
  }
  return out;
}

bool classic_parameter(const Plan& plan, const Parameter& p) {
  if (p.node == kNone || p.content || p.in == Location::cookie) return false;
  const SchemaNode& node = plan.nodes[p.node];
  return !node.general && node.kind == NodeKind::string &&
         (p.in != Location::path || p.style == ParameterStyle::simple);
}

std::vector<std::pair<std::string, std::string>> serialize_parameter(const Plan& plan, const Parameter& p,
                                                                     const Json& value) {
  const bool encode = p.in == Location::path || p.in == Location::query;
  auto enc = [&](const std::string& text) { return encode ? percent_encode(text) : text; };
  if (p.content) {
    if (p.in == Location::query) return {{percent_encode(p.name), percent_encode(value.dump())}};
    return {{p.name, enc(value.dump())}};
  }
  std::vector<std::string> items;  // encoded scalars (pairs for objects: key, value, ...)
  enum { primitive, array, object } shape = primitive;
  if (value.kind == Json::Kind::array) {
    shape = array;
    for (const Json& item : value.items) {
      if (item.kind != Json::Kind::raw) return {};
      items.push_back(enc(scalar_text(item)));
    }
  } else if (value.kind == Json::Kind::object) {
    shape = object;
    for (const JsonMember& m : value.members) {
      if (m.value.kind != Json::Kind::raw) return {};
      items.push_back(enc(scalar_text(Json::raw(m.name))));
      items.push_back(enc(scalar_text(m.value)));
    }
  } else {
    items.push_back(enc(scalar_text(value)));
  }
  (void)plan;
  auto pairs = [&](std::string_view inner, std::string_view between) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i + 1 < items.size(); i += 2) out.push_back(items[i] + std::string(inner) + items[i + 1]);
    return join(out, between);
  };
  const std::string name = p.in == Location::query ? percent_encode(p.name) : p.name;
  switch (p.in) {
    case Location::query: {
      std::vector<std::pair<std::string, std::string>> out;
      if (shape == primitive) return {{name, items[0]}};
      if (p.style == ParameterStyle::deep_object && shape == object) {
        for (std::size_t i = 0; i + 1 < items.size(); i += 2)
          out.emplace_back(name + "[" + items[i] + "]", items[i + 1]);
        return out;
      }
      if (p.style == ParameterStyle::form && p.explode) {
        if (shape == array)
          for (const std::string& item : items) out.emplace_back(name, item);
        if (shape == object)
          for (std::size_t i = 0; i + 1 < items.size(); i += 2) out.emplace_back(items[i], items[i + 1]);
        return out;
      }
      const std::string_view separator = p.style == ParameterStyle::space_delimited  ? "%20"
                                         : p.style == ParameterStyle::pipe_delimited ? "|"
                                                                                     : ",";
      return {{name, join(items, separator)}};
    }
    case Location::path:
      switch (p.style) {
        case ParameterStyle::label:
          if (shape == object && p.explode) return {{"", "." + pairs("=", ".")}};
          return {{"", "." + join(items, shape == array && p.explode ? "." : ",")}};
        case ParameterStyle::matrix:
          if (shape == primitive) return {{"", ";" + p.name + "=" + items[0]}};
          if (shape == object && p.explode) return {{"", ";" + pairs("=", ";")}};
          if (shape == array && p.explode) {
            std::string out;
            for (const std::string& item : items) out += ";" + p.name + "=" + item;
            return {{"", out}};
          }
          return {{"", ";" + p.name + "=" + join(items, ",")}};
        default:
          break;
      }
      [[fallthrough]];
    default:  // header, cookie and simple paths
      if (shape == object && p.explode && p.in != Location::cookie) return {{p.name, pairs("=", ",")}};
      return {{p.name, join(items, ",")}};
  }
}

void set_parameter(const Operation& op, std::uint32_t index, const Plan& plan, RequestParts& parts,
                   const std::vector<std::pair<std::string, std::string>>& serialized) {
  (void)plan;
  remove_parameter(op, index, parts);
  const Parameter& p = op.parameters[index];
  switch (p.in) {
    case Location::path: {
      const std::string raw = serialized.empty() ? std::string() : serialized.front().second;
      std::erase_if(parts.piece_values, [&](const auto& v) { return v.first == index; });
      parts.piece_values.emplace_back(index, raw);
      for (std::size_t i = 0; i < op.segments.size() && i < parts.path_raw.size(); ++i) {
        if (op.segments[i].parameter == index) parts.path_raw[i] = raw;
        for (const PathPiece& piece : op.segments[i].pieces)
          if (piece.parameter == index) parts.path_raw[i] = render_pieces(op, op.segments[i], parts);
      }
      return;
    }
    case Location::query:
      for (const auto& [name, value] : serialized) {
        parts.query_raw.emplace_back(name, value);
        parts.query_names.emplace_back(index, name);
      }
      return;
    case Location::header:
      for (const auto& [name, value] : serialized) parts.headers.emplace_back(title_case(p.name), value);
      return;
    case Location::cookie:
      for (const auto& [name, value] : serialized) parts.cookies.emplace_back(p.name, value);
      sync_cookies(parts);
      return;
    default:
      return;
  }
}

void remove_parameter(const Operation& op, std::uint32_t index, RequestParts& parts) {
  const Parameter& p = op.parameters[index];
  switch (p.in) {
    case Location::query: {
      std::vector<std::string> names;
      for (const auto& [owner, name] : parts.query_names)
        if (owner == index) names.push_back(name);
      names.push_back(percent_encode(p.name));
      std::erase_if(parts.query_raw,
                    [&](const auto& q) { return std::find(names.begin(), names.end(), q.first) != names.end(); });
      std::erase_if(parts.query_names, [&](const auto& q) { return q.first == index; });
      return;
    }
    case Location::header:
      std::erase_if(parts.headers, [&](const auto& h) { return iequal(h.first, p.name); });
      return;
    case Location::cookie:
      std::erase_if(parts.cookies, [&](const auto& c) { return c.first == p.name; });
      sync_cookies(parts);
      return;
    default:
      return;
  }
}

std::string credential_value(const SecurityScheme& scheme) {
  switch (scheme.type) {
    case SecurityScheme::Type::http_basic:
      return "Basic cmVxcHJvYmU6c2VjcmV0";  // reqprobe:secret
    case SecurityScheme::Type::http_bearer:
    case SecurityScheme::Type::oauth2:
    case SecurityScheme::Type::open_id_connect:
      return "Bearer reqprobe-token";
    case SecurityScheme::Type::http_other:
      return scheme.http_scheme + " reqprobe-credential";
    default:
      break;
  }
  static constexpr char kDigits[] = "20261127120000";
  std::string value = scheme.prefix;
  std::size_t d = 0;
  for (const char c : scheme.shape) value.push_back(c == '#' ? kDigits[d++ % (sizeof(kDigits) - 1)] : c);
  if (scheme.shape.empty()) value += "reqprobe-key";
  return value;
}

void add_credentials(const Plan& plan, const Operation& op, RequestParts& parts) {
  if (op.security.empty()) return;
  for (const std::uint32_t s : op.security.front()) {
    const SecurityScheme& scheme = plan.schemes[s];
    if (scheme.type == SecurityScheme::Type::mutual_tls) continue;
    const bool api_key = scheme.type == SecurityScheme::Type::api_key;
    const Location in = api_key ? scheme.in : Location::header;
    const std::string name = api_key ? scheme.name : "authorization";
    if (in == Location::header) {
      if (std::none_of(parts.headers.begin(), parts.headers.end(),
                       [&](const auto& h) { return iequal(h.first, name); }))
        parts.headers.emplace_back(title_case(name), credential_value(scheme));
    } else if (in == Location::query) {
      if (std::none_of(parts.query_raw.begin(), parts.query_raw.end(),
                       [&](const auto& q) { return q.first == percent_encode(name); }))
        parts.query_raw.emplace_back(percent_encode(name), percent_encode(credential_value(scheme)));
    } else if (in == Location::cookie) {
      if (std::none_of(parts.cookies.begin(), parts.cookies.end(), [&](const auto& c) { return c.first == name; })) {
        parts.cookies.emplace_back(name, credential_value(scheme));
        sync_cookies(parts);
      }
    }
  }
}

}  // namespace reqprobe::gen
