#include "file_io.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <system_error>

namespace reqprobe::cli {
namespace {

struct FileCloser {
  void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};

// Reads to end of file; errno-based messages are the clearest the C library offers (EISDIR for a directory).
ReadResult read_all(std::FILE* file, const std::string& name) {
  ReadResult result;
  std::string bytes;
  char chunk[1 << 16];
  for (;;) {
    const std::size_t n = std::fread(chunk, 1, sizeof chunk, file);
    bytes.append(chunk, n);
    if (n < sizeof chunk) break;
  }
  if (std::ferror(file)) {
    result.error = "cannot read " + name + ": " + std::strerror(errno);
    return result;
  }
  result.bytes = std::move(bytes);
  return result;
}

}  // namespace

ReadResult read_input(const std::string& path) {
  if (path == "-") return read_all(stdin, "standard input");
  errno = 0;
  const std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    ReadResult result;
    result.error = "cannot open " + path + ": " + std::strerror(errno);
    return result;
  }
  return read_all(file.get(), path);
}

bool expand_inputs(const std::vector<std::string>& given, std::vector<std::string>& out, std::string& error) {
  namespace fs = std::filesystem;
  // A directory's *.json files in name order, then those of each subdirectory (one level: a generated suite of a
  // multi-operation contract keeps one folder per operation).
  const auto json_files = [&error](const fs::path& dir, std::vector<std::string>& files,
                                   std::vector<fs::path>* subdirectories) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_directory()) {
        if (subdirectories != nullptr) subdirectories->push_back(it->path());
      } else if (it->path().extension() == ".json") {
        files.push_back(it->path().string());
      }
    }
    if (ec) error = "cannot list " + dir.string() + ": " + ec.message();
    return !ec;
  };
  for (const std::string& input : given) {
    std::error_code ec;
    if (input == "-" || !fs::is_directory(input, ec)) {
      out.push_back(input);
      continue;
    }
    std::vector<std::string> files;
    std::vector<fs::path> subdirectories;
    if (!json_files(input, files, &subdirectories)) return false;
    std::sort(files.begin(), files.end());
    std::sort(subdirectories.begin(), subdirectories.end());
    for (const fs::path& sub : subdirectories) {
      std::vector<std::string> inner;
      if (!json_files(sub, inner, nullptr)) return false;
      std::sort(inner.begin(), inner.end());
      files.insert(files.end(), inner.begin(), inner.end());
    }
    if (files.empty()) {
      error = input + " is a directory with no .json files (nor any in its subdirectories)";
      return false;
    }
    out.insert(out.end(), files.begin(), files.end());
  }
  return true;
}

}  // namespace reqprobe::cli
