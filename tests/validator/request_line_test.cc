// The request line: method, request-target, the project_id path parameter and the query parameters.
#include "test_support.h"

namespace reqprobe::test {
namespace {

const V kMethod = {"method", "request", ""};
const V kNoRoute = {"path", "request", ""};

std::vector<RequestCase> method_cases() {
  const HttpRequest r = valid_request();
  return {
      {"POST is the operation", r, {}},
      {"GET on the operation's path", r.with_method("GET"), {kMethod}},
      {"PUT", r.with_method("PUT"), {kMethod}},
      {"DELETE", r.with_method("DELETE"), {kMethod}},
      {"methods are case-sensitive (RFC 9110): post", r.with_method("post"), {kMethod}},
      {"empty method", r.with_method(""), {kMethod}},
      {"GET stops validation: nothing else is reported",
       r.with_method("GET").with_query("foo=1").with_body("{"),
       {kMethod}},
  };
}

std::vector<RequestCase> path_cases() {
  const HttpRequest r = valid_request();
  return {
      {"trailing slash", r.with_target(path_for(kProjectId) + "/"), {kNoRoute}},
      {"wrong version prefix", r.with_target("/v4/0f7e0b2c/image/image-scan/tasks"), {kNoRoute}},
      {"prefix in upper case", r.with_target("/V5/0f7e0b2c/image/image-scan/tasks"), {kNoRoute}},
      {"missing last segment", r.with_target("/v5/0f7e0b2c/image/image-scan"), {kNoRoute}},
      {"extra segment", r.with_target("/v5/0f7e0b2c/image/image-scan/tasks/1"), {kNoRoute}},
      {"singular 'task'", r.with_target("/v5/0f7e0b2c/image/image-scan/task"), {kNoRoute}},
      {"literal segments are not percent-decoded", r.with_target("/v5/0f7e0b2c/image/image%2Dscan/tasks"), {kNoRoute}},
      {"double leading slash", r.with_target("//v5/0f7e0b2c/image/image-scan/tasks"), {kNoRoute}},
      {"no leading slash", r.with_target("v5/0f7e0b2c/image/image-scan/tasks"), {kNoRoute}},
      {"empty target", r.with_target(""), {kNoRoute}},
      {"asterisk-form", r.with_target("*"), {kNoRoute}},
      {"absolute-form", r.with_target("http://hss.example.com" + path_for(kProjectId)), {kNoRoute}},
      {"a fragment", r.with_target(path_for(kProjectId) + "#top"), {kNoRoute}},
      {"raw space", r.with_target("/v5/0f7e 0b2c/image/image-scan/tasks"), {{"encoding", "request", ""}}},
      {"raw non-ASCII byte", r.with_target("/v5/\xC3\xA9/image/image-scan/tasks"), {{"encoding", "request", ""}}},
      {"raw DEL in the query",
       r.with_target(path_for(kProjectId) + "?enterprise_project_id=a\x7F"),
       {{"encoding", "request", ""}}},
      {"an unroutable target stops validation", r.with_target("/v4/x").without_header("X-Auth-Token"), {kNoRoute}},
      // A server that removes dot segments (RFC 3986 5.2.4) would route these elsewhere (issue 10, item 6).
      {"project_id '..'", r.with_project_id(".."), {kNoRoute}},
      {"project_id '.'", r.with_project_id("."), {kNoRoute}},
      {"project_id '%2E%2E'", r.with_project_id("%2E%2E"), {kNoRoute}},
      {"project_id '.%2e'", r.with_project_id(".%2e"), {kNoRoute}},
      {"/v5/../image/image-scan/tasks", r.with_target("/v5/../image/image-scan/tasks"), {kNoRoute}},
      {"a dot segment stops validation", r.with_project_id("..").without_header("X-Auth-Token"), {kNoRoute}},
      {"a dot segment in a literal's place", r.with_target("/v5/p/./image/image-scan/tasks"), {kNoRoute}},
      {"three dots are a name", r.with_project_id("..."), {}},
      {"dots inside a name", r.with_project_id("a..b"), {}},
      {"'.a' is a name", r.with_project_id(".a"), {}},
      {"%2E%2E%2E is a name", r.with_project_id("%2E%2E%2E"), {}},
  };
}

std::vector<RequestCase> project_id_cases() {
  const HttpRequest r = valid_request();
  const V too_long = {"max_length", "path", "project_id"};
  return {
      {"one character", r.with_project_id("p"), {}},
      {"empty project_id", r.with_project_id(""), {{"min_length", "path", "project_id"}}},
      {"256 characters", r.with_project_id(repeat("a", 256)), {}},
      {"257 characters", r.with_project_id(repeat("a", 257)), {too_long}},
      {"256 code points of %C3%A9 (counted after decoding)", r.with_project_id(repeat("%C3%A9", 256)), {}},
      {"257 code points of %C3%A9", r.with_project_id(repeat("%C3%A9", 257)), {too_long}},
      {"256 four-byte code points", r.with_project_id(repeat("%F0%9F%98%80", 256)), {}},
      {"257 four-byte code points", r.with_project_id(repeat("%F0%9F%98%80", 257)), {too_long}},
      {"256 characters as %41 escapes", r.with_project_id(repeat("%41", 256)), {}},
      {"%2F decodes to a forbidden '/'", r.with_project_id("a%2Fb"), {{"path", "path", "project_id"}}},
      {"%2f in lower case", r.with_project_id("%2f"), {{"path", "path", "project_id"}}},
      {"bad percent-encoding %zz", r.with_project_id("p%zz"), {{"encoding", "path", "project_id"}}},
      {"truncated %2", r.with_project_id("p%2"), {{"encoding", "path", "project_id"}}},
      {"lone %", r.with_project_id("%"), {{"encoding", "path", "project_id"}}},
      {"decodes to invalid UTF-8 (%C3 alone)", r.with_project_id("p%C3"), {{"encoding", "path", "project_id"}}},
      {"decodes to an overlong '/' (%C0%AF)", r.with_project_id("%C0%AF"), {{"encoding", "path", "project_id"}}},
      {"decodes to a surrogate (%ED%A0%80)", r.with_project_id("%ED%A0%80"), {{"encoding", "path", "project_id"}}},
      {"percent-decoded characters are allowed (%41)", r.with_project_id("%41bc"), {}},
      {"a '+' is a literal plus", r.with_project_id("a+b"), {}},
      {"path problems do not stop the query checks",
       r.with_project_id("").with_query("foo=1"),
       {{"min_length", "path", "project_id"}, {"unknown", "query", "foo"}}},
  };
}

std::vector<RequestCase> query_cases() {
  const HttpRequest r = valid_request();
  const V epid_too_long = {"max_length", "query", "enterprise_project_id"};
  const V git_enum = {"enum", "query", "global_image_type"};
  return {
      {"enterprise_project_id all_granted_eps", r.with_query("enterprise_project_id=all_granted_eps"), {}},
      {"enterprise_project_id 0", r.with_query("enterprise_project_id=0"), {}},
      {"global_image_type local", r.with_query("global_image_type=local"), {}},
      {"global_image_type registry", r.with_query("global_image_type=registry"), {}},
      {"both parameters", r.with_query("enterprise_project_id=ep-1&global_image_type=local"), {}},
      {"empty query", r.with_query(""), {}},
      {"empty segments are ignored", r.with_query("&enterprise_project_id=x&&"), {}},
      {"unknown parameter", r.with_query("foo=1"), {{"unknown", "query", "foo"}}},
      {"unknown parameter without a value", r.with_query("foo"), {{"unknown", "query", "foo"}}},
      {"project_id is a path parameter, not a query parameter",
       r.with_query("project_id=p"),
       {{"unknown", "query", "project_id"}}},
      {"region is a header, not a query parameter", r.with_query("region=r"), {{"unknown", "query", "region"}}},
      {"query names are case-sensitive",
       r.with_query("Global_Image_Type=local"),
       {{"unknown", "query", "Global_Image_Type"}}},
      {"an unknown name is reported decoded", r.with_query("fo%6F=1"), {{"unknown", "query", "foo"}}},
      {"a known name may be percent-encoded", r.with_query("global%5Fimage%5Ftype=local"), {}},
      {"a value may be percent-encoded", r.with_query("global_image_type=loc%61l"), {}},
      {"repeated enterprise_project_id",
       r.with_query("enterprise_project_id=a&enterprise_project_id=b"),
       {{"duplicate", "query", "enterprise_project_id"}}},
      {"repeated global_image_type, same value",
       r.with_query("global_image_type=local&global_image_type=local"),
       {{"duplicate", "query", "global_image_type"}}},
      {"empty enterprise_project_id",
       r.with_query("enterprise_project_id="),
       {{"min_length", "query", "enterprise_project_id"}}},
      {"enterprise_project_id without '='",
       r.with_query("enterprise_project_id"),
       {{"min_length", "query", "enterprise_project_id"}}},
      {"enterprise_project_id 256 characters", r.with_query("enterprise_project_id=" + repeat("e", 256)), {}},
      {"enterprise_project_id 257 characters",
       r.with_query("enterprise_project_id=" + repeat("e", 257)),
       {epid_too_long}},
      {"enterprise_project_id 256 code points of %C3%A9",
       r.with_query("enterprise_project_id=" + repeat("%C3%A9", 256)),
       {}},
      {"enterprise_project_id 257 code points of %C3%A9",
       r.with_query("enterprise_project_id=" + repeat("%C3%A9", 257)),
       {epid_too_long}},
      {"a '+' is a literal plus, not a space", r.with_query("enterprise_project_id=" + repeat("+", 256)), {}},
      {"global_image_type local_image (D3)", r.with_query("global_image_type=local_image"), {git_enum}},
      {"global_image_type Local", r.with_query("global_image_type=Local"), {git_enum}},
      {"global_image_type 'local ' with an encoded space", r.with_query("global_image_type=local%20"), {git_enum}},
      {"global_image_type empty",
       r.with_query("global_image_type="),
       {{"min_length", "query", "global_image_type"}, git_enum}},
      {"global_image_type 64 characters", r.with_query("global_image_type=" + repeat("g", 64)), {git_enum}},
      {"global_image_type 65 characters",
       r.with_query("global_image_type=" + repeat("g", 65)),
       {{"max_length", "query", "global_image_type"}, git_enum}},
      {"bad percent-encoding in a value",
       r.with_query("enterprise_project_id=%zz"),
       {{"encoding", "query", "enterprise_project_id"}}},
      {"truncated percent-encoding in a value",
       r.with_query("enterprise_project_id=a%4"),
       {{"encoding", "query", "enterprise_project_id"}}},
      {"a value that decodes to invalid UTF-8",
       r.with_query("enterprise_project_id=%FF"),
       {{"encoding", "query", "enterprise_project_id"}}},
      {"bad percent-encoding in a name is reported raw", r.with_query("foo%zz=1"), {{"encoding", "query", "foo%zz"}}},
      {"violations in query order",
       r.with_query("foo=1&global_image_type=x&bar=2"),
       {{"unknown", "query", "foo"}, git_enum, {"unknown", "query", "bar"}}},
      {"query problems do not stop the body checks",
       r.with_query("foo=1").with_body(R"({"is_all":1})"),
       {{"unknown", "query", "foo"}, {"type", "body", "/is_all"}, {"rule", "body", ""}}},
  };
}

std::vector<RequestCase> limit_cases() {
  const HttpRequest r = valid_request();
  Limits target;
  target.max_target_bytes = path_for(kProjectId).size() + 4;
  Limits params;
  params.max_query_params = 2;
  return {
      {"target at max_target_bytes", r.with_query("a=b"), {{"unknown", "query", "a"}}, with_limits(target)},
      {"target one byte over max_target_bytes", r.with_query("a=bc"), {{"limit", "request", ""}}, with_limits(target)},
      {"max_query_params parameters",
       r.with_query("enterprise_project_id=a&global_image_type=local"),
       {},
       with_limits(params)},
      {"one parameter over max_query_params",
       r.with_query("enterprise_project_id=a&global_image_type=local&x=1"),
       {{"limit", "query", ""}},
       with_limits(params)},
      {"target of 16 KiB (the default limit)",
       r.with_query("x=" + repeat("a", 16 * 1024 - path_for(kProjectId).size() - 3)),
       {{"unknown", "query", "x"}}},
      {"target of 16 KiB + 1",
       r.with_query("x=" + repeat("a", 16 * 1024 - path_for(kProjectId).size() - 2)),
       {{"limit", "request", ""}}},
  };
}

const bool kRegistered = register_cases(method_cases) && register_cases(path_cases) &&
                         register_cases(project_id_cases) && register_cases(query_cases) && register_cases(limit_cases);

TEST(RequestLine, method) {
  check_all(method_cases());
}
TEST(RequestLine, request_target_and_routing) {
  check_all(path_cases());
}
TEST(RequestLine, project_id_path_parameter) {
  check_all(project_id_cases());
}
TEST(RequestLine, query_parameters) {
  check_all(query_cases());
}
TEST(RequestLine, target_and_query_limits) {
  check_all(limit_cases());
}

TEST(RequestLine, many_unknown_query_parameters_stop_at_max_query_params) {
  std::string query;
  std::vector<V> expected;
  for (int i = 0; i < 300; ++i) {
    query += "p" + std::to_string(i) + "=1&";
    if (i < 256) expected.push_back({"unknown", "query", "p" + std::to_string(i)});
  }
  expected.push_back({"limit", "query", ""});
  EXPECT_THAT(run_request(valid_request().with_query(query)), ViolationsAre(expected));
}

}  // namespace
}  // namespace reqprobe::test
