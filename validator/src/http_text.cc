#include "http_text.h"
#include "placement.h"

#include <array>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace reqprobe::detail {
namespace {

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 9110 5.6.2's tchar, as a table: every header name and media type goes through it.
constexpr std::array<bool, 256> kTchar = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c) table[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  for (const char c : std::string_view("!#$%&'*+-.^_`|~")) table[static_cast<unsigned char>(c)] = true;
  return table;
}();

bool is_tchar(char c) {
  return kTchar[static_cast<unsigned char>(c)];
}

// The longest run of token characters at the start of `text`.
std::size_t token_length(std::string_view text) {
  std::size_t n = 0;
  while (n < text.size() && is_tchar(text[n])) ++n;
  return n;
}

std::string_view skip_ows(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  return text;
}

// A quoted-string at the start of `text` (RFC 9110 5.6.4): its length, and its content unescaped into `content`
// when it fits (charset values are short). 0 when there is none.
std::size_t quoted_string(std::string_view text, char* content, std::size_t capacity, std::size_t& content_size) {
  content_size = 0;
  if (text.empty() || text.front() != '"') return 0;
  for (std::size_t i = 1; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '"') return i + 1;
    if (c == '\\') {
      if (++i == text.size()) return 0;
      c = static_cast<unsigned char>(text[i]);
      if (c != '\t' && (c < 0x20 || c == 0x7f)) return 0;  // quoted-pair: HTAB / SP / VCHAR / obs-text
    } else if (c != '\t' && (c < 0x20 || c == 0x7f)) {     // qdtext
      return 0;
    }
    if (content_size < capacity) content[content_size] = static_cast<char>(c);
    ++content_size;
  }
  return 0;  // unterminated
}

}  // namespace

REQPROBE_HOT std::string_view trim_ows(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

REQPROBE_HOT bool is_token(std::string_view name) noexcept {
  return !name.empty() && token_length(name) == name.size();
}

REQPROBE_HOT std::size_t first_bad_field_byte(std::string_view value) noexcept {
  const std::size_t n = value.size();
#if defined(__SSE2__)
  // 16 bytes at a time (a token may be 128 KiB), the last block read so that it ends at the value's end: a block
  // holding a byte below 0x20 that is not HTAB, or DEL, goes to the byte loop below, which finds the byte.
  if (n >= 16) {
    const __m128i below_space = _mm_set1_epi8(0x1F);
    const auto clean = [&](std::size_t at) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(value.data() + at));
      const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(v, below_space), below_space);  // v <= 0x1F, unsigned
      const __m128i tab = _mm_cmpeq_epi8(v, _mm_set1_epi8('\t'));
      const __m128i del = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F));
      return _mm_movemask_epi8(_mm_or_si128(_mm_andnot_si128(tab, control), del)) == 0;
    };
    std::size_t i = 0;
    for (; i + 16 <= n && clean(i); i += 16) {
    }
    if (i == n || (i + 16 > n && clean(n - 16))) return std::string_view::npos;
    for (; i < n; ++i) {
      const auto c = static_cast<unsigned char>(value[i]);
      if ((c < 0x20 && c != '\t') || c == 0x7f) return i;
    }
    return std::string_view::npos;
  }
#endif
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    if ((c < 0x20 && c != '\t') || c == 0x7f) return i;
  }
  return std::string_view::npos;
}

bool parse_media_type(std::string_view value, MediaType& out) noexcept {
  out = MediaType{};
  std::string_view rest = trim_ows(value);
  const std::size_t type = token_length(rest);
  if (type == 0 || type == rest.size() || rest[type] != '/') return false;
  out.type = rest.substr(0, type);
  rest.remove_prefix(type + 1);
  const std::size_t subtype = token_length(rest);
  if (subtype == 0) return false;
  out.subtype = rest.substr(0, subtype);
  rest.remove_prefix(subtype);
  bool charset_seen = false;
  while (true) {
    rest = skip_ows(rest);
    if (rest.empty()) return true;
    if (rest.front() != ';') return false;
    rest = skip_ows(rest.substr(1));
    if (rest.empty() || rest.front() == ';') continue;  // an empty parameter
    const std::size_t name = token_length(rest);
    if (name == 0 || name == rest.size() || rest[name] != '=') return false;
    const std::string_view parameter = rest.substr(0, name);
    rest.remove_prefix(name + 1);
    char content[16];
    std::size_t content_size = 0;
    std::string_view parameter_value;
    std::string_view written;  // the value as it stands in `value` (a quoted one without its quotes)
    if (const std::size_t quoted = quoted_string(rest, content, sizeof content, content_size); quoted != 0) {
      parameter_value = content_size <= sizeof content ? std::string_view(content, content_size) : std::string_view();
      written = rest.substr(1, quoted - 2);
      rest.remove_prefix(quoted);
    } else {
      const std::size_t token = token_length(rest);
      if (token == 0) return false;
      parameter_value = written = rest.substr(0, token);
      rest.remove_prefix(token);
    }
    if (iequals(parameter, "boundary")) out.boundary = written;
    if (iequals(parameter, "charset") && !charset_seen && iequals(parameter_value, "utf-8")) {
      charset_seen = out.charset_utf8 = true;
    } else {
      out.other_parameters = true;
    }
  }
}

bool percent_decode(std::string_view in, std::string& out) {
  out.clear();
  // Runs between escapes are copied whole: most values have none.
  for (std::size_t i = 0;;) {
    const std::size_t escape = find_byte(in, '%', i);
    out.append(in.data() + i, (escape == std::string_view::npos ? in.size() : escape) - i);
    if (escape == std::string_view::npos) return true;
    if (escape + 2 >= in.size()) return false;
    const int hi = hex(in[escape + 1]);
    const int lo = hex(in[escape + 2]);
    if (hi < 0 || lo < 0) return false;
    out.push_back(static_cast<char>(hi * 16 + lo));
    i = escape + 3;
  }
}

bool media_type_allowed(std::string_view value, const std::vector<std::string>& allowed) noexcept {
  MediaType media;
  if (!parse_media_type(value, media) || media.other_parameters) return false;
  for (const std::string& candidate : allowed) {
    const std::size_t slash = candidate.find('/');
    if (iequals(media.type, std::string_view(candidate).substr(0, slash)) &&
        iequals(media.subtype, std::string_view(candidate).substr(slash + 1)))
      return true;
  }
  return false;
}

bool is_dot_segment(std::string_view raw) noexcept {
  std::size_t dots = 0;
  for (std::size_t i = 0; i < raw.size(); ++dots) {
    if (raw[i] == '.') {
      i += 1;
    } else if (raw.size() - i >= 3 && raw[i] == '%' && raw[i + 1] == '2' && (raw[i + 2] == 'e' || raw[i + 2] == 'E')) {
      i += 3;
    } else {
      return false;
    }
  }
  return dots == 1 || dots == 2;
}

bool matches_shape(std::string_view value, std::string_view shape) noexcept {
  if (value.size() != shape.size()) return false;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == '#') {
      if (value[i] < '0' || value[i] > '9') return false;
    } else if (value[i] != shape[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace reqprobe::detail
