#include "reqprobe/json_depth.h"

#include <algorithm>

namespace reqprobe {
namespace {

// Scans until the nesting passes `stop_above`; returns the deepest level seen (stop_above + 1 when it stopped).
std::size_t scan_depth(std::string_view text, std::size_t stop_above) noexcept {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
      if (deepest > stop_above) return deepest;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

}  // namespace

std::size_t json_nesting_depth(std::string_view text) noexcept {
  return scan_depth(text, static_cast<std::size_t>(-1));
}

bool json_depth_within(std::string_view text, std::size_t limit) noexcept {
  return scan_depth(text, limit) <= limit;
}

}  // namespace reqprobe
