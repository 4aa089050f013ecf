#include "body_media.h"

#include <algorithm>

#include "parameter_values.h"

namespace reqprobe::detail {

BodyKind body_kind_of(std::string_view type, std::string_view subtype) {
  if (iequals(type, "application") && iequals(subtype, "json")) return BodyKind::json;
  if (subtype.size() > 5 && iequals(subtype.substr(subtype.size() - 5), "+json")) return BodyKind::json;
  if (iequals(type, "application") && iequals(subtype, "x-www-form-urlencoded")) return BodyKind::form;
  if (iequals(type, "multipart")) return BodyKind::multipart;
  return BodyKind::other;
}

MediaChoice choose_media(const Operation& op, const MediaType& type) {
  MediaChoice choice;
  int best = -1;
  for (std::uint32_t i = 0; i < op.bodies.size(); ++i) {
    const std::string& declared = op.bodies[i].media_type;
    const std::size_t slash = declared.find('/');
    const std::string_view t = std::string_view(declared).substr(0, slash);
    const std::string_view s =
        slash == std::string::npos ? std::string_view() : std::string_view(declared).substr(slash + 1);
    int score = -1;
    if (t == "*" && s == "*") {
      score = 0;
    } else if (iequals(t, type.type) && s == "*") {
      score = 1;
    } else if (iequals(t, type.type) && s.size() > 1 && s[0] == '*' && type.subtype.size() > s.size() - 1 &&
               iequals(type.subtype.substr(type.subtype.size() - (s.size() - 1)), s.substr(1))) {
      score = 2;  // a structured-syntax range such as application/*+json: any subtype with that suffix
    } else if (iequals(t, type.type) && iequals(s, type.subtype)) {
      score = 3;
    }
    if (score > best) {
      best = score;
      choice.index = i;
    }
  }
  if (choice.index != kNone) {
    // A range reads the body by what the request says it is; an exact type by its declaration.
    choice.kind = best == 3 ? op.bodies[choice.index].kind : body_kind_of(type.type, type.subtype);
  }
  return choice;
}

namespace {

bool form_decode(std::string_view in, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '+') {
      out.push_back(' ');
    } else if (in[i] != '%') {
      out.push_back(in[i]);
    } else {
      std::string one;
      if (i + 2 >= in.size() || !percent_decode(in.substr(i, 3), one)) return false;
      out += one;
      i += 2;
    }
  }
  return true;
}

const PartEncoding* encoding_of(const MediaBody& media, std::string_view property) {
  for (const PartEncoding& e : media.encodings)
    if (e.property == property) return &e;
  return nullptr;
}

}  // namespace

bool form_to_json(const Plan& plan, const MediaBody& media, std::string_view body, std::string& json,
                  std::vector<std::string>& repeated, std::string& error) {
  // name -> decoded values, in first-seen order.
  std::vector<std::pair<std::string, std::vector<std::string>>> fields;
  std::string name, value;
  for (std::string_view rest = body; !rest.empty();) {
    const std::size_t amp = rest.find('&');
    const std::string_view item = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (item.empty()) continue;
    const std::size_t equals = item.find('=');
    if (!form_decode(item.substr(0, equals), name) ||
        !form_decode(equals == std::string_view::npos ? std::string_view() : item.substr(equals + 1), value)) {
      error = "malformed percent-encoding in the form field '" + std::string(item.substr(0, 64)) + "'";
      return false;
    }
    auto it = std::find_if(fields.begin(), fields.end(), [&](const auto& f) { return f.first == name; });
    if (it == fields.end()) {
      fields.emplace_back(name, std::vector<std::string>{value});
    } else {
      it->second.push_back(value);
    }
  }
  const std::uint32_t root = media.node == kNone ? kAny : media.node;
  const SchemaParts object(plan, root);  // the schema and, through allOf (3.1's $ref), its parts
  json = "{";
  std::string scratch;
  for (const auto& [field, values] : fields) {
    std::uint32_t node = object.property(plan, field);
    if (node == kNone) node = object.additional(plan) == kFalse ? kAny : object.additional(plan);
    const ValueShape shape = shape_of(plan, node);
    std::vector<std::string> items;
    if (shape == ValueShape::array) {
      const PartEncoding* e = encoding_of(media, field);
      if (e != nullptr && !e->explode) {  // one value, split by the style's delimiter
        Parameter as_query;
        as_query.style = e->style;
        std::vector<std::string_view> pieces;
        split_delimited(as_query, shape, values.front(), pieces);
        for (const std::string_view p : pieces) items.emplace_back(p);
      } else {
        items = values;
      }
    } else {
      items = {values.front()};
      if (values.size() > 1) repeated.push_back(field);
    }
    if (json.size() > 1) json.push_back(',');
    append_json_string(json, field);
    json.push_back(':');
    const std::vector<std::string_view> views(items.begin(), items.end());
    write_value_json(plan, node, shape == ValueShape::object ? ValueShape::primitive : shape, views, scratch);
    json += scratch;
  }
  json.push_back('}');
  return true;
}

bool parse_multipart(std::string_view body, std::string_view boundary, std::vector<Part>& parts, std::string& error) {
  parts.clear();
  if (boundary.empty() || boundary.size() > 70) {
    error = "the Content-Type has no valid boundary parameter (1 to 70 characters, RFC 2046)";
    return false;
  }
  const std::string delimiter = "--" + std::string(boundary);
  std::size_t at = body.find(delimiter);
  // At the start, or after the preamble's CRLF (one stray byte before it must not reach substr(at - 2)).
  if (at == std::string_view::npos || (at != 0 && (at < 2 || body.substr(at - 2, 2) != "\r\n"))) {
    error = "no boundary line opens the body";
    return false;
  }
  while (true) {
    at += delimiter.size();
    if (body.substr(at, 2) == "--") return true;  // the closing delimiter; what follows is the epilogue
    const std::size_t line_end = body.find("\r\n", at);
    if (line_end == std::string_view::npos) {
      error = "a boundary line does not end with CRLF";
      return false;
    }
    const std::size_t head_end = body.find("\r\n\r\n", line_end);
    const std::size_t next = body.find("\r\n" + delimiter, line_end);
    if (next == std::string_view::npos) {
      error = "the body does not end with the closing boundary --" + std::string(boundary) + "--";
      return false;
    }
    Part part;
    std::string_view head;
    if (head_end != std::string_view::npos && head_end < next) {
      // head_end == line_end: no header lines at all; next < head_end + 4: the blank line is the delimiter's CRLF.
      if (head_end > line_end) head = body.substr(line_end + 2, head_end - line_end - 2);
      part.body = next >= head_end + 4 ? body.substr(head_end + 4, next - head_end - 4) : std::string_view();
    } else if (body.substr(line_end, 4) == "\r\n\r\n" || line_end + 2 == next + 2) {
      part.body = body.substr(line_end + 2, next - line_end - 2);
    } else {
      error = "a part has no blank line after its headers";
      return false;
    }
    for (std::string_view lines = head; !lines.empty();) {
      const std::size_t end = lines.find("\r\n");
      const std::string_view line = lines.substr(0, end);
      lines = end == std::string_view::npos ? std::string_view() : lines.substr(end + 2);
      const std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      const std::string_view field = line.substr(0, colon);
      const std::string_view value = trim_ows(line.substr(colon + 1));
      if (iequals(field, "content-type")) {
        MediaType type;
        if (parse_media_type(value, type)) {
          part.content_type = std::string(type.type) + "/" + std::string(type.subtype);
          for (char& c : part.content_type)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
      } else if (iequals(field, "content-disposition")) {
        // form-data; name="field"; filename="x": the name, quoted or not.
        const std::size_t key = value.find("name=");
        for (std::size_t k = key; k != std::string_view::npos; k = value.find("name=", k + 1)) {
          if (k != 0 && value[k - 1] != ' ' && value[k - 1] != ';') continue;
          std::string_view rest = value.substr(k + 5);
          if (!rest.empty() && rest[0] == '"') {
            const std::size_t close = rest.find('"', 1);
            part.name =
                std::string(rest.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1));
          } else {
            part.name = std::string(rest.substr(0, rest.find(';')));
          }
          break;
        }
      }
    }
    if (part.name.empty()) {
      error = "a part has no Content-Disposition with a name";
      return false;
    }
    parts.push_back(std::move(part));
    at = next + 2;
  }
}

}  // namespace reqprobe::detail
