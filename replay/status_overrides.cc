#include "status_overrides.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "report_files.h"

namespace reqprobe::replay {
namespace {

// {"code": [statuses], ...} into `out`; false with `error` (relative to `where`).
bool read_codes(const rapidjson::Value& object, const std::string& where, std::map<std::string, std::vector<int>>& out,
                std::string& error) {
  if (!object.IsObject()) {
    error = where + " must be an object of violation codes";
    return false;
  }
  for (const auto& member : object.GetObject()) {
    const std::string code(member.name.GetString(), member.name.GetStringLength());
    Code parsed;
    if (code != "*" && !code_from_name(code, parsed)) {
      error = where + ": '" + code + "' is no violation code (use a code such as type, required, content_type, or *)";
      return false;
    }
    if (!member.value.IsArray() || member.value.Empty()) {
      error = where + "/" + code + " must be a non-empty array of statuses";
      return false;
    }
    std::vector<int>& statuses = out[code];
    for (const auto& status : member.value.GetArray()) {
      if (!status.IsInt() || status.GetInt() < 100 || status.GetInt() > 599) {
        error = where + "/" + code + ": each status is an integer from 100 to 599";
        return false;
      }
      statuses.push_back(status.GetInt());
    }
  }
  return true;
}

const std::vector<int>* in(const std::map<std::string, std::vector<int>>& codes, Code code) {
  if (const auto found = codes.find(std::string(code_name(code))); found != codes.end()) return &found->second;
  if (const auto any = codes.find("*"); any != codes.end()) return &any->second;
  return nullptr;
}

}  // namespace

std::string operation_name(const Operation& operation) {
  return operation.id.empty() ? operation.method + " " + operation.path_template : operation.id;
}

const std::vector<int>* StatusOverrides::find(const std::string& operation, Code code) const {
  if (const auto found = operations.find(operation); found != operations.end())
    if (const std::vector<int>* set = in(found->second, code)) return set;
  return in(statuses, code);
}

bool read_status_overrides(const std::string& path, StatusOverrides& out, std::string& error) {
  std::string json;
  if (!read_whole_file(path, json, error)) {
    error = "--expect-statuses: " + error;
    return false;
  }
  rapidjson::Document document;
  document.Parse<rapidjson::kParseIterativeFlag>(json.data(), json.size());
  if (document.HasParseError()) {
    error = "--expect-statuses: " + path + " is not JSON: " + rapidjson::GetParseError_En(document.GetParseError()) +
            " at byte " + std::to_string(document.GetErrorOffset());
    return false;
  }
  if (!document.IsObject()) {
    error = "--expect-statuses: " + path + " must hold an object with \"statuses\" and/or \"operations\"";
    return false;
  }
  const rapidjson::Value& root = document;  // const iterators: clang's C++20 reversed-operator check
  for (const auto& member : root.GetObject()) {
    const std::string key(member.name.GetString(), member.name.GetStringLength());
    bool ok = true;
    if (key == "statuses") {
      ok = read_codes(member.value, "/statuses", out.statuses, error);
    } else if (key == "operations" && member.value.IsObject()) {
      for (const auto& operation : member.value.GetObject()) {
        const std::string name(operation.name.GetString(), operation.name.GetStringLength());
        ok = ok && read_codes(operation.value, "/operations/" + name, out.operations[name], error);
      }
    } else {
      error = key == "operations" ? "/operations must be an object of operations"
                                  : "unknown key '" + key + "' (the file has \"statuses\" and \"operations\")";
      ok = false;
    }
    if (!ok) {
      error = "--expect-statuses: " + path + ": " + error;
      return false;
    }
  }
  return true;
}

bool check_status_overrides(const Plan& plan, const StatusOverrides& overrides, std::string& error) {
  for (const auto& [name, codes] : overrides.operations) {
    bool known = false;
    for (const Operation& operation : plan.operations) known = known || operation_name(operation) == name;
    if (known) continue;
    std::string names;
    for (const Operation& operation : plan.operations) names += (names.empty() ? "" : ", ") + operation_name(operation);
    error = "--expect-statuses: the document has no operation '" + name + "'; its operations: " + names;
    return false;
  }
  return true;
}

}  // namespace reqprobe::replay
