// Safety limits: checked before or while parsing, each reported with code `limit`.
#pragma once

#include <cstddef>
#include <cstdint>

namespace reqprobe {

/// Hard caps on hostile input. The defaults are far above anything the HSS contract needs (its deepest valid
/// body has depth 3, its longest string 512 code points) and keep memory and time bounded. Build with
/// REQPROBE_FUZZING to get the lower fuzzing defaults, so fuzzers are not dominated by huge inputs.
struct Limits {
#ifdef REQPROBE_FUZZING
  std::size_t max_body_bytes = 64 * 1024;
  std::uint32_t max_depth = 32;
  std::uint32_t max_string_bytes = 16 * 1024;
  std::uint32_t max_items = 1024;
  std::uint32_t max_members = 1024;
#else
  std::size_t max_body_bytes = 8 * 1024 * 1024;  ///< body size in bytes
  std::uint32_t max_depth = 64;                  ///< nesting of arrays and objects (root value is depth 1)
  std::uint32_t max_string_bytes = 64 * 1024;    ///< raw bytes of one string or key, escapes included
  std::uint32_t max_items = 100000;              ///< items of one array
  std::uint32_t max_members = 10000;             ///< members of one object
#endif
  std::size_t max_target_bytes = 16 * 1024;   ///< request-target length
  std::uint32_t max_query_params = 256;       ///< query parameters
  std::uint32_t max_headers = 256;            ///< header fields
  std::size_t max_header_bytes = 256 * 1024;  ///< one header value (a 32,768-code-point token may take 128 KiB)
  std::uint32_t max_violations = 1000;        ///< exhaustive mode stops (with a `limit` violation) past this
  /// Exhaustive mode also stops when pointers and messages together pass this many bytes: long keys at depth
  /// would otherwise make a report far larger than its body.
  std::size_t max_report_bytes = 4 * 1024 * 1024;
};

}  // namespace reqprobe
