// Structure-aware mutation of JSON bodies: parse the input, pick a place the contract plan describes (walking the
// plan; no field is named here), push it to one constraint edge, and write the JSON back. Shared by the libFuzzer
// targets' custom mutator (fuzz/body_mutator.cc) and `reqprobe fuzz` (replay/fuzz_campaign.cc).
#include "body_mutator.h"

#include "reqprobe/json_depth.h"
#include "reqprobe/limits.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace reqprobe::gen {
namespace {

using rapidjson::Value;
using reqprobe::kNone;
using reqprobe::kUnbounded;
using reqprobe::NodeKind;
using reqprobe::Plan;
using reqprobe::SchemaNode;

// A DOM string that stands for raw text spliced in after writing: what a DOM cannot hold (integers beyond int64,
// lone surrogate escapes, overlong UTF-8, raw NUL and control bytes, escaped member names).
constexpr std::string_view kMarker = "\x01reqprobe-raw\x01";
constexpr std::string_view kWrittenMarker = "\\u0001reqprobe-raw\\u0001";
// RapidJSON's Writer recurses, so deeper inputs are left to the byte-level mutator.
constexpr std::size_t kMaxNesting = 64;
constexpr std::uint32_t kMaxSlotsDepth = 8;

// Characters of 1 to 4 UTF-8 bytes, and the same code points written as escapes.
constexpr std::string_view kWide[] = {"a", "\xC3\xA9", "\xE4\xB8\xAD", "\xF0\x9F\x98\x80"};
constexpr std::string_view kEscaped[] = {"\\u0061", "\\u00e9", "\\u4e2d", "\\ud83d\\ude00"};
// Bytes and escapes at the edges of string well-formedness (RFC 8259, RFC 3629).
constexpr std::string_view kHostile[] = {"\\u0000",
                                         std::string_view("\0", 1),
                                         "\\ud800",
                                         "\\udc00",
                                         "\\ud800\\u0041",
                                         "\\udbff\\udfff",
                                         "\xC0\xAF",
                                         "\xE0\x80\xAF",
                                         "\xED\xA0\x80",
                                         "\xF4\x90\x80\x80",
                                         "\x80",
                                         "\xE4\xB8",
                                         "\xFF",
                                         "\x01",
                                         "\x7F",
                                         "\\x",
                                         "\\u12",
                                         "\\",
                                         "\"",
                                         "\\/"};

// One place the plan describes: a value that is there, or a declared member that is absent (value == nullptr).
struct Slot {
  Value* value = nullptr;
  Value* parent = nullptr;  // the object holding the member, for members
  std::uint32_t node = 0;
  std::uint32_t property = kNone;
  std::uint32_t depth = 1;
};

// One per process, reused: the document's memory pool starts in a fixed buffer, so a mutation allocates little.
class Mutator {
 public:
  explicit Mutator(const Plan& plan) : plan_(plan), pool_(buffer_, sizeof buffer_), doc_(&pool_) {}

  bool run(unsigned seed, std::string_view input, std::uint32_t body_node, std::string& out) {
    rng_.seed(seed);
    slots_.clear();
    raw_.clear();
    raw_is_value_ = false;
    doc_.SetNull();
    pool_.Clear();
    if (!reqprobe::json_depth_within(input, kMaxNesting)) return false;
    // Not kParseFullPrecisionFlag: RapidJSON 1.1's full-precision strtod passes 0 to clz on some inputs (UBSan).
    if (doc_.Parse<rapidjson::kParseIterativeFlag>(input.data(), input.size()).HasParseError()) return false;
    collect(&doc_, nullptr, body_node, kNone, 1);
    mutate(slots_[pick(slots_.size())]);
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    doc_.Accept(writer);
    out.assign(buffer.GetString(), buffer.GetSize());
    if (const std::size_t at = out.find(kWrittenMarker); at != std::string::npos) {
      const bool quoted = raw_is_value_ && at > 0 && out[at - 1] == '"';
      out.replace(quoted ? at - 1 : at, kWrittenMarker.size() + (quoted ? 2 : 0), raw_);
    }
    return true;
  }

 private:
  std::size_t pick(std::size_t n) { return n == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }
  bool coin() { return pick(2) == 0; }
  rapidjson::Document::AllocatorType& a() { return doc_.GetAllocator(); }
  const std::string& name_of(const Slot& s) const { return plan_.properties[s.property].name; }

  void collect(Value* v, Value* parent, std::uint32_t node, std::uint32_t property, std::uint32_t depth) {
    slots_.push_back({v, parent, node, property, depth});
    if (v == nullptr || depth > kMaxSlotsDepth) return;
    const SchemaNode& n = plan_.nodes[node];
    if (n.kind == NodeKind::object && v->IsObject()) {
      for (std::uint32_t i = n.properties_begin; i < n.properties_begin + n.properties_count; ++i) {
        const std::string& name = plan_.properties[i].name;
        Value* found = nullptr;
        for (auto m = v->MemberBegin(); found == nullptr && m < v->MemberEnd(); ++m)  // (C++20: no == on these)
          if (std::string_view(m->name.GetString(), m->name.GetStringLength()) == name) found = &m->value;
        collect(found, v, plan_.properties[i].node, i, depth + 1);
      }
    } else if (n.kind == NodeKind::array && n.items != kNone && v->IsArray()) {
      for (rapidjson::SizeType i = 0; i < v->Size() && i < 8; ++i)
        collect(&(*v)[i], nullptr, n.items, kNone, depth + 1);
    }
  }

  // Raw text for the marker: a whole value (quotes replaced too) or a piece inside a string.
  void raw_value(Value& v, std::string text) {
    raw_ = std::move(text);
    raw_is_value_ = true;
    v.SetString(kMarker.data(), static_cast<rapidjson::SizeType>(kMarker.size()), a());
  }
  void raw_in_string(Value& v, std::string_view raw) {
    std::string text = v.IsString() ? std::string(v.GetString(), v.GetStringLength()) : std::string();
    text.insert(pick(text.size() + 1), kMarker);
    raw_ = raw;
    raw_is_value_ = false;
    v.SetString(text.data(), static_cast<rapidjson::SizeType>(text.size()), a());
  }
  void set_text(Value& v, const std::string& text) {
    v.SetString(text.data(), static_cast<rapidjson::SizeType>(text.size()), a());
  }

  // A value the node accepts where it can (its first enum value, its shortest string, its smallest integer).
  Value minimal(std::uint32_t node, int depth = 0) {
    const SchemaNode& n = plan_.nodes[node];
    switch (n.kind) {
      case NodeKind::string:
        return n.enum_count ? Value(plan_.enum_strings[n.enum_begin], a()) : Value(std::string(n.min_length, 'a'), a());
      case NodeKind::integer:
        return Value(n.enum_count ? plan_.enum_integers[n.enum_begin] : std::max<std::int64_t>(n.minimum, 0));
      case NodeKind::boolean:
        return Value(false);
      case NodeKind::array: {
        Value array(rapidjson::kArrayType);
        for (std::uint32_t i = 0; depth < 6 && n.items != kNone && i < n.min_items && i < 4; ++i)
          array.PushBack(minimal(n.items, depth + 1), a());
        return array;
      }
      case NodeKind::object: {
        Value object(rapidjson::kObjectType);
        for (std::uint32_t i = n.properties_begin; depth < 6 && i < n.properties_begin + n.properties_count; ++i)
          if (n.required_mask & (std::uint64_t{1} << plan_.properties[i].slot))
            object.AddMember(Value(plan_.properties[i].name, a()), minimal(plan_.properties[i].node, depth + 1), a());
        return object;
      }
      case NodeKind::number:
        return Value(0);
      case NodeKind::null:
      case NodeKind::any:
        break;
    }
    return Value(rapidjson::kNullType);
  }

  void mutate(const Slot& s) {
    if (s.value == nullptr) {  // a declared member that is absent: add it, then maybe push it further
      Value& added = s.parent->AddMember(Value(name_of(s), a()), minimal(s.node), a());
      if (coin()) kind_edge({&(added.MemberEnd() - 1)->value, s.parent, s.node, s.property, s.depth});
      return;
    }
    if (pick(4) == 0) {
      structure_edge(s);
    } else {
      kind_edge(s);
    }
  }

  void structure_edge(const Slot& s) {
    Value& v = *s.value;
    switch (pick(6)) {
      case 0: {  // type swap
        const int which = static_cast<int>(pick(8));
        if (which == 0) v.SetNull();
        if (which == 1) v.SetBool(!v.IsTrue());
        if (which == 2) v.SetInt(0);
        if (which == 3) v.SetDouble(1.5);
        if (which == 4) set_text(v, v.IsString() ? "0" : "");
        if (which == 5) v.SetArray();
        if (which == 6) v.SetObject();
        if (which == 7) set_text(v, std::to_string(pick(100)));
        return;
      }
      case 1:  // drop the member (required or not)
        if (s.parent != nullptr) s.parent->RemoveMember(name_of(s).c_str());
        return;
      case 2: {  // duplicate the member, with its own value or a minimal one
        if (s.parent == nullptr) return;
        Value copy(v, a());
        s.parent->AddMember(Value(name_of(s), a()), coin() ? copy.Move() : minimal(s.node).Move(), a());
        return;
      }
      case 3:  // an unknown member near a declared name, or a declared name written with an escape
        if (s.parent != nullptr) unknown_member(*s.parent, name_of(s));
        return;
      case 4: {  // one more level
        Value inner(v, a());
        if (coin()) {
          v.SetArray().PushBack(inner, a());
        } else {
          v.SetObject().AddMember(Value(s.property != kNone ? name_of(s) : "k", a()), inner, a());
        }
        return;
      }
      default: {  // nest up to the depth limit, one under or one over
        const std::uint32_t limit = reqprobe::Limits{}.max_depth;
        const std::uint32_t levels = limit - std::min(limit, s.depth) + static_cast<std::uint32_t>(pick(3));
        std::string text(levels, '[');
        text += "0" + std::string(levels, ']');
        raw_value(v, text);
        return;
      }
    }
  }

  void unknown_member(Value& object, const std::string& near) {
    std::string name = near;
    switch (pick(5)) {
      case 0:
        name += "_";
        break;
      case 1:
        name = name.empty() ? "X" : name.substr(0, name.size() - 1);
        break;
      case 2:
        if (!name.empty()) name[0] = static_cast<char>(name[0] ^ 0x20);
        break;
      case 3:
        name += " ";
        break;
      default: {  // the same name with its first character escaped: the same member to any JSON reader
        if (name.empty()) return;
        char escaped[8];
        std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned char>(name[0]));
        raw_ = "\"" + std::string(escaped) + name.substr(1) + "\"";
        raw_is_value_ = true;
        object.AddMember(Value(kMarker.data(), static_cast<rapidjson::SizeType>(kMarker.size()), a()),
                         Value(rapidjson::kNullType), a());
        return;
      }
    }
    object.AddMember(Value(name, a()), Value(true), a());
  }

  void kind_edge(const Slot& s) {
    const SchemaNode& n = plan_.nodes[s.node];
    switch (n.kind) {
      case NodeKind::string:
        return string_edge(*s.value, n);
      case NodeKind::integer:
        return integer_edge(*s.value, n);
      case NodeKind::boolean:
        if (coin()) {
          s.value->SetBool(!s.value->IsTrue());
        } else {
          raw_value(*s.value, coin() ? "1" : "\"true\"");
        }
        return;
      case NodeKind::array:
        return array_edge(*s.value, n);
      case NodeKind::object:
        return object_edge(*s.value, n);
      case NodeKind::number:
      case NodeKind::null:
      case NodeKind::any:
        return structure_edge(s);
    }
  }

  // Lengths at minLength/maxLength +-1, in 1- to 4-byte characters or escapes; enum values, exact and one edit
  // away; and the hostile bytes and escapes of kHostile.
  void string_edge(Value& v, const SchemaNode& n) {
    const int what = static_cast<int>(pick(4));
    if (what == 0 && n.enum_count != 0) {
      std::string value = plan_.enum_strings[n.enum_begin + pick(n.enum_count)];
      const int edit = static_cast<int>(pick(5));
      if (edit == 1) value += "x";
      if (edit == 2 && !value.empty()) value.pop_back();
      if (edit == 3 && !value.empty()) value[0] = static_cast<char>(value[0] ^ 0x20);
      if (edit == 4 && !value.empty()) {  // first character as an escape: the same string once decoded
        char escaped[8];
        std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned char>(value[0]));
        return raw_value(v, "\"" + std::string(escaped) + value.substr(1) + "\"");
      }
      return set_text(v, value);
    }
    if (what <= 1) return raw_in_string(v, kHostile[pick(std::size(kHostile))]);
    const std::uint32_t max = n.max_length == kUnbounded ? n.min_length + 16 : n.max_length;
    const std::uint32_t bounds[] = {n.min_length, max};
    const std::int64_t length = std::int64_t{bounds[pick(2)]} + static_cast<std::int64_t>(pick(3)) - 1;
    if (length < 0 || length > 8192) return;
    const std::size_t unit = pick(std::size(kWide));
    std::string text;
    for (std::int64_t i = 0; i < length; ++i) text += what == 2 ? kWide[unit] : kEscaped[unit];
    if (what == 2) return set_text(v, text);
    raw_value(v, "\"" + text + "\"");
  }

  // Bounds +-1 (beyond int64 too), enum values +-1, ORs of masks, and lexemes that are not integers.
  void integer_edge(Value& v, const SchemaNode& n) {
    constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
    constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
    std::int64_t value = coin() ? n.minimum : n.maximum;
    const int what = static_cast<int>(pick(6));
    if (what == 1 && n.enum_count != 0) value = plan_.enum_integers[n.enum_begin + pick(n.enum_count)];
    if (what == 2 && n.mask_union != kNone) {
      const auto& masks = plan_.mask_unions[n.mask_union].masks;
      value = masks.empty() ? 0 : masks[pick(masks.size())] | masks[pick(masks.size())];
    }
    if (what == 3) {
      constexpr std::string_view kNotIntegers[] = {
          "-0",   "1.0", "1e2", "1E+2", "0.5", "-", "01", "1e400", "18446744073709551616", "-9223372036854775809",
          "\"7\""};
      return raw_value(v, std::string(kNotIntegers[pick(std::size(kNotIntegers))]));
    }
    const int step = static_cast<int>(pick(3)) - 1;
    if (value == kMax && step > 0) return raw_value(v, "9223372036854775808");
    if (value == kMin && step < 0) return raw_value(v, "-9223372036854775809");
    v.SetInt64(value + step);
  }

  // Item counts at minItems/maxItems +-1 (or past the item limit when unbounded), and wrong-typed items.
  void array_edge(Value& v, const SchemaNode& n) {
    if (!v.IsArray()) v.SetArray();
    const std::uint32_t max = n.max_items == kUnbounded ? reqprobe::Limits{}.max_items : n.max_items;
    const std::uint32_t bounds[] = {n.min_items, max};
    const std::int64_t target = std::int64_t{bounds[pick(2)]} + static_cast<std::int64_t>(pick(3)) - 1;
    if (pick(4) == 0 || target < 0 || target > 4096) {
      v.PushBack(coin() ? Value(rapidjson::kNullType) : Value("", a()), a());
      return;
    }
    while (v.Size() > target) v.PopBack();
    Value item = v.Empty() ? minimal(n.items == kNone ? 0 : n.items) : Value(v[0], a());
    while (v.Size() < target) v.PushBack(Value(item, a()), a());
  }

  // Drop a required member, or make one rule term hold or fail (members a rule reads, set as the rule reads them).
  void object_edge(Value& v, const SchemaNode& n) {
    if (!v.IsObject()) v.SetObject();
    if (n.rules_count == 0 || coin()) {
      for (std::uint32_t i = n.properties_begin; i < n.properties_begin + n.properties_count; ++i)
        if ((n.required_mask >> plan_.properties[i].slot & 1) && coin()) {
          v.RemoveMember(plan_.properties[i].name.c_str());
          return;
        }
      return;
    }
    const reqprobe::Rule& rule = plan_.rules[n.rules_begin + pick(n.rules_count)];
    if (rule.terms_count == 0 && !rule.has_when) return;
    const reqprobe::RuleTerm& term = rule.has_when && (rule.terms_count == 0 || coin())
                                         ? rule.when
                                         : plan_.terms[rule.terms_begin + pick(rule.terms_count)];
    const reqprobe::Property& p = plan_.properties[term.property];
    v.RemoveMember(p.name.c_str());
    if (coin()) return;  // the term fails: its member is absent
    Value value = minimal(p.node);
    if (term.kind == reqprobe::RuleTerm::Kind::equals_bool) value.SetBool(term.bool_value);
    if (term.kind == reqprobe::RuleTerm::Kind::equals_integer) value.SetInt64(term.integer_value);
    if (term.kind == reqprobe::RuleTerm::Kind::min_items)
      for (std::int64_t i = 0; i < term.integer_value && i < 8 && value.IsArray(); ++i)
        value.PushBack(minimal(plan_.nodes[p.node].items), a());
    v.AddMember(Value(p.name, a()), value, a());
  }

  const Plan& plan_;
  std::minstd_rand rng_;
  char buffer_[64 * 1024];
  rapidjson::MemoryPoolAllocator<> pool_;
  rapidjson::Document doc_;
  std::vector<Slot> slots_;
  std::string raw_;
  bool raw_is_value_ = false;
};

}  // namespace

struct BodyMutator::Impl {
  explicit Impl(const Plan& plan) : mutator(plan) {}
  Mutator mutator;
};

BodyMutator::BodyMutator(const Plan& plan) : impl_(std::make_unique<Impl>(plan)) {}
BodyMutator::~BodyMutator() = default;

bool BodyMutator::mutate(unsigned seed, std::string_view input, std::uint32_t body_node, std::string& out) {
  if (body_node == kNone) return false;
  // minstd_rand's first draws from small consecutive seeds are nearly alike (picks of 0): spread the seed first.
  std::uint64_t mixed = (seed + 0x9E3779B97F4A7C15ull) * 0xBF58476D1CE4E5B9ull;
  mixed ^= mixed >> 31;
  return impl_->mutator.run(static_cast<unsigned>(mixed), input, body_node, out);
}

}  // namespace reqprobe::gen
