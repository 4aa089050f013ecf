// The request engine's text helpers against plain references: find_byte (SSE2 blocks, an overlapping last
// block, memchr for long texts) against string_view::find, first_bad_field_byte against a byte loop, and iequals (eight
// bytes at a time) against a byte-wise ASCII case fold, over every length and offset that changes which code path runs.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "http_text.h"
#include "test_rng.h"

namespace reqprobe {
namespace {

using test::Rng;

TEST(FindByte, AgreesWithStringViewFindOnEveryLengthAndOffset) {
  Rng rng{7};
  std::size_t checked = 0;
  for (std::size_t length = 0; length <= 300; ++length) {
    for (int trial = 0; trial < 12; ++trial) {
      // Few distinct bytes, so the needle is found at many places, or (trial 0) nowhere.
      std::string text(length, 'x');
      for (char& c : text) c = trial == 0 ? 'x' : "xy/&"[rng.below(4)];
      // The texts are views into a longer buffer: bytes after the end must never count.
      const std::string padded = text + "//&&yy//&&yy//&&yy";
      const std::string_view view(padded.data(), length);
      for (std::size_t from = 0; from <= length + 1; from += 1 + (length > 40 ? rng.below(7) : 0)) {
        for (const char needle : {'/', '&', 'y', 'q'}) {
          ASSERT_EQ(detail::find_byte(view, needle, from), view.find(needle, from))
              << "length " << length << " from " << from << " needle " << needle << " text " << text;
          ++checked;
        }
      }
    }
  }
  EXPECT_GT(checked, 100000u);
}

TEST(FirstBadFieldByte, AgreesWithAByteLoopOnEveryLengthAndPlace) {
  const auto reference = [](std::string_view v) {
    for (std::size_t i = 0; i < v.size(); ++i) {
      const auto c = static_cast<unsigned char>(v[i]);
      if ((c < 0x20 && c != '\t') || c == 0x7F) return i;
    }
    return std::string_view::npos;
  };
  std::size_t found = 0;
  for (std::size_t length = 0; length <= 100; ++length) {
    // Clean text (visible ASCII, HTAB, bytes of 0x80 and above), then each bad byte at each place.
    std::string text(length, 'a');
    for (std::size_t i = 0; i < length; ++i) text[i] = "a\t\x80~ \xFF"[i % 6];
    ASSERT_EQ(detail::first_bad_field_byte(text), std::string_view::npos) << "length " << length;
    for (std::size_t at = 0; at < length; ++at) {
      for (const char bad : {'\0', '\r', '\n', '\x1F', '\x7F'}) {
        std::string dirty = text;
        dirty[at] = bad;
        if (at + 3 < length) dirty[at + 3] = '\n';  // a second bad byte after the first must not win
        ASSERT_EQ(detail::first_bad_field_byte(dirty), reference(dirty)) << "length " << length << " at " << at;
        ++found;
      }
    }
  }
  EXPECT_GT(found, 20000u);
}

bool reference_iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  const auto fold = [](unsigned char c) { return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c + 32) : c; };
  for (std::size_t i = 0; i < a.size(); ++i)
    if (fold(static_cast<unsigned char>(a[i])) != fold(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

TEST(Iequals, AgreesWithAByteWiseCaseFoldOnEdgeBytes) {
  // The bytes around the letter ranges (bit 0x20 apart: '@'/'`', '['/'{', 'A'/'a', 'Z'/'z'), and bytes of 0x80 and
  // above, which differ in bit 0x20 too (0xC1/0xE1) but are no letters.
  const std::string edges = std::string("@`[{AaZzMm-_09\x7F") + "\xC1\xE1\x80\xA0\xFF";
  Rng rng{11};
  std::size_t equal = 0, checked = 0;
  for (std::size_t length = 0; length <= 40; ++length) {
    for (int trial = 0; trial < 3000; ++trial) {
      std::string a(length, 'a');
      for (char& c : a) c = edges[rng.below(edges.size())];
      std::string b = a;
      // Flip bit 0x20 on a few bytes (letters or not), sometimes change one byte outright.
      for (std::size_t k = 0; k < length && rng.below(3) != 0; ++k) b[rng.below(length)] ^= 0x20;
      if (length > 0 && rng.below(4) == 0) b[rng.below(length)] = edges[rng.below(edges.size())];
      ASSERT_EQ(detail::iequals(a, b), reference_iequals(a, b)) << "a=" << a << " b=" << b;
      equal += reference_iequals(a, b) ? 1 : 0;
      ++checked;
    }
  }
  // Both answers occur often, so neither side of the comparison is left untested.
  EXPECT_GT(equal, checked / 10);
  EXPECT_LT(equal, checked - checked / 10);
}

TEST(Iequals, HeaderNamesTable) {
  struct Row {
    const char* a;
    const char* b;
    bool equal;
  };
  const Row rows[] = {
      {"Content-Type", "content-type", true},
      {"X-Auth-Token", "content-type", false},
      {"CONTENT-TYPE", "content-type", true},
      {"content-typf", "content-type", false},
      {"Content-Typ", "content-type", false},
      {"X-Request-Id", "x-request-id", true},
      {"x-auth-token@", "x-auth-token`", false},
      {"Authorization", "authorization", true},
      {"", "", true},
  };
  for (const Row& row : rows) EXPECT_EQ(detail::iequals(row.a, row.b), row.equal) << row.a << " vs " << row.b;
}

}  // namespace
}  // namespace reqprobe
