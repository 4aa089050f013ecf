#include "file_io.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

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

}  // namespace reqprobe::cli
