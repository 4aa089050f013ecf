// Which keywords each schema dialect has, and what kind each is: one table, so what a dialect supports is readable
// at a glance (Blaze's default compiler keeps one such table per vocabulary). Adding a keyword is one row here and
// its reading in schema_keywords.cc.
#pragma once

#include <cstdint>
#include <string_view>

#include "schema_compiler.h"

namespace reqprobe::compile {

enum class KeywordKind : std::uint8_t {
  core,        ///< $ref, $id, $defs, ...: structure, not a check
  applicator,  ///< applies subschemas (allOf, properties, items, ...)
  assertion,   ///< checks the value (type, maxLength, pattern, ...)
  annotation,  ///< recorded and ignored (title, description, example, ...)
};

/// Where a keyword's subschemas are, for walking schemas without compiling them (the resource index).
enum class Subschemas : std::uint8_t { none, one, list, map, one_or_list, dependencies };

struct KeywordInfo {
  std::string_view name;
  std::uint8_t dialects;  ///< bit per Dialect
  KeywordKind kind;
  Subschemas subschemas;
};

/// The keyword `name` in `dialect`, or nullptr when the dialect has no such keyword.
[[nodiscard]] const KeywordInfo* find_keyword(std::string_view name, Dialect dialect) noexcept;

/// Whether `name` is a keyword of any dialect reqprobe knows (to say "this keyword belongs to another version").
[[nodiscard]] const KeywordInfo* find_keyword_any(std::string_view name) noexcept;

}  // namespace reqprobe::compile
