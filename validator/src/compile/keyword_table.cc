#include "keyword_table.h"

#include <iterator>

namespace reqprobe::compile {
namespace {

constexpr std::uint8_t bit(Dialect d) {
  return static_cast<std::uint8_t>(1u << static_cast<unsigned>(d));
}
constexpr std::uint8_t D4 = bit(Dialect::draft4);
constexpr std::uint8_t D6 = bit(Dialect::draft6);
constexpr std::uint8_t D7 = bit(Dialect::draft7);
constexpr std::uint8_t D19 = bit(Dialect::draft2019);
constexpr std::uint8_t D20 = bit(Dialect::draft2020);
constexpr std::uint8_t O30 = bit(Dialect::oas30);
constexpr std::uint8_t O31 = bit(Dialect::oas31);
constexpr std::uint8_t ALL = D4 | D6 | D7 | D19 | D20 | O30 | O31;
constexpr std::uint8_t SINCE6 = D6 | D7 | D19 | D20 | O31;
constexpr std::uint8_t SINCE7 = D7 | D19 | D20 | O31;
constexpr std::uint8_t SINCE2019 = D19 | D20 | O31;
constexpr std::uint8_t OAS = O30 | O31;

using K = KeywordKind;
using S = Subschemas;

constexpr KeywordInfo kKeywords[] = {
    // core
    {"$schema", ALL, K::core, S::none},
    {"id", D4, K::core, S::none},
    {"$id", SINCE6, K::core, S::none},
    {"$ref", ALL, K::core, S::none},
    {"$anchor", SINCE2019, K::core, S::none},
    {"$dynamicRef", D20 | O31, K::core, S::none},
    {"$dynamicAnchor", D20 | O31, K::core, S::none},
    {"$recursiveRef", D19, K::core, S::none},
    {"$recursiveAnchor", D19, K::core, S::none},
    {"$defs", SINCE2019, K::core, S::map},
    {"definitions", D4 | D6 | D7, K::core, S::map},
    {"$comment", SINCE7, K::annotation, S::none},
    {"$vocabulary", SINCE2019, K::core, S::none},
    // applicators
    {"allOf", ALL, K::applicator, S::list},
    {"anyOf", ALL, K::applicator, S::list},
    {"oneOf", ALL, K::applicator, S::list},
    {"not", ALL, K::applicator, S::one},
    {"if", SINCE7, K::applicator, S::one},
    {"then", SINCE7, K::applicator, S::one},
    {"else", SINCE7, K::applicator, S::one},
    {"items", ALL, K::applicator, S::one_or_list},
    {"additionalItems", D4 | D6 | D7 | D19 | O30, K::applicator, S::one},
    {"prefixItems", D20 | O31, K::applicator, S::list},
    {"contains", SINCE6, K::applicator, S::one},
    {"properties", ALL, K::applicator, S::map},
    {"patternProperties", ALL, K::applicator, S::map},
    {"additionalProperties", ALL, K::applicator, S::one},
    {"propertyNames", SINCE6, K::applicator, S::one},
    {"dependencies", D4 | D6 | D7, K::applicator, S::dependencies},
    {"dependentSchemas", SINCE2019, K::applicator, S::map},
    {"unevaluatedItems", SINCE2019, K::applicator, S::one},
    {"unevaluatedProperties", SINCE2019, K::applicator, S::one},
    // assertions
    {"type", ALL, K::assertion, S::none},
    {"enum", ALL, K::assertion, S::none},
    {"const", SINCE6, K::assertion, S::none},
    {"multipleOf", ALL, K::assertion, S::none},
    {"maximum", ALL, K::assertion, S::none},
    {"exclusiveMaximum", ALL, K::assertion, S::none},
    {"minimum", ALL, K::assertion, S::none},
    {"exclusiveMinimum", ALL, K::assertion, S::none},
    {"maxLength", ALL, K::assertion, S::none},
    {"minLength", ALL, K::assertion, S::none},
    {"pattern", ALL, K::assertion, S::none},
    {"maxItems", ALL, K::assertion, S::none},
    {"minItems", ALL, K::assertion, S::none},
    {"uniqueItems", ALL, K::assertion, S::none},
    {"maxContains", SINCE2019, K::assertion, S::none},
    {"minContains", SINCE2019, K::assertion, S::none},
    {"maxProperties", ALL, K::assertion, S::none},
    {"minProperties", ALL, K::assertion, S::none},
    {"required", ALL, K::assertion, S::none},
    {"dependentRequired", SINCE2019, K::assertion, S::none},
    {"format", ALL, K::assertion, S::none},
    // annotations
    {"title", ALL, K::annotation, S::none},
    {"description", ALL, K::annotation, S::none},
    {"default", ALL, K::annotation, S::none},
    {"examples", SINCE6, K::annotation, S::none},
    {"readOnly", SINCE7 | O30, K::annotation, S::none},
    {"writeOnly", SINCE7 | O30, K::annotation, S::none},
    {"deprecated", SINCE2019 | O30, K::annotation, S::none},
    {"contentMediaType", SINCE7, K::annotation, S::none},
    {"contentEncoding", SINCE7, K::annotation, S::none},
    {"contentSchema", SINCE2019, K::annotation, S::none},
    // OpenAPI's additions
    {"nullable", O30, K::assertion, S::none},
    {"discriminator", OAS, K::applicator, S::none},
    {"xml", OAS, K::annotation, S::none},
    {"externalDocs", OAS, K::annotation, S::none},
    {"example", OAS, K::annotation, S::none},
};

}  // namespace

const KeywordInfo* find_keyword(std::string_view name, Dialect dialect) noexcept {
  for (const KeywordInfo& k : kKeywords)
    if (k.name == name && (k.dialects & bit(dialect)) != 0) return &k;
  return nullptr;
}

const KeywordInfo* find_keyword_any(std::string_view name) noexcept {
  for (const KeywordInfo& k : kKeywords)
    if (k.name == name) return &k;
  return nullptr;
}

}  // namespace reqprobe::compile
