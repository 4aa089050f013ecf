#include "capturing_stream.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <algorithm>
#include <cstring>

namespace reqprobe::replay {
namespace {

constexpr std::chrono::milliseconds kSlice{50};

bool poll_for(socket_t sock, short events, std::chrono::milliseconds timeout) {
  pollfd pfd{sock, events, 0};
  return ::poll(&pfd, 1, static_cast<int>(timeout.count())) > 0;
}

void address_of(const sockaddr_storage& addr, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(&addr);
    ::inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
    port = ntohs(v4->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&addr);
    ::inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
    port = ntohs(v6->sin6_port);
  }
  ip = text;
}

}  // namespace

CapturingStream::CapturingStream(socket_t sock, const std::atomic<bool>& stopping, std::chrono::milliseconds io_timeout)
    : sock_(sock), stopping_(stopping), io_timeout_(io_timeout) {}

bool CapturingStream::is_readable() const {
  return canonical_pos_ < canonical_.size() || in_pos_ < in_.size() || poll_for(sock_, POLLIN, io_timeout_);
}

bool CapturingStream::is_writable() const {
  return !dropped_ && poll_for(sock_, POLLOUT, io_timeout_);
}

CapturingStream::Fill CapturingStream::fill(std::chrono::milliseconds timeout) {
  if (!flush()) return Fill::closed;  // an interim answer (100 Continue) must be out before waiting for the body
  if (in_pos_ == in_.size()) {
    in_.clear();
    in_pos_ = 0;
  } else if (in_pos_ > 64 * 1024 && in_pos_ * 2 > in_.size()) {
    in_.erase(0, in_pos_);  // keep the buffer from growing on long keep-alive connections
    in_pos_ = 0;
  }
  for (auto waited = std::chrono::milliseconds(0); waited < timeout; waited += kSlice) {
    if (stopping_.load(std::memory_order_relaxed)) return Fill::stopped;
    if (!poll_for(sock_, POLLIN, std::min(kSlice, timeout - waited))) continue;
    char chunk[64 * 1024];
    const ssize_t n = ::recv(sock_, chunk, sizeof chunk, 0);
    if (n <= 0) return Fill::closed;
    in_.append(chunk, static_cast<std::size_t>(n));
    return Fill::data;
  }
  return Fill::timeout;
}

bool CapturingStream::wait_for_request(std::chrono::milliseconds idle) {
  return in_pos_ < in_.size() || fill(idle) == Fill::data;
}

void CapturingStream::begin_request() {
  in_head_ = true;
  canonical_.clear();
  canonical_pos_ = 0;
}

bool CapturingStream::capture_head() {
  // RFC 9112 2.2: a server should ignore empty lines received before the request line.
  while (true) {
    while (in_.size() - in_pos_ >= 2 && in_.compare(in_pos_, 2, "\r\n") == 0) in_pos_ += 2;
    const std::size_t end = in_.find("\r\n\r\n", in_pos_);
    if (end != std::string::npos) {
      head_.assign(std::string_view(in_).substr(in_pos_, end + 2 - in_pos_));
      in_pos_ = end + 4;
      canonical_ = head_.canonical_head();
      canonical_pos_ = 0;
      in_head_ = false;
      return true;
    }
    if (in_.size() - in_pos_ > kMaxHeadBytes) return false;
    if (fill(io_timeout_) != Fill::data) return false;
  }
}

ssize_t CapturingStream::read(char* ptr, size_t size) {
  if (in_head_ && !capture_head()) return -1;
  if (canonical_pos_ < canonical_.size()) {
    const std::size_t n = std::min(size, canonical_.size() - canonical_pos_);
    std::memcpy(ptr, canonical_.data() + canonical_pos_, n);
    canonical_pos_ += n;
    return static_cast<ssize_t>(n);
  }
  if (in_pos_ == in_.size()) {
    const Fill filled = fill(io_timeout_);
    if (filled == Fill::closed) return 0;
    if (filled != Fill::data) return -1;
  }
  const std::size_t n = std::min(size, in_.size() - in_pos_);
  std::memcpy(ptr, in_.data() + in_pos_, n);
  in_pos_ += n;
  return static_cast<ssize_t>(n);
}

ssize_t CapturingStream::write(const char* ptr, size_t size) {
  if (dropped_) return -1;
  out_.append(ptr, size);
  if (out_.size() >= 64 * 1024 && !flush()) return -1;
  return static_cast<ssize_t>(size);
}

bool CapturingStream::flush() {
  std::size_t sent = 0;
  while (sent < out_.size() && !dropped_) {
    const ssize_t n = ::send(sock_, out_.data() + sent, out_.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      out_.clear();
      return false;
    }
    sent += static_cast<std::size_t>(n);
  }
  out_.clear();
  return !dropped_;
}

void CapturingStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  if (remote_port_ < 0) {
    sockaddr_storage addr{};
    socklen_t length = sizeof addr;
    remote_port_ = 0;
    if (::getpeername(sock_, reinterpret_cast<sockaddr*>(&addr), &length) == 0)
      address_of(addr, remote_ip_, remote_port_);
  }
  ip = remote_ip_;
  port = remote_port_;
}

void CapturingStream::get_local_ip_and_port(std::string& ip, int& port) const {
  if (local_port_ < 0) {
    sockaddr_storage addr{};
    socklen_t length = sizeof addr;
    local_port_ = 0;
    if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&addr), &length) == 0)
      address_of(addr, local_ip_, local_port_);
  }
  ip = local_ip_;
  port = local_port_;
}

}  // namespace reqprobe::replay
