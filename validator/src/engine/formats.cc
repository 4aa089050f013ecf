#include "formats.h"

#include <idn2.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <string>

#include "../regex/ecma_translate.h"
#include "../utf8.h"

namespace reqprobe::detail {
namespace {

bool digit(char c) {
  return c >= '0' && c <= '9';
}
bool alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr std::size_t kMaxLabel = 63, kMaxName = 253;  // octets (RFC 1035 2.3.4, RFC 1123 2.1)

bool hexdig(char c) {
  return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool digits(std::string_view s, std::size_t at, std::size_t n) {
  if (at + n > s.size()) return false;
  for (std::size_t i = at; i < at + n; ++i)
    if (!digit(s[i])) return false;
  return true;
}
int number(std::string_view s, std::size_t at, std::size_t n) {
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

// ---- RFC 3339 ------------------------------------------------------------------------------------------------------

bool leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

bool full_date(std::string_view s) {
  if (s.size() != 10 || !digits(s, 0, 4) || s[4] != '-' || !digits(s, 5, 2) || s[7] != '-' || !digits(s, 8, 2))
    return false;
  const int year = number(s, 0, 4), month = number(s, 5, 2), day = number(s, 8, 2);
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= kDays[month - 1] + (month == 2 && leap(year) ? 1 : 0);
}

// partial-time time-offset; a leap second (60) only at 23:59 UTC, offset applied.
bool full_time(std::string_view s) {
  if (s.size() < 9 || !digits(s, 0, 2) || s[2] != ':' || !digits(s, 3, 2) || s[5] != ':' || !digits(s, 6, 2))
    return false;
  const int hour = number(s, 0, 2), minute = number(s, 3, 2), second = number(s, 6, 2);
  std::size_t at = 8;
  if (at < s.size() && s[at] == '.') {
    const std::size_t start = ++at;
    while (at < s.size() && digit(s[at])) ++at;
    if (at == start) return false;
  }
  if (at >= s.size()) return false;
  int offset_minutes = 0;
  if (s[at] == 'Z' || s[at] == 'z') {
    ++at;
  } else if (s[at] == '+' || s[at] == '-') {
    if (at + 6 != s.size() || !digits(s, at + 1, 2) || s[at + 3] != ':' || !digits(s, at + 4, 2)) return false;
    const int oh = number(s, at + 1, 2), om = number(s, at + 4, 2);
    if (oh > 23 || om > 59) return false;
    offset_minutes = (s[at] == '+' ? 1 : -1) * (oh * 60 + om);
    at += 6;
  } else {
    return false;
  }
  if (at != s.size() || hour > 23 || minute > 59 || second > 60) return false;
  if (second == 60) {
    int utc = hour * 60 + minute - offset_minutes;
    utc = ((utc % 1440) + 1440) % 1440;
    return utc == 23 * 60 + 59;
  }
  return true;
}

bool date_time(std::string_view s) {
  if (s.size() < 11 || (s[10] != 'T' && s[10] != 't')) return false;
  return full_date(s.substr(0, 10)) && full_time(s.substr(11));
}

// RFC 3339 Appendix A: "P" then weeks alone, or date units in the order Y M D and time units after "T" in the order
// H M S, where a run of units never skips one in the middle ("P1Y2D" and "PT1H2S" are not durations) and at least
// one unit follows "P" and "T". Digits only: no sign, fraction or exponent.
bool duration(std::string_view s) {
  if (s.size() < 3 || s[0] != 'P') return false;
  std::size_t at = 1;
  // One or more consecutive units of `order` starting anywhere in it: 1*DIGIT unit, 1*DIGIT next-unit, ...
  const auto units = [&](std::string_view order) {
    std::size_t expect = std::string_view::npos;  // index in `order` the next unit must have, once one is read
    while (at < s.size() && digit(s[at])) {
      while (at < s.size() && digit(s[at])) ++at;
      if (at == s.size()) return false;
      const std::size_t unit = order.find(s[at]);
      if (unit == std::string_view::npos || (expect != std::string_view::npos && unit != expect)) return false;
      expect = unit + 1;
      ++at;
    }
    return expect != std::string_view::npos;
  };
  if (s[1] == 'T') {
    ++at;
    return units("HMS") && at == s.size();
  }
  if (s.back() == 'W') return digits(s, 1, s.size() - 2);
  if (!units("YMD")) return false;
  if (at < s.size() && s[at] == 'T') {
    ++at;
    if (!units("HMS")) return false;
  }
  return at == s.size();
}

// ---- hosts and addresses -------------------------------------------------------------------------------------------

bool ipv4(std::string_view s) {
  int parts = 0;
  std::size_t at = 0;
  while (true) {
    const std::size_t start = at;
    while (at < s.size() && digit(s[at])) ++at;
    const std::size_t len = at - start;
    if (len == 0 || len > 3 || (len > 1 && s[start] == '0') || number(s, start, len) > 255) return false;
    if (++parts == 4) return at == s.size();
    if (at >= s.size() || s[at] != '.') return false;
    ++at;
  }
}

bool ipv6(std::string_view s) {
  if (s.empty() || s.size() > 45) return false;
  int groups = 0;
  bool compressed = false;
  std::size_t at = 0;
  if (s.substr(0, 2) == "::") {
    compressed = true;
    at = 2;
    if (at == s.size()) return true;
  } else if (s[0] == ':') {
    return false;
  }
  while (at < s.size()) {
    const std::size_t start = at;
    while (at < s.size() && hexdig(s[at])) ++at;
    if (at < s.size() && s[at] == '.') {  // an embedded IPv4 address ends the text and counts as two groups
      if (!ipv4(s.substr(start))) return false;
      groups += 2;
      at = s.size();
      break;
    }
    const std::size_t len = at - start;
    if (len == 0 || len > 4) return false;
    ++groups;
    if (at == s.size()) break;
    if (s[at] != ':') return false;
    ++at;
    if (at < s.size() && s[at] == ':') {
      if (compressed) return false;
      compressed = true;
      ++at;
      if (at == s.size()) break;
    } else if (at == s.size()) {
      return false;
    }
  }
  return compressed ? groups < 8 : groups == 8;
}

// RFC 1034 3.1 as RFC 1123 2.1 relaxes it (a label may start with a digit): labels of letters, digits and hyphens,
// 1-63 octets, not starting or ending with a hyphen, 253 octets in all; a trailing dot is not part of the format.
// Draft 4, draft 6 and OpenAPI 3.0 mean this and nothing of IDNA ("ab--cd" and "xn--X" are host names).
bool ldh_label(std::string_view label) {
  if (label.empty() || label.size() > kMaxLabel || label.front() == '-' || label.back() == '-') return false;
  for (const char c : label)
    if (!(alpha(c) || digit(c) || c == '-')) return false;
  return true;
}

bool hostname_rfc1123(std::string_view s) {
  if (s.empty() || s.size() > kMaxName) return false;
  for (std::size_t at = 0;;) {
    const std::size_t dot = s.find('.', at);
    if (!ldh_label(s.substr(at, dot == std::string_view::npos ? std::string_view::npos : dot - at))) return false;
    if (dot == std::string_view::npos) return true;
    at = dot + 1;
  }
}

// IDNA2008 (RFC 5890-5893) for draft 7 and later: `hostname` is ASCII, and a label with "--" in positions 3-4 must
// be an A-label ("xn--" and Punycode that re-encodes to itself) whose U-label is valid; `idn-hostname` also takes
// U-labels and the separators U+3002, U+FF0E and U+FF61. A U-label must be NFC, of PVALID code points and
// CONTEXTJ/CONTEXTO ones whose rules hold (RFC 5892; libidn2 decides these), must not start or end with a hyphen
// or hold "--" in positions 3-4, and its A-label must fit 63 octets; the name's A-label form fits 253. A name with a
// right-to-left label (R, AL or AN) is a Bidi domain name, and then every label follows RFC 5893's Bidi rule.

// One label as code points: an LDH label has at most 63, a U-label at most 59 (its A-label adds "xn--" and at
// least one octet per code point).
struct Label {
  std::array<std::uint32_t, kMaxLabel> cp{};
  std::size_t size = 0;
  std::size_t ace_size = 0;  ///< the label's octets in its A-label form
};

constexpr std::uint32_t kBase = 36, kTmin = 1, kTmax = 26, kSkew = 38, kDamp = 700, kInitialBias = 72, kInitialN = 128;

std::uint32_t adapt(std::uint32_t delta, std::uint32_t points, bool first) {
  delta = first ? delta / kDamp : delta / 2;
  delta += delta / points;
  std::uint32_t k = 0;
  while (delta > ((kBase - kTmin) * kTmax) / 2) {
    delta /= kBase - kTmin;
    k += kBase;
  }
  return k + (kBase - kTmin + 1) * delta / (delta + kSkew);
}

std::uint32_t threshold(std::uint32_t k, std::uint32_t bias) {
  return k <= bias ? kTmin : k >= bias + kTmax ? kTmax : k - bias;
}

char punycode_digit(std::uint32_t d) {
  return static_cast<char>(d < 26 ? 'a' + d : '0' + (d - 26));
}

// RFC 3492 6.2 on a lowercase ASCII string (what follows "xn--"); false when it does not decode or is too long.
bool punycode_decode(std::string_view input, Label& out) {
  out.size = 0;
  std::size_t at = 0;
  if (const std::size_t dash = input.rfind('-'); dash != std::string_view::npos) {
    if (dash > out.cp.size()) return false;
    for (std::size_t k = 0; k < dash; ++k) out.cp[out.size++] = static_cast<unsigned char>(input[k]);
    at = dash + 1;
  }
  std::uint32_t n = kInitialN, i = 0, bias = kInitialBias;
  while (at < input.size()) {
    const std::uint32_t old_i = i;
    std::uint32_t w = 1;
    for (std::uint32_t k = kBase;; k += kBase) {
      if (at >= input.size()) return false;
      const char c = input[at++];
      std::uint32_t d;
      if (c >= 'a' && c <= 'z') {
        d = static_cast<std::uint32_t>(c - 'a');
      } else if (c >= '0' && c <= '9') {
        d = static_cast<std::uint32_t>(c - '0') + 26;
      } else {
        return false;
      }
      if (d > (0xFFFFFFFFu - i) / w) return false;
      i += d * w;
      const std::uint32_t t = threshold(k, bias);
      if (d < t) break;
      if (w > 0xFFFFFFFFu / (kBase - t)) return false;
      w *= kBase - t;
    }
    const auto points = static_cast<std::uint32_t>(out.size + 1);
    bias = adapt(i - old_i, points, old_i == 0);
    if (i / points > 0x10FFFF - n) return false;
    n += i / points;
    i %= points;
    if (n < 0x80 || n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF) || out.size == out.cp.size()) return false;
    for (std::size_t k = out.size; k > i; --k) out.cp[k] = out.cp[k - 1];
    out.cp[i++] = n;
    ++out.size;
  }
  return true;
}

// RFC 3492 6.3 into `out` (at most kMaxLabel - 4 octets); false when the A-label would not fit.
bool punycode_encode(const Label& label, std::array<char, kMaxLabel>& out, std::size_t& size) {
  constexpr std::size_t kRoom = kMaxLabel - 4;
  size = 0;
  const auto put = [&](char c) {
    if (size == kRoom) return false;
    out[size++] = c;
    return true;
  };
  std::size_t basic = 0;
  for (std::size_t k = 0; k < label.size; ++k)
    if (label.cp[k] < 0x80) {
      if (!put(static_cast<char>(label.cp[k]))) return false;
      ++basic;
    }
  if (basic > 0 && !put('-')) return false;
  std::uint64_t delta = 0;
  std::uint32_t n = kInitialN, bias = kInitialBias;
  for (std::size_t handled = basic; handled < label.size;) {
    std::uint32_t m = 0x110000;
    for (std::size_t k = 0; k < label.size; ++k)
      if (label.cp[k] >= n && label.cp[k] < m) m = label.cp[k];
    delta += static_cast<std::uint64_t>(m - n) * (handled + 1);
    n = m;
    for (std::size_t k = 0; k < label.size; ++k) {
      if (label.cp[k] < n) ++delta;
      if (label.cp[k] != n) continue;
      auto q = static_cast<std::uint32_t>(delta);
      for (std::uint32_t j = kBase;; j += kBase) {
        const std::uint32_t t = threshold(j, bias);
        if (q < t) break;
        if (!put(punycode_digit(t + (q - t) % (kBase - t)))) return false;
        q = (q - t) / (kBase - t);
      }
      if (!put(punycode_digit(q))) return false;
      bias = adapt(static_cast<std::uint32_t>(delta), static_cast<std::uint32_t>(handled + 1), handled == basic);
      delta = 0;
      ++handled;
    }
    ++delta;
    ++n;
  }
  return true;
}

enum Bidi : std::uint8_t { kL, kR, kAN, kEN, kNSM, kNeutral, kOther };
struct BidiRange {
  std::uint32_t first;
  std::uint32_t last;
  Bidi bidi;
};
#include "bidi_classes.inc"

Bidi bidi_class(std::uint32_t cp) {
  const BidiRange* end = std::end(kBidiRanges);
  const BidiRange* r = std::upper_bound(std::begin(kBidiRanges), end, cp,
                                        [](std::uint32_t c, const BidiRange& x) { return c < x.first; });
  if (r == std::begin(kBidiRanges)) return kL;
  --r;
  return cp <= r->last ? r->bidi : kL;
}

// RFC 5893 2, rules 1-6, on one label of a Bidi domain name.
bool bidi_rule(const Label& label) {
  const Bidi first = bidi_class(label.cp[0]);
  if (first != kL && first != kR) return false;
  const bool rtl = first == kR;
  bool en = false, an = false;
  Bidi last = kOther;
  for (std::size_t k = 0; k < label.size; ++k) {
    const Bidi b = bidi_class(label.cp[k]);
    if (b == kOther || (rtl ? b == kL : (b == kR || b == kAN))) return false;  // rules 2 and 5
    en = en || b == kEN;
    an = an || b == kAN;
    if (b != kNSM) last = b;
  }
  if (rtl) return (last == kR || last == kEN || last == kAN) && !(en && an);  // rules 3 and 4
  return last == kL || last == kEN;                                           // rule 6
}

// Collects UTF-8 for libidn2 in a fixed buffer (utf8_append's String).
struct Utf8Buffer {
  std::array<char, kMaxLabel * 4 + 1> bytes{};
  std::size_t size = 0;
  void push_back(char c) { bytes[size++] = c; }
};

// A U-label (RFC 5890 2.3.2.1): at least one non-ASCII code point, ASCII ones lowercase LDH, hyphens not at either
// end nor in positions 3-4, and what libidn2's IDNA2008 registration check accepts (NFC, code point classes,
// CONTEXTJ and CONTEXTO rules); `nfc_input` normalises to NFC first instead of requiring it.
bool u_label(const Label& label, bool nfc_input) {
  bool non_ascii = false;
  Utf8Buffer utf8;
  for (std::size_t k = 0; k < label.size; ++k) {
    const std::uint32_t c = label.cp[k];
    if (c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    non_ascii = non_ascii || c >= 0x80;
    utf8_append(utf8, c);
  }
  if (!non_ascii || label.cp[0] == '-' || label.cp[label.size - 1] == '-') return false;
  if (label.size >= 4 && label.cp[2] == '-' && label.cp[3] == '-') return false;
  utf8.push_back('\0');
  return idn2_register_u8(reinterpret_cast<const std::uint8_t*>(utf8.bytes.data()), nullptr, nullptr,
                          nfc_input ? IDN2_NFC_INPUT : 0) == IDN2_OK;
}

// The next code point of valid UTF-8 `s` at `at` (decoded JSON strings are valid UTF-8; anything else ends it with
// a value no label takes).
std::uint32_t next_code_point(std::string_view s, std::size_t& at) {
  const auto* b = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t len = b[at] < 0x80 ? 1 : utf8_sequence_length(b, at, s.size());
  if (len == 0) {
    at = s.size();
    return 0xFFFFFFFF;
  }
  std::uint32_t cp = len == 1 ? b[at] : len == 2 ? b[at] & 0x1Fu : len == 3 ? b[at] & 0x0Fu : b[at] & 0x07u;
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (b[at + k] & 0x3Fu);
  at += len;
  return cp;
}

bool label_separator(std::uint32_t cp, bool idn) {
  return cp == '.' || (idn && (cp == 0x3002 || cp == 0xFF0E || cp == 0xFF61));
}

// Reads the label at `at` (up to a separator, which is consumed: `separated`) into `label` as its U-label's code
// points and checks it on its own; false when it is not a valid label.
bool read_label(std::string_view s, std::size_t& at, bool idn, bool nfc_input, Label& label, bool& separated) {
  label.size = 0;
  separated = false;
  bool ascii = true;
  while (at < s.size()) {
    const std::uint32_t cp = next_code_point(s, at);
    if (label_separator(cp, idn)) {
      separated = true;
      break;
    }
    if ((cp >= 0x80 && !idn) || cp > 0x10FFFF || label.size == label.cp.size()) return false;
    ascii = ascii && cp < 0x80;
    label.cp[label.size++] = cp;
  }
  if (label.size == 0) return false;  // an empty label: a leading, trailing or doubled separator
  if (!ascii) {
    std::array<char, kMaxLabel> ace{};
    std::size_t ace_size = 0;
    if (!punycode_encode(label, ace, ace_size) || !u_label(label, nfc_input)) return false;
    label.ace_size = 4 + ace_size;
    return true;
  }
  std::array<char, kMaxLabel> text;  // the first label.size are written below, the rest never read
  for (std::size_t k = 0; k < label.size; ++k) {
    const auto c = static_cast<char>(label.cp[k]);
    text[k] = c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c;  // A-labels compare without case
  }
  const std::string_view ldh(text.data(), label.size);
  if (!ldh_label(ldh)) return false;
  label.ace_size = label.size;
  if (ldh.size() < 4 || ldh[2] != '-' || ldh[3] != '-') return true;
  if (ldh.substr(0, 2) != "xn") return false;  // a reserved LDH label (RFC 5890 2.3.1) that is not an A-label
  // An A-label: Punycode that decodes to a valid U-label and re-encodes to itself (RFC 5891 5.4).
  const std::string_view puny = ldh.substr(4);
  std::array<char, kMaxLabel> again{};
  std::size_t again_size = 0;
  return punycode_decode(puny, label) && u_label(label, false) && punycode_encode(label, again, again_size) &&
         std::string_view(again.data(), again_size) == puny;
}

bool domain_name(std::string_view s, bool idn, bool nfc_input = false) {
  // Every code point takes at least one octet of the A-label form: longer input cannot fit 253 octets.
  if (s.empty() || s.size() > kMaxName * 4) return false;
  Label label;
  std::size_t total = 0;
  bool bidi_domain = false, separated = true;
  for (std::size_t at = 0; separated;) {
    if (!read_label(s, at, idn, nfc_input, label, separated)) return false;
    total += label.ace_size + (total == 0 ? 0 : 1);
    if (total > kMaxName) return false;
    for (std::size_t k = 0; k < label.size && !bidi_domain; ++k) {
      if (label.cp[k] < 0x80) continue;  // no ASCII code point is R or AN
      const Bidi b = bidi_class(label.cp[k]);
      bidi_domain = b == kR || b == kAN;
    }
  }
  if (!bidi_domain) return true;
  // A Bidi domain name: read the labels again, each must follow the Bidi rule.
  separated = true;
  for (std::size_t at = 0; separated;)
    if (!read_label(s, at, idn, nfc_input, label, separated) || !bidi_rule(label)) return false;
  return true;
}

// ---- email (RFC 5321 4.1.2 Mailbox; RFC 6531 for idn-email) --------------------------------------------------------

bool atext(char c, bool utf8) {
  // RFC 5322 atext as a table: a search of the specials string per character was a visible share of an email check.
  static constexpr auto kAtext = [] {
    std::array<bool, 128> table{};
    for (int k = 0; k < 128; ++k) {
      const char ch = static_cast<char>(k);
      table[static_cast<std::size_t>(k)] = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                                           (ch >= '0' && ch <= '9') ||
                                           std::string_view("!#$%&'*+-/=?^_`{|}~").find(ch) != std::string_view::npos;
    }
    return table;
  }();
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 ? utf8 : kAtext[u];
}

bool email(std::string_view s, bool utf8) {
  const std::size_t at = s.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= s.size()) return false;
  const std::string_view local = s.substr(0, at);
  const std::string_view domain = s.substr(at + 1);
  if (local.size() > 64) return false;
  if (local.front() == '"') {  // quoted-string
    if (local.size() < 2 || local.back() != '"') return false;
    for (std::size_t i = 1; i + 1 < local.size(); ++i) {
      const auto c = static_cast<unsigned char>(local[i]);
      if (local[i] == '\\') {
        if (++i + 1 >= local.size()) return false;
        continue;
      }
      if (c == '"' || (c < 0x20 && c != '\t') || (c >= 0x80 && !utf8)) return false;
    }
  } else {  // dot-atom
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) return false;
    for (const char c : local)
      if (c != '.' && !atext(c, utf8)) return false;
  }
  if (domain.front() == '[') {  // address literal
    if (domain.back() != ']') return false;
    const std::string_view inner = domain.substr(1, domain.size() - 2);
    if (inner.substr(0, 5) == "IPv6:") return ipv6(inner.substr(5));
    return ipv4(inner);
  }
  return domain_name(domain, utf8, utf8);  // RFC 6532 3.1: NFC is a SHOULD in mail
}

// ---- URIs and IRIs (RFC 3986, 3987) --------------------------------------------------------------------------------

bool unreserved(char c) {
  return alpha(c) || digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}
bool sub_delim(char c) {
  return std::string_view("!$&'()*+,;=").find(c) != std::string_view::npos;
}

// Each character of `s` allowed by `extra`, unreserved, sub-delims, a percent-escape, or (IRIs) non-ASCII.
bool chars(std::string_view s, std::string_view extra, bool iri) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size() || !hexdig(s[i + 1]) || !hexdig(s[i + 2])) return false;
      i += 2;
    } else if (iri && static_cast<unsigned char>(c) >= 0x80) {
      continue;
    } else if (!unreserved(c) && !sub_delim(c) && extra.find(c) == std::string_view::npos) {
      return false;
    }
  }
  return true;
}

bool authority(std::string_view a, bool iri) {
  if (const std::size_t at = a.rfind('@'); at != std::string_view::npos) {
    if (!chars(a.substr(0, at), ":", iri)) return false;
    a = a.substr(at + 1);
  }
  if (!a.empty() && a.front() == '[') {
    const std::size_t close = a.find(']');
    if (close == std::string_view::npos) return false;
    const std::string_view literal = a.substr(1, close - 1);
    if (literal.empty() || !(ipv6(literal) || (literal[0] == 'v' || literal[0] == 'V'))) return false;
    a = a.substr(close + 1);
    if (!a.empty() && a.front() != ':') return false;
  }
  // The port, then the host: empty after an IP literal, else a reg-name (where ']' is no character, so "a]:80"
  // is refused).
  if (const std::size_t colon = a.rfind(':'); colon != std::string_view::npos) {
    for (const char c : a.substr(colon + 1))
      if (!digit(c)) return false;
    a = a.substr(0, colon);
  }
  return chars(a, "", iri);
}

// RFC 3986 4.1: URI-reference; `absolute` requires a scheme.
bool uri(std::string_view s, bool absolute, bool iri) {
  std::size_t at = 0;
  if (const std::size_t colon = s.find(':'); colon != std::string_view::npos) {
    const std::size_t first_special = s.find_first_of("/?#");
    if (first_special == std::string_view::npos || colon < first_special) {
      if (colon == 0 || !alpha(s[0])) return false;
      for (std::size_t i = 1; i < colon; ++i)
        if (!(alpha(s[i]) || digit(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')) return false;
      at = colon + 1;
    } else if (absolute) {
      return false;
    }
  } else if (absolute) {
    return false;
  }
  std::string_view rest = s.substr(at);
  std::string_view fragment, query;
  if (const std::size_t hash = rest.find('#'); hash != std::string_view::npos) {
    fragment = rest.substr(hash + 1);
    rest = rest.substr(0, hash);
    if (!chars(fragment, ":@/?", iri)) return false;
  }
  if (const std::size_t question = rest.find('?'); question != std::string_view::npos) {
    query = rest.substr(question + 1);
    rest = rest.substr(0, question);
    if (!chars(query, ":@/?", iri)) return false;
  }
  if (rest.substr(0, 2) == "//") {
    const std::size_t slash = rest.find('/', 2);
    if (!authority(rest.substr(2, slash == std::string_view::npos ? std::string_view::npos : slash - 2), iri))
      return false;
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  } else if (at == 0) {
    // A relative reference's first segment may not hold a colon (it would read as a scheme).
    const std::size_t slash = rest.find('/');
    if (rest.substr(0, slash).find(':') != std::string_view::npos) return false;
  }
  return chars(rest, ":@/", iri);
}

// RFC 6570 2.1 literals: any character but controls, space and " % < > \ ^ ` { | } (a percent sign only as a
// percent-escape; the apostrophe, which the published text leaves out, is in by verified erratum 6937's %x26-3B),
// and beyond ASCII only ucschar and iprivate (RFC 3987: no C1 controls, no non-characters).
bool template_literal_code_point(std::uint32_t c) {
  if (c < 0x80)
    return c > 0x20 && c != 0x7F &&
           std::string_view("\"%<>\\^`{|}").find(static_cast<char>(c)) == std::string_view::npos;
  if (c < 0xA0) return false;
  if (c <= 0xD7FF) return true;
  if (c < 0xE000) return false;
  if (c <= 0xFDCF) return true;  // iprivate U+E000-F8FF, then ucschar from U+F900
  if (c < 0xFDF0) return false;
  if (c <= 0xFFEF) return true;
  if (c < 0x10000 || (c & 0xFFFF) > 0xFFFD) return false;
  return c <= 0x10FFFD && !(c >= 0xE0000 && c < 0xE1000);
}

// RFC 6570 2.2-2.4: "{" [operator] varspec *("," varspec) "}", varspec = varname [":" max-length / "*"],
// varname = varchar *(["."] varchar), varchar = ALPHA / DIGIT / "_" / pct-encoded, max-length 1-9999 without a
// leading zero. The operators reserved for future extensions (= , ! @ |) are in the grammar, so they are taken.
bool template_expression(std::string_view e) {
  std::size_t at = 0;
  if (!e.empty() && std::string_view("+#./;?&=,!@|").find(e[0]) != std::string_view::npos) ++at;
  while (true) {
    // varname
    bool need_char = true;
    while (at < e.size()) {
      if (e[at] == '%') {
        if (at + 2 >= e.size() || !hexdig(e[at + 1]) || !hexdig(e[at + 2])) return false;
        at += 3;
      } else if (alpha(e[at]) || digit(e[at]) || e[at] == '_') {
        ++at;
      } else if (e[at] == '.' && !need_char) {
        ++at;
        need_char = true;
        continue;
      } else {
        break;
      }
      need_char = false;
    }
    if (need_char) return false;  // empty, or ending with '.' or holding ".."
    if (at < e.size() && e[at] == ':') {
      const std::size_t start = ++at;
      while (at < e.size() && digit(e[at])) ++at;
      if (at == start || at - start > 4 || e[start] == '0') return false;
    } else if (at < e.size() && e[at] == '*') {
      ++at;
    }
    if (at == e.size()) return true;
    if (e[at++] != ',') return false;
  }
}

bool uri_template(std::string_view s) {
  for (std::size_t at = 0; at < s.size();) {
    if (s[at] == '{') {
      const std::size_t close = s.find('}', at);
      if (close == std::string_view::npos || !template_expression(s.substr(at + 1, close - at - 1))) return false;
      at = close + 1;
    } else if (s[at] == '%') {
      if (at + 2 >= s.size() || !hexdig(s[at + 1]) || !hexdig(s[at + 2])) return false;
      at += 3;
    } else if (!template_literal_code_point(next_code_point(s, at))) {
      return false;
    }
  }
  return true;
}

// ---- the rest ------------------------------------------------------------------------------------------------------

bool uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (s[i] != '-') return false;
    } else if (!hexdig(s[i])) {
      return false;
    }
  }
  return true;
}

bool json_pointer(std::string_view s) {
  if (s.empty()) return true;
  if (s[0] != '/') return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] == '~' && (i + 1 >= s.size() || (s[i + 1] != '0' && s[i + 1] != '1'))) return false;
  return true;
}

bool relative_json_pointer(std::string_view s) {
  std::size_t at = 0;
  while (at < s.size() && digit(s[at])) ++at;
  if (at == 0 || (at > 1 && s[0] == '0')) return false;
  const std::string_view rest = s.substr(at);
  return rest == "#" || json_pointer(rest);
}

bool base64(std::string_view s) {
  if (s.size() % 4 != 0) return false;
  std::size_t padding = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '=') {
      if (i + 2 < s.size()) return false;
      ++padding;
    } else if (padding != 0 || !(alpha(c) || digit(c) || c == '+' || c == '/')) {
      return false;
    }
  }
  return padding <= 2;
}

}  // namespace

bool string_has_format(Format format, std::string_view v) {
  switch (format) {
    case Format::date_time:
      return date_time(v);
    case Format::date:
      return full_date(v);
    case Format::time:
      return full_time(v);
    case Format::duration:
      return duration(v);
    case Format::email:
      return email(v, false);
    case Format::idn_email:
      return email(v, true);
    case Format::hostname:
      return domain_name(v, false);
    case Format::hostname_rfc1123:
      return hostname_rfc1123(v);
    case Format::idn_hostname:
      return domain_name(v, true);
    case Format::ipv4:
      return ipv4(v);
    case Format::ipv6:
      return ipv6(v);
    case Format::uri:
      return uri(v, true, false);
    case Format::uri_reference:
      return uri(v, false, false);
    case Format::iri:
      return uri(v, true, true);
    case Format::iri_reference:
      return uri(v, false, true);
    case Format::uri_template:
      return uri_template(v);
    case Format::uuid:
      return uuid(v);
    case Format::regex:
      return regex::is_ecma_regex(v);
    case Format::json_pointer:
      return json_pointer(v);
    case Format::relative_json_pointer:
      return relative_json_pointer(v);
    case Format::byte:
      return base64(v);
    default:
      return true;
  }
}

std::string_view format_name(Format format) noexcept {
  switch (format) {
    case Format::date_time:
      return "date-time";
    case Format::date:
      return "date";
    case Format::time:
      return "time";
    case Format::duration:
      return "duration";
    case Format::email:
      return "email";
    case Format::idn_email:
      return "idn-email";
    case Format::hostname:
    case Format::hostname_rfc1123:
      return "hostname";
    case Format::idn_hostname:
      return "idn-hostname";
    case Format::ipv4:
      return "ipv4";
    case Format::ipv6:
      return "ipv6";
    case Format::uri:
      return "uri";
    case Format::uri_reference:
      return "uri-reference";
    case Format::iri:
      return "iri";
    case Format::iri_reference:
      return "iri-reference";
    case Format::uri_template:
      return "uri-template";
    case Format::uuid:
      return "uuid";
    case Format::regex:
      return "regex";
    case Format::json_pointer:
      return "json-pointer";
    case Format::relative_json_pointer:
      return "relative-json-pointer";
    case Format::byte:
      return "byte";
    case Format::int32:
      return "int32";
    case Format::int64:
      return "int64";
    case Format::float32:
      return "float";
    case Format::float64:
      return "double";
    case Format::none:
    case Format::annotation:
      break;
  }
  return "";
}

}  // namespace reqprobe::detail
