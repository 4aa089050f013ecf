#include "json_string.h"

#include "simd/string_kernels.h"
#include "utf8.h"

namespace reqprobe::detail {
namespace {

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads \uXXXX at data[pos] (pointing at the backslash); returns -1 when malformed.
long read_u_escape(const char* data, std::size_t n, std::size_t pos) noexcept {
  if (pos + 6 > n || data[pos] != '\\' || data[pos + 1] != 'u') return -1;
  long value = 0;
  for (std::size_t k = 2; k < 6; ++k) {
    const int h = hex_value(data[pos + k]);
    if (h < 0) return -1;
    value = value * 16 + h;
  }
  return value;
}

}  // namespace

StringScan scan_string_slow(const char* data, std::size_t n, std::size_t pos) noexcept {
  StringScan scan;
  const auto* u = reinterpret_cast<const unsigned char*>(data);
  const simd::SegmentKernel segment = simd::active_kernels().scan_segment;
  std::size_t count = 0;
  while (true) {
    if (pos < n && u[pos] != '\\') {  // a run of content up to the next quote, backslash or control byte
      const simd::SegmentScan run = segment(u + pos, n - pos);
      pos += run.length;
      count += run.code_points;
      if (!run.utf8_ok) scan.encoding_ok = false;
    }
    if (pos >= n) {
      scan.status = StringScan::Status::unterminated;
      scan.end = n;
      return scan;
    }
    const unsigned char c = u[pos];
    if (c == '"') {
      scan.code_points = static_cast<std::uint32_t>(count);
      scan.end = pos + 1;
      return scan;
    }
    if (c < 0x20) {
      scan.status = StringScan::Status::control_char;
      scan.end = pos;
      return scan;
    }
    // Backslash escape.
    scan.escaped = true;
    if (pos + 1 >= n) {
      scan.status = StringScan::Status::unterminated;
      scan.end = n;
      return scan;
    }
    const char e = data[pos + 1];
    if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
      pos += 2;
      ++count;
      continue;
    }
    if (e != 'u') {
      scan.status = StringScan::Status::bad_escape;
      scan.end = pos;
      return scan;
    }
    const long unit = read_u_escape(data, n, pos);
    if (unit < 0) {
      scan.status = StringScan::Status::bad_escape;
      scan.end = pos;
      return scan;
    }
    pos += 6;
    ++count;
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      const long low = read_u_escape(data, n, pos);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        pos += 6;  // a pair is one code point
      } else {
        scan.encoding_ok = false;  // lone high surrogate
      }
    } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
      scan.encoding_ok = false;  // lone low surrogate
    }
  }
}

void decode_string(std::string_view raw, std::string& out) {
  const char* data = raw.data();
  const auto* u = reinterpret_cast<const unsigned char*>(data);
  const std::size_t n = raw.size();
  constexpr std::uint32_t kReplacement = 0xFFFD;
  for (std::size_t pos = 0; pos < n;) {
    const unsigned char c = u[pos];
    if (c >= 0x80) {
      const std::size_t len = utf8_sequence_length(u, pos, n);
      if (len == 0) {
        utf8_append(out, kReplacement);
        ++pos;
      } else {
        out.append(data + pos, len);
        pos += len;
      }
      continue;
    }
    if (c != '\\' || pos + 1 >= n) {
      out.push_back(static_cast<char>(c));
      ++pos;
      continue;
    }
    const char e = data[pos + 1];
    switch (e) {
      case 'b':
        out.push_back('\b');
        break;
      case 'f':
        out.push_back('\f');
        break;
      case 'n':
        out.push_back('\n');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case 't':
        out.push_back('\t');
        break;
      case 'u':
        break;
      default:
        out.push_back(e);
        break;
    }
    if (e != 'u') {
      pos += 2;
      continue;
    }
    const long unit = read_u_escape(data, n, pos);
    if (unit < 0) {  // not reached for scanned strings; keep the bytes rather than guess
      out.push_back('\\');
      ++pos;
      continue;
    }
    pos += 6;
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      const long low = read_u_escape(data, n, pos);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        pos += 6;
        utf8_append(out, static_cast<std::uint32_t>(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)));
      } else {
        utf8_append(out, kReplacement);
      }
    } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
      utf8_append(out, kReplacement);
    } else {
      utf8_append(out, static_cast<std::uint32_t>(unit));
    }
  }
}

}  // namespace reqprobe::detail
