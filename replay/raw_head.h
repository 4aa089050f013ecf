// A request head exactly as the client sent it (request line and header fields in order, repeats kept), and the
// small canonical head cpp-httplib was given when the mock was built on it.
//
// No longer used by the mock, which parses heads strictly with http1_parser.h. Kept only because
// tests/replay/replay_unit_test.cc (not the mock's file) still tests it; delete both together.
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
