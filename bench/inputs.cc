#include "inputs.h"

#include <rapidjson/document.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace reqprobe_bench {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

rapidjson::Document parse_json_file(const std::string& path) {
  rapidjson::Document doc;
  const std::string text = read_file(path);
  doc.Parse(text.c_str(), text.size());
  if (doc.HasParseError() || !doc.IsObject()) throw std::runtime_error(path + " is not a JSON object");
  return doc;
}

const rapidjson::Value& member(const rapidjson::Value& object, const char* name, const std::string& where) {
  const auto it = object.FindMember(name);
  if (it == object.MemberEnd()) throw std::runtime_error(where + ": missing \"" + name + "\"");
  return it->value;
}

std::string string_member(const rapidjson::Value& object, const char* name, const std::string& where) {
  const rapidjson::Value& value = member(object, name, where);
  if (!value.IsString()) throw std::runtime_error(where + ": \"" + name + "\" is not a string");
  return {value.GetString(), value.GetStringLength()};
}

void load_request(Input& input, const std::string& path) {
  const rapidjson::Document doc = parse_json_file(path);
  input.method = string_member(doc, "method", path);
  input.target = string_member(doc, "target", path);
  const rapidjson::Value& headers = member(doc, "headers", path);
  if (!headers.IsArray()) throw std::runtime_error(path + ": \"headers\" is not an array");
  for (const rapidjson::Value& pair : headers.GetArray()) {
    if (!pair.IsArray() || pair.Size() != 2 || !pair[0].IsString() || !pair[1].IsString())
      throw std::runtime_error(path + ": each header is [name, value]");
    input.header_text.emplace_back(pair[0].GetString(), pair[0].GetStringLength());
    input.header_text.emplace_back(pair[1].GetString(), pair[1].GetStringLength());
  }
  // Views are taken only now that header_text no longer grows.
  input.request_bytes = input.method.size() + input.target.size() + input.body.size();
  for (std::size_t i = 0; i < input.header_text.size(); i += 2) {
    input.headers.push_back({input.header_text[i], input.header_text[i + 1]});
    input.request_bytes += input.header_text[i].size() + input.header_text[i + 1].size();
  }
  input.request = {input.method, input.target, input.headers, input.body};
}

}  // namespace

std::string read_text_file(const std::string& path) {
  return read_file(path);
}

Inputs load_inputs(const std::string& data_dir) {
  const std::string manifest_path = data_dir + "/cases.json";
  const rapidjson::Document manifest = parse_json_file(manifest_path);
  const rapidjson::Value& cases = member(manifest, "cases", manifest_path);
  if (!cases.IsArray()) throw std::runtime_error(manifest_path + ": \"cases\" is not an array");
  Inputs inputs;
  for (const rapidjson::Value& entry : cases.GetArray()) {
    auto input = std::make_unique<Input>();
    input->name = string_member(entry, "name", manifest_path);
    input->about = string_member(entry, "about", manifest_path);
    const rapidjson::Value& valid = member(entry, "valid", manifest_path);
    if (!valid.IsBool()) throw std::runtime_error(manifest_path + ": \"valid\" is not a boolean");
    input->valid = valid.GetBool();
    const auto role = entry.FindMember("role");
    input->scaling_only =
        role != entry.MemberEnd() && role->value.IsString() && role->value.GetString() == std::string("scaling");
    const std::string dir = data_dir + "/" + string_member(entry, "dir", manifest_path);
    const std::string body = read_file(dir + "/body.json");
    // RapidJSON's StringStream stops at the first NUL: a body holding one would be measured short.
    if (body.find('\0') != std::string::npos) throw std::runtime_error(dir + "/body.json holds a NUL byte");
    input->storage = body;
    input->storage.append(kPadding, '\0');
    input->body = std::string_view(input->storage.data(), body.size());
    if (const auto schema = entry.FindMember("schema"); schema != entry.MemberEnd() && schema->value.IsString()) {
      input->schema_file = data_dir + "/" + schema->value.GetString();
    } else {
      load_request(*input, dir + "/request.json");
    }
    inputs.push_back(std::move(input));
  }
  if (inputs.empty()) throw std::runtime_error(manifest_path + " lists no cases");
  return inputs;
}

}  // namespace reqprobe_bench
