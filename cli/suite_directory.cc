#include "suite_directory.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <system_error>

#include "file_io.h"

namespace reqprobe::cli {
namespace fs = std::filesystem;

namespace {

// The "file" member of each manifest line; the manifest is ours, so a plain search is enough.
std::set<std::string> listed_files(const std::string& manifest) {
  std::set<std::string> files;
  const std::string key = "\"file\":\"";
  std::size_t at = 0;
  while ((at = manifest.find(key, at)) != std::string::npos) {
    at += key.size();
    const std::size_t end = manifest.find('"', at);
    if (end == std::string::npos) break;
    files.insert(manifest.substr(at, end - at));
    at = end;
  }
  return files;
}

}  // namespace

bool prepare_suite_directory(const std::string& dir, std::string& error) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    if (!fs::create_directories(dir, ec)) {
      error = "cannot create " + dir + ": " + ec.message();
      return false;
    }
    return true;
  }
  if (!fs::is_directory(dir, ec)) {
    error = dir + " exists and is not a directory";
    return false;
  }
  const fs::path manifest = fs::path(dir) / "manifest.jsonl";
  std::set<std::string> ours;
  if (fs::exists(manifest, ec)) {
    const ReadResult read = read_input(manifest.string());
    if (!read.ok()) {
      error = read.error;
      return false;
    }
    ours = listed_files(*read.bytes);
  }
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name != "manifest.jsonl" && !ours.count(name)) {
      error = dir + " holds " + name + ", which no previous suite listed; use an empty or new directory";
      return false;
    }
  }
  if (ec) {
    error = "cannot list " + dir + ": " + ec.message();
    return false;
  }
  for (const std::string& name : ours) fs::remove(fs::path(dir) / name, ec);
  fs::remove(manifest, ec);
  return true;
}

bool write_file_atomically(const std::string& path, const std::string& bytes, std::string& error) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    file.close();
    if (!file) {
      error = "cannot write " + temporary;
      return false;
    }
  }
  std::error_code ec;
  fs::rename(temporary, path, ec);
  if (ec) {
    error = "cannot rename " + temporary + " to " + path + ": " + ec.message();
    return false;
  }
  return true;
}

}  // namespace reqprobe::cli
