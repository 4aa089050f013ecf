// The generator on documents other than HSS: the OAI example documents and small documents written for it. Each
// gets cases for every operation and no defect; every constraint of the plan has cases on both sides or says why
// not; recursive schemas and a top-level array body work; operation selection and the supporting units
// (decimals, patterns, formats) behave.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "decimal_text.h"
#include "format_samples.h"
#include "generator.h"
#include "operation_selection.h"
#include "pattern_sample.h"
#include "reqprobe/case_file.h"
#include "reqprobe/validator.h"

namespace reqprobe::gen {
namespace {

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::shared_ptr<const Contract> load(const std::string& relative) {
  const std::filesystem::path path = std::filesystem::path(REQPROBE_SOURCE_DIR) / relative;
  LoadOptions options;
  options.name = path.string();
  LoadResult loaded = load_contract(read(path), options);
  EXPECT_TRUE(loaded.ok()) << relative << ": " << (loaded.errors.empty() ? "" : loaded.errors.front().describe());
  return loaded.contract;
}

struct Generated {
  std::shared_ptr<const Contract> contract;
  Suite suite;
};

const Generated& generated(const std::string& relative) {
  static std::map<std::string, Generated> cache;
  auto found = cache.find(relative);
  if (found == cache.end()) {
    Generated g;
    g.contract = load(relative);
    if (g.contract) g.suite = generate_suite(g.contract, GenerateOptions{});
    found = cache.emplace(relative, std::move(g)).first;
  }
  return found->second;
}

const char* const kDocuments[] = {
    "tests/data/openapi/oai-examples/api-with-examples.yaml",
    "tests/data/openapi/oai-examples/callback-example.yaml",
    "tests/data/openapi/oai-examples/link-example.yaml",
    "tests/data/openapi/oai-examples/petstore-expanded.yaml",
    "tests/data/openapi/oai-examples/petstore.yaml",
    "tests/data/openapi/oai-examples/uspto.yaml",
    "tests/data/openapi/generator/keywords.yaml",
    "tests/data/openapi/generator/recursive.yaml",
};

class AnyDocument : public ::testing::TestWithParam<const char*> {};

TEST_P(AnyDocument, no_defects_and_cases_for_every_operation) {
  const Generated& g = generated(GetParam());
  ASSERT_TRUE(g.contract);
  EXPECT_THAT(g.suite.defects, ::testing::IsEmpty());
  std::set<std::uint32_t> operations;
  std::size_t valid = 0;
  for (const GeneratedCase& c : g.suite.cases) {
    operations.insert(c.operation_index);
    valid += c.kase.expect.verdict == "valid";
    if (g.contract->plan().operations.size() > 1) {
      EXPECT_FALSE(c.operation.empty()) << c.kase.id;
      EXPECT_EQ(c.kase.id.rfind(c.operation + ".", 0), 0u) << c.kase.id;
    }
  }
  EXPECT_EQ(operations.size(), g.contract->plan().operations.size());
  EXPECT_GT(valid, 0u);
  EXPECT_GT(g.suite.cases.size(), valid);
  std::cout << GetParam() << ": " << g.suite.cases.size() << " cases (" << valid << " valid), "
            << g.suite.skipped.size() << " not generated\n";
}

TEST_P(AnyDocument, expectations_are_what_the_validator_reports) {
  const Generated& g = generated(GetParam());
  ASSERT_TRUE(g.contract);
  Validator validator(g.contract);
  for (const GeneratedCase& c : g.suite.cases) {
    const CaseParseResult parsed = parse_case(write_case(c.kase));
    ASSERT_TRUE(parsed.ok()) << c.kase.id;
    const CaseRequest request(*parsed.kase);
    EXPECT_TRUE(compare_expectation(parsed.kase->expect, validator.validate(request.request())).met()) << c.kase.id;
  }
}

// Every constraint of the plan has a case on each side, or the suite says why one side could not be built.
TEST_P(AnyDocument, every_constraint_has_both_sides_or_a_reason) {
  const Generated& g = generated(GetParam());
  ASSERT_TRUE(g.contract);
  std::map<std::string, std::pair<int, int>> hits;
  for (const GeneratedCase& c : g.suite.cases)
    for (const std::string& constraint : c.constraints)
      (c.has_target ? hits[constraint].second : hits[constraint].first)++;
  auto explained = [&](const std::string& constraint) {
    return std::any_of(g.suite.skipped.begin(), g.suite.skipped.end(),
                       [&](const std::string& s) { return s.rfind(constraint, 0) == 0; });
  };
  for (const std::string& constraint : contract_constraints(g.contract->plan())) {
    const auto [satisfied, broken] = hits[constraint];
    EXPECT_TRUE(satisfied > 0 || explained(constraint)) << constraint << ": no case on its satisfied side";
    EXPECT_TRUE(broken > 0 || explained(constraint)) << constraint << ": no case on its broken side";
  }
}

INSTANTIATE_TEST_SUITE_P(Documents, AnyDocument, ::testing::ValuesIn(kDocuments));

// The keywords document: each keyword probed on both sides, not merely explained away.
TEST(AnyDocumentKeywords, new_keywords_have_both_sides) {
  const Generated& g = generated("tests/data/openapi/generator/keywords.yaml");
  std::map<std::string, std::pair<int, int>> hits;
  for (const GeneratedCase& c : g.suite.cases)
    for (const std::string& constraint : c.constraints)
      (c.has_target ? hits[constraint].second : hits[constraint].first)++;
  const char* const kBoth[] = {
      "createThing:body:/code:pattern",
      "createThing:body:/price:exclusive_minimum",
      "createThing:body:/price:multiple_of",
      "createThing:body:/price:maximum",
      "createThing:body:/ratio:exclusive_maximum",
      "createThing:body:/when:format",
      "createThing:body:/day:format",
      "createThing:body:/email:format",
      "createThing:body:/ip4:format",
      "createThing:body:/ip6:format",
      "createThing:body:/id:format",
      "createThing:body:/version:const",
      "createThing:body:/mode:enum",
      "createThing:body:/tags:unique_items",
      "createThing:body:/labels:min_properties",
      "createThing:body:/labels:max_properties",
      "createThing:body:/labels:property_names",
      "createThing:body:/meta:pattern_properties",
      "createThing:body:/meta:unknown",
      "createThing:body:/pet:discriminator",
      "createThing:body:/pet:one_of",
      "createThing:body:/choice:one_of",
      "createThing:body:/either:any_of",
      "createThing:body:/notNull:not",
      "createThing:body:/billing:dependent_required",
      "createThing:body:/bag:min_contains",
      "createThing:body::required",
      "createThing:path:id:pattern",
      "createThing:header:x-trace:format",
      "createThing:query:limit:minimum",
      "createThing:security:key:required",
      "listThings:query:sort:enum",
      "listThings:query:sort:required",
      "listThings:cookie:theme:required",
      "listThings:security:bearer:required",
      "deleteThing:security:basic:required",
      "batch:body::min_items",
      "batch:body::max_items",
      "setScore:body::multiple_of",
      "setScore:body::maximum",
  };
  for (const char* constraint : kBoth) {
    EXPECT_GT(hits[constraint].first, 0) << constraint << " satisfied side";
    EXPECT_GT(hits[constraint].second, 0) << constraint << " broken side";
  }
  // Both sides of nullable (type-array null) and a readOnly member sent (a warning).
  std::set<std::string> ids;
  for (const GeneratedCase& c : g.suite.cases) ids.insert(c.kase.id);
  for (const char* id :
       {"createThing.body.note.null", "createThing.body.note.type.integer", "createThing.body.root.read_only.serial",
        "listThings.query.ids.valid", "listThings.query.names.valid", "listThings.query.words.valid",
        "listThings.query.where.valid", "deleteThing.path.color.valid", "deleteThing.path.point.valid",
        "submitForm.media.application.x-www-form-urlencoded.valid", "upload.media.multipart.form-data.valid",
        "upload.media.multipart.form-data.missing.title", "batch.body.root.valid",
        "setScore.body.root.multiple_of.off"})
    EXPECT_TRUE(ids.count(id)) << "missing case " << id;
}

TEST(AnyDocumentRecursion, recursive_schemas_and_array_bodies_stay_bounded) {
  const Generated& g = generated("tests/data/openapi/generator/recursive.yaml");
  ASSERT_TRUE(g.contract);
  EXPECT_THAT(g.suite.defects, ::testing::IsEmpty());
  std::size_t deepest = 0;
  for (const GeneratedCase& c : g.suite.cases) {
    if (!c.kase.body) continue;
    std::size_t depth = 0, max = 0;
    for (const char ch : *c.kase.body) {
      if (ch == '{' || ch == '[') max = std::max(max, ++depth);
      if (ch == '}' || ch == ']') --depth;
    }
    if (c.category != "limit") deepest = std::max(deepest, max);
  }
  EXPECT_GT(deepest, 3u);
  EXPECT_LT(deepest, 40u);
}

Suite generate_text(const std::string& document) {
  LoadOptions options;
  options.name = "/inline/openapi.yaml";
  const LoadResult loaded = load_contract(document, options);
  EXPECT_TRUE(loaded.ok()) << (loaded.errors.empty() ? "" : loaded.errors.front().describe());
  return loaded.ok() ? generate_suite(loaded.contract, {.seed = 1, .limits = Limits{}}) : Suite{};
}

// Found by suite_fuzzer: cases a document can only half support are skipped with a reason, never shipped wrong.
TEST(AnyDocumentFuzzFindings, generator_gaps_are_skipped_with_a_reason) {
  const std::string head = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n";
  // A required member whose pattern no string matches: no valid base request, so no case for the operation.
  const Suite unbuildable = generate_text(head + R"(  /a:
    post:
      operationId: never
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object, required: [code], properties: {code: {type: string, pattern: '^a$b'}}}
      responses: {'200': {description: ok}}
)");
  EXPECT_THAT(unbuildable.defects, ::testing::IsEmpty());
  EXPECT_THAT(unbuildable.cases, ::testing::IsEmpty());
  EXPECT_THAT(unbuildable.skipped, ::testing::Contains(::testing::HasSubstr("no valid request could be built")));
  // A parameter that is a piece of a path segment: its encoding cases change the request and are refused.
  const Suite piece = generate_text(head + R"(  /files/{name}.json:
    get:
      operationId: getFile
      parameters: [{name: name, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok}}
)");
  EXPECT_THAT(piece.defects, ::testing::IsEmpty());
  bool seen = false;
  for (const GeneratedCase& c : piece.cases) {
    if (c.kase.id != "path.name.bad_percent") continue;
    seen = true;
    EXPECT_THAT(c.kase.target, ::testing::HasSubstr("%zz.json"));
    EXPECT_EQ(c.kase.expect.verdict, "invalid");
  }
  EXPECT_TRUE(seen);
}

// Under small safety limits (a fuzzing build's, or a caller's) a recursive schema's complete value passes a limit:
// such cases are skipped with the reason, and the depth bomb still fits in the body limit.
TEST(AnyDocumentFuzzFindings, small_limits_give_skips_not_defects) {
  const std::shared_ptr<const Contract> contract = load("tests/data/openapi/generator/recursive.yaml");
  ASSERT_TRUE(contract);
  Limits limits;
  limits.max_depth = 8;
  limits.max_body_bytes = 4096;
  const Suite suite = generate_suite(contract, {.seed = 1, .limits = limits});
  EXPECT_THAT(suite.defects, ::testing::IsEmpty());
  EXPECT_THAT(suite.skipped, ::testing::Contains(::testing::HasSubstr("passes a safety limit")));
  bool bomb = false;
  for (const GeneratedCase& c : suite.cases) {
    if (c.kase.id.find("limit.depth.bomb") == std::string::npos) continue;
    bomb = true;
    ASSERT_TRUE(c.kase.body);
    EXPECT_LE(c.kase.body->size(), limits.max_body_bytes);
  }
  EXPECT_TRUE(bomb);
}

// Suite::unconfirmed lists the candidates built to break a constraint that the validator accepted outright: here an
// empty API key (the document's apiKey scheme takes any value, the empty one included). Each entry is meant invalid,
// has a target, and carries the valid verdict; none is among the cases.
TEST(AnyDocumentFuzzFindings, unconfirmed_candidates_are_listed) {
  const Generated& g = generated("fuzz/documents/parameters.yaml");
  ASSERT_TRUE(g.contract);
  EXPECT_THAT(g.suite.defects, ::testing::IsEmpty());
  bool empty_key = false;
  for (const GeneratedCase& c : g.suite.unconfirmed) {
    EXPECT_FALSE(c.meant_valid);
    EXPECT_TRUE(c.has_target);
    EXPECT_EQ(c.kase.expect.verdict, "valid");
    for (const GeneratedCase& kept : g.suite.cases) EXPECT_NE(kept.kase.id, c.kase.id);
    empty_key = empty_key || c.kase.id == "getItem.security.key.empty";
  }
  EXPECT_TRUE(empty_key);
}

TEST(AnyDocumentSelection, selection_picks_operations_and_keeps_their_cases) {
  const Generated& all = generated("tests/data/openapi/oai-examples/petstore-expanded.yaml");
  const Plan& plan = all.contract->plan();
  Selection by_method;
  by_method.methods = {"get"};
  EXPECT_EQ(select_operations(plan, by_method).size(), 2u);
  Selection by_path;
  by_path.paths = {"/pets/*"};
  by_path.exclude_methods = {"DELETE"};
  ASSERT_EQ(select_operations(plan, by_path).size(), 1u);
  Selection by_id;
  by_id.operations = {"addPet"};
  const std::vector<std::uint32_t> chosen = select_operations(plan, by_id);
  ASSERT_EQ(chosen.size(), 1u);
  GenerateOptions options;
  options.operations = chosen;
  const Suite one = generate_suite(all.contract, options);
  std::vector<std::string> expected;
  for (const GeneratedCase& c : all.suite.cases)
    if (c.operation == "addPet") expected.push_back(write_case(c.kase));
  std::vector<std::string> got;
  for (const GeneratedCase& c : one.cases) got.push_back(write_case(c.kase));
  EXPECT_EQ(got, expected);
  EXPECT_TRUE(glob_match("/pets/**", "/pets/a/b"));
  EXPECT_FALSE(glob_match("/pets/*", "/pets/a/b"));
  EXPECT_EQ(operation_name(plan.operations[2]), "find_pet_by_id");
}

TEST(AnyDocumentUnits, decimals_are_exact) {
  const Decimal step = *Decimal::parse("0.01");
  EXPECT_EQ(multiply(step, Decimal::of(1999)).lexeme(), "19.99");
  EXPECT_EQ(add(*Decimal::parse("0.1"), *Decimal::parse("0.2")).lexeme(), "0.3");
  EXPECT_EQ(next_multiple(*Decimal::parse("0.005"), step, false)->lexeme(), "0.01");
  EXPECT_EQ(next_multiple(*Decimal::parse("0.01"), step, true)->lexeme(), "0.02");
  EXPECT_EQ(previous_multiple(*Decimal::parse("-0.005"), step, false)->lexeme(), "-0.01");
  EXPECT_EQ(half(*Decimal::parse("1e400")).lexeme(), "5e399");
  EXPECT_LT(compare(*Decimal::parse("1e-400"), *Decimal::parse("0.1")), 0);
}

TEST(AnyDocumentUnits, patterns_give_matching_samples_or_say_why) {
  std::string why;
  EXPECT_THAT(pattern_sample("^[A-Z]{2}-[0-9]{3}$", 1, 0, why).value_or("?"),
              ::testing::MatchesRegex("[A-Z]{2}-[0-9]{3}"));
  EXPECT_EQ(pattern_sample("^(ab|cd)+x?$", 0, 1, why).value_or("?"), "cd");
  EXPECT_FALSE(pattern_sample("\\p{L}+", 1, 0, why).has_value());
  EXPECT_THAT(why, ::testing::HasSubstr("Unicode property"));
  EXPECT_FALSE(format_samples(Format::uuid).empty());
  EXPECT_FALSE(format_near_misses(Format::date_time).empty());
}

}  // namespace
}  // namespace reqprobe::gen
