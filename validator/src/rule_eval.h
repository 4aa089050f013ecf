// Cross-field rules: evaluated when their object closes, over the values captured while reading it.
#pragma once

#include <cstdint>

#include "reqprobe/plan.h"
#include "scratch.h"

namespace reqprobe::detail {

/// Bit i set when rule node.rules_begin + i does not hold.
[[nodiscard]] std::uint64_t broken_rules(const Plan& plan, const SchemaNode& node,
                                         const Capture (&captures)[kMaxCaptures]) noexcept;

/// True when another broken rule of the object supersedes rule i (a more specific rule reports instead).
[[nodiscard]] bool superseded(const Plan& plan, const SchemaNode& node, std::uint64_t broken, std::uint32_t i) noexcept;

}  // namespace reqprobe::detail
