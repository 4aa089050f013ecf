// The mock endpoint: an HTTP/1.1 server (http_server.h: event loops, deadlines, a connection cap) that answers like
// the real service (shared/SPEC.md) through a MockResponder, judging each request on the exact bytes the client
// sent. Requests whose framing RFC 9112 rejects never reach the responder: they get 400 HSS.0002 (431 for a head
// over the limit, 501 for an unknown transfer coding, 505 for HTTP/2+), and a body over the validator's body
// limit gets 400 HSS.0002 as soon as its Content-Length is read, before any of it is buffered.
//
//     auto responder = std::make_shared<reqprobe::replay::MockResponder>(contract, defects);
//     reqprobe::replay::MockServer server(responder, {});
//     int port = server.start();   // bind 127.0.0.1:0 and serve on a background thread
//     ...
//     server.stop();
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "http_server.h"
#include "mock_responder.h"

namespace reqprobe::replay {

/// Where to listen, how many event loops, and the connection limits (http_server.h). The body limit defaults to
/// the validator's (Limits::max_body_bytes), so refusing early answers what validating would.
using MockServerOptions = HttpServerOptions;

class MockServer {
 public:
  MockServer(std::shared_ptr<const MockResponder> responder, MockServerOptions options);
  ~MockServer();
  MockServer(const MockServer&) = delete;
  MockServer& operator=(const MockServer&) = delete;

  /// Binds the listening socket. Returns the port, or -1 with error() set.
  [[nodiscard]] int bind();
  /// Serves until stop() (from another thread or a signal watcher). Call after bind().
  void serve();
  /// bind() and serve() on a background thread. Returns the port, or -1 with error() set.
  [[nodiscard]] int start();
  /// Stops accepting, sends answers that were waiting on a delay, closes every connection, and returns once
  /// serve() has. Idempotent.
  void stop();

  /// Requests answered or dropped: those the responder judged plus those refused for their framing or size.
  [[nodiscard]] std::uint64_t requests() const noexcept;
  [[nodiscard]] HttpServerStats stats() const noexcept;
  [[nodiscard]] const std::string& error() const noexcept;

 private:
  class Handler;
  Handler* handler_ = nullptr;  ///< owned by server_
  std::unique_ptr<HttpServer> server_;
};

}  // namespace reqprobe::replay
