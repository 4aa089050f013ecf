#include "http1_parser.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace reqprobe::replay {
namespace {

constexpr std::size_t kKeptCapacity = 64 * 1024;  // buffers larger than this are released between requests

bool is_tchar(unsigned char c) noexcept {
  // RFC 9110 5.6.2: token characters.
  static constexpr std::string_view kExtra = "!#$%&'*+-.^_`|~";
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c != 0 && kExtra.find(static_cast<char>(c)) != std::string_view::npos);
}

bool is_token(std::string_view text) noexcept {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return is_tchar(static_cast<unsigned char>(c)); });
}

char lower(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view lowercase) noexcept {
  if (a.size() != lowercase.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lowercase[i]) return false;
  return true;
}

bool is_ows(char c) noexcept {
  return c == ' ' || c == '\t';
}

std::string_view trim_ows(std::string_view text) noexcept {
  while (!text.empty() && is_ows(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_ows(text.back())) text.remove_suffix(1);
  return text;
}

// Calls `each` with every non-empty element of a comma-separated list (RFC 9110 5.6.1: empty elements are ignored).
template <typename Each>
void for_each_element(std::string_view list, Each each) {
  while (true) {
    const std::size_t comma = list.find(',');
    const std::string_view element = trim_ows(list.substr(0, comma));
    if (!element.empty()) each(element);
    if (comma == std::string_view::npos) return;
    list.remove_prefix(comma + 1);
  }
}

// RFC 9110 7.2: uri-host [":" port]; the characters of reg-name, IPv4address and IP-literal, and the port's.
bool valid_host(std::string_view host) noexcept {
  static constexpr std::string_view kAllowed = "-._~%!$&'()*+,;=:[]";
  return std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           kAllowed.find(c) != std::string_view::npos;
  });
}

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// 1*DIGIT as a number, saturated at the largest uint64 (any such length is far past every limit); nullopt for
// anything else, signs and spaces included.
std::optional<std::uint64_t> decimal(std::string_view digits) noexcept {
  if (digits.empty()) return std::nullopt;
  std::uint64_t number = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    const auto digit = static_cast<std::uint64_t>(c - '0');
    number = number > (std::numeric_limits<std::uint64_t>::max() - digit) / 10
                 ? std::numeric_limits<std::uint64_t>::max()
                 : number * 10 + digit;
  }
  return number;
}

std::string short_text(std::string_view text) {
  return text.size() <= 24 ? std::string(text) : std::string(text.substr(0, 24)) + "...";
}

}  // namespace

Http1Parser::Http1Parser(Http1Limits limits) : limits_(limits) {}

std::optional<std::string_view> Http1Parser::body() const noexcept {
  switch (head_.framing) {
    case Http1Head::Framing::none:
      return std::nullopt;
    case Http1Head::Framing::content_length:
      return length_body_;
    case Http1Head::Framing::chunked:
      return std::string_view(body_);
  }
  return std::nullopt;
}

bool Http1Parser::in_body() const noexcept {
  return state_ == State::length_body || state_ == State::chunk_size || state_ == State::chunk_data ||
         state_ == State::chunk_end || state_ == State::trailer;
}

std::size_t Http1Parser::held_bytes() const noexcept {
  return head_bytes_.capacity() + body_.capacity() + head_.headers.capacity() * sizeof(Header);
}

void Http1Parser::next() {
  state_ = State::start;
  head_.method = head_.target = head_.version = {};
  head_.minor_version = 1;
  head_.headers.clear();
  head_.framing = Http1Head::Framing::none;
  head_.content_length = 0;
  head_.keep_alive = true;
  head_.expect_continue = false;
  error_ = {};
  length_body_ = {};
  body_.clear();
  if (body_.capacity() > kKeptCapacity) std::string().swap(body_);
  if (head_bytes_.capacity() > kKeptCapacity) std::string().swap(head_bytes_);
  if (head_.headers.capacity() > 1024) std::vector<Header>().swap(head_.headers);
  scan_ = line_start_ = line_scan_ = 0;
  chunk_left_ = 0;
  trailer_bytes_ = 0;
  host_count_ = 0;
  host_value_ = {};
  content_lengths_.clear();
  transfer_encodings_.clear();
  connections_.clear();
  expect_ = {};
}

Http1Parser::Event Http1Parser::fail(Refusal refusal, std::string message) {
  state_ = State::error;
  error_.refusal = refusal;
  error_.message = std::move(message);
  return Event::error;
}

Http1Parser::Event Http1Parser::parse(std::string_view input, std::size_t& consumed) {
  consumed = 0;
  switch (state_) {
    case State::start:
    case State::head:
      return parse_head_bytes(input, consumed);
    case State::head_done:
      if (head_.framing == Http1Head::Framing::none) {
        state_ = State::complete;
        return Event::complete;
      }
      state_ = head_.framing == Http1Head::Framing::chunked ? State::chunk_size : State::length_body;
      return parse(input, consumed);
    case State::length_body:
      if (input.size() < head_.content_length) return Event::need_more;
      length_body_ = input.substr(0, head_.content_length);
      consumed = head_.content_length;
      state_ = State::complete;
      return Event::complete;
    case State::chunk_size:
    case State::chunk_data:
    case State::chunk_end:
    case State::trailer:
      return parse_chunked(input, consumed);
    case State::complete:
      return Event::complete;
    case State::error:
      return Event::error;
  }
  return Event::error;
}

Http1Parser::Event Http1Parser::parse_head_bytes(std::string_view input, std::size_t& consumed) {
  if (state_ == State::start) {
    // RFC 9112 2.2: empty lines before the request line are ignored.
    while (input.size() - consumed >= 2 && input[consumed] == '\r' && input[consumed + 1] == '\n') consumed += 2;
    const std::size_t left = input.size() - consumed;
    if (left == 0 || (left == 1 && input[consumed] == '\r')) return Event::need_more;
    state_ = State::head;
    scan_ = line_start_ = 0;
  }
  const std::string_view rest = input.substr(consumed);
  // Only LF ends a line here; the head is parsed strictly (CRLF, no bare CR) once its end is found. The search
  // resumes at scan_, so each byte is examined once however the head is split into reads.
  while (true) {
    const void* found = scan_ < rest.size() ? std::memchr(rest.data() + scan_, '\n', rest.size() - scan_) : nullptr;
    if (found == nullptr) {
      scanned_ += rest.size() - scan_;
      scan_ = rest.size();
      if (scan_ > limits_.max_head_bytes)
        return fail(Refusal::head_too_large,
                    "the request head is larger than " + std::to_string(limits_.max_head_bytes) + " bytes");
      return Event::need_more;
    }
    const std::size_t lf = static_cast<std::size_t>(static_cast<const char*>(found) - rest.data());
    scanned_ += lf + 1 - scan_;
    scan_ = lf + 1;
    const std::size_t length = lf - line_start_;
    const bool empty = length == 0 || (length == 1 && rest[line_start_] == '\r');
    const bool first_line = line_start_ == 0;
    line_start_ = scan_;
    if (scan_ > limits_.max_head_bytes)
      return fail(Refusal::head_too_large,
                  "the request head is larger than " + std::to_string(limits_.max_head_bytes) + " bytes");
    if (empty && !first_line) break;
    if (empty) return fail(Refusal::malformed, "the request line is empty");
  }
  if (!parse_head(rest.substr(0, scan_))) return Event::error;
  consumed += scan_;
  state_ = State::head_done;
  return Event::head;
}

bool Http1Parser::parse_head(std::string_view raw) {
  head_bytes_.assign(raw.data(), raw.size());
  std::string_view text = head_bytes_;
  for (std::size_t number = 0; !text.empty(); ++number) {
    const std::size_t lf = text.find('\n');
    std::string_view line = text.substr(0, lf);
    text.remove_prefix(lf + 1);
    // RFC 9112 2.2: lines end in CRLF; a bare CR anywhere is invalid. Rejected rather than repaired.
    if (line.empty() || line.back() != '\r') {
      fail(Refusal::malformed, "line " + std::to_string(number + 1) + " of the head ends in a bare LF");
      return false;
    }
    line.remove_suffix(1);
    if (line.find('\r') != std::string_view::npos) {
      fail(Refusal::malformed, "line " + std::to_string(number + 1) + " of the head holds a bare CR");
      return false;
    }
    if (number == 0) {
      if (!request_line(line)) return false;
    } else if (!line.empty()) {
      if (!field_line(line, number + 1, false)) return false;
    }
  }
  return framing_rules();
}

bool Http1Parser::request_line(std::string_view line) {
  // RFC 9112 3: method SP request-target SP HTTP-version, exactly two spaces.
  const std::size_t first = line.find(' ');
  const std::size_t second = first == std::string_view::npos ? first : line.find(' ', first + 1);
  if (first == std::string_view::npos || second == std::string_view::npos ||
      line.find(' ', second + 1) != std::string_view::npos) {
    fail(Refusal::malformed, "the request line is not METHOD SP TARGET SP VERSION (a space in the target?)");
    return false;
  }
  head_.method = line.substr(0, first);
  head_.target = line.substr(first + 1, second - first - 1);
  head_.version = line.substr(second + 1);
  if (!is_token(head_.method)) {
    fail(Refusal::malformed, "the method is not a token");
    return false;
  }
  if (head_.target.empty()) {
    fail(Refusal::malformed, "the request-target is empty");
    return false;
  }
  const std::string_view v = head_.version;
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (v.size() != 8 || v.substr(0, 5) != "HTTP/" || !digit(v[5]) || v[6] != '.' || !digit(v[7])) {
    fail(Refusal::malformed, "the HTTP version is malformed");
    return false;
  }
  if (v[5] != '1') {
    fail(Refusal::version, "HTTP/" + std::string(1, v[5]) + " is not supported (HTTP/1.0 and HTTP/1.1 are)");
    return false;
  }
  head_.minor_version = v[7] - '0';
  return true;
}

bool Http1Parser::field_line(std::string_view line, std::size_t number, bool trailer) {
  // Messages are built only on failure: a valid head allocates nothing here.
  const auto reject = [&](std::string_view what) {
    fail(Refusal::malformed,
         (trailer ? std::string("a trailer line") : "line " + std::to_string(number) + " of the head") +
             std::string(what));
    return false;
  };
  if (is_ows(line.front())) return reject(" is folded (starts with whitespace): obsolete line folding is refused");
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return reject(" has no colon");
  const std::string_view name = line.substr(0, colon);
  if (name.empty()) return reject(" has an empty field name");
  if (is_ows(name.back())) return reject(" has whitespace between the field name and the colon");
  if (!is_token(name)) return reject(" has a field name that is not a token");
  const std::string_view value = trim_ows(line.substr(colon + 1));
  // RFC 9110 5.5: CR, LF and NUL are never kept in a value (CR and LF cannot reach here).
  if (value.find('\0') != std::string_view::npos) return reject(" has a NUL in its value");
  if (trailer) return true;  // trailer fields are checked, then dropped: the validator judges the header section
  head_.headers.push_back({name, value});
  switch (name.size()) {
    case 4:
      if (iequals(name, "host")) {
        ++host_count_;
        host_value_ = value;
      }
      break;
    case 6:
      if (iequals(name, "expect")) expect_ = value;
      break;
    case 10:
      if (iequals(name, "connection")) connections_.push_back(value);
      break;
    case 14:
      if (iequals(name, "content-length")) content_lengths_.push_back(value);
      break;
    case 17:
      if (iequals(name, "transfer-encoding")) transfer_encodings_.push_back(value);
      break;
    default:
      break;
  }
  return true;
}

bool Http1Parser::framing_rules() {
  if (!host_rules()) return false;
  connection_options();
  if (!transfer_encodings_.empty()) return transfer_encoding_rules();  // it wins over Content-Length
  if (!content_lengths_.empty()) return content_length_rules();
  return true;
}

bool Http1Parser::host_rules() {
  // RFC 9112 3.2: exactly one Host in HTTP/1.1, at most one in HTTP/1.0, with a valid value.
  if (host_count_ > 1) {
    fail(Refusal::malformed, "Host is repeated");
    return false;
  }
  if (host_count_ == 0 && head_.minor_version >= 1) {
    fail(Refusal::malformed, "Host is missing (HTTP/1.1 requires it)");
    return false;
  }
  if (host_count_ == 1 && !valid_host(host_value_)) {
    fail(Refusal::malformed, "the Host value is not a host[:port]");
    return false;
  }
  return true;
}

void Http1Parser::connection_options() {
  bool close = false, keep_alive = false;
  for (const std::string_view value : connections_) {
    for_each_element(value, [&](std::string_view option) {
      if (iequals(option, "close")) close = true;
      if (iequals(option, "keep-alive")) keep_alive = true;
    });
  }
  head_.keep_alive = !close && (head_.minor_version >= 1 || keep_alive);
  // RFC 9110 10.1.1: an HTTP/1.0 client cannot understand 100 Continue. Other expectations are ignored.
  head_.expect_continue = head_.minor_version >= 1 && iequals(trim_ows(expect_), "100-continue");
}

bool Http1Parser::transfer_encoding_rules() {
  // RFC 9112 6.1: chunked must be the final coding, applied once; other codings are not implemented here.
  if (head_.minor_version == 0) {
    fail(Refusal::malformed, "Transfer-Encoding in an HTTP/1.0 request");
    return false;
  }
  std::vector<std::string_view> codings;
  bool malformed = false;
  for (const std::string_view value : transfer_encodings_) {
    for_each_element(value, [&](std::string_view element) {
      const std::size_t semicolon = element.find(';');
      const std::string_view name = trim_ows(element.substr(0, semicolon));
      if (!is_token(name) || (semicolon != std::string_view::npos && iequals(name, "chunked"))) malformed = true;
      codings.push_back(name);
    });
  }
  if (malformed) {
    fail(Refusal::malformed, "Transfer-Encoding is not a list of transfer codings");
    return false;
  }
  if (codings.empty() || !iequals(codings.back(), "chunked")) {
    fail(Refusal::malformed, "chunked is not the final transfer coding, so the body length is unknown");
    return false;
  }
  for (std::size_t i = 0; i + 1 < codings.size(); ++i) {
    if (iequals(codings[i], "chunked")) {
      fail(Refusal::malformed, "chunked is applied more than once");
      return false;
    }
  }
  if (codings.size() > 1) {
    fail(Refusal::not_implemented, "the transfer coding " + short_text(codings.front()) + " is not implemented");
    return false;
  }
  head_.framing = Http1Head::Framing::chunked;
  // With Content-Length too, the message is framed by Transfer-Encoding alone and the connection must close.
  if (!content_lengths_.empty()) head_.keep_alive = false;
  return true;
}

bool Http1Parser::content_length_rules() {
  // RFC 9112 6.3 and RFC 9110 8.6: 1*DIGIT. Repeats (lines or a list) are accepted only when all are the same
  // number, which is what a proxy that combined duplicates sends; different values make the length unknowable.
  std::optional<std::uint64_t> length;
  std::string_view first;
  bool invalid = false, differ = false;
  for (std::string_view list : content_lengths_) {
    while (true) {
      const std::size_t comma = list.find(',');
      const std::string_view element = trim_ows(list.substr(0, comma));
      const std::optional<std::uint64_t> number = decimal(element);
      if (!number) invalid = true;
      if (number && length && *length != *number) differ = true;
      if (number && !length) {
        length = number;
        first = element;
      }
      if (comma == std::string_view::npos) break;
      list.remove_prefix(comma + 1);
    }
  }
  if (invalid) {
    fail(Refusal::malformed, "Content-Length is not a decimal number");
    return false;
  }
  if (differ) {
    fail(Refusal::malformed, "Content-Length has different values");
    return false;
  }
  if (*length > limits_.max_body_bytes) {  // a saturated 23-digit value included
    fail(Refusal::body_too_large,
         "body of " + short_text(first) + " bytes exceeds the limit of " + std::to_string(limits_.max_body_bytes));
    return false;
  }
  head_.framing = Http1Head::Framing::content_length;
  head_.content_length = *length;
  return true;
}

bool Http1Parser::find_line(std::string_view input, std::string_view& line) {
  const void* found =
      line_scan_ < input.size() ? std::memchr(input.data() + line_scan_, '\n', input.size() - line_scan_) : nullptr;
  if (found == nullptr) {
    line_scan_ = input.size();
    return false;
  }
  const auto lf = static_cast<std::size_t>(static_cast<const char*>(found) - input.data());
  line_scan_ = 0;
  line = input.substr(0, lf + 1);
  return true;
}

Http1Parser::Event Http1Parser::parse_chunked(std::string_view input, std::size_t& consumed) {
  // RFC 9112 7.1: chunk-size [chunk-ext] CRLF chunk-data CRLF ... last-chunk trailer-section CRLF.
  while (true) {
    const std::string_view rest = input.substr(consumed);
    switch (state_) {
      case State::chunk_size: {
        std::string_view line;
        if (!find_line(rest, line)) {
          if (rest.size() > limits_.max_chunk_line_bytes)
            return fail(Refusal::malformed,
                        "a chunk-size line is longer than " + std::to_string(limits_.max_chunk_line_bytes) + " bytes");
          return Event::need_more;
        }
        if (line.size() > limits_.max_chunk_line_bytes + 2)
          return fail(Refusal::malformed,
                      "a chunk-size line is longer than " + std::to_string(limits_.max_chunk_line_bytes) + " bytes");
        consumed += line.size();
        if (!chunk_size_line(line)) return Event::error;
        break;
      }
      case State::chunk_data: {
        const std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(chunk_left_, rest.size()));
        body_.append(rest.data(), take);
        consumed += take;
        chunk_left_ -= take;
        if (chunk_left_ > 0) return Event::need_more;
        state_ = State::chunk_end;
        break;
      }
      case State::chunk_end: {
        const bool crlf_so_far = rest.empty() || (rest[0] == '\r' && (rest.size() == 1 || rest[1] == '\n'));
        if (!crlf_so_far) return fail(Refusal::malformed, "chunk data is not followed by CRLF");
        if (rest.size() < 2) return Event::need_more;
        consumed += 2;
        state_ = State::chunk_size;
        break;
      }
      case State::trailer: {
        std::string_view line;
        const bool found = find_line(rest, line);
        if (trailer_bytes_ + (found ? line.size() : rest.size()) > limits_.max_head_bytes)
          return fail(Refusal::head_too_large,
                      "the trailer section is larger than " + std::to_string(limits_.max_head_bytes) + " bytes");
        if (!found) return Event::need_more;
        consumed += line.size();
        trailer_bytes_ += line.size();
        if (line.size() < 2 || line[line.size() - 2] != '\r')
          return fail(Refusal::malformed, "a trailer line ends in a bare LF");
        line.remove_suffix(2);
        if (line.find('\r') != std::string_view::npos)
          return fail(Refusal::malformed, "a trailer line holds a bare CR");
        if (line.empty()) {
          state_ = State::complete;
          return Event::complete;
        }
        if (!field_line(line, 0, true)) return Event::error;
        break;
      }
      default:
        return Event::error;
    }
  }
}

bool Http1Parser::chunk_size_line(std::string_view line) {
  if (line.size() < 2 || line[line.size() - 2] != '\r') {
    fail(Refusal::malformed, "a chunk-size line ends in a bare LF");
    return false;
  }
  line.remove_suffix(2);
  std::uint64_t size = 0;
  bool overflow = false;
  std::size_t i = 0;
  for (; i < line.size() && hex_value(line[i]) >= 0; ++i) {
    if (size > (std::numeric_limits<std::uint64_t>::max() >> 4)) overflow = true;
    size = overflow ? size : (size << 4) | static_cast<std::uint64_t>(hex_value(line[i]));
  }
  if (i == 0) {
    fail(Refusal::malformed, "a chunk size is not hexadecimal");
    return false;
  }
  std::string_view extension = line.substr(i);
  while (!extension.empty() && is_ows(extension.front())) extension.remove_prefix(1);  // BWS before ';'
  if (!extension.empty() &&
      (extension.front() != ';' || extension.find_first_of(std::string_view("\r\0", 2)) != std::string_view::npos)) {
    fail(Refusal::malformed, "a chunk-size line has bytes after the size that are not a chunk extension");
    return false;
  }
  if (overflow || size > limits_.max_body_bytes - body_.size()) {
    fail(Refusal::body_too_large, "chunked body of more than " + std::to_string(limits_.max_body_bytes) +
                                      " bytes exceeds the limit of " + std::to_string(limits_.max_body_bytes));
    return false;
  }
  chunk_left_ = size;
  state_ = size == 0 ? State::trailer : State::chunk_data;
  return true;
}

}  // namespace reqprobe::replay
