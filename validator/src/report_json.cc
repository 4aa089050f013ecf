// Results as JSON text. Strings go through utf8_or_replacement first: an input name or message may hold bytes
// that are not UTF-8, and the output must stay valid JSON for the tools that read it.
#include "reqprobe/report_json.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace reqprobe {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void write_string(JsonWriter& w, std::string_view text) {
  const std::string utf8 = utf8_or_replacement(text);
  w.String(utf8.data(), static_cast<rapidjson::SizeType>(utf8.size()));
}

// RapidJSON escapes only what JSON requires (controls below 0x20). DEL and the C1 controls (U+0080-U+009F) are
// valid in JSON strings but act on a terminal that shows the output, so they are escaped too. They occur only
// inside strings, so the bytes can be rewritten after writing.
std::string finish(const rapidjson::StringBuffer& buffer) {
  const std::string_view text(buffer.GetString(), buffer.GetSize());
  std::string out;
  out.reserve(text.size());
  static constexpr char kHex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0x7F) {
      out += "\\u007f";
    } else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0 &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80) {
      const auto cp = static_cast<unsigned char>(text[++i]);
      out += "\\u00";
      out.push_back(kHex[cp >> 4]);
      out.push_back(kHex[cp & 15]);
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

void violation(JsonWriter& w, const Violation& v, bool with_message) {
  w.StartObject();
  w.Key("code");
  write_string(w, code_name(v.code));
  w.Key("location");
  write_string(w, location_name(v.location));
  w.Key("pointer");
  write_string(w, v.pointer);
  w.Key("severity");
  write_string(w, severity_name(v.severity));
  if (with_message) {
    w.Key("message");
    write_string(w, v.message);
  }
  w.EndObject();
}

void violations(JsonWriter& w, const std::vector<Violation>& list, bool with_message) {
  w.StartArray();
  for (const Violation& v : list) violation(w, v, with_message);
  w.EndArray();
}

void expectation(JsonWriter& w, const ExpectationDiff& diff) {
  w.StartObject();
  w.Key("verdict");
  write_string(w, diff.expected_verdict);
  w.Key("met");
  w.Bool(diff.met());
  w.Key("missing");
  violations(w, diff.missing, false);
  w.Key("unexpected");
  violations(w, diff.unexpected, false);
  w.EndObject();
}

}  // namespace

std::string violation_json(const Violation& v) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  violation(w, v, true);
  return finish(buffer);
}

std::string results_json(std::span<const InputResult> results) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("results");
  w.StartArray();
  for (const InputResult& result : results) {
    w.StartObject();
    w.Key("input");
    write_string(w, result.input);
    w.Key("verdict");
    write_string(w, verdict_name(result.valid));
    w.Key("violations");
    violations(w, result.violations, true);
    if (result.expectation) {
      w.Key("expect");
      expectation(w, *result.expectation);
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return finish(buffer);
}

}  // namespace reqprobe
