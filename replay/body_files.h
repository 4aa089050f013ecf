// Files holding the request bodies that reproduction commands read (curl_command.h): a body too large to put in a
// command is written once per case into a directory next to the first report file, and the command names it by its
// absolute path, so it keeps working wherever it is pasted and after the case files move.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <string_view>

namespace reqprobe::replay {

/// "<REPORT>.bodies" next to the first report file given (--report, else --junit, else --sarif), or
/// "reqprobe-bodies" in the current directory when there is none; absolute.
[[nodiscard]] std::filesystem::path body_directory(const std::string& report, const std::string& junit,
                                                   const std::string& sarif);

/// The file name of a case's body: the id with every byte outside A-Z a-z 0-9 . _ - replaced by '_' (and cut to 120
/// bytes), then, when the id had to change, '-' and 16 hex digits of a hash of the whole id (two ids never share a
/// file), then ".body".
[[nodiscard]] std::string body_file_name(std::string_view id);

class BodyFiles {
 public:
  explicit BodyFiles(std::filesystem::path directory) : directory_(std::move(directory)) {}

  /// Writes the body of case `id` (once per run; the directory is created on the first) and returns its absolute
  /// path. "" with `error` when it cannot be written.
  [[nodiscard]] std::string write(std::string_view id, std::string_view body, std::string& error);

  [[nodiscard]] const std::filesystem::path& directory() const noexcept { return directory_; }
  /// How many bodies this run wrote.
  [[nodiscard]] std::size_t written() const noexcept { return written_.size(); }

 private:
  std::filesystem::path directory_;
  std::set<std::string, std::less<>> written_;  ///< file names
};

}  // namespace reqprobe::replay
