#include "canonical.h"

#include <algorithm>
#include <vector>

#include "../canonical_text.h"
#include "../decimal.h"

namespace reqprobe::compile {

std::string canonical_json(const doc::Node* value) {
  std::string out;
  switch (value->kind) {
    case doc::Kind::null:
      return "null";
    case doc::Kind::boolean:
      return value->boolean ? "true" : "false";
    case doc::Kind::number: {
      detail::Decimal d;
      if (value->nonfinite || !detail::parse_decimal(value->text, d)) return value->text;
      return detail::canonical_number(d);
    }
    case doc::Kind::string:
      detail::append_canonical_string(out, value->text);
      return out;
    case doc::Kind::array:
      out = "[";
      for (std::size_t i = 0; i < value->items.size(); ++i) out += (i ? "," : "") + canonical_json(value->items[i]);
      return out + "]";
    case doc::Kind::object: {
      std::vector<std::pair<std::string, std::string>> members;
      for (const doc::Member& m : value->members) members.emplace_back(m.key, canonical_json(m.value));
      std::sort(members.begin(), members.end());
      out = "{";
      for (std::size_t i = 0; i < members.size(); ++i) {
        if (i) out += ",";
        detail::append_canonical_string(out, members[i].first);
        out += ":" + members[i].second;
      }
      return out + "}";
    }
  }
  return out;
}

}  // namespace reqprobe::compile
