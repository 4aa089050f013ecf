// The mock endpoint: an HTTP/1.1 server (cpp-httplib: thread pool, keep-alive) that answers like the real service
// (shared/SPEC.md) through a MockResponder, judging each request on the exact bytes the client sent.
//
//     auto responder = std::make_shared<reqprobe::replay::MockResponder>(contract, defects);
//     reqprobe::replay::MockServer server(responder, {});
//     int port = server.start();   // bind 127.0.0.1:0 and serve on a background thread
//     ...
//     server.stop();
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "mock_responder.h"

namespace reqprobe::replay {

struct MockServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;                                ///< 0: any free port
  std::size_t threads = 64;                    ///< each keep-alive connection holds one thread while it is open
  std::chrono::milliseconds keep_alive{5000};  ///< an idle connection is closed after this
  std::chrono::milliseconds io_timeout{5000};  ///< a request that stalls this long mid-way is dropped
};

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
  /// Stops accepting, lets connections finish their current request, and joins the background thread. Idempotent.
  void stop();

  [[nodiscard]] std::uint64_t requests() const noexcept;
  [[nodiscard]] const std::string& error() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace reqprobe::replay
