#include "canonical_value.h"

#include <algorithm>
#include <charconv>
#include <vector>

#include "../canonical_text.h"
#include "../decimal.h"
#include "../integer_checks.h"
#include "../json_string.h"

namespace reqprobe::detail {
namespace {

struct Container {
  bool object = false;
  std::vector<std::pair<std::string, std::string>> members;  // objects: (canonical key, value); arrays: ("", value)
  std::string key;
};

}  // namespace

void canonical_value(std::string_view json, std::string& out) {
  // Scalars without escapes, the common case (uniqueItems over ids, enums of words), allocate nothing: a string
  // with no backslash is already canonical (JSON strings hold no raw '"' or control byte), literals are themselves.
  {
    std::size_t first = 0;
    while (first < json.size() &&
           (json[first] == ' ' || json[first] == '\n' || json[first] == '\r' || json[first] == '\t'))
      ++first;
    std::size_t last = json.size();
    while (last > first &&
           (json[last - 1] == ' ' || json[last - 1] == '\n' || json[last - 1] == '\r' || json[last - 1] == '\t'))
      --last;
    const std::string_view value = json.substr(first, last - first);
    if (!value.empty() && value.front() == '"' && value.find('\\') == std::string_view::npos) {
      out.assign(value);
      return;
    }
    if (value == "true" || value == "false" || value == "null") {
      out.assign(value);
      return;
    }
  }
  std::vector<Container> stack;
  std::string value;  // the last finished value
  std::string scratch;
  std::size_t pos = 0;
  const auto ws = [&] {
    while (pos < json.size() && (json[pos] == ' ' || json[pos] == '\n' || json[pos] == '\r' || json[pos] == '\t'))
      ++pos;
  };
  const auto finish = [&](std::string&& done) {
    if (stack.empty()) {
      out = std::move(done);
      return;
    }
    Container& top = stack.back();
    top.members.emplace_back(std::move(top.key), std::move(done));
  };
  while (true) {
    ws();
    if (pos >= json.size()) return;
    const char c = json[pos];
    if (!stack.empty() && (c == ',' || c == ':')) {
      ++pos;
      continue;
    }
    if (c == '}' || c == ']') {
      ++pos;
      Container done = std::move(stack.back());
      stack.pop_back();
      std::string text;
      if (done.object) {
        std::sort(done.members.begin(), done.members.end());
        text = "{";
        for (std::size_t i = 0; i < done.members.size(); ++i) {
          if (i) text += ",";
          text += done.members[i].first + ":" + done.members[i].second;
        }
        text += "}";
      } else {
        text = "[";
        for (std::size_t i = 0; i < done.members.size(); ++i) text += (i ? "," : "") + done.members[i].second;
        text += "]";
      }
      finish(std::move(text));
      if (stack.empty()) return;
      continue;
    }
    if (c == '{' || c == '[') {
      ++pos;
      stack.push_back({c == '{', {}, {}});
      continue;
    }
    std::string text;
    if (c == '"') {
      const StringScan scan = scan_string(json.data(), json.size(), pos + 1);
      scratch.clear();
      decode_string(json.substr(pos + 1, scan.end - 1 - (pos + 1)), scratch);
      append_canonical_string(text, scratch);
      pos = scan.end;
      // In an object with no key pending, a string is the next key (a canonical key is never empty: it is
      // quoted).
      if (!stack.empty() && stack.back().object && stack.back().key.empty()) {
        stack.back().key = std::move(text);
        continue;
      }
    } else if (c == 't' || c == 'f' || c == 'n') {
      const std::size_t length = c == 'f' ? 5 : 4;
      text.assign(json.substr(pos, length));
      pos += length;
    } else {
      const NumberLexeme lexeme = scan_number(json.data(), json.size(), pos);
      Decimal d;
      (void)parse_decimal(json.substr(pos, lexeme.end - pos), d);
      text = canonical_number(d);
      pos = lexeme.end;
    }
    finish(std::move(text));
    if (stack.empty()) return;
  }
}

std::string plain_json(std::string_view canonical) {
  std::string out;
  out.reserve(canonical.size());
  for (std::size_t i = 0; i < canonical.size();) {
    const char c = canonical[i];
    if (c == '"') {  // a string, copied as written
      const std::size_t begin = i++;
      while (i < canonical.size() && canonical[i] != '"') i += canonical[i] == '\\' ? 2 : 1;
      i = std::min(i + 1, canonical.size());
      out.append(canonical.substr(begin, i - begin));
      continue;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t end = i + 1;
      while (end < canonical.size() && (canonical[end] == '-' || canonical[end] == 'e' || canonical[end] == '+' ||
                                        (canonical[end] >= '0' && canonical[end] <= '9')))
        ++end;
      const std::string_view token = canonical.substr(i, end - i);
      Decimal value;
      const std::size_t e = token.find('e');
      std::string_view exponent = e == std::string_view::npos ? std::string_view() : token.substr(e + 1);
      if (!exponent.empty() && exponent.front() == '+') exponent.remove_prefix(1);
      std::int64_t parsed = 0;
      const auto [end_of_exponent, status] =
          std::from_chars(exponent.data(), exponent.data() + exponent.size(), parsed);
      if (token == "0" || e == std::string_view::npos || status != std::errc() ||
          end_of_exponent != exponent.data() + exponent.size()) {
        out.append(token);  // an exponent past int64 (no exception here: this is the validation path) stays as written
      } else {
        value.negative = token[0] == '-';
        value.digits = std::string(token.substr(value.negative ? 1 : 0, e - (value.negative ? 1 : 0)));
        value.exponent = parsed;
        out += plain_number(value);
      }
      i = end;
      continue;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

}  // namespace reqprobe::detail
