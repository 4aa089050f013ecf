// The set of undeclared member names (issue 10, item 1: hash flooding). Names prepared to collide under one key
// cost quadratic probing under that key and nothing special under any other: the defence is the key's secrecy,
// and the validator draws a fresh key per process.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "scratch.h"
#include "siphash.h"

namespace reqprobe::detail {
namespace {

SipKey counting_key() {
  return {0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull};  // bytes 00..0f, the SipHash paper's test key
}

TEST(SipHash, MatchesTheReferenceVectorsOfSipHash24) {
  // The paper's Appendix A and the reference implementation's first vector.
  std::string message;
  for (char c = 0; c < 15; ++c) message.push_back(c);
  EXPECT_EQ((siphash<2, 4>(counting_key(), message)), 0xa129ca6149be45e5ull);
  EXPECT_EQ((siphash<2, 4>(counting_key(), "")), 0x726fdb47dd0e0e31ull);
}

TEST(SipHash, DependsOnTheKeyAndOnEveryByte) {
  const SipKey a{1, 2};
  const SipKey b{1, 3};
  EXPECT_NE(siphash13(a, "member"), siphash13(b, "member"));
  EXPECT_NE(siphash13(a, "member"), siphash13(a, "membes"));
  EXPECT_NE(siphash13(a, std::string_view("a\0", 2)), siphash13(a, "a"));  // length is part of the input
  EXPECT_EQ(siphash13(a, "member"), siphash13(a, "member"));
}

TEST(SipHash, ProcessKeyIsStableWithinTheProcessAndNotZero) {
  const SipKey first = process_sip_key();
  const SipKey second = process_sip_key();
  EXPECT_EQ(first.k0, second.k0);
  EXPECT_EQ(first.k1, second.k1);
  EXPECT_FALSE(first.k0 == 0 && first.k1 == 0);
}

// Names that land on one slot chain of the key set under `key`: the same low 12 bits of the hash it files them
// by (tables up to 4,096 slots), found by brute force as an attacker who knew the key would.
std::vector<std::string> colliding_names(const SipKey& key, std::uint32_t serial, std::size_t count) {
  std::vector<std::string> names;
  std::uint32_t target = 0;
  for (std::uint64_t i = 0; names.size() < count; ++i) {
    std::string name = "k" + std::to_string(i);
    const auto hash = static_cast<std::uint32_t>(siphash13(key, name)) ^ (serial * 0x9E3779B1u);
    if (names.empty()) target = hash & 0xfff;
    if ((hash & 0xfff) == target) names.push_back(std::move(name));
  }
  return names;
}

std::uint64_t probes_to_insert(const SipKey& key, const std::vector<std::string>& names) {
  KeySet set(key);
  for (const std::string& name : names) EXPECT_FALSE(set.insert_or_find(1, name));
  for (const std::string& name : names) EXPECT_TRUE(set.insert_or_find(1, name));  // each found again
  return set.probes();
}

TEST(KeySet, CollidingNamesAreQuadraticUnderTheirKeyAndLinearUnderAFreshOne) {
  constexpr std::size_t kNames = 512;
  const SipKey fixed{0x1234567890abcdefull, 0xfedcba0987654321ull};
  const std::vector<std::string> names = colliding_names(fixed, 1, kNames);
  // Under the key they were made for, every insertion walks the chain the earlier ones built.
  EXPECT_GT(probes_to_insert(fixed, names), kNames * kNames / 2);
  // Under another key (a fixed one, so this bound is deterministic) they spread like any names.
  EXPECT_LT(probes_to_insert({0x0badc0ffee0ddf00ull, 0x5eed5eed5eed5eedull}, names), 8 * kNames);
  // And under the key the validator draws per process.
  EXPECT_LT(probes_to_insert(process_sip_key(), names), 8 * kNames);
}

TEST(KeySet, FindsRepeatsPerObjectOnly) {
  KeySet set(counting_key());
  EXPECT_FALSE(set.insert_or_find(1, "a"));
  EXPECT_FALSE(set.insert_or_find(2, "a"));  // another object
  EXPECT_TRUE(set.insert_or_find(1, "a"));
  set.reset();
  EXPECT_FALSE(set.insert_or_find(1, "a"));
}

}  // namespace
}  // namespace reqprobe::detail
