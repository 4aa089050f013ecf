#include "fuzz_shrink.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

#include "fuzz_buckets.h"
#include "reqprobe/json_depth.h"

namespace reqprobe::replay {
namespace {

constexpr std::size_t kMaxCandidates = 64;
constexpr unsigned kParseFlags = rapidjson::kParseIterativeFlag;
constexpr std::size_t kMaxShrinkNesting = 64;  // the writers here recurse; deeper bodies are only cut
constexpr std::size_t kMaxBodySteps = 256;
constexpr std::size_t kMaxShrinkBody = 256 << 10;  // a larger body is only cut: 256 copies stay under 64 MiB

std::string written(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

// The document written with one member or item left out (`skip`), without changing the DOM: every step starts
// from the same document, and no step copies it.
void write_without(rapidjson::Writer<rapidjson::StringBuffer>& w, const rapidjson::Value& v,
                   const rapidjson::Value* skip) {
  if (v.IsObject()) {
    w.StartObject();
    for (auto m = v.MemberBegin(); m < v.MemberEnd(); ++m) {  // (C++20: no == on these iterators)
      if (&m->value == skip) continue;
      w.Key(m->name.GetString(), m->name.GetStringLength());
      write_without(w, m->value, skip);
    }
    w.EndObject();
  } else if (v.IsArray()) {
    w.StartArray();
    for (const rapidjson::Value& item : v.GetArray())
      if (&item != skip) write_without(w, item, skip);
    w.EndArray();
  } else {
    v.Accept(w);
  }
}

std::string written_without(const rapidjson::Value& root, const rapidjson::Value* skip) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  write_without(writer, root, skip);
  return std::string(buffer.GetString(), buffer.GetSize());
}

// Every body with one member or the last item dropped, or one long string halved, at the first three levels; at
// most kMaxBodySteps of them.
void json_steps(rapidjson::Document& doc, rapidjson::Value& value, int level, std::vector<std::string>& out) {
  if (level > 2 || out.size() >= kMaxBodySteps) return;
  if (value.IsObject()) {
    for (auto m = value.MemberBegin(); m < value.MemberEnd() && out.size() < kMaxBodySteps; ++m)
      out.push_back(written_without(doc, &m->value));
    for (auto m = value.MemberBegin(); m < value.MemberEnd(); ++m) json_steps(doc, m->value, level + 1, out);
  } else if (value.IsArray() && !value.Empty()) {
    out.push_back(written_without(doc, &value[value.Size() - 1]));
    json_steps(doc, value[0], level + 1, out);
  } else if (value.IsString() && value.GetStringLength() > 8) {
    const std::string original(value.GetString(), value.GetStringLength());
    value.SetString(original.data(), static_cast<rapidjson::SizeType>(original.size() / 2), doc.GetAllocator());
    out.push_back(written(doc));
    value.SetString(original.data(), static_cast<rapidjson::SizeType>(original.size()), doc.GetAllocator());
  }
}

std::vector<std::string> body_steps(const std::string& body) {
  std::vector<std::string> out;
  rapidjson::Document doc;
  if (body.size() <= kMaxShrinkBody && json_depth_within(body, kMaxShrinkNesting) &&
      !doc.Parse<kParseFlags>(body.data(), body.size()).HasParseError()) {
    out.push_back(written(doc));  // the same JSON written plainly (escapes and spaces gone)
    json_steps(doc, doc, 0, out);
    return out;
  }
  for (const std::size_t parts : {2u, 4u}) {  // not JSON: keep a half, or drop a quarter
    const std::size_t piece = body.size() / parts;
    if (piece == 0) continue;
    for (std::size_t k = 0; k < parts; ++k) {
      std::string cut = body;
      cut.erase(k * piece, piece);
      out.push_back(std::move(cut));
    }
  }
  return out;
}

}  // namespace

std::vector<Case> shrink_candidates(const Case& kase) {
  std::vector<Case> out;
  for (std::size_t i = 0; i < kase.headers.size(); ++i) {
    Case c = kase;
    c.headers.erase(c.headers.begin() + static_cast<std::ptrdiff_t>(i));
    out.push_back(std::move(c));
  }
  if (const std::size_t question = kase.target.find('?'); question != std::string::npos) {
    const std::string path = kase.target.substr(0, question);
    std::vector<std::string> pairs;
    std::string_view rest = std::string_view(kase.target).substr(question + 1);
    while (true) {
      const std::size_t amp = rest.find('&');
      pairs.emplace_back(rest.substr(0, amp));
      if (amp == std::string_view::npos) break;
      rest = rest.substr(amp + 1);
    }
    for (std::size_t drop = 0; drop < pairs.size(); ++drop) {
      Case c = kase;
      c.target = path;
      bool first = true;
      for (std::size_t i = 0; i < pairs.size(); ++i) {
        if (i == drop) continue;
        c.target += (first ? "?" : "&") + pairs[i];
        first = false;
      }
      out.push_back(std::move(c));
    }
  }
  if (kase.body) {
    Case none = kase;
    none.body.reset();
    out.push_back(std::move(none));
    for (std::string& body : body_steps(*kase.body)) {
      Case c = kase;
      c.body = std::move(body);
      out.push_back(std::move(c));
    }
  }
  const std::size_t size = case_size(kase);
  out.erase(std::remove_if(out.begin(), out.end(), [&](const Case& c) { return case_size(c) >= size; }), out.end());
  std::stable_sort(out.begin(), out.end(), [](const Case& a, const Case& b) { return case_size(a) < case_size(b); });
  if (out.size() > kMaxCandidates) out.resize(kMaxCandidates);
  return out;
}

}  // namespace reqprobe::replay
