#include "replay_run.h"

#include <chrono>
#include <filesystem>
#include <set>

#include "curl_command.h"
#include "loopback.h"
#include "outcome.h"
#include "prepared_case.h"
#include "redactor.h"
#include "report_files.h"
#include "summary.h"
#include "target_url.h"

namespace reqprobe::replay {
namespace {

constexpr std::size_t kPrintedCommandMax = 2000;  // longer reproductions are in the reports, not on the terminal

bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec;
  return a == b ||
         (std::filesystem::exists(a, ec) && std::filesystem::exists(b, ec) && std::filesystem::equivalent(a, b, ec));
}

}  // namespace

ReplayRun run_replay(std::shared_ptr<const Contract> contract, const std::vector<ReplayInput>& inputs,
                     const ReplayOptions& options, std::ostream& out, std::ostream& err,
                     const std::atomic<bool>& stop) {
  ReplayRun run;
  const Redactor redactor(options.credentials.secrets());
  const auto fail = [&](const std::string& message) {
    err << redactor.apply("reqprobe: " + message) << "\n";
    run.exit_code = 2;
    return run;
  };

  TargetUrl target;
  std::string error;
  if (!parse_target_url(options.target, target, error)) return fail(error);
  if (options.only != "" && options.only != "valid" && options.only != "invalid")
    return fail("--only takes valid or invalid, not '" + options.only + "'");
  if (options.repeat == 0) return fail("--repeat must be at least 1");
  if (options.repeat > 1 && !options.resume.empty()) return fail("--resume cannot be combined with --repeat");

  // Cases already done in an interrupted run.
  std::vector<CaseResult> previous;
  std::set<std::string> done_ids;
  if (!options.resume.empty()) {
    std::size_t skipped = 0;
    if (!read_jsonl_report(options.resume, previous, skipped, error)) return fail(error);
    if (skipped > 0) err << "reqprobe: " << skipped << " unreadable lines in " << options.resume << " ignored\n";
    for (const CaseResult& r : previous) done_ids.insert(r.id);
  }

  std::vector<PreparedCase> prepared;
  {
    CasePreparer preparer(contract, options.validator, options.credentials, target.host_header);
    prepared.reserve(inputs.size());
    for (const ReplayInput& input : inputs) {
      PreparedCase kase = preparer.prepare(input.kase, input.source);
      if (options.only == "valid" && !kase.expected_valid) continue;
      if (options.only == "invalid" && kase.expected_valid) continue;
      prepared.push_back(std::move(kase));
    }
  }
  std::size_t valid_to_send = 0;
  std::vector<std::size_t> selection;
  for (std::size_t i = 0; i < prepared.size(); ++i) {
    if (done_ids.count(prepared[i].id)) continue;
    selection.push_back(i);
    valid_to_send += prepared[i].expected_valid;
  }
  if (valid_to_send > 0 && !is_loopback_host(target.host) && !options.allow_valid_remote)
    return fail("refusing to send " + std::to_string(valid_to_send) + " valid cases to " + target.host +
                ", which is not loopback: on a live service each creates a real scan task. Use --only invalid, or "
                "--allow-valid-remote if that is what you want");
  std::vector<std::size_t> jobs;
  jobs.reserve(selection.size() * options.repeat);
  for (std::size_t round = 0; round < options.repeat; ++round)
    jobs.insert(jobs.end(), selection.begin(), selection.end());

  JsonlReport report;
  if (!options.report.empty()) {
    const bool append = !options.resume.empty() && same_file(options.report, options.resume);
    if (!report.open(options.report, append, redactor, error)) return fail(error);
    if (!append)
      for (const CaseResult& r : previous) report.write(r);  // the new report is complete on its own
  }

  RunSummary summary;
  summary.target = target.url;
  summary.concurrency = options.concurrency;
  summary.resumed = previous.size();
  for (const CaseResult& r : previous) summary.count(r);
  run.results = previous;

  ClientOptions client_options;
  client_options.target = target;
  client_options.concurrency = options.concurrency;
  client_options.threads = options.client_threads;
  client_options.rate = options.rate;
  client_options.timeout = options.timeout;
  client_options.retry = options.retry;
  client_options.insecure = options.insecure;
  HttpClient client(client_options);
  ProgressBar progress(err, jobs.size(), options.progress);
  std::size_t completed = 0;
  bool report_failed = false;

  const auto started = std::chrono::steady_clock::now();
  const bool finished = client.run(
      prepared, jobs,
      [&](std::size_t job, Exchange&& exchange) {
        const PreparedCase& kase = prepared[jobs[job]];
        const Classification classification = classify(kase, exchange);
        CaseResult result = make_result(kase, exchange, classification);
        if (is_finding(result.outcome))
          result.reproduce = redactor.apply(curl_command(kase, target, options.credentials, options.insecure));
        result.detail = redactor.apply(result.detail);
        if (report.is_open() && !report.write(result)) report_failed = true;
        summary.count(result);
        run.results.push_back(std::move(result));
        progress.update(++completed, summary.findings());
      },
      stop);
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  progress.finish();
  run.interrupted = !finished;
  run.not_run = jobs.size() - completed;
  run.tries = client.tries();
  run.retried = client.retried();
  summary.seconds = run.seconds;
  summary.tries = run.tries;
  summary.retried = run.retried;
  summary.not_run = run.not_run;

  bool io_error = report_failed;
  if (report_failed) err << "reqprobe: writing " << options.report << " failed; the report is incomplete\n";
  if (!options.junit.empty() && !write_junit(options.junit, run.results, run.seconds, redactor, error)) {
    err << "reqprobe: " << error << "\n";
    io_error = true;
  }
  if (!options.sarif.empty() && !write_sarif(options.sarif, run.results, options.version, redactor, error)) {
    err << "reqprobe: " << error << "\n";
    io_error = true;
  }

  std::string text;
  std::size_t shown = 0;
  for (const CaseResult& r : run.results) {
    if (!is_finding(r.outcome)) continue;
    if (shown++ == options.show_findings) {
      text += "... " + std::to_string(summary.findings() - options.show_findings) + " more findings" +
              (options.report.empty() ? std::string(" (--report FILE lists them all)") : " in " + options.report) +
              "\n";
      break;
    }
    text += "FINDING " + std::string(outcome_name(r.outcome)) + " " + r.id + ": " + r.detail + "\n";
    std::string command = r.reproduce;
    if (command.size() > kPrintedCommandMax)
      command = command.substr(0, kPrintedCommandMax) + " ... (cut; see the report)";
    if (!command.empty()) text += "  reproduce: " + command + "\n";
  }
  text += summary_table(summary);
  out << redactor.apply(text) << std::flush;
  if (run.interrupted) {
    err << "reqprobe: interrupted: " << run.not_run << " cases not run"
        << (options.report.empty() ? std::string() : "; continue with --resume " + options.report) << "\n";
  }
  if (run.interrupted || io_error)
    run.exit_code = 2;
  else
    run.exit_code = summary.findings() > 0 ? 1 : 0;
  return run;
}

}  // namespace reqprobe::replay
