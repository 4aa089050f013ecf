// A small event-driven HTTP/1.1 server: non-blocking sockets and one epoll set per worker thread (the listening
// socket is shared with EPOLLEXCLUSIVE), so a slow or idle client costs a descriptor and a buffer, never a thread.
// Requests are framed by http1_parser.h; what to answer is the handler's business (the mock's is MockServer).
//
// Every phase of a connection has a deadline: the first request's head must arrive within head_timeout of the
// accept, a later one's within idle_timeout + head_timeout, a body within body_timeout of its head, a response
// must drain within send_timeout. At most max_connections are open; past that a new connection gets 503 and is
// closed. A request the parser refuses gets its answer, then a lingering close (Connection: close, writes shut
// down, what the client still sends read and dropped for a bounded time and amount, then close), so the client
// reads the answer instead of a reset, and nothing it sends after is buffered.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "http1_parser.h"

namespace reqprobe::replay {

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;                                    ///< 0: any free port
  std::size_t threads = 0;                         ///< worker threads, one event loop each; 0: four per CPU, at most 64
  std::size_t max_connections = 1024;              ///< open at once; lowered to fit the process's descriptor limit
  std::chrono::milliseconds idle_timeout{5000};    ///< a kept-alive connection waits this long for the next request
  std::chrono::milliseconds head_timeout{10000};   ///< a whole head, from its first byte (first request: the accept)
  std::chrono::milliseconds body_timeout{30000};   ///< a whole body, from the end of its head
  std::chrono::milliseconds send_timeout{10000};   ///< a client that reads nothing of a pending answer this long
  std::chrono::milliseconds linger_timeout{2000};  ///< lingering close: how long to drain after an error answer
  std::size_t linger_bytes = 16 * 1024 * 1024;     ///< lingering close: how much to drain (read and dropped)
  Http1Limits limits;                              ///< head and body limits
};

/// What to do with one request.
struct HttpAnswer {
  enum class Action {
    answer,  ///< send the response after `delay`
    reset,   ///< after `delay`, reset the connection (TCP RST: SO_LINGER 0) without answering
  };
  Action action = Action::answer;
  int status = 200;
  std::string_view content_type;   ///< a static string; empty: none
  std::string_view extra_headers;  ///< a static string of "\r\nName: value" fields; empty: none
  std::string body;
  int retry_after_seconds = 0;
  std::chrono::milliseconds delay{0};  ///< nothing more is read from the connection meanwhile
};

/// Decides answers. Called on the worker threads, concurrently: implementations must be thread-safe.
class HttpHandler {
 public:
  virtual ~HttpHandler() = default;
  /// A complete request. `body` is nullopt when the head framed none.
  [[nodiscard]] virtual HttpAnswer answer(const Http1Head& head, std::optional<std::string_view> body) = 0;
  /// A request refused before it reached answer() (or a timeout, or the connection cap). The connection closes
  /// after this answer whatever its action; a delay is ignored.
  [[nodiscard]] virtual HttpAnswer refuse(const Http1Error& error) = 0;
};

/// Counters, for tests and the command's summary.
struct HttpServerStats {
  std::uint64_t accepted = 0;             ///< connections accepted, refused ones included
  std::uint64_t refused = 0;              ///< connections refused at the cap (503)
  std::uint64_t open = 0;                 ///< connections open now
  std::uint64_t requests = 0;             ///< complete requests given to the handler
  std::uint64_t rejected = 0;             ///< requests refused by the parser (framing, limits)
  std::uint64_t timed_out = 0;            ///< connections closed by a head, body or send deadline
  std::uint64_t buffered_bytes = 0;       ///< bytes held now for requests being received (buffers' capacity)
  std::uint64_t peak_buffered_bytes = 0;  ///< the most ever held at once
};

class HttpServer {
 public:
  HttpServer(std::shared_ptr<HttpHandler> handler, HttpServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// Binds and listens. Returns the port, or -1 with error() set.
  [[nodiscard]] int bind();
  /// Serves until stop() (from another thread or a signal watcher). Call after bind().
  void serve();
  /// bind() and serve() on a background thread. Returns the port, or -1 with error() set.
  [[nodiscard]] int start();
  /// Stops: answers delayed answers at once, closes every connection and the listening socket, and returns once
  /// serve() has. Idempotent; safe before serve().
  void stop();

  [[nodiscard]] HttpServerStats stats() const noexcept;
  [[nodiscard]] const std::string& error() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace reqprobe::replay
