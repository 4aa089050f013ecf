// The benchmark inputs: bench/data/cases.json and each case's body.json and request.json, read once before timing.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "reqprobe/request.h"

namespace reqprobe_bench {

/// One case. Never moved after loading (the request's views point into its own strings).
struct Input {
  std::string name;  ///< the <Input> of BM_<Subject>_<Input>, e.g. "Typical"
  bool valid = false;
  /// A quarter-size copy of a hostile input, timed only to show that rejection time is linear in size.
  bool scaling_only = false;
  std::string about;
  /// Set for inputs of another schema (the real-world suite): the draft-07 JSON Schema file every subject uses for
  /// this input instead of the HSS contract and its export. Such inputs have no request (body benchmarks only).
  std::string schema_file;
  /// The body followed by 64 zero bytes: NUL-terminated for RapidJSON's StringStream and padded for simdjson, so
  /// neither baseline pays for a copy inside the timed loop.
  std::string storage;
  std::string_view body;  ///< the exact body bytes, inside storage
  std::string method;
  std::string target;
  std::vector<std::string> header_text;  ///< name, value, name, value, ...
  std::vector<reqprobe::Header> headers;
  reqprobe::Request request;
  std::size_t request_bytes = 0;  ///< method + target + header names and values + body

  Input() = default;
  Input(const Input&) = delete;
  Input& operator=(const Input&) = delete;
};

using Inputs = std::vector<std::unique_ptr<const Input>>;

/// Reads every case listed in data_dir/cases.json. Throws std::runtime_error naming the file on any problem.
[[nodiscard]] Inputs load_inputs(const std::string& data_dir);

/// A whole file; throws std::runtime_error naming it when it cannot be read.
[[nodiscard]] std::string read_text_file(const std::string& path);

/// Zero bytes after each body (simdjson needs 64 readable bytes past the end).
inline constexpr std::size_t kPadding = 64;

}  // namespace reqprobe_bench
