#include "http_connection.h"

#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include "http_response.h"

namespace reqprobe::replay {
namespace {

constexpr std::size_t kKeptCapacity = 64 * 1024;      // receive buffers larger than this are released when emptied
constexpr std::size_t kOutputHighWater = 256 * 1024;  // pipelined requests wait while this much is unsent

std::string timeout_message(bool body, std::chrono::milliseconds limit) {
  return std::string(body ? "the request body" : "the request head") + " did not arrive within " +
         std::to_string(limit.count()) + " ms";
}

}  // namespace

void ServerCounters::account(std::int64_t delta) noexcept {
  const std::int64_t now = buffered.fetch_add(delta, std::memory_order_relaxed) + delta;
  std::int64_t peak = peak_buffered.load(std::memory_order_relaxed);
  while (now > peak && !peak_buffered.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
  }
}

ResponseStamp::ResponseStamp() : random_(std::random_device{}()) {}

std::string_view ResponseStamp::date() {
  const std::time_t now = std::time(nullptr);
  if (now != second_) {
    second_ = now;
    date_ = http_date(now);
  }
  return date_;
}

std::string_view ResponseStamp::request_id() {
  static constexpr char kDigits[] = "0123456789abcdef";
  for (std::size_t half = 0; half < 2; ++half) {
    std::uint64_t bits = random_();
    for (std::size_t i = 0; i < 16; ++i, bits >>= 4) id_[half * 16 + i] = kDigits[bits & 15];
  }
  return {id_.data(), id_.size()};
}

HttpConnection::HttpConnection(int fd, std::uint64_t id, ConnectionContext& context, Clock::time_point now)
    : fd_(fd), id_(id), context_(context), parser_(context.options.limits), accepted_(now), idle_since_(now) {
  update_deadline();
}

HttpConnection::~HttpConnection() {
  if (state_ != State::closed) close(false);
}

std::uint32_t HttpConnection::events() const noexcept {
  constexpr std::uint32_t kIn = EPOLLIN, kOut = EPOLLOUT;
  switch (state_) {
    case State::reading:
      if (output_pending()) return kOut;
      return close_after_write_ ? 0 : kIn;
    case State::lingering:
      return output_pending() ? kOut : kIn;
    case State::delaying:
    case State::closed:
      return 0;
  }
  return 0;
}

void HttpConnection::on_readable(Clock::time_point now) {
  // Nothing is read while an answer waits (delay, full output, close pending): the bytes stay in the socket.
  if (state_ == State::closed || state_ == State::delaying) return;
  if (state_ == State::reading && (output_pending() || close_after_write_)) return;
  const std::span<char> scratch = context_.scratch;
  const ssize_t n = ::recv(fd_, scratch.data(), scratch.size(), 0);
  if (n < 0) {
    if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) close(false);
    return;
  }
  if (state_ == State::lingering) {  // drained and dropped: never buffered
    lingered_ += static_cast<std::size_t>(n);
    if (n == 0 || lingered_ > context_.options.linger_bytes) close(false);
    return;
  }
  if (n == 0) {  // the client is done sending; what is left is at most a partial request, which gets no answer
    close(false);
    return;
  }
  const std::string_view received(scratch.data(), static_cast<std::size_t>(n));
  if (pending_.empty()) {
    // The common case: whole requests in one read are parsed where they landed, and only a remainder is kept.
    const std::size_t used = process(received, now);
    if (state_ != State::closed && state_ != State::lingering) pending_.assign(received.substr(used));
  } else {
    pending_.append(received);
    const std::size_t used = process(pending_, now);
    if (state_ != State::closed && state_ != State::lingering) pending_.erase(0, used);
  }
  if (pending_.empty() && pending_.capacity() > kKeptCapacity) std::string().swap(pending_);
  pump(now);
}

void HttpConnection::on_writable(Clock::time_point now) {
  pump(now);
}

void HttpConnection::on_deadline(Clock::time_point now) {
  switch (state_) {
    case State::delaying:
      state_ = State::reading;
      idle_since_ = now;  // the keep-alive wait starts with the answer, not before its delay
      emit(delayed_, delayed_head_, delayed_close_, delayed_keep_alive_10_);
      delayed_ = {};
      pump(now);
      return;
    case State::lingering:
      close(false);
      return;
    case State::closed:
      return;
    case State::reading:
      break;
  }
  if (output_pending()) {  // the client reads nothing of its answers
    context_.counters.timed_out.fetch_add(1, std::memory_order_relaxed);
    close(true);
    return;
  }
  if (!parser_.started()) {  // idle between requests (or never sent one): close quietly
    if (first_request_) context_.counters.timed_out.fetch_add(1, std::memory_order_relaxed);
    close(false);
    return;
  }
  context_.counters.timed_out.fetch_add(1, std::memory_order_relaxed);
  const bool body = parser_.in_body();
  Http1Error error{Refusal::timeout,
                   timeout_message(body, body ? context_.options.body_timeout : context_.options.head_timeout)};
  refuse(error, parser_.head().method == "HEAD");
  pump(now);
}

void HttpConnection::on_hangup() {
  close(false);
}

void HttpConnection::on_stop() {
  if (state_ == State::delaying) {
    state_ = State::reading;
    emit(delayed_, delayed_head_, true, false);
    flush(Clock::now());
  }
  if (state_ != State::closed) close(false);
}

std::size_t HttpConnection::process(std::string_view input, Clock::time_point now) {
  std::size_t used = 0;
  while (state_ == State::reading && !close_after_write_ && out_.size() - out_pos_ < kOutputHighWater) {
    std::size_t consumed = 0;
    const Http1Parser::Event event = parser_.parse(input.substr(used), consumed);
    used += consumed;
    if (parser_.started() && !began_) {
      began_ = true;
      request_began_ = now;
    }
    switch (event) {
      case Http1Parser::Event::need_more:
        return used;
      case Http1Parser::Event::head: {
        body_began_ = now;
        const Http1Head& head = parser_.head();
        const bool body_expected = head.framing == Http1Head::Framing::chunked ||
                                   (head.framing == Http1Head::Framing::content_length && head.content_length > 0);
        // RFC 9110 10.1.1: the client waits for this before sending the body (unless some of it is already here).
        if (head.expect_continue && body_expected && used == input.size()) out_ += kContinueResponse;
        break;
      }
      case Http1Parser::Event::complete: {
        const Http1Head& head = parser_.head();
        context_.counters.requests.fetch_add(1, std::memory_order_relaxed);
        HttpAnswer answer;
        try {
          answer = context_.handler.answer(head, parser_.body());
        } catch (const std::exception&) {  // a handler bug must not take the server down
          answer = HttpAnswer{};
          answer.status = 500;
        }
        const bool head_method = head.method == "HEAD";
        const bool close = !head.keep_alive;
        const bool keep_alive_10 = head.minor_version == 0 && head.keep_alive;
        parser_.next();  // the head's views die here; the answer owns what it needs
        began_ = false;
        first_request_ = false;
        idle_since_ = now;
        deliver(std::move(answer), head_method, close, keep_alive_10);
        break;
      }
      case Http1Parser::Event::error:
        context_.counters.rejected.fetch_add(1, std::memory_order_relaxed);
        refuse(parser_.error(), parser_.head().method == "HEAD");
        return input.size();  // whatever else was received is dropped with the connection
    }
  }
  return used;
}

void HttpConnection::pump(Clock::time_point now) {
  while (state_ != State::closed) {
    if (!flush(now)) break;
    // The output drained. If processing stopped because the output was full, pipelined requests may be waiting.
    if (state_ != State::reading || close_after_write_ || pending_.empty()) break;
    const std::size_t before = pending_.size();
    const std::size_t used = process(pending_, now);
    if (state_ == State::reading) pending_.erase(0, used);
    if (!output_pending() && (used == 0 || pending_.size() == before)) break;
  }
  update_deadline();
  account();
}

void HttpConnection::deliver(HttpAnswer answer, bool head, bool close, bool keep_alive_10) {
  if (answer.delay.count() > 0) {
    state_ = State::delaying;
    wake_at_ = Clock::now() + answer.delay;
    delayed_ = std::move(answer);
    delayed_head_ = head;
    delayed_close_ = close;
    delayed_keep_alive_10_ = keep_alive_10;
    return;
  }
  emit(answer, head, close, keep_alive_10);
}

void HttpConnection::emit(const HttpAnswer& answer, bool head, bool close, bool keep_alive_10) {
  if (answer.action == HttpAnswer::Action::reset) {
    flush(Clock::now());  // answers to earlier pipelined requests go first, as far as they can
    if (state_ != State::closed) this->close(true);
    return;
  }
  ResponseParts parts;
  parts.status = answer.status;
  parts.request_id = context_.stamp.request_id();
  parts.content_type = answer.content_type;
  parts.extra_headers = answer.extra_headers;
  parts.body = answer.body;
  parts.retry_after_seconds = answer.retry_after_seconds;
  parts.close = close;
  parts.keep_alive = keep_alive_10 && !close;
  parts.head = head;
  append_response(out_, parts, context_.stamp.date());
  if (close) close_after_write_ = true;
}

void HttpConnection::refuse(const Http1Error& error, bool head) {
  HttpAnswer answer;
  try {
    answer = context_.handler.refuse(error);
  } catch (const std::exception&) {
    answer = HttpAnswer{};
    answer.status = 500;
  }
  // What else was received is dropped by the caller (process() consumes it all) or with the lingering close.
  if (answer.action == HttpAnswer::Action::reset) {
    close(true);
    return;
  }
  answer.delay = {};
  emit(answer, head, true, false);
}

bool HttpConnection::flush(Clock::time_point now) {
  while (output_pending()) {
    const ssize_t n = ::send(fd_, out_.data() + out_pos_, out_.size() - out_pos_, MSG_NOSIGNAL);
    if (n > 0) {
      out_pos_ += static_cast<std::size_t>(n);
      blocked_since_ = now;  // progress: the send deadline counts from here
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (!blocked_) blocked_since_ = now;  // not from an earlier answer's last send
      blocked_ = true;
      return false;
    }
    close(false);
    return false;
  }
  blocked_ = false;
  out_.clear();
  out_pos_ = 0;
  if (state_ == State::reading && close_after_write_) {
    start_lingering(now);
    return false;
  }
  return state_ != State::closed;
}

void HttpConnection::start_lingering(Clock::time_point now) {
  // The answer is out: stop writing, and read (and drop) what the client still sends until it closes, so the
  // close does not reset the connection before the client has read the answer.
  ::shutdown(fd_, SHUT_WR);
  state_ = State::lingering;
  wake_at_ = now + context_.options.linger_timeout;
  lingered_ = 0;
  std::string().swap(pending_);
  std::string().swap(out_);
  parser_.next();
}

void HttpConnection::close(bool reset) {
  if (state_ == State::closed) return;
  if (reset) {
    const linger abort{1, 0};  // a TCP reset, as a crashing worker gives
    ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
  }
  ::close(fd_);
  state_ = State::closed;
  std::string().swap(pending_);
  std::string().swap(out_);
  out_pos_ = 0;
  parser_.next();
  context_.counters.open.fetch_sub(1, std::memory_order_relaxed);
  update_deadline();
  account();
}

void HttpConnection::update_deadline() {
  const HttpServerOptions& options = context_.options;
  switch (state_) {
    case State::closed:
      deadline_ = Clock::time_point::max();
      return;
    case State::delaying:
    case State::lingering:
      deadline_ = wake_at_;
      return;
    case State::reading:
      break;
  }
  if (output_pending())
    deadline_ = blocked_since_ + options.send_timeout;
  else if (parser_.in_body())
    deadline_ = body_began_ + options.body_timeout;
  else if (parser_.started())
    deadline_ = request_began_ + options.head_timeout;
  else if (first_request_)
    deadline_ = accepted_ + options.head_timeout;
  else
    deadline_ = idle_since_ + options.idle_timeout;
}

void HttpConnection::account() {
  const auto held = state_ == State::closed
                        ? std::int64_t{0}
                        : static_cast<std::int64_t>(pending_.capacity() + out_.capacity() + parser_.held_bytes());
  if (held != accounted_) {
    context_.counters.account(held - accounted_);
    accounted_ = held;
  }
}

}  // namespace reqprobe::replay
