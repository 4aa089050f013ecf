#include "format_samples.h"

#include "json_text.h"

namespace reqprobe::gen {
namespace {

struct Row {
  Format format;
  const char* name;
  std::vector<const char*> valid;
  std::vector<std::pair<const char*, const char*>> misses;
  bool numeric = false;
};

const std::vector<Row>& rows() {
  static const std::vector<Row> table = {
      {Format::date_time,
       "date-time",
       {"2024-02-29T12:30:45Z", "2024-02-29T12:30:45.123+01:00"},
       {{"2023-02-29T12:30:45Z", "February 29th of a common year"},
        {"2024-02-29 12:30:45Z", "a space instead of 'T'"},
        {"2024-02-29T12:30:45", "no time zone offset"},
        {"2024-13-01T00:00:00Z", "month 13"}}},
      {Format::date,
       "date",
       {"2024-02-29", "1999-12-31"},
       {{"2023-02-29", "February 29th of a common year"},
        {"2024-1-01", "a one-digit month"},
        {"2024-04-31", "April 31st"}}},
      {Format::time,
       "time",
       {"12:30:45Z", "23:59:59+02:00"},
       {{"24:00:00Z", "hour 24"}, {"12:30:45", "no time zone offset"}, {"12:60:00Z", "minute 60"}}},
      {Format::duration,
       "duration",
       {"P1DT2H", "PT30M", "P3W"},
       {{"P1D2H", "hours without 'T'"}, {"PT", "no component after 'T'"}, {"1D", "no leading 'P'"}}},
      {Format::email,
       "email",
       {"user@example.com", "first.last+tag@example.org"},
       {{"user.example.com", "no '@'"}, {"user@@example.com", "two '@'"}, {"@example.com", "an empty local part"}}},
      {Format::idn_email,
       "idn-email",
       {"user@example.com", "\xE7\x94\xA8\xE6\x88\xB7@\xE4\xBE\x8B\xE5\xAD\x90.\xE5\xB9\xBF\xE5\x91\x8A"},
       {{"no-at-sign", "no '@'"}, {"@example.com", "an empty local part"}}},
      {Format::hostname,
       "hostname",
       {"api.example.com", "localhost"},
       {{"-bad-.example.com", "a label starting with '-'"},
        {"a..b", "an empty label"},
        {"under_score.example.com", "'_' in a label"}}},
      {Format::idn_hostname,
       "idn-hostname",
       {"example.com", "\xE4\xBE\x8B\xE5\xAD\x90.\xE6\xB5\x8B\xE8\xAF\x95"},
       {{"-bad-.example.com", "a label starting with '-'"}, {"a..b", "an empty label"}}},
      {Format::ipv4,
       "ipv4",
       {"192.0.2.1", "10.0.0.255"},
       {{"256.0.0.1", "an octet above 255"}, {"192.0.2", "three octets"}, {"192.0.2.01", "a leading zero"}}},
      {Format::ipv6,
       "ipv6",
       {"2001:db8::1", "::1", "fe80::1:2:3:4"},
       {{"2001:db8:::1", "three colons"},
        {"12345::1", "a group of five digits"},
        {"2001:db8::g", "'g' is no hex digit"}}},
      {Format::uri,
       "uri",
       {"https://example.com/a?b=c#d", "urn:isbn:0451450523"},
       {{"//example.com/no-scheme", "no scheme"},
        {"/relative/path", "a relative reference"},
        {"http://a b", "a space"}}},
      {Format::uri_reference,
       "uri-reference",
       {"/a/b?c=d", "https://example.com/"},
       {{"\\\\server\\share", "backslashes"}, {"a b", "a space"}, {"http://[::1", "an unclosed IP literal"}}},
      {Format::iri,
       "iri",
       {"https://\xE4\xBE\x8B\xE5\xAD\x90.\xE6\xB5\x8B\xE8\xAF\x95/\xE8\xB7\xAF\xE5\xBE\x84", "https://example.com/"},
       {{"/relative/path", "a relative reference"}, {"http://a b", "a space"}}},
      {Format::iri_reference,
       "iri-reference",
       {"/\xE8\xB7\xAF\xE5\xBE\x84", "https://example.com/"},
       {{"\\\\server\\share", "backslashes"}, {"a b", "a space"}}},
      {Format::uri_template,
       "uri-template",
       {"/users/{id}", "https://example.com/{path}{?q}"},
       {{"/users/{id", "an unclosed expression"}, {"/users/}id{", "braces reversed"}}},
      {Format::uuid,
       "uuid",
       {"123e4567-e89b-12d3-a456-426614174000", "00000000-0000-0000-0000-000000000000"},
       {{"123e4567-e89b-12d3-a456-42661417400", "one digit short"},
        {"123e4567-e89b-12d3-a456-42661417400g", "'g' is no hex digit"},
        {"123e4567e89b12d3a456426614174000", "no hyphens"}}},
      {Format::regex, "regex", {"^[a-z]+$", "a|b"}, {{"[a-z", "an unclosed class"}, {"(", "an unclosed group"}}},
      {Format::json_pointer,
       "json-pointer",
       {"/a/b~1c", ""},
       {{"a/b", "no leading '/'"}, {"/a~2", "'~2' is no escape"}}},
      {Format::relative_json_pointer,
       "relative-json-pointer",
       {"0/a", "1#"},
       {{"/a", "no leading number"}, {"-1", "a negative number"}}},
      {Format::byte,
       "byte",
       {"aGVsbG8=", "cmVxcHJvYmU="},
       {{"aGVsbG8", "padding missing"}, {"a$b=", "'$' is no base64 character"}, {"aGVsbG8===", "too much padding"}}},
      {Format::int32,
       "int32",
       {"2147483647", "-2147483648", "0"},
       {{"2147483648", "int32 max + 1"}, {"-2147483649", "int32 min - 1"}},
       true},
      {Format::int64,
       "int64",
       {"9223372036854775807", "0"},
       {{"9223372036854775808", "int64 max + 1"}, {"-9223372036854775809", "int64 min - 1"}},
       true},
      {Format::float32,
       "float",
       {"1.5", "0"},
       {{"1e39", "beyond float's range"}, {"-4e38", "below float's range"}},
       true},
      {Format::float64,
       "double",
       {"1.5", "0"},
       {{"1e309", "beyond double's range"}, {"-2e308", "below double's range"}},
       true},
  };
  return table;
}

const Row* find(Format format) {
  for (const Row& row : rows())
    if (row.format == format) return &row;
  return nullptr;
}

}  // namespace

std::vector<std::string> format_samples(Format format) {
  std::vector<std::string> out;
  if (const Row* row = find(format))
    for (const char* v : row->valid) out.push_back(row->numeric ? std::string(v) : quote(v));
  return out;
}

std::vector<NearMiss> format_near_misses(Format format) {
  std::vector<NearMiss> out;
  if (const Row* row = find(format))
    for (const auto& [v, why] : row->misses) out.push_back({row->numeric ? std::string(v) : quote(v), why});
  return out;
}

std::string format_name(Format format) {
  const Row* row = find(format);
  return row != nullptr ? row->name : "format";
}

}  // namespace reqprobe::gen
