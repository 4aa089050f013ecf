#include "scratch.h"

namespace reqprobe::detail {

void Sink::add(Code code, Location location, Severity severity, std::string pointer, std::string message) {
  if (report_ == nullptr) {
    add_unlisted(code, location, severity);  // fail-fast: the verdict only
    return;
  }
  if (stopped_) return;
  const bool error = severity == Severity::error;
  const bool error_listed = failed_;  // before this violation
  if (error) {
    failed_ = true;
    ++errors_;
  }
  if (truncated_) {
    // Past the cap only the verdict is still open: list the first error, then stop.
    if (error) {
      report_->violations.push_back({code, location, severity, std::move(pointer), std::move(message)});
      stopped_ = true;
    }
    return;
  }
  const std::size_t bytes = pointer.size() + message.size();
  if (report_->violations.size() >= max_violations_ || report_bytes_ + bytes > max_report_bytes_) {
    // With an error already listed the verdict is known and the cap ends the run. With only warnings so far the
    // run goes on unlisted, so that exhaustive mode still finds the error fail-fast mode would find.
    const std::string cap = report_->violations.size() >= max_violations_
                                ? "more than " + std::to_string(max_violations_) + " violations"
                                : "report larger than " + std::to_string(max_report_bytes_) + " bytes";
    if (error_listed) {
      report_->violations.push_back(
          {Code::limit, Location::request, Severity::error, std::string(), cap + "; stopped"});
      stopped_ = true;
      return;
    }
    report_->violations.push_back({Code::limit, Location::request, Severity::warning, std::string(),
                                   cap + "; only the first error after this one is listed"});
    truncated_ = true;
    if (error) {
      report_->violations.push_back({code, location, severity, std::move(pointer), std::move(message)});
      stopped_ = true;
    }
    return;
  }
  report_bytes_ += bytes;
  if (report_->violations.empty()) report_->violations.reserve(8);  // one allocation for the usual few
  report_->violations.push_back({code, location, severity, std::move(pointer), std::move(message)});
}

void Sink::add_listed_without_text(Code code, Location location, Severity severity) {
  add(code, location, severity, {}, {});
}

SipKey key_set_key(const ValidatorOptions& options) noexcept {
  if (options.hash_key.k0 == 0 && options.hash_key.k1 == 0) return process_sip_key();
  return {options.hash_key.k0, options.hash_key.k1};
}

bool KeySet::insert_or_find(std::uint32_t serial, std::string_view key) {
  if ((used_ + 1) * 2 > table_.size()) grow();
  // The serial keeps objects apart; it is not secret, but the key hash it is mixed into is.
  const auto hash = static_cast<std::uint32_t>(siphash13(key_, key)) ^ (serial * 0x9E3779B1u);
  const std::size_t mask = table_.size() - 1;
  for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    ++probes_;
    Slot& s = table_[slot];
    if (s.entry == 0) {
      entries_.push_back({serial, static_cast<std::uint32_t>(arena_.size()), static_cast<std::uint32_t>(key.size())});
      arena_.append(key);
      s = {hash, static_cast<std::uint32_t>(entries_.size())};
      filled_.push_back(static_cast<std::uint32_t>(slot));
      ++used_;
      return false;
    }
    if (s.hash != hash) continue;
    const Entry& e = entries_[s.entry - 1];
    if (e.serial == serial && std::string_view(arena_).substr(e.offset, e.length) == key) return true;
  }
}

void KeySet::grow() {
  std::vector<Slot> old = std::move(table_);
  table_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
  const std::size_t mask = table_.size() - 1;
  filled_.clear();
  for (const Slot& s : old) {
    if (s.entry == 0) continue;
    std::size_t slot = s.hash & mask;
    while (table_[slot].entry != 0) slot = (slot + 1) & mask;
    table_[slot] = s;
    filled_.push_back(static_cast<std::uint32_t>(slot));
  }
}

void KeySet::reset() noexcept {
  if (used_ == 0) return;
  // Only the slots this body filled: after one hostile body the table is large, and most bodies use a few slots.
  for (const std::uint32_t slot : filled_) table_[slot].entry = 0;
  filled_.clear();
  entries_.clear();
  arena_.clear();
  used_ = 0;
}

}  // namespace reqprobe::detail
