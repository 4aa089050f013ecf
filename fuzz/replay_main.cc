// Replay driver, linked instead of libFuzzer when REQPROBE_FUZZ_LINKMAIN=ON, so the targets build with any compiler
// and ctest replays their corpora. Runs every file named on the command line, and every file under every directory
// named, through LLVMFuzzerTestOneInput (sorted, each in a buffer of exactly its size so sanitizers see overreads).
// Arguments starting with '-' are ignored, so libFuzzer command lines work unchanged, except:
//   --mutations=N   also runs N outputs of the target's LLVMFuzzerCustomMutator per file (tests the mutator).
// A broken invariant traps; the file being run is then printed. Exit status 2 when an input cannot be read.
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);
extern "C" __attribute__((weak)) std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size,
                                                                     std::size_t max_size, unsigned int seed);
extern "C" __attribute__((weak)) void __sanitizer_set_death_callback(void (*callback)());

// libFuzzer's byte-level mutator, which custom mutators fall back to, does not exist here: flip one byte instead.
extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t max_size) {
  static std::size_t calls = 0;
  if (size == 0) {
    if (max_size == 0) return 0;
    data[0] = '{';
    return 1;
  }
  data[(calls++ * 7919) % size] ^= 0x20;
  return size;
}

namespace {

char g_current[4096] = "";  // the input being run, for the crash handlers (fixed storage: signal-safe to print)

void print_current() {
  static const char kPrefix[] = "\nreplay: crashed on input ";
  (void)!write(2, kPrefix, sizeof kPrefix - 1);
  (void)!write(2, g_current, std::strlen(g_current));
  (void)!write(2, "\n", 1);
}

void on_signal(int signal) {
  print_current();
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

void run(const std::string& name, std::vector<std::uint8_t> bytes, unsigned mutations) {
  std::snprintf(g_current, sizeof g_current, "%s", name.c_str());
  {
    const std::vector<std::uint8_t> exact(bytes);  // its own allocation of exactly size bytes
    LLVMFuzzerTestOneInput(exact.data(), exact.size());
  }
  if (LLVMFuzzerCustomMutator == nullptr) return;
  constexpr std::size_t kMaxSize = 64 * 1024;
  for (unsigned seed = 1; seed <= mutations; ++seed) {
    std::vector<std::uint8_t> buffer(bytes);
    buffer.resize(std::max(kMaxSize, bytes.size()));
    const std::size_t size = LLVMFuzzerCustomMutator(buffer.data(), bytes.size(), buffer.size(), seed);
    std::snprintf(g_current, sizeof g_current, "%s (mutation seed %u)", name.c_str(), seed);
    const std::vector<std::uint8_t> mutated(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(size));
    LLVMFuzzerTestOneInput(mutated.data(), mutated.size());
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize != nullptr) LLVMFuzzerInitialize(&argc, &argv);
  std::signal(SIGILL, on_signal);  // __builtin_trap
  std::signal(SIGABRT, on_signal);
  if (__sanitizer_set_death_callback != nullptr) __sanitizer_set_death_callback(print_current);
  unsigned mutations = 0;
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--mutations=", 0) == 0)
      mutations = static_cast<unsigned>(std::strtoul(arg.c_str() + 12, nullptr, 10));
    if (arg.empty() || arg[0] == '-') continue;
    std::error_code error;
    if (std::filesystem::is_directory(arg, error)) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(arg))
        if (entry.is_regular_file()) files.push_back(entry.path());
    } else {
      files.emplace_back(arg);
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "replay: cannot read %s\n", file.c_str());
      return 2;
    }
    run(file.string(), std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {}), mutations);
  }
  std::printf("replay: %zu inputs ran cleanly (%u mutations each)\n", files.size(), mutations);
  return 0;
}
