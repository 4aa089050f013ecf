// How `reqprobe fuzz` tells problems apart. A finding's bucket is (operation, outcome, the deciding violation's
// code, location and pointer with array indices written as *, the answer's status and error code; for no answer,
// operation and outcome alone): a noisy endpoint gives a handful of buckets, not one finding per mutant. An answer's
// bucket (operation, status, error code, response shape, latency band) is the feedback: a mutant whose answer lands in
// a new one becomes a seed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "case_result.h"
#include "http_client.h"
#include "prepared_case.h"
#include "reqprobe/case_file.h"

namespace reqprobe::replay {

/// "/items/3/name" -> "/items/*/name": indices say where, not what.
[[nodiscard]] std::string normalised_pointer(std::string_view pointer);

/// The expected side of a case as a bucket sees it: "valid", or the error that decided its expected answer
/// (ExpectedResponse::deciding; else the first error) as "code location pointer", the pointer normalised and an
/// undeclared name written "?", no pointer for `syntax` and `limit` (where parsing stopped is no field).
[[nodiscard]] std::string expected_side(const PreparedCase& kase);

/// The finding's bucket key: operation, outcome, expected side, status, error code, space separated; only
/// operation and outcome for a timeout or a transport error (there is no answer to tell apart).
[[nodiscard]] std::string finding_key(const PreparedCase& kase, const CaseResult& result);

/// The answer's bucket key: operation, status, error code (classify()'s reading of the body), the body's shape
/// (Content-Type and, for a JSON object, its member names) and the latency band (powers of 2 in ms).
[[nodiscard]] std::string answer_key(const PreparedCase& kase, const Exchange& exchange, std::string_view error_code);

/// Bytes a reproducer carries (method, target, header fields, body): the smaller, the better.
[[nodiscard]] std::size_t case_size(const Case& kase) noexcept;

/// One distinct problem and its smallest reproducer so far.
struct Bucket {
  std::string key;
  std::size_t hits = 0;
  std::uint64_t first_seen = 0;  ///< the request number that first landed here
  Case kase;                     ///< the reproducer, as sent (before the run's credentials are put in)
  std::string edits;             ///< the mutations that made it from its seed, e.g. "query:value limit"
  CaseResult result;             ///< its result (redacted before it is written)
  bool minimised = false;
};

/// The buckets of one run, in order of discovery.
class BucketStore {
 public:
  /// Records a finding; true when its bucket is new. A smaller reproducer replaces the one kept.
  bool add(const std::string& key, std::uint64_t request, const Case& kase, const std::string& edits,
           const CaseResult& result);
  /// A bucket from a resumed run, kept as it was.
  void restore(Bucket bucket);
  [[nodiscard]] std::vector<Bucket>& buckets() noexcept { return buckets_; }
  [[nodiscard]] const std::vector<Bucket>& buckets() const noexcept { return buckets_; }
  [[nodiscard]] Bucket* find(const std::string& key);

 private:
  std::vector<Bucket> buckets_;
  std::map<std::string, std::size_t> index_;
};

}  // namespace reqprobe::replay
