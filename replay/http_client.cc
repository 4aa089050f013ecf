#include "http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <thread>
#include <vector>

#include "loopback.h"
#include "rate_limiter.h"

namespace reqprobe::replay {
namespace {

using Clock = std::chrono::steady_clock;
using DoneCallback = HttpClient::DoneCallback;

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// The header list for one case: its fields exactly as PreparedCase lists them, Host and Content-Length included
// (libcurl then adds neither; it writes the given Host right after the request line, where the list has it
// already). "Name;" is libcurl's way to send an empty value; the "Name:" entries that follow stop libcurl adding
// Accept, Expect and Content-Type of its own.
curl_slist* header_list(const PreparedCase& kase) {
  curl_slist* list = nullptr;
  for (const auto& [name, value] : kase.headers)
    list = curl_slist_append(list, (value.empty() ? name + ";" : name + ": " + value).c_str());
  for (const char* own : {"Accept", "Expect", "Content-Type"}) {
    const bool given = std::any_of(kase.headers.begin(), kase.headers.end(),
                                   [&](const auto& header) { return iequals(header.first, own); });
    if (!given) list = curl_slist_append(list, (std::string(own) + ":").c_str());
  }
  return list;
}

// What a failed transfer tells about the request. Only a refused or failed connection is certain not to have
// reached the service; a reset or a close without an answer may come after the service read the request.
SendFailure send_failure(CURLcode code) noexcept {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
      return SendFailure::not_sent;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_ABORTED_BY_CALLBACK:  // on_prereq: the request went out once, and no answer came
      return SendFailure::maybe_sent;
    default:
      return SendFailure::final;
  }
}

double ms(curl_off_t microseconds) noexcept {
  return static_cast<double>(microseconds) / 1000.0;
}

struct Transfer {
  CURL* easy = nullptr;
  std::size_t job = 0;
  Exchange exchange;
  std::string request_target;
  char error[CURL_ERROR_SIZE] = {};
  int sends = 0;                ///< times libcurl was about to send this try's request
  bool may_resend = false;      ///< libcurl may send it again on its own (idempotent method, or --retry-after-send)
  bool resend_refused = false;  ///< libcurl wanted to send it again and was stopped
};

// Called by libcurl right before it sends a request, once per connection it sends it on. A request whose reused
// connection closed without an answer is sent again by libcurl on a fresh connection (transfer.c's
// Curl_retry_request, which no option turns off). The endpoint may have acted on it, so a non-idempotent request
// is stopped there unless the user allowed it (RetryPolicy): the try then ends as a transport error.
int on_prereq(void* user, char*, char*, int, int) {
  auto* transfer = static_cast<Transfer*>(user);
  if (++transfer->sends > 1 && !transfer->may_resend) {
    transfer->resend_refused = true;
    return CURL_PREREQFUNC_ABORT;
  }
  return CURL_PREREQFUNC_OK;
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  std::string& body = transfer->exchange.body;
  if (body.size() < Exchange::kMaxBody) body.append(data, std::min(bytes, Exchange::kMaxBody - body.size()));
  return bytes;  // the rest is read and dropped, so the connection stays usable
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  std::string_view line(data, bytes);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  Exchange& exchange = transfer->exchange;
  if (line.starts_with("HTTP/")) {  // a new response (after a 100 Continue): forget the interim one's fields
    exchange.request_id.clear();
    exchange.retry_after.clear();
    exchange.content_type.clear();
    exchange.header_names.clear();
    return bytes;
  }
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return bytes;
  const std::string_view name = line.substr(0, colon);
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  if (exchange.header_names.size() < Exchange::kMaxHeaderNames) {
    std::string lower(name);
    for (char& c : lower) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    exchange.header_names.push_back(std::move(lower));
  }
  if (iequals(name, "x-request-id"))
    exchange.request_id = value;
  else if (iequals(name, "retry-after"))
    exchange.retry_after = value;
  else if (iequals(name, "content-type"))
    exchange.content_type = value;
  return bytes;
}

struct Retry {
  std::size_t job;
  Exchange exchange;  ///< carries attempts and the first start
  Clock::time_point ready;
};

// What the threads of one run share.
struct Shared {
  std::span<const PreparedCase> cases;
  std::span<const std::size_t> jobs;
  std::vector<curl_slist*> header_lists;  ///< per case, built before the threads start
  std::atomic<std::size_t> next_job{0};
  std::mutex limiter_mutex;
  RateLimiter limiter;
  std::mutex done_mutex;
  const DoneCallback& done;
  const std::atomic<bool>& stop;
  std::atomic<bool> halted{false};  ///< done() asked to stop
  std::atomic<bool> stopped{false};
  std::atomic<std::uint64_t> tries{0};
  std::atomic<std::uint64_t> retried{0};
  Clock::time_point run_start = Clock::now();

  Shared(std::span<const PreparedCase> c, std::span<const std::size_t> j, double rate, const DoneCallback& d,
         const std::atomic<bool>& s)
      : cases(c), jobs(j), limiter(rate), done(d), stop(s) {}
  ~Shared() {
    for (curl_slist* list : header_lists) curl_slist_free_all(list);
  }
  [[nodiscard]] bool jobs_left() const noexcept { return next_job.load(std::memory_order_relaxed) < jobs.size(); }
};

// One thread's share of the run: its own multi handle (and so its own connections) and transfers.
class Lane {
 public:
  Lane(const ClientOptions& options, std::size_t transfers) : options_(options), transfers_(transfers) {
    multi_ = curl_multi_init();
    curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(transfers));
    curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, static_cast<long>(transfers));
    const bool loopback = is_loopback_host(options.target.host);
    // The URL parsed once: libcurl would otherwise parse CURLOPT_URL again for every transfer.
    url_ = curl_url();
    curl_url_set(url_, CURLUPART_URL, options.target.url.c_str(), 0);
    for (Transfer& transfer : transfers_) {
      // Options that never change are set once; start() sets only what differs from case to case.
      CURL* easy = transfer.easy = curl_easy_init();
      curl_easy_setopt(easy, CURLOPT_CURLU, url_);
      curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
      curl_easy_setopt(easy, CURLOPT_PATH_AS_IS, 1L);
      curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
      curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
      curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, options.insecure ? 0L : 1L);
      curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, options.insecure ? 0L : 2L);
      if (loopback) curl_easy_setopt(easy, CURLOPT_NOPROXY, "*");  // an environment proxy never sees loopback
      curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
      curl_easy_setopt(easy, CURLOPT_WRITEDATA, &transfer);
      curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
      curl_easy_setopt(easy, CURLOPT_HEADERDATA, &transfer);
      curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer.error);
      curl_easy_setopt(easy, CURLOPT_PREREQFUNCTION, on_prereq);
      curl_easy_setopt(easy, CURLOPT_PREREQDATA, &transfer);
      // A connection idle this long is not reused: servers close idle keep-alive connections after a few seconds,
      // and a request written into one the server is closing gets no answer (and a POST is then not sent again,
      // see on_prereq).
      curl_easy_setopt(easy, CURLOPT_MAXAGE_CONN, 2L);
      curl_easy_setopt(easy, CURLOPT_PRIVATE, &transfer);
      idle_.push_back(&transfer);
    }
  }
  ~Lane() {
    for (Transfer& transfer : transfers_) {
      curl_multi_remove_handle(multi_, transfer.easy);
      curl_easy_cleanup(transfer.easy);
    }
    curl_multi_cleanup(multi_);
    curl_url_cleanup(url_);
  }
  Lane(const Lane&) = delete;
  Lane& operator=(const Lane&) = delete;

  void run(Shared& shared);

 private:
  void start(Shared& shared, Transfer& transfer, std::size_t job, Exchange exchange, Clock::time_point now);
  void finish(Shared& shared, Transfer& transfer, CURLcode result);
  /// Takes a rate token, then the next job. False when either is not there.
  bool take_new_job(Shared& shared, Clock::time_point now, std::size_t& job);
  /// Hands finished transfers to finish(); true when any finished.
  bool collect(Shared& shared);

  const ClientOptions& options_;
  CURLM* multi_ = nullptr;
  CURLU* url_ = nullptr;
  std::vector<Transfer> transfers_;
  std::vector<Transfer*> idle_;
  std::vector<Retry> retries_;
  std::size_t in_flight_ = 0;
};

void Lane::start(Shared& shared, Transfer& transfer, std::size_t job, Exchange exchange, Clock::time_point now) {
  const PreparedCase& kase = shared.cases[shared.jobs[job]];
  transfer.job = job;
  transfer.exchange = std::move(exchange);
  Exchange& ex = transfer.exchange;
  if (ex.attempts == 0) ex.start_ms = std::chrono::duration<double, std::milli>(now - shared.run_start).count();
  ++ex.attempts;
  ex.status = 0;
  ex.body.clear();
  ex.request_id.clear();
  ex.retry_after.clear();
  ex.content_type.clear();
  ex.header_names.clear();
  transfer.error[0] = '\0';
  transfer.sends = 0;
  transfer.may_resend = options_.retry.after_send || is_idempotent(kase.method);
  transfer.resend_refused = false;
  transfer.request_target = options_.target.prefix + kase.target;

  CURL* easy = transfer.easy;
  curl_easy_setopt(easy, CURLOPT_REQUEST_TARGET, transfer.request_target.c_str());
  if (kase.method == "HEAD") {
    curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);  // otherwise libcurl waits for a body a HEAD answer never has
  } else if (kase.body) {
    curl_easy_setopt(easy, CURLOPT_NOBODY, 0L);
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(kase.body->size()));
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, kase.body->data());
  } else {
    curl_easy_setopt(easy, CURLOPT_NOBODY, 0L);
    curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);  // no body and no Content-Length, whatever the method
  }
  // After the body options, which set a method of their own: the case's method, exactly as written.
  curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, kase.method.c_str());
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, shared.header_lists[shared.jobs[job]]);
  curl_multi_add_handle(multi_, easy);
  ++in_flight_;
  shared.tries.fetch_add(1, std::memory_order_relaxed);
}

void Lane::finish(Shared& shared, Transfer& transfer, CURLcode result) {
  const PreparedCase& kase = shared.cases[shared.jobs[transfer.job]];
  CURL* easy = transfer.easy;
  curl_multi_remove_handle(multi_, easy);
  --in_flight_;
  idle_.push_back(&transfer);
  Exchange& exchange = transfer.exchange;
  long status = 0;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  curl_off_t connect = 0, first_byte = 0, total = 0;
  curl_easy_getinfo(easy, CURLINFO_CONNECT_TIME_T, &connect);
  curl_easy_getinfo(easy, CURLINFO_STARTTRANSFER_TIME_T, &first_byte);
  curl_easy_getinfo(easy, CURLINFO_TOTAL_TIME_T, &total);
  exchange.status = static_cast<int>(status);
  exchange.connect_ms = ms(connect);
  exchange.ttfb_ms = ms(first_byte);
  exchange.total_ms = ms(total);
  const Clock::time_point now = Clock::now();
  const bool may_retry = exchange.attempts <= options_.retry.retries;
  if (result == CURLE_OK && status == 429 && may_retry) {
    std::chrono::milliseconds wait = parse_retry_after(exchange.retry_after).value_or(std::chrono::seconds(1));
    wait = std::min<std::chrono::milliseconds>(wait, options_.retry.max_retry_after);
    retries_.push_back({transfer.job, std::move(exchange), now + wait});
    shared.retried.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  if (result != CURLE_OK && may_retry && should_retry(options_.retry, send_failure(result), kase.method)) {
    const auto wait = options_.retry.backoff_after(exchange.attempts);
    retries_.push_back({transfer.job, std::move(exchange), now + wait});
    shared.retried.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  if (result == CURLE_OK) {
    exchange.transport = Exchange::Transport::answered;
  } else {
    exchange.transport =
        result == CURLE_OPERATION_TIMEDOUT ? Exchange::Transport::timeout : Exchange::Transport::failed;
    exchange.error = transfer.error[0] != '\0' ? transfer.error : curl_easy_strerror(result);
    if (transfer.resend_refused)
      exchange.error =
          "the connection closed without an answer; not sent again, since the endpoint may have acted "
          "on it (--retry-after-send allows it)";
  }
  std::lock_guard lock(shared.done_mutex);
  if (!shared.done(transfer.job, std::move(exchange))) shared.halted = true;
}

bool Lane::take_new_job(Shared& shared, Clock::time_point now, std::size_t& job) {
  if (!shared.jobs_left()) return false;
  {
    std::lock_guard lock(shared.limiter_mutex);
    if (!shared.limiter.try_take(now)) return false;
  }
  job = shared.next_job.fetch_add(1, std::memory_order_relaxed);
  return job < shared.jobs.size();
}

bool Lane::collect(Shared& shared) {
  bool finished_any = false;
  int queued = 0;
  while (CURLMsg* message = curl_multi_info_read(multi_, &queued)) {
    if (message->msg != CURLMSG_DONE) continue;
    Transfer* transfer = nullptr;
    curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &transfer);
    finish(shared, *transfer, message->data.result);
    finished_any = true;
  }
  return finished_any;
}

void Lane::run(Shared& shared) {
  while (true) {
    if (shared.stop.load(std::memory_order_relaxed) || shared.halted.load(std::memory_order_relaxed)) {
      shared.stopped = true;
      break;
    }
    Clock::time_point now = Clock::now();
    while (!idle_.empty()) {
      const auto ready = std::min_element(retries_.begin(), retries_.end(),
                                          [](const Retry& a, const Retry& b) { return a.ready < b.ready; });
      if (ready != retries_.end() && ready->ready <= now) {
        {
          std::lock_guard lock(shared.limiter_mutex);
          if (!shared.limiter.try_take(now)) break;
        }
        Retry retry = std::move(*ready);
        retries_.erase(ready);
        Transfer* transfer = idle_.back();
        idle_.pop_back();
        start(shared, *transfer, retry.job, std::move(retry.exchange), now);
        continue;
      }
      std::size_t job = 0;
      if (!take_new_job(shared, now, job)) break;
      Transfer* transfer = idle_.back();
      idle_.pop_back();
      start(shared, *transfer, job, Exchange{}, now);
    }
    if (in_flight_ == 0 && retries_.empty() && !shared.jobs_left()) break;

    int running = 0;
    curl_multi_perform(multi_, &running);
    // A freed transfer takes the next job at once, without a trip through poll(): that keeps every connection
    // busy, as a load generator must.
    if (collect(shared) && shared.jobs_left() && shared.limiter.unlimited()) continue;
    // The last answer is in: end now, not after a wait of up to 100 ms for activity that cannot come.
    if (in_flight_ == 0 && retries_.empty() && !shared.jobs_left()) break;

    // Sleep until something can happen: curl activity, a due retry, a rate token, or a stop (seen within 100 ms).
    now = Clock::now();
    Clock::time_point wake = now + std::chrono::milliseconds(100);
    if (!idle_.empty() && (shared.jobs_left() || !retries_.empty())) {
      Clock::time_point due = shared.jobs_left() ? now : Clock::time_point::max();
      for (const Retry& retry : retries_) due = std::min(due, retry.ready);
      if (!shared.limiter.unlimited()) {
        std::lock_guard lock(shared.limiter_mutex);
        due = std::max(due, shared.limiter.next_due());
      }
      wake = std::min(wake, due);
    }
    const auto wait_ms = wake <= now ? 0LL : std::chrono::ceil<std::chrono::milliseconds>(wake - now).count();
    if (wait_ms > 0 || in_flight_ > 0) curl_multi_poll(multi_, nullptr, 0, static_cast<int>(wait_ms), nullptr);
  }
  if (shared.stopped)
    for (Transfer& transfer : transfers_) curl_multi_remove_handle(multi_, transfer.easy);
}

}  // namespace

HttpClient::HttpClient(ClientOptions options) : options_(std::move(options)) {
  global_init();
  options_.concurrency = std::max<std::size_t>(options_.concurrency, 1);
  options_.threads = std::clamp<std::size_t>(options_.threads, 1, options_.concurrency);
}

HttpClient::~HttpClient() = default;

bool HttpClient::run(std::span<const PreparedCase> cases, std::span<const std::size_t> jobs, const DoneCallback& done,
                     const std::atomic<bool>& stop) {
  Shared shared(cases, jobs, options_.rate, done, stop);
  shared.header_lists.resize(cases.size(), nullptr);
  std::vector<bool> used(cases.size(), false);
  for (const std::size_t job : jobs) used[job] = true;
  for (std::size_t i = 0; i < cases.size(); ++i)
    if (used[i]) shared.header_lists[i] = header_list(cases[i]);

  std::vector<std::unique_ptr<Lane>> lanes;
  for (std::size_t i = 0; i < options_.threads; ++i) {
    // Connections split as evenly as the concurrency allows: 16 over 2 threads is 8 and 8.
    const std::size_t share = options_.concurrency / options_.threads + (i < options_.concurrency % options_.threads);
    lanes.push_back(std::make_unique<Lane>(options_, share));
  }
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < lanes.size(); ++i) threads.emplace_back([&, i] { lanes[i]->run(shared); });
  lanes[0]->run(shared);
  for (std::thread& thread : threads) thread.join();
  tries_ = shared.tries;
  retried_ = shared.retried;
  return !shared.stopped;
}

}  // namespace reqprobe::replay
