#include "wire_request.h"

#include <algorithm>
#include <cctype>

namespace reqprobe::replay {
namespace {

bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// A field by its name, or by its place when the name is not a token (a reason never carries odd bytes).
std::string header_label(std::size_t index, std::string_view name) {
  if (is_http_token(name)) return std::string(name);
  return "header field " + std::to_string(index + 1) + " as sent (Host first)";
}

bool is_decimal(std::string_view text) noexcept {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The decimal value equals `size`, leading zeros allowed (RFC 9112 8.6: 1*DIGIT), without overflowing.
bool decimal_equals(std::string_view text, std::size_t size) noexcept {
  while (text.size() > 1 && text.front() == '0') text.remove_prefix(1);
  return text == std::to_string(size);
}

}  // namespace

bool is_http_token(std::string_view text) noexcept {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
  });
}

std::string unsendable_reason(std::string_view method, std::string_view target, const HeaderList& headers,
                              std::optional<std::string_view> body) {
  if (!is_http_token(method)) return "the method is not an HTTP token (RFC 9110 9.1)";
  if (target.empty()) return "the request-target is empty";
  if (target.find_first_of(std::string_view(" \t\v\f\r\n\0", 7)) != std::string_view::npos)
    return "the request-target holds whitespace, CR, LF or NUL, which would end it on the request line";
  for (std::size_t i = 0; i < headers.size(); ++i)
    if (!is_http_token(headers[i].first))
      return "the name of " + header_label(i, headers[i].first) + " is not an HTTP token (RFC 9110 5.1)";
  for (std::size_t i = 0; i < headers.size(); ++i) {
    const std::string& value = headers[i].second;
    if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos)
      return "the value of " + header_label(i, headers[i].first) +
             " holds CR, LF or NUL, which would end the field and start another one";
  }
  std::size_t hosts = 0, lengths = 0;
  for (const auto& [name, value] : headers) {
    if (iequals(name, "host")) ++hosts;
    if (iequals(name, "transfer-encoding"))
      return "the case has its own Transfer-Encoding field: libcurl would chunk the body, so other bytes would go out";
    if (!iequals(name, "content-length")) continue;
    if (++lengths > 1) return "the case has more than one Content-Length field";
    if (!body) return "the case has a Content-Length field but sends no body";
    if (!is_decimal(value) || !decimal_equals(value, body->size()))
      return "the Content-Length field says \"" +
             (is_decimal(value) && value.size() <= 20 ? value : std::string("...")) + "\" but the body has " +
             std::to_string(body->size()) + " bytes";
  }
  if (hosts > 1) return "the case has more than one Host field: libcurl sends only the first";
  return {};
}

}  // namespace reqprobe::replay
