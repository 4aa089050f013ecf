// `reqprobe fuzz` (issue: fuzz campaign): the pure parts table-driven (bucket keys, pointer normalisation, the
// bucket store, shrink candidates, request and body mutation) and the campaign end to end against the in-process
// mock over loopback: a faithful mock gives no bucket, a defect gives its bucket with a minimised reproducer that
// replay can send again, and --resume carries the buckets and the request count on. Bounded by request counts,
// never by time.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "body_mutator.h"
#include "fuzz_buckets.h"
#include "fuzz_campaign.h"
#include "fuzz_output.h"
#include "fuzz_shrink.h"
#include "generator.h"
#include "mock_defects.h"
#include "mock_responder.h"
#include "mock_server.h"
#include "request_mutator.h"

namespace reqprobe::replay {
namespace {

const std::shared_ptr<const Contract>& hss() {
  static const std::shared_ptr<const Contract> contract = load_embedded_contract().contract;
  return contract;
}

const std::vector<Case>& hss_suite() {
  static const std::vector<Case> cases = [] {
    std::vector<Case> out;
    for (gen::GeneratedCase& generated : gen::generate_suite(hss(), {}).cases) out.push_back(std::move(generated.kase));
    return out;
  }();
  return cases;
}

Violation violation(Code code, Location location, std::string pointer, Severity severity = Severity::error) {
  Violation v;
  v.code = code;
  v.location = location;
  v.severity = severity;
  v.pointer = std::move(pointer);
  return v;
}

Case make_case(std::string method, std::string target, std::vector<std::pair<std::string, std::string>> headers = {},
               std::optional<std::string> body = std::nullopt) {
  Case c;
  c.id = "t";
  c.method = std::move(method);
  c.target = std::move(target);
  c.headers = std::move(headers);
  c.body = std::move(body);
  return c;
}

// What a request is (id, description and expectation aside): two mutants are the same when these are.
auto request_of(const Case& c) {
  return std::tie(c.method, c.target, c.headers, c.body);
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// ---- normalised_pointer -------------------------------------------------------------------------------------

struct PointerRow {
  const char* in = "";
  const char* out = "";
};

TEST(FuzzBuckets, NormalisedPointer) {
  const PointerRow rows[] = {
      {"/a/0/b", "/a/*/b"},
      {"/0", "/*"},
      {"", ""},
      {"/a1/2x", "/a1/2x"},
      {"/items/10/20", "/items/*/*"},
      {"/image_info/3/image_name", "/image_info/*/image_name"},
      {"/", "/"},
      {"//0", "//*"},
      {"/a/", "/a/"},
      {"/-1", "/-1"},
      {"/0a", "/0a"},
      {"limit", "limit"},  // a query parameter's name is no pointer: kept
      {"x-auth-token", "x-auth-token"},
  };
  for (const PointerRow& row : rows) EXPECT_EQ(normalised_pointer(row.in), row.out) << "'" << row.in << "'";
}

// ---- expected_side and finding_key ----------------------------------------------------------------------------

struct SideRow {
  const char* name = "";
  bool valid = false;
  std::vector<Violation> violations = {};
  const char* side = "";
  std::optional<Violation> deciding = std::nullopt;  ///< ExpectedResponse::deciding, when the answer has one
};

TEST(FuzzBuckets, ExpectedSide) {
  const SideRow rows[] = {
      {"valid", true, {}, "valid"},
      {"valid wins over stray violations", true, {violation(Code::maximum, Location::body, "/rate_limit")}, "valid"},
      {"the first error decides",
       false,
       {violation(Code::type, Location::body, "/is_all"), violation(Code::minimum, Location::body, "/rate_limit")},
       "type body /is_all"},
      {"warnings are skipped",
       false,
       {violation(Code::unknown, Location::body, "/x", Severity::warning),
        violation(Code::maximum, Location::body, "/image_info/3/rate")},
       "maximum body /image_info/*/rate"},
      {"unknown member: the name becomes ?",
       false,
       {violation(Code::unknown, Location::body, "/query_info/zzz")},
       "unknown body /query_info/?"},
      {"unknown member in an item",
       false,
       {violation(Code::unknown, Location::body, "/image_info/2/zzz")},
       "unknown body /image_info/*/?"},
      {"unknown top-level member", false, {violation(Code::unknown, Location::body, "/zzz")}, "unknown body /?"},
      {"unknown query parameter", false, {violation(Code::unknown, Location::query, "zzz")}, "unknown query ?"},
      {"required header",
       false,
       {violation(Code::required, Location::header, "x-auth-token")},
       "required header x-auth-token"},
      {"enum is named enum",
       false,
       {violation(Code::enum_value, Location::body, "/image_info/0/registry_type")},
       "enum body /image_info/*/registry_type"},
      {"request-level", false, {violation(Code::method, Location::request, "")}, "method request "},
      {"only warnings", false, {violation(Code::unknown, Location::body, "/x", Severity::warning)}, "invalid"},
      {"no violations", false, {}, "invalid"},
      // Where parsing stopped or a limit was passed is no field: no pointer.
      {"syntax", false, {violation(Code::syntax, Location::body, "/image_info/0")}, "syntax body "},
      {"limit", false, {violation(Code::limit, Location::body, "/a/b/c")}, "limit body "},
      // The violation that chose the expected answer decides, before the first error.
      {"the deciding violation",
       false,
       {violation(Code::maximum, Location::body, "/rate_limit")},
       "required header x-auth-token",
       violation(Code::required, Location::header, "x-auth-token")},
      {"a deciding syntax error",
       false,
       {violation(Code::maximum, Location::body, "/rate_limit"), violation(Code::syntax, Location::body, "/x")},
       "syntax body ",
       violation(Code::syntax, Location::body, "/x")},
      {"a deciding unknown member",
       false,
       {violation(Code::type, Location::body, "/is_all")},
       "unknown body /image_info/*/?",
       violation(Code::unknown, Location::body, "/image_info/4/zz")},
      {"a deciding warning does not decide",
       false,
       {violation(Code::type, Location::body, "/is_all")},
       "type body /is_all",
       violation(Code::unknown, Location::body, "/zz", Severity::warning)},
      {"valid, whatever decided", true, {}, "valid", violation(Code::type, Location::body, "/is_all")},
  };
  for (const SideRow& row : rows) {
    PreparedCase kase;
    kase.operation = "CreateManualImageScanTask";
    kase.expected_valid = row.valid;
    kase.violations = row.violations;
    if (row.deciding) {
      kase.expected.deciding = *row.deciding;
      kase.expected.has_deciding = true;
    }
    EXPECT_EQ(expected_side(kase), row.side) << row.name;
  }
}

struct KeyRow {
  const char* operation = "";
  bool valid = false;
  std::vector<Violation> violations = {};
  Outcome outcome = Outcome::ok;
  int status = 0;
  const char* error_code = "";
  const char* key = "";
};

TEST(FuzzBuckets, FindingKey) {
  const KeyRow rows[] = {
      {"CreateManualImageScanTask",
       false,
       {violation(Code::maximum, Location::body, "/rate_limit")},
       Outcome::accepted_invalid,
       200,
       "",
       "CreateManualImageScanTask accepted-invalid maximum body /rate_limit 200"},
      {"CreateManualImageScanTask",
       true,
       {},
       Outcome::rejected_valid,
       400,
       "HSS.0001",
       "CreateManualImageScanTask rejected-valid valid 400 HSS.0001"},
      {"",
       false,
       {violation(Code::path, Location::request, "")},
       Outcome::server_error,
       500,
       "",
       "(none) server-error path request  500"},
      {"addPet",
       false,
       {violation(Code::unknown, Location::body, "/tags/7/zzz")},
       Outcome::wrong_status,
       422,
       "E42",
       "addPet wrong-status unknown body /tags/*/? 422 E42"},
      {"findPets",
       false,
       {violation(Code::type, Location::query, "limit")},
       Outcome::timeout,
       0,
       "",
       "findPets timeout"},
  };
  for (const KeyRow& row : rows) {
    PreparedCase kase;
    kase.operation = row.operation;
    kase.expected_valid = row.valid;
    kase.violations = row.violations;
    CaseResult result;
    result.outcome = row.outcome;
    result.status = row.status;
    result.error_code = row.error_code;
    EXPECT_EQ(finding_key(kase, result), row.key);
  }
}

struct AnswerRow {
  const char* name = "";
  Exchange::Transport transport = Exchange::Transport::answered;
  int status = 0;
  const char* content_type = "";
  const char* body = "";
  double total_ms = 0;
  const char* error_code = "";
  const char* key = "";
};

TEST(FuzzBuckets, AnswerKey) {
  const AnswerRow rows[] = {
      {"an error body", Exchange::Transport::answered, 400, "application/json; charset=utf-8",
       R"({"error_code":"HSS.0001","error_msg":"x"})", 0.5, "HSS.0001",
       "op 400 HSS.0001 application/json error_code error_msg t0"},
      {"1 ms is band 1", Exchange::Transport::answered, 200, "application/json", "{}", 1, "",
       "op 200  application/json t1"},
      {"3 ms is band 2", Exchange::Transport::answered, 200, "application/json", "{}", 3, "",
       "op 200  application/json t2"},
      {"not JSON", Exchange::Transport::answered, 200, "text/plain", "hello", 0, "", "op 200  text/plain t0"},
      {"an array", Exchange::Transport::answered, 200, "application/json", "[1]", 0, "",
       "op 200  application/json json:4 t0"},
      {"no body", Exchange::Transport::answered, 204, "", "", 0, "", "op 204   t0"},
      {"timeout", Exchange::Transport::timeout, 0, "", "", 0, "", "op no-answer"},
      {"refused", Exchange::Transport::failed, 0, "", "", 0, "", "op no-answer"},
  };
  for (const AnswerRow& row : rows) {
    PreparedCase kase;
    kase.operation = "op";
    Exchange exchange;
    exchange.transport = row.transport;
    exchange.status = row.status;
    exchange.content_type = row.content_type;
    exchange.body = row.body;
    exchange.total_ms = row.total_ms;
    EXPECT_EQ(answer_key(kase, exchange, row.error_code), row.key) << row.name;
  }
}

// ---- case_size and BucketStore ----------------------------------------------------------------------------------

TEST(FuzzBuckets, CaseSizeCountsMethodTargetHeadersAndBody) {
  EXPECT_EQ(case_size(make_case("POST", "/a?b=1", {{"X-A", "1"}}, "{}")), 4u + 6u + (3u + 1u + 4u) + 2u);
  EXPECT_EQ(case_size(make_case("GET", "/")), 4u);
  EXPECT_EQ(case_size(make_case("GET", "/", {}, "")), 4u);  // an empty body weighs what no body does
  EXPECT_EQ(case_size(make_case("", "")), 0u);
  EXPECT_EQ(case_size(make_case("GET", "/", {{"", ""}, {"", ""}})), 4u + 8u);
}

TEST(FuzzBuckets, BucketStoreKeepsTheSmallestReproducer) {
  BucketStore store;
  const Case big = make_case("POST", "/a/long", {}, "0123456789");
  const Case bigger = make_case("POST", "/a/longer", {}, "0123456789");
  const Case small = make_case("POST", "/a");
  const Case same_size = make_case("POST", "/b");
  CaseResult r1, r3;
  r1.id = "r1";
  r3.id = "r3";

  EXPECT_TRUE(store.add("k1", 5, big, "e1", r1));
  ASSERT_EQ(store.buckets().size(), 1u);
  EXPECT_EQ(store.buckets()[0].key, "k1");
  EXPECT_EQ(store.buckets()[0].hits, 1u);
  EXPECT_EQ(store.buckets()[0].first_seen, 5u);
  EXPECT_FALSE(store.buckets()[0].minimised);

  EXPECT_FALSE(store.add("k1", 9, bigger, "e2", r1));  // a bigger one is counted, not kept
  EXPECT_EQ(store.buckets()[0].hits, 2u);
  EXPECT_EQ(store.buckets()[0].kase.target, "/a/long");
  EXPECT_EQ(store.buckets()[0].edits, "e1");

  EXPECT_FALSE(store.add("k1", 11, small, "e3", r3));  // a smaller one replaces it
  EXPECT_EQ(store.buckets()[0].hits, 3u);
  EXPECT_EQ(store.buckets()[0].kase.target, "/a");
  EXPECT_FALSE(store.buckets()[0].kase.body.has_value());
  EXPECT_EQ(store.buckets()[0].edits, "e3");
  EXPECT_EQ(store.buckets()[0].result.id, "r3");
  EXPECT_EQ(store.buckets()[0].first_seen, 5u);

  EXPECT_FALSE(store.add("k1", 12, same_size, "e4", r1));  // as small is not smaller
  EXPECT_EQ(store.buckets()[0].hits, 4u);
  EXPECT_EQ(store.buckets()[0].kase.target, "/a");
  EXPECT_EQ(store.buckets()[0].edits, "e3");

  EXPECT_TRUE(store.add("k2", 20, big, "e5", r1));
  ASSERT_EQ(store.buckets().size(), 2u);
  EXPECT_EQ(store.buckets()[1].key, "k2");
  EXPECT_EQ(store.buckets()[1].first_seen, 20u);

  // restore: an existing key is not duplicated nor changed; a new one is appended as it is.
  Bucket again;
  again.key = "k1";
  again.hits = 99;
  store.restore(again);
  ASSERT_EQ(store.buckets().size(), 2u);
  EXPECT_EQ(store.buckets()[0].hits, 4u);

  Bucket restored;
  restored.key = "k3";
  restored.hits = 7;
  restored.first_seen = 3;
  restored.kase = big;
  restored.edits = "old";
  restored.minimised = true;
  store.restore(restored);
  ASSERT_EQ(store.buckets().size(), 3u);
  EXPECT_EQ(store.buckets()[2].key, "k3");
  EXPECT_EQ(store.buckets()[2].hits, 7u);
  EXPECT_EQ(store.buckets()[2].first_seen, 3u);
  EXPECT_TRUE(store.buckets()[2].minimised);
  EXPECT_EQ(store.buckets()[2].edits, "old");

  EXPECT_FALSE(store.add("k3", 30, small, "e6", r1));  // a restored bucket takes hits and smaller cases
  EXPECT_EQ(store.buckets()[2].hits, 8u);
  EXPECT_EQ(store.buckets()[2].kase.target, "/a");

  EXPECT_EQ(store.find("nope"), nullptr);
  ASSERT_NE(store.find("k2"), nullptr);
  EXPECT_EQ(store.find("k2")->key, "k2");
  std::vector<std::string> order;
  for (const Bucket& b : store.buckets()) order.push_back(b.key);
  EXPECT_EQ(order, (std::vector<std::string>{"k1", "k2", "k3"}));
}

// ---- shrink_candidates ------------------------------------------------------------------------------------------

void expect_smaller_and_sorted(const Case& original, const std::vector<Case>& candidates) {
  EXPECT_LE(candidates.size(), 64u);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    EXPECT_LT(case_size(candidates[i]), case_size(original)) << "candidate " << i;
    if (i > 0) {
      EXPECT_LE(case_size(candidates[i - 1]), case_size(candidates[i])) << "candidate " << i;
    }
  }
}

// The member names of a JSON object body; nullopt when it is not one.
std::optional<std::multiset<std::string>> member_names(const std::optional<std::string>& body) {
  if (!body) return std::nullopt;
  rapidjson::Document doc;
  if (doc.Parse(body->data(), body->size()).HasParseError() || !doc.IsObject()) return std::nullopt;
  std::multiset<std::string> names;
  for (auto m = doc.MemberBegin(); m < doc.MemberEnd(); ++m)  // (C++20: no == on these iterators)
    names.insert(std::string(m->name.GetString(), m->name.GetStringLength()));
  return names;
}

// A JSON value written with each object's members sorted by name: equal for equal values, member order aside.
std::string canonical(const rapidjson::Value& v) {
  if (v.IsObject()) {
    std::map<std::string, std::string> members;
    for (auto m = v.MemberBegin(); m < v.MemberEnd(); ++m)
      members[std::string(m->name.GetString(), m->name.GetStringLength())] = canonical(m->value);
    std::string out = "{";
    for (const auto& [name, value] : members) out += (out.size() > 1 ? "," : "") + ("\"" + name + "\":") + value;
    return out + "}";
  }
  if (v.IsArray()) {
    std::string out = "[";
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i) out += (i ? "," : "") + canonical(v[i]);
    return out + "]";
  }
  if (v.IsString()) return "\"" + std::string(v.GetString(), v.GetStringLength()) + "\"";
  if (v.IsBool()) return v.GetBool() ? "true" : "false";
  if (v.IsNull()) return "null";
  if (v.IsInt64()) return std::to_string(v.GetInt64());
  return std::to_string(v.GetDouble());
}

std::optional<std::string> canonical(const std::string& text) {
  rapidjson::Document doc;
  if (doc.Parse(text.data(), text.size()).HasParseError()) return std::nullopt;
  return canonical(static_cast<const rapidjson::Value&>(doc));
}

TEST(FuzzShrink, DropsEachHeaderQueryPairAndMember) {
  const std::string body = R"({"a":1,"bb":"0123456789abcdef","c":[1,2],"dd":{"e":true}})";
  const Case original = make_case("POST", "/p?x=1&yy=2&z=3", {{"A", "1"}, {"Bb", "22"}, {"C", "333"}}, body);
  const std::vector<Case> candidates = shrink_candidates(original);
  expect_smaller_and_sorted(original, candidates);

  for (std::size_t drop = 0; drop < original.headers.size(); ++drop) {
    auto headers = original.headers;
    headers.erase(headers.begin() + static_cast<std::ptrdiff_t>(drop));
    const bool found = std::any_of(candidates.begin(), candidates.end(), [&](const Case& c) {
      return c.headers == headers && c.target == original.target && c.body == original.body &&
             c.method == original.method;
    });
    EXPECT_TRUE(found) << "no candidate without header " << original.headers[drop].first;
  }
  for (const char* target : {"/p?yy=2&z=3", "/p?x=1&z=3", "/p?x=1&yy=2"}) {
    const bool found = std::any_of(candidates.begin(), candidates.end(), [&](const Case& c) {
      return c.target == target && c.headers == original.headers && c.body == original.body;
    });
    EXPECT_TRUE(found) << "no candidate with target " << target;
  }
  EXPECT_TRUE(std::any_of(candidates.begin(), candidates.end(), [&](const Case& c) {
    return !c.body && c.headers == original.headers && c.target == original.target;
  })) << "no candidate without the body";

  const std::multiset<std::string> all = {"a", "bb", "c", "dd"};
  for (const std::string& member : all) {
    std::multiset<std::string> rest = all;
    rest.erase(member);
    const bool found = std::any_of(candidates.begin(), candidates.end(), [&](const Case& c) {
      return c.target == original.target && c.headers == original.headers && member_names(c.body) == rest;
    });
    EXPECT_TRUE(found) << "no candidate without member " << member;
  }
  // A long string halved, an array's last item dropped (the others as they were).
  const auto has_body = [&](const std::string& wanted) {
    return std::any_of(candidates.begin(), candidates.end(), [&](const Case& c) {
      if (!c.body || c.target != original.target || c.headers != original.headers) return false;
      const std::optional<std::string> got = canonical(*c.body);
      return got && got == canonical(wanted);  // member order aside
    });
  };
  EXPECT_TRUE(has_body(R"({"a":1,"bb":"01234567","c":[1,2],"dd":{"e":true}})"));
  EXPECT_TRUE(has_body(R"({"a":1,"bb":"0123456789abcdef","c":[1],"dd":{"e":true}})"));
  EXPECT_TRUE(has_body(R"({"a":1,"bb":"0123456789abcdef","c":[1,2],"dd":{}})"));
}

TEST(FuzzShrink, AJsonBodyIsWrittenPlainly) {
  const Case original = make_case("POST", "/p", {}, "{ \"a\" : 1 ,\n \"b\" : \"\\u0041\" }");
  const std::vector<Case> candidates = shrink_candidates(original);
  expect_smaller_and_sorted(original, candidates);
  std::vector<std::optional<std::string>> bodies;
  for (const Case& c : candidates) bodies.push_back(c.body);
  // Smallest first: no body, each member dropped, then the same JSON without spaces and escapes.
  const std::vector<std::optional<std::string>> expected = {std::nullopt, R"({"a":1})", R"({"b":"A"})",
                                                            R"({"a":1,"b":"A"})"};
  EXPECT_EQ(bodies, expected);
}

TEST(FuzzShrink, ABodyThatIsNotJsonIsCut) {
  const Case original = make_case("PUT", "/x", {}, "abcdefgh");
  const std::vector<Case> candidates = shrink_candidates(original);
  expect_smaller_and_sorted(original, candidates);
  std::vector<std::optional<std::string>> bodies;
  for (const Case& c : candidates) {
    EXPECT_EQ(c.method, "PUT");
    EXPECT_EQ(c.target, "/x");
    bodies.push_back(c.body);
  }
  const std::vector<std::optional<std::string>> expected = {std::nullopt, "efgh",   "abcd",  "cdefgh",
                                                            "abefgh",     "abcdgh", "abcdef"};
  EXPECT_EQ(bodies, expected);
}

TEST(FuzzShrink, NothingToDropGivesNoCandidate) {
  EXPECT_TRUE(shrink_candidates(make_case("GET", "/x")).empty());
  EXPECT_TRUE(shrink_candidates(make_case("", "")).empty());
  EXPECT_TRUE(shrink_candidates(make_case("GET", "/x", {}, "")).empty());  // no body is no smaller than ""
  const std::vector<Case> one_byte = shrink_candidates(make_case("GET", "/x", {}, "a"));  // too short to cut
  ASSERT_EQ(one_byte.size(), 1u);
  EXPECT_FALSE(one_byte[0].body.has_value());
  // An empty query is one empty pair: dropping it leaves the path.
  const std::vector<Case> question = shrink_candidates(make_case("GET", "/x?"));
  ASSERT_EQ(question.size(), 1u);
  EXPECT_EQ(question[0].target, "/x");
}

TEST(FuzzShrink, AtMost64AndTheSmallestFirst) {
  std::string body = "{";
  for (int i = 0; i < 100; ++i) body += (i ? ",\"m" : "\"m") + std::to_string(i) + "\":\"" + std::string(i, 'v') + "\"";
  body += "}";
  const Case original = make_case("POST", "/p", {}, body);
  const std::vector<Case> candidates = shrink_candidates(original);
  EXPECT_EQ(candidates.size(), 64u);
  expect_smaller_and_sorted(original, candidates);
  ASSERT_FALSE(candidates.empty());
  EXPECT_FALSE(candidates.front().body.has_value());
  // The cut keeps the smallest: dropping the longest member (m99) makes one of them.
  EXPECT_TRUE(std::any_of(candidates.begin(), candidates.end(), [](const Case& c) {
    const auto names = member_names(c.body);
    return names && names->size() == 99 && names->count("m99") == 0;
  }));
}

TEST(FuzzShrink, DeepAndHostileBodiesOnlyShrink) {
  const std::string deep = std::string(200, '[') + std::string(200, ']');
  const std::string items = "[" + std::string(5000, '1') + "]";
  for (const std::string& body : {deep, items, std::string("{\"a\":"), std::string("\xFF\xFE{}", 4),
                                  std::string("\"\\ud800\""), std::string(1, '\0')}) {
    const Case original = make_case("POST", "/p", {{"Content-Type", "application/json"}}, body);
    expect_smaller_and_sorted(original, shrink_candidates(original));
  }
}

// ---- RequestMutator and BodyMutator -------------------------------------------------------------------------

std::optional<std::uint32_t> operation_of(Validator& validator, const Case& c) {
  const std::optional<std::size_t> op = validator.route(c.method, c.target);
  if (!op) return std::nullopt;
  return static_cast<std::uint32_t>(*op);
}

constexpr std::string_view kEditPrefixes[] = {"body:", "query:", "path:", "header:", "content-type:", "method:"};

// "body:insert@12" -> "body:insert", "query:value limit" -> "query:value", "path:project_id" -> "path:",
// "method:GET" -> "method:", "content-type:text/plain" -> "content-type:".
std::string edit_kind(const std::string& edit) {
  for (const std::string_view prefix : {"path:", "method:", "content-type:"})
    if (edit.starts_with(prefix)) return std::string(prefix);
  return edit.substr(0, edit.find_first_of(" @"));
}

TEST(RequestMutator, SameSeedSameMutant) {
  Validator validator(hss());
  gen::RequestMutator mutator(hss()->plan());
  const std::vector<Case>& suite = hss_suite();
  ASSERT_FALSE(suite.empty());
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    const Case& seed_case = suite[(seed * 7) % suite.size()];
    const auto op = operation_of(validator, seed_case);
    std::vector<std::string> first_edits, second_edits;
    const Case first = mutator.mutate(seed_case, op, seed, first_edits);
    const Case second = mutator.mutate(seed_case, op, seed, second_edits);
    EXPECT_EQ(request_of(first), request_of(second)) << "seed " << seed;
    EXPECT_EQ(first_edits, second_edits) << "seed " << seed;
    EXPECT_EQ(first.id, seed_case.id);  // the id is kept, the expectation dropped
    EXPECT_FALSE(first.has_expect);
    EXPECT_TRUE(first.expect.violations.empty());
  }
}

TEST(RequestMutator, DifferentSeedsDifferentMutants) {
  Validator validator(hss());
  gen::RequestMutator mutator(hss()->plan());
  const std::vector<Case>& suite = hss_suite();
  // The richest valid case: the one with the longest body.
  const Case* seed_case = nullptr;
  for (const Case& c : suite)
    if (c.expect.verdict == "valid" && c.body && (seed_case == nullptr || c.body->size() > seed_case->body->size()))
      seed_case = &c;
  ASSERT_NE(seed_case, nullptr);
  const auto op = operation_of(validator, *seed_case);
  ASSERT_TRUE(op.has_value());
  std::set<std::tuple<std::string, std::string, std::vector<std::pair<std::string, std::string>>,
                      std::optional<std::string>>>
      distinct;
  std::size_t unchanged = 0;
  for (std::uint64_t seed = 0; seed < 100; ++seed) {
    std::vector<std::string> edits;
    const Case mutant = mutator.mutate(*seed_case, op, seed, edits);
    distinct.emplace(mutant.method, mutant.target, mutant.headers, mutant.body);
    unchanged += request_of(mutant) == request_of(*seed_case) ? 1 : 0;
  }
  EXPECT_GE(distinct.size(), 85u);  // 87 today: a few edits have few values (Content-Type, header case)
  EXPECT_LE(unchanged, 5u);
}

TEST(RequestMutator, EveryKindOfEditOccursAndIsNamed) {
  Validator validator(hss());
  gen::RequestMutator mutator(hss()->plan());
  const std::vector<Case>& suite = hss_suite();
  std::map<std::string, std::size_t> kinds;
  for (std::uint64_t seed = 0; seed < 2000; ++seed) {
    const Case& seed_case = suite[seed % suite.size()];
    std::vector<std::string> edits;
    (void)mutator.mutate(seed_case, operation_of(validator, seed_case), seed, edits);
    EXPECT_GE(edits.size(), 1u) << "seed " << seed;
    EXPECT_LE(edits.size(), 4u) << "seed " << seed;
    for (const std::string& edit : edits) {
      const bool known = std::any_of(std::begin(kEditPrefixes), std::end(kEditPrefixes),
                                     [&](std::string_view prefix) { return edit.starts_with(prefix); });
      EXPECT_TRUE(known) << "seed " << seed << ": edit '" << edit << "'";
      ++kinds[edit_kind(edit)];
    }
  }
  const char* expected[] = {"body:structure", "body:add",     "body:drop",  "body:insert",   "body:truncate",
                            "body:duplicate", "body:flip",    "query:drop", "query:repeat",  "query:no-value",
                            "query:add",      "query:value",  "path:",      "header:drop",   "header:repeat",
                            "header:case",    "header:value", "header:add", "content-type:", "method:"};
  for (const char* kind : expected) EXPECT_GT(kinds[kind], 0u) << kind << " never occurred";
  std::string seen;
  for (const auto& [kind, count] : kinds) seen += kind + "=" + std::to_string(count) + " ";
  std::cout << "edit kinds over 2000 seeds: " << seen << "\n";
}

TEST(RequestMutator, SurvivesAnEmptyCase) {
  gen::RequestMutator mutator(hss()->plan());
  const Case empty = make_case("", "");
  const Case bare = make_case("GET", "/");
  for (const std::optional<std::uint32_t> op :
       {std::optional<std::uint32_t>(), std::optional<std::uint32_t>(0), std::optional<std::uint32_t>(999)}) {
    for (std::uint64_t seed = 0; seed < 500; ++seed) {
      for (const Case* kase : {&empty, &bare}) {
        std::vector<std::string> edits;
        const Case mutant = mutator.mutate(*kase, op, seed, edits);
        EXPECT_FALSE(edits.empty());
        for (const std::string& edit : edits) {
          const bool known = std::any_of(std::begin(kEditPrefixes), std::end(kEditPrefixes),
                                         [&](std::string_view prefix) { return edit.starts_with(prefix); });
          EXPECT_TRUE(known) << "edit '" << edit << "'";
        }
        EXPECT_FALSE(mutant.has_expect);
      }
    }
  }
}

TEST(BodyMutator, DeterministicAndRefusesWhatItCannotWalk) {
  const Plan& plan = hss()->plan();
  ASSERT_FALSE(plan.operations.empty());
  const std::uint32_t node = plan.operations[0].body;
  ASSERT_NE(node, kNone);
  gen::BodyMutator mutator(plan);
  const std::string input = R"({"is_all":true,"image_info":[{"image_name":"nginx","registry_type":"SwrPrivate"}]})";
  std::string out;
  EXPECT_FALSE(mutator.mutate(1, "not json", node, out));
  EXPECT_FALSE(mutator.mutate(1, input, kNone, out));
  EXPECT_FALSE(mutator.mutate(1, std::string(100, '[') + std::string(100, ']'), node, out));
  // Seeds as the campaign draws them (RequestMutator passes its generator's output): spread over 32 bits.
  std::mt19937 seeds(1);
  std::set<std::string> distinct;
  std::size_t unchanged = 0;
  for (int i = 0; i < 200; ++i) {
    const auto seed = static_cast<unsigned>(seeds());
    std::string first, second;
    ASSERT_TRUE(mutator.mutate(seed, input, node, first)) << seed;
    ASSERT_TRUE(mutator.mutate(seed, input, node, second)) << seed;
    EXPECT_EQ(first, second) << "seed " << seed;
    distinct.insert(first);
    unchanged += first == input ? 1 : 0;
  }
  EXPECT_GE(distinct.size(), 90u);
  EXPECT_LE(unchanged, 25u);
  std::cout << "body mutations: " << distinct.size() << " distinct of 200, " << unchanged << " unchanged\n";
}

// ---- run_fuzz end to end ------------------------------------------------------------------------------------

// A directory under the working directory (the build folder under ctest), removed when the test passes.
class FuzzDir {
 public:
  explicit FuzzDir(const std::string& name)
      : path_(std::filesystem::current_path() / ("fuzz-campaign-test-" + std::to_string(::getpid()) + "-" + name)) {
    std::filesystem::remove_all(path_);
  }
  ~FuzzDir() {
    if (!::testing::Test::HasFailure()) std::filesystem::remove_all(path_);
  }
  FuzzDir(const FuzzDir&) = delete;
  FuzzDir& operator=(const FuzzDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
  [[nodiscard]] std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

class MockFixture {
 public:
  explicit MockFixture(const std::vector<std::string>& defects = {}) {
    MockDefects parsed;
    std::string error;
    EXPECT_TRUE(parse_defects(defects, parsed, error)) << error;
    server_ = std::make_unique<MockServer>(std::make_shared<const MockResponder>(hss(), parsed), MockServerOptions{});
    const int port = server_->start();
    EXPECT_GT(port, 0) << server_->error();
    url_ = "http://127.0.0.1:" + std::to_string(port);
  }
  ~MockFixture() { server_->stop(); }
  MockFixture(const MockFixture&) = delete;
  MockFixture& operator=(const MockFixture&) = delete;
  [[nodiscard]] const std::string& url() const noexcept { return url_; }
  [[nodiscard]] std::uint64_t requests() const noexcept { return server_->requests(); }

 private:
  std::unique_ptr<MockServer> server_;
  std::string url_;
};

FuzzOptions fuzz_options(const std::string& target, const std::string& out_dir, std::uint64_t max_requests) {
  FuzzOptions options;
  options.replay.target = target;
  options.max_requests = max_requests;
  options.duration_seconds = 0;
  options.seed = 7;
  options.out_dir = out_dir;
  return options;
}

std::size_t line_count(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

std::uint64_t requests_in(const std::filesystem::path& dir) {
  const std::string text = read_text(dir / "buckets.json");
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("requests") || !doc["requests"].IsUint64()) return 0;
  return doc["requests"].GetUint64();
}

TEST(RunFuzz, AFaithfulMockGivesNoBucket) {
  MockFixture mock;
  FuzzDir dir("faithful");
  constexpr std::uint64_t kRequests = 2000;
  ASSERT_LT(hss_suite().size(), kRequests);  // the suite, then mutants up to the limit
  std::ostringstream out, err;
  const std::atomic<bool> stop{false};
  const FuzzRun run = run_fuzz(hss(), hss_suite(), fuzz_options(mock.url(), dir.str(), kRequests), out, err, stop);
  EXPECT_EQ(run.exit_code, 0) << out.str() << err.str();
  std::string keys;
  for (const Bucket& b : run.buckets) keys += b.key + " | " + b.edits + "\n";
  EXPECT_TRUE(run.buckets.empty()) << keys;
  EXPECT_EQ(run.sent, kRequests);  // no bucket, so no shrink step past the limit
  EXPECT_EQ(run.mutants, kRequests - hss_suite().size());
  EXPECT_EQ(mock.requests(), kRequests);
  EXPECT_LE(run.valid_sent, run.sent);
  EXPECT_GT(run.valid_sent, 0u);
  EXPECT_GE(run.seeds, hss_suite().size());
  EXPECT_GT(run.answer_buckets, 0u);
  EXPECT_FALSE(run.interrupted);
  EXPECT_FALSE(run.endpoint_dead);
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "buckets.json"));
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "junit.xml"));
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "report.sarif"));
  ASSERT_TRUE(std::filesystem::exists(dir.path() / "report.jsonl"));
  EXPECT_EQ(std::filesystem::file_size(dir.path() / "report.jsonl"), 0u);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "bucket-001.json"));
  EXPECT_EQ(requests_in(dir.path()), kRequests);
  EXPECT_NE(out.str().find("fuzz: 0 buckets\n"), std::string::npos) << out.str();
  FuzzState state;
  std::string error;
  ASSERT_TRUE(read_fuzz_dir(dir.str(), state, error)) << error;
  EXPECT_TRUE(state.buckets.empty());
  EXPECT_EQ(state.requests, kRequests);
}

TEST(RunFuzz, ADefectGivesAMinimisedBucketThenResumeCarriesItOn) {
  MockFixture mock({"accept-rate-limit-above-max"});
  FuzzDir dir("defect");
  constexpr std::uint64_t kRequests = 1500;
  FuzzOptions options = fuzz_options(mock.url(), dir.str(), kRequests);
  std::ostringstream out, err;
  const std::atomic<bool> stop{false};
  const FuzzRun run = run_fuzz(hss(), hss_suite(), options, out, err, stop);
  EXPECT_EQ(run.exit_code, 1) << out.str() << err.str();
  ASSERT_FALSE(run.buckets.empty()) << out.str() << err.str();
  EXPECT_GE(run.sent, kRequests);  // minimisation sends past the limit, at most shrink_sends per bucket
  EXPECT_LE(run.sent, kRequests + options.shrink_sends * run.buckets.size());
  EXPECT_EQ(mock.requests(), run.sent);

  std::size_t rate_limit = run.buckets.size();
  for (std::size_t i = 0; i < run.buckets.size(); ++i) {
    const Bucket& b = run.buckets[i];
    SCOPED_TRACE(b.key);
    EXPECT_TRUE(b.minimised);
    EXPECT_GE(b.hits, 1u);
    EXPECT_GE(b.first_seen, 1u);
    EXPECT_LE(b.first_seen, kRequests);
    EXPECT_TRUE(is_finding(b.result.outcome));
    if (b.key.find("accepted-invalid maximum body /rate_limit") != std::string::npos &&
        rate_limit == run.buckets.size())
      rate_limit = i;
    // Every reproducer is a case file replay sends again, its expectation what the validator finds.
    char name[32];
    std::snprintf(name, sizeof name, "bucket-%03zu", i + 1);
    const std::string text = read_text(dir.path() / (std::string(name) + ".json"));
    const CaseParseResult parsed = parse_case(text);
    ASSERT_TRUE(parsed.ok()) << name << ": " << parsed.error.describe();
    EXPECT_TRUE(parsed.kase->has_expect);
    EXPECT_EQ(parsed.kase->expect.verdict, "invalid") << name;  // a faithful-but-for-one-field mock accepts no valid
    EXPECT_EQ(request_of(*parsed.kase), request_of(b.kase)) << name;
    EXPECT_TRUE(std::filesystem::exists(dir.path() / (std::string(name) + ".sh"))) << name;
  }
  ASSERT_LT(rate_limit, run.buckets.size()) << "no rate_limit bucket";
  EXPECT_EQ(run.buckets[rate_limit].key, "CreateManualImageScanTask accepted-invalid maximum body /rate_limit 200");
  EXPECT_EQ(run.buckets[rate_limit].result.outcome, Outcome::accepted_invalid);
  EXPECT_EQ(run.buckets[rate_limit].result.status, 200);

  // bucket-001 is a case file with an invalid expectation; the rate_limit reproducer is minimal: its body is only
  // what the contract requires plus rate_limit, smaller than the suite's own case.
  const CaseParseResult first = parse_case(read_text(dir.path() / "bucket-001.json"));
  ASSERT_TRUE(first.ok()) << first.error.describe();
  EXPECT_EQ(first.kase->expect.verdict, "invalid");
  const Case& reproducer = run.buckets[rate_limit].kase;
  std::size_t smallest_suite_case = SIZE_MAX;
  for (const Case& c : hss_suite())
    if (c.id.find("rate_limit") != std::string::npos && c.expect.verdict == "invalid" && !c.expect.violations.empty() &&
        c.expect.violations[0].code == Code::maximum)
      smallest_suite_case = std::min(smallest_suite_case, case_size(c));
  EXPECT_LE(case_size(reproducer), smallest_suite_case);
  {
    Validator validator(hss());
    const CaseRequest request(reproducer);
    const Report report = validator.validate(request.request());
    ASSERT_FALSE(report.violations.empty());
    EXPECT_EQ(report.violations[0].code, Code::maximum);
    EXPECT_EQ(report.violations[0].pointer, "/rate_limit");
  }
  // The out directory: one report line per bucket, the summary names each bucket.
  EXPECT_EQ(line_count(read_text(dir.path() / "report.jsonl")), run.buckets.size());
  EXPECT_NE(out.str().find("BUCKET bucket-001 "), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("fuzz: " + std::to_string(run.buckets.size()) + " buckets in " + dir.str()),
            std::string::npos)
      << out.str();
  const std::uint64_t first_requests = requests_in(dir.path());
  EXPECT_EQ(first_requests, run.sent);

  // read_fuzz_dir gives the buckets back as they were written.
  FuzzState state;
  std::string error;
  ASSERT_TRUE(read_fuzz_dir(dir.str(), state, error)) << error;
  ASSERT_EQ(state.buckets.size(), run.buckets.size());
  EXPECT_EQ(state.requests, run.sent);
  for (std::size_t i = 0; i < run.buckets.size(); ++i) {
    EXPECT_EQ(state.buckets[i].key, run.buckets[i].key);
    EXPECT_EQ(state.buckets[i].hits, run.buckets[i].hits);
    EXPECT_EQ(state.buckets[i].first_seen, run.buckets[i].first_seen);
    EXPECT_EQ(state.buckets[i].edits, run.buckets[i].edits);
    EXPECT_TRUE(state.buckets[i].minimised);
    EXPECT_EQ(request_of(state.buckets[i].kase), request_of(run.buckets[i].kase));
    EXPECT_FALSE(state.buckets[i].kase.has_expect);
    EXPECT_EQ(state.buckets[i].result.outcome, run.buckets[i].result.outcome);
    EXPECT_EQ(state.buckets[i].result.status, run.buckets[i].result.status);
  }

  // --resume: the same directory again, another seed. The buckets come first, as they were, and are hit again
  // (their reproducers are sent first); the request count carries on.
  FuzzOptions again = fuzz_options(mock.url(), dir.str(), 1000);
  again.seed = 8;
  again.resume = dir.str();
  std::ostringstream out2, err2;
  const FuzzRun resumed = run_fuzz(hss(), hss_suite(), again, out2, err2, stop);
  EXPECT_EQ(resumed.exit_code, 1) << out2.str() << err2.str();
  ASSERT_GE(resumed.buckets.size(), run.buckets.size());
  for (std::size_t i = 0; i < run.buckets.size(); ++i) {
    EXPECT_EQ(resumed.buckets[i].key, run.buckets[i].key);
    EXPECT_GT(resumed.buckets[i].hits, run.buckets[i].hits) << resumed.buckets[i].key;
    EXPECT_EQ(resumed.buckets[i].first_seen, run.buckets[i].first_seen);
  }
  const std::uint64_t second_requests = requests_in(dir.path());
  EXPECT_EQ(second_requests, first_requests + resumed.sent);
  EXPECT_GT(second_requests, first_requests);
  FuzzState after;
  ASSERT_TRUE(read_fuzz_dir(dir.str(), after, error)) << error;
  ASSERT_EQ(after.buckets.size(), resumed.buckets.size());
  for (std::size_t i = 0; i < run.buckets.size(); ++i) EXPECT_EQ(after.buckets[i].key, run.buckets[i].key);
  EXPECT_EQ(after.requests, second_requests);
}

TEST(RunFuzz, StopAndADeadEndpointEndTheRunWithExit2) {
  FuzzDir stopped_dir("stopped");
  {
    MockFixture mock;
    std::ostringstream out, err;
    const std::atomic<bool> stop{true};
    const FuzzRun run = run_fuzz(hss(), hss_suite(), fuzz_options(mock.url(), stopped_dir.str(), 5000), out, err, stop);
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_TRUE(run.interrupted);
    EXPECT_LT(run.sent, 5000u);
    EXPECT_NE(out.str().find("fuzz: interrupted; continue with --resume " + stopped_dir.str()), std::string::npos)
        << out.str();
    EXPECT_TRUE(std::filesystem::exists(stopped_dir.path() / "buckets.json"));
  }
  FuzzDir dead_dir("dead");
  {
    std::ostringstream out, err;
    const std::atomic<bool> stop{false};
    FuzzOptions options = fuzz_options("http://127.0.0.1:1", dead_dir.str(), 5000);
    options.replay.client.retry.retries = 0;
    const FuzzRun run = run_fuzz(hss(), hss_suite(), options, out, err, stop);
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_TRUE(run.endpoint_dead);
    // Each no-answer is a finding (a mutant may crash an endpoint): bucketed, not minimised on a dead endpoint.
    for (const Bucket& b : run.buckets) {
      EXPECT_NE(b.key.find(" transport-error"), std::string::npos) << b.key;
      EXPECT_FALSE(b.minimised) << b.key;
    }
    EXPECT_LT(run.sent, 200u);
    EXPECT_NE(out.str().find("the endpoint stopped answering"), std::string::npos) << out.str();
  }
}

struct OptionRow {
  const char* name = "";
  const char* target = "http://127.0.0.1:1";
  double duration = 0;
  std::uint64_t requests = 100;
  std::size_t batch = 64;
  double valid_share = 0.25;
  const char* message = "";
};

TEST(RunFuzz, RefusesOptionsThatCannotRun) {
  const OptionRow rows[] = {
      {"no end", "http://127.0.0.1:1", 0, 0, 64, 0.25,
       "a fuzz run needs an end: --duration (e.g. 10m) or --requests N"},
      {"no batch", "http://127.0.0.1:1", 0, 100, 0, 0.25, "--batch must be at least 1"},
      {"share above 1", "http://127.0.0.1:1", 0, 100, 64, 1.5, "--valid-share takes a fraction from 0 to 1"},
      {"negative share", "http://127.0.0.1:1", 0, 100, 64, -0.1, "--valid-share takes a fraction from 0 to 1"},
      {"bad target", "ftp://127.0.0.1:1", 0, 100, 64, 0.25, "reqprobe: "},
  };
  FuzzDir dir("refused");
  for (const OptionRow& row : rows) {
    FuzzOptions options = fuzz_options(row.target, dir.str(), row.requests);
    options.duration_seconds = row.duration;
    options.batch = row.batch;
    options.valid_share = row.valid_share;
    std::ostringstream out, err;
    const std::atomic<bool> stop{false};
    const FuzzRun run = run_fuzz(hss(), hss_suite(), options, out, err, stop);
    EXPECT_EQ(run.exit_code, 2) << row.name;
    EXPECT_NE(err.str().find(row.message), std::string::npos) << row.name << ": " << err.str();
    EXPECT_EQ(run.sent, 0u) << row.name;
    EXPECT_FALSE(std::filesystem::exists(dir.path())) << row.name << ": nothing is written";
  }
}

// ---- read_fuzz_dir --------------------------------------------------------------------------------------------

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary);
  file << text;
}

struct DirRow {
  const char* name = "";
  const char* buckets_json = nullptr;  ///< nullptr: no buckets.json
  bool report = true;                  ///< write an empty report.jsonl
  const char* error = "";              ///< the error names this file (relative to the directory)
  const char* says = "";
};

TEST(ReadFuzzDir, RefusesWhatIsNotAFuzzRun) {
  const DirRow rows[] = {
      {"no buckets.json", nullptr, true, "buckets.json", "cannot read "},
      {"not JSON", "{", true, "buckets.json", "is not the buckets.json of a reqprobe fuzz run"},
      {"an array", "[]", true, "buckets.json", "is not the buckets.json of a reqprobe fuzz run"},
      {"another version", R"({"version":2,"requests":1,"buckets":[]})", true, "buckets.json",
       "is not the buckets.json of a reqprobe fuzz run"},
      {"requests negative", R"({"version":1,"requests":-1,"buckets":[]})", true, "buckets.json",
       "is not the buckets.json of a reqprobe fuzz run"},
      {"no report.jsonl", R"({"version":1,"requests":1,"buckets":[]})", false, "report.jsonl", "cannot read "},
      {"bucket without a key", R"({"version":1,"requests":1,"buckets":[{"hits":1,"case_file":"bucket-001.json"}]})",
       true, "buckets.json", ": bucket 1 is malformed"},
      {"case file outside the directory",
       R"({"version":1,"requests":1,"buckets":[{"key":"k","hits":1,"case_file":"../bucket-001.json"}]})", true,
       "buckets.json", ": bucket 1 is malformed"},
      {"missing case file",
       R"({"version":1,"requests":1,"buckets":[{"key":"k","hits":1,"case_file":"bucket-001.json"}]})", true,
       "bucket-001.json", "cannot read "},
  };
  for (const DirRow& row : rows) {
    FuzzDir dir("read");
    std::filesystem::create_directories(dir.path());
    if (row.buckets_json != nullptr) write_text(dir.path() / "buckets.json", row.buckets_json);
    if (row.report) write_text(dir.path() / "report.jsonl", "");
    FuzzState state;
    std::string error;
    EXPECT_FALSE(read_fuzz_dir(dir.str(), state, error)) << row.name;
    EXPECT_NE(error.find((dir.path() / row.error).string()), std::string::npos) << row.name << ": " << error;
    EXPECT_NE(error.find(row.says), std::string::npos) << row.name << ": " << error;
  }
  {  // a case file that is not one
    FuzzDir dir("read-bad-case");
    std::filesystem::create_directories(dir.path());
    write_text(dir.path() / "buckets.json",
               R"({"version":1,"requests":3,"buckets":[{"key":"k","hits":1,"case_file":"bucket-001.json"}]})");
    write_text(dir.path() / "report.jsonl", "");
    write_text(dir.path() / "bucket-001.json", R"({"id":"x"})");
    FuzzState state;
    std::string error;
    EXPECT_FALSE(read_fuzz_dir(dir.str(), state, error));
    EXPECT_NE(error.find((dir.path() / "bucket-001.json").string() + ": "), std::string::npos) << error;
  }
  {  // the smallest directory that is one
    FuzzDir dir("read-ok");
    std::filesystem::create_directories(dir.path());
    write_text(dir.path() / "buckets.json", R"({"version":1,"requests":42,"buckets":[]})");
    write_text(dir.path() / "report.jsonl", "");
    FuzzState state;
    std::string error;
    EXPECT_TRUE(read_fuzz_dir(dir.str(), state, error)) << error;
    EXPECT_EQ(state.requests, 42u);
    EXPECT_TRUE(state.buckets.empty());
  }
}

}  // namespace
}  // namespace reqprobe::replay
