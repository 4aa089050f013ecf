#include "mock_server.h"

#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <optional>
#include <random>
#include <thread>

#include "capturing_stream.h"
#include "error_response.h"

namespace reqprobe::replay {
namespace {

constexpr std::size_t kKeepAliveMaxRequests = 1'000'000;  // httplib's default of 5 would defeat keep-alive
constexpr std::size_t kPayloadMax = 64 * 1024 * 1024;     // beyond the validator's 8 MiB body limit
constexpr int kListenBacklog = 1024;                      // Debian's httplib listens with a backlog of 5

// The connection a worker thread is serving: the handler reads the captured head through it.
struct Connection {
  CapturingStream& stream;
  bool close_after = false;  ///< the request left unread bytes behind (a HEAD with a body): end the connection
};
thread_local Connection* tl_connection = nullptr;

// One Validator per worker thread (a Validator is not thread-safe; the contract is shared).
Validator& thread_validator(const std::shared_ptr<const Contract>& contract) {
  thread_local std::optional<Validator> validator;
  thread_local const Contract* owner = nullptr;
  if (!validator || owner != contract.get()) {
    validator.emplace(contract);
    owner = contract.get();
  }
  return *validator;
}

std::string request_id() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string id(32, '0');
  for (std::size_t half = 0; half < 2; ++half) {
    std::uint64_t bits = random();
    for (std::size_t i = 0; i < 16; ++i, bits >>= 4) id[half * 16 + i] = kDigits[bits & 15];
  }
  return id;
}

}  // namespace

// httplib's Server with the connection loop replaced: each connection is read through a CapturingStream, so the
// handler sees the exact head, while httplib still frames bodies and writes responses (process_request).
class CapturingServer final : public httplib::Server {
 public:
  CapturingServer(const std::atomic<bool>& stopping, const MockServerOptions& options)
      : stopping_(stopping), options_(options) {}

  void widen_backlog() {
    const socket_t sock = svr_sock_;
    if (sock != INVALID_SOCKET) ::listen(sock, kListenBacklog);  // Linux updates the backlog of a listening socket
  }

 private:
  bool process_and_close_socket(socket_t sock) override {
    const int on = 1;
    ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    CapturingStream stream(sock, stopping_, options_.io_timeout);
    Connection connection{stream};
    tl_connection = &connection;
    for (std::size_t count = 0; count < kKeepAliveMaxRequests && !stopping_; ++count) {
      if (!stream.wait_for_request(count == 0 ? options_.io_timeout : options_.keep_alive)) break;
      stream.begin_request();
      bool closed = false;
      const bool ok = process_request(stream, count + 1 == kKeepAliveMaxRequests, closed, {});
      if (!stream.flush() || !ok || closed || connection.close_after) break;
    }
    tl_connection = nullptr;
    if (stream.dropped()) {
      const linger reset{1, 0};  // close-without-answer: a TCP reset, as a crashing worker gives
      ::setsockopt(sock, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    } else {
      ::shutdown(sock, SHUT_RDWR);
    }
    ::close(sock);
    return true;
  }

  const std::atomic<bool>& stopping_;
  const MockServerOptions& options_;
};

struct MockServer::Impl {
  Impl(std::shared_ptr<const MockResponder> r, MockServerOptions o)
      : responder(std::move(r)), options(std::move(o)), server(stopping, options) {}

  void handle(const httplib::Request& req, httplib::Response& res);
  void wait(std::chrono::milliseconds delay) const {
    for (auto waited = std::chrono::milliseconds(0); waited < delay && !stopping;
         waited += std::chrono::milliseconds(20))
      std::this_thread::sleep_for(std::min(std::chrono::milliseconds(20), delay - waited));
  }

  std::shared_ptr<const MockResponder> responder;
  MockServerOptions options;
  std::atomic<bool> stopping{false};
  std::atomic<std::uint64_t> sequence{0};
  CapturingServer server;
  std::thread thread;
  std::string error;
  bool bound = false;
  // serve(): 0 not entered, 1 serving, 2 returned. stop() retries httplib's stop() while serving, because a stop
  // that arrives before httplib marks itself running would otherwise be lost.
  std::atomic<int> serving{0};
};

void MockServer::Impl::handle(const httplib::Request& req, httplib::Response& res) {
  Connection* connection = tl_connection;
  if (connection == nullptr) {  // cannot happen: every connection runs through process_and_close_socket
    res.status = 500;
    return;
  }
  const RawHead& head = connection->stream.head();
  std::optional<std::string_view> body;
  if (head.method == "HEAD") {
    connection->close_after = head.frames_body();  // httplib does not read a HEAD's body: do not reuse the stream
  } else if (head.frames_body()) {
    body = req.body;
  }
  const Request request{head.method, head.target, head.headers, body};
  const MockAnswer answer = responder->answer(thread_validator(responder->contract()), request, sequence.fetch_add(1));
  wait(answer.delay);
  if (answer.action != MockAnswer::Action::answer) {
    connection->stream.drop();
    return;
  }
  res.status = answer.status;
  res.set_header("X-Request-Id", request_id());
  if (answer.retry_after_seconds > 0) res.set_header("Retry-After", std::to_string(answer.retry_after_seconds));
  if (!answer.error_code.empty())
    res.set_content(error_body(answer.error_code, answer.error_msg), "application/json;charset=UTF-8");
}

MockServer::MockServer(std::shared_ptr<const MockResponder> responder, MockServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(responder), std::move(options))) {
  Impl& impl = *impl_;
  const std::size_t threads = impl.options.threads == 0 ? 1 : impl.options.threads;
  impl.server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  impl.server.set_keep_alive_max_count(kKeepAliveMaxRequests);
  impl.server.set_payload_max_length(kPayloadMax);
  impl.server.set_tcp_nodelay(true);
  // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, which would let a second mock share the port silently.
  impl.server.set_socket_options([](socket_t sock) {
    const int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  const auto handler = [&impl](const httplib::Request& req, httplib::Response& res) { impl.handle(req, res); };
  impl.server.Post("/", handler);
  impl.server.Get("/", handler);  // httplib routes HEAD to GET handlers and writes no body
  // Errors httplib finds itself (a malformed chunk, a payload over the cap) get the documented error format too.
  impl.server.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        res.set_header("X-Request-Id", request_id());
        res.set_content(error_body("HSS.0002", "the request cannot be parsed"), "application/json;charset=UTF-8");
        return httplib::Server::HandlerResponse::Handled;
      }));
  impl.server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    res.status = 500;
    res.set_header("X-Request-Id", request_id());
    res.set_content(error_body("HSS.9999", "internal server error"), "application/json;charset=UTF-8");
  });
}

MockServer::~MockServer() {
  stop();
}

int MockServer::bind() {
  Impl& impl = *impl_;
  int port = impl.options.port;
  if (port == 0) {
    port = impl.server.bind_to_any_port(impl.options.host);
  } else if (!impl.server.bind_to_port(impl.options.host, port)) {
    port = -1;
  }
  if (port <= 0) {
    impl.error = "cannot listen on " + impl.options.host + ":" + std::to_string(impl.options.port) +
                 " (the port is in use, or the address is not this machine's)";
    return -1;
  }
  impl.server.widen_backlog();
  impl.bound = true;
  return port;
}

void MockServer::serve() {
  Impl& impl = *impl_;
  impl.serving = 1;
  if (impl.bound && !impl.stopping) impl.server.listen_after_bind();
  impl.serving = 2;
}

int MockServer::start() {
  const int port = bind();
  if (port > 0) impl_->thread = std::thread([this] { serve(); });
  return port;
}

void MockServer::stop() {
  if (!impl_) return;
  Impl& impl = *impl_;
  impl.stopping = true;
  while (impl.serving == 1) {
    impl.server.stop();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (impl.thread.joinable()) impl.thread.join();
}

std::uint64_t MockServer::requests() const noexcept {
  return impl_->sequence.load();
}

const std::string& MockServer::error() const noexcept {
  return impl_->error;
}

}  // namespace reqprobe::replay
