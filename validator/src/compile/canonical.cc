#include "canonical.h"

#include <algorithm>
#include <vector>

#include "../canonical_text.h"
#include "../decimal.h"

namespace reqprobe::compile {
namespace {

std::string scalar_text(const doc::Node* value) {
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
    case doc::Kind::object:
      break;
  }
  return out;
}

}  // namespace

// An explicit stack (values nest as deep as documents do) and a budget on the text written: YAML aliases share
// nodes, so a small document can stand for an exponentially large value; past the budget the value is refused.
std::optional<std::string> canonical_json(const doc::Node* value, std::size_t budget) {
  struct Frame {
    const doc::Node* node;
    std::size_t next = 0;
    std::vector<std::pair<std::string, std::string>> parts = {};  ///< (canonical key or "", canonical text)
  };
  std::size_t written = 0;
  std::vector<Frame> stack;
  std::string done;
  const auto finish = [&](std::string text) -> bool {
    written += text.size();
    if (written > budget) return false;
    if (stack.empty()) {
      done = std::move(text);
    } else {
      Frame& parent = stack.back();
      std::string key;
      if (parent.node->kind == doc::Kind::object)
        detail::append_canonical_string(key, parent.node->members[parent.next - 1].key);
      parent.parts.emplace_back(std::move(key), std::move(text));
    }
    return true;
  };
  if (value->kind != doc::Kind::array && value->kind != doc::Kind::object) {
    if (!finish(scalar_text(value))) return std::nullopt;
    return done;
  }
  stack.push_back({value});
  while (!stack.empty()) {
    Frame& top = stack.back();
    const bool object = top.node->kind == doc::Kind::object;
    const std::size_t count = object ? top.node->members.size() : top.node->items.size();
    if (top.next < count) {
      const doc::Node* child = object ? top.node->members[top.next].value : top.node->items[top.next];
      ++top.next;
      if (child->kind == doc::Kind::array || child->kind == doc::Kind::object) {
        stack.push_back({child});
      } else if (!finish(scalar_text(child))) {
        return std::nullopt;
      }
      continue;
    }
    Frame frame = std::move(stack.back());
    stack.pop_back();
    std::string text;
    if (object) {
      std::sort(frame.parts.begin(), frame.parts.end());
      text = "{";
      for (std::size_t i = 0; i < frame.parts.size(); ++i)
        text += (i ? "," : "") + frame.parts[i].first + ":" + frame.parts[i].second;
      text += "}";
    } else {
      text = "[";
      for (std::size_t i = 0; i < frame.parts.size(); ++i) text += (i ? "," : "") + frame.parts[i].second;
      text += "]";
    }
    if (!finish(std::move(text))) return std::nullopt;
  }
  return done;
}

}  // namespace reqprobe::compile
