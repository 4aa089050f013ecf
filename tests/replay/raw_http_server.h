// A tiny HTTP/1.1 server for tests, on 127.0.0.1 only: it records every request byte for byte as it arrived
// (request line, header fields, body framed by Content-Length) and answers with whatever bytes the test's responder
// returns for it, or closes the connection without an answer when the responder returns "". No parsing beyond
// framing, so the tests see exactly what a client put on the wire. Each connection has its own thread; tests use a
// handful at most.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace reqprobe::replay::testing {

class RawHttpServer {
 public:
  /// Gets the request's bytes and its index (0-based, in arrival order); returns the response bytes, or "" to close
  /// the connection without answering.
  using Responder = std::function<std::string(const std::string& request, std::size_t index)>;

  explicit RawHttpServer(Responder responder) : responder_(std::move(responder)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    const int yes = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(listener_, 64);
    socklen_t length = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
  }
  ~RawHttpServer() {
    stopping_ = true;
    acceptor_.join();
    std::vector<std::thread> connections;
    {
      std::lock_guard lock(mutex_);
      connections.swap(connections_);
    }
    for (std::thread& connection : connections) connection.join();
    ::close(listener_);
  }
  RawHttpServer(const RawHttpServer&) = delete;
  RawHttpServer& operator=(const RawHttpServer&) = delete;

  [[nodiscard]] int port() const noexcept { return port_; }
  [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  [[nodiscard]] std::vector<std::string> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

  /// A complete response: status line, the given header lines (each ending in CRLF), Content-Length and the body.
  static std::string response(int status, const std::string& headers, const std::string& body) {
    return "HTTP/1.1 " + std::to_string(status) + " X\r\n" + headers +
           "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  }

 private:
  // Waits up to 50 ms for the socket to be readable; false when the server stops.
  bool wait_readable(int socket) const {
    while (!stopping_) {
      pollfd fd{socket, POLLIN, 0};
      if (::poll(&fd, 1, 50) > 0) return true;
    }
    return false;
  }

  void accept_loop() {
    while (wait_readable(listener_)) {
      const int connection = ::accept(listener_, nullptr, nullptr);
      if (connection < 0) continue;
      std::lock_guard lock(mutex_);
      connections_.emplace_back([this, connection] {
        serve(connection);
        ::close(connection);
      });
    }
  }

  static std::size_t content_length(const std::string& head) {
    std::string lower = head;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    const std::size_t at = lower.find("\r\ncontent-length:");
    if (at == std::string::npos) return 0;
    return std::stoul(head.substr(at + 17, head.find("\r\n", at + 2) - at - 17));
  }

  void serve(int connection) {
    std::string buffer;
    char chunk[65536];
    while (true) {
      std::size_t head_end;
      while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos) {
        if (!wait_readable(connection)) return;
        const ssize_t got = ::recv(connection, chunk, sizeof chunk, 0);
        if (got <= 0) return;
        buffer.append(chunk, static_cast<std::size_t>(got));
      }
      const std::size_t total = head_end + 4 + content_length(buffer.substr(0, head_end + 2));
      while (buffer.size() < total) {
        if (!wait_readable(connection)) return;
        const ssize_t got = ::recv(connection, chunk, sizeof chunk, 0);
        if (got <= 0) return;
        buffer.append(chunk, static_cast<std::size_t>(got));
      }
      const std::string request = buffer.substr(0, total);
      buffer.erase(0, total);
      std::size_t index;
      {
        std::lock_guard lock(mutex_);
        index = requests_.size();
        requests_.push_back(request);
      }
      const std::string answer = responder_(request, index);
      if (answer.empty()) return;  // closed without an answer
      for (std::size_t sent = 0; sent < answer.size();) {
        const ssize_t wrote = ::send(connection, answer.data() + sent, answer.size() - sent, MSG_NOSIGNAL);
        if (wrote <= 0) return;
        sent += static_cast<std::size_t>(wrote);
      }
    }
  }

  Responder responder_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;
  mutable std::mutex mutex_;
  std::vector<std::thread> connections_;
  std::vector<std::string> requests_;
};

/// A loopback port nothing listens on: bound, then closed (connections to it are refused).
inline int refused_port() {
  const int probe = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(probe, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(probe, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(probe);
  return ntohs(address.sin_port);
}

}  // namespace reqprobe::replay::testing
