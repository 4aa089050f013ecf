#include "fuzz_buckets.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <cmath>

#include "outcome.h"
#include "reqprobe/json_depth.h"

namespace reqprobe::replay {

std::string normalised_pointer(std::string_view pointer) {
  std::string out;
  out.reserve(pointer.size());
  std::size_t i = 0;
  while (i < pointer.size()) {
    const std::size_t slash = pointer.find('/', i + 1);
    const std::string_view token =
        pointer.substr(i, slash == std::string_view::npos ? std::string_view::npos : slash - i);
    const bool index = token.size() > 1 && token[0] == '/' &&
                       std::all_of(token.begin() + 1, token.end(), [](char c) { return c >= '0' && c <= '9'; });
    out += index ? std::string_view("/*") : token;
    if (slash == std::string_view::npos) break;
    i = slash;
  }
  return out;
}

std::string expected_side(const PreparedCase& kase) {
  if (kase.expected_valid) return "valid";
  // The violation that chose the expected answer (a body with a syntax error and a field error is a syntax case
  // to a server that parses first), else the first error.
  std::vector<const Violation*> candidates;
  if (kase.expected.has_deciding) candidates.push_back(&kase.expected.deciding);
  for (const Violation& v : kase.violations) candidates.push_back(&v);
  for (const Violation* candidate : candidates)
    if (const Violation& v = *candidate; v.severity == Severity::error) {
      std::string pointer = normalised_pointer(v.pointer);
      // An undeclared name is the violation's own text: any name stands for the same problem.
      if (v.code == Code::unknown) pointer = pointer.substr(0, pointer.rfind('/') + 1) + "?";
      // Where a document stops parsing or passes a safety limit is an accident of the bytes, not a field.
      if (v.code == Code::syntax || v.code == Code::limit) pointer.clear();
      return std::string(code_name(v.code)) + " " + std::string(location_name(v.location)) + " " + pointer;
    }
  return "invalid";
}

std::string finding_key(const PreparedCase& kase, const CaseResult& result) {
  std::string key = (kase.operation.empty() ? std::string("(none)") : kase.operation) + " " +
                    std::string(outcome_name(result.outcome));
  // No answer is a transport fault, not a verdict on a field: one bucket per operation (its smallest reproducer
  // shows what set it off), not one per field of every request that met it.
  if (is_no_answer(result.outcome)) return key;
  return key + " " + expected_side(kase) + " " + std::to_string(result.status) +
         (result.error_code.empty() ? std::string() : " " + result.error_code);
}

namespace {

// Content-Type and, for a JSON object, its member names in order: what a client would branch on.
std::string body_shape(const Exchange& exchange) {
  std::string shape = exchange.content_type.substr(0, exchange.content_type.find(';'));
  rapidjson::Document doc;
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseStopWhenDoneFlag;
  if (exchange.body.empty() || !json_depth_within(exchange.body, kMaxDocumentDepth) ||
      doc.Parse<kFlags>(exchange.body.data(), exchange.body.size()).HasParseError())
    return shape;
  if (!doc.IsObject()) return shape + " json:" + std::to_string(static_cast<int>(doc.GetType()));
  const rapidjson::Value& object = doc;
  for (const auto& member : object.GetObject())
    shape += " " + std::string(member.name.GetString(), member.name.GetStringLength());
  return shape;
}

}  // namespace

std::string answer_key(const PreparedCase& kase, const Exchange& exchange, std::string_view error_code) {
  if (exchange.transport != Exchange::Transport::answered) return kase.operation + " no-answer";
  const int band = exchange.total_ms < 1 ? 0 : static_cast<int>(std::log2(exchange.total_ms)) + 1;
  return kase.operation + " " + std::to_string(exchange.status) + " " + std::string(error_code) + " " +
         body_shape(exchange) + " t" + std::to_string(band);
}

std::size_t case_size(const Case& kase) noexcept {
  std::size_t size = kase.method.size() + kase.target.size() + (kase.body ? kase.body->size() : 0);
  for (const auto& [name, value] : kase.headers) size += name.size() + value.size() + 4;
  return size;
}

bool BucketStore::add(const std::string& key, std::uint64_t request, const Case& kase, const std::string& edits,
                      const CaseResult& result) {
  if (Bucket* bucket = find(key)) {
    ++bucket->hits;
    if (case_size(kase) < case_size(bucket->kase)) {
      bucket->kase = kase;
      bucket->edits = edits;
      bucket->result = result;
    }
    return false;
  }
  index_.emplace(key, buckets_.size());
  buckets_.push_back(Bucket{key, 1, request, kase, edits, result, false});
  return true;
}

void BucketStore::restore(Bucket bucket) {
  if (find(bucket.key) != nullptr) return;
  index_.emplace(bucket.key, buckets_.size());
  buckets_.push_back(std::move(bucket));
}

Bucket* BucketStore::find(const std::string& key) {
  const auto it = index_.find(key);
  return it == index_.end() ? nullptr : &buckets_[it->second];
}

}  // namespace reqprobe::replay
