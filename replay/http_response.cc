#include "http_response.h"

#include <array>
#include <charconv>

namespace reqprobe::replay {
namespace {

void append_number(std::string& out, std::size_t value) {
  std::array<char, 24> digits{};
  const auto result = std::to_chars(digits.data(), digits.data() + digits.size(), value);
  out.append(digits.data(), result.ptr);
}

}  // namespace

std::string_view reason_phrase(int status) noexcept {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 404:
      return "Not Found";
    case 408:
      return "Request Timeout";
    case 413:
      return "Content Too Large";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    case 505:
      return "HTTP Version Not Supported";
    default:
      return "Unknown";
  }
}

void append_response(std::string& out, const ResponseParts& parts, std::string_view date) {
  out += "HTTP/1.1 ";
  append_number(out, static_cast<std::size_t>(parts.status));
  out += ' ';
  out += reason_phrase(parts.status);
  out += "\r\nDate: ";
  out += date;
  out += "\r\nX-Request-Id: ";
  out += parts.request_id;
  if (parts.retry_after_seconds > 0) {
    out += "\r\nRetry-After: ";
    append_number(out, static_cast<std::size_t>(parts.retry_after_seconds));
  }
  out += parts.extra_headers;
  if (!parts.content_type.empty()) {
    out += "\r\nContent-Type: ";
    out += parts.content_type;
  }
  out += "\r\nContent-Length: ";
  append_number(out, parts.body.size());
  if (parts.close)
    out += "\r\nConnection: close";
  else if (parts.keep_alive)
    out += "\r\nConnection: keep-alive";
  out += "\r\n\r\n";
  if (!parts.head) out += parts.body;
}

std::string http_date(std::time_t time) {
  // Written by hand: strftime's day and month names follow the locale, and HTTP's are always English.
  static constexpr std::array<std::string_view, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::tm utc{};
  ::gmtime_r(&time, &utc);
  const auto two = [](std::string& out, int value) {
    out += static_cast<char>('0' + value / 10 % 10);
    out += static_cast<char>('0' + value % 10);
  };
  std::string out;
  out.reserve(29);
  out += kDays[static_cast<std::size_t>(utc.tm_wday) % 7];
  out += ", ";
  two(out, utc.tm_mday);
  out += ' ';
  out += kMonths[static_cast<std::size_t>(utc.tm_mon) % 12];
  out += ' ';
  append_number(out, static_cast<std::size_t>(utc.tm_year + 1900));
  out += ' ';
  two(out, utc.tm_hour);
  out += ':';
  two(out, utc.tm_min);
  out += ':';
  two(out, utc.tm_sec);
  out += " GMT";
  return out;
}

}  // namespace reqprobe::replay
