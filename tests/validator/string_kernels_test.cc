// The string kernels (simd/string_kernels.h) against a reference written here from RFC 3629 by code point
// arithmetic (not from the library's lead-byte table): every byte sequence of up to three bytes, a 44-byte alphabet
// of edge bytes up to four bytes placed across block boundaries, and random strings; then JSON string scanning
// under each kernel, table-driven with exact answers.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "json_string.h"
#include "simd/string_kernels.h"
#include "test_rng.h"

namespace reqprobe {
namespace {

// Sanitizer builds (test.sh's second build) run the sweeps over fewer sequences: they are there for memory safety,
// which the shorter sweeps exercise the same way, and a full sweep there takes four minutes. The optimised build
// runs them whole.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

using detail::simd::available_kernels;
using detail::simd::Kernels;
using detail::simd::SegmentScan;

bool is_stop(unsigned char c) {
  return c == '"' || c == '\\' || c < 0x20;
}

// Decodes by arithmetic: the length from the lead's high bits, then the code point, then its range. An invalid
// byte counts as one character and decoding resumes at the next byte, as the kernels promise.
SegmentScan reference(const unsigned char* p, std::size_t n) {
  SegmentScan r;
  std::size_t i = 0;
  while (i < n && !is_stop(p[i])) {
    const unsigned char lead = p[i];
    std::size_t length = 0;
    std::uint32_t cp = 0, smallest = 0;
    if (lead < 0x80) {
      length = 1;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2, cp = lead & 0x1Fu, smallest = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3, cp = lead & 0x0Fu, smallest = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4, cp = lead & 0x07u, smallest = 0x10000;
    }
    bool ok = length != 0 && n - i >= length;
    for (std::size_t k = 1; ok && k < length; ++k) {
      ok = (p[i + k] & 0xC0) == 0x80;
      cp = (cp << 6) | (p[i + k] & 0x3Fu);
    }
    if (ok && length > 1) ok = cp >= smallest && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
    if (!ok) {
      r.utf8_ok = false;
      length = 1;
    }
    i += length;
    ++r.code_points;
  }
  r.length = i;
  return r;
}

std::string describe(const std::vector<unsigned char>& bytes) {
  std::string out;
  for (const unsigned char b : bytes) {
    constexpr char kHex[] = "0123456789ABCDEF";
    out += kHex[b >> 4];
    out += kHex[b & 15];
    out += ' ';
  }
  return out;
}

// Every kernel gives the reference's answer; returns false (after one failure message) on the first that does not.
bool all_agree(const std::vector<unsigned char>& bytes) {
  const SegmentScan want = reference(bytes.data(), bytes.size());
  for (const Kernels* k : available_kernels()) {
    const SegmentScan got = k->scan_segment(bytes.data(), bytes.size());
    if (got.length != want.length || got.utf8_ok != want.utf8_ok || got.code_points != want.code_points) {
      ADD_FAILURE() << k->name << " on " << describe(bytes) << ": length " << got.length << " (want " << want.length
                    << "), utf8_ok " << got.utf8_ok << " (want " << want.utf8_ok << "), code points " << got.code_points
                    << " (want " << want.code_points << ")";
      return false;
    }
  }
  return true;
}

// Bytes at every edge of RFC 3629's table, and the stop bytes.
constexpr std::array<unsigned char, 44> kEdges = {0x00, 0x1F, 0x20, '"',  '\\', 'a',  0x7F, 0x80, 0x81, 0x8F, 0x90,
                                                  0x9F, 0xA0, 0xA1, 0xBF, 0xC0, 0xC1, 0xC2, 0xC3, 0xDF, 0xE0, 0xE1,
                                                  0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8,
                                                  0xFB, 0xFC, 0xFE, 0xFF, 0x41, 0x09, 0x2F, 0x5B, 0xB0, 0x88, 0x98};

TEST(StringKernels, PortableComesFirstAndEveryNameIsUsable) {
  const auto kernels = available_kernels();
  ASSERT_FALSE(kernels.empty());
  EXPECT_EQ(kernels.front()->name, "portable");
  for (const Kernels* k : kernels) EXPECT_TRUE(detail::simd::use_kernels(k->name)) << k->name;
  EXPECT_FALSE(detail::simd::use_kernels("avx9000"));
  EXPECT_EQ(detail::simd::active_kernels().name, kernels.back()->name);  // unchanged by the refusal
#if defined(__x86_64__)
  EXPECT_GE(kernels.size(), 2u);  // SSE2 is part of x86-64
#endif
}

TEST(StringKernels, EverySequenceOfUpToThreeBytes) {
  std::vector<unsigned char> bytes;
  for (std::uint32_t length = 1; length <= (kSanitized ? 2u : 3u); ++length) {
    const std::uint32_t total = 1u << (8 * length);
    bytes.assign(length, 0);
    for (std::uint32_t v = 0; v < total; ++v) {
      for (std::uint32_t k = 0; k < length; ++k) bytes[k] = static_cast<unsigned char>(v >> (8 * k));
      ASSERT_TRUE(all_agree(bytes));
    }
  }
}

// A sequence in the middle of a long run meets the vector kernels' block edges: the carried bytes from the block
// before, an unfinished sequence at a block's end, and the tail. Fillers: ASCII, and a 2-byte character so that
// the blocks around are not plain ASCII.
void edge_sequences(std::size_t length, const std::vector<unsigned char>& filler, std::size_t offset) {
  std::size_t total = 1;
  for (std::size_t k = 0; k < length; ++k) total *= kEdges.size();
  std::vector<unsigned char> bytes;
  for (std::size_t v = 0; v < total; ++v) {
    bytes.clear();
    while (bytes.size() < offset) bytes.insert(bytes.end(), filler.begin(), filler.end());
    std::size_t digits = v;
    for (std::size_t k = 0; k < length; ++k, digits /= kEdges.size()) bytes.push_back(kEdges[digits % kEdges.size()]);
    bytes.insert(bytes.end(), 3, 'z');
    ASSERT_TRUE(all_agree(bytes));
  }
}

TEST(StringKernels, EdgeSequencesOfUpToFourBytesAcrossBlockEdges) {
  const std::vector<unsigned char> ascii = {'a'}, accented = {0xC3, 0xA9};
  for (const auto* filler : {&ascii, &accented}) {
    for (const std::size_t offset : {30u, 62u, 63u}) {
      if (kSanitized && offset != 62) continue;
      for (std::size_t length = 1; length <= 3; ++length) edge_sequences(length, *filler, offset);
    }
  }
  if (!kSanitized)
    edge_sequences(4, accented, 62);  // 3.7 million: one placement, across the 64-byte edge (and the 32-byte one)
}

TEST(StringKernels, RandomStringsOfEdgeBytesAndCharacters) {
  test::Rng rng{15};
  const std::vector<std::string> pieces = {"a",
                                           "plain text ",
                                           "\xC3\xA9",
                                           "\xE2\x82\xAC",
                                           "\xF0\x9F\x98\x80",
                                           "\xED\x9F\xBF",
                                           "\xEF\xBF\xBF",
                                           "\xF4\x8F\xBF\xBF"};
  std::vector<unsigned char> bytes;
  for (int round = 0; round < 40000; ++round) {
    bytes.clear();
    const std::size_t target = rng.below(300);
    const bool with_edges = rng.below(3) == 0;
    while (bytes.size() < target) {
      if (with_edges && rng.below(40) == 0) {
        bytes.push_back(kEdges[rng.below(kEdges.size())]);
      } else {
        const std::string& piece = pieces[rng.below(pieces.size())];
        bytes.insert(bytes.end(), piece.begin(), piece.end());
      }
    }
    ASSERT_TRUE(all_agree(bytes));
  }
}

struct ScanRow {
  std::string_view json;  // the string's content and what follows, after the opening quote
  detail::StringScan::Status status;
  bool escaped, encoding_ok;
  std::uint32_t code_points;
  std::size_t end;
};

// scan_string under every kernel: the same status, flags, count and end for strings that reach the out-of-line
// path (non-ASCII, escapes, longer than the inline 128 bytes, invalid bytes).
TEST(StringKernels, ScanStringAnswersAlikeUnderEveryKernel) {
  const std::string long_ascii(300, 'x');
  const std::string long_emoji = [] {
    std::string s;
    for (int i = 0; i < 100; ++i) s += "\xF0\x9F\x98\x80";
    return s;
  }();
  const std::string long_with_escape = long_ascii + "\\n" + long_emoji + "\"";
  const std::string long_ascii_string = long_ascii + "\",";
  const std::string long_emoji_string = long_emoji + "\"";
  using S = detail::StringScan::Status;
  const std::vector<ScanRow> rows = {
      {"caf\xC3\xA9\"", S::ok, false, true, 4, 6},
      {"\xF0\x9F\x98\x80\xF0\x9F\x98\x80\"", S::ok, false, true, 2, 9},
      {"a\\u00e9b\"", S::ok, true, true, 3, 9},
      {"\\ud83d\\ude00\"", S::ok, true, true, 1, 13},
      {"\\ud83d x\"", S::ok, true, false, 3, 9},
      {"\xE2\x82\"", S::ok, false, false, 2, 3},
      {"\xC0\xAF\"", S::ok, false, false, 2, 3},
      {"\xED\xA0\x80\"", S::ok, false, false, 3, 4},
      {"\xF4\x90\x80\x80\"", S::ok, false, false, 4, 5},
      {"\xC3\xA9\x01\"", S::control_char, false, true, 0, 2},
      {"\xC3\xA9\\q\"", S::bad_escape, true, true, 0, 2},
      {"\xC3\xA9", S::unterminated, false, true, 0, 2},
      {"\xC3\xA9\\", S::unterminated, true, true, 0, 3},
      {long_ascii_string, S::ok, false, true, 300, 301},
      {long_emoji_string, S::ok, false, true, 100, 401},
      {long_with_escape, S::ok, true, true, 401, 703},
  };
  for (const Kernels* k : available_kernels()) {
    ASSERT_TRUE(detail::simd::use_kernels(k->name));
    for (const ScanRow& row : rows) {
      const std::string text = "\"" + std::string(row.json);
      const detail::StringScan scan = detail::scan_string(text.data(), text.size(), 1);
      SCOPED_TRACE(std::string(k->name) + ": " + describe({text.begin(), text.end()}).substr(0, 60));
      EXPECT_EQ(scan.status, row.status);
      EXPECT_EQ(scan.escaped, row.escaped);
      EXPECT_EQ(scan.encoding_ok, row.encoding_ok);
      if (row.status == S::ok) {
        EXPECT_EQ(scan.code_points, row.code_points);
      }
      EXPECT_EQ(scan.end, row.end + 1);  // positions in `text`, which starts with the opening quote
    }
  }
  ASSERT_TRUE(detail::simd::use_kernels(available_kernels().back()->name));
}

}  // namespace
}  // namespace reqprobe
