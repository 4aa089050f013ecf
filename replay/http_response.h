// Writes HTTP/1.1 responses: status line, the mock's few header fields and the body, appended to one buffer so
// that a response (or several pipelined ones) leaves in one send. Pure: no I/O.
#pragma once

#include <ctime>
#include <string>
#include <string_view>

namespace reqprobe::replay {

struct ResponseParts {
  int status = 200;
  std::string_view request_id;     ///< X-Request-Id (every answer has one)
  std::string_view content_type;   ///< empty: no Content-Type
  std::string_view extra_headers;  ///< more fields, each written "\r\nName: value" (the documented ones of a success)
  std::string_view body;
  int retry_after_seconds = 0;  ///< > 0: Retry-After
  bool close = false;           ///< Connection: close (the server closes after sending it)
  bool keep_alive = false;      ///< Connection: keep-alive (an HTTP/1.0 client that asked to keep the connection)
  bool head = false;            ///< the answer to HEAD: the same fields, Content-Length included, but no body
};

/// The reason phrase of the statuses the mock sends ("Bad Request"); "Unknown" for others.
[[nodiscard]] std::string_view reason_phrase(int status) noexcept;

/// Appends the response to `out`. `date` is an IMF-fixdate (http_date()).
void append_response(std::string& out, const ResponseParts& parts, std::string_view date);

/// The interim answer to "Expect: 100-continue".
inline constexpr std::string_view kContinueResponse = "HTTP/1.1 100 Continue\r\n\r\n";

/// An IMF-fixdate (RFC 9110 5.6.7), e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
[[nodiscard]] std::string http_date(std::time_t time);

}  // namespace reqprobe::replay
