// Nothing a case or an endpoint controls reaches a terminal raw or breaks a report: an endpoint answering
// "\u001b[2J...\nFINDING ok" once cleared the screen and forged a line of output. Here a recording server on
// 127.0.0.1 answers every case with such an error message, the cases carry control bytes in their ids, query names
// and body keys, and the test checks every byte replay prints and that the reports stay valid JSON and XML 1.0.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "raw_http_server.h"
#include "replay_run.h"

namespace reqprobe::replay {
namespace {

using testing::RawHttpServer;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// The first control byte (C0 but newline, DEL, or a UTF-8 C1 control) in `text`, or npos.
std::size_t first_control(const std::string& text, bool newline_allowed) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n' && newline_allowed) continue;
    if (byte < 0x20 || byte == 0x7f) return i;
    if (byte == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9f &&
        static_cast<unsigned char>(text[i + 1]) >= 0x80)
      return i;
  }
  return std::string::npos;
}

Case make_case(std::string id, std::string target, std::string body) {
  Case kase;
  kase.id = std::move(id);
  kase.method = "POST";
  kase.target = std::move(target);
  kase.headers = {{"X-Auth-Token", "tok-5678"}, {"Content-Type", "application/json"}};
  kase.body = std::move(body);
  return kase;
}

TEST(OutputSafety, ControlCharactersFromCasesAndEndpointsAreEscapedEverywhere) {
  const std::string hostile_message = R"(\u001b[2J\u001b[H\nFINDING ok forged\r\u0085\u009b31m\u0007)";
  RawHttpServer server([&](const std::string&, std::size_t) {
    return RawHttpServer::response(401, "X-Request-Id: \x1b]0;title\x07\r\nContent-Type: application/json\r\n",
                                   R"({"error_code":"X\u001b[31m","error_msg":")" + hostile_message + "\"}");
  });
  const std::string tasks = "/v5/p1/image/image-scan/tasks";
  const std::vector<Case> cases = {
      make_case("query\x1b[31mRED\x1b[0m\nFINDING ok forged", tasks + "?%1B%5B31mRED%1B%5B0m=1&%0A=2", "{}"),
      make_case("body\xc2\x9b"
                "keys",
                tasks, "{\"\\u001b[2J\":1,\"\\n\":2,\"\x7f\":3}"),
      make_case(std::string("nul\0id", 6), tasks, std::string("{\"a\":\"\0\"}", 9)),
  };
  const auto dir = std::filesystem::temp_directory_path() / ("reqprobe-safety-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  ReplayOptions options;
  options.target = server.url();
  options.client.concurrency = 1;
  options.report = (dir / "r.jsonl").string();
  options.junit = (dir / "r.xml").string();
  options.sarif = (dir / "r.sarif").string();
  std::vector<ReplayInput> inputs;
  for (const Case& kase : cases) inputs.push_back({kase, "cases/\x1b[1m.json"});
  std::ostringstream out, err;
  const std::atomic<bool> never{false};
  const ReplayRun run = run_replay(load_embedded_contract().contract, inputs, options, out, err, never);
  ASSERT_EQ(run.results.size(), cases.size()) << err.str();
  EXPECT_EQ(run.exit_code, 1);

  const std::string printed = out.str() + err.str();
  EXPECT_EQ(first_control(printed, true), std::string::npos) << printed;
  std::istringstream lines(out.str());
  std::size_t findings = 0;
  for (std::string line; std::getline(lines, line);) {
    EXPECT_FALSE(line.starts_with("FINDING ok")) << "a forged line: " << line;
    findings += line.starts_with("FINDING ");
  }
  EXPECT_EQ(findings, cases.size()) << "one line per finding, none split";
  EXPECT_NE(out.str().find("FINDING wrong-status query\\x1b[31mRED\\x1b[0m\\nFINDING ok forged: "), std::string::npos)
      << out.str();
  EXPECT_NE(out.str().find("(\\x1b[2J\\x1b[H\\nFINDING ok forged\\r\\u0085\\u009b31m\\x07)"), std::string::npos)
      << out.str();

  const std::string jsonl = read_file(options.report);
  EXPECT_EQ(first_control(jsonl, true), std::string::npos);
  std::istringstream report_lines(jsonl);
  std::size_t parsed = 0;
  for (std::string line; std::getline(report_lines, line); ++parsed) {
    rapidjson::Document document;
    document.Parse(line.data(), line.size());
    EXPECT_FALSE(document.HasParseError()) << line;
  }
  EXPECT_EQ(parsed, cases.size());
  const std::string sarif = read_file(options.sarif);
  EXPECT_EQ(first_control(sarif, true), std::string::npos);
  rapidjson::Document document;
  document.Parse(sarif.data(), sarif.size());
  EXPECT_FALSE(document.HasParseError());
  const std::string junit = read_file(options.junit);
  EXPECT_EQ(first_control(junit, true), std::string::npos)
      << "XML 1.0 forbids most controls, and terminals act on them";
  EXPECT_NE(junit.find("FINDING ok forged&#xD;&#x85;"), std::string::npos) << junit;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace reqprobe::replay
