// Reading inputs for the CLI: whole files, or standard input for "-", with messages that say what went wrong.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace reqprobe::cli {

/// A whole input, or why it could not be read.
struct [[nodiscard]] ReadResult {
  std::optional<std::string> bytes;
  std::string error;  ///< e.g. "cannot open cases/a.json: No such file or directory"
  [[nodiscard]] bool ok() const noexcept { return bytes.has_value(); }
};

/// Reads every byte of `path`, or of standard input when `path` is "-". Binary-safe.
[[nodiscard]] ReadResult read_input(const std::string& path);

/// Inputs as given, except that a directory stands for its *.json files in name order, then those of each of its
/// subdirectories (one level: a multi-operation suite's operation folders). Returns
/// false with `error` set when a directory cannot be listed or holds no .json file.
[[nodiscard]] bool expand_inputs(const std::vector<std::string>& given, std::vector<std::string>& out,
                                 std::string& error);

}  // namespace reqprobe::cli
