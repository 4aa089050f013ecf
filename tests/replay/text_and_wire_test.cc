// Unit tests, no sockets: the shared escaping function and the report escapers (control characters never reach a
// terminal, JSON stays JSON, XML stays XML 1.0), what HTTP/1.1 can carry (unsendable_reason), the retry decision,
// and how PreparedCase lays out the fields libcurl sends and which of them are credentials.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "prepared_case.h"
#include "printable_text.h"
#include "report_escape.h"
#include "retry_policy.h"
#include "wire_request.h"

namespace reqprobe::replay {
namespace {

struct Escape {
  std::string bytes;
  std::string text;
};

TEST(PrintableText, EscapesWhatATerminalWouldActOn) {
  const std::vector<Escape> rows = {
      {"plain ASCII ~", "plain ASCII ~"},
      {"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\xb3", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\xb3"},  // é € 🐳
      {"a\nb\rc\td", "a\\nb\\rc\\td"},
      {"\x1b[2J\x1b[H", "\\x1b[2J\\x1b[H"},
      {std::string("\0", 1), "\\x00"},
      {"\x7f", "\\x7f"},
      {"\xc2\x85\xc2\x9b\xc2\x9f\xc2\xa0", "\\u0085\\u009b\\u009f\xc2\xa0"},  // C1 controls; NBSP is printable
      {"\xff\xfe", "\\xff\\xfe"},                                             // never valid UTF-8
      {"\xc3(", "\\xc3("},                                                    // a cut sequence
      {"\xe2\x82", "\\xe2\\x82"},
      {"\xed\xa0\x80", "\\xed\\xa0\\x80"},           // a surrogate
      {"\xc0\xaf", "\\xc0\\xaf"},                    // an overlong '/'
      {"\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80"},  // above U+10FFFF
      {"\\x1b stays", "\\x1b stays"},
  };
  for (const Escape& row : rows) {
    EXPECT_EQ(printable_text(row.bytes), row.text) << row.text;
    EXPECT_EQ(is_printable_text(row.bytes), row.bytes == row.text) << row.text;
  }
}

TEST(PrintableText, NoOutputByteIsAControl) {
  std::string every_byte;
  for (int b = 0; b < 256; ++b) every_byte += static_cast<char>(b);
  const std::string text = printable_text(every_byte + every_byte);
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    EXPECT_TRUE(byte >= 0x20 && byte != 0x7f) << static_cast<int>(byte);
  }
  EXPECT_EQ(text.find("\xc2\x80"), std::string::npos);
}

TEST(JsonQuote, StaysValidJsonAndCarriesNoControl) {
  const std::string hostile = std::string("\x1b[2J\n\"\\\0\x7f\xc2\x85\xff", 12) + "\xc3\xa9";
  const std::string quoted = json_quote(hostile);
  EXPECT_EQ(quoted, R"("\u001b[2J\n\"\\\u0000\u007f\u0085)"
                    "\xef\xbf\xbd"
                    "\xc3\xa9\"");
  rapidjson::Document document;
  document.Parse(quoted.data(), quoted.size());
  ASSERT_FALSE(document.HasParseError());
  EXPECT_EQ(std::string(document.GetString(), document.GetStringLength()),
            std::string("\x1b[2J\n\"\\\0\x7f\xc2\x85\xef\xbf\xbd\xc3\xa9", 16));
}

TEST(XmlEscape, StaysXml10) {
  EXPECT_EQ(xml_escape("<a & \"b\" 'c'>"), "&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;");
  EXPECT_EQ(xml_escape("a\tb\nc\rd"), "a&#x9;b&#xA;c&#xD;d");                    // kept exactly, also inside attributes
  EXPECT_EQ(xml_escape(std::string("\x1b[2J\0\x0b", 6)), "\\x1b[2J\\x00\\x0b");  // XML 1.0 cannot carry these
  EXPECT_EQ(xml_escape("\x7f\xc2\x85"), "&#x7F;&#x85;");
  EXPECT_EQ(xml_escape("\xef\xbf\xbe\xef\xbf\xbf"), "\\uFFFE\\uFFFF");  // not XML characters either
  EXPECT_EQ(xml_escape("\xff"), "\xef\xbf\xbd");
}

struct Carry {
  std::string name;
  std::string method;
  std::string target;
  HeaderList headers;
  std::optional<std::string> body;
  std::string reason;
};

TEST(UnsendableReason, WhatHttp11CannotCarry) {
  const HeaderList base = {{"Host", "h"}, {"X-Auth-Token", "t"}};
  const auto with = [&](std::string name, std::string value) {
    HeaderList headers = base;
    headers.emplace_back(std::move(name), std::move(value));
    return headers;
  };
  const std::string body = "{}";
  const std::vector<Carry> rows = {
      {"plain", "POST", "/a?b=c", with("Content-Length", "2"), body, ""},
      {"lowercase method is a token", "post", "/", base, std::nullopt, ""},
      {"raw bytes in the target are carried", "GET", "/a\x7f\xff%zz", base, std::nullopt, ""},
      {"obs-text in a value is carried", "GET", "/", with("Region", "\xe9t\xe9"), std::nullopt, ""},
      {"an empty value is carried", "GET", "/", with("Region", ""), std::nullopt, ""},
      {"leading zeros in Content-Length", "POST", "/", with("Content-Length", "002"), body, ""},
      {"method", "PO ST", "/", base, std::nullopt, "the method is not an HTTP token (RFC 9110 9.1)"},
      {"empty method", "", "/", base, std::nullopt, "the method is not an HTTP token (RFC 9110 9.1)"},
      {"empty target", "GET", "", base, std::nullopt, "the request-target is empty"},
      {"space in target", "GET", "/a b", base, std::nullopt,
       "the request-target holds whitespace, CR, LF or NUL, which would end it on the request line"},
      {"LF in target", "GET", "/a\nb", base, std::nullopt,
       "the request-target holds whitespace, CR, LF or NUL, which would end it on the request line"},
      {"NUL in target", "GET", std::string("/a\0", 3), base, std::nullopt,
       "the request-target holds whitespace, CR, LF or NUL, which would end it on the request line"},
      {"name with a space", "GET", "/", with("X Y", "v"), std::nullopt,
       "the name of header field 3 as sent (Host first) is not an HTTP token (RFC 9110 5.1)"},
      {"name with a colon", "GET", "/", with("X:Y", "v"), std::nullopt,
       "the name of header field 3 as sent (Host first) is not an HTTP token (RFC 9110 5.1)"},
      {"empty name", "GET", "/", with("", "v"), std::nullopt,
       "the name of header field 3 as sent (Host first) is not an HTTP token (RFC 9110 5.1)"},
      {"CRLF in a value", "GET", "/", with("Region", "a\r\nX-Injected: 1"), std::nullopt,
       "the value of Region holds CR, LF or NUL, which would end the field and start another one"},
      {"NUL in a value", "GET", "/", with("Region", std::string("a\0b", 3)), std::nullopt,
       "the value of Region holds CR, LF or NUL, which would end the field and start another one"},
      {"whitespace around a value is carried", "GET", "/", with("Region", " a\t"), std::nullopt, ""},
      {"other controls are carried", "GET", "/", with("Region", "a\x1b\x7f"), std::nullopt, ""},
      {"a second Host", "GET", "/", with("host", "other"), std::nullopt,
       "the case has more than one Host field: libcurl sends only the first"},
      {"Transfer-Encoding", "POST", "/", with("Transfer-Encoding", "chunked"), body,
       "the case has its own Transfer-Encoding field: libcurl would chunk the body, so other bytes would go out"},
      {"Content-Length without a body", "POST", "/", with("Content-Length", "0"), std::nullopt,
       "the case has a Content-Length field but sends no body"},
      {"Content-Length of another size", "POST", "/", with("Content-Length", "3"), body,
       "the Content-Length field says \"3\" but the body has 2 bytes"},
      {"Content-Length not a number", "POST", "/", with("Content-Length", "2x"), body,
       "the Content-Length field says \"...\" but the body has 2 bytes"},
  };
  for (const Carry& row : rows) {
    std::optional<std::string_view> body_view;
    if (row.body) body_view = *row.body;
    EXPECT_EQ(unsendable_reason(row.method, row.target, row.headers, body_view), row.reason) << row.name;
  }
  HeaderList twice = {{"Host", "h"}, {"Content-Length", "2"}, {"content-length", "2"}};
  EXPECT_EQ(unsendable_reason("POST", "/", twice, std::string_view("{}")),
            "the case has more than one Content-Length field");
}

TEST(RetryPolicy, RetriesOnlyWhatCannotHaveBeenActedOn) {
  struct Row {
    SendFailure failure;
    std::string method;
    bool after_send;
    bool retried;
  };
  const std::vector<Row> rows = {
      {SendFailure::not_sent, "POST", false, true},      {SendFailure::not_sent, "PATCH", false, true},
      {SendFailure::maybe_sent, "POST", false, false},   {SendFailure::maybe_sent, "PATCH", false, false},
      {SendFailure::maybe_sent, "post", false, false},   {SendFailure::maybe_sent, "POST", true, true},
      {SendFailure::maybe_sent, "GET", false, true},     {SendFailure::maybe_sent, "HEAD", false, true},
      {SendFailure::maybe_sent, "OPTIONS", false, true}, {SendFailure::maybe_sent, "TRACE", false, true},
      {SendFailure::maybe_sent, "PUT", false, true},     {SendFailure::maybe_sent, "DELETE", false, true},
      {SendFailure::final, "GET", true, false},
  };
  for (const Row& row : rows) {
    RetryPolicy policy;
    policy.after_send = row.after_send;
    EXPECT_EQ(should_retry(policy, row.failure, row.method), row.retried)
        << row.method << " " << static_cast<int>(row.failure) << " " << row.after_send;
  }
}

std::shared_ptr<const Contract> contract() {
  static const std::shared_ptr<const Contract> loaded = load_embedded_contract().contract;
  return loaded;
}

Case make_case(HeaderList headers, std::optional<std::string> body, std::string method = "POST") {
  Case kase;
  kase.id = "c";
  kase.method = std::move(method);
  kase.target = "/v5/p1/image/image-scan/tasks";
  kase.headers = std::move(headers);
  kase.body = std::move(body);
  return kase;
}

TEST(PreparedCase, FieldsAsLibcurlSendsThem) {
  CasePreparer preparer(contract(), {}, {}, "127.0.0.1:9");
  const PreparedCase plain = preparer.prepare(
      make_case({{"X-Auth-Token", "t-1234"}, {"Content-Type", "application/json"}}, R"({"is_all":true})"), "");
  EXPECT_EQ(plain.headers, (HeaderList{{"Host", "127.0.0.1:9"},
                                       {"X-Auth-Token", "t-1234"},
                                       {"Content-Type", "application/json"},
                                       {"Content-Length", "15"}}));
  EXPECT_TRUE(plain.roles[0].implicit);
  EXPECT_TRUE(plain.roles[3].implicit);
  EXPECT_TRUE(plain.roles[1].credential);
  EXPECT_FALSE(plain.roles[1].run_credential);
  EXPECT_TRUE(plain.expected_valid);
  EXPECT_EQ(plain.not_sendable, "");

  const PreparedCase own = preparer.prepare(make_case({{"X-Auth-Token", "t-1234"},
                                                       {"Content-Type", "application/json"},
                                                       {"host", "example.test"},
                                                       {"content-length", "15"}},
                                                      R"({"is_all":true})"),
                                            "");
  EXPECT_EQ(own.headers, (HeaderList{{"Host", "example.test"},
                                     {"X-Auth-Token", "t-1234"},
                                     {"Content-Type", "application/json"},
                                     {"content-length", "15"}}));
  EXPECT_FALSE(own.roles[0].implicit);
  EXPECT_FALSE(own.roles[3].implicit);

  const PreparedCase blank =
      preparer.prepare(make_case({{"X-Auth-Token", " \t "}, {"Region", " r1 "}}, std::nullopt), "");
  EXPECT_EQ(blank.headers, (HeaderList{{"Host", "127.0.0.1:9"}, {"X-Auth-Token", ""}, {"Region", " r1 "}}))
      << "only whitespace goes out empty; whitespace around a value goes out as it is";
  EXPECT_EQ(blank.expected.describe(), "401 APIGW.0301");

  const PreparedCase head = preparer.prepare(make_case({{"X-Auth-Token", "t-1234"}}, "{}", "HEAD"), "");
  EXPECT_EQ(head.headers, (HeaderList{{"Host", "127.0.0.1:9"}, {"X-Auth-Token", "t-1234"}}));
  EXPECT_TRUE(head.body_dropped);
}

TEST(PreparedCase, TheHeaderLimitCountsWhatIsSent) {
  CasePreparer preparer(contract(), {}, {}, "127.0.0.1:9");
  for (const std::size_t own : {254u, 255u}) {
    HeaderList headers = {{"X-Auth-Token", "t-1234"}, {"Content-Type", "application/json"}};
    while (headers.size() < own) headers.emplace_back("X-Filler-" + std::to_string(headers.size()), "v");
    const PreparedCase kase = preparer.prepare(make_case(headers, R"({"is_all":true})"), "");
    EXPECT_EQ(kase.headers.size(), own + 2) << "Host and Content-Length";
    EXPECT_EQ(kase.expected_valid, own + 2 <= Limits{}.max_headers) << own;
  }
}

TEST(PreparedCase, RunTokenWithLineBreaksIsNeverSent) {
  Credentials credentials;
  credentials.token = "tok\r\nX-Injected: 1";
  CasePreparer preparer(contract(), {}, credentials, "127.0.0.1:9");
  const PreparedCase kase = preparer.prepare(
      make_case({{"X-Auth-Token", "t-1234"}, {"Content-Type", "application/json"}}, R"({"is_all":true})"), "");
  EXPECT_TRUE(kase.roles[1].run_credential);
  EXPECT_EQ(kase.not_sendable,
            "the value of X-Auth-Token holds CR, LF or NUL, which would end the field and start another one");
}

TEST(PreparedCase, CredentialHeadersAndTheirSecrets) {
  EXPECT_EQ(credential_header_names(contract()->plan()),
            (std::vector<std::string>{"x-auth-token", "authorization", "proxy-authorization", "cookie"}));
  CasePreparer preparer(contract(), {}, {}, "127.0.0.1:9");
  const PreparedCase kase = preparer.prepare(make_case({{"X-Auth-Token", "tok-abcdef"},
                                                        {"Authorization", "Bearer bearer-secret"},
                                                        {"Proxy-Authorization", "Basic cHJveHk="},
                                                        {"Cookie", "a=1; session=cookie-secret"},
                                                        {"X-Sdk-Date", "20240102T030405Z"},
                                                        {"Region", "not-a-secret"}},
                                                       std::nullopt),
                                             "");
  std::vector<std::string> flagged;
  for (std::size_t i = 0; i < kase.headers.size(); ++i)
    if (kase.roles[i].credential) flagged.push_back(kase.headers[i].first);
  EXPECT_EQ(flagged, (std::vector<std::string>{"X-Auth-Token", "Authorization", "Proxy-Authorization", "Cookie"}));
  EXPECT_EQ(case_secrets(kase), (std::vector<std::string>{"tok-abcdef", "Bearer bearer-secret", "bearer-secret",
                                                          "Basic cHJveHk=", "cHJveHk=", "a=1; session=cookie-secret",
                                                          "session=cookie-secret", "cookie-secret"}));
}

}  // namespace
}  // namespace reqprobe::replay
