// string_fuzzer: the engines behind `pattern` and `format`, each held to an independent answer. The first byte picks
// the check; the rest is its input.
//  - even: a pattern, NUL, a text (valid UTF-8, as the engine only ever sees). Where SimplePattern, the byte DFA the
//    engine runs for simple patterns, compiles the pattern, its answer equals RE2's PartialMatch of translate_ecma's
//    translation, the engine's path for every other pattern: two engines, one meaning of the pattern.
//  - odd: the next byte picks `date` or `date-time`, the rest is the text. A text the format accepts names a real
//    calendar day, by this harness's own arithmetic (months 1-12, days within the month, February 29 in leap years).
// Entry points are internal (validator/src/regex, validator/src/engine/formats.h), as simdjson fuzzes its UTF-8
// kernels: the public API reaches them only through a schema, where one wrong answer hides among many right ones.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/formats.h"
#include "engine/runtime.h"
#include "fuzz_utils.h"
#include "regex/ecma_translate.h"
#include "regex/simple_pattern.h"
#include "utf8.h"

namespace {

bool valid_utf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = reqprobe::detail::utf8_sequence_length(bytes, i, text.size());
    if (length == 0) return false;
    i += length;
  }
  return true;
}

void check_pattern(std::string_view input) {
  const std::size_t nul = input.find('\0');
  if (nul == std::string_view::npos) return;
  const std::string_view pattern = input.substr(0, nul);
  const std::string_view text = input.substr(nul + 1);
  if (!valid_utf8(text)) return;
  const std::optional<reqprobe::regex::SimplePattern> simple = reqprobe::regex::SimplePattern::compile(pattern);
  if (!simple) return;
  const reqprobe::regex::Translation translated = reqprobe::regex::translate_ecma(pattern);
  if (!translated.ok) reqprobe::fuzz::fail("a pattern SimplePattern compiles is one translate_ecma accepts");
  std::string error;
  if (!reqprobe::detail::pattern_compiles(translated.re2, error)) return;  // RE2's own limits (program size)
  if (simple->matches(text) != reqprobe::detail::re2_partial_match(translated.re2, text))
    reqprobe::fuzz::fail("SimplePattern and RE2 agree on whether the pattern matches",
                         std::string(pattern) + "\n" + translated.re2 + "\n" + std::string(text));
}

int number(std::string_view s) {
  int n = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return -1;
    n = n * 10 + (c - '0');
  }
  return n;
}

// RFC 3339 full-date: the day exists in the proleptic Gregorian calendar.
bool real_day(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return false;
  const int year = number(text.substr(0, 4)), month = number(text.substr(5, 2)), day = number(text.substr(8, 2));
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int days[] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return day <= days[month - 1];
}

void check_date(std::string_view input) {
  if (input.empty()) return;
  const reqprobe::Format format = input[0] & 1 ? reqprobe::Format::date_time : reqprobe::Format::date;
  const std::string_view text = input.substr(1);
  if (reqprobe::detail::string_has_format(format, text) && !real_day(text))
    reqprobe::fuzz::fail("a date the format accepts is a real calendar day", text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] & 1) {
    check_date(input);
  } else {
    check_pattern(input);
  }
  return 0;
}
