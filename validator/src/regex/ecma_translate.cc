#include "ecma_translate.h"

#include <cstdint>
#include <cstdio>

namespace reqprobe::regex {
namespace {

// ECMA-262's WhiteSpace and LineTerminator code points (\s), for RE2's character classes.
constexpr const char* kSpaceClass =
    "\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}";
constexpr const char* kLineTerminators = "\\n\\r\\x{2028}\\x{2029}";

struct Alias {
  std::string_view from;
  std::string_view to;
};
// Long General_Category names RE2 does not know, by their short names.
constexpr Alias kCategories[] = {
    {"Letter", "L"},
    {"Cased_Letter", "L"},
    {"Uppercase_Letter", "Lu"},
    {"Lowercase_Letter", "Ll"},
    {"Titlecase_Letter", "Lt"},
    {"Modifier_Letter", "Lm"},
    {"Other_Letter", "Lo"},
    {"Mark", "M"},
    {"Nonspacing_Mark", "Mn"},
    {"Spacing_Mark", "Mc"},
    {"Enclosing_Mark", "Me"},
    {"Number", "N"},
    {"Decimal_Number", "Nd"},
    {"digit", "Nd"},
    {"Letter_Number", "Nl"},
    {"Other_Number", "No"},
    {"Punctuation", "P"},
    {"punct", "P"},
    {"Connector_Punctuation", "Pc"},
    {"Dash_Punctuation", "Pd"},
    {"Open_Punctuation", "Ps"},
    {"Close_Punctuation", "Pe"},
    {"Initial_Punctuation", "Pi"},
    {"Final_Punctuation", "Pf"},
    {"Other_Punctuation", "Po"},
    {"Symbol", "S"},
    {"Math_Symbol", "Sm"},
    {"Currency_Symbol", "Sc"},
    {"Modifier_Symbol", "Sk"},
    {"Other_Symbol", "So"},
    {"Separator", "Z"},
    {"Space_Separator", "Zs"},
    {"Line_Separator", "Zl"},
    {"Paragraph_Separator", "Zp"},
    {"Other", "C"},
    {"Control", "Cc"},
    {"cntrl", "Cc"},
    {"Format", "Cf"},
    {"Private_Use", "Co"},
    {"Unassigned", "Cn"},
    {"Surrogate", "Cs"},
};

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string code_point(std::uint32_t cp) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "\\x{%X}", cp);
  return buffer;
}

class Translator {
 public:
  explicit Translator(std::string_view p) : p_(p) {}

  Translation run() {
    while (i_ < p_.size()) {
      if (!step()) return {false, {}, error_};
    }
    if (depth_ != 0) return fail("unbalanced parenthesis");
    if (in_class_) return fail("unterminated character class");
    return {true, out_, {}};
  }

 private:
  Translation fail(std::string message) { return {false, {}, std::move(message)}; }
  bool error(std::string message) {
    error_ = std::move(message);
    return false;
  }

  // \uXXXX (and a following \uXXXX low surrogate) or \u{X...}: the code point, or -1.
  long read_unicode_escape() {
    if (i_ < p_.size() && p_[i_] == '{') {
      const std::size_t close = p_.find('}', i_);
      if (close == std::string_view::npos || close == i_ + 1 || close - i_ > 7) return -1;
      long cp = 0;
      for (std::size_t k = i_ + 1; k < close; ++k) {
        if (hex(p_[k]) < 0) return -1;
        cp = cp * 16 + hex(p_[k]);
      }
      i_ = close + 1;
      return cp > 0x10FFFF ? -1 : cp;
    }
    if (i_ + 4 > p_.size()) return -1;
    long cp = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      if (hex(p_[i_ + k]) < 0) return -1;
      cp = cp * 16 + hex(p_[i_ + k]);
    }
    i_ += 4;
    if (cp >= 0xD800 && cp <= 0xDBFF && p_.substr(i_, 2) == "\\u" && i_ + 6 <= p_.size()) {
      long low = 0;
      bool ok = true;
      for (std::size_t k = 2; k < 6; ++k) {
        ok = ok && hex(p_[i_ + k]) >= 0;
        if (ok) low = low * 16 + hex(p_[i_ + k]);
      }
      if (ok && low >= 0xDC00 && low <= 0xDFFF) {
        i_ += 6;
        return 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      }
    }
    return cp;
  }

  bool escape() {
    if (i_ >= p_.size()) return error("a pattern cannot end with a backslash");
    const char c = p_[i_++];
    switch (c) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        out_ += '\\';
        out_ += c;  // ASCII in both
        return true;
      case 's':
        out_ += in_class_ ? std::string(kSpaceClass) : "[" + std::string(kSpaceClass) + "]";
        return true;
      case 'S':
        if (in_class_) return error("\\S inside a character class is not supported");
        out_ += "[^" + std::string(kSpaceClass) + "]";
        return true;
      case 'b':
        out_ += in_class_ ? "\\x08" : "\\b";
        return true;
      case 'B':
        out_ += "\\B";
        return true;
      case 't':
        out_ += "\\t";
        return true;
      case 'n':
        out_ += "\\n";
        return true;
      case 'r':
        out_ += "\\r";
        return true;
      case 'f':
        out_ += "\\f";
        return true;
      case 'v':
        out_ += "\\x0B";
        return true;
      case '0':
        if (i_ < p_.size() && p_[i_] >= '0' && p_[i_] <= '9') return error("octal escapes are not ECMA-262 (unicode)");
        out_ += "\\x00";
        return true;
      case 'c': {
        if (i_ >= p_.size() || !((p_[i_] >= 'a' && p_[i_] <= 'z') || (p_[i_] >= 'A' && p_[i_] <= 'Z')))
          return error("\\c needs a letter");
        out_ += code_point(static_cast<std::uint32_t>(p_[i_++]) % 32);
        return true;
      }
      case 'x': {
        if (i_ + 2 > p_.size() || hex(p_[i_]) < 0 || hex(p_[i_ + 1]) < 0) return error("\\x needs two hex digits");
        out_ += code_point(static_cast<std::uint32_t>(hex(p_[i_]) * 16 + hex(p_[i_ + 1])));
        i_ += 2;
        return true;
      }
      case 'u': {
        const long cp = read_unicode_escape();
        if (cp < 0) return error("malformed \\u escape");
        out_ += code_point(static_cast<std::uint32_t>(cp));
        return true;
      }
      case 'p':
      case 'P':
        return property(c);
      case 'k':
        return error("backreference \\k<...>: no linear-time engine can run backreferences");
      default:
        break;
    }
    if (c >= '1' && c <= '9')
      return error(std::string("backreference \\") + c + ": no linear-time engine can run backreferences");
    // Escaped syntax characters stand for themselves.
    if (std::string_view("^$\\.*+?()[]{}|/-").find(c) != std::string_view::npos) {
      if (c == '/') {
        out_ += '/';
      } else {
        out_ += '\\';
        out_ += c;
      }
      return true;
    }
    return error(std::string("unknown escape \\") + c);
  }

  bool property(char which) {
    if (i_ >= p_.size() || p_[i_] != '{') return error("\\p needs {name}");
    const std::size_t close = p_.find('}', i_);
    if (close == std::string_view::npos) return error("unterminated \\p{...}");
    std::string_view name = p_.substr(i_ + 1, close - i_ - 1);
    i_ = close + 1;
    for (const std::string_view prefix : {"Script=", "sc=", "Script_Extensions=", "scx=", "General_Category=", "gc="})
      if (name.substr(0, prefix.size()) == prefix) name.remove_prefix(prefix.size());
    std::string mapped(name);
    for (const Alias& a : kCategories)
      if (a.from == name) mapped = std::string(a.to);
    out_ += '\\';
    out_ += which;
    out_ += "{" + mapped + "}";
    return true;
  }

  bool group() {
    // (  (?:  (?<name>  are kept; lookaround is refused.
    if (p_.substr(i_, 2) == "?=" || p_.substr(i_, 2) == "?!")
      return error("lookahead (?= or (?!: no linear-time engine can run lookaround");
    if (p_.substr(i_, 3) == "?<=" || p_.substr(i_, 3) == "?<!")
      return error("lookbehind (?<= or (?<!: no linear-time engine can run lookaround");
    ++depth_;
    if (p_.substr(i_, 2) == "?:") {
      out_ += "(?:";
      i_ += 2;
    } else if (p_.substr(i_, 2) == "?<") {
      out_ += "(?P<";  // RE2's spelling of a named group
      i_ += 2;
    } else if (i_ < p_.size() && p_[i_] == '?') {
      return error("unknown group syntax (?" + std::string(p_.substr(i_ + 1, 1)) + "...");
    } else {
      out_ += '(';
    }
    return true;
  }

  bool step() {
    const char c = p_[i_++];
    if (in_class_) {
      if (c == ']') {
        in_class_ = false;
        out_ += ']';
      } else if (c == '\\') {
        return escape();
      } else if (c == '[') {
        out_ += "\\[";
      } else {
        out_ += c;
      }
      return true;
    }
    switch (c) {
      case '\\':
        return escape();
      case '.':
        out_ += "[^" + std::string(kLineTerminators) + "]";
        return true;
      case '[':
        if (p_.substr(i_, 2) == "^]") {  // [^]: any character
          out_ += "(?s:.)";
          i_ += 2;
          return true;
        }
        if (i_ < p_.size() && p_[i_] == ']') {  // []: nothing
          out_ += "[^\\x00-\\x{10FFFF}]";
          ++i_;
          return true;
        }
        in_class_ = true;
        out_ += '[';
        if (i_ < p_.size() && p_[i_] == '^') {
          out_ += '^';
          ++i_;
        }
        return true;
      case '(':
        return group();
      case ')':
        if (depth_-- == 0) return error("unbalanced parenthesis");
        out_ += ')';
        return true;
      default:
        out_ += c;
        return true;
    }
  }

  std::string_view p_;
  std::size_t i_ = 0;
  std::string out_;
  std::string error_;
  bool in_class_ = false;
  int depth_ = 0;
};

}  // namespace

Translation translate_ecma(std::string_view pattern) {
  return Translator(pattern).run();
}

bool is_ecma_regex(std::string_view p) {
  // A syntax check: balanced groups and classes, known escapes, quantifiers after something.
  int depth = 0;
  bool in_class = false;
  bool can_quantify = false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\') {
      if (++i >= p.size()) return false;
      const char e = p[i];
      if (e == 'c' && (i + 1 >= p.size() || !((p[i + 1] | 0x20) >= 'a' && (p[i + 1] | 0x20) <= 'z'))) return false;
      // Identity escapes of letters that mean nothing are errors in unicode mode.
      if (((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z')) &&
          std::string_view("dDwWsSbBtnrfvcxupPk").find(e) == std::string_view::npos)
        return false;
      can_quantify = true;
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      continue;
    }
    switch (c) {
      case '[':
        in_class = true;
        can_quantify = true;
        break;
      case '(':
        ++depth;
        can_quantify = false;
        if (p.substr(i + 1, 1) == "?") {
          const std::string_view rest = p.substr(i + 2, 2);
          if (!(rest.substr(0, 1) == ":" || rest.substr(0, 1) == "=" || rest.substr(0, 1) == "!" || rest == "<=" ||
                rest == "<!" || rest.substr(0, 1) == "<"))
            return false;
        }
        break;
      case ')':
        if (--depth < 0) return false;
        can_quantify = true;
        break;
      case '*':
      case '+':
      case '?':
        if (!can_quantify && !(c == '?' && i > 0 && std::string_view("*+?}").find(p[i - 1]) != std::string_view::npos))
          return false;
        can_quantify = false;
        break;
      case '{': {
        const std::size_t close = p.find('}', i);
        // A quantifier {n}, {n,}, {n,m}; anything else is an error in unicode mode.
        if (close == std::string_view::npos) return false;
        const std::string_view body = p.substr(i + 1, close - i - 1);
        if (body.empty() || body.find_first_not_of("0123456789,") != std::string_view::npos || body[0] == ',' ||
            !can_quantify)
          return false;
        i = close;
        can_quantify = false;
        break;
      }
      case '}':
      case ']':
        return false;
      default:
        can_quantify = c != '|' && c != '^' && c != '$';
    }
  }
  return depth == 0 && !in_class;
}

}  // namespace reqprobe::regex
