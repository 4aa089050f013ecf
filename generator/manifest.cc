// manifest.jsonl: one line per generated case, for tools that select cases without opening every file.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "generator.h"

namespace reqprobe::gen {
namespace {

void write_violation(rapidjson::Writer<rapidjson::StringBuffer>& w, const Violation& v) {
  w.StartObject();
  w.Key("code");
  w.String(std::string(code_name(v.code)));
  w.Key("location");
  w.String(std::string(location_name(v.location)));
  w.Key("pointer");
  w.String(v.pointer.data(), static_cast<rapidjson::SizeType>(v.pointer.size()));
  w.Key("severity");
  w.String(std::string(severity_name(v.severity)));
  w.EndObject();
}

}  // namespace

std::string manifest_line(const GeneratedCase& generated, const std::string& file) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("id");
  w.String(generated.kase.id);
  if (!generated.operation.empty()) {
    w.Key("operation");
    w.String(generated.operation);
  }
  w.Key("file");
  w.String(file);
  w.Key("category");
  w.String(generated.category);
  w.Key("constraints");
  w.StartArray();
  for (const std::string& constraint : generated.constraints) w.String(constraint);
  w.EndArray();
  w.Key("side");
  w.String(generated.meant_valid ? "valid" : "invalid");
  w.Key("target");
  if (generated.has_target) {
    write_violation(w, generated.target);
  } else {
    w.Null();
  }
  w.Key("verdict");
  w.String(generated.kase.expect.verdict);
  w.Key("violations");
  w.StartArray();
  for (const Violation& v : generated.kase.expect.violations) write_violation(w, v);
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace reqprobe::gen
