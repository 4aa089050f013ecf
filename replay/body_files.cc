#include "body_files.h"

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <fstream>

namespace reqprobe::replay {

std::filesystem::path body_directory(const std::string& report, const std::string& junit, const std::string& sarif) {
  std::error_code ec;
  for (const std::string* file : {&report, &junit, &sarif}) {
    if (file->empty()) continue;
    const std::filesystem::path absolute = std::filesystem::absolute(*file, ec);
    return (ec ? std::filesystem::path(*file) : absolute).string() + ".bodies";
  }
  const std::filesystem::path absolute = std::filesystem::absolute("reqprobe-bodies", ec);
  return ec ? std::filesystem::path("reqprobe-bodies") : absolute;
}

std::string body_file_name(std::string_view id) {
  constexpr std::size_t kMaxStem = 120;  // far below the 255 bytes a file name may have
  std::string stem;
  for (const char c : id.substr(0, kMaxStem))
    stem += std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' ? c : '_';
  if (stem != id || stem.empty() || stem.front() == '.') {
    std::uint64_t hash = 0xcbf29ce484222325ull;  // FNV-1a: stable across runs and builds
    for (const char c : id) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
    char hex[20];
    std::snprintf(hex, sizeof hex, "-%016llx", static_cast<unsigned long long>(hash));
    stem += hex;
  }
  return stem + ".body";
}

std::string BodyFiles::write(std::string_view id, std::string_view body, std::string& error) {
  const std::string name = body_file_name(id);
  const std::filesystem::path path = directory_ / name;
  if (written_.count(name)) return path.string();
  std::error_code ec;
  std::filesystem::create_directories(directory_, ec);
  if (ec) {
    error = "cannot create " + directory_.string() + ": " + ec.message();
    return {};
  }
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(body.data(), static_cast<std::streamsize>(body.size()));
  file.close();
  if (!file) {
    error = "cannot write " + path.string();
    return {};
  }
  written_.insert(name);
  return path.string();
}

}  // namespace reqprobe::replay
