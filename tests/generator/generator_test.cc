// The case generator: no defects, deterministic, every contract constraint covered on both sides, and every
// expectation what the validator reports on the case's exact bytes after a round trip through the file format.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "generator.h"
#include "reqprobe/case_file.h"
#include "reqprobe/validator.h"

namespace reqprobe::gen {
namespace {

std::shared_ptr<const Contract> hss() {
  static const LoadResult loaded = load_embedded_contract();
  return loaded.contract;
}

const Suite& suite() {
  static const Suite generated = generate_suite(hss(), GenerateOptions{});
  return generated;
}

TEST(Generator, hss_suite_has_no_defects) {
  EXPECT_THAT(suite().defects, ::testing::IsEmpty());
  EXPECT_GT(suite().cases.size(), 500u);
}

TEST(Generator, same_seed_gives_identical_bytes_and_another_seed_differs) {
  const Suite again = generate_suite(hss(), GenerateOptions{});
  const Suite other = generate_suite(hss(), GenerateOptions{.seed = 2, .limits = Limits{}});
  ASSERT_EQ(again.cases.size(), suite().cases.size());
  bool differs = false;
  for (std::size_t i = 0; i < again.cases.size(); ++i) {
    EXPECT_EQ(write_case(again.cases[i].kase), write_case(suite().cases[i].kase)) << again.cases[i].kase.id;
    if (i < other.cases.size())
      differs = differs || write_case(other.cases[i].kase) != write_case(suite().cases[i].kase);
  }
  EXPECT_TRUE(differs) << "the seed should change generated text";
}

TEST(Generator, every_contract_constraint_has_cases_on_both_sides) {
  // Satisfied side: cases that exercise the constraint and target nothing. Broken side: cases that target the
  // violation of it (an error, or for a warning rule the warning).
  std::map<std::string, std::pair<std::vector<std::string>, std::vector<std::string>>> hits;
  for (const GeneratedCase& c : suite().cases)
    for (const std::string& constraint : c.constraints)
      (c.has_target ? hits[constraint].second : hits[constraint].first).push_back(c.kase.id);
  const std::vector<std::string> constraints = contract_constraints(hss()->plan());
  ASSERT_GT(constraints.size(), 120u);
  std::ostringstream table;
  for (const std::string& constraint : constraints) {
    const auto& [satisfied, broken] = hits[constraint];
    table << constraint << "  satisfied: " << satisfied.size() << " (" << (satisfied.empty() ? "-" : satisfied.front())
          << ")  broken: " << broken.size() << " (" << (broken.empty() ? "-" : broken.front()) << ")\n";
    EXPECT_FALSE(satisfied.empty()) << constraint << " has no case on its satisfied side";
    EXPECT_FALSE(broken.empty()) << constraint << " has no case on its broken side";
  }
  std::cout << "coverage of " << constraints.size() << " contract constraints:\n" << table.str();
}

TEST(Generator, expectations_survive_the_file_format_and_match_the_validator) {
  Validator validator(hss());
  for (const GeneratedCase& c : suite().cases) {
    const std::string text = write_case(c.kase);
    const CaseParseResult parsed = parse_case(text);
    ASSERT_TRUE(parsed.ok()) << c.kase.id << ": " << parsed.error.describe();
    EXPECT_EQ(parsed.kase->body, c.kase.body) << c.kase.id;
    const CaseRequest request(*parsed.kase);
    const Report report = validator.validate(request.request());
    const ExpectationDiff diff = compare_expectation(parsed.kase->expect, report);
    EXPECT_TRUE(diff.met()) << c.kase.id;
    EXPECT_EQ(validator.is_valid(request.request()), report.valid()) << c.kase.id;
  }
}

TEST(Generator, every_category_is_present) {
  std::set<std::string> categories;
  for (const GeneratedCase& c : suite().cases) categories.insert(c.category);
  for (const char* expected :
       {"valid", "length", "range", "type", "enum", "structure", "encoding", "request", "rule", "limit", "count"})
    EXPECT_TRUE(categories.count(expected)) << expected;
}

TEST(Generator, the_shipped_hss_suite_is_up_to_date) {
  const std::filesystem::path dir = std::filesystem::path(REQPROBE_SOURCE_DIR) / "corpus" / "hss";
  std::ifstream manifest(dir / "manifest.jsonl");
  ASSERT_TRUE(manifest) << "corpus/hss/manifest.jsonl is missing: run scripts/regenerate-corpus.sh";
  std::string expected_manifest;
  for (const GeneratedCase& c : suite().cases) {
    const std::string file = c.kase.id + ".json";
    expected_manifest += manifest_line(c, file) + "\n";
    std::ifstream in(dir / file, std::ios::binary);
    ASSERT_TRUE(in) << file << " is missing: run scripts/regenerate-corpus.sh";
    const std::string shipped((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_EQ(shipped, write_case(c.kase)) << file << " is stale: run scripts/regenerate-corpus.sh";
  }
  const std::string shipped_manifest((std::istreambuf_iterator<char>(manifest)), std::istreambuf_iterator<char>());
  EXPECT_EQ(shipped_manifest, expected_manifest) << "manifest.jsonl is stale: run scripts/regenerate-corpus.sh";
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) files += entry.path().extension() == ".json";
  EXPECT_EQ(files, suite().cases.size()) << "corpus/hss has case files the generator no longer makes";
}

}  // namespace
}  // namespace reqprobe::gen
