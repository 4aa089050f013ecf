// A request head exactly as the client sent it (request line and header fields in order, repeats kept), and the
// small canonical head cpp-httplib is given instead. httplib parses heads with limits compiled into Debian's
// library (8 KiB per header line, a fixed method list) and folds header order into a map; the mock must judge the
// exact bytes (a 32,768-character token, the method "post", repeated headers), so it validates this captured head
// and lets httplib do only what it is good at: framing the body, keep-alive and writing the response.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "reqprobe/request.h"

namespace reqprobe::replay {

/// One captured head. Views point into `bytes`, so it is neither copied nor moved: assign() refills it in place.
class RawHead {
 public:
  RawHead() = default;
  RawHead(const RawHead&) = delete;
  RawHead& operator=(const RawHead&) = delete;

  /// Takes the head as received (request line and header lines, each ending in CRLF; the blank line excluded).
  void assign(std::string_view head);

  std::string_view method;      ///< first token of the request line, as sent ("post" stays "post")
  std::string_view target;      ///< between the first and the last space, as sent
  std::string_view version;     ///< last token, e.g. "HTTP/1.1"
  std::vector<Header> headers;  ///< in the order sent; values without surrounding spaces and tabs (RFC 9112 OWS)
  bool has_content_length = false;
  bool chunked = false;  ///< a Transfer-Encoding header is present

  /// True when the head frames a body (Content-Length or Transfer-Encoding), even an empty one.
  [[nodiscard]] bool frames_body() const noexcept { return has_content_length || chunked; }

  /// The head cpp-httplib is given: "POST / HTTP/1.1" (or HEAD, which must stay HEAD so that no body is written
  /// back), only the headers it needs for framing and connection handling (Content-Length, Transfer-Encoding,
  /// Connection, Expect), and "Content-Length: 0" when the client framed no body, so httplib never waits for one.
  [[nodiscard]] std::string canonical_head() const;

 private:
  std::string bytes_;
};

}  // namespace reqprobe::replay
