#include "json_reader.h"

#include <tuple>
#include <unordered_set>
#include <vector>

#include "../integer_checks.h"
#include "../json_string.h"

namespace reqprobe::doc {
namespace {

class JsonReader {
 public:
  JsonReader(Document& doc, ParseError& error)
      : doc_(doc), error_(error), data_(doc.source().text().data()), n_(doc.source().text().size()) {}

  bool run() {
    if (n_ >= 3 && std::string_view(data_, 3) == "\xEF\xBB\xBF") pos_ = 3;
    if (n_ > 0xFFFFFFF0u) return fail("the document is larger than 4 GiB");
    skip_ws();
    Node* value = nullptr;
    if (!read_value(value)) return false;
    while (true) {
      if (stack_.empty()) {
        doc_.set_root(value);
        skip_ws();
        return pos_ == n_ || fail("unexpected text after the document's root value");
      }
      Frame& f = stack_.back();
      if (value != nullptr) {  // a value finished: attach it to the open container
        if (f.node->kind == Kind::object) {
          f.node->members.push_back({std::move(f.key), value, f.key_offset});
        } else {
          f.node->items.push_back(value);
        }
        value = nullptr;
        f.fresh = false;
      }
      skip_ws();
      if (pos_ >= n_) return fail(f.node->kind == Kind::object ? "unterminated object" : "unterminated array");
      const char close = f.node->kind == Kind::object ? '}' : ']';
      // A close is looked for only where a comma could stand, so "[1,]" fails when the value after ',' is read.
      if (data_[pos_] == close) {
        ++pos_;
        value = f.node;
        stack_.pop_back();
        continue;
      }
      if (!f.fresh) {
        if (data_[pos_] != ',')
          return fail(f.node->kind == Kind::object ? "expected ',' or '}'" : "expected ',' or ']'");
        ++pos_;
        skip_ws();
      }
      if (f.node->kind == Kind::object && !read_key(f)) return false;
      if (!read_value(value)) return false;
    }
  }

 private:
  struct Frame {
    Node* node = nullptr;
    bool fresh = true;  ///< nothing read since the opening bracket
    std::string key;
    std::uint32_t key_offset = 0;
    std::unordered_set<std::string> keys;  ///< for large objects, so repeats are found in linear time
  };

  bool fail(std::string message) {
    error_.offset = static_cast<std::uint32_t>(pos_);
    error_.message = std::move(message);
    return false;
  }

  void skip_ws() {
    while (pos_ < n_ && (data_[pos_] == ' ' || data_[pos_] == '\n' || data_[pos_] == '\r' || data_[pos_] == '\t'))
      ++pos_;
  }

  bool read_string(std::string& out) {
    const std::size_t start = ++pos_;
    const detail::StringScan scan = detail::scan_string(data_, n_, start);
    if (scan.status != detail::StringScan::Status::ok) {
      pos_ = scan.end;
      return fail(scan.status == detail::StringScan::Status::unterminated   ? "unterminated string"
                  : scan.status == detail::StringScan::Status::control_char ? "unescaped control character in string"
                                                                            : "invalid escape in string");
    }
    if (!scan.encoding_ok) {
      pos_ = start;
      return fail("string is not valid UTF-8 or has a lone surrogate escape");
    }
    out.clear();
    const std::string_view raw(data_ + start, scan.end - 1 - start);
    if (scan.escaped) {
      detail::decode_string(raw, out);
    } else {
      out.assign(raw);
    }
    pos_ = scan.end;
    return true;
  }

  bool read_key(Frame& f) {
    if (pos_ >= n_ || data_[pos_] != '"') return fail("expected a member name");
    f.key_offset = static_cast<std::uint32_t>(pos_);
    if (!read_string(f.key)) return false;
    bool repeated = false;
    if (f.node->members.size() < 16) {
      for (const Member& m : f.node->members) repeated = repeated || m.key == f.key;
    } else {
      if (f.keys.empty())
        for (const Member& m : f.node->members) f.keys.insert(m.key);
      repeated = !f.keys.insert(f.key).second;
    }
    if (repeated) {
      pos_ = f.key_offset;
      return fail("member name '" + f.key + "' repeated in one object");
    }
    skip_ws();
    if (pos_ >= n_ || data_[pos_] != ':') return fail("expected ':'");
    ++pos_;
    skip_ws();
    return true;
  }

  // Reads a scalar into `out`, or opens a container (pushing a frame; `out` stays null until it closes).
  bool read_value(Node*& out) {
    out = nullptr;
    if (pos_ >= n_) return fail("expected a value");
    const auto at = static_cast<std::uint32_t>(pos_);
    const char c = data_[pos_];
    if (c == '{' || c == '[') {
      if (stack_.size() >= kMaxNesting) return fail("nested deeper than " + std::to_string(kMaxNesting) + " levels");
      ++pos_;
      Frame frame;
      frame.node = &doc_.make(c == '{' ? Kind::object : Kind::array, at);
      stack_.push_back(std::move(frame));
      return true;
    }
    if (c == '"') {
      Node& node = doc_.make(Kind::string, at);
      if (!read_string(node.text)) return false;
      out = &node;
      return true;
    }
    for (const auto& [word, kind, value] :
         {std::tuple{"true", Kind::boolean, true}, std::tuple{"false", Kind::boolean, false},
          std::tuple{"null", Kind::null, false}}) {
      const std::string_view w(word);
      if (std::string_view(data_ + pos_, std::min(n_ - pos_, w.size())) == w) {
        pos_ += w.size();
        Node& node = doc_.make(kind, at);
        node.boolean = value;
        out = &node;
        return true;
      }
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      const detail::NumberLexeme lexeme = detail::scan_number(data_, n_, pos_);
      if (!lexeme.well_formed) {
        pos_ = lexeme.end;
        return fail("malformed number");
      }
      Node& node = doc_.make(Kind::number, at);
      node.text.assign(data_ + pos_, lexeme.end - pos_);
      pos_ = lexeme.end;
      out = &node;
      return true;
    }
    return fail("expected a value");
  }

  Document& doc_;
  ParseError& error_;
  const char* data_;
  std::size_t n_;
  std::size_t pos_ = 0;
  std::vector<Frame> stack_;
};

}  // namespace

bool read_json(Document& doc, ParseError& error) {
  return JsonReader(doc, error).run();
}

}  // namespace reqprobe::doc
