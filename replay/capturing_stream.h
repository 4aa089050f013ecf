// The connection stream the mock hands to cpp-httplib: reads the socket itself, captures each request head byte
// for byte (raw_head.h), and gives httplib the canonical head followed by the body bytes untouched. Writes are
// gathered and sent once per response (httplib writes the status and headers, then the body), which halves the
// packets of an error answer. Internal to the mock (it includes httplib.h).
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <string>

#include "raw_head.h"

namespace reqprobe::replay {

class CapturingStream final : public httplib::Stream {
 public:
  /// Heads larger than this end the connection (the validator's limits are far below: 256 header fields).
  static constexpr std::size_t kMaxHeadBytes = 2 * 1024 * 1024;

  CapturingStream(socket_t sock, const std::atomic<bool>& stopping, std::chrono::milliseconds io_timeout);

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return sock_; }

  /// Waits up to `idle` for the next request's first byte; false on close, stop or idle timeout.
  [[nodiscard]] bool wait_for_request(std::chrono::milliseconds idle);
  /// The next read starts a new request: its head is captured before httplib sees anything.
  void begin_request();
  /// The head of the request being served.
  [[nodiscard]] const RawHead& head() const noexcept { return head_; }
  /// Sends what httplib has written. False when the connection is gone.
  [[nodiscard]] bool flush();
  /// Writes nothing more: the connection will end without an answer.
  void drop() noexcept {
    dropped_ = true;
    out_.clear();
  }
  [[nodiscard]] bool dropped() const noexcept { return dropped_; }

 private:
  enum class Fill { data, closed, timeout, stopped };
  /// Receives more bytes into in_, waiting up to `timeout` in short slices so a stop is seen quickly.
  Fill fill(std::chrono::milliseconds timeout);
  /// Reads until the blank line ending a head, then captures it and prepares the canonical head.
  bool capture_head();

  socket_t sock_;
  const std::atomic<bool>& stopping_;
  std::chrono::milliseconds io_timeout_;
  std::string in_;  ///< received bytes; [in_pos_, end) not yet handed on
  std::size_t in_pos_ = 0;
  std::string canonical_;  ///< the canonical head being handed to httplib
  std::size_t canonical_pos_ = 0;
  std::string out_;      ///< written by httplib, not yet sent
  bool in_head_ = true;  ///< the next read starts a new head
  bool dropped_ = false;
  RawHead head_;
  // httplib asks for both addresses on every request; they do not change on a connection.
  mutable std::string remote_ip_, local_ip_;
  mutable int remote_port_ = -1, local_port_ = -1;
};

}  // namespace reqprobe::replay
