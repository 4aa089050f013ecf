// Reproduction commands are self-contained and exact: each finding's command, run by /bin/sh (dash on Debian: no
// bash, no jq, no case file) from another directory, makes curl send the endpoint exactly the bytes replay sent -
// a body too large to inline read from the file next to the report, small bodies with NUL or control bytes piped
// from printf, header values and targets with control bytes, a case's own token from a variable it names (the
// value itself is in no output). The endpoint is raw_http_server.h on 127.0.0.1, which records every request.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "raw_http_server.h"
#include "replay_run.h"

namespace reqprobe::replay {
namespace {

using testing::RawHttpServer;

const std::string kTasks = "/v5/p1/image/image-scan/tasks";
const std::string kOwnToken = "case-own-token-1234";

Case make_case(std::string id, std::string method, std::string target, HeaderList headers,
               std::optional<std::string> body) {
  Case kase;
  kase.id = std::move(id);
  kase.method = std::move(method);
  kase.target = std::move(target);
  kase.headers = std::move(headers);
  kase.body = std::move(body);
  return kase;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

TEST(Reproduction, EveryCommandSendsWhatReplaySent) {
  if (std::system("command -v curl >/dev/null 2>&1 && command -v sh >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "needs curl and sh";
  RawHttpServer server([](const std::string&, std::size_t) { return RawHttpServer::response(500, "", ""); });
  const HeaderList json = {{"X-Auth-Token", kOwnToken}, {"Content-Type", "application/json"}};
  HeaderList escaped = json;
  escaped.emplace_back("Region", "\x1b[31mred\x7f \xc2\x85 caf\xc3\xa9");
  HeaderList own_host = json;
  own_host.emplace_back("host", "example.test");
  own_host.emplace_back("Content-Length", "2");
  const std::vector<Case> cases = {
      make_case("body.large", "POST", kTasks, json, R"({"is_all":true,"x":")" + std::string(20000, 'x') + "\"}"),
      make_case("body.nul", "POST", kTasks, json, std::string("{\"a\":\"\0\x1b\n'\\\"}", 12)),
      make_case("body.at", "POST", kTasks, json, "@/etc/passwd"),
      make_case("body.large.binary", "POST", kTasks, json, std::string(17000, '\0') + "\xff\n"),
      make_case("header.escape", "POST", kTasks, escaped, "{}"),
      make_case("header.own_host", "POST", kTasks, own_host, "{}"),
      make_case("target.raw", "GET", kTasks + "?q=%1B%5B31m&r=\x7f\xff", json, std::nullopt),
      make_case("method.head", "HEAD", kTasks, json, "{}"),
  };
  const auto dir = std::filesystem::temp_directory_path() / ("reqprobe-repro-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "elsewhere");
  ReplayOptions options;
  options.target = server.url();
  options.client.concurrency = 1;
  options.client.threads = 1;
  options.report = (dir / "r.jsonl").string();
  options.show_findings = 100;
  std::vector<ReplayInput> inputs;
  for (const Case& kase : cases) inputs.push_back({kase, "cases/" + kase.id + ".json"});  // a path that won't exist
  std::ostringstream out, err;
  const std::atomic<bool> never{false};
  const ReplayRun run = run_replay(load_embedded_contract().contract, inputs, options, out, err, never);
  ASSERT_EQ(run.results.size(), cases.size()) << err.str();
  const std::vector<std::string> sent = server.requests();
  ASSERT_EQ(sent.size(), cases.size());
  EXPECT_NE(sent[0].find(kOwnToken), std::string::npos) << "the case's own token is sent";

  const std::string bodies = (dir / "r.jsonl.bodies").string();
  EXPECT_EQ(run.bodies, bodies);
  EXPECT_EQ(read_file(dir / "r.jsonl.bodies" / "body.large.body"), *cases[0].body);
  EXPECT_EQ(read_file(dir / "r.jsonl.bodies" / "body.large.binary.body"), *cases[3].body);
  EXPECT_NE(out.str().find("request bodies of the reproductions: " + bodies + "\n"), std::string::npos) << out.str();

  for (std::size_t i = 0; i < run.results.size(); ++i) {
    const CaseResult& r = run.results[i];
    ASSERT_EQ(r.id, cases[i].id);
    ASSERT_EQ(r.outcome, Outcome::server_error) << r.id;
    EXPECT_EQ(r.reproduce.find("jq"), std::string::npos) << r.reproduce;
    EXPECT_EQ(r.reproduce.find("<("), std::string::npos) << r.reproduce;
    EXPECT_EQ(r.reproduce.find(kOwnToken), std::string::npos) << r.reproduce;
    const auto script = dir / ("repro-" + std::to_string(i) + ".sh");
    std::ofstream(script, std::ios::binary) << r.reproduce << "\n";
    const std::string command = "cd " + quoted((dir / "elsewhere").string()) +
                                " && CASE_X_AUTH_TOKEN=" + quoted(kOwnToken) + " timeout 30 sh " +
                                quoted(script.string()) + " >/dev/null 2>" + quoted(script.string() + ".err");
    EXPECT_EQ(std::system(command.c_str()), 0) << r.reproduce << "\n" << read_file(script.string() + ".err");
    const std::vector<std::string> now = server.requests();
    ASSERT_EQ(now.size(), cases.size() + i + 1) << r.id;
    EXPECT_EQ(now.back(), sent[i]) << r.id << "\n" << r.reproduce;
  }
  EXPECT_NE(run.results[0].reproduce.find(" --data-binary '@" + bodies + "/body.large.body' "), std::string::npos)
      << run.results[0].reproduce;
  EXPECT_EQ(run.results[1].reproduce.substr(0, 12), "printf '%b' ");
  const std::string report = read_file(options.report);
  EXPECT_EQ((out.str() + err.str() + report).find(kOwnToken), std::string::npos) << "the case's token leaked";
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace reqprobe::replay
