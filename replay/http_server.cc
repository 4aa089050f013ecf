#include "http_server.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <queue>
#include <thread>
#include <vector>

#include "http_connection.h"
#include "http_response.h"

namespace reqprobe::replay {
namespace {

constexpr int kListenBacklog = 1024;
constexpr std::size_t kScratchBytes = 64 * 1024;
constexpr int kMaxEvents = 128;
constexpr int kAcceptsPerWake = 64;
constexpr std::chrono::milliseconds kAcceptPause{100};  // after running out of descriptors
constexpr int kFiresPerExpiry = 4096;                   // a bound on one pass over the timers, whatever happens

struct Shared {
  const HttpServerOptions& options;
  HttpHandler& handler;
  ServerCounters& counters;
  const std::atomic<bool>& stopping;
  int listen_fd;
  int wake_fd;
};

struct TimerEntry {
  Clock::time_point when;
  int fd;
  std::uint64_t id;
  std::uint32_t seq;
  bool operator>(const TimerEntry& other) const noexcept { return when > other.when; }
};

// One event loop: its own epoll set holding the shared listening socket (EPOLLEXCLUSIVE: one worker is woken per
// connection), the stop eventfd, and the connections it accepted. Timers are a min-heap with at most one live
// entry per connection; an entry whose connection has since moved its deadline later simply re-arms when it fires.
class Worker {
 public:
  explicit Worker(Shared& shared)
      : shared_(shared),
        scratch_(kScratchBytes),
        context_{shared.options, shared.handler, shared.counters, scratch_, stamp_} {
    epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
    if (epoll_ < 0) return;
    epoll_event wake{};
    wake.events = EPOLLIN;
    wake.data.ptr = &wake_marker_;
    ::epoll_ctl(epoll_, EPOLL_CTL_ADD, shared_.wake_fd, &wake);
    set_accepting(true);
  }
  ~Worker() {
    for (auto& connection : by_fd_)
      if (connection) connection->on_stop();
    if (epoll_ >= 0) ::close(epoll_);
  }
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  [[nodiscard]] bool ready() const noexcept { return epoll_ >= 0; }

  void run() {
    std::array<epoll_event, kMaxEvents> events{};
    while (!shared_.stopping.load(std::memory_order_acquire)) {
      const int n = ::epoll_wait(epoll_, events.data(), kMaxEvents, wait_ms(Clock::now()));
      if (n < 0 && errno != EINTR) break;
      const Clock::time_point now = Clock::now();
      for (int i = 0; i < n; ++i) {
        void* const target = events[static_cast<std::size_t>(i)].data.ptr;
        const std::uint32_t ready = events[static_cast<std::size_t>(i)].events;
        if (target == &listen_marker_) {
          accept_connections(now);
          continue;
        }
        if (target == &wake_marker_) continue;
        auto* connection = static_cast<HttpConnection*>(target);
        if (connection->closed()) continue;  // closed earlier in this batch; freed after it
        if (ready & EPOLLIN) connection->on_readable(now);
        if ((ready & EPOLLOUT) && !connection->closed()) connection->on_writable(now);
        // A reset peer, seen while this connection waits on a timer (no EPOLLIN/EPOLLOUT to find out by reading).
        if ((ready & (EPOLLERR | EPOLLHUP)) && !(ready & (EPOLLIN | EPOLLOUT)) && !connection->closed())
          connection->on_hangup();
        settle(*connection);
      }
      expire(Clock::now());
      if (!accepting_ && Clock::now() >= accept_again_) set_accepting(true);
      closed_.clear();
    }
  }

 private:
  void accept_connections(Clock::time_point now) {
    const HttpServerOptions& options = shared_.options;
    for (int i = 0; i < kAcceptsPerWake; ++i) {
      const int fd = ::accept4(shared_.listen_fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno == EINTR || errno == ECONNABORTED) continue;
        if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
          set_accepting(false);  // level-triggered: the backlog would wake us in a loop until descriptors free up
          accept_again_ = now + kAcceptPause;
        }
        return;  // EAGAIN: nothing left, or another worker took it
      }
      shared_.counters.accepted.fetch_add(1, std::memory_order_relaxed);
      if (shared_.counters.open.fetch_add(1, std::memory_order_relaxed) >= options.max_connections) {
        shared_.counters.open.fetch_sub(1, std::memory_order_relaxed);
        refuse_connection(fd);
        continue;
      }
      const int on = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
      auto connection = std::make_unique<HttpConnection>(fd, next_id_++, context_, now);
      epoll_event event{};
      event.events = EPOLLIN;
      event.data.ptr = connection.get();
      if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &event) != 0) continue;  // the destructor closes it
      connection->registered_events = EPOLLIN;
      if (static_cast<std::size_t>(fd) >= by_fd_.size()) by_fd_.resize(static_cast<std::size_t>(fd) + 1);
      arm(*connection);
      by_fd_[static_cast<std::size_t>(fd)] = std::move(connection);
    }
  }

  // Past the cap: a short 503 without reading the request, then close. Costs nothing to keep.
  void refuse_connection(int fd) {
    shared_.counters.refused.fetch_add(1, std::memory_order_relaxed);
    const HttpAnswer answer =
        shared_.handler.refuse({Refusal::busy, "too many open connections (at most " +
                                                   std::to_string(shared_.options.max_connections) + "); retry later"});
    std::string out;
    ResponseParts parts;
    parts.status = answer.status;
    parts.request_id = stamp_.request_id();
    parts.content_type = answer.content_type;
    parts.body = answer.body;
    parts.retry_after_seconds = answer.retry_after_seconds;
    parts.close = true;
    append_response(out, parts, stamp_.date());
    [[maybe_unused]] const ssize_t sent = ::send(fd, out.data(), out.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    ::close(fd);
  }

  // After any event: drop a closed connection (freed at the end of the batch: later events may name it), or
  // register the events and deadline it wants now.
  void settle(HttpConnection& connection) {
    if (connection.closed()) {
      auto& slot = by_fd_[static_cast<std::size_t>(connection.fd())];
      if (slot.get() == &connection) closed_.push_back(std::move(slot));
      return;
    }
    const std::uint32_t wanted = connection.events();
    if (wanted != connection.registered_events) {
      epoll_event event{};
      event.events = wanted;
      event.data.ptr = &connection;
      ::epoll_ctl(epoll_, EPOLL_CTL_MOD, connection.fd(), &event);
      connection.registered_events = wanted;
    }
    arm(connection);
  }

  void arm(HttpConnection& connection) {
    const Clock::time_point when = connection.deadline();
    if (when == Clock::time_point::max() || connection.timer_when <= when) return;  // a live entry fires first
    connection.timer_when = when;
    ++connection.timer_seq;  // any older entry is now stale
    timers_.push({when, connection.fd(), connection.id(), connection.timer_seq});
  }

  void expire(Clock::time_point now) {
    for (int fired = 0; fired < kFiresPerExpiry && !timers_.empty() && timers_.top().when <= now; ++fired) {
      const TimerEntry entry = timers_.top();
      timers_.pop();
      const auto slot = static_cast<std::size_t>(entry.fd);
      HttpConnection* connection = slot < by_fd_.size() ? by_fd_[slot].get() : nullptr;
      if (connection == nullptr || connection->id() != entry.id || connection->timer_seq != entry.seq) continue;
      connection->timer_when = Clock::time_point::max();
      if (connection->deadline() <= now) connection->on_deadline(now);
      settle(*connection);
    }
  }

  [[nodiscard]] int wait_ms(Clock::time_point now) const {
    Clock::time_point next = timers_.empty() ? Clock::time_point::max() : timers_.top().when;
    if (!accepting_) next = std::min(next, accept_again_);
    if (next == Clock::time_point::max()) return -1;
    if (next <= now) return 0;
    const auto ms = std::chrono::ceil<std::chrono::milliseconds>(next - now).count();
    return static_cast<int>(std::min<std::int64_t>(ms, 60'000));
  }

  void set_accepting(bool on) {
    epoll_event event{};
    event.events = EPOLLIN | EPOLLEXCLUSIVE;
    event.data.ptr = &listen_marker_;
    ::epoll_ctl(epoll_, on ? EPOLL_CTL_ADD : EPOLL_CTL_DEL, shared_.listen_fd, &event);
    accepting_ = on;
    if (on) accept_again_ = Clock::time_point::max();
  }

  Shared& shared_;
  int epoll_ = -1;
  std::vector<char> scratch_;
  ResponseStamp stamp_;
  ConnectionContext context_;
  std::vector<std::unique_ptr<HttpConnection>> by_fd_;
  std::vector<std::unique_ptr<HttpConnection>> closed_;
  std::priority_queue<TimerEntry, std::vector<TimerEntry>, std::greater<>> timers_;
  std::uint64_t next_id_ = 1;
  bool accepting_ = false;
  Clock::time_point accept_again_ = Clock::time_point::max();
  char listen_marker_ = 0, wake_marker_ = 0;  // epoll data for the two descriptors that are not connections
};

// Validation runs on the event loop, and a hostile body can hold it for a millisecond or more, stalling every
// connection of that loop: a few loops per CPU keep the others moving (measured with bench/replay_vs_wrk.sh: two
// loops on two CPUs served the suite's requests about a third slower than four or more).
std::size_t worker_count(std::size_t wanted) {
  const std::size_t cpus = std::max(1u, std::thread::hardware_concurrency());
  return wanted > 0 ? wanted : std::min<std::size_t>(4 * cpus, 64);
}

}  // namespace

struct HttpServer::Impl {
  std::shared_ptr<HttpHandler> handler;
  HttpServerOptions options;
  ServerCounters counters;
  std::atomic<bool> stopping{false};
  int listen_fd = -1;
  int wake_fd = -1;
  int port = -1;
  std::thread thread;
  std::string error;
  std::mutex mutex;
  std::condition_variable served;
  bool serving = false;
};

HttpServer::HttpServer(std::shared_ptr<HttpHandler> handler, HttpServerOptions options)
    : impl_(std::make_unique<Impl>()) {
  impl_->handler = std::move(handler);
  impl_->options = std::move(options);
  impl_->wake_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

HttpServer::~HttpServer() {
  stop();
  if (impl_->listen_fd >= 0) ::close(impl_->listen_fd);
  if (impl_->wake_fd >= 0) ::close(impl_->wake_fd);
}

int HttpServer::bind() {
  Impl& impl = *impl_;
  if (impl.listen_fd >= 0) return impl.port;
  std::string host = impl.options.host;
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(impl.options.port);
  int reason = 0;
  if (impl.wake_fd >= 0 && ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found) == 0) {
    for (addrinfo* address = found; address != nullptr && impl.listen_fd < 0; address = address->ai_next) {
      const int fd = ::socket(address->ai_family, address->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
      if (fd < 0) continue;
      // SO_REUSEADDR only: SO_REUSEPORT would let a second mock share the port silently.
      const int yes = 1;
      ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
      if (::bind(fd, address->ai_addr, address->ai_addrlen) == 0 && ::listen(fd, kListenBacklog) == 0) {
        impl.listen_fd = fd;
      } else {
        reason = errno;
        ::close(fd);
      }
    }
    ::freeaddrinfo(found);
  }
  sockaddr_storage bound{};
  socklen_t length = sizeof bound;
  if (impl.listen_fd < 0 || ::getsockname(impl.listen_fd, reinterpret_cast<sockaddr*>(&bound), &length) != 0) {
    impl.error = "cannot listen on " + impl.options.host + ":" + std::to_string(impl.options.port) +
                 " (the port is in use, or the address is not this machine's" +
                 (reason != 0 ? std::string(": ") + std::strerror(reason) : std::string()) + ")";
    return -1;
  }
  impl.port = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<const sockaddr_in6*>(&bound)->sin6_port
                                                : reinterpret_cast<const sockaddr_in*>(&bound)->sin_port);
  // Keep the cap below the descriptor limit, with room for the process's other files.
  rlimit files{};
  if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur != RLIM_INFINITY) {
    const std::size_t room = files.rlim_cur > 128 ? static_cast<std::size_t>(files.rlim_cur) - 64 : 64;
    impl.options.max_connections = std::min(impl.options.max_connections, room);
  }
  impl.options.max_connections = std::max<std::size_t>(impl.options.max_connections, 1);
  return impl.port;
}

void HttpServer::serve() {
  Impl& impl = *impl_;
  {
    std::lock_guard lock(impl.mutex);
    if (impl.listen_fd < 0 || impl.stopping || impl.serving) return;
    impl.serving = true;
  }
  Shared shared{impl.options, *impl.handler, impl.counters, impl.stopping, impl.listen_fd, impl.wake_fd};
  std::vector<std::unique_ptr<Worker>> workers;
  for (std::size_t i = 0, n = worker_count(impl.options.threads); i < n; ++i) {
    auto worker = std::make_unique<Worker>(shared);
    if (worker->ready()) workers.push_back(std::move(worker));
  }
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < workers.size(); ++i) threads.emplace_back([&worker = *workers[i]] { worker.run(); });
  if (!workers.empty()) workers.front()->run();
  for (std::thread& thread : threads) thread.join();
  workers.clear();  // answers delayed answers and closes every connection
  ::close(impl.listen_fd);
  impl.listen_fd = -1;
  {
    std::lock_guard lock(impl.mutex);
    impl.serving = false;
  }
  impl.served.notify_all();
}

int HttpServer::start() {
  const int port = bind();
  if (port > 0) impl_->thread = std::thread([this] { serve(); });
  return port;
}

void HttpServer::stop() {
  Impl& impl = *impl_;
  impl.stopping.store(true, std::memory_order_release);
  if (impl.wake_fd >= 0) {
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t written = ::write(impl.wake_fd, &one, sizeof one);
  }
  if (impl.thread.joinable() && impl.thread.get_id() != std::this_thread::get_id()) impl.thread.join();
  std::unique_lock lock(impl.mutex);
  impl.served.wait(lock, [&impl] { return !impl.serving; });
}

HttpServerStats HttpServer::stats() const noexcept {
  const ServerCounters& c = impl_->counters;
  HttpServerStats stats;
  stats.accepted = c.accepted.load();
  stats.refused = c.refused.load();
  stats.open = c.open.load();
  stats.requests = c.requests.load();
  stats.rejected = c.rejected.load();
  stats.timed_out = c.timed_out.load();
  stats.buffered_bytes = static_cast<std::uint64_t>(std::max<std::int64_t>(c.buffered.load(), 0));
  stats.peak_buffered_bytes = static_cast<std::uint64_t>(std::max<std::int64_t>(c.peak_buffered.load(), 0));
  return stats;
}

const std::string& HttpServer::error() const noexcept {
  return impl_->error;
}

}  // namespace reqprobe::replay
