#include "pattern_sample.h"

#include "json_text.h"

#include <cstdint>
#include <limits>

namespace reqprobe::gen {
namespace {

constexpr unsigned kMaxNesting = 32;
constexpr unsigned kUnbounded = std::numeric_limits<unsigned>::max();

struct Range {
  char32_t lo = 0;
  char32_t hi = 0;
};

// Generates while parsing: each construct writes its sample to `out`.
class Sampler {
 public:
  Sampler(std::string_view p, unsigned stretch, unsigned variant) : p_(p), stretch_(stretch), variant_(variant) {}

  std::optional<std::string> run(std::string& why) {
    std::string out;
    if (!alternation(out, 0) || i_ != p_.size()) {
      why = why_.empty() ? "unbalanced ')'" : why_;
      return std::nullopt;
    }
    return out;
  }

 private:
  bool fail(std::string why) {
    if (why_.empty()) why_ = std::move(why);
    return false;
  }

  // Alternatives: the sample comes from one of them, picked by the variant.
  bool alternation(std::string& out, unsigned depth) {
    if (depth > kMaxNesting) return fail("nesting deeper than " + std::to_string(kMaxNesting));
    std::vector<std::string> branches(1);
    while (true) {
      if (!sequence(branches.back(), depth)) return false;
      if (i_ < p_.size() && p_[i_] == '|') {
        ++i_;
        branches.emplace_back();
        continue;
      }
      break;
    }
    out += branches[variant_ % branches.size()];
    return true;
  }

  bool sequence(std::string& out, unsigned depth) {
    while (i_ < p_.size() && p_[i_] != '|' && p_[i_] != ')') {
      std::string atom_text;
      std::vector<Range> set;
      bool negated = false;
      bool is_set = false;
      const char c = p_[i_];
      if (c == '^' || c == '$') {  // anchors: the sample is the whole string anyway
        ++i_;
        continue;
      }
      if (c == '(') {
        ++i_;
        if (p_.substr(i_, 2) == "?:") {
          i_ += 2;
        } else if (p_.substr(i_, 2) == "?<" && p_.substr(i_, 3) != "?<=" && p_.substr(i_, 3) != "?<!") {
          const std::size_t close = p_.find('>', i_);
          if (close == std::string_view::npos) return fail("an unterminated group name");
          i_ = close + 1;
        } else if (i_ < p_.size() && p_[i_] == '?') {
          return fail("lookaround or an inline flag group");
        }
        if (!alternation(atom_text, depth + 1)) return false;
        if (i_ >= p_.size() || p_[i_] != ')') return fail("an unclosed group");
        ++i_;
        if (!quantified(out, [&](std::string& o, unsigned) {
              o += atom_text;
              return true;
            }))
          return false;
        continue;
      }
      if (c == '[') {
        if (!char_class(set, negated)) return false;
        is_set = true;
      } else if (c == '.') {
        ++i_;
        set.push_back({'a', 'z'});
        is_set = true;
      } else if (c == '\\') {
        if (!escape(set, negated, false)) return false;
        is_set = true;
      } else if (c == '*' || c == '+' || c == '?' || c == '{') {
        if (c == '{' && !looks_like_quantifier()) {
          ++i_;
          set.push_back({'{', '{'});
          is_set = true;
        } else {
          return fail("a quantifier with nothing before it");
        }
      } else {
        const char32_t cp = read_code_point();
        set.push_back({cp, cp});
        is_set = true;
      }
      if (is_set) {
        const std::vector<Range> chosen = set;
        const bool neg = negated;
        if (!quantified(out, [&](std::string& o, unsigned k) { return pick(chosen, neg, k, o); })) return false;
      }
    }
    return true;
  }

  char32_t read_code_point() {
    const auto b = static_cast<unsigned char>(p_[i_]);
    const int width = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t cp = width == 1 ? b : width == 2 ? (b & 0x1F) : width == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < width && i_ + static_cast<std::size_t>(k) < p_.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(p_[i_ + static_cast<std::size_t>(k)]) & 0x3F);
    i_ += static_cast<std::size_t>(width);
    return cp;
  }

  bool looks_like_quantifier() const {
    std::size_t k = i_ + 1;
    bool digit = false;
    while (k < p_.size() && p_[k] >= '0' && p_[k] <= '9') ++k, digit = true;
    return digit && k < p_.size() && (p_[k] == '}' || p_[k] == ',');
  }

  // Reads an optional quantifier after an atom and writes the atom that many times.
  template <class Emit>
  bool quantified(std::string& out, Emit&& emit) {
    unsigned lo = 1, hi = 1;
    if (i_ < p_.size()) {
      const char q = p_[i_];
      if (q == '*') lo = 0, hi = kUnbounded, ++i_;
      if (q == '+') lo = 1, hi = kUnbounded, ++i_;
      if (q == '?') lo = 0, hi = 1, ++i_;
      if (q == '{' && looks_like_quantifier()) {
        ++i_;
        lo = number();
        hi = lo;
        if (i_ < p_.size() && p_[i_] == ',') {
          ++i_;
          hi = i_ < p_.size() && p_[i_] == '}' ? kUnbounded : number();
        }
        if (i_ >= p_.size() || p_[i_] != '}') return fail("a malformed {n,m} quantifier");
        ++i_;
        if (hi < lo) return fail("a {n,m} quantifier with m < n");
      }
      if (i_ < p_.size() && p_[i_] == '?' && !(lo == 1 && hi == 1)) ++i_;  // lazy: same strings
    }
    unsigned count = stretch_ < lo ? lo : stretch_ > hi ? hi : stretch_;
    if (count > 4096) return fail("a quantifier asks for more than 4096 repetitions");
    for (unsigned k = 0; k < count; ++k)
      if (!emit(out, k)) return false;
    return true;
  }

  unsigned number() {
    unsigned n = 0;
    while (i_ < p_.size() && p_[i_] >= '0' && p_[i_] <= '9') {
      if (n < 100000) n = n * 10 + static_cast<unsigned>(p_[i_] - '0');
      ++i_;
    }
    return n;
  }

  // One character of the set (or, negated, one outside it); `k` spreads repeated picks over the set.
  bool pick(const std::vector<Range>& set, bool negated, unsigned k, std::string& out) const {
    if (negated) {
      static constexpr char32_t kPreferred[] = {'a', 'b', 'x', 'z', 'A', 'Q', '0', '7', '_', '-', '~', 0xE9};
      for (const char32_t c : kPreferred) {
        bool inside = false;
        for (const Range& r : set) inside = inside || (c >= r.lo && c <= r.hi);
        if (!inside) {
          append_utf8(out, c);
          return true;
        }
      }
      return false;
    }
    if (set.empty()) return false;
    // Prefer letters and digits when the set offers them: they survive every encoding untouched.
    const unsigned spread = variant_ + k;
    const Range& r = set[spread % set.size()];
    const char32_t width = r.hi - r.lo + 1;
    char32_t c = r.lo + static_cast<char32_t>(spread / set.size()) % width;
    if (c < 0x20 && r.hi >= 'a' && r.lo <= 'a') c = 'a';
    append_utf8(out, c);
    return true;
  }

  bool char_class(std::vector<Range>& set, bool& negated) {
    ++i_;  // '['
    if (i_ < p_.size() && p_[i_] == '^') negated = true, ++i_;
    bool first = true;
    while (i_ < p_.size() && (p_[i_] != ']' || first)) {
      first = false;
      std::vector<Range> item;
      bool item_negated = false;
      char32_t lo = 0;
      bool single = false;
      if (p_[i_] == '\\') {
        if (!escape(item, item_negated, true)) return false;
        if (item_negated) return fail("a negated escape (\\D, \\W, \\S) inside a class");
        single = item.size() == 1 && item[0].lo == item[0].hi;
        if (single) lo = item[0].lo;
      } else {
        lo = read_code_point();
        single = true;
        item.push_back({lo, lo});
      }
      if (single && i_ + 1 < p_.size() && p_[i_] == '-' && p_[i_ + 1] != ']') {
        ++i_;
        char32_t hi = 0;
        if (p_[i_] == '\\') {
          std::vector<Range> end;
          bool end_negated = false;
          if (!escape(end, end_negated, true) || end.size() != 1 || end[0].lo != end[0].hi)
            return fail("a class range ending in a class escape");
          hi = end[0].lo;
        } else {
          hi = read_code_point();
        }
        if (hi < lo) return fail("a class range out of order");
        item.assign(1, {lo, hi});
      }
      set.insert(set.end(), item.begin(), item.end());
    }
    if (i_ >= p_.size()) return fail("an unclosed character class");
    ++i_;  // ']'
    return true;
  }

  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  bool hex_code(std::size_t digits, char32_t& out) {
    out = 0;
    for (std::size_t k = 0; k < digits; ++k) {
      if (i_ >= p_.size() || hex(p_[i_]) < 0) return fail("a malformed hex escape");
      out = out * 16 + static_cast<char32_t>(hex(p_[i_++]));
    }
    return true;
  }

  bool escape(std::vector<Range>& set, bool& negated, bool in_class) {
    ++i_;  // '\\'
    if (i_ >= p_.size()) return fail("a trailing backslash");
    const char e = p_[i_++];
    switch (e) {
      case 'd':
        set.push_back({'0', '9'});
        return true;
      case 'D':
        set.push_back({'0', '9'});
        negated = true;
        return true;
      case 'w':
        set.insert(set.end(), {{'a', 'z'}, {'0', '9'}, {'A', 'Z'}, {'_', '_'}});
        return true;
      case 'W':
        set.insert(set.end(), {{'a', 'z'}, {'0', '9'}, {'A', 'Z'}, {'_', '_'}});
        negated = true;
        return true;
      case 's':
        set.push_back({' ', ' '});
        return true;
      case 'S':
        set.insert(set.end(), {{' ', ' '}, {'\t', '\r'}});
        negated = true;
        return true;
      case 'n':
        set.push_back({'\n', '\n'});
        return true;
      case 't':
        set.push_back({'\t', '\t'});
        return true;
      case 'r':
        set.push_back({'\r', '\r'});
        return true;
      case 'f':
        set.push_back({'\f', '\f'});
        return true;
      case 'v':
        set.push_back({'\v', '\v'});
        return true;
      case '0':
        set.push_back({0, 0});
        return true;
      case 'b':
        if (in_class) {
          set.push_back({'\b', '\b'});
          return true;
        }
        return fail("a word boundary (\\b)");
      case 'B':
        return fail("a non-boundary (\\B)");
      case 'x': {
        char32_t c = 0;
        if (!hex_code(2, c)) return false;
        set.push_back({c, c});
        return true;
      }
      case 'u': {
        char32_t c = 0;
        if (i_ < p_.size() && p_[i_] == '{') {
          ++i_;
          while (i_ < p_.size() && p_[i_] != '}') {
            if (hex(p_[i_]) < 0) return fail("a malformed \\u{...} escape");
            c = c * 16 + static_cast<char32_t>(hex(p_[i_++]));
          }
          ++i_;
        } else if (!hex_code(4, c)) {
          return false;
        }
        set.push_back({c, c});
        return true;
      }
      case 'p':
      case 'P':
        return fail("a Unicode property escape (\\p{...})");
      case 'c':
        return fail("a control escape (\\c)");
      case 'k':
        return fail("a named backreference");
      default:
        if (e >= '1' && e <= '9') return fail("a backreference");
        set.push_back({static_cast<unsigned char>(e), static_cast<unsigned char>(e)});
        return true;
    }
  }

  std::string_view p_;
  std::size_t i_ = 0;
  unsigned stretch_;
  unsigned variant_;
  std::string why_;
};

}  // namespace

std::optional<std::string> pattern_sample(std::string_view pattern, unsigned stretch, unsigned variant,
                                          std::string& why) {
  return Sampler(pattern, stretch, variant).run(why);
}

std::vector<std::string> pattern_miss_candidates(std::string_view pattern) {
  std::vector<std::string> out = {"", "!", "~~~~~~~~", " ", "\xC3\xA9\xC3\xA9"};
  std::string why;
  for (const unsigned stretch : {1u, 4u}) {
    const std::optional<std::string> sample = pattern_sample(pattern, stretch, 0, why);
    if (!sample || sample->empty()) continue;
    std::string changed = *sample;
    changed[0] = '!';
    out.push_back(changed);
    out.push_back(sample->substr(0, sample->size() - 1));
    out.push_back(*sample + "!");
    out.push_back("!" + *sample);
    std::string last = *sample;
    last.back() = '!';
    out.push_back(last);
  }
  return out;
}

}  // namespace reqprobe::gen
