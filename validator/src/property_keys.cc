// Fields of Property that are derived from its name, for the body engine's member matching (plan.h).
#include <algorithm>
#include <cstring>

#include "reqprobe/plan.h"

namespace reqprobe {

void derive_property_keys(Plan& plan) noexcept {
  for (Property& property : plan.properties) {
    const std::string& name = property.name;
    property.literal = std::none_of(
        name.begin(), name.end(), [](char c) { return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20; });
    const std::size_t size = name.size();
    property.short_key = property.literal && size >= 1 && size <= 16;
    property.key_span = static_cast<std::uint32_t>(std::max<std::size_t>(size + 2, 8));
    property.head = property.head_mask = property.tail = 0;
    if (!property.short_key) continue;
    // Byte-wise copies, so the words compare equal to an 8-byte memcpy from the body on any byte order.
    const std::size_t head_bytes = std::min<std::size_t>(size, 8);
    std::memcpy(&property.head, name.data(), head_bytes);
    std::memset(&property.head_mask, 0xff, head_bytes);
    if (size > 8) std::memcpy(&property.tail, name.data() + size - 8, 8);
  }
}

}  // namespace reqprobe
