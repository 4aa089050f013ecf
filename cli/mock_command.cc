#include "mock_command.h"

#include "generate_command.h"

#include <chrono>
#include <memory>
#include <thread>

#include "exit_codes.h"
#include "loopback.h"
#include "mock_defects.h"
#include "mock_server.h"
#include "stop_signal.h"

namespace reqprobe::cli {
namespace {

constexpr const char* kMockFooterStart =
    R"(Answers of the embedded HSS contract (shared/SPEC.md; the rules are data, its x-reqprobe-answers), decided
by validating the exact bytes received:
  200 no body            a valid request
  400 HSS.0001           any field, parameter, rule or Content-Type violation
  400 HSS.0002           a body that cannot be parsed: syntax, limits, invalid UTF-8 in the body
  401 APIGW.0301         any violation on X-Auth-Token (missing, empty, too long, repeated)
  404 APIGW.0101         a wrong path or method, or a request-target that cannot be parsed
  Errors have the body {"error_code","error_msg"}; every answer has an X-Request-Id header. When several apply,
  the first in this order wins: 404, 401, HSS.0002, HSS.0001 (a gateway routes, then authenticates), and
  error_msg describes the violation that chose the answer. Another document's exact rules, or OpenAPI's
  documented responses (x-reqprobe-answers: openapi, the default), are answered the same way.

HTTP/1.1 as RFC 9112 frames it, before any validation (each of these ends the connection):
  400 HSS.0002           a malformed request line or header line, obsolete line folding, whitespace before a
                         colon, a missing or repeated Host, Content-Length that is not a number or has different
                         values, Transfer-Encoding whose last coding is not chunked, a malformed chunk
  400 HSS.0002           a body over the validator's body limit (8 MiB), answered as soon as Content-Length (or
                         the chunks so far) pass it; the rest of the body is read and dropped, never held
  431 / 501 / 505        a head over --max-head-bytes / a transfer coding other than chunked / HTTP/2 and later
  408                    a head or body that does not arrive within --head-timeout-ms / --body-timeout-ms
  503 APIGW.0308         a connection past --max-connections (with Retry-After: 1)
  Accepted: repeated Content-Length values that are all the same number (one length); Transfer-Encoding with
  Content-Length (framed by Transfer-Encoding, then the connection closes); chunked trailers (checked, dropped).
  Connections stay open between requests (HTTP/1.1; HTTP/1.0 with Connection: keep-alive) until
  --idle-timeout-ms of silence. A slow client costs a descriptor and a buffer, never a thread.

With port 0 a free port is chosen. The first line on stdout is "listening on http://HOST:PORT" (flushed), so
scripts can read the port. SIGINT or SIGTERM stops the mock.

Defects (--defect NAME, repeatable), for proving that a harness finds each kind of bug:
)";

constexpr const char* kMockFooterEnd = R"(
Exit codes: 0 stopped by a signal, 2 usage, contract or listen error.

Examples:
  reqprobe mock
  reqprobe mock --listen 127.0.0.1:0
  reqprobe mock --listen 127.0.0.1:9000 --defect accept-unknown-fields --defect slow-answers --slow-ms 50
  reqprobe mock --defect ignore-code-max_length
  reqprobe mock --listen 0.0.0.0:8080 --allow-remote-listen)";

std::string mock_footer() {
  std::string footer = kMockFooterStart;
  for (const replay::DefectInfo& defect : replay::defect_catalog()) {
    std::string name = "  " + defect.name;
    name.resize(std::max<std::size_t>(name.size() + 1, 32), ' ');
    footer += name + defect.help + "\n";
  }
  return footer + kMockFooterEnd;
}

}  // namespace

CLI::App* add_mock_command(CLI::App& app, MockOptions& options) {
  CLI::App* command =
      app.add_subcommand("mock", "Serve the contract like the real service (for replay tests), optionally buggy");
  command->footer(mock_footer());
  add_contract_options(*command, options.contract);
  command
      ->add_option("--listen", options.listen, "Address to listen on (default 127.0.0.1:8080; port 0: any free port)")
      ->type_name("HOST:PORT");
  add_selection_options(*command, options.selection);
  command->add_option("--defect", options.defects, "Behave like a buggy server (repeatable; names below)")
      ->type_name("NAME")
      ->allow_extra_args(false);
  command
      ->add_option("--threads", options.threads,
                   "Event-loop threads, each serving many connections (default 0: four per CPU, at most 64)")
      ->check(CLI::Range(0, 4096));
  command->add_option("--max-connections", options.max_connections, "Connections open at once (default 1024)")
      ->check(CLI::Range(1, 1000000));
  command
      ->add_option("--max-head-bytes", options.max_head_bytes,
                   "Largest request head (request line and header fields); larger gets 431 (default 1048576)")
      ->check(CLI::Range(1024, 64 * 1024 * 1024));
  command
      ->add_option("--head-timeout-ms", options.head_timeout_ms,
                   "Time for a whole request head, from its first byte (default 10000)")
      ->check(CLI::Range(1, 3600000));
  command
      ->add_option("--body-timeout-ms", options.body_timeout_ms,
                   "Time for a whole request body, from the end of its head (default 30000)")
      ->check(CLI::Range(1, 3600000));
  command
      ->add_option("--idle-timeout-ms", options.idle_timeout_ms,
                   "How long an open connection may wait for its next request (default 5000)")
      ->check(CLI::Range(1, 3600000));
  command->add_option("--slow-ms", options.slow_ms, "Delay of the slow-answers defect (default 200)")
      ->check(CLI::Range(0, 600000));
  command->add_option("--hang-ms", options.hang_ms, "How long hang-on-deep-nesting hangs before closing (default 2000)")
      ->check(CLI::Range(0, 600000));
  command->add_flag("--allow-remote-listen", options.allow_remote_listen,
                    "Allow listening on an address other than loopback");
  return command;
}

int run_mock(const MockOptions& options, std::ostream& out, std::ostream& err) {
  replay::ListenAddress address;
  std::string error;
  if (!replay::parse_listen_address(options.listen, address, error)) {
    err << "reqprobe: " << error << "\n";
    return kExitError;
  }
  if (!replay::is_loopback_host(address.host) && !options.allow_remote_listen) {
    err << "reqprobe: refusing to listen on " << address.host
        << ", which is not loopback (the mock is a test tool); add --allow-remote-listen to do it anyway\n";
    return kExitError;
  }
  replay::MockDefects defects;
  if (!replay::parse_defects(options.defects, defects, error)) {
    err << "reqprobe: " << error << "\n";
    return kExitError;
  }
  std::optional<LoadedContract> loaded = load_chosen_contract(options.contract, err);
  if (!loaded) return kExitError;

  replay::MockTimings timings;
  timings.slow = std::chrono::milliseconds(options.slow_ms);
  timings.hang = std::chrono::milliseconds(options.hang_ms);
  std::vector<std::uint32_t> selected;
  if (!options.selection.empty()) {
    selected = gen::select_operations(loaded->contract->plan(), options.selection);
    if (selected.empty()) {
      err << "reqprobe: no operation matches the selection; nothing to serve\n";
      return kExitError;
    }
  }
  auto responder =
      std::make_shared<const replay::MockResponder>(loaded->contract, defects, timings, std::move(selected));
  replay::MockServerOptions server_options;
  server_options.host = address.host;
  server_options.port = address.port;
  server_options.threads = options.threads;
  server_options.max_connections = options.max_connections;
  server_options.limits.max_head_bytes = options.max_head_bytes;
  server_options.head_timeout = std::chrono::milliseconds(options.head_timeout_ms);
  server_options.body_timeout = std::chrono::milliseconds(options.body_timeout_ms);
  server_options.idle_timeout = std::chrono::milliseconds(options.idle_timeout_ms);
  replay::MockServer server(responder, server_options);
  const std::atomic<bool>& stop = replay::install_stop_signals();
  const int port = server.bind();
  if (port < 0) {
    err << "reqprobe: " << server.error() << "\n";
    return kExitError;
  }
  const bool v6 = address.host.find(':') != std::string::npos;
  out << "listening on http://" << (v6 ? "[" + address.host + "]" : address.host) << ":" << port << std::endl;
  if (!options.defects.empty()) {
    err << "reqprobe mock: defects:";
    for (const std::string& name : options.defects) err << " " << name;
    err << "\n";
  }
  // The signal handler only sets a flag; this watcher turns it into a stop, outside signal context.
  std::atomic<bool> served{false};
  std::thread watcher([&] {
    while (!stop.load() && !served.load()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    server.stop();
  });
  server.serve();
  served = true;
  watcher.join();
  if (!stop.load()) {
    err << "reqprobe: the mock stopped unexpectedly\n";
    return kExitError;
  }
  const replay::HttpServerStats stats = server.stats();
  err << "reqprobe mock: stopped after " << server.requests() << " requests (" << stats.rejected
      << " refused for their framing or size), " << stats.accepted << " connections (" << stats.refused
      << " refused at the cap, " << stats.timed_out << " closed by a deadline)\n";
  return kExitOk;
}

}  // namespace reqprobe::cli
