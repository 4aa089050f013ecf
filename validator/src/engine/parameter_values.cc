#include "parameter_values.h"

#include "../http_text.h"
#include "../integer_checks.h"
#include "../placement.h"

namespace reqprobe::detail {
namespace {

void split(std::string_view text, char separator, std::vector<std::string_view>& out) {
  while (true) {
    const std::size_t at = find_byte(text, separator);
    out.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return;
    text = text.substr(at + 1);
  }
}

// "k=v" pieces into k, v.
bool split_pairs(const std::vector<std::string_view>& pieces, std::vector<std::string_view>& items) {
  for (const std::string_view piece : pieces) {
    const std::size_t equals = find_byte(piece, '=');
    if (equals == std::string_view::npos) return false;
    items.push_back(piece.substr(0, equals));
    items.push_back(piece.substr(equals + 1));
  }
  return true;
}

bool is_json_number(std::string_view text) {
  if (text.empty()) return false;
  const NumberLexeme lexeme = scan_number(text.data(), text.size(), 0);
  return lexeme.well_formed && lexeme.end == text.size();
}

// The text as the JSON value it stands for, given the types the checking node allows.
void write_scalar(const Plan& plan, std::uint32_t node, std::string_view text, std::string& out) {
  const std::uint8_t types = SchemaParts(plan, node).types;
  const bool numeric = (types & (type_bits::number | type_bits::integer)) != 0;
  const bool text_ok = (types & type_bits::string) != 0;
  if (numeric && is_json_number(text)) {
    out.append(text);
  } else if ((types & type_bits::boolean) != 0 && (text == "true" || text == "false")) {
    out.append(text);
  } else if ((types & type_bits::null) != 0 && !text_ok && text == "null") {
    out.append(text);
  } else {
    append_json_string(out, text);
  }
}

}  // namespace

namespace {

// Integer is a kind of number: a set that allows numbers allows integers too.
std::uint8_t with_integers(std::uint8_t types) {
  return (types & type_bits::number) != 0 ? static_cast<std::uint8_t>(types | type_bits::integer) : types;
}

}  // namespace

SchemaParts::SchemaParts(const Plan& plan, std::uint32_t node) noexcept {
  if (node >= plan.nodes.size()) return;
  std::uint32_t stack[kMaxParts];
  std::size_t depth = 0;
  stack[depth++] = node;
  std::uint8_t all = with_integers(type_bits::all);
  while (depth > 0 && count < kMaxParts) {
    const std::uint32_t at = stack[--depth];
    if (at >= plan.nodes.size()) continue;
    nodes[count++] = at;
    const SchemaNode& n = plan.nodes[at];
    all = static_cast<std::uint8_t>(all & with_integers(n.types));
    // Pushed in reverse, so the first allOf entry is the next part.
    for (std::uint32_t k = n.all_of_count; k > 0 && depth < kMaxParts; --k)
      stack[depth++] = plan.lists[n.all_of_begin + k - 1];
  }
  types = (all & type_bits::number) != 0 ? static_cast<std::uint8_t>(all & ~type_bits::integer) : all;
}

std::uint32_t SchemaParts::property(const Plan& plan, std::string_view name) const noexcept {
  for (std::size_t i = 0; i < count; ++i) {
    const SchemaNode& n = plan.nodes[nodes[i]];
    for (std::uint32_t k = 0; k < n.properties_count; ++k)
      if (plan.properties[n.properties_begin + k].name == name) return plan.properties[n.properties_begin + k].node;
  }
  return kNone;
}

std::uint32_t SchemaParts::additional(const Plan& plan) const noexcept {
  for (std::size_t i = 0; i < count; ++i)
    if (plan.nodes[nodes[i]].additional == kFalse) return kFalse;
  for (std::size_t i = 0; i < count; ++i)
    if (plan.nodes[nodes[i]].additional != kNone) return plan.nodes[nodes[i]].additional;
  return kAny;
}

std::uint32_t SchemaParts::item(const Plan& plan, std::size_t i) const noexcept {
  for (std::size_t p = 0; p < count; ++p) {
    const SchemaNode& n = plan.nodes[nodes[p]];
    if (i < n.prefix_count) return plan.lists[n.prefix_begin + i];
    if (n.items != kNone) return n.items;
  }
  return kAny;
}

ValueShape shape_of(const Plan& plan, std::uint32_t node) noexcept {
  if (node >= plan.nodes.size()) return ValueShape::primitive;
  const std::uint8_t types = SchemaParts(plan, node).types;
  if (types == type_bits::array) return ValueShape::array;
  if (types == type_bits::object) return ValueShape::object;
  return ValueShape::primitive;
}

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (byte < 0x20) {
      out.append("\\u00");
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 15]);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

REQPROBE_HOT bool split_path_value(const Parameter& p, ValueShape shape, std::string_view raw,
                                   std::vector<std::string_view>& items) {
  items.clear();
  std::vector<std::string_view> pieces;
  switch (p.style) {
    case ParameterStyle::label:
      if (raw.empty() || raw[0] != '.') return false;
      raw.remove_prefix(1);
      if (shape == ValueShape::primitive) {
        items.push_back(raw);
        return true;
      }
      split(raw, p.explode ? '.' : ',', pieces);
      break;
    case ParameterStyle::matrix: {
      if (raw.empty() || raw[0] != ';') return false;
      raw.remove_prefix(1);
      if (shape == ValueShape::object && p.explode) {  // ;R=100;G=200
        split(raw, ';', pieces);
        return split_pairs(pieces, items);
      }
      const std::string prefix = p.name + "=";
      if (shape == ValueShape::array && p.explode) {  // ;id=3;id=4
        split(raw, ';', pieces);
        for (const std::string_view piece : pieces) {
          if (piece.substr(0, prefix.size()) != prefix) return false;
          items.push_back(piece.substr(prefix.size()));
        }
        return true;
      }
      if (raw.substr(0, prefix.size()) != prefix) {
        if (raw != p.name || shape != ValueShape::primitive) return false;
        items.emplace_back();  // ";id": the empty value
        return true;
      }
      raw.remove_prefix(prefix.size());
      if (shape == ValueShape::primitive) {
        items.push_back(raw);
        return true;
      }
      split(raw, ',', pieces);
      break;
    }
    default:  // simple
      if (shape == ValueShape::primitive) {
        items.push_back(raw);
        return true;
      }
      split(raw, ',', pieces);
      if (shape == ValueShape::object && p.explode) return split_pairs(pieces, items);
      break;
  }
  if (shape == ValueShape::object && p.style == ParameterStyle::label && p.explode) return split_pairs(pieces, items);
  items = std::move(pieces);
  if (shape == ValueShape::object && items.size() % 2 != 0) return false;
  return true;
}

REQPROBE_HOT void split_delimited(const Parameter& p, ValueShape shape, std::string_view raw,
                                  std::vector<std::string_view>& items) {
  items.clear();
  if (shape == ValueShape::primitive) {
    items.push_back(raw);
    return;
  }
  if (p.style == ParameterStyle::space_delimited) {
    // The space is written %20 (or, by form encoding habit, '+'): split on both.
    std::size_t start = 0;
    for (std::size_t i = 0; i < raw.size();) {
      const std::size_t width = raw[i] == '+' || raw[i] == ' ' ? 1 : raw.substr(i, 3) == "%20" ? 3 : 0;
      if (width == 0) {
        ++i;
        continue;
      }
      items.push_back(raw.substr(start, i - start));
      i += width;
      start = i;
    }
    items.push_back(raw.substr(start));
    return;
  }
  split(raw, p.style == ParameterStyle::pipe_delimited ? '|' : ',', items);
}

void write_value_json(const Plan& plan, std::uint32_t node, ValueShape shape, std::span<const std::string_view> items,
                      std::string& out) {
  out.clear();
  const SchemaParts parts(plan, node);
  if (shape == ValueShape::primitive) {
    write_scalar(plan, node, items.empty() ? std::string_view() : items[0], out);
    return;
  }
  if (shape == ValueShape::array) {
    out.push_back('[');
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i) out.push_back(',');
      write_scalar(plan, parts.item(plan, i), items[i], out);
    }
    out.push_back(']');
    return;
  }
  out.push_back('{');
  for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
    if (i) out.push_back(',');
    append_json_string(out, items[i]);
    out.push_back(':');
    std::uint32_t value = parts.property(plan, items[i]);
    if (value == kNone) value = parts.additional(plan) == kFalse ? kAny : parts.additional(plan);
    write_scalar(plan, value, items[i + 1], out);
  }
  out.push_back('}');
}

}  // namespace reqprobe::detail
