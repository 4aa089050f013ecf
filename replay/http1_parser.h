// An incremental HTTP/1.1 request parser (RFC 9112), pure: bytes in, events out, no I/O, so every framing rule is
// unit-tested without a socket. The mock's server feeds it what each connection receives.
//
//     Http1Parser parser;
//     std::size_t used = 0;
//     switch (parser.parse(received, used)) {   // then drop `used` bytes from the front of `received`
//       case Http1Parser::Event::need_more: ...  // read more, call again with what is left plus the new bytes
//       case Http1Parser::Event::head: ...       // head() is ready (send 100 Continue here); call again for the body
//       case Http1Parser::Event::complete: ...   // head() and body() are the request; next() before the next one
//       case Http1Parser::Event::error: ...      // error() says why; answer it and close the connection
//     }
//
// The head is kept exactly as sent (method case, raw target, header order and repeats, values with surrounding
// OWS trimmed): the mock judges those bytes. The search for the end of a head resumes where it stopped, so a head
// that arrives in many small pieces costs time linear in its size (bytes_scanned() proves it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reqprobe/limits.h"
#include "reqprobe/request.h"

namespace reqprobe::replay {

struct Http1Limits {
  /// Request line plus header section, its blank line included; the same bound applies to a trailer section.
  std::size_t max_head_bytes = 1024 * 1024;
  /// Body bytes (decoded, for chunked): the validator's own limit, so the mock refuses exactly what it would judge
  /// `limit`, without holding it first.
  std::size_t max_body_bytes = Limits{}.max_body_bytes;
  /// One chunk-size line with its extensions.
  std::size_t max_chunk_line_bytes = 4096;
};

/// Why a request cannot be served. Every one ends the connection after its answer.
enum class Refusal {
  malformed,        ///< a request line, field line, Host, Content-Length, Transfer-Encoding or chunk RFC 9112 rejects
  head_too_large,   ///< the head or the trailer section is larger than max_head_bytes
  body_too_large,   ///< Content-Length, or the chunks received so far, exceed max_body_bytes
  not_implemented,  ///< a transfer coding other than chunked
  version,          ///< an HTTP major version other than 1
  timeout,          ///< (the server's) the head or the body did not arrive in time
  busy,             ///< (the server's) the connection cap is reached
};

struct Http1Error {
  Refusal refusal = Refusal::malformed;
  std::string message;  ///< what is wrong, in words, without quoting request bytes beyond a short name
};

/// A parsed request head. Views point into the parser's own copy of the head.
struct Http1Head {
  enum class Framing { none, content_length, chunked };

  std::string_view method;      ///< as sent ("post" stays "post")
  std::string_view target;      ///< the raw request-target
  std::string_view version;     ///< "HTTP/1.1" or "HTTP/1.0"
  int minor_version = 1;        ///< HTTP/1.x
  std::vector<Header> headers;  ///< in the order sent, repeats kept; values without surrounding SP/HTAB
  Framing framing = Framing::none;
  std::uint64_t content_length = 0;  ///< with Framing::content_length
  bool keep_alive = true;            ///< the connection may carry another request after this one's answer
  bool expect_continue = false;      ///< "Expect: 100-continue" in an HTTP/1.1 request

  [[nodiscard]] bool has_body() const noexcept { return framing != Framing::none; }
};

class Http1Parser {
 public:
  enum class Event {
    need_more,  ///< everything given is consumed or kept for later: give more bytes
    head,       ///< head() is complete; call parse() again for the body (or the end of a body-less request)
    complete,   ///< a whole request: head() and body(); call next() before parsing the next one
    error,      ///< error() says why; the parser stays in this state
  };

  explicit Http1Parser(Http1Limits limits = {});

  /// Parses `input`: the bytes received and not yet consumed, oldest first. Sets `consumed` to how many bytes at the
  /// front of `input` the caller may now drop; the rest must be given again, followed by new bytes, on the next
  /// call. With Event::complete and Content-Length framing, body() points into `input`: use it before dropping them.
  [[nodiscard]] Event parse(std::string_view input, std::size_t& consumed);

  /// Ready for the next request on the same connection (after Event::complete). Keeps small buffers for reuse.
  void next();

  [[nodiscard]] const Http1Head& head() const noexcept { return head_; }
  /// The body of a complete request: nullopt when the head framed none, else the (decoded) bytes, maybe empty.
  [[nodiscard]] std::optional<std::string_view> body() const noexcept;
  [[nodiscard]] const Http1Error& error() const noexcept { return error_; }

  /// Bytes of a request (beyond the empty lines a client may send before one) have been received.
  [[nodiscard]] bool started() const noexcept { return state_ != State::start; }
  /// The head is parsed and its body is still arriving.
  [[nodiscard]] bool in_body() const noexcept;
  /// Bytes held by the parser itself (its copy of the head and a decoded chunked body), for memory accounting.
  [[nodiscard]] std::size_t held_bytes() const noexcept;
  /// Bytes the search for the end of heads has examined, over the parser's life: linear in the bytes received.
  [[nodiscard]] std::uint64_t bytes_scanned() const noexcept { return scanned_; }

 private:
  enum class State { start, head, head_done, length_body, chunk_size, chunk_data, chunk_end, trailer, complete, error };

  Event parse_head_bytes(std::string_view input, std::size_t& consumed);
  Event parse_chunked(std::string_view input, std::size_t& consumed);
  bool parse_head(std::string_view raw);
  bool request_line(std::string_view line);
  bool field_line(std::string_view line, std::size_t number, bool trailer);
  bool framing_rules();
  bool host_rules();
  void connection_options();
  bool transfer_encoding_rules();
  bool content_length_rules();
  bool chunk_size_line(std::string_view line);
  /// The next LF-terminated line of `input` from `line_scan_`, resuming a search that stopped at its end.
  bool find_line(std::string_view input, std::string_view& line);
  Event fail(Refusal refusal, std::string message);

  Http1Limits limits_;
  State state_ = State::start;
  Http1Head head_;
  Http1Error error_;
  std::string head_bytes_;  ///< the head as received; head_'s views point here
  std::string body_;        ///< a decoded chunked body
  std::string_view length_body_;
  std::size_t scan_ = 0;        ///< head search: bytes of the current head already searched for LF
  std::size_t line_start_ = 0;  ///< head search: start of the line being received
  std::size_t line_scan_ = 0;   ///< chunked: bytes of the current line already searched for LF
  std::uint64_t chunk_left_ = 0;
  std::size_t trailer_bytes_ = 0;
  std::uint64_t scanned_ = 0;
  // Framing fields met while reading the head, judged together once it is complete.
  std::size_t host_count_ = 0;
  std::string_view host_value_;
  std::vector<std::string_view> content_lengths_, transfer_encodings_, connections_;
  std::string_view expect_;
};

}  // namespace reqprobe::replay
