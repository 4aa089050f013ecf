// Sends prepared cases over libcurl's multi interface: up to --concurrency transfers in flight on keep-alive
// connections, spread over a few threads that each drive their own multi handle (as wrk spreads its connections),
// --rate held by one shared token bucket, retries per RetryPolicy. Each case goes out byte-exact: its method, its
// raw request-target (CURLOPT_REQUEST_TARGET), PreparedCase's header fields in order with repeats (Host and
// Content-Length given explicitly, so libcurl adds neither), its body; the headers libcurl would add on its own
// (Accept, Expect, Content-Type) are suppressed. Cases PreparedCase marks not sendable must not be given to it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>

#include "prepared_case.h"
#include "retry_policy.h"
#include "target_url.h"

namespace reqprobe::replay {

struct ClientOptions {
  TargetUrl target;
  std::size_t concurrency = 16;
  std::size_t threads = 2;                   ///< client threads (each gets concurrency / threads transfers)
  double rate = 0;                           ///< requests per second (retries included); 0: as fast as possible
  std::chrono::milliseconds timeout{10000};  ///< per try, connection included
  RetryPolicy retry;
  bool insecure = false;  ///< skip TLS certificate and host verification
};

/// What happened to one case: the final try's answer, or why there was none.
struct Exchange {
  enum class Transport { answered, timeout, failed };
  Transport transport = Transport::failed;
  int status = 0;
  std::string body;  ///< at most kMaxBody bytes of the answer's body
  std::string request_id;
  std::string retry_after;
  std::string content_type;
  std::vector<std::string> header_names;  ///< every field name of the answer, lowercased (at most kMaxHeaderNames)
  std::string error;                      ///< libcurl's description when there was no answer
  int attempts = 0;
  double start_ms = 0;    ///< first try, from the start of the run
  double connect_ms = 0;  ///< final try: TCP (and TLS) set-up; 0 on a reused connection
  double ttfb_ms = 0;     ///< final try: until the first byte of the answer
  double total_ms = 0;    ///< final try: until the answer was complete
  static constexpr std::size_t kMaxBody = 64 * 1024;
  static constexpr std::size_t kMaxHeaderNames = 256;
};

class HttpClient {
 public:
  explicit HttpClient(ClientOptions options);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  /// Called once per finished job, in completion order (never two calls at once, whatever the threads). Returning
  /// false ends the run: nothing new is started, and jobs still in flight or waiting for a retry are not reported.
  using DoneCallback = std::function<bool(std::size_t, Exchange&&)>;

  /// Sends cases[jobs[i]] for each i and calls done(i, exchange) once per job. Returns false when `stop` or done()
  /// ended the run first: jobs still in flight or not started are then not reported.
  bool run(std::span<const PreparedCase> cases, std::span<const std::size_t> jobs, const DoneCallback& done,
           const std::atomic<bool>& stop);

  [[nodiscard]] std::uint64_t tries() const noexcept { return tries_; }
  [[nodiscard]] std::uint64_t retried() const noexcept { return retried_; }

 private:
  ClientOptions options_;
  std::uint64_t tries_ = 0;
  std::uint64_t retried_ = 0;
};

}  // namespace reqprobe::replay
