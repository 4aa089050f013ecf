#include "simple_pattern.h"

#include <bitset>
#include <map>

namespace reqprobe::regex {
namespace {

constexpr std::size_t kMaxPositions = 64;
constexpr std::size_t kMaxStates = 256;
constexpr std::uint32_t kMaxRepeat = 64;

using ByteSet = std::bitset<128>;  // ASCII only: a byte >= 0x80 matches no atom of the subset

enum class Repeat : std::uint8_t { one, optional, any };  // x, x?, x*

struct Item {
  ByteSet bytes;
  Repeat repeat = Repeat::one;
};

ByteSet range(char from, char to) {
  ByteSet set;
  for (int c = from; c <= to; ++c) set.set(static_cast<std::size_t>(c));
  return set;
}

ByteSet digits() {
  return range('0', '9');
}
ByteSet word() {
  return range('a', 'z') | range('A', 'Z') | digits() | range('_', '_');
}

bool ascii(char c) {
  return static_cast<unsigned char>(c) < 0x80;
}

// An escaped character that stands for itself in ECMA-262 (Unicode mode or not): syntax characters and '/', '-'.
bool literal_escape(char c) {
  return std::string_view("^$\\.*+?()[]{}|/-").find(c) != std::string_view::npos;
}

// Parses "\d", "\w" or an escaped punctuation character at s[i] == '\\'; false for anything else (\D, \s, \b, \u...).
bool parse_escape(std::string_view s, std::size_t& i, ByteSet& out) {
  if (i + 1 >= s.size()) return false;
  const char e = s[i + 1];
  if (e == 'd') {
    out = digits();
  } else if (e == 'w') {
    out = word();
  } else if (literal_escape(e)) {
    out.reset();
    out.set(static_cast<std::size_t>(e));
  } else {
    return false;
  }
  i += 2;
  return true;
}

bool parse_class(std::string_view s, std::size_t& i, ByteSet& out) {
  ++i;                                            // '['
  if (i < s.size() && s[i] == '^') return false;  // a negated class matches non-ASCII too
  out.reset();
  bool first = true;
  while (i < s.size() && (s[i] != ']' || first)) {
    if (s[i] == ']' && first) return false;  // "[]" matches nothing in ECMA-262; leave such oddities to RE2
    first = false;
    ByteSet one;
    char low = 0;
    bool single = false;
    if (s[i] == '\\') {
      const char e = i + 1 < s.size() ? s[i + 1] : '\0';
      if (!parse_escape(s, i, one)) return false;
      single = e != 'd' && e != 'w';
      low = e;
    } else if (s[i] == '[') {
      return false;
    } else {
      if (!ascii(s[i])) return false;
      low = s[i++];
      one.set(static_cast<std::size_t>(static_cast<unsigned char>(low)));
      single = true;
    }
    if (single && i + 1 < s.size() && s[i] == '-' && s[i + 1] != ']') {
      ++i;
      char high = 0;
      if (s[i] == '\\') {
        const char e = i + 1 < s.size() ? s[i + 1] : '\0';
        ByteSet ignored;
        if (e == 'd' || e == 'w' || !parse_escape(s, i, ignored)) return false;
        high = e;
      } else {
        if (!ascii(s[i]) || s[i] == '[') return false;
        high = s[i++];
      }
      if (high < low) return false;
      one = range(low, high);
    }
    out |= one;
  }
  if (i >= s.size()) return false;
  ++i;  // ']'
  return true;
}

bool parse_count(std::string_view s, std::size_t& i, std::uint32_t& out) {
  const std::size_t begin = i;
  out = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    out = out * 10 + static_cast<std::uint32_t>(s[i] - '0');
    if (out > kMaxRepeat) return false;
    ++i;
  }
  return i > begin;
}

// The pattern as a flat list of items ({n,m} spelled out as n required and m - n optional copies: the same
// language, as every copy is the same set); false outside the subset.
bool parse(std::string_view s, std::vector<Item>& items, bool& anchored_start, bool& anchored_end) {
  std::size_t i = 0;
  anchored_start = !s.empty() && s[0] == '^';
  if (anchored_start) ++i;
  anchored_end = false;
  while (i < s.size()) {
    const char c = s[i];
    ByteSet atom;
    if (c == '$' && i + 1 == s.size()) {
      anchored_end = true;
      ++i;
      break;
    }
    if (c == '\\') {
      if (!parse_escape(s, i, atom)) return false;
    } else if (c == '[') {
      if (!parse_class(s, i, atom)) return false;
    } else if (!ascii(c) || std::string_view(".^$|()[]{}*+?").find(c) != std::string_view::npos) {
      return false;
    } else {
      atom.set(static_cast<std::size_t>(c));
      ++i;
    }
    std::uint32_t low = 1, high = 1;
    bool unbounded = false;
    if (i < s.size()) {
      if (s[i] == '?') {
        low = 0, ++i;
      } else if (s[i] == '*') {
        low = 0, unbounded = true, ++i;
      } else if (s[i] == '+') {
        unbounded = true, ++i;
      } else if (s[i] == '{') {
        ++i;
        if (!parse_count(s, i, low)) return false;
        high = low;
        if (i < s.size() && s[i] == ',') {
          ++i;
          if (i < s.size() && s[i] == '}') {
            unbounded = true;
          } else if (!parse_count(s, i, high) || high < low) {
            return false;
          }
        }
        if (i >= s.size() || s[i] != '}') return false;
        ++i;
      }
      if (i < s.size() && s[i] == '?') ++i;  // lazy: the same strings match
    }
    for (std::uint32_t k = 0; k < low; ++k) items.push_back({atom, Repeat::one});
    if (unbounded) {
      items.push_back({atom, Repeat::any});
    } else {
      for (std::uint32_t k = low; k < high; ++k) items.push_back({atom, Repeat::optional});
    }
    if (items.size() > kMaxPositions) return false;
  }
  return i == s.size();
}

}  // namespace

std::optional<SimplePattern> SimplePattern::compile(std::string_view source) {
  std::vector<Item> items;
  bool anchored_start = false, anchored_end = false;
  if (!parse(source, items, anchored_start, anchored_end)) return std::nullopt;
  const std::size_t n = items.size();
  // NFA states: 0 is "before the first item", p in 1..n is "item p just matched". suffix_nullable[p]: every item
  // after position p may match nothing.
  std::vector<bool> suffix_nullable(n + 1, true);
  for (std::size_t p = n; p-- > 0;) suffix_nullable[p] = suffix_nullable[p + 1] && items[p].repeat != Repeat::one;
  using Set = std::bitset<kMaxPositions + 1>;
  // The positions reachable from `from` on byte b.
  const auto step = [&](const Set& from, unsigned char b) {
    Set to;
    if (b >= 0x80) return to;
    for (std::size_t p = 0; p <= n; ++p) {
      if (!from[p]) continue;
      if (p >= 1 && items[p - 1].repeat == Repeat::any && items[p - 1].bytes[b]) to.set(p);
      for (std::size_t q = p + 1; q <= n; ++q) {  // the next item, skipping items that may match nothing
        if (items[q - 1].bytes[b]) to.set(q);
        if (items[q - 1].repeat == Repeat::one) break;
      }
    }
    return to;
  };
  const auto accepting = [&](const Set& s) {
    for (std::size_t p = 0; p <= n; ++p)
      if (s[p] && suffix_nullable[p]) return true;
    return false;
  };
  SimplePattern out;
  out.anchored_end_ = anchored_end;
  std::map<std::string, std::uint16_t> ids;  // Set's bits as text: bitset has no ordering of its own
  std::vector<Set> states{Set{}, Set{}};     // 0: dead; 1: start
  states[kStart].set(0);
  ids[states[kStart].to_string()] = kStart;
  out.next_.assign(2 * 256, kDead);
  out.accepting_.assign(2, 0);
  out.accepting_[kStart] = accepting(states[kStart]);
  for (std::size_t current = kStart; current < states.size(); ++current) {
    for (unsigned b = 0; b < 256; ++b) {
      Set to = step(states[current], static_cast<unsigned char>(b));
      if (!anchored_start) to.set(0);  // a match may start at any byte
      if (to.none()) continue;         // dead
      const std::string key = to.to_string();
      auto it = ids.find(key);
      if (it == ids.end()) {
        if (states.size() >= kMaxStates) return std::nullopt;
        it = ids.emplace(key, static_cast<std::uint16_t>(states.size())).first;
        states.push_back(to);
        out.next_.resize(states.size() * 256, kDead);
        out.accepting_.push_back(accepting(to));
      }
      out.next_[current * 256 + b] = it->second;
    }
  }
  return out;
}

}  // namespace reqprobe::regex
