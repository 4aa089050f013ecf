// How deeply JSON text nests, found without parsing it. Every place that hands text from a user or an endpoint to
// a DOM parser checks this first: RapidJSON's default parser recurses once per level, and code that walks a DOM
// (comparisons, writers, the contract compiler) recurses too, so a document of 200,000 '[' must be refused before
// either sees it.
//
//     if (!reqprobe::json_depth_within(text, reqprobe::kMaxDocumentDepth)) return error("nested too deeply");
#pragma once

#include <cstddef>
#include <string_view>

namespace reqprobe {

/// The nesting allowed in documents reqprobe parses into a DOM (contracts, case files, reports, endpoint answers).
/// Real OpenAPI documents nest a few dozen levels; request bodies are never parsed this way (the body engine is
/// iterative and has its own depth limit).
inline constexpr std::size_t kMaxDocumentDepth = 512;

/// Deepest nesting of arrays and objects outside strings (a root container is depth 1, a scalar 0). A linear scan,
/// not a parser: exact for well-formed JSON, bounded in time and memory for any bytes.
[[nodiscard]] std::size_t json_nesting_depth(std::string_view text) noexcept;

/// True when json_nesting_depth(text) <= limit; stops scanning as soon as the limit is passed.
[[nodiscard]] bool json_depth_within(std::string_view text, std::size_t limit) noexcept;

}  // namespace reqprobe
