#include "formats.h"

#include <cstdint>
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

// ISO 8601 durations as RFC 3339 Appendix A gives them: P(nY)(nM)(nD)(T(nH)(nM)(nS)) or PnW.
bool duration(std::string_view s) {
  if (s.size() < 2 || s[0] != 'P') return false;
  std::size_t at = 1;
  const auto units = [&](std::string_view order, bool& any) {
    std::size_t next = 0;
    while (at < s.size() && digit(s[at])) {
      const std::size_t start = at;
      while (at < s.size() && digit(s[at])) ++at;
      if (at == start || at >= s.size()) return false;
      const std::size_t unit = order.find(s[at], next);
      if (unit == std::string_view::npos) return false;
      next = unit + 1;
      ++at;
      any = true;
    }
    return true;
  };
  bool any = false;
  if (s.size() >= 3 && s.back() == 'W') {  // PnW alone
    return digits(s, 1, s.size() - 2) && s.size() > 2;
  }
  if (!units("YMD", any)) return false;
  if (at < s.size() && s[at] == 'T') {
    ++at;
    bool time_any = false;
    if (!units("HMS", time_any) || !time_any) return false;
    any = true;
  }
  return any && at == s.size();
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

// A DNS name (RFC 1123): labels of letters, digits and hyphens, 1-63 bytes, not starting or ending with a hyphen,
// 253 bytes in all; a trailing dot is not part of the format. A-labels (xn--) must be valid Punycode.
bool punycode_ok(std::string_view label);

bool hostname(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  std::size_t at = 0;
  while (true) {
    const std::size_t dot = s.find('.', at);
    const std::string_view label = s.substr(at, dot == std::string_view::npos ? std::string_view::npos : dot - at);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (const char c : label)
      if (!(alpha(c) || digit(c) || c == '-')) return false;
    if (label.size() >= 4 && label[2] == '-' && label[3] == '-') {
      const bool ace = (label[0] == 'x' || label[0] == 'X') && (label[1] == 'n' || label[1] == 'N');
      if (!ace || !punycode_ok(label.substr(4))) return false;
    }
    if (dot == std::string_view::npos) return true;
    at = dot + 1;
  }
}

// RFC 3492 decoding, only to tell whether the label decodes.
bool punycode_ok(std::string_view input) {
  if (input.empty()) return false;
  std::uint32_t n = 128, i = 0, bias = 72;
  std::size_t out = 0;
  const std::size_t last_dash = input.rfind('-');
  std::size_t at = 0;
  if (last_dash != std::string_view::npos) {
    for (std::size_t k = 0; k < last_dash; ++k)
      if (static_cast<unsigned char>(input[k]) >= 0x80) return false;
    out = last_dash;
    at = last_dash + 1;
  }
  while (at < input.size()) {
    const std::uint32_t old_i = i;
    std::uint32_t w = 1;
    for (std::uint32_t k = 36;; k += 36) {
      if (at >= input.size()) return false;
      const char c = input[at++];
      std::uint32_t digit_value;
      if (c >= 'a' && c <= 'z') {
        digit_value = static_cast<std::uint32_t>(c - 'a');
      } else if (c >= 'A' && c <= 'Z') {
        digit_value = static_cast<std::uint32_t>(c - 'A');
      } else if (c >= '0' && c <= '9') {
        digit_value = static_cast<std::uint32_t>(c - '0' + 26);
      } else {
        return false;
      }
      if (digit_value > (0xFFFFFFFFu - i) / w) return false;
      i += digit_value * w;
      const std::uint32_t t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;
      if (digit_value < t) break;
      if (w > 0xFFFFFFFFu / (36 - t)) return false;
      w *= 36 - t;
    }
    ++out;
    std::uint32_t delta = old_i == 0 ? i / 700 : (i - old_i) / 2;
    delta += delta / static_cast<std::uint32_t>(out);
    std::uint32_t k = 0;
    while (delta > 455) {
      delta /= 35;
      k += 36;
    }
    bias = k + 36 * delta / (delta + 38);
    if (i / out > 0x10FFFF - n) return false;
    n += i / static_cast<std::uint32_t>(out);
    i %= static_cast<std::uint32_t>(out);
    ++i;
    if (n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF)) return false;
  }
  return true;
}

// An internationalised name: ASCII labels as hostname; labels with other characters must be UTF-8 letters, marks
// or digits (no ASCII punctuation but '-'), U+3002 and other full stops separate labels.
bool idn_hostname(std::string_view s) {
  std::string normal;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.substr(i, 3) == "\xE3\x80\x82" || s.substr(i, 3) == "\xEF\xBC\x8E" || s.substr(i, 3) == "\xEF\xBD\xA1") {
      normal.push_back('.');
      i += 2;
    } else {
      normal.push_back(s[i]);
    }
  }
  std::uint32_t cps = 0;
  if (normal.empty() || !utf8_count(normal, cps)) return false;
  std::size_t at = 0;
  while (true) {
    const std::size_t dot = normal.find('.', at);
    const std::string_view label =
        std::string_view(normal).substr(at, dot == std::string::npos ? std::string_view::npos : dot - at);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    bool ascii = true;
    for (const char c : label) {
      const auto b = static_cast<unsigned char>(c);
      if (b >= 0x80) {
        ascii = false;
        continue;
      }
      if (!(alpha(c) || digit(c) || c == '-')) return false;
    }
    if (label.size() >= 4 && label[2] == '-' && label[3] == '-') {
      if (!ascii) return false;
      const bool ace = (label[0] == 'x' || label[0] == 'X') && (label[1] == 'n' || label[1] == 'N');
      if (!ace || !punycode_ok(label.substr(4))) return false;
    }
    if (dot == std::string::npos) return normal.size() <= 253 * 4;
    at = dot + 1;
  }
}

// ---- email (RFC 5321 4.1.2 Mailbox; RFC 6531 for idn-email) --------------------------------------------------------

bool atext(char c, bool utf8) {
  if (utf8 && static_cast<unsigned char>(c) >= 0x80) return true;
  return alpha(c) || digit(c) || std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
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
  return utf8 ? idn_hostname(domain) : hostname(domain);
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
  const std::size_t colon = a.rfind(':');
  if (colon != std::string_view::npos && a.find(']') == std::string_view::npos) {
    for (const char c : a.substr(colon + 1))
      if (!digit(c)) return false;
    a = a.substr(0, colon);
  } else if (colon != std::string_view::npos) {
    for (const char c : a.substr(colon + 1))
      if (!digit(c)) return false;
    return true;
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

bool uri_template(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '{') {
      const std::size_t close = s.find('}', i);
      if (close == std::string_view::npos) return false;
      std::string_view expression = s.substr(i + 1, close - i - 1);
      if (!expression.empty() && std::string_view("+#./;?&=,!@|").find(expression[0]) != std::string_view::npos)
        expression.remove_prefix(1);
      if (expression.empty()) return false;
      for (const char e : expression)
        if (!(alpha(e) || digit(e) || e == '_' || e == '%' || e == '.' || e == ',' || e == ':' || e == '*'))
          return false;
      i = close;
    } else if (c == '}' || c == ' ' || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' ||
               c == '|' || static_cast<unsigned char>(c) < 0x20) {
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
      return hostname(v);
    case Format::idn_hostname:
      return idn_hostname(v);
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
