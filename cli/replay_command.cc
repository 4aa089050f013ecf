#include "replay_command.h"

#include <unistd.h>

#include "exit_codes.h"
#include "file_io.h"
#include "generate_command.h"
#include "printable_text.h"
#include "reqprobe/case_file.h"
#include "scheme_credentials.h"
#include "stop_signal.h"

namespace reqprobe::cli {
namespace {

constexpr const char* kReplayFooter =
    R"(What it sends: each case byte for byte - method, raw request-target, headers in order (repeats kept),
body - over HTTP/1.1 keep-alive connections (libcurl's multi interface). libcurl adds only Host (first, when the
case has none) and Content-Length (last, when a body goes out and the case has none); the expected answer is
computed on the request with them, exactly as it goes out. A HEAD case is sent without its body.

Not sent: a case HTTP/1.1 cannot carry as written - a method or header name that is not a token, a header value
with CR, LF or NUL, a request-target with whitespace, CR, LF or NUL, its own Transfer-Encoding, a Content-Length
that is repeated, is not the body's size or comes without a body, a second Host - is never put on the wire. It
gets the outcome not-sent with the reason, in the summary and every report; it is not a finding. (A value of only
spaces and tabs goes out empty: libcurl would drop it, and the recipient strips that whitespace anyway.)

Credentials for any document: --credential NAME=env:VAR (or file:PATH, or command:CMD, run once) gives the
security scheme NAME of components/securitySchemes its value - an apiKey's key (header, query or cookie), a bearer
token (http bearer, oauth2, openIdConnect), user:password for http basic. Each case that does not itself test
credentials gets those of the first security alternative of its operation that your --credential options satisfy.
HSS: --token-env VAR or --token-file FILE puts your token into every case that does not itself test the
token (a case whose X-Auth-Token is deliberately missing, empty or too long keeps it); --ak-env/--sk-env sign
those cases with AK/SK (SDK-HMAC-SHA256) instead. No credential value appears in any output, report or
reproduction command, whoever supplied it: X-Auth-Token, Authorization, Proxy-Authorization, Cookie and the
contract's credential headers are shown as ${VAR} or $(cat FILE) for yours and ${CASE_X_AUTH_TOKEN} (and so on)
for a case's own, and every such value of 4 bytes or more is replaced by [REDACTED] wherever else it shows up.

Expected answers come from the validator, run on exactly what is sent. Outcomes:
  ok                the documented answer
  accepted-invalid  2xx for an invalid case
  rejected-valid    an error for a valid case
  server-error      5xx
  wrong-status      an invalid case refused with another status than the documented one
  wrong-error-body  the documented status, but the body is not {"error_code","error_msg"}, its error_code is
                    another, or X-Request-Id is missing
  timeout           no answer within --timeout-ms
  transport-error   refused, reset or closed without an answer, after the retries
  not-sent          HTTP/1.1 cannot carry the case as written (see above); not a finding
  undocumented-status       a 2xx for a valid case that the operation does not document
  content-type-mismatch     a 2xx whose Content-Type the response does not document (or no body where one is)
  response-schema-mismatch  a 2xx whose JSON body is invalid against the response schema (pointer into the body),
                            or that lacks a required response header
Every outcome but ok and not-sent is a finding, printed with a curl command (POSIX sh) that reproduces it. A body
over 16 KiB is written to REPORT.bodies/ next to the first report file (or ./reqprobe-bodies/) and the command
reads it by its absolute path.

Retries (--retries N, default 3): a connection that could not be made (nothing was sent), with backoff (100 ms,
doubling), and a 429 answer, after its Retry-After. After a reset or a connection closed without an answer, only
idempotent methods (GET, HEAD, OPTIONS, TRACE, PUT, DELETE) are retried: the request may have been acted on, and
a POST sent twice can create two scan tasks. --retry-after-send retries every method there too. Timeouts never.

A dead endpoint: after --max-dead K cases in a row got no answer (timeout or transport error; default 10, 0 never
stops) the run stops, says which case was the last one answered, and exits 2.

Reports: --report FILE, one JSON line per case as it finishes (outcome, expected and actual answer, timings,
reproduction); --junit FILE, one testcase per case; --sarif FILE, one result per finding (and per case not sent).
After an interruption (SIGINT) or a dead endpoint, the reports hold every case that ran; --resume REPORT sends the
rest, and again the cases that got no answer (timeout or transport error). Resuming into the same file rewrites it
first without those, so no case appears in it twice.

Safety: valid cases create real scan tasks on a live service, so they are sent only to a loopback host unless
--allow-valid-remote is given; use --only invalid against live services. TLS certificates are verified unless
--insecure. Control characters from cases or the endpoint are printed as visible escapes (\x1b, \n, \u0085).

Exit codes: 0 no findings, 1 findings, 2 usage, I/O or contract error, an interrupted run, or a dead endpoint.

Examples:
  reqprobe mock --listen 127.0.0.1:8080 &
  reqprobe replay --target http://127.0.0.1:8080 corpus/hss
  reqprobe replay --target http://127.0.0.1:8080 --report run.jsonl --junit run.xml --sarif run.sarif corpus/hss
  reqprobe replay --target http://127.0.0.1:8080 --resume run.jsonl --report run.jsonl corpus/hss
  HSS_TOKEN=... reqprobe replay --target https://hss.example.com --token-env HSS_TOKEN --only invalid \
      --rate 5 --concurrency 2 corpus/hss
  reqprobe replay --target http://127.0.0.1:8080 --concurrency 64 --repeat 20 corpus/hss   (throughput))";

}  // namespace

void add_replay_options(CLI::App& command, ReplayCommandOptions& options) {
  add_contract_options(command, options.contract);
  command.add_option("--concurrency", options.run.client.concurrency, "Requests in flight at once (default 16)")
      ->check(CLI::Range(1, 1024));
  command
      .add_option("--client-threads", options.run.client.threads,
                  "Threads sending, each with its own share of the connections (default 2, like wrk)")
      ->check(CLI::Range(1, 64));
  command
      .add_option("--rate", options.run.client.rate,
                  "Requests per second, retries included (default: as fast as possible)")
      ->check(CLI::PositiveNumber);
  command
      .add_option("--timeout-ms", options.timeout_ms, "Time allowed for one try, connecting included (default 10000)")
      ->check(CLI::Range(1L, 3600000L));
  command
      .add_option("--retries", options.run.client.retry.retries,
                  "Tries after the first when the connection failed or a 429 came back (default 3)")
      ->check(CLI::Range(0, 100));
  command.add_flag("--retry-after-send", options.run.client.retry.after_send,
                   "Also retry POST and other non-idempotent methods after a reset or a close without an answer "
                   "(the endpoint may then act on the request twice)");
  command
      .add_option("--max-dead", options.run.max_dead,
                  "Stop after this many cases in a row got no answer (timeout or transport error; default 10, 0: "
                  "never stop)")
      ->type_name("K");
  command
      .add_option("--credential", options.credentials,
                  "A credential for a security scheme of the document: NAME=env:VAR, NAME=file:PATH or "
                  "NAME=command:CMD (run once, again after a 401; its output is the value), or "
                  "NAME=apig-sign:AK_VAR:SK_VAR (APIG AK/SK signing). apiKey: the key; http bearer, oauth2, "
                  "openIdConnect: the token; http basic: user:password. Repeatable, one per scheme")
      ->type_name("NAME=SOURCE");
  command.add_option("--token-env", options.token_env, "Environment variable holding the token (X-Auth-Token)")
      ->type_name("VAR");
  command.add_option("--token-file", options.token_file, "File holding the token")->type_name("FILE");
  command.add_option("--ak-env", options.ak_env, "Environment variable holding the access key (AK/SK signing)")
      ->type_name("VAR");
  command.add_option("--sk-env", options.sk_env, "Environment variable holding the secret key (AK/SK signing)")
      ->type_name("VAR");
  command.add_flag("--insecure", options.run.client.insecure, "Do not verify the TLS certificate and host name");
  command.add_option("--only", options.run.only, "Send only valid or only invalid cases")
      ->check(CLI::IsMember({"valid", "invalid"}));
  command
      .add_option("--expect-statuses", options.expect_statuses,
                  "JSON file of the statuses an invalid request must get, by violation code, for every operation "
                  "or one: {\"statuses\": {\"content_type\": [415]}, \"operations\": {\"addPet\": {\"type\": "
                  "[422]}}} (OpenAPI documents; elsewhere the documented 4xx)")
      ->type_name("FILE");
  command.add_flag("--check-errors", options.run.check_errors,
                   "Also hold error answers (4xx) to the operation's documented responses: a documented status, "
                   "Content-Type and body schema (the stricter profile; by default a server's error bodies are its "
                   "own)");
  command.add_flag("--allow-valid-remote", options.run.allow_valid_remote,
                   "Send valid cases to a host that is not loopback (each creates a real scan task)");
  command.add_option("--report", options.run.report, "JSON lines report, one line per case, written as cases finish")
      ->type_name("FILE");
  command.add_option("--junit", options.run.junit, "JUnit XML report")->type_name("FILE");
  command.add_option("--sarif", options.run.sarif, "SARIF 2.1.0 report of the findings")->type_name("FILE");
  command
      .add_option("--html", options.run.html,
                  "The run as one self-contained HTML page: outcomes per operation, findings with reproducers, "
                  "constraint coverage, latency chart")
      ->type_name("FILE");
  command
      .add_option("--resume", options.run.resume,
                  "Skip the cases already answered in this JSON lines report (those that got no answer are sent "
                  "again)")
      ->type_name("REPORT");
  command.add_option("--repeat", options.run.repeat, "Send the cases this many times (throughput runs; default 1)")
      ->check(CLI::Range(1, 100000));
  command.add_option("--show-findings", options.run.show_findings, "Findings printed on stdout (default 20)");
  command.add_flag("--no-progress", options.no_progress, "No progress bar, even on a terminal");
}

CLI::App* add_replay_command(CLI::App& app, ReplayCommandOptions& options) {
  CLI::App* command =
      app.add_subcommand("replay", "Send cases to an endpoint and report where its answers differ from the contract's");
  command->footer(kReplayFooter);
  command->add_option("--target", options.run.target, "The endpoint, e.g. http://127.0.0.1:8080")
      ->required()
      ->type_name("URL");
  add_replay_options(*command, options);
  add_selection_options(*command, options.selection);
  command->add_option("cases", options.inputs, "Case files, or directories of them (their *.json files)")
      ->required()
      ->type_name("CASES");
  return command;
}

std::optional<replay::ReplayOptions> replay_options(const ReplayCommandOptions& options, std::ostream& err) {
  replay::ReplayOptions run = options.run;
  run.client.timeout = std::chrono::milliseconds(options.timeout_ms);
  run.progress = !options.no_progress && ::isatty(STDERR_FILENO) == 1;
  run.version = REQPROBE_VERSION;
  std::string error;
  const int sources =
      !options.token_env.empty() + !options.token_file.empty() + (!options.ak_env.empty() || !options.sk_env.empty());
  if (sources > 1) {
    err << "reqprobe: choose one of --token-env, --token-file and --ak-env/--sk-env\n";
    return std::nullopt;
  }
  bool ok = true;
  if (!options.token_env.empty()) ok = replay::token_from_env(options.token_env, run.credentials, error);
  if (!options.token_file.empty()) ok = replay::token_from_file(options.token_file, run.credentials, error);
  if (!options.ak_env.empty() || !options.sk_env.empty()) {
    if (options.ak_env.empty() || options.sk_env.empty()) {
      error = "--ak-env and --sk-env go together";
      ok = false;
    } else {
      ok = replay::aksk_from_env(options.ak_env, options.sk_env, run.credentials, error);
    }
  }
  if (ok && !options.expect_statuses.empty())
    ok = replay::read_status_overrides(options.expect_statuses, run.expect_statuses, error);
  for (const std::string& spec : options.credentials)
    ok = ok && replay::scheme_credential_from(spec, run.credentials, error);
  if (!ok) {
    err << "reqprobe: " << replay::printable_text(error) << "\n";
    return std::nullopt;
  }
  return run;
}

int run_replay_command(const ReplayCommandOptions& options, std::ostream& out, std::ostream& err) {
  std::optional<replay::ReplayOptions> run = replay_options(options, err);
  if (!run) return kExitError;
  std::optional<LoadedContract> loaded = load_chosen_contract(options.contract, err);
  if (!loaded) return kExitError;
  if (!options.selection.empty()) {
    run->operations = gen::select_operations(loaded->contract->plan(), options.selection);
    if (run->operations->empty()) {
      err << "reqprobe: no operation matches the selection; nothing to replay\n";
      return kExitError;
    }
  }
  std::vector<std::string> files;
  std::string error;
  if (!expand_inputs(options.inputs, files, error)) {
    err << "reqprobe: " << replay::printable_text(error) << "\n";
    return kExitError;
  }
  std::vector<replay::ReplayInput> inputs;
  inputs.reserve(files.size());
  for (const std::string& file : files) {
    ReadResult read = read_input(file);
    if (!read.ok()) {
      err << "reqprobe: " << replay::printable_text(read.error) << "\n";
      return kExitError;
    }
    CaseParseResult parsed = parse_case(*read.bytes);
    if (!parsed.ok()) {
      err << "reqprobe: " << replay::printable_text(file + ": not a valid case file: " + parsed.error.describe())
          << "\n";
      return kExitError;
    }
    inputs.push_back({std::move(*parsed.kase), file});
  }
  const std::atomic<bool>& stop = replay::install_stop_signals();
  return replay::run_replay(loaded->contract, inputs, *run, out, err, stop).exit_code;
}

}  // namespace reqprobe::cli
