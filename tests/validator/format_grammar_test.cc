// The grammars behind `format` (engine/formats.cc) at their edges, one row per branch: RFC 3339 dates, times,
// offsets and leap seconds; durations; email local parts, quoted strings and address literals; IPv4 and IPv6 (with
// compression and embedded IPv4); URI/IRI schemes, authorities, ports, queries and fragments; URI template code
// points; UUIDs, JSON Pointers, relative JSON Pointers and base64. formats_test.cc covers host names and regexes;
// these rows reach the branches it does not.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/formats.h"
#include "format_rows.h"

namespace reqprobe::detail {
namespace {

using test::Row;

std::vector<Row> date_and_time_rows() {
  return {
      {Format::date, "2024-02-29", true, "a leap day in a leap year"},
      {Format::date, "2023-02-29", false, "a leap day in a common year"},
      {Format::date, "1900-02-29", false, "a century is not a leap year"},
      {Format::date, "2000-02-29", true, "every 400 years is a leap year"},
      {Format::date, "2024-04-31", false, "April has 30 days"},
      {Format::date, "2024-12-31", true, "December has 31 days"},
      {Format::date, "2024-13-01", false, "month 13"},
      {Format::date, "2024-00-10", false, "month 0"},
      {Format::date, "2024-01-00", false, "day 0"},
      {Format::date, "2024/01/01", false, "slashes"},
      {Format::date, "2024-1-01", false, "a one-digit month"},
      {Format::date, "2024-01-1", false, "too short"},
      {Format::date, "2024-01-011", false, "too long"},
      {Format::date, "20a4-01-01", false, "a letter in the year"},
      {Format::time, "10:00:00Z", true, "UTC"},
      {Format::time, "10:00:00z", true, "lowercase z"},
      {Format::time, "10:00:00.123456Z", true, "a fraction"},
      {Format::time, "10:00:00.Z", false, "a dot without digits"},
      {Format::time, "10:00:00", false, "no offset"},
      {Format::time, "10:00:00.5", false, "a fraction and no offset"},
      {Format::time, "10:00:00+05:30", true, "a positive offset"},
      {Format::time, "10:00:00-23:59", true, "the largest negative offset"},
      {Format::time, "10:00:00+24:00", false, "an offset hour of 24"},
      {Format::time, "10:00:00+05:60", false, "an offset minute of 60"},
      {Format::time, "10:00:00+0530", false, "an offset without a colon"},
      {Format::time, "10:00:00+05:30x", false, "text after the offset"},
      {Format::time, "10:00:00Zx", false, "text after Z"},
      {Format::time, "10:00:00X", false, "an unknown offset letter"},
      {Format::time, "24:00:00Z", false, "hour 24"},
      {Format::time, "23:60:00Z", false, "minute 60"},
      {Format::time, "23:59:61Z", false, "second 61"},
      {Format::time, "1a:00:00Z", false, "a letter in the hour"},
      {Format::time, "10-00-00Z", false, "dashes for colons"},
      {Format::time, "23:59:60Z", true, "a leap second at 23:59 UTC"},
      {Format::time, "22:59:60Z", false, "a leap second at another minute"},
      {Format::time, "15:59:60-08:00", true, "a leap second at 23:59 UTC, offset applied"},
      {Format::time, "00:29:60+00:30", true, "a leap second whose UTC minute wraps to the previous day"},
      {Format::time, "23:59:60+01:00", false, "23:59 local is not 23:59 UTC"},
      {Format::date_time, "2024-02-29T12:00:00Z", true, "date and time"},
      {Format::date_time, "2024-01-01t10:00:00z", true, "lowercase t and z"},
      {Format::date_time, "2024-01-01 10:00:00Z", false, "a space for T"},
      {Format::date_time, "2024-01-01", false, "a date alone"},
      {Format::date_time, "2023-02-29T12:00:00Z", false, "an invalid date"},
      {Format::date_time, "2024-01-01T25:00:00Z", false, "an invalid time"},
  };
}

std::vector<Row> duration_rows() {
  return {
      {Format::duration, "PT1H", true, "hours alone"},
      {Format::duration, "PT1H1M", true, "hours and minutes"},
      {Format::duration, "P1DT1H", true, "a day and an hour"},
      {Format::duration, "P1Y", true, "years alone"},
      {Format::duration, "P12W", true, "weeks"},
      {Format::duration, "PxW", false, "weeks without digits"},
      {Format::duration, "PT", false, "too short"},
      {Format::duration, "P1", false, "too short, no unit"},
      {Format::duration, "P12", false, "digits without a unit"},
      {Format::duration, "PT1X", false, "an unknown time unit"},
      {Format::duration, "PT1D", false, "a date unit after T"},
      {Format::duration, "P1DT", false, "T without a time unit"},
      {Format::duration, "P1DX", false, "text after the units"},
      {Format::duration, "PT1H1", false, "digits without a unit after a time unit"},
      {Format::duration, "p1D", false, "a lowercase p"},
      {Format::duration, "1D", false, "no P"},
      {Format::duration, "PYD", false, "units without digits"},
  };
}

std::vector<Row> email_rows() {
  return {
      {Format::email, "a@b.com", true, "plain"},
      {Format::email, "first.last+tag@example.com", true, "dots and plus"},
      {Format::email, "no-at-sign", false, "no @"},
      {Format::email, "@example.com", false, "an empty local part"},
      {Format::email, "a@", false, "an empty domain"},
      {Format::email, std::string(64, 'a') + "@x.com", true, "a 64-octet local part"},
      {Format::email, std::string(65, 'a') + "@x.com", false, "a 65-octet local part"},
      {Format::email, ".a@x.com", false, "a leading dot"},
      {Format::email, "a.@x.com", false, "a trailing dot"},
      {Format::email, "a..b@x.com", false, "two dots"},
      {Format::email, "a b@x.com", false, "a space in a dot-atom"},
      {Format::email, "a@b@x.com", false, "an @ in a dot-atom"},
      {Format::email, "\"a b\"@x.com", true, "a quoted string with a space"},
      {Format::email, "\"a\\\"b\"@x.com", true, "a quoted string with an escaped quote"},
      {Format::email, "\"a\tb\"@x.com", true, "a tab in a quoted string"},
      {Format::email,
       "\"a\x01"
       "b\"@x.com",
       false, "a control in a quoted string"},
      {Format::email, "\"a\"b\"@x.com", false, "a bare quote inside a quoted string"},
      {Format::email, "\"a\\\"@x.com", false, "an escape that swallows the closing quote"},
      {Format::email, "\"a@x.com", false, "an unclosed quoted string"},
      {Format::email, "\"@x.com", false, "a lone quote"},
      {Format::email, "\"\xC3\xBC\"@x.com", false, "non-ASCII in a quoted string (email)"},
      {Format::idn_email, "\"\xC3\xBC\"@x.com", true, "non-ASCII in a quoted string (idn-email)"},
      {Format::email, "\xC3\xBC@x.com", false, "non-ASCII in a dot-atom (email)"},
      {Format::idn_email, "\xC3\xBC@x.com", true, "non-ASCII in a dot-atom (idn-email)"},
      {Format::idn_email, "a@\xC3\xBC.example", true, "a U-label domain (idn-email)"},
      {Format::email, "a@\xC3\xBC.example", false, "a U-label domain (email)"},
      {Format::email, "a@[127.0.0.1]", true, "an IPv4 address literal"},
      {Format::email, "a@[IPv6:::1]", true, "an IPv6 address literal"},
      {Format::email, "a@[IPv6:zz]", false, "an invalid IPv6 address literal"},
      {Format::email, "a@[300.0.0.1]", false, "an invalid IPv4 address literal"},
      {Format::email, "a@[127.0.0.1", false, "an unclosed address literal"},
      {Format::email, "a@-x.com", false, "a domain label starting with a hyphen"},
      {Format::email, "a@x..com", false, "an empty domain label"},
  };
}

std::vector<Row> address_rows() {
  return {
      {Format::ipv4, "0.0.0.0", true, "zeros"},
      {Format::ipv4, "255.255.255.255", true, "the largest"},
      {Format::ipv4, "256.1.1.1", false, "an octet past 255"},
      {Format::ipv4, "01.2.3.4", false, "a leading zero"},
      {Format::ipv4, "1234.1.1.1", false, "four digits"},
      {Format::ipv4, "1.2.3", false, "three parts"},
      {Format::ipv4, "1.2.3.4.5", false, "five parts"},
      {Format::ipv4, "1.2.3.4 ", false, "a trailing space"},
      {Format::ipv4, "1..2.3", false, "an empty part"},
      {Format::ipv4, "1.2.3.", false, "a trailing dot"},
      {Format::ipv4, "1:2.3.4", false, "a colon for a dot"},
      {Format::ipv6, "::", true, "all zeros"},
      {Format::ipv6, "::1", true, "loopback"},
      {Format::ipv6, "1::", true, "compressed at the end"},
      {Format::ipv6, "1:2:3:4:5:6:7:8", true, "eight groups"},
      {Format::ipv6, "1:2:3:4:5:6:7::", true, "seven groups and a compression"},
      {Format::ipv6, "1:2::7:8", true, "compressed in the middle"},
      {Format::ipv6, "1:2:3:4:5:6:7", false, "seven groups"},
      {Format::ipv6, "1:2:3:4:5:6:7:8:9", false, "nine groups"},
      {Format::ipv6, "1::2:3:4:5:6:7:8", false, "eight groups and a compression"},
      {Format::ipv6, ":1::", false, "a single leading colon"},
      {Format::ipv6, "1::2::3", false, "two compressions"},
      {Format::ipv6, "12345::", false, "a five-digit group"},
      {Format::ipv6, "g::", false, "a non-hex digit"},
      {Format::ipv6, "1:", false, "a trailing single colon"},
      {Format::ipv6, "::1:", false, "a trailing colon after a compression"},
      {Format::ipv6, "1:2:3:4:5:6:7:8:", false, "a trailing colon after eight groups"},
      {Format::ipv6, "1;2::", false, "a semicolon"},
      {Format::ipv6, "1:2:3:4:5:6:1.2.3.4", true, "six groups and an embedded IPv4"},
      {Format::ipv6, "::ffff:1.2.3.4", true, "IPv4-mapped"},
      {Format::ipv6, "::1.2.3.256", false, "an invalid embedded IPv4"},
      {Format::ipv6, "1.2.3.4", false, "IPv4 alone"},
      {Format::ipv6, "", false, "empty"},
      {Format::ipv6, "0000:0000:0000:0000:0000:0000:0000:0000:0000:0", false, "longer than 45 characters"},
  };
}

std::vector<Row> uri_rows() {
  return {
      {Format::uri, "http://example.com/path?q=1#frag", true, "every part"},
      {Format::uri, "http://user:pw@host:8080/", true, "user information and a port"},
      {Format::uri, "http://host:/", true, "an empty port"},
      {Format::uri, "http://[::1]:80/", true, "an IPv6 literal and a port"},
      {Format::uri, "http://[::1]", true, "an IPv6 literal alone"},
      {Format::uri, "http://a]:80/", false, "a closing bracket in a host name (no IP literal)"},
      {Format::uri, "http://[::1]x/", false, "something between the IP literal and the port"},
      {Format::uri, "http://[::1]:8a/", false, "a port that is not digits after an IP literal"},
      {Format::uri, "http://[v1.x]/", true, "an IPvFuture literal"},
      {Format::uri, "http://[::1/", false, "an unclosed IP literal"},
      {Format::uri, "http://[]/", false, "an empty IP literal"},
      {Format::uri, "http://[zz]/", false, "an IP literal that is neither IPv6 nor IPvFuture"},
      {Format::uri, "http://[::1]x/", false, "text after an IP literal"},
      {Format::uri, "http://[::1]:8a/", false, "a port with a letter after an IP literal"},
      {Format::uri, "http://host:8a/", false, "a port with a letter"},
      {Format::uri, "http://u[@host/", false, "a bracket in the user information"},
      {Format::uri, "http://ho st/", false, "a space in the host"},
      {Format::uri, "mailto:a@b.example", true, "no authority"},
      {Format::uri, "urn:isbn:0451450523", true, "a URN"},
      {Format::uri, "a+b-c.d:x", true, "scheme punctuation"},
      {Format::uri, "1http://x", false, "a scheme starting with a digit"},
      {Format::uri, "ht_tp://x", false, "an underscore in the scheme"},
      {Format::uri, "://x", false, "an empty scheme"},
      {Format::uri, "/relative", false, "no scheme"},
      {Format::uri, "/a:b", false, "a colon only after a slash"},
      {Format::uri, "http://x/%zz", false, "a bad percent-escape"},
      {Format::uri, "http://x/%4", false, "a short percent-escape"},
      {Format::uri, "http://x/%41", true, "a percent-escape"},
      {Format::uri, "http://x/?%2", false, "a short percent-escape in the query"},
      {Format::uri, "http://x/?a=b/c?d", true, "slashes and question marks in the query"},
      {Format::uri, "http://x/#a#b", false, "a second # in the fragment"},
      {Format::uri, "http://x/#a/b?c", true, "slashes and question marks in the fragment"},
      {Format::uri, "http://x/a b", false, "a space in the path"},
      {Format::uri, "http://x/\xC3\xBC", false, "non-ASCII (uri)"},
      {Format::iri, "http://x/\xC3\xBC", true, "non-ASCII (iri)"},
      {Format::iri, "http://\xC3\xBC.example/", true, "a non-ASCII host (iri)"},
      {Format::iri, "/relative", false, "an iri needs a scheme"},
      {Format::uri_reference, "/relative", true, "an absolute path"},
      {Format::uri_reference, "", true, "empty"},
      {Format::uri_reference, "./a:b", true, "a colon after the first segment"},
      {Format::uri_reference, "a:b/c", true, "a full URI"},
      {Format::uri_reference, "//host/path", true, "a network-path reference"},
      {Format::uri_reference, "1a:b", false, "a colon in the first segment of a relative reference"},
      {Format::uri_reference, "?q", true, "a query alone"},
      {Format::uri_reference, "#f", true, "a fragment alone"},
      {Format::uri_reference, "a\\b", false, "a backslash"},
      {Format::iri_reference, "\xC3\xBC/x", true, "a non-ASCII relative reference"},
      {Format::iri_reference, "a b", false, "a space"},
  };
}

std::vector<Row> template_rows() {
  return {
      {Format::uri_template, "%41", true, "a percent-escape literal"},
      {Format::uri_template, "%4G", false, "a bad percent-escape literal"},
      {Format::uri_template, "a b", false, "a space"},
      {Format::uri_template, "{=a}{!b}{@c}{|d}{,e}", true, "reserved operators"},
      {Format::uri_template, "{a%4}", false, "a short percent-escape in a name"},
      {Format::uri_template, "{a%zz}", false, "a bad percent-escape in a name"},
      {Format::uri_template, "{a:}", false, "a prefix without digits"},
      {Format::uri_template, "{a b}", false, "a space in an expression"},
      {Format::uri_template, "{.}", false, "an operator without a name"},
      {Format::uri_template, "\xC2\xA0", true, "U+00A0"},
      {Format::uri_template, "\xED\x9F\xBF", true, "U+D7FF"},
      {Format::uri_template, "\xEE\x80\x80", true, "U+E000 (iprivate)"},
      {Format::uri_template, "\xEF\xB7\x90", false, "U+FDD0 (a non-character)"},
      {Format::uri_template, "\xEF\xB7\xB0", true, "U+FDF0"},
      {Format::uri_template, "\xEF\xBF\xB0", false, "U+FFF0 (a special)"},
      {Format::uri_template, "\xF0\x9F\xBF\xBE", false, "U+1FFFE (a non-character)"},
      {Format::uri_template, "\xF3\xA0\x80\x80", false, "U+E0000 (tags)"},
      {Format::uri_template, "\xF3\xA1\x80\x80", true, "U+E1000"},
      {Format::uri_template, "\xF4\x8F\xBF\xBD", true, "U+10FFFD"},
      {Format::uri_template, "\xFF", false, "invalid UTF-8"},
  };
}

std::vector<Row> other_rows() {
  return {
      {Format::uuid, "123e4567-e89b-12d3-a456-426614174000", true, "lowercase"},
      {Format::uuid, "123E4567-E89B-12D3-A456-426614174000", true, "uppercase"},
      {Format::uuid, "123e4567e-89b-12d3-a456-426614174000", false, "a hyphen out of place"},
      {Format::uuid, "123e4567-e89b-12d3-a456-42661417400g", false, "a non-hex digit"},
      {Format::uuid, "123e4567-e89b-12d3-a456-42661417400", false, "35 characters"},
      {Format::json_pointer, "", true, "the whole document"},
      {Format::json_pointer, "/", true, "the empty key"},
      {Format::json_pointer, "/a~0b~1c", true, "both escapes"},
      {Format::json_pointer, "a", false, "no leading slash"},
      {Format::json_pointer, "/~2", false, "an unknown escape"},
      {Format::json_pointer, "/a~", false, "a trailing tilde"},
      {Format::relative_json_pointer, "0", true, "the current value"},
      {Format::relative_json_pointer, "1/a", true, "the parent's member"},
      {Format::relative_json_pointer, "0#", true, "the current key"},
      {Format::relative_json_pointer, "10/a~1b", true, "two digits and an escape"},
      {Format::relative_json_pointer, "01", false, "a leading zero"},
      {Format::relative_json_pointer, "", false, "empty"},
      {Format::relative_json_pointer, "#", false, "no digits"},
      {Format::relative_json_pointer, "-1", false, "a sign"},
      {Format::relative_json_pointer, "1#/a", false, "# followed by a pointer"},
      {Format::relative_json_pointer, "1a", false, "a pointer without a slash"},
      {Format::byte, "", true, "empty"},
      {Format::byte, "QUJD", true, "no padding"},
      {Format::byte, "QUI=", true, "one padding"},
      {Format::byte, "QQ==", true, "two padding"},
      {Format::byte, "Q===", false, "three padding"},
      {Format::byte, "====", false, "padding only"},
      {Format::byte, "QQ=A", false, "data after padding"},
      {Format::byte, "QUJ", false, "not a multiple of 4"},
      {Format::byte, "QU*D", false, "a character outside the alphabet"},
      {Format::byte, "a+/9", true, "plus, slash and a digit"},
      {Format::int32, "not a number", true, "number formats always pass on strings"},
      {Format::float64, "x", true, "number formats always pass on strings"},
      {Format::annotation, "anything", true, "an annotation always passes"},
      {Format::none, "", true, "no format"},
  };
}

class FormatGrammar : public testing::TestWithParam<Row> {};

TEST_P(FormatGrammar, Decides) {
  const Row& row = GetParam();
  EXPECT_EQ(string_has_format(row.format, row.value), row.valid) << row;
}

INSTANTIATE_TEST_SUITE_P(DatesAndTimes, FormatGrammar, testing::ValuesIn(date_and_time_rows()));
INSTANTIATE_TEST_SUITE_P(Durations, FormatGrammar, testing::ValuesIn(duration_rows()));
INSTANTIATE_TEST_SUITE_P(Emails, FormatGrammar, testing::ValuesIn(email_rows()));
INSTANTIATE_TEST_SUITE_P(Addresses, FormatGrammar, testing::ValuesIn(address_rows()));
INSTANTIATE_TEST_SUITE_P(Uris, FormatGrammar, testing::ValuesIn(uri_rows()));
INSTANTIATE_TEST_SUITE_P(UriTemplates, FormatGrammar, testing::ValuesIn(template_rows()));
INSTANTIATE_TEST_SUITE_P(Others, FormatGrammar, testing::ValuesIn(other_rows()));

TEST(FormatGrammar, EveryFormatHasItsName) {
  const std::vector<std::pair<Format, std::string_view>> names = {
      {Format::date_time, "date-time"},
      {Format::date, "date"},
      {Format::time, "time"},
      {Format::duration, "duration"},
      {Format::email, "email"},
      {Format::idn_email, "idn-email"},
      {Format::hostname, "hostname"},
      {Format::hostname_rfc1123, "hostname"},
      {Format::idn_hostname, "idn-hostname"},
      {Format::ipv4, "ipv4"},
      {Format::ipv6, "ipv6"},
      {Format::uri, "uri"},
      {Format::uri_reference, "uri-reference"},
      {Format::iri, "iri"},
      {Format::iri_reference, "iri-reference"},
      {Format::uri_template, "uri-template"},
      {Format::uuid, "uuid"},
      {Format::regex, "regex"},
      {Format::json_pointer, "json-pointer"},
      {Format::relative_json_pointer, "relative-json-pointer"},
      {Format::byte, "byte"},
      {Format::int32, "int32"},
      {Format::int64, "int64"},
      {Format::float32, "float"},
      {Format::float64, "double"},
      {Format::none, ""},
      {Format::annotation, ""},
  };
  for (const auto& [format, name] : names) EXPECT_EQ(format_name(format), name) << static_cast<int>(format);
}

}  // namespace
}  // namespace reqprobe::detail
