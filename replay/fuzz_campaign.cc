#include "fuzz_campaign.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <set>

#include "curl_command.h"
#include "fuzz_output.h"
#include "fuzz_shrink.h"
#include "loopback.h"
#include "printable_text.h"
#include "redactor.h"
#include "request_mutator.h"
#include "response_check.h"
#include "scheme_credentials.h"
#include "target_url.h"

namespace reqprobe::replay {
namespace {

using Clock = std::chrono::steady_clock;

// A case the campaign may mutate, and the operation it routes to.
struct Seed {
  Case kase;
  std::optional<std::uint32_t> operation;
  std::string edits;  // how it was made from the suite ("" for the suite's own cases)
};

// One round's cases as judged, ready for the client.
struct Round {
  std::vector<PreparedCase> prepared;
  std::vector<Case> cases;
  std::vector<std::string> edits;
  std::vector<bool> mutant;
  void add(PreparedCase p, Case c, std::string e, bool m) {
    prepared.push_back(std::move(p));
    cases.push_back(std::move(c));
    edits.push_back(std::move(e));
    mutant.push_back(m);
  }
  [[nodiscard]] std::size_t size() const noexcept { return prepared.size(); }
};

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

// Keeps what the HTML report needs of a result that is no finding: a long run sends many.
CaseResult trimmed(const CaseResult& result) {
  if (is_finding(result.outcome)) return result;
  CaseResult t;
  t.id = result.id;
  t.method = result.method;
  t.expected_valid = result.expected_valid;
  t.outcome = result.outcome;
  t.status = result.status;
  t.total_ms = result.total_ms;
  t.operation = result.operation;
  return t;
}

constexpr std::size_t kKeptResults = 200000;  // for the HTML report; counts beyond are in the summary only

class Campaign {
 public:
  Campaign(std::shared_ptr<const Contract> contract, const FuzzOptions& options, const TargetUrl& target,
           std::ostream& err, const std::atomic<bool>& stop)
      : contract_(std::move(contract)),
        options_(options),
        replay_(options.replay),
        target_(target),
        err_(err),
        stop_(stop),
        preparer_(contract_, replay_.validator, replay_.credentials, target.host_header),
        mutator_(contract_->plan()),
        response_validator_(contract_, replay_.validator),
        client_(client_options()),
        secrets_(replay_.credentials.secrets()),
        redactor_(secrets_) {
    preparer_.set_status_overrides(&replay_.expect_statuses);
    send_valid_ = is_loopback_host(target.host) || replay_.allow_valid_remote;
  }

  FuzzRun run(std::vector<Case> suite, std::uint64_t resumed_requests) {
    started_ = last_progress_ = Clock::now();
    mutation_counter_ = resumed_requests_ = resumed_requests;
    // The coverage phase: the suite (and a resumed run's reproducers) as they are.
    // Every case becomes a seed; as many as --requests allows are sent.
    Round round;
    std::uint64_t planned = 0;
    bool sending = true;
    for (Case& kase : suite) {
      PreparedCase p = preparer_.prepare(kase, "");
      if (!p.not_sendable.empty() || !selected(p) || (p.expected_valid && !send_valid_)) continue;
      corpus_.push_back({kase, p.operation_index, ""});
      if (!sending || (options_.max_requests > 0 && planned >= options_.max_requests)) continue;
      ++planned;
      round.add(std::move(p), std::move(kase), "", false);
      if (round.size() == options_.batch) {
        sending = send(round) && !ended();
        round = Round();
      }
    }
    if (sending && !ended() && round.size() > 0) (void)send(round);
    if (corpus_.empty()) {
      err_ << "reqprobe: no case of the suite can be sent (selection, or valid cases to a remote target)\n";
      run_.exit_code = 2;
      return std::move(run_);
    }
    // The mutation phase.
    while (!ended()) {
      Round next = mutants();
      if (next.size() == 0) break;
      if (!send(next)) break;
    }
    run_.interrupted = stop_.load();
    if (!run_.interrupted && !run_.endpoint_dead) minimise_all();
    progress_line(true);
    run_.seconds = std::chrono::duration<double>(Clock::now() - started_).count();
    run_.seeds = corpus_.size();
    run_.answer_buckets = answers_.size();
    run_.buckets = store_.buckets();
    run_.exit_code = run_.interrupted || run_.endpoint_dead ? 2 : (run_.buckets.empty() ? 0 : 1);
    return std::move(run_);
  }

  [[nodiscard]] const Redactor& redactor() const noexcept { return redactor_; }
  [[nodiscard]] std::vector<CaseResult>& results() noexcept { return results_; }

  void restore(std::vector<Bucket> buckets) {
    for (Bucket& b : buckets) store_.restore(std::move(b));
  }

 private:
  ClientOptions client_options() const {
    ClientOptions c = replay_.client;
    c.target = target_;
    return c;
  }

  bool selected(const PreparedCase& p) const {
    if (!replay_.operations || !p.operation_index) return true;  // a request that routes nowhere is fair game
    return std::find(replay_.operations->begin(), replay_.operations->end(), *p.operation_index) !=
           replay_.operations->end();
  }

  [[nodiscard]] bool out_of_time() const {
    return options_.duration_seconds > 0 &&
           std::chrono::duration<double>(Clock::now() - started_).count() >= options_.duration_seconds;
  }
  [[nodiscard]] bool out_of_requests() const { return options_.max_requests > 0 && run_.sent >= options_.max_requests; }
  [[nodiscard]] bool ended() const { return stop_.load() || run_.endpoint_dead || out_of_time() || out_of_requests(); }

  // A round of mutants: picked seeds (recent feedback seeds half the time), mutated, judged; valid ones within
  // their share and only where they may go.
  Round mutants() {
    Round round;
    std::size_t want = options_.batch;
    if (options_.max_requests > 0) want = std::min<std::uint64_t>(want, options_.max_requests - run_.sent);
    const auto valid_cap = static_cast<std::size_t>(static_cast<double>(want) * options_.valid_share);
    std::size_t valid = 0;
    std::mt19937_64 rng(options_.seed * 0x9E3779B97F4A7C15ull + mutation_counter_);
    for (std::size_t attempt = 0; round.size() < want && attempt < want * 8; ++attempt) {
      const std::size_t recent = std::min<std::size_t>(corpus_.size() - suite_size(), 64);
      const std::size_t index =
          recent > 0 && rng() % 2 == 0 ? corpus_.size() - 1 - rng() % recent : rng() % corpus_.size();
      const Seed& seed = corpus_[index];
      std::vector<std::string> edits;
      Case mutant = mutator_.mutate(seed.kase, seed.operation, rng(), edits);
      ++mutation_counter_;
      mutant.id = "fuzz-" + std::to_string(mutation_counter_);
      mutant.description = "from " + seed.kase.id + ": " + joined(edits);
      PreparedCase p = preparer_.prepare(mutant, "");
      if (!p.not_sendable.empty() || !selected(p)) continue;
      if (p.expected_valid && (!send_valid_ || valid >= valid_cap)) continue;
      valid += p.expected_valid;
      std::string how = seed.edits.empty() ? joined(edits) : seed.edits + "; " + joined(edits);
      round.add(std::move(p), std::move(mutant), std::move(how), true);
    }
    return round;
  }

  [[nodiscard]] std::size_t suite_size() const noexcept { return suite_size_ ? suite_size_ : corpus_.size(); }

  // Sends a round and takes in every answer. False when the run must end (stop, dead endpoint).
  bool send(Round& round) {
    if (suite_size_ == 0 && !round.mutant.empty() && round.mutant[0]) suite_size_ = corpus_.size();
    std::vector<std::size_t> jobs(round.size());
    for (std::size_t i = 0; i < jobs.size(); ++i) jobs[i] = i;
    const auto done = [&](std::size_t i, Exchange&& exchange) {
      const PreparedCase& kase = round.prepared[i];
      const Classification verdict = judge_answer(response_validator_, kase, exchange, replay_.check_errors);
      CaseResult result = make_result(kase, exchange, verdict);
      ++run_.sent;
      run_.valid_sent += kase.expected_valid;
      run_.mutants += round.mutant[i];
      const bool answered = !is_no_answer(result.outcome);
      silent_ = answered ? 0 : silent_ + 1;
      // A new answer shape makes the mutant a seed, if it still reaches an operation: descendants of a request
      // that routes nowhere would mostly route nowhere too.
      if (answered && answers_.insert(answer_key(kase, exchange, verdict.error_code)).second && round.mutant[i] &&
          kase.operation_index)
        corpus_.push_back({round.cases[i], kase.operation_index, round.edits[i]});
      if (is_finding(result.outcome)) {
        result.reproduce = curl_command(kase, target_, replay_.credentials, replay_.client.insecure, "");
        redact(result, redactor_);
        const std::string key = finding_key(kase, result);
        if (store_.add(key, resumed_requests_ + run_.sent, round.cases[i], round.edits[i], result))
          err_ << "\rfuzz: new bucket " << store_.buckets().size() << ": " << printable_text(redactor_.apply(key))
               << "\n";
      }
      if (results_.size() < kKeptResults) results_.push_back(trimmed(result));
      progress_line(false);
      if (replay_.max_dead > 0 && silent_ >= replay_.max_dead) {
        run_.endpoint_dead = true;
        return false;
      }
      return !out_of_time();
    };
    const bool finished = client_.run(round.prepared, jobs, done, stop_);
    return finished && !run_.endpoint_dead;
  }

  void progress_line(bool last) {
    const auto now = Clock::now();
    if (!last && now - last_progress_ < std::chrono::seconds(replay_.progress ? 1 : 30)) return;
    last_progress_ = now;
    const double elapsed = std::chrono::duration<double>(now - started_).count();
    err_ << (replay_.progress ? "\r" : "") << "fuzz: " << run_.sent << " sent (" << run_.valid_sent << " valid), "
         << store_.buckets().size() << " buckets, " << answers_.size() << " answer shapes, " << corpus_.size()
         << " seeds, " << static_cast<long>(elapsed) << " s" << (replay_.progress && !last ? "   " : "\n")
         << std::flush;
  }

  // Each bucket's reproducer shrunk step by step; a step is kept only when the smaller case, re-validated and
  // re-sent, lands in the same bucket.
  void minimise_all() {
    for (Bucket& bucket : store_.buckets()) {
      if (bucket.minimised || stop_.load() || run_.endpoint_dead) continue;
      minimise(bucket);
    }
  }

  void minimise(Bucket& bucket) {
    std::size_t sends = 0;
    while (sends < options_.shrink_sends && !stop_.load() && !run_.endpoint_dead) {
      const std::vector<Case> candidates = shrink_candidates(bucket.kase);
      bool progressed = false;
      for (std::size_t from = 0; from < candidates.size() && !progressed && sends < options_.shrink_sends;) {
        Round round;
        const std::string side = expected_side_of(bucket);
        for (; from < candidates.size() && round.size() < 8; ++from) {
          PreparedCase p = preparer_.prepare(candidates[from], "");
          if (!p.not_sendable.empty() || expected_side(p) != side || p.operation != bucket_operation(bucket))
            continue;  // the smaller case means something else: not the same problem
          if (p.expected_valid && !send_valid_) continue;
          round.add(std::move(p), candidates[from], bucket.edits + "; shrunk", false);
        }
        if (round.size() == 0) continue;
        sends += round.size();
        std::vector<std::size_t> jobs(round.size());
        for (std::size_t i = 0; i < jobs.size(); ++i) jobs[i] = i;
        std::optional<std::size_t> best;
        CaseResult best_result;
        const auto done = [&](std::size_t i, Exchange&& exchange) {
          const PreparedCase& kase = round.prepared[i];
          CaseResult result =
              make_result(kase, exchange, judge_answer(response_validator_, kase, exchange, replay_.check_errors));
          ++run_.sent;
          run_.valid_sent += kase.expected_valid;
          if (!is_finding(result.outcome)) return true;
          result.reproduce = curl_command(kase, target_, replay_.credentials, replay_.client.insecure, "");
          redact(result, redactor_);
          if (finding_key(kase, result) != bucket.key) return true;
          if (!best || case_size(round.cases[i]) < case_size(round.cases[*best])) {
            best = i;
            best_result = std::move(result);
          }
          return true;
        };
        if (!client_.run(round.prepared, jobs, done, stop_)) return;
        if (best && case_size(round.cases[*best]) < case_size(bucket.kase)) {
          bucket.kase = round.cases[*best];
          bucket.result = std::move(best_result);
          progressed = true;
        }
      }
      if (!progressed) break;
    }
    bucket.minimised = true;
  }

  std::string expected_side_of(const Bucket& bucket) { return expected_side(preparer_.prepare(bucket.kase, "")); }
  std::string bucket_operation(const Bucket& bucket) { return preparer_.prepare(bucket.kase, "").operation; }

  std::shared_ptr<const Contract> contract_;
  const FuzzOptions& options_;
  const ReplayOptions& replay_;
  TargetUrl target_;
  std::ostream& err_;
  const std::atomic<bool>& stop_;
  CasePreparer preparer_;
  gen::RequestMutator mutator_;
  Validator response_validator_;
  HttpClient client_;
  std::vector<std::string> secrets_;
  Redactor redactor_;
  bool send_valid_ = true;
  std::vector<Seed> corpus_;
  std::size_t suite_size_ = 0;
  std::set<std::string> answers_;
  BucketStore store_;
  std::vector<CaseResult> results_;
  FuzzRun run_;
  std::size_t silent_ = 0;
  std::uint64_t mutation_counter_ = 0;
  std::uint64_t resumed_requests_ = 0;  // requests of the run resumed, so first_seen counts across runs
  Clock::time_point started_{};
  Clock::time_point last_progress_{};
};

}  // namespace

FuzzRun run_fuzz(std::shared_ptr<const Contract> contract, std::vector<Case> seeds, const FuzzOptions& options,
                 std::ostream& out, std::ostream& err, const std::atomic<bool>& stop) {
  const Redactor run_redactor(options.replay.credentials.secrets());
  const auto fail = [&](const std::string& message) {
    err << printable_text(run_redactor.apply("reqprobe: " + message)) << "\n";
    FuzzRun failed;
    failed.exit_code = 2;
    return failed;
  };
  TargetUrl target;
  std::string error;
  if (!parse_target_url(options.replay.target, target, error)) return fail(error);
  if (!check_scheme_credentials(contract->plan(), options.replay.credentials, error)) return fail(error);
  if (!check_status_overrides(contract->plan(), options.replay.expect_statuses, error)) return fail(error);
  if (options.duration_seconds <= 0 && options.max_requests == 0)
    return fail("a fuzz run needs an end: --duration (e.g. 10m) or --requests N");
  if (options.batch == 0) return fail("--batch must be at least 1");
  if (options.valid_share < 0 || options.valid_share > 1) return fail("--valid-share takes a fraction from 0 to 1");

  FuzzState resumed;
  if (!options.resume.empty()) {
    if (!read_fuzz_dir(options.resume, resumed, error)) return fail(error);
    for (const Bucket& b : resumed.buckets) seeds.insert(seeds.begin(), b.kase);  // sent first: still there?
  }
  if (!is_loopback_host(target.host) && !options.replay.allow_valid_remote)
    err << "reqprobe: " << printable_text(target.host)
        << " is not loopback: only invalid mutants are sent (--allow-valid-remote sends valid ones too)\n";

  Campaign campaign(contract, options, target, err, stop);
  campaign.restore(std::move(resumed.buckets));
  FuzzRun run = campaign.run(std::move(seeds), resumed.requests);

  FuzzReportContext context{
      contract, options, target, campaign.redactor(), campaign.results(), resumed.requests + run.sent};
  const bool written = write_fuzz_outputs(run, context, out, err);
  if (!written && run.exit_code != 2) run.exit_code = 2;
  return run;
}

}  // namespace reqprobe::replay
