#include "replay_run.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>

#include "body_files.h"
#include "curl_command.h"
#include "html_report.h"
#include "loopback.h"
#include "outcome.h"
#include "prepared_case.h"
#include "printable_text.h"
#include "redactor.h"
#include "report_files.h"
#include "response_check.h"
#include "scheme_credentials.h"
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

// The resumed report's results that count as done: the last line of each case, unless the endpoint gave no
// answer there (those cases are sent again). `resent` counts the cases dropped so.
std::vector<ReportLine> results_to_keep(std::vector<ReportLine> lines, std::size_t& resent) {
  std::map<std::string, std::size_t> last;
  for (std::size_t i = 0; i < lines.size(); ++i) last[lines[i].result.id] = i;
  std::vector<ReportLine> kept;
  resent = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (last[lines[i].result.id] != i) continue;
    if (is_no_answer(lines[i].result.outcome)) {
      ++resent;
      continue;
    }
    kept.push_back(std::move(lines[i]));
  }
  return kept;
}

// --html: the run's page. Probe and replay differ only in the command named and in whether a manifest came along.
bool write_run_page(const ReplayOptions& options, const TargetUrl& target, const ReplayRun& run,
                    const Redactor& redactor, std::string& error) {
  HtmlReportInput page;
  page.command = options.manifest.cases.empty() ? "replay" : "probe";
  page.version = options.version;
  page.started = utc_timestamp();
  page.seconds = run.seconds;
  page.parameters = {{"target", target.url},
                     {"cases", std::to_string(run.results.size())},
                     {"only", options.only.empty() ? "all" : options.only},
                     {"concurrency", std::to_string(options.client.concurrency)},
                     {"check errors", options.check_errors ? "yes" : "no"},
                     {"repeat", std::to_string(options.repeat)}};
  page.results = run.results;
  page.constraints = constraint_coverage(options.manifest, run.results);
  return write_html_report(options.html, page, redactor, error);
}

std::string quoted_id(const std::string& id) {
  return "'" + printable_text(id) + "'";
}

}  // namespace

ReplayRun run_replay(std::shared_ptr<const Contract> contract, const std::vector<ReplayInput>& inputs,
                     const ReplayOptions& options, std::ostream& out, std::ostream& err,
                     const std::atomic<bool>& stop) {
  ReplayRun run;
  // Whole texts (report files, the terminal) pass through the run's credentials; each result's fields also through
  // every case's own credential values, which may be short words that must not hit the reports' JSON or XML syntax.
  const Redactor run_redactor(options.credentials.secrets());
  const auto fail = [&](const std::string& message) {
    err << printable_text(run_redactor.apply("reqprobe: " + message)) << "\n";
    run.exit_code = 2;
    return run;
  };

  TargetUrl target;
  std::string error;
  if (!parse_target_url(options.target, target, error)) return fail(error);
  if (!check_scheme_credentials(contract->plan(), options.credentials, error)) return fail(error);
  if (!check_status_overrides(contract->plan(), options.expect_statuses, error)) return fail(error);
  if (options.only != "" && options.only != "valid" && options.only != "invalid")
    return fail("--only takes valid or invalid, not '" + options.only + "'");
  if (options.repeat == 0) return fail("--repeat must be at least 1");
  if (options.repeat > 1 && !options.resume.empty()) return fail("--resume cannot be combined with --repeat");

  // Cases already done in an earlier run: every case with an answer there. Those that got none are sent again.
  std::vector<ReportLine> previous;
  std::set<std::string> done_ids;
  if (!options.resume.empty()) {
    std::size_t skipped = 0;
    std::vector<ReportLine> lines;
    if (!read_jsonl_report(options.resume, lines, skipped, error)) return fail(error);
    if (skipped > 0)
      err << "reqprobe: " << skipped << " unreadable lines in " << printable_text(options.resume)
          << " ignored (their cases are sent again)\n";
    previous = results_to_keep(std::move(lines), run.resent);
    for (const ReportLine& line : previous) done_ids.insert(line.result.id);
  }

  std::vector<PreparedCase> prepared;
  std::vector<std::size_t> input_of;  // per prepared case, its index in `inputs`
  std::vector<std::string> secrets = options.credentials.secrets();
  {
    CasePreparer preparer(contract, options.validator, options.credentials, target.host_header);
    preparer.set_status_overrides(&options.expect_statuses);
    prepared.reserve(inputs.size());
    for (std::size_t k = 0; k < inputs.size(); ++k) {
      PreparedCase kase = preparer.prepare(inputs[k].kase, inputs[k].source);
      if (options.only == "valid" && !kase.expected_valid) continue;
      if (options.only == "invalid" && kase.expected_valid) continue;
      if (options.operations &&
          (!kase.operation_index || std::find(options.operations->begin(), options.operations->end(),
                                              *kase.operation_index) == options.operations->end()))
        continue;  // another operation's case, or one that routes nowhere
      for (std::string& secret : case_secrets(kase)) secrets.push_back(std::move(secret));
      prepared.push_back(std::move(kase));
      input_of.push_back(k);
    }
  }
  Redactor redactor(secrets);  // rebuilt when a refresh brings new credential values
  std::size_t valid_to_send = 0;
  std::vector<std::size_t> selection, unsendable;
  for (std::size_t i = 0; i < prepared.size(); ++i) {
    if (done_ids.count(prepared[i].id)) continue;
    if (!prepared[i].not_sendable.empty()) {
      unsendable.push_back(i);
      continue;
    }
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
    // Resuming into the same file: it is first rewritten without the results that are sent again (atomically), so
    // no case appears in it twice.
    if (append && !rewrite_jsonl_report(options.report, previous, error)) return fail(error);
    if (!report.open(options.report, append, run_redactor, error)) return fail(error);
    if (!append)
      for (const ReportLine& line : previous) report.write_line(line.text);  // the new report is complete on its own
  }

  RunSummary summary;
  summary.target = printable_text(target.url);
  summary.concurrency = options.client.concurrency;
  summary.resumed = previous.size();
  summary.resent = run.resent;
  for (const ReportLine& line : previous) {
    summary.count(line.result);
    run.results.push_back(line.result);
  }
  bool report_failed = false;
  for (const std::size_t i : unsendable) {
    CaseResult result = make_result(prepared[i], Exchange{}, not_sent(prepared[i]));
    redact(result, redactor);
    if (report.is_open() && !report.write(result)) report_failed = true;
    summary.count(result);
    run.results.push_back(std::move(result));
  }
  run.not_sent = summary.not_sent = unsendable.size();

  ClientOptions client_options = options.client;
  client_options.target = target;
  HttpClient client(client_options);
  ProgressBar progress(err, jobs.size(), options.progress);
  BodyFiles bodies(body_directory(options.report, options.junit, options.sarif));
  std::string body_error;
  std::size_t completed = 0;
  std::size_t silent = 0;  // cases in a row, in completion order, that got no answer

  // A 401 to a case carrying a --credential read from a command may mean the token expired: such answers are held,
  // and after the run the commands are run once more and those cases sent again with the new values (their first
  // answers are reported only if the refresh fails).
  Validator response_validator(contract, options.validator);  // answers against the documented responses
  bool refreshed = false;
  std::vector<std::pair<std::size_t, Exchange>> held;
  const auto started = std::chrono::steady_clock::now();
  const auto done = [&](std::size_t job, Exchange&& exchange) {
    const PreparedCase& kase = prepared[jobs[job]];
    if (!refreshed && kase.refreshable && exchange.transport == Exchange::Transport::answered &&
        exchange.status == 401 && kase.expected.status != 401) {
      held.emplace_back(job, std::move(exchange));
      return true;
    }
    const Classification classification = judge_answer(response_validator, kase, exchange, options.check_errors);
    CaseResult result = make_result(kase, exchange, classification);
    if (is_finding(result.outcome)) {
      std::string body_file;
      if (needs_body_file(kase) && body_error.empty()) body_file = bodies.write(kase.id, *kase.body, body_error);
      result.reproduce = curl_command(kase, target, options.credentials, options.client.insecure, body_file);
    }
    redact(result, redactor);
    if (report.is_open() && !report.write(result)) report_failed = true;
    summary.count(result);
    progress.update(++completed, summary.findings());
    const bool answered = !is_no_answer(result.outcome);
    silent = answered ? 0 : silent + 1;
    if (answered) run.last_answered = result.id;
    run.results.push_back(std::move(result));
    if (options.max_dead > 0 && silent >= options.max_dead && !run.endpoint_dead) {
      run.endpoint_dead = true;
      return false;
    }
    return true;
  };
  bool finished = client.run(prepared, jobs, done, stop);
  if (finished && !held.empty()) {
    Credentials credentials = options.credentials;
    std::string refresh_error;
    refreshed = true;
    if (refresh_scheme_credentials(credentials, refresh_error)) {
      err << "reqprobe: " << held.size() << " cases got 401; the credential commands were run again and they are "
          << "sent once more\n";
      for (std::string& secret : credentials.secrets()) secrets.push_back(std::move(secret));
      CasePreparer preparer(contract, options.validator, credentials, target.host_header);
      preparer.set_status_overrides(&options.expect_statuses);
      std::vector<std::size_t> again_jobs, again_of;  // the cases to send again; each one's index in `jobs`
      for (const auto& [job, exchange] : held) {
        PreparedCase& kase = prepared[jobs[job]];
        kase = preparer.prepare(inputs[input_of[jobs[job]]].kase, kase.source);
        for (std::string& secret : case_secrets(kase)) secrets.push_back(std::move(secret));
        again_jobs.push_back(jobs[job]);
        again_of.push_back(job);
      }
      redactor = Redactor(secrets);
      held.clear();
      finished = client.run(
          prepared, again_jobs,
          [&](std::size_t i, Exchange&& exchange) { return done(again_of[i], std::move(exchange)); }, stop);
    } else {
      err << "reqprobe: " << printable_text(redactor.apply(refresh_error)) << "\n";
      for (auto& [job, exchange] : held) (void)done(job, std::move(exchange));
    }
  }
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  progress.finish();
  run.interrupted = !finished && !run.endpoint_dead;
  run.not_run = jobs.size() - completed;
  run.tries = client.tries();
  run.retried = client.retried();
  summary.seconds = run.seconds;
  summary.tries = run.tries;
  summary.retried = run.retried;
  summary.not_run = run.not_run;
  if (run.endpoint_dead) summary.not_run_reason = "the endpoint stopped answering";
  if (bodies.written() > 0) run.bodies = summary.bodies = printable_text(bodies.directory().string());

  bool io_error = report_failed;
  if (report_failed)
    err << "reqprobe: writing " << printable_text(options.report) << " failed; the report is incomplete\n";
  if (!body_error.empty()) {
    err << "reqprobe: " << printable_text(body_error) << "; reproductions of large bodies are incomplete\n";
    io_error = true;
  }
  if (!options.junit.empty() && !write_junit(options.junit, run.results, run.seconds, run_redactor, error)) {
    err << "reqprobe: " << printable_text(error) << "\n";
    io_error = true;
  }
  if (!options.sarif.empty() && !write_sarif(options.sarif, run.results, options.version, run_redactor, error)) {
    err << "reqprobe: " << printable_text(error) << "\n";
    io_error = true;
  }

  if (!options.html.empty() && !write_run_page(options, target, run, run_redactor, error)) {
    err << "reqprobe: " << printable_text(error) << "\n";
    io_error = true;
  }

  // The terminal: every field escaped one by one, so no byte from a case or an endpoint can start a line.
  std::string text;
  std::size_t shown = 0;
  for (const CaseResult& r : run.results) {
    if (!is_finding(r.outcome)) continue;
    if (shown++ == options.show_findings) {
      text += "... " + std::to_string(summary.findings() - options.show_findings) + " more findings" +
              (options.report.empty() ? std::string(" (--report FILE lists them all)")
                                      : " in " + printable_text(options.report)) +
              "\n";
      break;
    }
    text += "FINDING " + std::string(outcome_name(r.outcome)) + " " + printable_text(r.id) + ": " +
            printable_text(r.detail) + "\n";
    std::string command = printable_text(r.reproduce);
    if (command.size() > kPrintedCommandMax)
      command = command.substr(0, kPrintedCommandMax) + " ... (cut; see the report)";
    if (!command.empty()) text += "  reproduce: " + command + "\n";
  }
  shown = 0;
  const auto all_not_sent = static_cast<std::size_t>(std::count_if(
      run.results.begin(), run.results.end(), [](const CaseResult& r) { return r.outcome == Outcome::not_sent; }));
  for (const CaseResult& r : run.results) {
    if (r.outcome != Outcome::not_sent) continue;
    if (shown++ == options.show_findings) {
      text += "... " + std::to_string(all_not_sent - options.show_findings) + " more cases not sent\n";
      break;
    }
    text += "NOT SENT " + printable_text(r.id) + ": " + printable_text(r.detail) + "\n";
  }
  text += summary_table(summary);
  out << run_redactor.apply(text) << std::flush;

  const std::string resume_hint = options.report.empty()
                                      ? std::string("; with --report FILE a later run can --resume FILE")
                                      : "; continue with --resume " + printable_text(options.report);
  if (run.endpoint_dead) {
    err << "reqprobe: the endpoint stopped answering: " << options.max_dead
        << " cases in a row got no answer (timeout or transport error); "
        << (run.last_answered.empty() ? std::string("no case was answered")
                                      : "the last case answered was " + quoted_id(run.last_answered))
        << ". " << run.not_run << " cases not run" << resume_hint
        << " once it answers again (--max-dead 0 never stops)\n";
  }
  if (run.interrupted) err << "reqprobe: interrupted: " << run.not_run << " cases not run" << resume_hint << "\n";
  if (run.interrupted || run.endpoint_dead || io_error)
    run.exit_code = 2;
  else
    run.exit_code = summary.findings() > 0 ? 1 : 0;
  return run;
}

}  // namespace reqprobe::replay
