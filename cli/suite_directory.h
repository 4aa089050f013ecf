// Writing a generated suite into a directory without losing anything: a directory is reused only when it holds
// nothing but a previous suite (the files its manifest.jsonl lists), and the manifest is written last.
#pragma once

#include <string>
#include <vector>

namespace reqprobe::cli {

/// Makes `dir` ready for a new suite: creates it, or removes the case files a previous manifest lists. Refuses
/// (returns false with `error`) when the directory holds anything else.
[[nodiscard]] bool prepare_suite_directory(const std::string& dir, std::string& error);

/// Writes `bytes` to `path` through a temporary file and a rename, so a reader never sees half a file.
[[nodiscard]] bool write_file_atomically(const std::string& path, const std::string& bytes, std::string& error);

}  // namespace reqprobe::cli
