#include "node.h"

#include <algorithm>

namespace reqprobe::doc {

Source::Source(std::string name, std::string text) : name_(std::move(name)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
}

Position Source::position(std::uint32_t offset) const noexcept {
  const auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<std::uint32_t>(after - line_starts_.begin());
  return {line, offset - line_starts_[line - 1] + 1};
}

std::string_view kind_name(Kind kind) noexcept {
  switch (kind) {
    case Kind::null:
      return "null";
    case Kind::boolean:
      return "boolean";
    case Kind::number:
      return "number";
    case Kind::string:
      return "string";
    case Kind::array:
      return "array";
    case Kind::object:
      return "object";
  }
  return "value";
}

const Node* Node::find(std::string_view key) const noexcept {
  for (const Member& m : members)
    if (m.key == key) return m.value;
  return nullptr;
}

Position Node::position() const noexcept {
  return source == nullptr ? Position{} : source->position(offset);
}

Node& Document::make(Kind kind, std::uint32_t offset) {
  Node& node = nodes_.emplace_back();
  node.kind = kind;
  node.offset = offset;
  node.source = source_.get();
  return node;
}

}  // namespace reqprobe::doc
