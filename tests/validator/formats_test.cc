// The `format` checks (engine/formats.h) one row at a time: host names (RFC 1123 for draft 4, IDNA2008 from draft 7),
// durations, URI templates and ECMA-262 regexes, each with what makes it valid or not; then the dialect choice of
// `hostname` through load_schema, and inputs far past every limit.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/formats.h"
#include "format_rows.h"
#include "reqprobe/contract.h"
#include "reqprobe/validator.h"

namespace reqprobe::detail {
namespace {

using test::Row;

std::vector<Row> rows() {
  return {
      // hostname from draft 7: RFC 1123 labels, and IDNA2008 for A-labels.
      {Format::hostname, "www.example.com", true, "letters and dots"},
      {Format::hostname, "1host", true, "RFC 1123 lets a label start with a digit"},
      {Format::hostname, "a--b.com", true, "hyphens elsewhere than positions 3-4"},
      {Format::hostname, "ab--cd.example", false, "'--' in positions 3-4 is reserved for A-labels"},
      {Format::hostname, "xn--4gbwdl.xn--wgbh1c", true, "valid A-labels (Arabic)"},
      {Format::hostname, "XN--9N2BP8Q.xn--9t4b11yi5a", true, "A-labels compare without case"},
      {Format::hostname, "xn--X", false, "Punycode that does not decode"},
      {Format::hostname, "xn--example-", false, "an A-label of ASCII only"},
      {Format::hostname, "xn---9uc", false, "Punycode that does not re-encode to itself"},
      {Format::hostname, "xn--l-fda", false, "MIDDLE DOT without 'l' on both sides (CONTEXTO)"},
      {Format::hostname, "xn--ll-0ea", true, "MIDDLE DOT between two 'l's"},
      {Format::hostname, "xn--hello-zed", false, "a U-label starting with a combining mark"},
      {Format::hostname, "xn--0ca24w", false, "an A-label whose U-label breaks the Bidi rule"},
      {Format::hostname, "caf\xC3\xA9.com", false, "non-ASCII: that is idn-hostname"},
      {Format::hostname,
       "example\xEF\xBC\x8E"
       "com",
       false, "U+FF0E separates labels only in idn-hostname"},
      {Format::hostname, "example.", false, "a trailing dot"},
      {Format::hostname, "a..b", false, "an empty label"},
      {Format::hostname, "host_name", false, "underscore"},
      {Format::hostname, std::string(63, 'a') + ".com", true, "a 63-octet label"},
      {Format::hostname, std::string(64, 'a') + ".com", false, "a 64-octet label"},
      {Format::hostname,
       std::string(63, 'a') + "." + std::string(63, 'b') + "." + std::string(63, 'c') + "." + std::string(61, 'd'),
       true, "253 octets"},
      {Format::hostname,
       std::string(63, 'a') + "." + std::string(63, 'b') + "." + std::string(63, 'c') + "." + std::string(62, 'd'),
       false, "254 octets"},
      {Format::hostname, std::string("a\0b", 3), false, "a NUL"},
      // hostname in draft 4, draft 6 and OpenAPI 3.0: RFC 1034/1123 only.
      {Format::hostname_rfc1123, "ab--cd.example", true, "no IDNA: '--' anywhere"},
      {Format::hostname_rfc1123, "xn--X", true, "no IDNA: an xn-- label is letters and hyphens"},
      {Format::hostname_rfc1123, "-a.example", false, "a leading hyphen"},
      {Format::hostname_rfc1123, "a-.example", false, "a trailing hyphen"},
      {Format::hostname_rfc1123, "caf\xC3\xA9.com", false, "non-ASCII"},
      {Format::hostname_rfc1123, "", false, "empty"},
      // idn-hostname: U-labels (libidn2's IDNA2008 classes and contextual rules), separators, Bidi, lengths.
      {Format::idn_hostname, "\xEC\x8B\xA4\xEB\xA1\x80.\xED\x85\x8C\xEC\x8A\xA4\xED\x8A\xB8", true, "Hangul"},
      {Format::idn_hostname,
       "a\xE3\x80\x82"
       "b",
       true, "U+3002 separates labels"},
      {Format::idn_hostname,
       "a\xEF\xBD\xA1"
       "b",
       true, "U+FF61 separates labels"},
      {Format::idn_hostname, "example\xE3\x80\x82", false, "a trailing U+3002"},
      {Format::idn_hostname, "\xEF\xBC\x8E", false, "U+FF0E alone"},
      {Format::idn_hostname, "Caf\xC3\xA9", false, "an uppercase letter in a U-label is DISALLOWED"},
      {Format::idn_hostname, "EXAMPLE.com", true, "an ASCII label keeps its case"},
      {Format::idn_hostname, "cafe\xCC\x81", false, "a U-label not in NFC"},
      {Format::idn_hostname, "\xCE\xB1\xCD\xB5\xCE\xB2", true, "Greek KERAIA followed by Greek"},
      {Format::idn_hostname, "\xCE\xB1\xCD\xB5", false, "Greek KERAIA at the end"},
      {Format::idn_hostname, "\xD7\x90\xD7\xB3\xD7\x91", true, "Hebrew GERESH after Hebrew"},
      {Format::idn_hostname,
       "def\xE3\x83\xBB"
       "abc",
       false, "KATAKANA MIDDLE DOT without kana or Han"},
      {Format::idn_hostname, "\xE0\xA4\x95\xE0\xA5\x8D\xE2\x80\x8D\xE0\xA4\xB7", true, "ZWJ after a virama"},
      {Format::idn_hostname, "\xE0\xA4\x95\xE2\x80\x8D\xE0\xA4\xB7", false, "ZWJ without a virama"},
      {Format::idn_hostname, "\xD8\xA8\xD9\xA0\xDB\xB0", false, "Arabic-Indic with Extended Arabic-Indic digits"},
      {Format::idn_hostname,
       "\xD7\x90"
       "0\xD9\xA0",
       false, "Bidi rule 4: EN and AN in one right-to-left label"},
      {Format::idn_hostname,
       "\xD7\x90"
       "0",
       true, "a right-to-left label may end with a digit"},
      {Format::idn_hostname, "a\xD7\x90", false, "Bidi rule 5: R in a left-to-right label"},
      {Format::idn_hostname, "0a.\xD7\x90", false, "Bidi rule 1 on the ASCII label of a Bidi domain name"},
      {Format::idn_hostname, "a0.\xD7\x90", true, "a Bidi domain name whose ASCII label starts with a letter"},
      {Format::idn_hostname, "0a.example", true, "no right-to-left label: the Bidi rule does not apply"},
      {Format::idn_hostname, "\xD7\x90-", false, "a U-label ending with a hyphen"},
      {Format::idn_hostname, "\xC3\xA9\xC3\xA9--x", false, "a U-label with '--' in positions 3-4"},
      {Format::idn_hostname, "xn--7a", false, "an A-label that decodes to a DISALLOWED code point"},
      {Format::idn_hostname, std::string(60, 'a') + "\xC3\xA9", false, "a U-label whose A-label passes 63 octets"},
      // idn-email: the domain is read after NFC (RFC 6532 3.1 makes NFC a SHOULD).
      {Format::idn_email, "user@cafe\xCC\x81.com", true, "a domain label not in NFC"},
      {Format::idn_email, "user@Caf\xC3\xA9.com", false, "an uppercase letter in a U-label"},
      {Format::email, "user@xn--X.com", false, "an A-label that does not decode"},
      // duration: RFC 3339 Appendix A.
      {Format::duration, "P1Y2M3DT4H5M6S", true, "every unit"},
      {Format::duration, "P1M2D", true, "months and days"},
      {Format::duration, "PT1M2S", true, "minutes and seconds"},
      {Format::duration, "P2W", true, "weeks alone"},
      {Format::duration, "P1Y2D", false, "years and days without months"},
      {Format::duration, "PT1H2S", false, "hours and seconds without minutes"},
      {Format::duration, "P2D1Y", false, "units out of order"},
      {Format::duration, "P1D2H", false, "a time unit without 'T'"},
      {Format::duration, "P1YT", false, "'T' without a time unit"},
      {Format::duration, "P1Y2W", false, "weeks with another unit"},
      {Format::duration, "PT0.5S", false, "a fraction"},
      {Format::duration, "P", false, "no unit"},
      // uri-template: RFC 6570.
      {Format::uri_template, "http://example.com/{term:1}/{term}", true, "a prefix and a plain variable"},
      {Format::uri_template, "{+a}{#a}{.a}{/a}{;a}{?a}{&a}", true, "every operator"},
      {Format::uri_template, "{x,y*,z:9999}", true, "a list with modifiers"},
      {Format::uri_template, "{a.b.c}{%41_1}", true, "dotted names and percent-escapes"},
      {Format::uri_template,
       "a\xF0\x9F\x98\x80"
       "b",
       true, "a supplementary-plane literal"},
      {Format::uri_template,
       "a\xC2\x85"
       "b",
       false, "a C1 control in a literal"},
      {Format::uri_template,
       "a\xEF\xBF\xBE"
       "b",
       false, "a non-character in a literal"},
      {Format::uri_template,
       "a\x7F"
       "b",
       false, "DEL in a literal"},
      {Format::uri_template, "a%4", false, "a short percent-escape"},
      {Format::uri_template, "{}", false, "an empty expression"},
      {Format::uri_template, "{a,,b}", false, "an empty varspec"},
      {Format::uri_template, "{a,}", false, "a trailing comma"},
      {Format::uri_template, "{a..b}", false, "two dots in a name"},
      {Format::uri_template, "{a.}", false, "a name ending with a dot"},
      {Format::uri_template, "{v:0}", false, "a zero prefix"},
      {Format::uri_template, "{v:01}", false, "a prefix with a leading zero"},
      {Format::uri_template, "{v:10000}", false, "a five-digit prefix"},
      {Format::uri_template, "{v*:1}", false, "explode and prefix together"},
      {Format::uri_template, "{a", false, "an unclosed expression"},
      {Format::uri_template, "a}", false, "a lone closing brace"},
      // regex: ECMA-262 with the u flag.
      {Format::regex, "([abc])+\\s+$", true, "classes, groups, quantifiers"},
      {Format::regex, "(?<year>\\d{4})-\\k<year>", true, "a named group and its reference"},
      {Format::regex, "\\k<later>(?<later>a)", true, "a reference before its group"},
      {Format::regex, "(?<=a+)b(?<!c)(?=d)(?!e)", true, "lookbehind of any width and lookahead"},
      {Format::regex, "(a)\\1", true, "a numbered backreference"},
      {Format::regex, "\\p{L}\\p{Script=Greek}\\P{gc=Lu}\\p{ASCII_Hex_Digit}", true, "property escapes"},
      {Format::regex, "[\\u{1F600}-\\u{1F64F}\\uD83D\\uDE00]", true, "code point escapes in a class"},
      {Format::regex, "a{2,3}?b{0,}c{5}", true, "braced quantifiers, lazy too"},
      {Format::regex, "[]|[^]|\\cA|\\0|\\x41|\\/", true, "empty classes and character escapes"},
      {Format::regex, "(?<\\u0061b>x)\\k<ab>", true, "an escaped group name is the same name"},
      {Format::regex, "(?<\xCE\xB1>x)", true, "a non-ASCII letter in a group name"},
      {Format::regex, "\\a", false, "an identity escape of a letter"},
      {Format::regex, "(?P<name>x)", false, "Python's named group"},
      {Format::regex, "(?i)abc", false, "a global inline flag"},
      {Format::regex, "(?#c)a", false, "a comment group"},
      {Format::regex, "(a)\\2", false, "a backreference past the last group"},
      {Format::regex, "\\k<none>", false, "a reference to no group"},
      {Format::regex, "(?<a>x)(?<a>y)", false, "a group name used twice"},
      {Format::regex, "(?<1a>x)", false, "a group name starting with a digit"},
      {Format::regex, "(?=a)*", false, "a quantified lookahead (u flag)"},
      {Format::regex, "\\b+", false, "a quantified word boundary"},
      {Format::regex, "a**", false, "a quantifier after a quantifier"},
      {Format::regex, "a{3,2}", false, "a braced quantifier out of order"},
      {Format::regex, "a{2", false, "an unclosed braced quantifier"},
      {Format::regex, "{", false, "a lone brace (u flag)"},
      {Format::regex, "^(abc]", false, "an unclosed group"},
      {Format::regex, "[z-a]", false, "a class range out of order"},
      {Format::regex, "[\\d-z]", false, "a class escape starting a range"},
      {Format::regex, "\\p{Nope}", false, "an unknown property"},
      {Format::regex, "\\p{Block=Basic_Latin}", false, "a property ECMA-262 does not have"},
      {Format::regex, "\\u{110000}", false, "past U+10FFFF"},
      {Format::regex, "\\01", false, "an octal escape (u flag)"},
      {Format::regex, "a\\", false, "a trailing backslash"},
  };
}

class FormatRows : public testing::TestWithParam<Row> {};

TEST_P(FormatRows, Decides) {
  const Row& row = GetParam();
  EXPECT_EQ(string_has_format(row.format, row.value), row.valid) << row;
}

INSTANTIATE_TEST_SUITE_P(Formats, FormatRows, testing::ValuesIn(rows()));

TEST(Formats, NamesOfDialectVariants) {
  EXPECT_EQ(format_name(Format::hostname), "hostname");
  EXPECT_EQ(format_name(Format::hostname_rfc1123), "hostname");
}

// `hostname` follows the schema's dialect: RFC 1034/1123 before draft 7, IDNA2008 from draft 7 on.
TEST(Formats, HostnameFollowsTheDialect) {
  struct Case {
    SchemaDialect dialect;
    bool reserved_label_valid;
  };
  for (const Case& c : {Case{SchemaDialect::draft4, true}, Case{SchemaDialect::draft6, true},
                        Case{SchemaDialect::draft7, false}, Case{SchemaDialect::draft2020_12, false}}) {
    SchemaLoadOptions options;
    options.dialect = c.dialect;
    options.assert_formats = true;
    const LoadResult loaded = load_schema(R"({"format":"hostname"})", options);
    ASSERT_TRUE(loaded.ok());
    Validator validator(loaded.contract);
    EXPECT_EQ(validator.is_valid_body(R"("ab--cd.example")"), c.reserved_label_valid) << static_cast<int>(c.dialect);
    EXPECT_TRUE(validator.is_valid_body(R"("www.example.com")"));
    EXPECT_FALSE(validator.is_valid_body(R"("-bad.example")"));
  }
}

// OpenAPI 3.0's Schema Object follows draft 5 (RFC 1034 host names); OpenAPI 3.1's dialect is 2020-12.
TEST(Formats, HostnameInOpenApi) {
  for (const auto& [version, reserved_label_valid] : {std::pair{"3.0.3", true}, std::pair{"3.1.0", false}}) {
    const std::string document =
        std::string(R"({"openapi":")") + version + R"(","info":{"title":"t","version":"1"},)" +
        R"("paths":{"/h":{"post":{"requestBody":{"content":{"application/json":{"schema":)" +
        R"({"type":"string","format":"hostname"}}}},"responses":{"200":{"description":"ok"}}}}}})";
    const LoadResult loaded = load_contract(document);
    ASSERT_TRUE(loaded.ok()) << version << ": " << (loaded.errors.empty() ? "" : loaded.errors[0].describe());
    Validator validator(loaded.contract);
    EXPECT_EQ(validator.is_valid_body(R"("ab--cd.example")"), reserved_label_valid) << version;
    EXPECT_FALSE(validator.is_valid_body(R"("-bad.example")")) << version;
  }
}

// Inputs past every limit are refused or accepted without work growing beyond their length.
TEST(Formats, HugeInputs) {
  EXPECT_FALSE(string_has_format(Format::hostname, std::string(1 << 20, 'a')));
  EXPECT_FALSE(string_has_format(Format::idn_hostname, std::string(1 << 20, 'a')));
  std::string labels;
  for (int i = 0; i < 200000; ++i) labels += "\xC3\xA9.";
  EXPECT_FALSE(string_has_format(Format::idn_hostname, labels));
  EXPECT_TRUE(string_has_format(Format::regex, std::string(100000, '(') + std::string(100000, ')')));
  EXPECT_FALSE(string_has_format(Format::regex, std::string(100000, '(')));
  std::string groups;
  for (int i = 0; i < 20000; ++i) groups += "(?<g" + std::to_string(i) + ">a)|";
  EXPECT_TRUE(string_has_format(Format::regex, groups + "\\k<g19999>"));
  EXPECT_TRUE(string_has_format(Format::duration, "P" + std::string(100000, '9') + "D"));
  EXPECT_TRUE(string_has_format(Format::uri_template, std::string(100000, 'a') + "{x}"));
}

}  // namespace
}  // namespace reqprobe::detail
