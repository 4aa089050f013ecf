#include "value_cases.h"

#include <algorithm>

#include "decimal_text.h"
#include "format_samples.h"
#include "pattern_sample.h"
#include "schema_walk.h"
#include "value_synth.h"

namespace reqprobe::gen {
namespace {

struct Alternative {
  const char* name;
  const char* lexeme;
  std::uint8_t bits;  // the types under which the lexeme is valid
};

constexpr Alternative kAlternatives[] = {
    {"string", "\"reqprobe\"", type_bits::string},
    {"integer", "7", type_bits::integer | type_bits::number},
    {"number", "1.5", type_bits::number},
    {"boolean", "true", type_bits::boolean},
    {"null", "null", type_bits::null},
    {"object", "{}", type_bits::object},
    {"array", "[]", type_bits::array},
};

std::string text_of(std::uint32_t length) {
  std::string out;
  for (std::uint32_t i = 0; i < length; ++i) out.push_back(static_cast<char>('a' + i % 26));
  return out;
}

class Cases {
 public:
  Cases(ValueSynth& synth, const Plan& plan, std::uint32_t node)
      : synth_(synth), plan_(plan), node_(node), closure_(all_of_closure(plan, node)) {
    types_ = synth.allowed_types(node);
  }

  std::vector<ValueCase> run() {
    add_valid();
    add_types();
    add_values();
    if (has(type_bits::string)) add_strings();
    if (has(type_bits::number) || has(type_bits::integer)) add_numbers();
    if (has(type_bits::array)) add_arrays();
    add_composition();
    return std::move(out_);
  }

 private:
  bool has(std::uint8_t bit) const { return (types_ & bit) != 0; }

  ValueCase& make(std::string suffix, std::vector<std::string> keywords, std::string description, bool valid) {
    ValueCase c;
    c.suffix = std::move(suffix);
    c.keywords = std::move(keywords);
    c.description = std::move(description);
    c.valid = valid;
    out_.push_back(std::move(c));
    return out_.back();
  }

  void invalid(std::string suffix, const std::string& keyword, std::string description, std::vector<Json> values,
               std::vector<Code> codes, const std::string& pointer = "") {
    ValueCase& c = make(std::move(suffix), {keyword}, std::move(description), false);
    c.values = std::move(values);
    for (const Code code : codes) c.targets.emplace_back(code, pointer);
  }

  void valid(std::string suffix, const std::string& keyword, std::string description, std::vector<Json> values) {
    make(std::move(suffix), {keyword}, std::move(description), true).values = std::move(values);
  }

  void add_valid() {
    ValueCase& c = make("valid", general_keywords(plan_, node_), "a valid value (checked by the validator)", true);
    c.values = synth_.valid_values(node_, 2);
  }

  void add_types() {
    const std::uint8_t all = type_bits::all | type_bits::integer;
    if ((types_ & all) == all) return;
    for (const Alternative& a : kAlternatives) {
      if ((types_ & a.bits) != 0) continue;
      if (std::string_view(a.name) == "number" && has(type_bits::integer) && !has(type_bits::number)) {
        invalid("type.fraction", "type", "1.5 where an integer is expected", {Json::raw(a.lexeme)}, {Code::type});
        continue;
      }
      invalid(std::string("type.") + a.name, "type", std::string("a value of type ") + a.name, {Json::raw(a.lexeme)},
              {Code::type});
    }
    if (has(type_bits::null) && (types_ & type_bits::all) != type_bits::null)
      valid("null", "null", "null, which the schema allows beside its other types", {Json::raw("null")});
  }

  void add_values() {
    for (const std::uint32_t n : closure_) {
      const SchemaNode& s = plan_.nodes[n];
      if (!s.has_values) continue;
      const std::string keyword = s.values_count == 1 ? "const" : "enum";
      std::vector<Json> misses;
      for (std::uint32_t k = 0; k < s.values_count && k < 6; ++k) {
        const std::string v = plain_value(plan_.values[s.values_begin + k]);
        valid(keyword + "." + std::to_string(k), keyword, "listed value " + v, {Json::raw(v)});
        if (!v.empty() && v.front() == '"') misses.push_back(Json::raw(v.substr(0, v.size() - 1) + "x\""));
        if (auto d = Decimal::parse(v)) misses.push_back(Json::raw(gen::add(*d, Decimal::of(1)).lexeme()));
        if (v == "true" || v == "false") misses.push_back(Json::raw(v == "true" ? "false" : "true"));
      }
      for (const char* other : {"\"reqprobe-unlisted\"", "0", "null", "{}", "[]", "false"})
        misses.push_back(Json::raw(other));
      invalid(keyword + ".unlisted", keyword, "a value next to the listed ones", std::move(misses),
              {Code::enum_value, Code::const_value});
      return;
    }
  }

  void add_strings() {
    std::uint32_t min = 0, max = kUnbounded;
    std::uint32_t pattern = kNone;
    std::vector<Format> formats;
    for (const std::uint32_t n : closure_) {
      const SchemaNode& s = plan_.nodes[n];
      if ((s.types & type_bits::string) == 0) continue;
      min = std::max(min, s.min_length);
      max = std::min(max, s.max_length);
      if (s.pattern != kNone && pattern == kNone) pattern = s.pattern;
      if (s.format_check != Format::none && s.format_check != Format::annotation) formats.push_back(s.format_check);
    }
    if (min > 0 && min <= 4097)
      invalid("length.below_min", "min_length", "minLength-1 characters", {Json::raw(quote(text_of(min - 1)))},
              {Code::min_length});
    if (max != kUnbounded && max < 4096)
      invalid("length.above_max", "max_length", "maxLength+1 characters", {Json::raw(quote(text_of(max + 1)))},
              {Code::max_length});
    if (pattern != kNone) {
      const std::string& source = plan_.patterns[pattern].source;
      valid("pattern.match", "pattern", "a string derived from the pattern " + source, synth_.valid_values(node_, 2));
      std::vector<Json> misses;
      for (const std::string& m : pattern_miss_candidates(source)) misses.push_back(Json::raw(quote(m)));
      invalid("pattern.miss", "pattern", "a string the pattern " + source + " does not match", std::move(misses),
              {Code::pattern});
    }
    for (const Format f : formats) {
      const std::string name = format_name(f);
      const std::vector<std::string> samples = format_samples(f);
      for (std::size_t k = 0; k < samples.size() && k < 2; ++k)
        valid("format.valid_" + std::to_string(k), "format", "a valid " + name + ": " + samples[k],
              {Json::raw(samples[k])});
      const std::vector<NearMiss> misses = format_near_misses(f);
      for (std::size_t k = 0; k < misses.size(); ++k)
        invalid("format.near_miss_" + std::to_string(k), "format",
                "not a " + name + " (" + misses[k].why + "): " + misses[k].lexeme, {Json::raw(misses[k].lexeme)},
                {Code::format});
    }
  }

  void add_numbers() {
    const bool integer = !has(type_bits::number);
    for (const std::uint32_t n : closure_) {
      const SchemaNode& s = plan_.nodes[n];
      if (s.number_bounds == kNone) continue;
      const NumberBounds& b = plan_.number_bounds[s.number_bounds];
      const std::optional<Decimal> step = Decimal::parse(b.multiple_of);
      // The smallest change the schema can see: one unit of the type, or a digit past the bound's own.
      auto nudge = [&](const Decimal& d) {
        return integer ? Decimal::of(1) : unit(std::max<std::int64_t>(d.scale(), step ? step->scale() : 0) + 1);
      };
      if (auto lo = Decimal::parse(b.minimum)) {
        if (b.exclusive_minimum) {
          invalid("exclusive_minimum.at", "exclusive_minimum", "exactly the exclusive minimum " + lo->lexeme(),
                  {Json::raw(lo->lexeme())}, {Code::exclusive_minimum});
          std::vector<Json> above;
          if (step) {
            if (auto m = next_multiple(*lo, *step, true)) above.push_back(Json::raw(m->lexeme()));
          }
          above.push_back(Json::raw(gen::add(*lo, nudge(*lo)).lexeme()));
          valid("exclusive_minimum.above", "exclusive_minimum", "just above the exclusive minimum", std::move(above));
        } else {
          valid("minimum.at", "minimum", "exactly the minimum " + lo->lexeme(), {Json::raw(lo->lexeme())});
          invalid("minimum.below", "minimum", "just below the minimum " + lo->lexeme(),
                  {Json::raw(subtract(*lo, nudge(*lo)).lexeme())}, {Code::minimum});
        }
      }
      if (auto hi = Decimal::parse(b.maximum)) {
        if (b.exclusive_maximum) {
          invalid("exclusive_maximum.at", "exclusive_maximum", "exactly the exclusive maximum " + hi->lexeme(),
                  {Json::raw(hi->lexeme())}, {Code::exclusive_maximum});
          std::vector<Json> below;
          if (step) {
            if (auto m = previous_multiple(*hi, *step, true)) below.push_back(Json::raw(m->lexeme()));
          }
          below.push_back(Json::raw(subtract(*hi, nudge(*hi)).lexeme()));
          valid("exclusive_maximum.below", "exclusive_maximum", "just below the exclusive maximum", std::move(below));
        } else {
          valid("maximum.at", "maximum", "exactly the maximum " + hi->lexeme(), {Json::raw(hi->lexeme())});
          invalid("maximum.above", "maximum", "just above the maximum " + hi->lexeme(),
                  {Json::raw(gen::add(*hi, nudge(*hi)).lexeme())}, {Code::maximum});
        }
      }
      if (step) {
        // A multiple far from 1 in digits (19.99 for 0.01), then one half a step off a valid multiple.
        std::vector<Json> multiples;
        std::vector<Json> off;
        for (const Json& v : synth_.valid_values(node_, 3)) {
          if (auto d = Decimal::parse(v.text)) {
            multiples.push_back(v);
            off.push_back(Json::raw(gen::add(*d, half(*step)).lexeme()));
            off.push_back(Json::raw(subtract(*d, half(*step)).lexeme()));
          }
        }
        multiples.insert(multiples.begin(), Json::raw(multiply(*step, Decimal::of(1999)).lexeme()));
        valid("multiple_of.multiple", "multiple_of", "a multiple of " + step->lexeme(), std::move(multiples));
        invalid("multiple_of.off", "multiple_of", "half a step off a multiple of " + step->lexeme(), std::move(off),
                {Code::multiple_of});
      }
    }
    for (const std::uint32_t n : closure_) {
      const SchemaNode& s = plan_.nodes[n];
      if (s.kind == NodeKind::integer && s.number_bounds == kNone && (s.explicit_minimum || s.explicit_maximum)) {
        if (s.explicit_minimum) {
          valid("minimum.at", "minimum", "exactly the minimum", {Json::raw(std::to_string(s.minimum))});
          invalid("minimum.below", "minimum", "minimum-1",
                  {Json::raw(subtract(Decimal::of(s.minimum), Decimal::of(1)).lexeme())}, {Code::minimum});
        }
        if (s.explicit_maximum) {
          valid("maximum.at", "maximum", "exactly the maximum", {Json::raw(std::to_string(s.maximum))});
          invalid("maximum.above", "maximum", "maximum+1",
                  {Json::raw(gen::add(Decimal::of(s.maximum), Decimal::of(1)).lexeme())}, {Code::maximum});
        }
      }
      if (s.format_check == Format::int32 || s.format_check == Format::int64 || s.format_check == Format::float32 ||
          s.format_check == Format::float64) {
        const std::vector<NearMiss> misses = format_near_misses(s.format_check);
        for (std::size_t k = 0; k < misses.size(); ++k)
          invalid("format.near_miss_" + std::to_string(k), "format", misses[k].why + ": " + misses[k].lexeme,
                  {Json::raw(misses[k].lexeme)}, {Code::format, Code::maximum, Code::minimum});
      }
    }
  }

  void add_arrays() {
    std::uint32_t min = 0, max = kUnbounded, contains = kNone, min_contains = 1, max_contains = kUnbounded;
    std::uint32_t items = kNone;
    bool unique = false;
    for (const std::uint32_t n : closure_) {
      const SchemaNode& s = plan_.nodes[n];
      if ((s.types & type_bits::array) == 0) continue;
      min = std::max(min, s.min_items);
      max = std::min(max, s.max_items);
      unique = unique || s.unique_items;
      if (contains == kNone && s.contains != kNone)
        contains = s.contains, min_contains = s.min_contains, max_contains = s.max_contains;
      if (items == kNone && s.items != kNone) items = s.items;
    }
    const std::vector<Json> arrays = synth_.valid_values(node_, 2);
    const Json* base = nullptr;
    for (const Json& a : arrays)
      if (a.kind == Json::Kind::array) base = &a;
    if (base == nullptr) return;
    const std::vector<Json> pool = synth_.valid_values(items == kNone ? kAny : items, 4);
    auto sized = [&](std::uint32_t count) {
      Json a = *base;
      while (a.items.size() > count) a.items.pop_back();
      for (std::size_t k = 0; a.items.size() < count && !pool.empty(); ++k) a.items.push_back(pool[k % pool.size()]);
      return a;
    };
    if (min > 0 && min <= 256)
      invalid("items.below_min", "min_items", "minItems-1 items", {sized(min - 1)}, {Code::min_items});
    if (max != kUnbounded && max < 256 && !pool.empty())
      invalid("items.above_max", "max_items", "maxItems+1 items", {sized(max + 1)}, {Code::max_items});
    if (unique) {
      Json twice = sized(std::max<std::uint32_t>(min, 1));
      if (!twice.items.empty()) {
        const Json first = twice.items.front();
        if (twice.items.size() >= std::min<std::uint32_t>(max, 256)) twice.items.pop_back();
        twice.items.push_back(first);
        invalid("unique_items.duplicate", "unique_items", "the same item twice", {twice}, {Code::unique_items});
      }
      if (pool.size() >= 2 && max >= 2) {
        Json distinct = sized(0);
        distinct.items = {pool[0], pool[1]};
        valid("unique_items.distinct", "unique_items", "two different items", {distinct});
      }
    }
    if (contains != kNone) {
      const std::string keyword = min_contains > 1 ? "min_contains" : "contains";
      std::vector<Json> without;
      std::vector<Json> misses;
      for (const Json& v : pool)
        if (!synth_.accepts(contains, v.dump())) misses.push_back(v);
      if (min == 0) without.push_back(Json::array());
      if (!misses.empty()) {
        Json a = Json::array();
        for (std::uint32_t k = 0; k < std::max<std::uint32_t>(min, 1); ++k)
          a.items.push_back(misses[k % misses.size()]);
        without.push_back(a);
      }
      invalid(keyword + ".none", keyword, "no item matches `contains`", std::move(without),
              {Code::contains, Code::min_contains});
      valid(keyword + ".match", keyword, "items that match `contains`", {*base});
      if (max_contains != kUnbounded && max_contains < 64) {
        const std::vector<Json> matching = synth_.valid_values(contains, 1);
        if (!matching.empty()) {
          Json a = Json::array();
          for (std::uint32_t k = 0; k <= max_contains; ++k) a.items.push_back(matching.front());
          invalid("max_contains.above", "max_contains", "maxContains+1 matching items", {a}, {Code::max_contains});
        }
      }
    }
  }

  void add_composition() {
    for (const std::uint32_t n : closure_) {
      const SchemaNode& s = plan_.nodes[n];
      std::vector<Json> strangers;
      for (const Alternative& a : kAlternatives) strangers.push_back(Json::raw(a.lexeme));
      if (s.one_of_count != 0) {
        invalid("one_of.none", "one_of", "a value no oneOf branch accepts", strangers, {Code::one_of});
        std::vector<Json> twice;
        for (std::uint32_t i = 0; i < s.one_of_count; ++i) {
          const std::uint32_t bi = plan_.lists[s.one_of_begin + i];
          for (const Json& v : synth_.valid_values(bi, 3))
            for (std::uint32_t j = 0; j < s.one_of_count; ++j)
              if (j != i && synth_.accepts(plan_.lists[s.one_of_begin + j], v.dump())) twice.push_back(v);
          // Objects: the members of two branches' values together often satisfy both.
          for (std::uint32_t j = i + 1; j < s.one_of_count; ++j) {
            const std::vector<Json> a = synth_.valid_values(bi, 1);
            const std::vector<Json> b = synth_.valid_values(plan_.lists[s.one_of_begin + j], 1);
            if (a.empty() || b.empty() || a[0].kind != Json::Kind::object || b[0].kind != Json::Kind::object) continue;
            Json merged = a[0];
            for (const JsonMember& m : b[0].members)
              if (merged.find(m.name.substr(1, m.name.size() - 2)) == nullptr) merged.members.push_back(m);
            twice.push_back(merged);
          }
        }
        if (!twice.empty())
          invalid("one_of.two", "one_of", "a value two oneOf branches accept", std::move(twice), {Code::one_of});
      }
      if (s.any_of_count != 0)
        invalid("any_of.none", "any_of", "a value no anyOf branch accepts", strangers, {Code::any_of});
      if (s.not_node != kNone)
        invalid("not.match", "not", "a value the `not` schema accepts", synth_.valid_values(s.not_node, 4),
                {Code::not_schema});
    }
  }

  ValueSynth& synth_;
  const Plan& plan_;
  std::uint32_t node_;
  std::vector<std::uint32_t> closure_;
  std::uint8_t types_ = 0;
  std::vector<ValueCase> out_;
};

}  // namespace

std::vector<ValueCase> value_cases(ValueSynth& synth, const Plan& plan, std::uint32_t node) {
  return Cases(synth, plan, node).run();
}

}  // namespace reqprobe::gen
