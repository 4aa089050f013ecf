// Both sides of each keyword of one schema node, as values: the generator puts them in a body field or a
// parameter, and keeps a candidate only when the validator reports what the case aims at.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "json_text.h"
#include "reqprobe/plan.h"
#include "reqprobe/violation.h"

namespace reqprobe::gen {

class ValueSynth;

/// One case about a value: its candidates (the first the validator confirms is used) and, on the invalid side,
/// the violations that count as hitting it, each (code, pointer relative to the value).
struct ValueCase {
  std::string suffix;                 ///< the id's end, e.g. "pattern.miss"
  std::vector<std::string> keywords;  ///< constraint keywords it exercises (general_keywords names)
  std::string description;
  bool valid = false;
  std::vector<Json> values;
  std::vector<std::pair<Code, std::string>> targets;
  bool object_keyword = false;  ///< about members (only meaningful where objects can be written)
};

/// The value cases of a node: its valid values, each refused type, null, enum/const, lengths, pattern, format,
/// numeric bounds and multipleOf, item counts, uniqueItems, contains, oneOf/anyOf/not. Member-level object
/// keywords are the object family's (keyword_cases.cc).
[[nodiscard]] std::vector<ValueCase> value_cases(ValueSynth& synth, const Plan& plan, std::uint32_t node);

}  // namespace reqprobe::gen
