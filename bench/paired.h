// Paired timing: reqprobe and each baseline on one input, in short alternating batches, so that two subjects are
// compared on measurements taken within a millisecond of each other. On a shared machine the speed of the whole
// host changes by 10 to 40% from one second to the next; Google Benchmark runs one benchmark's repetitions one after
// another, so a ratio of two medians can carry that drift. A ratio taken per round, between batches run back to
// back, does not.
#pragma once

#include <string>

#include "inputs.h"
#include "schema_suites.h"

namespace reqprobe_bench {

/// --paired=INPUT[,INPUT...]: for each input, rounds of one batch per subject (reqprobe fail-fast and exhaustive,
/// and every baseline) in rotating order, each batch about `batch_us` microseconds, until `seconds` have passed.
/// Prints one JSON document: per input and subject the median, 10th percentile and minimum time per call;
/// "ratios": per other subject the median and quartiles over rounds of (its time / reqprobe fail-fast's time in the
/// same round); "exhaustive_ratios": the same for each baseline against reqprobe exhaustive. Returns 0, or 2 when an
/// input is unknown or a subject's verdict is wrong.
int run_paired(const std::string& spec, const Inputs& inputs, const SchemaSuites& suites, double seconds,
               double batch_us);

}  // namespace reqprobe_bench
