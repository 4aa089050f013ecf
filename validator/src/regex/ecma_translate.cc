#include "ecma_translate.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "../utf8.h"

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

// ---- the `regex` format: ECMA-262 syntax ----------------------------------------------------------------------

// General_Category values, long and short (ECMA-262 table "Value aliases and canonical values for General_Category").
constexpr std::string_view kGeneralCategories[] = {
    "C",
    "Other",
    "Cc",
    "Control",
    "cntrl",
    "Cf",
    "Format",
    "Cn",
    "Unassigned",
    "Co",
    "Private_Use",
    "Cs",
    "Surrogate",
    "L",
    "Letter",
    "LC",
    "Cased_Letter",
    "Ll",
    "Lowercase_Letter",
    "Lm",
    "Modifier_Letter",
    "Lo",
    "Other_Letter",
    "Lt",
    "Titlecase_Letter",
    "Lu",
    "Uppercase_Letter",
    "M",
    "Mark",
    "Combining_Mark",
    "Mc",
    "Spacing_Mark",
    "Me",
    "Enclosing_Mark",
    "Mn",
    "Nonspacing_Mark",
    "N",
    "Number",
    "Nd",
    "Decimal_Number",
    "digit",
    "Nl",
    "Letter_Number",
    "No",
    "Other_Number",
    "P",
    "Punctuation",
    "punct",
    "Pc",
    "Connector_Punctuation",
    "Pd",
    "Dash_Punctuation",
    "Pe",
    "Close_Punctuation",
    "Pf",
    "Final_Punctuation",
    "Pi",
    "Initial_Punctuation",
    "Po",
    "Other_Punctuation",
    "Ps",
    "Open_Punctuation",
    "S",
    "Symbol",
    "Sc",
    "Currency_Symbol",
    "Sk",
    "Modifier_Symbol",
    "Sm",
    "Math_Symbol",
    "So",
    "Other_Symbol",
    "Z",
    "Separator",
    "Zl",
    "Line_Separator",
    "Zp",
    "Paragraph_Separator",
    "Zs",
    "Space_Separator",
};

// Binary properties, long and short (ECMA-262 table "Binary Unicode property aliases").
constexpr std::string_view kBinaryProperties[] = {
    "ASCII",
    "ASCII_Hex_Digit",
    "AHex",
    "Alphabetic",
    "Alpha",
    "Any",
    "Assigned",
    "Bidi_Control",
    "Bidi_C",
    "Bidi_Mirrored",
    "Bidi_M",
    "Case_Ignorable",
    "CI",
    "Cased",
    "Changes_When_Casefolded",
    "CWCF",
    "Changes_When_Casemapped",
    "CWCM",
    "Changes_When_Lowercased",
    "CWL",
    "Changes_When_NFKC_Casefolded",
    "CWKCF",
    "Changes_When_Titlecased",
    "CWT",
    "Changes_When_Uppercased",
    "CWU",
    "Dash",
    "Default_Ignorable_Code_Point",
    "DI",
    "Deprecated",
    "Dep",
    "Diacritic",
    "Dia",
    "Emoji",
    "Emoji_Component",
    "EComp",
    "Emoji_Modifier",
    "EMod",
    "Emoji_Modifier_Base",
    "EBase",
    "Emoji_Presentation",
    "EPres",
    "Extended_Pictographic",
    "ExtPict",
    "Extender",
    "Ext",
    "Grapheme_Base",
    "Gr_Base",
    "Grapheme_Extend",
    "Gr_Ext",
    "Hex_Digit",
    "Hex",
    "IDS_Binary_Operator",
    "IDSB",
    "IDS_Trinary_Operator",
    "IDST",
    "ID_Continue",
    "IDC",
    "ID_Start",
    "IDS",
    "Ideographic",
    "Ideo",
    "Join_Control",
    "Join_C",
    "Logical_Order_Exception",
    "LOE",
    "Lowercase",
    "Lower",
    "Math",
    "Noncharacter_Code_Point",
    "NChar",
    "Pattern_Syntax",
    "Pat_Syn",
    "Pattern_White_Space",
    "Pat_WS",
    "Quotation_Mark",
    "QMark",
    "Radical",
    "Regional_Indicator",
    "RI",
    "Sentence_Terminal",
    "STerm",
    "Soft_Dotted",
    "SD",
    "Terminal_Punctuation",
    "Term",
    "Unified_Ideograph",
    "UIdeo",
    "Uppercase",
    "Upper",
    "Variation_Selector",
    "VS",
    "White_Space",
    "space",
    "XID_Continue",
    "XIDC",
    "XID_Start",
    "XIDS",
};

template <std::size_t N>
bool listed(const std::string_view (&list)[N], std::string_view name) {
  for (const std::string_view entry : list)
    if (entry == name) return true;
  return false;
}

// A code point of a group name (RegExpIdentifierName): ID_Start, '$' or '_' first; then also ID_Continue, ZWNJ and
// ZWJ. Beyond ASCII these are derived as Unicode derives them (UAX #31): ID_Start is L, Nl and Other_ID_Start;
// ID_Continue adds Mn, Mc, Nd, Pc and Other_ID_Continue; the categories come from RE2's Unicode tables.
bool identifier_code_point(std::uint32_t cp, bool start) {
  if (cp < 0x80) {
    const char c = static_cast<char>(cp);
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$' || c == '_' || (!start && c >= '0' && c <= '9');
  }
  if (!start && (cp == 0x200C || cp == 0x200D)) return true;
  if (cp == 0x1885 || cp == 0x1886 || cp == 0x2118 || cp == 0x212E || cp == 0x309B || cp == 0x309C)
    return true;  // Other_ID_Start
  if (!start &&
      (cp == 0x00B7 || cp == 0x0387 || (cp >= 0x1369 && cp <= 0x1371) || cp == 0x19DA || cp == 0x30FB || cp == 0xFF65))
    return true;                   // Other_ID_Continue (Unicode 15.1)
  if (cp == 0x2E2F) return false;  // VERTICAL TILDE: Lm but Pattern_Syntax
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
  static const re2::RE2 kStart("[\\p{L}\\p{Nl}]");
  static const re2::RE2 kContinue("[\\p{L}\\p{Nl}\\p{Mn}\\p{Mc}\\p{Nd}\\p{Pc}]");
  std::string utf8;
  detail::utf8_append(utf8, cp);
  return re2::RE2::FullMatch(utf8, start ? kStart : kContinue);
}

// ECMA-262 (2024) Pattern with the u flag, the grammar and its early errors: what a JavaScript engine would compile
// with `new RegExp(p, "u")`. A syntax check only: backreferences and lookaround are valid here even though RE2 cannot
// run them (`pattern` refuses those in translate_ecma). Iterative, linear in the pattern; memory grows with group
// nesting and named groups only.
class SyntaxChecker {
 public:
  explicit SyntaxChecker(std::string_view p) : p_(p) {}

  bool run() {
    bool quantifiable = false;  // the last term is an atom (assertions take no quantifier with the u flag)
    while (i_ < p_.size()) {
      const char c = p_[i_];
      switch (c) {
        case '|':
        case '^':
        case '$':
          ++i_;
          quantifiable = false;
          break;
        case '(':
          if (!open_group()) return false;
          quantifiable = false;
          break;
        case ')':
          if (groups_.empty()) return false;
          quantifiable = groups_.back() == kGroup;
          groups_.pop_back();
          ++i_;
          break;
        case '*':
        case '+':
        case '?':
          if (!quantifiable) return false;
          ++i_;
          lazy();
          quantifiable = false;
          break;
        case '{':
          if (!quantifiable || !braced_quantifier()) return false;
          lazy();
          quantifiable = false;
          break;
        case '}':
        case ']':
          return false;  // no Annex B pattern characters with the u flag
        case '[':
          if (!character_class()) return false;
          quantifiable = true;
          break;
        case '\\': {
          ++i_;
          const Escape e = atom_escape();
          if (e == Escape::invalid) return false;
          quantifiable = e == Escape::atom;
          break;
        }
        default:
          if (next_code_point() < 0) return false;  // kInvalid; 0 is U+0000, a pattern character
          quantifiable = true;
      }
    }
    if (!groups_.empty() || max_backreference_ > captures_) return false;
    std::sort(names_.begin(), names_.end());
    if (std::adjacent_find(names_.begin(), names_.end()) != names_.end()) return false;  // a name used twice
    for (const std::string& name : references_)
      if (!std::binary_search(names_.begin(), names_.end(), name)) return false;
    return true;
  }

 private:
  enum : std::uint8_t { kGroup, kLookaround };
  enum class Escape { invalid, atom, assertion };
  static constexpr long kNotAValue = -1;  // a class escape (\d, \p{..}) stands for a set, not one code point
  static constexpr long kInvalid = -2;

  static int hex_value(char c) { return hex(c); }

  void lazy() {
    if (i_ < p_.size() && p_[i_] == '?') ++i_;
  }

  // One UTF-8 code point of the pattern (valid UTF-8: JSON strings are); its value, or kInvalid.
  long next_code_point() {
    const auto b = static_cast<unsigned char>(p_[i_]);
    if (b < 0x80) {
      ++i_;
      return b;
    }
    const std::size_t len =
        detail::utf8_sequence_length(reinterpret_cast<const unsigned char*>(p_.data()), i_, p_.size());
    if (len == 0) return kInvalid;
    long cp = len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(p_[i_ + k]) & 0x3F);
    i_ += len;
    return cp;
  }

  // {n}, {n,} or {n,m} with n <= m (digit strings of any length, compared without leading zeros).
  bool braced_quantifier() {
    ++i_;
    const auto number = [&](std::string_view& out) {
      const std::size_t start = i_;
      while (i_ < p_.size() && p_[i_] >= '0' && p_[i_] <= '9') ++i_;
      out = p_.substr(start, i_ - start);
      return !out.empty();
    };
    std::string_view low, high;
    if (!number(low)) return false;
    if (i_ < p_.size() && p_[i_] == ',') {
      ++i_;
      if (i_ < p_.size() && p_[i_] != '}' && !number(high)) return false;
    } else {
      high = low;
    }
    if (i_ >= p_.size() || p_[i_] != '}') return false;
    ++i_;
    if (high.empty()) return true;
    const auto strip = [](std::string_view v) {
      while (v.size() > 1 && v[0] == '0') v.remove_prefix(1);
      return v;
    };
    low = strip(low);
    high = strip(high);
    return low.size() < high.size() || (low.size() == high.size() && low <= high);
  }

  bool open_group() {
    ++i_;  // '('
    if (i_ >= p_.size() || p_[i_] != '?') {
      groups_.push_back(kGroup);
      ++captures_;
      return true;
    }
    const std::string_view rest = p_.substr(i_ + 1);
    if (rest.substr(0, 1) == ":") {
      i_ += 2;
      groups_.push_back(kGroup);
      return true;
    }
    if (rest.substr(0, 1) == "=" || rest.substr(0, 1) == "!") {
      i_ += 2;
      groups_.push_back(kLookaround);
      return true;
    }
    if (rest.substr(0, 2) == "<=" || rest.substr(0, 2) == "<!") {
      i_ += 3;
      groups_.push_back(kLookaround);
      return true;
    }
    if (rest.substr(0, 1) == "<") {  // (?<name>
      i_ += 2;
      std::string name;
      if (!group_name(name)) return false;
      names_.push_back(std::move(name));
      groups_.push_back(kGroup);
      ++captures_;
      return true;
    }
    return false;  // (?i), (?P<..>, (?#..) and every other extension
  }

  // `\u` escapes of a group name: \uXXXX (a surrogate pair as one code point) or \u{X..}; kInvalid otherwise.
  long name_escape() {
    if (i_ + 1 >= p_.size() || p_[i_] != '\\' || p_[i_ + 1] != 'u') return kInvalid;
    i_ += 2;
    return unicode_escape();
  }

  // RegExpIdentifierName between '<' (consumed) and '>' (consumed here), decoded into `out`.
  bool group_name(std::string& out) {
    bool first = true;
    while (i_ < p_.size() && p_[i_] != '>') {
      const long cp = p_[i_] == '\\' ? name_escape() : next_code_point();
      if (cp < 0 || !identifier_code_point(static_cast<std::uint32_t>(cp), first)) return false;
      detail::utf8_append(out, static_cast<std::uint32_t>(cp));
      first = false;
    }
    if (first || i_ >= p_.size()) return false;
    ++i_;  // '>'
    return true;
  }

  // After "\u": XXXX (with a following \uXXXX trail surrogate when XXXX leads) or {X...} up to 10FFFF.
  long unicode_escape() {
    if (i_ < p_.size() && p_[i_] == '{') {
      long cp = 0;
      std::size_t k = i_ + 1;
      for (; k < p_.size() && hex_value(p_[k]) >= 0; ++k) {
        cp = cp * 16 + hex_value(p_[k]);
        if (cp > 0x10FFFF) return kInvalid;
      }
      if (k == i_ + 1 || k >= p_.size() || p_[k] != '}') return kInvalid;
      i_ = k + 1;
      return cp;
    }
    const auto four = [&](std::size_t at) -> long {
      if (at + 4 > p_.size()) return kInvalid;
      long v = 0;
      for (std::size_t k = at; k < at + 4; ++k) {
        if (hex_value(p_[k]) < 0) return kInvalid;
        v = v * 16 + hex_value(p_[k]);
      }
      return v;
    };
    const long cp = four(i_);
    if (cp < 0) return kInvalid;
    i_ += 4;
    if (cp >= 0xD800 && cp <= 0xDBFF && p_.substr(i_, 2) == "\\u") {
      const long trail = four(i_ + 2);
      if (trail >= 0xDC00 && trail <= 0xDFFF) {
        i_ += 6;
        return 0x10000 + ((cp - 0xD800) << 10) + (trail - 0xDC00);
      }
    }
    return cp;
  }

  // \p{..} or \P{..} after the letter: a General_Category value or binary property alone, or
  // General_Category/Script/Script_Extensions (long or short) = value. Script values are checked for their
  // spelling only (letters, digits, '_'), not against Unicode's list of scripts.
  bool property() {
    if (i_ >= p_.size() || p_[i_] != '{') return false;
    const std::size_t close = p_.find('}', i_);
    if (close == std::string_view::npos) return false;
    const std::string_view body = p_.substr(i_ + 1, close - i_ - 1);
    i_ = close + 1;
    const auto word = [](std::string_view w, bool digits) {
      if (w.empty()) return false;
      for (const char c : w)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (digits && c >= '0' && c <= '9')))
          return false;
      return true;
    };
    const std::size_t eq = body.find('=');
    if (eq == std::string_view::npos) return listed(kGeneralCategories, body) || listed(kBinaryProperties, body);
    const std::string_view name = body.substr(0, eq), value = body.substr(eq + 1);
    if (name == "General_Category" || name == "gc") return listed(kGeneralCategories, value);
    if (name == "Script" || name == "sc" || name == "Script_Extensions" || name == "scx") return word(value, true);
    return false;
  }

  // CharacterEscape after '\' (the letter at i_): its code point, or kInvalid.
  long character_escape() {
    const char c = p_[i_++];
    switch (c) {
      case 'f':
        return 0x0C;
      case 'n':
        return 0x0A;
      case 'r':
        return 0x0D;
      case 't':
        return 0x09;
      case 'v':
        return 0x0B;
      case 'c':
        if (i_ < p_.size() && ((p_[i_] >= 'a' && p_[i_] <= 'z') || (p_[i_] >= 'A' && p_[i_] <= 'Z')))
          return p_[i_++] % 32;
        return kInvalid;
      case '0':
        if (i_ < p_.size() && p_[i_] >= '0' && p_[i_] <= '9') return kInvalid;  // no octal with the u flag
        return 0;
      case 'x':
        if (i_ + 2 > p_.size() || hex_value(p_[i_]) < 0 || hex_value(p_[i_ + 1]) < 0) return kInvalid;
        i_ += 2;
        return hex_value(p_[i_ - 2]) * 16 + hex_value(p_[i_ - 1]);
      case 'u':
        return unicode_escape();
      default:
        // Identity escapes with the u flag: syntax characters and '/' only.
        if (std::string_view("^$\\.*+?()[]{}|/").find(c) != std::string_view::npos)
          return static_cast<unsigned char>(c);
        return kInvalid;
    }
  }

  bool class_escape_letter(char c) const { return std::string_view("dDsSwW").find(c) != std::string_view::npos; }

  // After '\' outside a class.
  Escape atom_escape() {
    if (i_ >= p_.size()) return Escape::invalid;
    const char c = p_[i_];
    if (c == 'b' || c == 'B') {
      ++i_;
      return Escape::assertion;
    }
    if (c >= '1' && c <= '9') {  // a backreference: at most the number of capturing groups in the pattern
      long value = 0;
      while (i_ < p_.size() && p_[i_] >= '0' && p_[i_] <= '9') {
        value = std::min<long>(value * 10 + (p_[i_] - '0'), 1L << 30);
        ++i_;
      }
      max_backreference_ = std::max(max_backreference_, value);
      return Escape::atom;
    }
    if (class_escape_letter(c)) {
      ++i_;
      return Escape::atom;
    }
    if (c == 'p' || c == 'P') {
      ++i_;
      return property() ? Escape::atom : Escape::invalid;
    }
    if (c == 'k') {  // \k<name>, a name the pattern defines somewhere
      ++i_;
      if (i_ >= p_.size() || p_[i_] != '<') return Escape::invalid;
      ++i_;
      std::string name;
      if (!group_name(name)) return Escape::invalid;
      references_.push_back(std::move(name));
      return Escape::atom;
    }
    return character_escape() == kInvalid ? Escape::invalid : Escape::atom;
  }

  // One ClassAtom: its code point, or kNotAValue for a class escape; kInvalid when malformed.
  long class_atom() {
    if (p_[i_] != '\\') return next_code_point();
    ++i_;
    if (i_ >= p_.size()) return kInvalid;
    const char c = p_[i_];
    if (c == 'b') {
      ++i_;
      return 0x08;
    }
    if (c == '-') {
      ++i_;
      return '-';
    }
    if (class_escape_letter(c)) {
      ++i_;
      return kNotAValue;
    }
    if (c == 'p' || c == 'P') {
      ++i_;
      return property() ? kNotAValue : kInvalid;
    }
    return character_escape();
  }

  // [..] or [^..]: ranges between single code points, in order; a class escape cannot end a range.
  bool character_class() {
    ++i_;  // '['
    if (i_ < p_.size() && p_[i_] == '^') ++i_;
    while (i_ < p_.size() && p_[i_] != ']') {
      const long from = class_atom();
      if (from == kInvalid) return false;
      if (i_ + 1 < p_.size() && p_[i_] == '-' && p_[i_ + 1] != ']') {
        ++i_;
        const long to = class_atom();
        if (to == kInvalid || from == kNotAValue || to == kNotAValue || from > to) return false;
      }
    }
    if (i_ >= p_.size()) return false;
    ++i_;  // ']'
    return true;
  }

  std::string_view p_;
  std::size_t i_ = 0;
  std::vector<std::uint8_t> groups_;  ///< the open groups, innermost last
  long captures_ = 0;
  long max_backreference_ = 0;
  std::vector<std::string> names_;
  std::vector<std::string> references_;
};

}  // namespace

Translation translate_ecma(std::string_view pattern) {
  return Translator(pattern).run();
}

bool is_ecma_regex(std::string_view pattern) {
  return SyntaxChecker(pattern).run();
}

}  // namespace reqprobe::regex
