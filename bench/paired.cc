#include "paired.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "baselines.h"
#include "reqprobe_subjects.h"

namespace reqprobe_bench {
namespace {

using Clock = std::chrono::steady_clock;

struct Subject {
  std::string name;
  std::function<bool()> accepts;
  long calls_per_batch = 1;
  std::vector<double> ns_per_call;  // one per round
};

template <class T>
Subject subject(std::string name, std::shared_ptr<T> instance, const Input& input) {
  return {std::move(name), [instance, &input] { return instance->accepts(input); }, 1, {}};
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The time per call of one batch of `calls`; the verdicts are summed so the calls cannot be optimised away.
double time_batch(Subject& s, long& verdicts) {
  const Clock::time_point start = Clock::now();
  for (long i = 0; i < s.calls_per_batch; ++i) verdicts += s.accepts() ? 1 : 0;
  return std::chrono::duration<double, std::nano>(Clock::now() - start).count() /
         static_cast<double>(s.calls_per_batch);
}

double quantile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(q * static_cast<double>(values.size() - 1))];
}

std::vector<std::string> split_names(const std::string& spec) {
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start <= spec.size()) {
    const std::size_t comma = std::min(spec.find(',', start), spec.size());
    if (comma > start) names.push_back(spec.substr(start, comma - start));
    start = comma + 1;
  }
  return names;
}

}  // namespace

int run_paired(const std::string& spec, const Inputs& inputs, const SchemaSuites& suites, double seconds,
               double batch_us) {
  std::string out = "{\"paired\": [";
  bool first_input = true;
  for (const std::string& name : split_names(spec)) {
    const auto found = std::find_if(inputs.begin(), inputs.end(), [&](const auto& in) { return in->name == name; });
    if (found == inputs.end()) {
      std::fprintf(stderr, "reqprobe_bench: --paired: no input named %s\n", name.c_str());
      return 2;
    }
    const Input& input = **found;
    const SchemaChoice& choice = suites.for_input(input);
    // reqprobe first, fail-fast then exhaustive: every ratio is a baseline's time over one of theirs in the same
    // round.
    std::vector<Subject> subjects;
    subjects.push_back(subject("ReqprobeBodyFast",
                               std::make_shared<ReqprobeSubject>(choice.contract, ReqprobeSubject::Mode::body_fast),
                               input));
    subjects.push_back(
        subject("ReqprobeBodyExhaustive",
                std::make_shared<ReqprobeSubject>(choice.contract, ReqprobeSubject::Mode::body_exhaustive), input));
    subjects.push_back(subject("Memcpy", std::make_shared<MemcpyBaseline>(), input));
    subjects.push_back(subject("RapidjsonReader", std::make_shared<RapidjsonReaderBaseline>(), input));
    subjects.push_back(
        subject("RapidjsonSchema", std::make_shared<RapidjsonSchemaBaseline>(choice.schema_json), input));
    subjects.push_back(subject("Valijson", std::make_shared<ValijsonBaseline>(choice.schema_json), input));
    subjects.push_back(subject("SimdjsonDom", std::make_shared<SimdjsonDomBaseline>(), input));
    // Warm up and check the verdicts once: validators give the input's verdict, and the parse-only baselines accept
    // every valid (so well-formed) body.
    for (Subject& s : subjects) {
      const bool verdict = s.accepts();
      const bool validates = s.name.rfind("Reqprobe", 0) == 0 || s.name == "RapidjsonSchema" || s.name == "Valijson";
      if (validates ? verdict != input.valid : (input.valid && !verdict)) {
        std::fprintf(stderr, "reqprobe_bench: --paired: %s gives %s the wrong verdict\n", s.name.c_str(), name.c_str());
        return 2;
      }
    }
    // Calibrate each subject's batch to about batch_us.
    long verdicts = 0;
    for (Subject& s : subjects) {
      for (int step = 0; step < 20; ++step) {
        const double ns = time_batch(s, verdicts) * static_cast<double>(s.calls_per_batch);
        if (ns >= batch_us * 1000.0) break;
        const double wanted = static_cast<double>(s.calls_per_batch) * batch_us * 1000.0 / std::max(ns, 1.0);
        s.calls_per_batch = std::max(s.calls_per_batch * 2, static_cast<long>(wanted));
      }
    }
    const Clock::time_point start = Clock::now();
    std::size_t round = 0;
    while (round < 5 || (seconds_since(start) < seconds && round < 100000)) {
      for (std::size_t k = 0; k < subjects.size(); ++k) {
        Subject& s = subjects[(k + round) % subjects.size()];
        s.ns_per_call.push_back(time_batch(s, verdicts));
      }
      ++round;
    }
    out += std::string(first_input ? "" : ",") + "\n {\"input\": \"" + name +
           "\", \"rounds\": " + std::to_string(round) + ", \"subjects\": {";
    first_input = false;
    for (std::size_t i = 0; i < subjects.size(); ++i) {
      const Subject& s = subjects[i];
      char line[256];
      std::snprintf(line, sizeof line, "%s\"%s\": {\"median_ns\": %.2f, \"p10_ns\": %.2f, \"min_ns\": %.2f}",
                    i ? ", " : "", s.name.c_str(), quantile(s.ns_per_call, 0.5), quantile(s.ns_per_call, 0.1),
                    quantile(s.ns_per_call, 0.0));
      out += line;
    }
    // Per round, subject i's time over subject `base`'s, for i from `first`: median and quartiles.
    const auto ratios_to = [&](std::size_t base, std::size_t first, const char* key) {
      out += std::string("}, \"") + key + "\": {";
      for (std::size_t i = first; i < subjects.size(); ++i) {
        std::vector<double> ratios;
        for (std::size_t r = 0; r < round; ++r)
          ratios.push_back(subjects[i].ns_per_call[r] / subjects[base].ns_per_call[r]);
        char line[256];
        std::snprintf(line, sizeof line, "%s\"%s\": {\"median\": %.4f, \"p25\": %.4f, \"p75\": %.4f}",
                      i > first ? ", " : "", subjects[i].name.c_str(), quantile(ratios, 0.5), quantile(ratios, 0.25),
                      quantile(ratios, 0.75));
        out += line;
      }
    };
    ratios_to(0, 1, "ratios");             // against reqprobe fail-fast
    ratios_to(1, 2, "exhaustive_ratios");  // the baselines against reqprobe exhaustive
    out += "}, \"verdict_sum\": " + std::to_string(verdicts) + "}";
  }
  out += "\n]}\n";
  std::fputs(out.c_str(), stdout);
  return 0;
}

}  // namespace reqprobe_bench
