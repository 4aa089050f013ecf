// Per-Validator reusable memory and the violation sink. Everything here is sized once and reused, so a valid
// request allocates nothing after warm-up.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/router.h"
#include "engine/verdict_memo.h"
#include "reqprobe/plan.h"
#include "reqprobe/validator.h"
#include "siphash.h"

namespace reqprobe::detail {

/// What a cross-field rule may read about one property of the object being validated.
struct Capture {
  enum class State : std::uint8_t { absent, ok, wrong };
  State state = State::absent;
  bool boolean = false;
  bool integer_ok = false;   ///< an integer within int64
  std::int64_t integer = 0;  ///< integer value, or item count of an array
};

/// One open object or array.
struct Frame {
  std::uint32_t node = 0;  ///< schema node; 0 (`any`) when the value is not checked
  bool is_object = false;
  bool fresh = true;                   ///< nothing read since the opening bracket
  bool typed = false;                  ///< node is a real object/array schema (not `any`)
  bool plain = false;                  ///< a typed object on the fast paths: typed, is_object and not general
  std::uint8_t member_capture = 0xff;  ///< capture slot of the member being read
  std::uint32_t count = 0;             ///< members or items so far
  std::uint64_t seen = 0;              ///< declared members seen
  std::uint32_t serial = 0;            ///< identity for the unknown-key set
  std::uint32_t next_property = 0;     ///< declared property expected next (senders keep the schema's order)
  // Current member key (raw bytes in the body, without quotes), for pointers.
  std::uint32_t key_offset = 0;
  std::uint32_t key_length = 0;
  bool key_decode = false;  ///< the raw bytes are not the name itself: escapes or invalid UTF-8 to decode
  // The general path (schemas beyond the fast paths): where the value began, and its log of members or items.
  bool general = false;
  bool pending = false;           ///< a member or item value is being read; log its end when it is
  bool keyed = false;             ///< undeclared names go to the keyed set (past 16 members), not a linear scan
  std::uint32_t value_start = 0;  ///< offset of the '{' or '['
  std::uint32_t log_begin = 0;    ///< this container's first entry in Scratch::log
  std::uint32_t wide_begin = 0;   ///< objects of more than 64 properties: their seen bits in Scratch::wide_seen
  Capture captures[kMaxCaptures];
};

/// A member or item of an open general container: where its value is, and what evaluated it.
/// uniqueItems: where one item's canonical text sits in Scratch::unique_texts, and the item's index.
struct UniqueSpan {
  std::uint32_t begin = 0;
  std::uint32_t size = 0;
  std::uint32_t item = 0;
};

struct LogEntry {
  std::uint32_t key_begin = 0;  ///< the decoded member name, in Scratch::log_names
  std::uint32_t key_size = 0;
  std::uint32_t value_begin = 0;
  std::uint32_t value_end = 0;
  std::uint32_t extra_begin = 0;  ///< further schemas its value must meet (patternProperties), in Scratch::extra
  std::uint32_t extra_count = 0;
  bool evaluated = false;  ///< by properties, patternProperties, additionalProperties, items or prefixItems
  bool matched = false;    ///< items: `contains` matched it
};

/// Keys that are not declared, per open object, to find duplicates among them in linear time. The request fills
/// this table, so it hashes with a secret key (SipHash-1-3): names cannot be chosen to collide (hash flooding).
class KeySet {
 public:
  explicit KeySet(SipKey key) : key_(key) {}
  /// Inserts (serial, key); returns true when that key was already there for that object.
  bool insert_or_find(std::uint32_t serial, std::string_view key);
  void reset() noexcept;
  /// Slots looked at by insert_or_find since construction: the cost a set of names imposes (tests, benchmarks).
  [[nodiscard]] std::uint64_t probes() const noexcept { return probes_; }

 private:
  // The probed table holds 8-byte slots (hash and entry index), so a hostile body's 10,000 keys probe 256 KiB, not
  // twice that: this table is where exhaustive mode spends its time on such bodies, one cache miss per key.
  struct Slot {
    std::uint32_t hash = 0;
    std::uint32_t entry = 0;  ///< index into entries_ + 1; 0: empty
  };
  struct Entry {
    std::uint32_t serial = 0;
    std::uint32_t offset = 0;  ///< into arena_
    std::uint32_t length = 0;
  };
  void grow();
  SipKey key_;
  std::uint64_t probes_ = 0;
  std::vector<Slot> table_;
  std::vector<std::uint32_t> filled_;  ///< slots in use, so reset() costs what was inserted, not the table size
  std::vector<Entry> entries_;
  std::string arena_;
  std::size_t used_ = 0;
};

/// The key the options ask for: theirs, or the process's random one when they give none.
[[nodiscard]] SipKey key_set_key(const ValidatorOptions& options) noexcept;

struct Scratch {
  explicit Scratch(const ValidatorOptions& options)
      : frames(options.limits.max_depth + 1), keys(key_set_key(options)) {}
  std::vector<Frame> frames;
  std::string decoded;      ///< escape-decoded key or string being judged
  std::string pointer_key;  ///< escape-decoded key while building a pointer (never aliases `decoded`)
  // Exhaustive mode: the pointer tokens of frames [0, prefix_frames) (token i ends at prefix_ends[i]). Token i
  // stays valid while the frame at index i + 1 is still the container whose serial is prefix_serials[i + 1]: a
  // frame's position cannot change while a container inside it is open. Violations then cost the tokens that
  // changed, not the whole pointer again (deep input with a violation per level stays linear).
  std::string pointer_prefix;
  std::vector<std::uint32_t> prefix_ends = std::vector<std::uint32_t>(frames.size());
  std::vector<std::uint32_t> prefix_serials = std::vector<std::uint32_t>(frames.size());
  std::uint32_t prefix_frames = 0;          ///< reset per body (serials restart)
  bool composition_too_deep = false;        ///< reset per body: a re-read hit the nesting limit (body_general.inl)
  std::vector<std::string> level_prefixes;  ///< per re-read level: its pointer prefix (BodyScanner::level_prefix)
  std::string text;                         ///< percent-decoded parameter value
  std::string name;                         ///< percent-decoded parameter name (reused: long names must not allocate)
  // The request engine's reusable space: query pairs, decoded parameter items, a parameter's JSON text, cookies.
  struct QueryPair {
    std::string_view raw_name;
    std::string_view raw_value;
    std::string name_buffer;  ///< the decoded name, when decoding changed it
    bool decoded = false;     ///< the name is name_buffer, not raw_name
    bool bad_name = false;
    /// The decoded name. A view is not kept: `query` grows while pairs are read, and moving moves short buffers.
    [[nodiscard]] std::string_view name() const noexcept { return decoded ? std::string_view(name_buffer) : raw_name; }
  };
  std::vector<QueryPair> query;
  std::size_t query_count = 0;
  std::vector<std::string_view> query_names;  ///< decoded names present, for security (views into `query`)
  std::vector<std::string_view> pieces;
  std::vector<std::string> items;            ///< decoding buffers for the items that need decoding
  std::vector<std::string_view> item_views;  ///< each item: its raw text when it needs no decoding, else its buffer
  std::string param_json;
  std::string body_json;
  std::vector<std::pair<std::string_view, std::string_view>> cookies;
  std::vector<std::uint8_t> param_seen;  ///< per parameter of the routed operation
  RouteScratch route;
  // The body engine's general path: frames of nested re-reads (composition), logs of open general containers,
  // and memoized verdicts of re-reads, keyed by schema node and byte offset.
  std::vector<std::vector<Frame>> sub_frames;
  std::vector<LogEntry> log;
  std::string log_names;
  std::vector<std::uint32_t> extra;
  std::vector<std::uint64_t> wide_seen;
  VerdictMemo memo;          ///< (node, absolute offset) -> verdict; cleared per body
  std::string canonical;     ///< canonical text of a value (enum, const, uniqueItems)
  std::string unique_texts;  ///< uniqueItems: every item's canonical text, side by side
  std::vector<UniqueSpan> unique_spans;
  KeySet keys;
  bool keys_used = false;
  std::uint32_t next_serial = 0;
};

/// Collects violations (exhaustive) or just the verdict (fail-fast). Warnings never stop a run.
class Sink {
 public:
  Sink(Report* report, const Limits& limits)
      : report_(report), max_violations_(limits.max_violations), max_report_bytes_(limits.max_report_bytes) {}
  [[nodiscard]] bool collecting() const noexcept { return report_ != nullptr; }
  [[nodiscard]] bool stopped() const noexcept { return stopped_; }
  [[nodiscard]] bool failed() const noexcept { return failed_; }
  /// Errors added so far, listed or not (a re-read compares this before and after to know whether it passed).
  [[nodiscard]] std::size_t errors() const noexcept { return errors_; }
  /// Records a violation. In fail-fast mode the pointer and message are not looked at.
  void add(Code code, Location location, Severity severity, std::string pointer, std::string message);
  /// add() with neither pointer nor message, as fail-fast callers record: inline, since a fail-fast run's one
  /// error is its answer, and a call with two empty strings built and destroyed costs more than the verdict.
  void add_unlisted(Code code, Location location, Severity severity) {
    if (report_ != nullptr) {
      add_listed_without_text(code, location, severity);
      return;
    }
    if (stopped_) return;
    if (severity == Severity::error) {
      failed_ = true;
      ++errors_;
    }
    if (failed_) stopped_ = true;  // fail-fast: the verdict is known
  }
  /// Ends the run (after a fatal error such as a syntax error or a limit).
  void stop() noexcept { stopped_ = true; }

 private:
  void add_listed_without_text(Code code, Location location, Severity severity);

  Report* report_;
  std::uint32_t max_violations_;
  std::size_t max_report_bytes_;
  std::size_t report_bytes_ = 0;  ///< pointer and message bytes listed so far
  std::size_t errors_ = 0;
  bool failed_ = false;
  bool stopped_ = false;
  bool truncated_ = false;  ///< the cap was reached: only a first error may still be listed
};

}  // namespace reqprobe::detail
