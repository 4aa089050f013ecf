// An OpenAPI document into the plan's operations: versions, servers (base paths), paths and path items, operations,
// parameters (merged, styled), request bodies by media type, responses, security. Schemas go to SchemaCompiler.
#pragma once

#include "load_context.h"
#include "schema_compiler.h"

namespace reqprobe::compile {

/// Reads the root document of ctx.documents into ctx.plan. Errors and warnings go to ctx.diag.
void load_openapi(LoadContext& ctx, SchemaCompiler& schemas);

}  // namespace reqprobe::compile
