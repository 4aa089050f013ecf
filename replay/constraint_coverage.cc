#include "constraint_coverage.h"

#include <map>
#include <unordered_map>

#include "outcome.h"

namespace reqprobe::replay {

std::vector<HtmlConstraint> constraint_coverage(const Manifest& manifest, std::span<const CaseResult> results) {
  std::vector<HtmlConstraint> rows;
  std::map<std::string, std::size_t> row_of;
  const auto row = [&](const std::string& constraint) -> HtmlConstraint& {
    const auto [it, added] = row_of.emplace(constraint, rows.size());
    if (added) rows.push_back(HtmlConstraint{constraint, 0, 0, 0});
    return rows[it->second];
  };
  for (const std::string& c : manifest.constraints) (void)row(c);
  std::unordered_map<std::string, const CaseResult*> result_of;
  for (const CaseResult& r : results) result_of[r.id] = &r;  // the last result of an id counts (--repeat)
  for (const Manifest::Entry& e : manifest.cases) {
    const auto it = result_of.find(e.id);
    const bool answered =
        it != result_of.end() && it->second->outcome != Outcome::not_sent && !is_no_answer(it->second->outcome);
    for (const std::string& c : e.constraints) {
      HtmlConstraint& r = row(c);
      if (!answered) continue;
      (e.meant_valid ? r.valid_sent : r.invalid_sent) += 1;
      r.findings += is_finding(it->second->outcome);
    }
  }
  return rows;
}

}  // namespace reqprobe::replay
