#include "yaml_reader.h"

#include <libfyaml.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <unordered_set>
#include <vector>

#include "../utf8.h"

namespace reqprobe::doc {
namespace {

std::string_view token_text(fy_token* token) {
  if (token == nullptr) return {};
  std::size_t length = 0;
  const char* text = fy_token_get_text(token, &length);
  return text == nullptr ? std::string_view() : std::string_view(text, length);
}

// A single-quoted scalar's value from its text between the quotes (YAML 1.2 7.3.2): '' is one quote, and line
// breaks fold (one break with the spaces around it is a space, n breaks are n-1 newlines). Why not libfyaml's
// fy_token_get_text: 0.7.12 leaks the buffer it builds for a scalar with five or more '' escapes (schema_fuzzer
// found it), and its token iterator miscounts them.
std::string single_quoted_value(std::string_view raw) {
  std::string out;
  for (std::size_t i = 0; i < raw.size();) {
    const char c = raw[i];
    if (c == '\'' && i + 1 < raw.size() && raw[i + 1] == '\'') {
      out.push_back('\'');
      i += 2;
    } else if (c == '\n' || c == '\r') {
      while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
      std::size_t breaks = 0;
      for (; i < raw.size() && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n' || raw[i] == '\r'); ++i)
        if (raw[i] == '\n' || (raw[i] == '\r' && (i + 1 == raw.size() || raw[i + 1] != '\n'))) ++breaks;
      out.append(breaks == 1 ? std::string(" ") : std::string(breaks - 1, '\n'));
    } else {
      out.push_back(c);
      ++i;
    }
  }
  return out;
}

bool all_of(std::string_view s, std::string_view allowed) {
  return !s.empty() && s.find_first_not_of(allowed) == std::string_view::npos;
}

// Digits in `base` (8 or 16) as a decimal digit string: arbitrary length, schoolbook multiply-and-add.
std::string to_decimal(std::string_view digits, unsigned base) {
  std::vector<unsigned char> decimal{0};  // little-endian decimal digits
  for (const char c : digits) {
    unsigned carry = static_cast<unsigned>(c >= 'a' ? c - 'a' + 10 : c >= 'A' ? c - 'A' + 10 : c - '0');
    for (unsigned char& d : decimal) {
      const unsigned v = d * base + carry;
      d = static_cast<unsigned char>(v % 10);
      carry = v / 10;
    }
    while (carry != 0) {
      decimal.push_back(static_cast<unsigned char>(carry % 10));
      carry /= 10;
    }
  }
  while (decimal.size() > 1 && decimal.back() == 0) decimal.pop_back();
  std::string out;
  for (auto it = decimal.rbegin(); it != decimal.rend(); ++it) out.push_back(static_cast<char>('0' + *it));
  return out;
}

// A YAML 1.2 core-schema number as a JSON number lexeme; false when `s` is not one.
bool json_number(std::string_view s, std::string& out, bool& nonfinite) {
  nonfinite = false;
  std::string_view body = s;
  std::string sign;
  if (!body.empty() && (body.front() == '-' || body.front() == '+')) {
    if (body.front() == '-') sign = "-";
    body.remove_prefix(1);
  }
  if (body == ".inf" || body == ".Inf" || body == ".INF" || s == ".nan" || s == ".NaN" || s == ".NAN") {
    if ((s.front() == '+' || s.front() == '-') && body.substr(0, 2) == ".n") return false;
    nonfinite = true;
    out.assign(s);
    return true;
  }
  if (s.size() > 2 && s[0] == '0' && s[1] == 'o' && all_of(s.substr(2), "01234567")) {
    out = to_decimal(s.substr(2), 8);
    return true;
  }
  if (s.size() > 2 && s[0] == '0' && s[1] == 'x' && all_of(s.substr(2), "0123456789abcdefABCDEF")) {
    out = to_decimal(s.substr(2), 16);
    return true;
  }
  // [0-9]+ ( "." [0-9]* )? or "." [0-9]+, then an optional exponent.
  std::size_t i = 0;
  std::string integer_part, fraction;
  while (i < body.size() && body[i] >= '0' && body[i] <= '9') integer_part.push_back(body[i++]);
  bool has_point = false;
  if (i < body.size() && body[i] == '.') {
    has_point = true;
    ++i;
    while (i < body.size() && body[i] >= '0' && body[i] <= '9') fraction.push_back(body[i++]);
  }
  if (integer_part.empty() && fraction.empty()) return false;
  std::string exponent;
  if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    exponent = "e";
    ++i;
    if (i < body.size() && (body[i] == '+' || body[i] == '-')) exponent.push_back(body[i++]);
    const std::size_t digits = i;
    while (i < body.size() && body[i] >= '0' && body[i] <= '9') exponent.push_back(body[i++]);
    if (i == digits) return false;
  }
  if (i != body.size()) return false;
  const std::size_t first = integer_part.find_first_not_of('0');
  integer_part = first == std::string::npos ? "0" : integer_part.substr(first);
  out = sign + integer_part;
  if (has_point) out += "." + (fraction.empty() ? std::string("0") : fraction);
  out += exponent;
  return true;
}

class YamlReader {
 public:
  YamlReader(Document& doc, ParseError& error) : doc_(doc), error_(error) {}

  bool run() {
    fy_diag_cfg diag_cfg;
    fy_diag_cfg_default(&diag_cfg);
    diag_cfg.fp = nullptr;
    diag_cfg.output_fn = [](fy_diag*, void*, const char*, std::size_t) {};  // errors are collected, never printed
    diag_cfg.colorize = false;
    std::unique_ptr<fy_diag, void (*)(fy_diag*)> diag(fy_diag_create(&diag_cfg), fy_diag_destroy);
    if (!diag) return fail(0, "cannot create the YAML parser's diagnostics");
    fy_diag_set_collect_errors(diag.get(), true);
    fy_parse_cfg cfg{};
    cfg.flags = static_cast<fy_parse_cfg_flags>(FYPCF_QUIET | FYPCF_COLLECT_DIAG | FYPCF_DEFAULT_VERSION_1_2 |
                                                FYPCF_JSON_NONE | FYPCF_DISABLE_MMAP_OPT);
    cfg.diag = diag.get();
    std::unique_ptr<fy_parser, void (*)(fy_parser*)> parser(fy_parser_create(&cfg), fy_parser_destroy);
    if (!parser) return fail(0, "cannot create the YAML parser");
    const std::string& text = doc_.source().text();
    // YAML is Unicode text (YAML 1.2 5.2). Checked first and here: libfyaml 0.7.12 loops for ever on some invalid
    // bytes (a directive name holding 0x92, found by schema_fuzzer), and a string holding them would pass.
    for (std::size_t i = 0; i < text.size();) {
      const auto byte = static_cast<unsigned char>(text[i]);
      if (byte < 0x80) {
        ++i;
        continue;
      }
      const std::size_t length =
          detail::utf8_sequence_length(reinterpret_cast<const unsigned char*>(text.data()), i, text.size());
      if (length == 0) return fail(static_cast<std::uint32_t>(i), "YAML: the text is not valid UTF-8 here");
      i += length;
    }
    normalise_line_breaks(text);
    if (fy_parser_set_string(parser.get(), text_.data(), text_.size()) != 0) return fail(0, "cannot read the text");
    diag_ = diag.get();
    while (true) {
      fy_event* raw = fy_parser_parse(parser.get());
      if (raw == nullptr) break;
      std::unique_ptr<fy_event, std::function<void(fy_event*)>> event(
          raw, [p = parser.get()](fy_event* e) { fy_parser_event_free(p, e); });
      if (!handle(*raw)) return false;
    }
    if (fy_parser_get_stream_error(parser.get())) return syntax_error();
    if (documents_ == 0) return fail(0, "the text holds no YAML document");
    doc_.set_root(root_);
    return true;
  }

 private:
  struct Frame {
    Node* node = nullptr;
    bool has_key = false;  ///< mappings: the next scalar/value completes a member
    std::string key;
    std::uint32_t key_offset = 0;
    bool key_is_merge = false;
    std::unordered_set<std::string> keys;
    std::vector<const Node*> merges;  ///< values of `<<` keys, applied when the mapping closes
    std::string anchor;
  };

  bool fail(std::uint32_t offset, std::string message) {
    error_.offset = offset;
    error_.message = std::move(message);
    return false;
  }

  bool syntax_error() {
    void* iterator = nullptr;
    if (fy_diag_error* e = fy_diag_errors_iterate(diag_, &iterator); e != nullptr) {
      const std::string message = e->msg != nullptr ? e->msg : "YAML syntax error";
      // The token the error is about gives the exact offset; otherwise the reported line and column.
      if (e->fyt != nullptr) {
        if (const fy_mark* mark = fy_token_start_mark(e->fyt); mark != nullptr)
          return fail(source_offset(mark->input_pos), "YAML: " + message);
      }
      return fail(offset_of(e->line, e->column), "YAML: " + message);
    }
    return fail(0, "YAML syntax error");
  }

  // libfyaml 0.7.12 leaks 512 bytes in fy_token_get_text for a quoted scalar spanning several CR LF line breaks
  // (reproduced with libfyaml alone; found by suite_fuzzer under LeakSanitizer). YAML reads CR LF and a lone CR as
  // LF (YAML 1.2 5.4), so the parser gets that text: CR LF becomes LF (removed_ keeps where, to map positions back
  // to the source) and a lone CR becomes LF in place. Text without CR is parsed as it is.
  void normalise_line_breaks(const std::string& source) {
    if (source.find('\r') == std::string::npos) {
      text_ = source;
      return;
    }
    normalised_.reserve(source.size());
    for (std::size_t i = 0; i < source.size(); ++i) {
      if (source[i] != '\r') {
        normalised_.push_back(source[i]);
      } else if (i + 1 < source.size() && source[i + 1] == '\n') {
        removed_.push_back(static_cast<std::uint32_t>(normalised_.size()));
      } else {
        normalised_.push_back('\n');
      }
    }
    text_ = normalised_;
  }

  /// The source offset of an offset into the parsed text (text_).
  std::uint32_t source_offset(std::size_t parsed) const {
    const auto before = std::upper_bound(removed_.begin(), removed_.end(), parsed) - removed_.begin();
    return static_cast<std::uint32_t>(parsed + static_cast<std::size_t>(before));
  }

  std::uint32_t offset_of(int line, int column) const {
    const std::string_view text = text_;
    std::size_t offset = 0;
    for (int l = 0; l < line && offset < text.size(); ++l) {
      const std::size_t newline = text.find('\n', offset);
      if (newline == std::string::npos) break;
      offset = newline + 1;
    }
    return source_offset(std::min(text.size(), offset + static_cast<std::size_t>(std::max(column, 0))));
  }

  std::uint32_t start_of(fy_event& e) const {
    const fy_mark* mark = fy_event_start_mark(&e);
    return mark == nullptr ? 0 : source_offset(mark->input_pos);
  }

  // The tag, reduced to the core types it names: "" (none), "str", "int", "float", "bool", "null", "map", "seq",
  // or "?" for any other tag.
  static std::string tag_of(fy_token* tag) {
    if (tag == nullptr) return {};
    const std::string_view text = token_text(tag);
    for (const std::string_view prefix : {std::string_view("tag:yaml.org,2002:"), std::string_view("!!")}) {
      if (text.substr(0, prefix.size()) != prefix) continue;
      const std::string_view name = text.substr(prefix.size());
      for (const char* core : {"str", "int", "float", "bool", "null", "map", "seq"})
        if (name == core) return std::string(name);
    }
    if (text == "!") return "str";  // the non-specific tag: a string for scalars
    return "?";
  }

  bool handle(fy_event& e) {
    switch (e.type) {
      case FYET_STREAM_START:
      case FYET_STREAM_END:
      case FYET_DOCUMENT_END:
        return true;
      case FYET_DOCUMENT_START:
        if (++documents_ > 1) return fail(start_of(e), "the text holds more than one YAML document");
        return true;
      case FYET_MAPPING_START:
      case FYET_SEQUENCE_START: {
        const bool mapping = e.type == FYET_MAPPING_START;
        const std::string tag = tag_of(mapping ? e.mapping_start.tag : e.sequence_start.tag);
        if (!tag.empty() && tag != (mapping ? "map" : "seq"))
          return fail(token_start(mapping ? e.mapping_start.tag : e.sequence_start.tag, start_of(e)),
                      "the tag of this " + std::string(mapping ? "mapping" : "sequence") +
                          " is not supported (only the YAML core tags are)");
        if (stack_.size() >= kMaxNesting)
          return fail(start_of(e), "nested deeper than " + std::to_string(kMaxNesting) + " levels");
        if (!stack_.empty() && stack_.back().node->kind == Kind::object && !stack_.back().has_key)
          return fail(start_of(e), "a mapping key must be a scalar");
        Node& node = doc_.make(mapping ? Kind::object : Kind::array, start_of(e));
        Frame frame;
        frame.node = &node;
        frame.anchor = std::string(token_text(mapping ? e.mapping_start.anchor : e.sequence_start.anchor));
        if (!frame.anchor.empty()) open_anchors_.insert(frame.anchor);
        stack_.push_back(std::move(frame));
        return true;
      }
      case FYET_MAPPING_END:
      case FYET_SEQUENCE_END: {
        Frame frame = std::move(stack_.back());
        stack_.pop_back();
        if (frame.node->kind == Kind::object && !apply_merges(frame)) return false;
        if (!frame.anchor.empty()) {
          open_anchors_.erase(frame.anchor);
          anchors_[frame.anchor] = frame.node;
        }
        return add(frame.node);
      }
      case FYET_SCALAR:
        return scalar(e);
      case FYET_ALIAS: {
        const std::string name(token_text(e.alias.anchor));
        if (open_anchors_.count(name) != 0)
          return fail(start_of(e), "alias *" + name + " refers to a node that contains it (a recursive structure)");
        const auto it = anchors_.find(name);
        if (it == anchors_.end()) return fail(start_of(e), "alias *" + name + " has no anchor before it");
        if (!stack_.empty() && stack_.back().node->kind == Kind::object && !stack_.back().has_key)
          return fail(start_of(e), "a mapping key must be a scalar, not an alias");
        return add(it->second);
      }
      default:
        return true;
    }
  }

  std::uint32_t token_start(fy_token* token, std::uint32_t otherwise) const {
    const fy_mark* mark = token == nullptr ? nullptr : fy_token_start_mark(token);
    return mark == nullptr ? otherwise : source_offset(mark->input_pos);
  }

  // A scalar's value; single-quoted ones with escapes are read from the source (single_quoted_value says why).
  std::string_view scalar_text(fy_token* token) {
    const fy_mark* start = token == nullptr ? nullptr : fy_token_start_mark(token);
    const fy_mark* end = token == nullptr ? nullptr : fy_token_end_mark(token);
    const std::string_view source = text_;  // the marks are offsets into the parsed text
    // The token's marks hold the text between the quotes.
    if (fy_token_scalar_style(token) == FYSS_SINGLE_QUOTED && start != nullptr && end != nullptr &&
        start->input_pos >= 1 && start->input_pos <= end->input_pos && end->input_pos < source.size() &&
        source[start->input_pos - 1] == '\'' && source[end->input_pos] == '\'') {
      const std::string_view raw(source.data() + start->input_pos, end->input_pos - start->input_pos);
      if (raw.find("''") != std::string_view::npos) {
        unquoted_ = single_quoted_value(raw);
        return unquoted_;
      }
    }
    return token_text(token);
  }

  bool scalar(fy_event& e) {
    const std::uint32_t at = start_of(e);
    const bool plain = fy_token_scalar_style(e.scalar.value) == FYSS_PLAIN;
    const std::string_view text = scalar_text(e.scalar.value);
    const std::string tag = tag_of(e.scalar.tag);
    if (tag == "?" || tag == "map" || tag == "seq")
      return fail(token_start(e.scalar.tag, at),
                  "the tag of this scalar is not supported (only the YAML core tags are)");
    if (!stack_.empty() && stack_.back().node->kind == Kind::object && !stack_.back().has_key) {
      Frame& f = stack_.back();  // a key: its text as written, whatever it looks like (200, true, ~)
      f.key.assign(text);
      f.key_offset = at;
      f.has_key = true;
      f.key_is_merge = plain && text == "<<";
      if (!f.key_is_merge && !f.keys.insert(f.key).second)
        return fail(at, "key '" + f.key + "' repeated in one mapping");
      return true;
    }
    Node& node = doc_.make(Kind::string, at);
    node.text.assign(text);
    if (!resolve_scalar(node, tag, plain)) return fail(at, "'" + std::string(text) + "' is not a valid !!" + tag);
    if (const std::string_view anchor = token_text(e.scalar.anchor); !anchor.empty())
      anchors_[std::string(anchor)] = &node;
    return add(&node);
  }

  // Types a scalar by its tag, or (plain, untagged) by the YAML 1.2 core schema.
  static bool resolve_scalar(Node& node, const std::string& tag, bool plain) {
    const std::string text = node.text;
    if (tag == "str" || (tag.empty() && !plain)) return true;
    const bool any = tag.empty();
    if ((any || tag == "null") && (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL")) {
      node.kind = Kind::null;
      node.text.clear();
      return true;
    }
    if ((any || tag == "bool") &&
        (text == "true" || text == "True" || text == "TRUE" || text == "false" || text == "False" || text == "FALSE")) {
      node.kind = Kind::boolean;
      node.boolean = text[0] == 't' || text[0] == 'T';
      node.text.clear();
      return true;
    }
    if (any || tag == "int" || tag == "float") {
      std::string lexeme;
      bool nonfinite = false;
      if (json_number(text, lexeme, nonfinite)) {
        const bool integer = lexeme.find_first_of(".eE") == std::string::npos && !nonfinite;
        if (tag == "int" && !integer) return false;
        node.kind = Kind::number;
        node.text = std::move(lexeme);
        node.nonfinite = nonfinite;
        return true;
      }
    }
    return any;  // an untagged plain scalar that is nothing else is a string
  }

  // Adds a finished value to the open container, or makes it the root.
  bool add(const Node* value) {
    if (stack_.empty()) {
      root_ = value;
      return true;
    }
    Frame& f = stack_.back();
    if (f.node->kind == Kind::array) {
      f.node->items.push_back(value);
      return true;
    }
    f.has_key = false;
    if (f.key_is_merge) {
      f.merges.push_back(value);
    } else {
      f.node->members.push_back({std::move(f.key), value, f.key_offset});
    }
    return true;
  }

  // `<<: *base` or `<<: [*a, *b]`: members of the merged mappings that the mapping does not set itself, the first
  // merged mapping winning over later ones.
  bool apply_merges(Frame& f) {
    for (const Node* merge : f.merges) {
      std::vector<const Node*> sources;
      if (merge->kind == Kind::object) {
        sources.push_back(merge);
      } else if (merge->kind == Kind::array) {
        sources = merge->items;
      }
      for (const Node* source : sources) {
        if (source->kind != Kind::object) return fail(merge->offset, "a merge key ('<<') takes mappings only");
        for (const Member& m : source->members)
          if (f.keys.insert(m.key).second) f.node->members.push_back(m);
      }
      if (sources.empty()) return fail(merge->offset, "a merge key ('<<') takes a mapping or a list of mappings");
    }
    return true;
  }

  Document& doc_;
  ParseError& error_;
  fy_diag* diag_ = nullptr;
  std::vector<Frame> stack_;
  std::map<std::string, const Node*> anchors_;
  std::set<std::string> open_anchors_;
  std::string unquoted_;   ///< scalar_text's buffer
  std::string_view text_;  ///< the text libfyaml parses: the source, or normalised_
  std::string normalised_;
  std::vector<std::uint32_t> removed_;  ///< offsets in normalised_ where a CR of CR LF was dropped, ascending
  const Node* root_ = nullptr;
  int documents_ = 0;
};

}  // namespace

bool read_yaml(Document& doc, ParseError& error) {
  return YamlReader(doc, error).run();
}

}  // namespace reqprobe::doc
