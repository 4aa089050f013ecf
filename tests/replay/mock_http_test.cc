// The mock's HTTP/1.1 server (issue 10, items 7-11): the incremental parser's framing rules, table-driven and fed
// in pieces of every size; the linear head search (a counter, not a timer); the responder's error messages; and
// the server over loopback: slow clients, the connection cap, head and body limits, deadlines, framing answers,
// and the behaviour replay relies on (keep-alive, HEAD, 100-continue, pipelining, resets, stop). 127.0.0.1 only;
// every wait is bounded by a socket timeout, and no test asserts how long something took.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "error_response.h"
#include "http1_parser.h"
#include "http_response.h"
#include "mock_responder.h"
#include "mock_server.h"

namespace reqprobe::replay {
namespace {

using namespace std::chrono_literals;
using Event = Http1Parser::Event;
using Framing = Http1Head::Framing;

// ---- the parser, fed the way a connection feeds it -------------------------------------------------------------

struct Parsed {
  Event event = Event::need_more;
  Refusal refusal = Refusal::malformed;
  std::string message;
  std::string method, target, version;
  std::vector<std::pair<std::string, std::string>> headers;
  Framing framing = Framing::none;
  std::optional<std::string> body;
  bool keep_alive = false;
  bool expect_continue = false;
  std::size_t left = 0;  ///< bytes after the request, not consumed
};

// Feeds `bytes` in pieces of `piece` bytes, keeping what the parser has not consumed, as a connection does.
Parsed parse_in_pieces(std::string_view bytes, std::size_t piece, Http1Limits limits = {}) {
  Http1Parser parser(limits);
  std::string pending;
  std::size_t fed = 0;
  Parsed out;
  while (true) {
    const std::size_t n = std::min(piece, bytes.size() - fed);
    pending.append(bytes.substr(fed, n));
    fed += n;
    while (true) {
      std::size_t used = 0;
      out.event = parser.parse(pending, used);
      if (out.event == Event::complete) {
        const Http1Head& head = parser.head();
        out.method = head.method;
        out.target = head.target;
        out.version = head.version;
        for (const Header& h : head.headers) out.headers.emplace_back(h.name, h.value);
        out.framing = head.framing;
        if (const auto body = parser.body()) out.body = std::string(*body);  // before the bytes are dropped
        out.keep_alive = head.keep_alive;
        out.expect_continue = head.expect_continue;
        out.left = pending.size() - used + (bytes.size() - fed);
        return out;
      }
      pending.erase(0, used);
      if (out.event == Event::error) {
        out.refusal = parser.error().refusal;
        out.message = parser.error().message;
        return out;
      }
      if (out.event == Event::need_more) break;
    }
    if (fed == bytes.size()) return out;
  }
}

const std::string kHead = "POST /v5/p/image/image-scan/tasks HTTP/1.1\r\nHost: h\r\n";

struct FramingCase {
  std::string name;
  std::string bytes;
  Event event;                           ///< complete, error or need_more (incomplete)
  Refusal refusal = Refusal::malformed;  ///< with error
  std::string message = {};              ///< with error: a part of the message
  std::optional<std::string> body = {};  ///< with complete
  bool keep_alive = true;                ///< with complete
};

// gtest names the row by its name (below); without this it would also print the struct's bytes in every listing.
void PrintTo(const FramingCase& c, std::ostream* out) {
  *out << c.name;
}

Http1Limits small_limits() {
  Http1Limits limits;
  limits.max_head_bytes = 1024;
  limits.max_body_bytes = 16;
  limits.max_chunk_line_bytes = 64;
  return limits;
}

const FramingCase kFramingCases[] = {
    // Bodies and their framing.
    {"no_body", kHead + "\r\n", Event::complete, {}, {}, std::nullopt},
    {"content_length", kHead + "Content-Length: 3\r\n\r\nabc", Event::complete, {}, {}, "abc"},
    {"content_length_zero", kHead + "Content-Length: 0\r\n\r\n", Event::complete, {}, {}, ""},
    {"content_length_at_limit",
     kHead + "Content-Length: 16\r\n\r\n0123456789abcdef",
     Event::complete,
     {},
     {},
     "0123456789abcdef"},
    {"identical_content_lengths_are_one",
     kHead + "Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
     Event::complete,
     {},
     {},
     "abc"},
    {"identical_content_length_list_is_one", kHead + "Content-Length: 3, 3\r\n\r\nabc", Event::complete, {}, {}, "abc"},
    {"different_content_lengths", kHead + "Content-Length: 1\r\nContent-Length: 2\r\n\r\nab", Event::error,
     Refusal::malformed, "different values"},
    {"different_content_length_list", kHead + "Content-Length: 1, 2\r\n\r\nab", Event::error, Refusal::malformed,
     "different values"},
    {"negative_content_length", kHead + "Content-Length: -1\r\n\r\n", Event::error, Refusal::malformed,
     "not a decimal number"},
    {"plus_content_length", kHead + "Content-Length: +3\r\n\r\nabc", Event::error, Refusal::malformed,
     "not a decimal number"},
    {"hex_content_length", kHead + "Content-Length: 0x3\r\n\r\nabc", Event::error, Refusal::malformed,
     "not a decimal number"},
    {"empty_content_length", kHead + "Content-Length:\r\n\r\n", Event::error, Refusal::malformed,
     "not a decimal number"},
    {"spaced_content_length", kHead + "Content-Length: 1 2\r\n\r\n", Event::error, Refusal::malformed,
     "not a decimal number"},
    {"content_length_23_digits", kHead + "Content-Length: 12345678901234567890123\r\n\r\n", Event::error,
     Refusal::body_too_large, "exceeds the limit of 16"},
    {"content_length_over_limit", kHead + "Content-Length: 17\r\n\r\n", Event::error, Refusal::body_too_large,
     "body of 17 bytes exceeds the limit of 16"},
    {"content_length_incomplete", kHead + "Content-Length: 5\r\n\r\nab", Event::need_more},
    {"chunked",
     kHead + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
     Event::complete,
     {},
     {},
     "abcde"},
    {"chunked_with_trailer",
     kHead + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-Checksum: 1\r\n\r\n",
     Event::complete,
     {},
     {},
     "abc"},
    {"chunked_with_extensions",
     kHead + "Transfer-Encoding: chunked\r\n\r\n3 ;a=b;c\r\nabc\r\n0;x\r\n\r\n",
     Event::complete,
     {},
     {},
     "abc"},
    {"chunked_upper_hex_and_zeros",
     kHead + "Transfer-Encoding: Chunked\r\n\r\n00A\r\n0123456789\r\n000\r\n\r\n",
     Event::complete,
     {},
     {},
     "0123456789"},
    {"chunked_and_content_length_closes",
     kHead + "Content-Length: 99\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
     Event::complete,
     {},
     {},
     "",
     false},
    {"chunked_then_identity", kHead + "Transfer-Encoding: chunked, identity\r\n\r\n", Event::error, Refusal::malformed,
     "chunked is not the final"},
    {"chunked_then_identity_lines", kHead + "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n",
     Event::error, Refusal::malformed, "chunked is not the final"},
    {"gzip_alone", kHead + "Transfer-Encoding: gzip\r\n\r\n", Event::error, Refusal::malformed,
     "chunked is not the final"},
    {"empty_transfer_encoding", kHead + "Transfer-Encoding: \r\n\r\n", Event::error, Refusal::malformed,
     "chunked is not the final"},
    {"gzip_then_chunked", kHead + "Transfer-Encoding: gzip, chunked\r\n\r\n", Event::error, Refusal::not_implemented,
     "gzip is not implemented"},
    {"chunked_twice", kHead + "Transfer-Encoding: chunked, chunked\r\n\r\n", Event::error, Refusal::malformed,
     "more than once"},
    {"chunked_with_parameter", kHead + "Transfer-Encoding: chunked;q=1\r\n\r\n", Event::error, Refusal::malformed,
     "not a list of transfer codings"},
    {"transfer_encoding_in_http_1_0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", Event::error,
     Refusal::malformed, "HTTP/1.0"},
    {"chunk_size_overflow", kHead + "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFFF\r\n", Event::error,
     Refusal::body_too_large, "exceeds the limit of 16"},
    {"chunks_past_the_limit", kHead + "Transfer-Encoding: chunked\r\n\r\n9\r\n012345678\r\n8\r\n", Event::error,
     Refusal::body_too_large, "exceeds the limit of 16"},
    {"chunk_size_not_hex", kHead + "Transfer-Encoding: chunked\r\n\r\nzz\r\n", Event::error, Refusal::malformed,
     "not hexadecimal"},
    {"chunk_size_junk", kHead + "Transfer-Encoding: chunked\r\n\r\n3 x\r\nabc\r\n0\r\n\r\n", Event::error,
     Refusal::malformed, "not a chunk extension"},
    {"chunk_size_line_too_long", kHead + "Transfer-Encoding: chunked\r\n\r\n3;" + std::string(100, 'x') + "\r\n",
     Event::error, Refusal::malformed, "longer than 64 bytes"},
    {"chunk_data_without_crlf", kHead + "Transfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n", Event::error,
     Refusal::malformed, "not followed by CRLF"},
    {"chunk_size_bare_lf", kHead + "Transfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n", Event::error,
     Refusal::malformed, "bare LF"},
    {"trailer_without_colon", kHead + "Transfer-Encoding: chunked\r\n\r\n0\r\nbroken\r\n\r\n", Event::error,
     Refusal::malformed, "a trailer line has no colon"},
    {"trailer_too_large", kHead + "Transfer-Encoding: chunked\r\n\r\n0\r\nX: " + std::string(2000, 'a') + "\r\n\r\n",
     Event::error, Refusal::head_too_large, "trailer section is larger than 1024"},
    {"chunked_incomplete", kHead + "Transfer-Encoding: chunked\r\n\r\n3\r\nab", Event::need_more},
    // Field lines (RFC 9112 5).
    {"obs_fold", kHead + "X-A: b\r\n c\r\n\r\n", Event::error, Refusal::malformed, "line 4 of the head is folded"},
    {"obs_fold_tab", kHead + "X-A: b\r\n\tc\r\n\r\n", Event::error, Refusal::malformed, "folded"},
    {"space_before_colon", kHead + "X-Auth-Token : t\r\n\r\n", Event::error, Refusal::malformed,
     "whitespace between the field name and the colon"},
    {"tab_before_colon", kHead + "X-Auth-Token\t: t\r\n\r\n", Event::error, Refusal::malformed,
     "whitespace between the field name and the colon"},
    {"no_colon", kHead + "Broken\r\n\r\n", Event::error, Refusal::malformed, "has no colon"},
    {"empty_name", kHead + ": v\r\n\r\n", Event::error, Refusal::malformed, "empty field name"},
    {"name_not_token", kHead + "X(A): v\r\n\r\n", Event::error, Refusal::malformed, "not a token"},
    {"nul_in_value", kHead + std::string("X-A: a\0b\r\n\r\n", 12), Event::error, Refusal::malformed, "NUL"},
    {"bare_lf", "POST / HTTP/1.1\nHost: h\n\n", Event::error, Refusal::malformed, "bare LF"},
    {"bare_lf_in_field", kHead + "X-A: b\n\r\n", Event::error, Refusal::malformed,
     "line 3 of the head ends in a bare LF"},
    {"bare_cr", kHead + "X-A: b\rc\r\n\r\n", Event::error, Refusal::malformed, "bare CR"},
    {"head_over_limit", kHead + "X-A: " + std::string(2000, 'a') + "\r\n\r\n", Event::error, Refusal::head_too_large,
     "larger than 1024"},
    {"head_of_carriage_returns_over_limit", std::string(3000, '\r'), Event::error, Refusal::head_too_large,
     "larger than 1024"},
    // Host (RFC 9112 3.2).
    {"no_host", "POST / HTTP/1.1\r\nX-A: b\r\n\r\n", Event::error, Refusal::malformed, "Host is missing"},
    {"no_host_in_http_1_0", "POST / HTTP/1.0\r\n\r\n", Event::complete, {}, {}, std::nullopt, false},
    {"two_hosts", kHead + "Host: h\r\n\r\n", Event::error, Refusal::malformed, "Host is repeated"},
    {"empty_host", "POST / HTTP/1.1\r\nHost:\r\n\r\n", Event::complete, {}, {}, std::nullopt},
    {"host_with_port_and_ipv6", "POST / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n", Event::complete, {}, {}, std::nullopt},
    {"host_with_space", "POST / HTTP/1.1\r\nHost: a b\r\n\r\n", Event::error, Refusal::malformed, "Host value"},
    // The request line (RFC 9112 3).
    {"space_in_target", "POST /a b HTTP/1.1\r\nHost: h\r\n\r\n", Event::error, Refusal::malformed,
     "not METHOD SP TARGET SP VERSION"},
    {"two_spaces", "POST  / HTTP/1.1\r\nHost: h\r\n\r\n", Event::error, Refusal::malformed, "not METHOD SP"},
    {"no_version", "POST /\r\nHost: h\r\n\r\n", Event::error, Refusal::malformed, "not METHOD SP"},
    {"method_not_token", "PO(ST / HTTP/1.1\r\nHost: h\r\n\r\n", Event::error, Refusal::malformed,
     "method is not a token"},
    {"lowercase_version", "POST / http/1.1\r\nHost: h\r\n\r\n", Event::error, Refusal::malformed,
     "version is malformed"},
    {"long_version", "POST / HTTP/1.10\r\nHost: h\r\n\r\n", Event::error, Refusal::malformed, "version is malformed"},
    {"http_2", "POST / HTTP/2.0\r\nHost: h\r\n\r\n", Event::error, Refusal::version, "HTTP/2 is not supported"},
    {"empty_request_line", "\n", Event::error, Refusal::malformed, "request line is empty"},
    {"leading_empty_lines_ignored", "\r\n\r\n" + kHead + "\r\n", Event::complete, {}, {}, std::nullopt},
    {"incomplete_head", kHead, Event::need_more},
    // Connection management.
    {"connection_close", kHead + "Connection: keep-alive, Close\r\n\r\n", Event::complete, {}, {}, std::nullopt, false},
    {"http_1_0_keep_alive",
     "POST / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n",
     Event::complete,
     {},
     {},
     std::nullopt,
     true},
};

class FramingTable : public ::testing::TestWithParam<FramingCase> {};

TEST_P(FramingTable, SameResultWhateverTheReadSizes) {
  const FramingCase& c = GetParam();
  for (const std::size_t piece : {std::size_t{1}, std::size_t{2}, std::size_t{7}, std::size_t{64}, c.bytes.size()}) {
    const Parsed parsed = parse_in_pieces(c.bytes, std::max<std::size_t>(piece, 1), small_limits());
    SCOPED_TRACE("pieces of " + std::to_string(piece));
    ASSERT_EQ(parsed.event, c.event) << parsed.message;
    if (c.event == Event::error) {
      EXPECT_EQ(parsed.refusal, c.refusal) << parsed.message;
      EXPECT_NE(parsed.message.find(c.message), std::string::npos) << parsed.message;
    }
    if (c.event == Event::complete) {
      EXPECT_EQ(parsed.body, c.body);
      EXPECT_EQ(parsed.keep_alive, c.keep_alive);
      EXPECT_EQ(parsed.left, 0u);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(MockHttpParser, FramingTable, ::testing::ValuesIn(kFramingCases),
                         [](const ::testing::TestParamInfo<FramingCase>& row) { return row.param.name; });

// HSS's answer rules, as its document writes them (x-reqprobe-answers).
const ExactAnswers& hss_answers() {
  static const std::shared_ptr<const Contract> hss = load_embedded_contract().contract;
  return hss->plan().exact_answers;
}

TEST(MockHttpParser, KeepsTheHeadExactlyAsSent) {
  const std::string bytes =
      "post /v5/a%20b?x=1&x=2 HTTP/1.1\r\nHost: h\r\nX-Auth-Token:  t1 \t\r\nx-auth-token: t2\r\n"
      "Region:\r\nContent-Length: 3\r\n\r\nabcGET";
  const Parsed parsed = parse_in_pieces(bytes, bytes.size());
  ASSERT_EQ(parsed.event, Event::complete);
  EXPECT_EQ(parsed.method, "post");
  EXPECT_EQ(parsed.target, "/v5/a%20b?x=1&x=2");
  EXPECT_EQ(parsed.version, "HTTP/1.1");
  const std::vector<std::pair<std::string, std::string>> headers = {
      {"Host", "h"}, {"X-Auth-Token", "t1"}, {"x-auth-token", "t2"}, {"Region", ""}, {"Content-Length", "3"}};
  EXPECT_EQ(parsed.headers, headers);
  EXPECT_EQ(parsed.framing, Framing::content_length);
  EXPECT_EQ(parsed.body, "abc");
  EXPECT_EQ(parsed.left, 3u);  // the next request's bytes stay for it
}

TEST(MockHttpParser, TrailerFieldsAreDroppedNotMerged) {
  const Parsed parsed = parse_in_pieces(
      kHead + "Transfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\nX-Auth-Token: t\r\n\r\n", 5, small_limits());
  ASSERT_EQ(parsed.event, Event::complete);
  EXPECT_EQ(parsed.body, "a");
  EXPECT_EQ(parsed.headers.size(), 2u);  // Host and Transfer-Encoding only
}

TEST(MockHttpParser, ExpectContinueOnlyInHttp11) {
  EXPECT_TRUE(parse_in_pieces(kHead + "Expect: 100-Continue\r\n\r\n", 100).expect_continue);
  EXPECT_FALSE(parse_in_pieces("POST / HTTP/1.0\r\nExpect: 100-continue\r\n\r\n", 100).expect_continue);
  EXPECT_FALSE(parse_in_pieces(kHead + "Expect: something-else\r\n\r\n", 100).expect_continue);
}

TEST(MockHttpParser, ParsesRequestAfterRequestOnOneConnection) {
  Http1Parser parser(small_limits());
  std::string pending = kHead + "Content-Length: 2\r\n\r\nab" + kHead +
                        "Transfer-Encoding: chunked\r\n\r\n1\r\nc\r\n0" + "\r\n\r\n" + kHead + "\r\n";
  std::vector<std::optional<std::string>> bodies;
  while (!pending.empty() || parser.started()) {
    std::size_t used = 0;
    const Event event = parser.parse(pending, used);
    ASSERT_NE(event, Event::error) << parser.error().message;
    ASSERT_NE(event, Event::need_more);
    if (event == Event::complete) {
      const auto body = parser.body();
      bodies.push_back(body ? std::optional<std::string>(std::string(*body)) : std::nullopt);
      parser.next();
    }
    pending.erase(0, used);
  }
  EXPECT_EQ(bodies, (std::vector<std::optional<std::string>>{"ab", "c", std::nullopt}));
}

// Item 8: the search for the end of a head resumes where it stopped. A 2 MiB head of CR bytes (no LF ever comes)
// in 128-byte pieces costs 2 MiB of scanning, not the 16 GiB a search from the start after every read costs.
TEST(MockHttpParser, HeadSearchIsLinearInTheBytesReceived) {
  Http1Limits limits;
  limits.max_head_bytes = 4 * 1024 * 1024;  // above the input: the whole 2 MiB is searched
  Http1Parser parser(limits);
  std::string pending;
  const std::size_t total = 2 * 1024 * 1024;
  for (std::size_t fed = 0; fed < total; fed += 128) {
    pending.append(128, '\r');
    std::size_t used = 0;
    ASSERT_EQ(parser.parse(pending, used), Event::need_more);
    pending.erase(0, used);
  }
  EXPECT_EQ(parser.bytes_scanned(), total);

  // With the default 1 MiB limit the same input is refused once the limit is passed, having searched it once.
  Http1Parser limited;
  pending.clear();
  Event event = Event::need_more;
  std::size_t fed = 0;
  for (; fed < total && event == Event::need_more; fed += 128) {
    pending.append(128, '\r');
    std::size_t used = 0;
    event = limited.parse(pending, used);
    pending.erase(0, used);
  }
  EXPECT_EQ(event, Event::error);
  EXPECT_EQ(limited.error().refusal, Refusal::head_too_large);
  EXPECT_LE(fed, Http1Limits{}.max_head_bytes + 128);
  EXPECT_EQ(limited.bytes_scanned(), fed);

  // A real head of many short lines arriving a few bytes at a time is searched once too.
  std::string head = kHead;
  for (int i = 0; i < 200; ++i) head += "X-Field-" + std::to_string(i) + ": value\r\n";
  head += "\r\n";
  Http1Parser lines;
  pending.clear();
  for (std::size_t at = 0; at < head.size(); at += 3) {
    pending.append(head.substr(at, 3));
    std::size_t used = 0;
    event = lines.parse(pending, used);
    pending.erase(0, used);
  }
  EXPECT_EQ(event, Event::head);
  EXPECT_EQ(lines.bytes_scanned(), head.size());
}

TEST(MockHttpParser, LargeBuffersAreReleasedBetweenRequests) {
  Http1Parser parser;
  std::string body(1024 * 1024, 'a');
  char size[32];
  std::snprintf(size, sizeof size, "%zx\r\n", body.size());
  std::string pending = kHead + "Transfer-Encoding: chunked\r\n\r\n" + size + body + "\r\n0\r\n\r\n";
  Event event = Event::need_more;
  while (event != Event::complete) {
    std::size_t used = 0;
    event = parser.parse(pending, used);
    ASSERT_NE(event, Event::error);
    if (event != Event::complete) pending.erase(0, used);
  }
  EXPECT_GE(parser.held_bytes(), body.size());
  parser.next();
  EXPECT_LT(parser.held_bytes(), 128u * 1024);
}

// ---- what the mock answers ------------------------------------------------------------------------------------

std::shared_ptr<const Contract> contract() {
  static const std::shared_ptr<const Contract> loaded = load_embedded_contract().contract;
  return loaded;
}

const std::string kTarget = "/v5/0f7e0b2c/image/image-scan/tasks";

MockAnswer answer_to(const Request& request, MockDefects defects = {}) {
  const MockResponder responder(contract(), std::move(defects));
  Validator validator(contract());
  return responder.answer(validator, request, 0);
}

Violation violation(Code code, Location location, std::string pointer = {}) {
  Violation v;
  v.code = code;
  v.location = location;
  v.pointer = std::move(pointer);
  return v;
}

TEST(MockHttpResponder, DecidingViolationIsTheFirstOfTheStrongestClass) {
  const std::vector<std::string> credentials = {"x-auth-token"};
  const std::vector<Violation> body_first = {violation(Code::maximum, Location::body, "/rate_limit"),
                                             violation(Code::syntax, Location::body)};
  ASSERT_NE(deciding_violation(hss_answers(), body_first, credentials), nullptr);
  EXPECT_EQ(deciding_violation(hss_answers(), body_first, credentials), &body_first[1]);
  const std::vector<Violation> mixed = {
      violation(Code::syntax, Location::body), violation(Code::required, Location::header, "x-auth-token"),
      violation(Code::max_length, Location::header, "x-auth-token"), violation(Code::method, Location::request)};
  EXPECT_EQ(deciding_violation(hss_answers(), mixed, credentials), &mixed[3]);
  EXPECT_EQ(deciding_violation(hss_answers(), std::span(mixed).first(3), credentials), &mixed[1]);
  Violation warning = violation(Code::unknown, Location::body, "/x");
  warning.severity = Severity::warning;
  EXPECT_EQ(deciding_violation(hss_answers(), std::vector{warning}, credentials), nullptr);
  EXPECT_EQ(answer_rule(hss_answers(), warning, credentials), std::string::npos);
}

// Item 11: the message describes the violation that chose the answer, not the first one found.
TEST(MockHttpResponder, MessageOfHss0002DescribesTheSyntaxErrorNotTheFirstViolation) {
  const Header headers[] = {{"X-Auth-Token", "token-value"}, {"Content-Type", "application/json"}};
  const MockAnswer answer = answer_to({"POST", kTarget, headers, R"({"rate_limit":1001,"is_all":tru})"});
  EXPECT_EQ(answer.status, 400);
  EXPECT_EQ(answer.error_code, "HSS.0002");
  EXPECT_EQ(answer.error_msg.rfind("the request body cannot be parsed: syntax body", 0), 0u) << answer.error_msg;
  EXPECT_EQ(answer.error_msg.find("rate_limit"), std::string::npos) << answer.error_msg;
}

TEST(MockHttpResponder, MessageOfAHeaderLimitDoesNotBlameTheBody) {
  std::vector<std::string> names;
  for (int i = 0; i < 300; ++i) names.push_back("X-Extra-" + std::to_string(i));
  std::vector<Header> headers = {{"X-Auth-Token", "token-value"}, {"Content-Type", "application/json"}};
  for (const std::string& name : names) headers.push_back({name, "v"});
  const MockAnswer answer = answer_to({"POST", kTarget, headers, R"({"is_all":true})"});
  EXPECT_EQ(answer.error_code, "HSS.0002");
  EXPECT_EQ(answer.error_msg.rfind("the request cannot be parsed: limit header", 0), 0u) << answer.error_msg;
}

TEST(MockHttpResponder, MessageOf401DescribesTheCredential) {
  const Header none[] = {{"Content-Type", "application/json"}};
  const MockAnswer missing = answer_to({"POST", kTarget, none, R"({"rate_limit":1001,"is_all":tru})"});
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(missing.error_msg, "x-auth-token not found");
  const Header twice[] = {{"X-Auth-Token", "a"}, {"X-Auth-Token", "b"}, {"Content-Type", "application/json"}};
  const MockAnswer repeated = answer_to({"POST", kTarget, twice, R"({"rate_limit":1001})"});
  EXPECT_EQ(repeated.status, 401);
  EXPECT_EQ(repeated.error_msg, "decrypt token fail");
}

TEST(MockHttpResponder, MessageOf404DescribesTheRouting) {
  const Header headers[] = {{"Content-Type", "application/json"}};  // no token either: 404 still wins
  const MockAnswer answer = answer_to({"post", kTarget, headers, R"({"is_all":tru})"});
  EXPECT_EQ(answer.status, 404);
  EXPECT_EQ(answer.error_code, "APIGW.0101");
  EXPECT_NE(answer.error_msg.find("method request"), std::string::npos) << answer.error_msg;
  EXPECT_EQ(answer.error_msg.find("syntax"), std::string::npos) << answer.error_msg;
  EXPECT_EQ(answer.error_msg.find("x-auth-token"), std::string::npos) << answer.error_msg;
}

TEST(MockHttpResponder, MessageOfHss0001DescribesAParameterViolation) {
  const Header headers[] = {{"X-Auth-Token", "token-value"}, {"Content-Type", "application/json"}};
  const MockAnswer answer = answer_to({"POST", kTarget, headers, R"({"is_all":true,"rate_limit":1001})"});
  EXPECT_EQ(answer.error_code, "HSS.0001");
  EXPECT_EQ(answer.error_msg.rfind("invalid parameter: maximum body /rate_limit", 0), 0u) << answer.error_msg;
}

TEST(MockHttpResponder, RefusalsMapToDocumentedAnswers) {
  struct Row {
    Refusal refusal;
    int status;
    std::string code;
  };
  const Row rows[] = {{Refusal::malformed, 400, "HSS.0002"},      {Refusal::body_too_large, 400, "HSS.0002"},
                      {Refusal::head_too_large, 431, "HSS.0002"}, {Refusal::not_implemented, 501, "HSS.0002"},
                      {Refusal::version, 505, "HSS.0002"},        {Refusal::timeout, 408, "HSS.0002"},
                      {Refusal::busy, 503, "APIGW.0308"}};
  for (const Row& row : rows) {
    const RefusalAnswer answer = refusal_answer(row.refusal, "why", "HSS.0002");
    EXPECT_EQ(answer.status, row.status);
    EXPECT_EQ(answer.error_code, row.code);
    EXPECT_NE(answer.error_msg.find("why"), std::string::npos);
  }
  // The body limit reads like the validator's `limit` at body, which replay expects as 400 HSS.0002.
  EXPECT_EQ(refusal_answer(Refusal::body_too_large, "body of 9 bytes exceeds the limit of 8", "HSS.0002").error_msg,
            "the request body cannot be parsed: limit body: body of 9 bytes exceeds the limit of 8");
  EXPECT_EQ(refusal_answer(Refusal::busy, "x", "HSS.0002").retry_after_seconds, 1);
}

TEST(MockHttpResponder, ResponsesAreWrittenWhole) {
  std::string out;
  ResponseParts parts;
  parts.status = 400;
  parts.request_id = "id";
  parts.content_type = "application/json";
  parts.body = "{}";
  parts.close = true;
  append_response(out, parts, "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(out,
            "HTTP/1.1 400 Bad Request\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nX-Request-Id: id\r\n"
            "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
  out.clear();
  parts.head = true;
  parts.close = false;
  parts.keep_alive = true;
  parts.retry_after_seconds = 1;
  append_response(out, parts, "d");
  EXPECT_EQ(out,
            "HTTP/1.1 400 Bad Request\r\nDate: d\r\nX-Request-Id: id\r\nRetry-After: 1\r\n"
            "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\n");
  EXPECT_EQ(http_date(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
}

// ---- the server over loopback ----------------------------------------------------------------------------------

struct Response {
  int status = 0;
  std::map<std::string, std::string> headers;  ///< lowercased names
  std::string body;
  [[nodiscard]] std::string header(const std::string& name) const {
    const auto found = headers.find(name);
    return found == headers.end() ? std::string() : found->second;
  }
};

// A blocking loopback client with a receive timeout: every wait in these tests is bounded by it.
class Client {
 public:
  enum class End { closed, reset, timeout, data };

  explicit Client(int port, std::chrono::milliseconds timeout = 5000ms, int receive_buffer = 0) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (receive_buffer > 0) ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
    const timeval tv{static_cast<time_t>(timeout.count() / 1000),
                     static_cast<suseconds_t>(timeout.count() % 1000 * 1000)};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
  }
  ~Client() {
    if (fd_ >= 0) ::close(fd_);
  }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  [[nodiscard]] bool connected() const noexcept { return connected_; }

  /// One non-blocking send: the bytes sent, or -1 with errno.
  ssize_t send_some(std::string_view bytes) {
    return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  }

  bool send(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }
  void shutdown_writes() { ::shutdown(fd_, SHUT_WR); }

  /// The next response; nullopt when the connection ends or the timeout passes first.
  std::optional<Response> read_response(bool head_request = false) {
    std::size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos)
      if (!fill()) return std::nullopt;
    Response response;
    const std::string head = buffer_.substr(0, end + 2);
    buffer_.erase(0, end + 4);
    response.status = std::atoi(head.substr(9, 3).c_str());
    for (std::size_t at = head.find("\r\n") + 2; at < head.size();) {
      const std::size_t eol = head.find("\r\n", at);
      const std::string line = head.substr(at, eol - at);
      at = eol + 2;
      const std::size_t colon = line.find(':');
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      response.headers[name] = line.substr(colon + 2);
    }
    const std::size_t length = head_request || response.status < 200
                                   ? 0
                                   : std::strtoul(response.header("content-length").c_str(), nullptr, 10);
    while (buffer_.size() < length)
      if (!fill()) return std::nullopt;
    response.body = buffer_.substr(0, length);
    buffer_.erase(0, length);
    return response;
  }

  /// What follows the responses read so far (a reset is reported by the first read after it, so it is kept).
  End read_end() {
    if (!buffer_.empty()) return End::data;
    return fill() ? End::data : end_;
  }

 private:
  bool fill() {
    if (end_ == End::closed || end_ == End::reset) return false;
    char chunk[65536];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n > 0) {
      buffer_.append(chunk, static_cast<std::size_t>(n));
      return true;
    }
    end_ = n == 0 ? End::closed : errno == ECONNRESET ? End::reset : End::timeout;
    return false;
  }

  int fd_ = -1;
  bool connected_ = false;
  std::string buffer_;
  End end_ = End::data;  ///< how the connection ended, once it has
};

struct RunningMock {
  std::unique_ptr<MockServer> server;
  int port = -1;
};

RunningMock start_mock(MockServerOptions options = {}, const std::vector<std::string>& defect_names = {},
                       MockTimings timings = {}) {
  MockDefects defects;
  std::string error;
  EXPECT_TRUE(parse_defects(defect_names, defects, error)) << error;
  RunningMock mock;
  mock.server = std::make_unique<MockServer>(std::make_shared<const MockResponder>(contract(), defects, timings),
                                             std::move(options));
  mock.port = mock.server->start();
  EXPECT_GT(mock.port, 0) << mock.server->error();
  return mock;
}

std::string valid_request(const std::string& extra = "") {
  return "POST " + kTarget +
         " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: token-value\r\nContent-Type: application/json\r\n" + extra +
         "Content-Length: 15\r\n\r\n{\"is_all\":true}";
}

std::string request_head(const std::string& extra) {
  return "POST " + kTarget +
         " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: token-value\r\nContent-Type: application/json\r\n" + extra +
         "\r\n";
}

// Polls `condition` for up to 5 s (the server's counters move on its own threads).
template <typename Condition>
bool eventually(Condition condition) {
  for (int i = 0; i < 500; ++i) {
    if (condition()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return condition();
}

std::string error_code_of(const Response& response) {
  const std::size_t at = response.body.find("\"error_code\":\"");
  return at == std::string::npos ? "" : response.body.substr(at + 14, response.body.find('"', at + 14) - at - 14);
}

// Item 7: 70 connections trickling a header line at a time do not starve anyone, even with one event loop; the
// head deadline then closes them.
TEST(MockHttpServer, NormalClientIsAnsweredWhileSeventySlowConnectionsAreOpen) {
  MockServerOptions options;
  options.threads = 1;
  options.head_timeout = 2000ms;
  RunningMock mock = start_mock(options);
  std::vector<std::unique_ptr<Client>> slow;
  for (int i = 0; i < 70; ++i) {
    slow.push_back(std::make_unique<Client>(mock.port));
    ASSERT_TRUE(slow.back()->connected());
    slow.back()->send("POST " + kTarget + " HTTP/1.1\r\n");
  }
  ASSERT_TRUE(eventually([&] { return mock.server->stats().open >= 70; }));
  std::atomic<bool> trickling{true};
  std::thread trickler([&] {
    while (trickling) {
      for (auto& client : slow) client->send("X-Slow: 1\r\n");
      std::this_thread::sleep_for(100ms);
    }
  });
  std::optional<Response> response;
  {
    Client normal(mock.port);
    if (normal.send(valid_request())) response = normal.read_response();
  }
  trickling = false;
  trickler.join();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 200);
  // The slow ones end at their head deadline, with 408.
  for (auto& client : slow) {
    const std::optional<Response> late = client->read_response();
    if (late) {
      EXPECT_EQ(late->status, 408);
    }
  }
  EXPECT_GE(mock.server->stats().timed_out, 70u);
  slow.clear();  // ends their lingering closes
  EXPECT_TRUE(eventually([&] { return mock.server->stats().open == 0; }));
}

TEST(MockHttpServer, ConnectionsPastTheCapGet503AndTheCapFreesUp) {
  MockServerOptions options;
  options.max_connections = 8;
  RunningMock mock = start_mock(options);
  std::vector<std::unique_ptr<Client>> idle;
  for (int i = 0; i < 8; ++i) idle.push_back(std::make_unique<Client>(mock.port));
  ASSERT_TRUE(eventually([&] { return mock.server->stats().open == 8; }));
  Client refused(mock.port);
  const std::optional<Response> busy = refused.read_response();
  ASSERT_TRUE(busy.has_value());
  EXPECT_EQ(busy->status, 503);
  EXPECT_EQ(busy->header("retry-after"), "1");
  EXPECT_EQ(error_code_of(*busy), "APIGW.0308");
  EXPECT_FALSE(busy->header("x-request-id").empty());
  idle.clear();
  ASSERT_TRUE(eventually([&] { return mock.server->stats().open == 0; }));
  Client later(mock.port);
  ASSERT_TRUE(later.send(valid_request()));
  const std::optional<Response> served = later.read_response();
  ASSERT_TRUE(served.has_value());
  EXPECT_EQ(served->status, 200);
  EXPECT_EQ(mock.server->stats().refused, 1u);
}

// Item 8: the issue's 2 MiB head of CR bytes in 128-byte pieces gets 431 (it used to end in a close and no answer).
TEST(MockHttpServer, HeadOfTwoMebibytesOfCarriageReturnsGets431) {
  RunningMock mock = start_mock();
  Client client(mock.port);
  const std::string piece(128, '\r');
  for (std::size_t sent = 0; sent < 2 * 1024 * 1024; sent += piece.size())
    if (!client.send(piece)) break;  // the server has answered and may stop reading
  const std::optional<Response> response = client.read_response();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 431);
  EXPECT_EQ(response->header("connection"), "close");
  EXPECT_EQ(error_code_of(*response), "HSS.0002");
  EXPECT_LE(mock.server->stats().peak_buffered_bytes, 3u * 1024 * 1024);  // the head limit, not the input
}

// Item 9: a body over the limit is refused from its Content-Length, before a byte of it is sent, and the rest
// is read and dropped: nothing of it is held.
TEST(MockHttpServer, ContentLengthOverTheBodyLimitGets400BeforeAnyBodyByte) {
  RunningMock mock = start_mock();
  Client client(mock.port);
  ASSERT_TRUE(client.send(request_head("Content-Length: 9437184\r\n")));
  const std::optional<Response> response = client.read_response();  // no body byte sent yet
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(error_code_of(*response), "HSS.0002");
  EXPECT_NE(response->body.find("limit body"), std::string::npos) << response->body;
  EXPECT_EQ(response->header("connection"), "close");
  const std::string piece(64 * 1024, 'x');
  for (std::size_t sent = 0; sent < 9437184; sent += piece.size())
    if (!client.send(piece)) break;
  client.shutdown_writes();
  EXPECT_EQ(client.read_end(), Client::End::closed);
  EXPECT_LT(mock.server->stats().peak_buffered_bytes, 1024u * 1024);
}

TEST(MockHttpServer, NegativeAndHugeContentLengthsGet400AtOnce) {
  RunningMock mock = start_mock();
  for (const std::string length : {"-1", "12345678901234567890123"}) {
    Client client(mock.port);
    ASSERT_TRUE(client.send(request_head("Content-Length: " + length + "\r\n")));
    const std::optional<Response> response = client.read_response();
    ASSERT_TRUE(response.has_value()) << length;
    EXPECT_EQ(response->status, 400) << length;
    EXPECT_EQ(error_code_of(*response), "HSS.0002") << length;
  }
}

TEST(MockHttpServer, ChunkedBodyOverTheLimitGets400WhenItPassesIt) {
  RunningMock mock = start_mock();
  Client client(mock.port);
  ASSERT_TRUE(client.send(request_head("Transfer-Encoding: chunked\r\n")));
  const std::string chunk = "100000\r\n" + std::string(0x100000, ' ') + "\r\n";  // 1 MiB of JSON whitespace
  std::optional<Response> response;
  for (int i = 0; i < 9 && client.send(chunk); ++i) {
  }
  response = client.read_response();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(error_code_of(*response), "HSS.0002");
  EXPECT_NE(response->body.find("limit body"), std::string::npos) << response->body;
}

// Item 10 over the socket: each framing error gets its answer and the connection closes; valid oddities are
// served and the connection stays usable when RFC 9112 allows it.
TEST(MockHttpServer, FramingAnswersAndWhenTheConnectionCloses) {
  struct Row {
    std::string name;
    std::string bytes;
    int status;
    std::string error_code;
    bool closes;
  };
  const std::string body = "{\"is_all\":true}";
  const std::vector<Row> rows = {
      {"two Content-Lengths", request_head("Content-Length: 15\r\nContent-Length: 16\r\n") + body, 400, "HSS.0002",
       true},
      {"same Content-Length twice", request_head("Content-Length: 15\r\nContent-Length: 15\r\n") + body, 200, "",
       false},
      {"Transfer-Encoding and Content-Length",
       request_head("Content-Length: 99\r\nTransfer-Encoding: chunked\r\n") + "f\r\n" + body + "\r\n0\r\n\r\n", 200, "",
       true},
      {"chunked then identity", request_head("Transfer-Encoding: chunked, identity\r\n"), 400, "HSS.0002", true},
      {"unknown coding", request_head("Transfer-Encoding: gzip, chunked\r\n"), 501, "HSS.0002", true},
      {"folded line", request_head("X-A: b\r\n c\r\nContent-Length: 0\r\n"), 400, "HSS.0002", true},
      {"space before colon", request_head("Region : r\r\nContent-Length: 0\r\n"), 400, "HSS.0002", true},
      {"no Host", "POST " + kTarget + " HTTP/1.1\r\nX-Auth-Token: t\r\nContent-Length: 0\r\n\r\n", 400, "HSS.0002",
       true},
      {"chunked with a trailer",
       request_head("Transfer-Encoding: chunked\r\n") + "f\r\n" + body + "\r\n0\r\nX-Trailer: 1\r\n\r\n", 200, "",
       false},
      {"HTTP/2", "POST " + kTarget + " HTTP/2.0\r\nHost: h\r\n\r\n", 505, "HSS.0002", true},
  };
  RunningMock mock = start_mock();
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    Client client(mock.port);
    ASSERT_TRUE(client.send(row.bytes));
    const std::optional<Response> response = client.read_response();
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->status, row.status) << response->body;
    EXPECT_EQ(error_code_of(*response), row.error_code) << response->body;
    EXPECT_FALSE(response->header("x-request-id").empty());
    if (row.closes) {
      EXPECT_EQ(response->header("connection"), "close");
      EXPECT_EQ(client.read_end(), Client::End::closed);
    } else {
      ASSERT_TRUE(client.send(valid_request()));
      const std::optional<Response> next = client.read_response();
      ASSERT_TRUE(next.has_value());
      EXPECT_EQ(next->status, 200);
    }
  }
  EXPECT_EQ(mock.server->stats().rejected, 7u);
  EXPECT_EQ(mock.server->requests(), 12u);  // 3 served rows, 2 follow-ups, 7 refused for their framing
}

TEST(MockHttpServer, HeadAndBodyDeadlinesAnswer408AndIdleConnectionsClose) {
  MockServerOptions options;
  options.head_timeout = 300ms;
  options.body_timeout = 300ms;
  options.idle_timeout = 300ms;
  RunningMock mock = start_mock(options);
  {
    Client partial_head(mock.port);
    ASSERT_TRUE(partial_head.send("POST " + kTarget + " HTTP/1.1\r\nHost: h\r\n"));
    const std::optional<Response> response = partial_head.read_response();
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->status, 408);
    EXPECT_NE(response->body.find("request head did not arrive"), std::string::npos);
  }
  {
    Client partial_body(mock.port);
    ASSERT_TRUE(partial_body.send(request_head("Content-Length: 15\r\n") + "{\"is_"));
    const std::optional<Response> response = partial_body.read_response();
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->status, 408);
    EXPECT_NE(response->body.find("request body did not arrive"), std::string::npos);
  }
  {
    Client silent(mock.port);
    EXPECT_EQ(silent.read_end(), Client::End::closed);  // never sent anything: closed without an answer
  }
  {
    Client kept(mock.port);
    ASSERT_TRUE(kept.send(valid_request()));
    const std::optional<Response> response = kept.read_response();
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(kept.read_end(), Client::End::closed);  // idle past the keep-alive timeout
  }
  EXPECT_GE(mock.server->stats().timed_out, 3u);
  EXPECT_EQ(mock.server->requests(), 1u);  // timeouts are not requests
}

// Pipelined requests from a client that reads no answer: the server stops reading once answers back up (nothing
// grows without bound), and the send deadline ends the connection.
TEST(MockHttpServer, AClientThatReadsNothingIsCutOffAtTheSendDeadline) {
  MockServerOptions options;
  options.send_timeout = 300ms;
  RunningMock mock = start_mock(options);
  Client client(mock.port, 5000ms, 4096);
  std::string batch;
  for (int i = 0; i < 1000; ++i) batch += valid_request();
  // Keep pushing (waiting when the socket is full) until the server ends the connection; at most 5 s of waits.
  bool ended = false;
  std::size_t at = 0;  // where the stream of requests is in the batch
  for (int waits = 0; !ended && waits < 5000;) {
    const ssize_t n = client.send_some(std::string_view(batch).substr(at));
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      std::this_thread::sleep_for(1ms);
      ++waits;
    } else if (n <= 0) {
      ended = true;
    } else {
      at = (at + static_cast<std::size_t>(n)) % batch.size();
    }
  }
  EXPECT_TRUE(ended);
  EXPECT_GE(mock.server->stats().timed_out, 1u);
  EXPECT_TRUE(eventually([&] { return mock.server->stats().open == 0; }));
  EXPECT_LT(mock.server->stats().peak_buffered_bytes, 2u * 1024 * 1024);  // answers were not piled up
}

TEST(MockHttpServer, AnAnswerDelayedPastTheIdleTimeoutKeepsTheConnection) {
  MockServerOptions options;
  options.idle_timeout = 100ms;
  MockTimings timings;
  timings.slow = 300ms;
  RunningMock mock = start_mock(options, {"slow-answers"}, timings);
  Client client(mock.port);
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(client.send(valid_request()));
    const std::optional<Response> response = client.read_response();
    ASSERT_TRUE(response.has_value()) << i;
    EXPECT_EQ(response->status, 200);
  }
  EXPECT_EQ(mock.server->stats().accepted, 1u);
}

// The behaviour replay relies on, kept from the httplib-based mock.
TEST(MockHttpServer, KeepsConnectionsAliveAndAnswersPipelinedRequestsInOrder) {
  RunningMock mock = start_mock();
  Client client(mock.port);
  const std::string bad_body = request_head("Content-Length: 2\r\n") + "{]";
  ASSERT_TRUE(client.send(valid_request() + bad_body + valid_request()));
  const int expected[] = {200, 400, 200};
  for (const int status : expected) {
    const std::optional<Response> response = client.read_response();
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->status, status);
    EXPECT_EQ(response->header("connection"), "");
  }
  ASSERT_TRUE(client.send(valid_request()));
  const std::optional<Response> again = client.read_response();
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->status, 200);
  EXPECT_EQ(mock.server->stats().accepted, 1u);
  EXPECT_EQ(mock.server->requests(), 4u);
}

TEST(MockHttpServer, Http10ClosesUnlessKeepAlive) {
  RunningMock mock = start_mock();
  std::string request = valid_request();
  request.replace(request.find("HTTP/1.1"), 8, "HTTP/1.0");
  {
    Client client(mock.port);
    ASSERT_TRUE(client.send(request));
    const std::optional<Response> response = client.read_response();
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->header("connection"), "close");
    EXPECT_EQ(client.read_end(), Client::End::closed);
  }
  {
    Client client(mock.port);
    const std::string keep = request.substr(0, request.find("\r\n") + 2) + "Connection: keep-alive\r\n" +
                             request.substr(request.find("\r\n") + 2);
    ASSERT_TRUE(client.send(keep + keep));
    for (int i = 0; i < 2; ++i) {
      const std::optional<Response> response = client.read_response();
      ASSERT_TRUE(response.has_value());
      EXPECT_EQ(response->header("connection"), "keep-alive");
    }
  }
}

TEST(MockHttpServer, HeadGetsNoBodyAndTheConnectionStaysUsable) {
  RunningMock mock = start_mock();
  Client client(mock.port);
  ASSERT_TRUE(client.send("HEAD " + kTarget + " HTTP/1.1\r\nHost: h\r\nX-Auth-Token: t\r\n\r\n"));
  const std::optional<Response> head = client.read_response(true);
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->status, 404);  // a path that exists only for POST
  EXPECT_NE(head->header("content-length"), "0");
  ASSERT_TRUE(client.send(valid_request()));
  const std::optional<Response> next = client.read_response();  // would misparse if HEAD had carried a body
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->status, 200);
}

TEST(MockHttpServer, ExpectContinueGets100BeforeTheBody) {
  RunningMock mock = start_mock();
  Client client(mock.port);
  ASSERT_TRUE(client.send(request_head("Expect: 100-continue\r\nContent-Length: 15\r\n")));
  const std::optional<Response> interim = client.read_response();
  ASSERT_TRUE(interim.has_value());
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(client.send("{\"is_all\":true}"));
  const std::optional<Response> response = client.read_response();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 200);
}

TEST(MockHttpServer, JudgesTheExactBytesSent) {
  RunningMock mock = start_mock();
  Client client(mock.port);
  std::string lower = valid_request();
  lower.replace(0, 4, "post");
  ASSERT_TRUE(client.send(lower));
  const std::optional<Response> method = client.read_response();
  ASSERT_TRUE(method.has_value());
  EXPECT_EQ(method->status, 404);  // methods are case-sensitive
  ASSERT_TRUE(client.send(valid_request("x-auth-token: second\r\n")));
  const std::optional<Response> repeated = client.read_response();
  ASSERT_TRUE(repeated.has_value());
  EXPECT_EQ(repeated->status, 401);  // the repeated token header is seen
  ASSERT_TRUE(client.send(valid_request("X-Long: " + std::string(200000, 'a') + "\r\n")));
  const std::optional<Response> long_header = client.read_response();
  ASSERT_TRUE(long_header.has_value());
  EXPECT_EQ(long_header->status, 200);  // a long header line is fine (httplib's 8 KiB cap is gone)
}

TEST(MockHttpServer, CloseWithoutAnswerResetsTheConnection) {
  RunningMock mock = start_mock({}, {"close-without-answer"});
  Client client(mock.port);
  ASSERT_TRUE(client.send(request_head("Content-Length: 2\r\n") + "{]"));
  EXPECT_FALSE(client.read_response().has_value());
  EXPECT_EQ(client.read_end(), Client::End::reset);
}

TEST(MockHttpServer, StopAnswersADelayedAnswerAtOnce) {
  MockTimings timings;
  timings.slow = 30000ms;
  RunningMock mock = start_mock({}, {"slow-answers"}, timings);
  Client client(mock.port, 10000ms);
  ASSERT_TRUE(client.send(valid_request()));
  ASSERT_TRUE(eventually([&] { return mock.server->requests() == 1; }));
  std::thread stopper([&] { mock.server->stop(); });
  const std::optional<Response> response = client.read_response();
  stopper.join();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 200);
  Client refused(mock.port);
  EXPECT_FALSE(refused.connected());  // the listening socket is closed
}

}  // namespace
}  // namespace reqprobe::replay
