// One client connection of http_server.h: a state machine over a non-blocking socket. The worker that owns it
// calls on_readable / on_writable / on_deadline / on_hangup as epoll and its timers say, then asks what it wants
// next (events(), deadline(), closed()). Internal to the server.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <random>
#include <span>
#include <string>

#include "http1_parser.h"
#include "http_server.h"

namespace reqprobe::replay {

using Clock = std::chrono::steady_clock;

/// The counters behind HttpServerStats, shared by every worker.
struct ServerCounters {
  std::atomic<std::uint64_t> accepted{0}, refused{0}, open{0}, requests{0}, rejected{0}, timed_out{0};
  std::atomic<std::int64_t> buffered{0};
  std::atomic<std::int64_t> peak_buffered{0};

  void account(std::int64_t delta) noexcept;
};

/// Per worker: the Date header (formatted once a second) and X-Request-Id values.
class ResponseStamp {
 public:
  ResponseStamp();
  [[nodiscard]] std::string_view date();
  /// 32 random hex digits, valid until the next call.
  [[nodiscard]] std::string_view request_id();

 private:
  std::time_t second_ = -1;
  std::string date_;
  std::mt19937_64 random_;
  std::array<char, 32> id_{};
};

/// What a worker lends each of its connections.
struct ConnectionContext {
  const HttpServerOptions& options;
  HttpHandler& handler;
  ServerCounters& counters;
  std::span<char> scratch;  ///< the worker's receive buffer: only what a connection cannot parse yet is kept
  ResponseStamp& stamp;
};

class HttpConnection {
 public:
  HttpConnection(int fd, std::uint64_t id, ConnectionContext& context, Clock::time_point now);
  ~HttpConnection();
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  void on_readable(Clock::time_point now);
  void on_writable(Clock::time_point now);
  void on_deadline(Clock::time_point now);
  /// The peer reset the connection (EPOLLERR / EPOLLHUP).
  void on_hangup();
  /// The server stops: a delayed answer goes out at once (best effort), then the connection closes.
  void on_stop();

  /// EPOLLIN / EPOLLOUT this connection wants now (0 while it waits on a timer).
  [[nodiscard]] std::uint32_t events() const noexcept;
  [[nodiscard]] Clock::time_point deadline() const noexcept { return deadline_; }
  [[nodiscard]] bool closed() const noexcept { return state_ == State::closed; }
  [[nodiscard]] int fd() const noexcept { return fd_; }
  [[nodiscard]] std::uint64_t id() const noexcept { return id_; }

  // The owning worker's bookkeeping: the epoll events registered, and the one live timer entry.
  std::uint32_t registered_events = 0;
  Clock::time_point timer_when = Clock::time_point::max();
  std::uint32_t timer_seq = 0;

 private:
  enum class State {
    reading,    ///< receiving requests (and sending answers)
    delaying,   ///< an answer waits for its delay; nothing is read meanwhile
    lingering,  ///< the last answer is sent and writes are shut down: what arrives is read and dropped
    closed,
  };

  /// Parses and answers what `input` holds; returns the bytes consumed. Stops at a delay, a close or a full output.
  std::size_t process(std::string_view input, Clock::time_point now);
  /// Processes pending input and sends, until the output blocks or nothing is left to do.
  void pump(Clock::time_point now);
  void deliver(HttpAnswer answer, bool head, bool close, bool keep_alive_10);
  void emit(const HttpAnswer& answer, bool head, bool close, bool keep_alive_10);
  void refuse(const Http1Error& error, bool head);
  /// Sends what is pending. False when the output blocked or the connection closed.
  bool flush(Clock::time_point now);
  void start_lingering(Clock::time_point now);
  void close(bool reset);
  void update_deadline();
  void account();
  [[nodiscard]] bool output_pending() const noexcept { return out_pos_ < out_.size(); }

  int fd_;
  std::uint64_t id_;
  ConnectionContext& context_;
  Http1Parser parser_;
  State state_ = State::reading;
  std::string pending_;  ///< received bytes not consumed yet (a partial request, or pipelined ones)
  std::string out_;      ///< answers not sent yet
  std::size_t out_pos_ = 0;
  bool close_after_write_ = false;
  bool blocked_ = false;  ///< the last send found the socket full
  bool first_request_ = true;
  bool began_ = false;  ///< request_began_ is set for the request being received
  Clock::time_point accepted_, idle_since_, request_began_, body_began_, blocked_since_, wake_at_;
  Clock::time_point deadline_ = Clock::time_point::max();
  HttpAnswer delayed_;
  bool delayed_head_ = false, delayed_close_ = false, delayed_keep_alive_10_ = false;
  std::size_t lingered_ = 0;
  std::int64_t accounted_ = 0;
};

}  // namespace reqprobe::replay
