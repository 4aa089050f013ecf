// The body engine. One loop reads the JSON text left to right; containers push a Frame, values are checked as they
// are read, and objects are finished (required members, cross-field rules) when they close. It never names a field:
// everything comes from the plan's nodes.
//
// Plain nodes (one type, the keywords HSS-like contracts use) take the fast paths, unchanged from the first engine.
// Other nodes take the general path: type sets, exact numbers, patterns, formats, enum and const of any value,
// open and pattern-matched members, tuples, contains, uniqueItems, and the applicators. An applicator re-reads the
// value's bytes once per branch it needs ("span replay"): allOf branches report into the same report, anyOf, oneOf,
// not and if are decided fail-fast, and a fail-fast verdict is memoized per (schema, byte offset), so a schema that
// recurses through composition costs at most its depth times the linear cost. No DOM is ever built.
#pragma once

#include <algorithm>
#include <bit>
#include <cstring>
#include <string>
#include <vector>

#include "../canonical_text.h"
#include "../decimal.h"
#include "../integer_checks.h"
#include "../json_pointer.h"
#include "../json_string.h"
#include "../key_hash.h"
#include "../placement.h"
#include "../rule_eval.h"
#include "../scratch.h"
#include "../string_checks.inl"
#include "canonical_value.h"
#include "formats.h"
#include "runtime.h"

namespace reqprobe::detail {

/// What a re-read evaluated at its root value, for unevaluatedProperties and unevaluatedItems of the value that
/// asked for it.
struct Evaluated {
  std::vector<std::string> members;
  std::vector<std::uint32_t> items;
};

/// What a scan and its re-reads share.
struct ScanContext {
  const Plan& plan;
  const Runtime& runtime;
  const ValidatorOptions& options;
  Scratch& scratch;
};

namespace scan {

constexpr std::uint16_t two_bytes(char first, char second) {
  if constexpr (std::endian::native == std::endian::little) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(first) | static_cast<unsigned char>(second) << 8);
  } else {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(first) << 8 | static_cast<unsigned char>(second));
  }
}
inline constexpr std::uint16_t kCommaQuote = two_bytes(',', '"');
inline constexpr std::uint16_t kQuoteColon = two_bytes('"', ':');

inline std::uint64_t eight_bytes_at(const char* p) {
  std::uint64_t word = 0;
  std::memcpy(&word, p, 8);
  return word;
}

inline std::uint16_t two_bytes_at(const char* p) {
  std::uint16_t word = 0;
  std::memcpy(&word, p, 2);
  return word;
}

inline bool is_ws(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/// Composition nests at most this deep (re-reads within re-reads); deeper is a `limit`, never a stack overflow.
inline constexpr std::uint32_t kMaxLevels = 128;

}  // namespace scan

template <bool kCollect>
class BodyScanner {
 public:
  BodyScanner(const ScanContext& ctx, Sink& sink, std::string_view text, std::size_t base, Location location,
              std::string_view prefix, std::uint32_t level, Evaluated* evaluated)
      : ctx_(ctx),
        plan_(ctx.plan),
        limits_(ctx.options.limits),
        unknown_severity_(ctx.options.unknown_as_warning ? Severity::warning : Severity::error),
        s_(ctx.scratch),
        sink_(sink),
        data_(text.data()),
        n_(text.size()),
        base_(base),
        location_(location),
        prefix_(prefix),
        level_(level),
        evaluated_(evaluated),
        frames_(frames_for(ctx.scratch, level, ctx.options.limits)),
        nodes_(plan_.nodes.data()),
        properties_(plan_.properties.data()),
        lookup_(plan_.lookup.data()),
        top_(frames_) {}

  REQPROBE_HOT void run(std::uint32_t root) {
    if (level_ == 0 && n_ > limits_.max_body_bytes) {
      fatal(Code::limit, 0, [&] {
        return "body of " + std::to_string(n_) + " bytes exceeds the limit of " +
               std::to_string(limits_.max_body_bytes);
      });
      return;
    }
    skip_ws();
    begin_value(root);
    while (!sink_.stopped()) {
      if (depth_ == 0) {
        skip_ws();
        if (pos_ != n_) syntax_error("unexpected bytes after the root value");
        return;
      }
      Frame& f = *top_;
      if (f.pending) end_entry(f);
      if (sink_.stopped()) return;
      if (f.plain && plain_members(f)) continue;
      skip_ws();
      if (pos_ >= n_) {
        syntax_error(f.is_object ? "unterminated object" : "unterminated array");
        return;
      }
      const char c = data_[pos_];
      const char close = f.is_object ? '}' : ']';
      if (c == close) {  // a comma is always followed by a member or item, so a close here is never trailing
        ++pos_;
        f.is_object ? close_object() : close_array();
        continue;
      }
      if (!f.fresh) {
        if (c != ',') {
          syntax_error(f.is_object ? "expected ',' or '}'" : "expected ',' or ']'");
          return;
        }
        ++pos_;
        skip_ws();
      }
      f.fresh = false;
      f.is_object ? begin_member(f) : begin_item(f);
    }
  }

 private:
  static Frame* frames_for(Scratch& s, std::uint32_t level, const Limits& limits) {
    if (level == 0) return s.frames.data();
    if (s.sub_frames.size() < level) s.sub_frames.resize(level);
    std::vector<Frame>& frames = s.sub_frames[level - 1];
    if (frames.size() < limits.max_depth + 1) frames.resize(limits.max_depth + 1);
    return frames.data();
  }

  // ---- reporting -------------------------------------------------------------------------------------------------

  // Pointer made of the current positions of frames [0, upto): at level 0 the ancestors' tokens come from the cache
  // in Scratch (those still valid are kept, the rest appended), then the innermost frame's own token. Re-reads put
  // the pointer of the value they re-read in front.
  std::string pointer(std::uint32_t upto) {
    std::string out;
    pointer_into(out, upto);
    return out;
  }

  // pointer() into `out` (its capacity reused: re-reads on valid bodies must not allocate).
  void pointer_into(std::string& out, std::uint32_t upto) {
    out.assign(prefix_);
    if (level_ != 0) {
      for (std::uint32_t i = 0; i < upto; ++i) append_token(out, frames_[i]);
      return;
    }
    if (upto == 0) return;
    const std::uint32_t last = upto - 1;
    std::uint32_t valid = std::min(s_.prefix_frames, last);
    while (valid > 0 && s_.prefix_serials[valid] != frames_[valid].serial) --valid;
    s_.pointer_prefix.resize(valid == 0 ? 0 : s_.prefix_ends[valid - 1]);
    for (std::uint32_t i = valid; i < last; ++i) {
      append_token(s_.pointer_prefix, frames_[i]);
      s_.prefix_ends[i] = static_cast<std::uint32_t>(s_.pointer_prefix.size());
      s_.prefix_serials[i + 1] = frames_[i + 1].serial;
    }
    s_.prefix_frames = last;
    out.append(s_.pointer_prefix);
    append_token(out, frames_[last]);
  }

  // The reusable string a re-read at `level` keeps its pointer prefix in. Reserved for every level at once, so
  // growing never moves the strings that shallower re-reads still point into.
  std::string& level_prefix(std::uint32_t level) {
    if (s_.level_prefixes.capacity() < scan::kMaxLevels + 1) s_.level_prefixes.reserve(scan::kMaxLevels + 1);
    if (s_.level_prefixes.size() <= level) s_.level_prefixes.resize(level + 1);
    return s_.level_prefixes[level];
  }

  // Appends the JSON Pointer token of a frame's current member name or item index.
  void append_token(std::string& out, const Frame& f) {
    if (f.is_object) {
      const std::string_view raw(data_ + f.key_offset, f.key_length);
      if (f.key_decode) {
        s_.pointer_key.clear();
        decode_string(raw, s_.pointer_key);
        append_pointer_token(out, s_.pointer_key);
      } else {
        append_pointer_token(out, raw);
      }
    } else {
      out.push_back('/');
      out += std::to_string(f.count == 0 ? 0 : f.count - 1);
    }
  }

  // Inline, not cold (placement.h): a fail-fast caller asks for the verdict of an invalid body, and its one report
  // is the answer.
  template <class MessageFn>
  void report(Code code, Severity severity, std::uint32_t upto, MessageFn&& message) {
    if (sink_.stopped()) return;  // the sink would drop it; its message may cost re-reads (closest_branch)
    if constexpr (kCollect) {
      sink_.add(code, location_, severity, pointer(upto), message());
    } else {
      sink_.add_unlisted(code, location_, severity);
    }
  }

  template <class MessageFn>
  void fatal(Code code, std::uint32_t upto, MessageFn&& message) {
    report(code, Severity::error, upto, message);
    sink_.stop();
  }

  void syntax_error(const char* what) {
    const std::size_t at = base_ + pos_;
    fatal(Code::syntax, depth_ == 0 ? 0 : depth_ - 1,
          [&] { return std::string(what) + " at byte " + std::to_string(at); });
  }

  void type_error(NodeKind expected, const char* got) {
    report(Code::type, Severity::error, depth_,
           [&] { return "expected " + std::string(node_kind_name(expected)) + ", got " + got; });
  }

  void types_error(std::uint8_t types, const char* got) {
    report(Code::type, Severity::error, depth_, [&] { return "expected " + type_list(types) + ", got " + got; });
  }

  static std::string type_list(std::uint8_t types) {
    std::string out;
    for (const auto& [bit, name] : {std::pair{type_bits::null, "null"}, std::pair{type_bits::boolean, "boolean"},
                                    std::pair{type_bits::object, "object"}, std::pair{type_bits::array, "array"},
                                    std::pair{type_bits::number, "number"}, std::pair{type_bits::integer, "integer"},
                                    std::pair{type_bits::string, "string"}})
      if (types & bit) out += (out.empty() ? "" : " or ") + std::string(name);
    return out.empty() ? "nothing (no type is allowed)" : out;
  }

  // ---- scanning --------------------------------------------------------------------------------------------------

  [[gnu::always_inline]] void skip_ws() {
    // Compact JSON has no whitespace: one compare settles the common case (every JSON space is <= ' ').
    if (pos_<n_&& static_cast<unsigned char>(data_[pos_])> ' ') return;
    while (pos_ < n_ && scan::is_ws(data_[pos_])) ++pos_;
  }

  [[gnu::always_inline]] void set_capture(Capture::State state, bool boolean = false, bool integer_ok = false,
                                          std::int64_t value = 0) {
    if (depth_ == 0) return;
    Frame& parent = *top_;
    if (parent.member_capture == 0xff) return;
    Capture& c = parent.captures[parent.member_capture];
    c.state = state;
    c.boolean = boolean;
    c.integer_ok = integer_ok;
    c.integer = value;
  }

  // Starts the value at pos_: scalars are read and checked here, containers push a frame.
  REQPROBE_HOT void begin_value(std::uint32_t node_index) {
    const SchemaNode& node = nodes_[node_index];
    if (pos_ >= n_) {
      syntax_error("expected a value");
      return;
    }
    // A re-read whose caller collects what the value evaluated (unevaluatedProperties/Items above it) takes the
    // general path, which logs members and items; the fast paths do not.
    if (node.general || (evaluated_ != nullptr && depth_ == 0)) {
      begin_general(node_index, node);
      return;
    }
    const char c = data_[pos_];
    switch (c) {
      case '{':
        ++pos_;
        open(node_index, node, NodeKind::object, "object");
        return;
      case '[':
        ++pos_;
        open(node_index, node, NodeKind::array, "array");
        return;
      case '"':
        string_value(node);
        return;
      case 't':
        literal<true>(node);
        return;
      case 'f':
        literal<false>(node);
        return;
      case 'n':
        null_value(node);
        return;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          number_value(node);
          return;
        }
        syntax_error("expected a value");
    }
  }

  [[gnu::always_inline]] Frame* push_frame(std::uint32_t node_index, bool typed, bool is_object) {
    if (depth_ >= limits_.max_depth) {
      fatal(Code::limit, depth_, [&] { return "nesting deeper than " + std::to_string(limits_.max_depth); });
      return nullptr;
    }
    Frame& f = frames_[depth_++];
    top_ = &f;
    f.node = typed ? node_index : 0;
    f.typed = typed;
    f.is_object = is_object;
    f.plain = typed && is_object;
    f.fresh = true;
    f.count = 0;
    f.seen = 0;
    f.member_capture = 0xff;
    f.serial = ++s_.next_serial;
    f.key_length = 0;
    f.next_property = 0;
    f.general = false;
    f.pending = false;
    f.keyed = false;
    return &f;
  }

  [[gnu::always_inline]] void open(std::uint32_t node_index, const SchemaNode& node, NodeKind kind, const char* got) {
    bool typed = node.kind == kind;
    if (!typed && node.kind != NodeKind::any) {
      type_error(node.kind, got);
      if (sink_.stopped()) return;
      set_capture(Capture::State::wrong);
    }
    Frame* f = push_frame(node_index, typed, kind == NodeKind::object);
    if (f == nullptr) return;
    if (typed && node.rules_count != 0)  // the state alone: rules read nothing else of an absent capture, and
      for (Capture& capture : f->captures) capture.state = Capture::State::absent;  // set_capture writes it all
  }

  void begin_item(Frame& f) {
    if (++f.count > limits_.max_items) {
      fatal(Code::limit, depth_ - 1, [&] { return "more than " + std::to_string(limits_.max_items) + " items"; });
      return;
    }
    f.member_capture = 0xff;
    if (f.general) {
      begin_general_item(f);
      return;
    }
    const std::uint32_t item = f.typed ? nodes_[f.node].items : 0;
    if (item != kNone && nodes_[item].inline_object && pos_ < n_) {  // an array of small objects: settled in place
      std::size_t end = 0;
      if (settle_object(nodes_[item], pos_, end, limits_.max_depth - depth_) == Settled::yes) {
        pos_ = end;
        return;
      }
    }
    begin_value(item == kNone ? 0 : item);
  }

  REQPROBE_HOT void begin_member(Frame& f) {
    if (pos_ >= n_ || data_[pos_] != '"') {
      syntax_error("expected a member name");
      return;
    }
    ++pos_;
    const std::size_t key_start = pos_;
    if (f.typed && !f.general && predicted_member(f, key_start)) return;
    const StringScan key = scan_string(data_, n_, pos_);
    if (key.status != StringScan::Status::ok) {
      pos_ = key.end;
      syntax_error(key.status == StringScan::Status::unterminated ? "unterminated member name"
                                                                  : "malformed member name");
      return;
    }
    pos_ = key.end;
    const std::size_t key_bytes = key.end - 1 - key_start;
    if (key_bytes > limits_.max_string_bytes) {
      fatal(Code::limit, depth_ - 1,
            [&] { return "member name longer than " + std::to_string(limits_.max_string_bytes) + " bytes"; });
      return;
    }
    if (++f.count > limits_.max_members) {
      fatal(Code::limit, depth_ - 1, [&] { return "more than " + std::to_string(limits_.max_members) + " members"; });
      return;
    }
    f.key_offset = static_cast<std::uint32_t>(key_start);
    f.key_length = static_cast<std::uint32_t>(key_bytes);
    f.key_decode = key.escaped || !key.encoding_ok;
    f.member_capture = 0xff;

    skip_ws();
    if (pos_ >= n_ || data_[pos_] != ':') {
      syntax_error("expected ':'");
      return;
    }
    ++pos_;
    skip_ws();

    if (!key.encoding_ok) {
      report(Code::encoding, Severity::error, depth_ - 1,
             [] { return std::string("member name is not valid UTF-8 or has a lone surrogate escape"); });
      if (!sink_.stopped()) begin_value(0);
      return;
    }
    std::string_view name(data_ + key_start, key_bytes);
    if (key.escaped) {
      s_.decoded.clear();
      decode_string(name, s_.decoded);
      name = s_.decoded;
    }
    if (f.general) {
      const std::uint32_t value_node = general_member(f, name, key_start - 1, key.end);
      if (!sink_.stopped()) begin_value(value_node);
      return;
    }
    const std::uint32_t value_node = resolve_member(f, name);
    if (!sink_.stopped()) begin_value(value_node);
  }

  // Senders serialise members in the schema's order, so the member after the last one matched is tried first, as
  // a byte comparison at the key's position: no scan, hash or table lookup. Any mismatch takes the general path.
  // In an object of at most kInlineProperties members a missed guess tries the other declared names the same way
  // before the general path's scan and hash: senders that skip optional members (or order them otherwise) stay on
  // this path.
  static constexpr std::uint32_t kInlineProperties = 16;

  [[gnu::always_inline]] bool literal_at(const Property& p, std::size_t key_start) const {
    const std::size_t length = p.name.size();
    if (!p.literal || key_start + length >= n_ || data_[key_start + length] != '"') return false;
    if (key_start + p.key_span <= n_) return name_at(p, data_ + key_start);
    return same_key(std::string_view(data_ + key_start, length), p.name);  // the last bytes of the body
  }

  // Whether a literal name's bytes are at `key`, with key_span bytes readable there: a short name as one or two
  // 8-byte words, a longer one byte by byte.
  [[gnu::always_inline]] static bool name_at(const Property& p, const char* key) {
    const std::size_t length = p.name.size();
    if (!p.short_key) return same_key(std::string_view(key, length), p.name);
    if ((scan::eight_bytes_at(key) & p.head_mask) != p.head) return false;
    return length <= 8 || scan::eight_bytes_at(key + length - 8) == p.tail;
  }

  REQPROBE_HOT bool predicted_member(Frame& f, std::size_t key_start) {
    const SchemaNode& node = nodes_[f.node];
    std::uint32_t index = kNone;
    if (f.next_property < node.properties_count &&
        literal_at(properties_[node.properties_begin + f.next_property], key_start)) {
      index = node.properties_begin + f.next_property;
    } else if (node.properties_count <= kInlineProperties) {
      for (std::uint32_t i = 0; i < node.properties_count && index == kNone; ++i)
        if (i != f.next_property && literal_at(properties_[node.properties_begin + i], key_start))
          index = node.properties_begin + i;
    }
    if (index == kNone) return false;
    const std::size_t length = properties_[index].name.size();
    pos_ = key_start + length + 1;
    if (++f.count > limits_.max_members) {
      fatal(Code::limit, depth_ - 1, [&] { return "more than " + std::to_string(limits_.max_members) + " members"; });
      return true;
    }
    f.key_offset = static_cast<std::uint32_t>(key_start);
    f.key_length = static_cast<std::uint32_t>(length);
    f.key_decode = false;
    if (pos_ < n_ && data_[pos_] == ':') {  // compact JSON: the colon right after the name
      ++pos_;
    } else {
      skip_ws();
      if (pos_ >= n_ || data_[pos_] != ':') {
        syntax_error("expected ':'");
        return true;
      }
      ++pos_;
    }
    declared_member_value(f, index);
    return true;
  }

  // The hot path of a typed object: the next member is the one after the last matched (senders keep the schema's
  // order) and written compactly, `,"name":` (or `"name":` first), and most values are scalars that pass. Those
  // members are settled here (settle_scalar) with the position, count and seen bits in registers: every store
  // through Frame's byte fields may alias this class's members, which the compiler must then reload. Any other value
  // is read by declared_member_value with the frame brought up to date, and the loop goes on while it was a scalar.
  // Returns true when the outer loop must start over (a container was opened, or the sink stopped); false when
  // the next bytes are not a predicted compact member, with the frame up to date and nothing of them consumed.
  [[gnu::always_inline]] bool plain_members(Frame& f) {
    const char* const data = data_;
    const std::size_t n = n_;
    const SchemaNode& node = nodes_[f.node];
    const std::uint32_t declared_begin = node.properties_begin;
    const Property* const declared = properties_ + declared_begin;
    const std::uint32_t declared_count = node.properties_count;
    std::size_t p = pos_;
    std::uint32_t next = f.next_property;
    bool fresh = f.fresh;
    const auto predicted = [&] {
      return next < declared_count && compact_key_at(declared[next], data, n, p + (fresh ? 1 : 2), fresh);
    };
    // The first guess is tried before the rest is loaded: tiny and failing bodies often miss it.
    if (!predicted()) return false;
    const std::uint32_t max_members = limits_.max_members;
    std::uint32_t count = f.count;
    std::uint64_t seen = f.seen;
    bool dirty = false;  ///< the locals are ahead of the frame
    do {
      const Property& guess = declared[next];
      const std::size_t key_start = p + (fresh ? 1 : 2);
      const std::size_t length = guess.name.size();
      const std::size_t at = key_start + length + 2;  // the value's first byte
      const std::uint64_t bit = std::uint64_t{1} << guess.slot;
      const SchemaNode& value = nodes_[guess.node];
      ++count;
      std::size_t end = 0;
      Capture capture{Capture::State::ok};
      IntegerCheck integer;
      const Settled settled = count <= max_members && !(seen & bit) && at < n
                                  ? settle_scalar(value, at, end, capture, integer)
                                  : Settled::no;
      if (settled == Settled::yes) {
        seen |= bit;
        next = guess.slot + 1u;
        fresh = false;
        p = end;
        dirty = true;
        if (guess.capture != 0xff) f.captures[guess.capture] = capture;
        continue;
      }
      // Any other value is read by the general code, from the frame.
      f.count = count;
      f.fresh = false;
      f.key_offset = static_cast<std::uint32_t>(key_start);
      f.key_length = static_cast<std::uint32_t>(length);
      f.key_decode = false;
      f.seen = seen;  // accept_property reads and updates these
      f.next_property = next;
      if (count > max_members) {
        pos_ = key_start;
        fatal(Code::limit, depth_ - 1, [&] { return "more than " + std::to_string(max_members) + " members"; });
        return true;
      }
      const std::uint32_t index = declared_begin + next;
      if (settled == Settled::integer_failed) {  // reported from the check already made
        accept_property(f, index);
        pos_ = end;
        integer_failed(value, integer, at);
      } else if (value.inline_scalar && !(seen & bit) && at < n &&
                 settle_value_checks(value, at, end, capture) == Settled::yes) {
        // Settled here rather than in the loop, whose registers a call would cost every member.
        accept_property(f, index);
        if (guess.capture != 0xff) f.captures[guess.capture] = capture;
        pos_ = end;
      } else if (value.inline_object && !(seen & bit) && at < n &&
                 settle_object(value, at, end, limits_.max_depth - depth_) == Settled::yes) {
        // Settled without a frame: what close_object records of a valid object is an ok capture.
        accept_property(f, index);
        if (guess.capture != 0xff) f.captures[guess.capture] = Capture{Capture::State::ok};
        pos_ = end;
      } else {
        pos_ = at;
        declared_member_value(f, index);
      }
      if (top_ != &f || sink_.stopped()) return true;
      p = pos_;
      next = f.next_property;
      seen = f.seen;
      fresh = false;
      dirty = false;
    } while (predicted());
    if (dirty) {  // a body that leaves this loop at once (fail-fast, tiny objects) pays no stores
      f.count = count;
      f.seen = seen;
      f.next_property = next;
      f.fresh = fresh;
      pos_ = p;
    }
    return false;
  }

  enum class Settled : std::uint8_t { no, yes, integer_failed };

  // Whether the value at data_[at] is a scalar of the plain node's kind that meets every check (yes): then `end` is
  // past it and `capture` what set_capture would record. An integer that fails its checks is integer_failed, with
  // `end` and the failed `check`, so that it is reported without being read twice. Anything else is no: to be read
  // by the reporting code (strings that fail, escaped enum values, containers, whitespace, other kinds).
  [[gnu::always_inline]] Settled settle_scalar(const SchemaNode& value, std::size_t at, std::size_t& end,
                                               Capture& capture, IntegerCheck& check) const {
    if (value.general) return Settled::no;  // inline_scalar nodes are tried on the way out (plain_members)
    const char* const data = data_;
    switch (value.kind) {
      case NodeKind::string: {
        if (data[at] != '"') return Settled::no;
        // scan_string's two steps, apart: building its StringScan for every plain string cost Large 3% more
        // instructions (measured: 451,259 -> 465,044).
        std::size_t code_points = 0;
        bool escaped = false;
        const std::size_t quote = plain_string_end(data, n_, at + 1);
        if (quote != kNotPlain) {
          code_points = quote - at - 1;  // plain ASCII: one code point per byte
          end = quote + 1;
        } else {
          const StringScan scan = scan_string_slow(data, n_, at + 1);
          if (scan.status != StringScan::Status::ok || !scan.encoding_ok) return Settled::no;
          code_points = scan.code_points;
          escaped = scan.escaped;
          end = scan.end;
        }
        const std::size_t raw_bytes = end - at - 2;
        if (raw_bytes > limits_.max_string_bytes || code_points < value.min_length || code_points > value.max_length)
          return Settled::no;
        if (value.enum_count == 0) return Settled::yes;
        // An enum compares the decoded value: escaped strings are left to string_value, which decodes them.
        return !escaped && string_listed(plan_, value, std::string_view(data + at + 1, raw_bytes)) ? Settled::yes
                                                                                                   : Settled::no;
      }
      case NodeKind::boolean:
        if (n_ - at >= 4 && std::memcmp(data + at, "true", 4) == 0) {
          capture.boolean = true;
          end = at + 4;
          return Settled::yes;
        }
        if (n_ - at >= 5 && std::memcmp(data + at, "false", 5) == 0) {
          end = at + 5;
          return Settled::yes;
        }
        return Settled::no;
      case NodeKind::integer: {
        std::int64_t number = 0;
        if (!parse_short_integer(at, end, number)) return Settled::no;
        // Within bounds and no enum, the common case, settles without the call.
        if (value.enum_count != 0 || number < value.minimum || number > value.maximum) {
          check = check_integer_value(plan_, value, number);
          if (check.code != IntegerCheck::kOk) return Settled::integer_failed;
        }
        capture.integer_ok = true;
        capture.integer = number;
        return Settled::yes;
      }
      default:
        return Settled::no;
    }
  }

  // What settle_scalar is for an inline_scalar node: a plain ASCII string within its lengths that meets its pattern and
  // format, or a short number within its bounds, as general_string and general_number would accept them
  // (short_number_passes). Out of line, and tried where the loop hands a member to
  // the general code, so the plain nodes' path stays as it was.
  [[gnu::noinline]] Settled settle_value_checks(const SchemaNode& value, std::size_t at, std::size_t& end,
                                                Capture& capture) const {
    if (value.kind == NodeKind::string) {
      if (data_[at] != '"') return Settled::no;
      // Escapes and non-ASCII (rare in patterned or formatted values) are left to general_string.
      const std::size_t quote = plain_string_end(data_, n_, at + 1);
      if (quote == kNotPlain) return Settled::no;
      const std::size_t length = quote - at - 1;  // bytes, and code points
      if (length > limits_.max_string_bytes || length < value.min_length || length > value.max_length)
        return Settled::no;
      const std::string_view text(data_ + at + 1, length);
      if (value.pattern != kNone && !ctx_.runtime.pattern_matches(value.pattern, text)) return Settled::no;
      if (value.format_check != Format::none && !string_has_format(value.format_check, text)) return Settled::no;
      end = quote + 1;
      return Settled::yes;
    }
    const ShortNumber number = short_number(at);
    if (number.end == 0 || !short_number_passes(value, number, capture)) return Settled::no;
    end = number.end;
    return Settled::yes;
  }

  // What reading an inline_object node's value at data_[at] would find when it is a compact object of declared
  // members, each met in place by settle_scalar or settle_value_checks, with every required member: yes, and `end`
  // past its '}'. Anything else (whitespace, other names, duplicates, a value that fails) is no, with nothing
  // consumed: the general code reads the object from the start, and reports what is wrong. `frames` is how many
  // more frames the depth limit allows: the object needs one, and each object nested in it one more, so the
  // recursion is bounded by the limit whatever the plan.
  [[gnu::noinline]] Settled settle_object(const SchemaNode& object, std::size_t at, std::size_t& end,
                                          std::uint32_t frames) const {
    if (frames == 0 || data_[at] != '{') return Settled::no;
    const Property* const declared = properties_ + object.properties_begin;
    const std::uint32_t declared_count = object.properties_count;
    std::size_t p = at + 1;  // after the '{', then after each value
    std::uint32_t next = 0;
    std::uint32_t count = 0;
    std::uint64_t seen = 0;
    for (bool fresh = true;; fresh = false) {
      const std::size_t key_start = p + (fresh ? 1 : 2);
      std::uint32_t index = next;
      if (index >= declared_count || !compact_key_at(declared[index], data_, n_, key_start, fresh)) {
        if (p < n_ && data_[p] == '}') break;  // the commonest miss: the last member was read
        index = kNone;
        for (std::uint32_t i = 0; i < declared_count && index == kNone; ++i)
          if (i != next && compact_key_at(declared[i], data_, n_, key_start, fresh)) index = i;
      }
      if (index == kNone) break;
      const Property& member = declared[index];
      const std::uint64_t bit = std::uint64_t{1} << member.slot;
      const std::size_t value_at = key_start + member.name.size() + 2;
      if ((seen & bit) || ++count > limits_.max_members || value_at >= n_) return Settled::no;
      seen |= bit;
      const SchemaNode& value = nodes_[member.node];
      Capture capture{Capture::State::ok};
      IntegerCheck check;
      const Settled settled = value.inline_object   ? settle_object(value, value_at, p, frames - 1)
                              : value.inline_scalar ? settle_value_checks(value, value_at, p, capture)
                                                    : settle_scalar(value, value_at, p, capture, check);
      if (settled != Settled::yes) return Settled::no;
      next = member.slot + 1u;
    }
    if (p >= n_ || data_[p] != '}' || (object.required_mask & ~seen) != 0) return Settled::no;
    end = p + 1;
    return Settled::yes;
  }

  struct ShortNumber {
    std::size_t end = 0;  ///< past the number; 0 when it is not short
    bool negative = false;
    bool fraction_part = false;  ///< written with a '.'
    bool fraction = false;       ///< a non-zero digit after the '.'
    std::int64_t whole = 0;      ///< the digits before the '.'
  };

  // The number at data_[at] when it is short: -?(0|[1-9][0-9]{0,17})(\.[0-9]+)? followed by a byte that cannot
  // continue it. Anything else (exponents, longer integers, malformed text) is left to the exact path.
  ShortNumber short_number(std::size_t at) const {
    const auto digit = [&](std::size_t i) { return i < n_ && static_cast<unsigned char>(data_[i] - '0') < 10; };
    ShortNumber number;
    number.negative = data_[at] == '-';
    std::size_t p = at + (number.negative ? 1 : 0);
    if (!digit(p)) return {};
    if (data_[p] == '0') {
      ++p;
    } else {
      for (const std::size_t first = p; digit(p); ++p) {
        if (p - first == 18) return {};  // int64 holds 18 digits whatever they are
        number.whole = number.whole * 10 + (data_[p] - '0');
      }
    }
    number.fraction_part = p < n_ && data_[p] == '.';
    if (number.fraction_part) {
      if (!digit(++p)) return {};
      for (; digit(p); ++p) number.fraction = number.fraction || data_[p] != '0';
    }
    if (p < n_ && (digit(p) || data_[p] == '.' || data_[p] == 'e' || data_[p] == 'E')) return {};
    number.end = p;
    return number;
  }

  // Whether `guess` is written compactly at key_start: `,"` before the name (`"` when it is the first member) and
  // `":` after it, compared as 16-bit words, and the name itself.
  [[gnu::always_inline]] static bool compact_key_at(const Property& guess, const char* data, std::size_t n,
                                                    std::size_t key_start, bool fresh) {
    const std::size_t length = guess.name.size();
    if (!guess.literal || key_start + guess.key_span > n) return false;
    const char* const key = data + key_start;
    if (fresh ? key[-1] != '"' : scan::two_bytes_at(key - 2) != scan::kCommaQuote) return false;
    if (scan::two_bytes_at(key + length) != scan::kQuoteColon) return false;
    return name_at(guess, key);
  }

  // After a declared member's colon: its value. A string, the commonest case, is read here rather than through
  // begin_value's dispatch.
  [[gnu::always_inline]] void declared_member_value(Frame& f, std::uint32_t index) {
    skip_ws();
    const std::uint32_t value_node = accept_property(f, index);
    if (sink_.stopped()) return;
    const SchemaNode& value = nodes_[value_node];
    if (value.kind == NodeKind::string && !value.general && pos_ < n_ && data_[pos_] == '"') {
      string_value(value);
    } else {
      begin_value(value_node);
    }
  }

  // A declared member was found: duplicates, captures, and the next member to predict.
  [[gnu::always_inline]] std::uint32_t accept_property(Frame& f, std::uint32_t index) {
    const Property& property = properties_[index];
    const std::uint64_t bit = std::uint64_t{1} << property.slot;
    if ((f.seen & bit) && level_ == 0) {  // a re-read reads bytes the outermost read checks for duplicates
      report(Code::duplicate, Severity::error, depth_, [] { return std::string("member appears twice"); });
    }
    f.seen |= bit;
    f.member_capture = property.capture;
    f.next_property = property.slot + 1u;
    return property.node;
  }

  // Finds the member's schema in a plain object, reporting unknown and duplicate members. Returns the value's node.
  std::uint32_t resolve_member(Frame& f, std::string_view name) {
    if (f.typed) {
      const SchemaNode& node = nodes_[f.node];
      const std::uint32_t index = find_property(node, name);
      if (index != kNone) return accept_property(f, index);
      if (node.additional == kFalse) {
        report(Code::unknown, unknown_severity_, depth_,
               [] { return std::string("member is not declared by the contract"); });
        if (sink_.stopped()) return 0;
      }
    }
    if (level_ > 0) return 0;  // a re-read (composition): the outermost read finds duplicates in these bytes
    s_.keys_used = true;
    if (s_.keys.insert_or_find(f.serial, name))
      report(Code::duplicate, Severity::error, depth_, [] { return std::string("member appears twice"); });
    return 0;
  }

  std::uint32_t find_property(const SchemaNode& node, std::string_view name) const {
    if (node.properties_count == 0) return kNone;
    std::uint32_t slot = property_hash(name) & node.lookup_mask;
    while (true) {
      const std::uint32_t entry = lookup_[node.lookup_begin + slot];
      if (entry == 0) return kNone;
      if (same_key(properties_[entry - 1].name, name)) return entry - 1;
      slot = (slot + 1) & node.lookup_mask;
    }
  }

  // Leaves the innermost container. At depth 0 top_ stays on frames_[0], which nothing reads then.
  void pop() {
    --depth_;
    if (depth_ != 0) --top_;
  }

  void close_array() {
    Frame& f = *top_;
    if (f.general) {
      close_general_array(f);
      return;
    }
    const std::uint32_t count = f.count;
    if (f.typed) {
      const SchemaNode& node = nodes_[f.node];
      if (count < node.min_items) {
        report(Code::min_items, Severity::error, depth_ - 1,
               [&] { return std::to_string(count) + " items, fewer than minItems " + std::to_string(node.min_items); });
      } else if (node.max_items != kUnbounded && count > node.max_items) {
        report(Code::max_items, Severity::error, depth_ - 1,
               [&] { return std::to_string(count) + " items, more than maxItems " + std::to_string(node.max_items); });
      }
    }
    const bool typed = f.typed;
    pop();
    if (typed) set_capture(Capture::State::ok, false, true, count);
  }

  void close_object() {
    Frame& f = *top_;
    if (f.general) {
      close_general_object(f);
      return;
    }
    if (f.typed) {
      const SchemaNode& node = nodes_[f.node];
      const std::uint64_t missing = node.required_mask & ~f.seen;
      if (missing != 0) report_missing(node, missing);
      if (node.rules_count != 0 && !sink_.stopped()) check_rules(node, f);
    }
    const bool typed = f.typed;
    pop();
    if (typed) set_capture(Capture::State::ok);
  }

  void report_missing(const SchemaNode& node, std::uint64_t missing) {
    for (std::uint32_t i = 0; i < node.properties_count && !sink_.stopped(); ++i) {
      const Property& property = properties_[node.properties_begin + i];
      if (property.slot >= 64 || !(missing & (std::uint64_t{1} << property.slot))) continue;
      report_missing_member(property);
    }
  }

  void report_missing_member(const Property& property) {
    if constexpr (kCollect) {
      std::string where = pointer(depth_ - 1);
      append_pointer_token(where, property.name);
      sink_.add(Code::required, location_, Severity::error, std::move(where),
                "required member '" + property.name + "' is missing");
    } else {
      sink_.add_unlisted(Code::required, location_, Severity::error);
    }
  }

  REQPROBE_HOT void check_rules(const SchemaNode& node, const Frame& f) {
    const std::uint64_t broken = broken_rules(plan_, node, f.captures);
    if (broken == 0) return;
    for (std::uint32_t i = 0; i < node.rules_count && !sink_.stopped(); ++i) {
      if (!(broken & (std::uint64_t{1} << i))) continue;
      if (superseded(plan_, node, broken, i)) continue;
      const Rule& rule = plan_.rules[node.rules_begin + i];
      report(Code::rule, rule.severity, depth_ - 1, [&] { return rule.id + ": " + rule.message; });
    }
  }

  [[gnu::always_inline]] void string_value(const SchemaNode& node) {
    ++pos_;
    const std::size_t start = pos_;
    const StringScan scan = scan_string(data_, n_, pos_);
    if (scan.status != StringScan::Status::ok) {
      pos_ = scan.end;
      syntax_error(scan.status == StringScan::Status::unterminated   ? "unterminated string"
                   : scan.status == StringScan::Status::control_char ? "unescaped control character in string"
                                                                     : "invalid escape in string");
      return;
    }
    pos_ = scan.end;
    const std::size_t raw_bytes = scan.end - 1 - start;
    if (raw_bytes > limits_.max_string_bytes) {
      fatal(Code::limit, depth_,
            [&] { return "string longer than " + std::to_string(limits_.max_string_bytes) + " bytes"; });
      return;
    }
    // The body must be UTF-8 everywhere, unknown members' values included.
    if (!scan.encoding_ok) {
      report(Code::encoding, Severity::error, depth_,
             [] { return std::string("string is not valid UTF-8 or has a lone surrogate escape"); });
      if (sink_.stopped()) return;
    }
    if (node.kind != NodeKind::string) {
      if (node.kind != NodeKind::any) {
        type_error(node.kind, "string");
        set_capture(Capture::State::wrong);
      }
      return;
    }
    if (!scan.encoding_ok) {
      set_capture(Capture::State::wrong);
      return;
    }
    // Most values pass every string check: settle that inline, without the call (maxLength kUnbounded is the
    // largest uint32, so the second comparison needs no special case).
    if (node.enum_count == 0 && scan.code_points >= node.min_length && scan.code_points <= node.max_length) {
      set_capture(Capture::State::ok);
      return;
    }
    std::string_view value(data_ + start, raw_bytes);
    if (scan.escaped && node.enum_count != 0) {
      s_.decoded.clear();
      decode_string(value, s_.decoded);
      value = s_.decoded;
    }
    check_string_value<kCollect>(plan_, sink_, node, value, scan.code_points, location_,
                                 [&] { return pointer(depth_); });
    set_capture(Capture::State::ok);
  }

  template <bool kValue>
  void literal(const SchemaNode& node) {
    constexpr std::string_view word = kValue ? "true" : "false";
    if (n_ - pos_ < word.size() || std::memcmp(data_ + pos_, word.data(), word.size()) != 0) {  // compares inline
      syntax_error("invalid literal");
      return;
    }
    pos_ += word.size();
    if (node.kind == NodeKind::boolean) {
      set_capture(Capture::State::ok, kValue);
    } else if (node.kind != NodeKind::any) {
      type_error(node.kind, "boolean");
      set_capture(Capture::State::wrong);
    }
  }

  void null_value(const SchemaNode& node) {
    if (n_ - pos_ < 4 || std::string_view(data_ + pos_, 4) != "null") {
      syntax_error("invalid literal");
      return;
    }
    pos_ += 4;
    if (node.kind != NodeKind::any) {
      type_error(node.kind, "null");  // D11: nothing is nullable
      set_capture(Capture::State::wrong);
    }
  }

  // -?(0|[1-9][0-9]{0,17}) at data_[at] not followed by a digit, '.', 'e' or 'E': at most 18 digits always fit int64,
  // so the value is accumulated while scanning, with no overflow check and no second pass. Sets `end` past it and
  // `value`; returns false (neither set) otherwise.
  [[gnu::always_inline]] bool parse_short_integer(std::size_t at, std::size_t& end, std::int64_t& value) const {
    std::size_t p = at;
    const bool negative = data_[p] == '-';
    if (negative) ++p;
    if (p >= n_ || data_[p] < '0' || data_[p] > '9') return false;
    std::uint64_t magnitude = static_cast<std::uint64_t>(data_[p] - '0');
    const std::size_t first = p++;
    if (magnitude != 0) {
      while (p < n_ && p - first < 18 && static_cast<unsigned char>(data_[p] - '0') < 10)
        magnitude = magnitude * 10 + static_cast<std::uint64_t>(data_[p++] - '0');
    }
    if (p < n_) {
      const char next = data_[p];
      if (static_cast<unsigned char>(next - '0') < 10 || next == '.' || next == 'e' || next == 'E') return false;
    }
    end = p;
    value = negative ? -static_cast<std::int64_t>(magnitude) : static_cast<std::int64_t>(magnitude);
    return true;
  }

  // The common integer: parse_short_integer, then the checks. Returns false when the lexeme is not short.
  [[gnu::always_inline]] bool short_integer(const SchemaNode& node) {
    const std::size_t start = pos_;
    std::int64_t value = 0;
    if (!parse_short_integer(start, pos_, value)) return false;
    const IntegerCheck check = check_integer_value(plan_, node, value);
    if (check.code != IntegerCheck::kOk) {
      integer_failed(node, check, start);
      return true;
    }
    set_capture(Capture::State::ok, false, true, value);
    return true;
  }

  // Reports a failed check of the integer read from data_[start, pos_).
  void integer_failed(const SchemaNode& node, const IntegerCheck& check, std::size_t start) {
    report(static_cast<Code>(check.code), Severity::error, depth_,
           [&] { return integer_message(plan_, node, check, std::string_view(data_ + start, pos_ - start)); });
    set_capture(Capture::State::wrong);
  }

  [[gnu::always_inline]] void number_value(const SchemaNode& node) {
    if (node.kind == NodeKind::integer && short_integer(node)) return;
    const std::size_t start = pos_;
    const NumberLexeme lexeme = scan_number(data_, n_, pos_);
    if (!lexeme.well_formed) {
      pos_ = lexeme.end;
      syntax_error("malformed number");
      return;
    }
    pos_ = lexeme.end;
    if (node.kind != NodeKind::integer) {
      if (node.kind != NodeKind::any) {
        type_error(node.kind, "number");
        set_capture(Capture::State::wrong);
      }
      return;
    }
    const std::string_view text(data_ + start, pos_ - start);
    std::string integral;  // 1.0 or 1e2 under a dialect that counts integers by value: the same integer, plainly
    if (!lexeme.integer) {
      Decimal value;
      if (node.integer_lexeme || !parse_decimal(text, value) || !value.is_integral()) {
        type_error(NodeKind::integer, "a number with a fraction or exponent");  // D10 and draft 4: 1.0 is not
        set_capture(Capture::State::wrong);
        return;
      }
      integral = integer_text(value);
    }
    const std::string_view as_integer = integral.empty() ? text : std::string_view(integral);
    const IntegerCheck check = check_integer(plan_, node, as_integer);
    if (check.code != IntegerCheck::kOk) {
      report(static_cast<Code>(check.code), Severity::error, depth_,
             [&] { return integer_message(plan_, node, check, text); });
      set_capture(Capture::State::wrong);
      return;
    }
    set_capture(Capture::State::ok, false, true, check.value);
  }

  // An integral Decimal as an integer lexeme ("-12000").
  // Zeros are written up to kMaxIntegerText digits only: "1e+30222222228" is 14 bytes and would be 30 GB written
  // out, and any integer past 20 digits is outside int64 alike, which is all the integer checks ask of it.
  static std::string integer_text(const Decimal& d) {
    if (d.is_zero()) return "0";
    constexpr std::int64_t kMaxIntegerText = 40;
    std::string out = d.negative ? "-" : "";
    out += d.digits;
    const std::int64_t zeros = d.exponent - static_cast<std::int64_t>(d.digits.size());
    out.append(static_cast<std::size_t>(std::min(
                   zeros, std::max<std::int64_t>(0, kMaxIntegerText - static_cast<std::int64_t>(d.digits.size())))),
               '0');
    return out;
  }

#include "body_general.inl"

  const ScanContext& ctx_;
  const Plan& plan_;
  const Limits& limits_;
  const Severity unknown_severity_;
  Scratch& s_;
  Sink& sink_;
  const char* data_;
  const std::size_t n_;
  const std::size_t base_;  ///< offset of this text in the outermost body (re-reads read a part of it)
  const Location location_;
  const std::string_view prefix_;  ///< pointer of this text's value (re-reads), or of a parameter
  const std::uint32_t level_;
  Evaluated* const evaluated_;  ///< what the root value evaluated, when the caller asks
  // Raw arrays, loaded once: through the references above the compiler must reload each vector's data pointer
  // after every store it cannot prove unrelated.
  Frame* const frames_;
  const SchemaNode* const nodes_;
  const Property* const properties_;
  const std::uint32_t* const lookup_;
  std::size_t pos_ = 0;
  std::uint32_t depth_ = 0;
  Frame* top_;  ///< frames_[depth_ - 1] when depth_ > 0, kept as a pointer for the hot loop
};

}  // namespace reqprobe::detail
