// Which schema nodes the engine's fast paths take (SchemaNode::general and inline_scalar), decided from the node's
// fields alone, so that the keyword compiler and the allOf merge, which changes a node after it was compiled,
// decide it the same way.
#pragma once

#include "reqprobe/plan.h"

namespace reqprobe::compile {

/// Whether the node has applicators: allOf, anyOf, oneOf, not, if, or dependentSchemas.
[[nodiscard]] bool has_applicators(const Plan& plan, const SchemaNode& n);

/// Whether the node needs the general path. plain_values: its enum or const, if any, is one the fast paths check
/// (a string or integer enum of the node's kind).
[[nodiscard]] bool needs_general_path(const Plan& plan, const SchemaNode& n, bool plain_values);

/// Whether a general node is a string, number or integer whose only general keywords are checked on the value
/// alone (pattern, format, number bounds, being a number): the plain member loop settles it when it passes.
[[nodiscard]] bool settles_inline(const Plan& plan, const SchemaNode& n);

}  // namespace reqprobe::compile
