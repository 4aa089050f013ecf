// reqprobe_fuzz_seeds: seed corpora and dictionaries for the fuzz targets, all derived from the contract plan and
// the case generator's suite (no field is named here). fuzz/make_seeds.sh runs it; files are named by SHA-1.
//
//     reqprobe_fuzz_seeds corpus DIR       generator cases as seeds: DIR/<target>/<sha1> for every target
//     reqprobe_fuzz_seeds variants DIR     one-edit variants of the contract and of case files (candidates that
//                                          make_seeds.sh merges by coverage into contract_load_fuzzer/case_file_fuzzer)
//     reqprobe_fuzz_seeds dict DIR         DIR/reqprobe.dict (bodies, requests, case files), DIR/contract_load.dict
//     reqprobe_fuzz_seeds documents DIR FILE...
//                                          each OpenAPI document's generated cases (every operation) as
//                                          DIR/document_request_fuzzer/<sha1>: the document, NUL, the request
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_utils.h"
#include "generator.h"
#include "sha1.h"

namespace {

namespace fs = std::filesystem;
using rapidjson::Value;

// The largest seed each target keeps. Seeds above a target's .options max_len stay as regression inputs for the
// ctest replays (long headers, the whole embedded contract); libFuzzer itself reads only max_len bytes of them.
const std::map<std::string, std::size_t> kMaxSeedBytes = {{"body_fuzzer", 4096},
                                                          {"differential_fuzzer", 4096},
                                                          {"request_fuzzer", 8192},
                                                          {"request_target_fuzzer", 65536},
                                                          {"case_file_fuzzer", 8192},
                                                          {"contract_load_fuzzer", 16384},
                                                          {"document_request_fuzzer", 16384}};

class SeedWriter {
 public:
  explicit SeedWriter(fs::path root) : root_(std::move(root)) {}
  void add(const std::string& target, std::string_view bytes) {
    if (bytes.size() > kMaxSeedBytes.at(target)) return;
    const fs::path dir = root_ / target;
    fs::create_directories(dir);
    const fs::path file = dir / reqprobe::fuzz::sha1_hex(bytes);
    if (!written_.insert(file.string()).second || fs::exists(file)) return;
    std::ofstream(file, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    ++counts_[target];
  }
  void summary() const {
    for (const auto& [target, count] : counts_) std::printf("%s: %zu new files\n", target.c_str(), count);
  }

 private:
  fs::path root_;
  std::set<std::string> written_;
  std::map<std::string, std::size_t> counts_;
};

bool same_split(const reqprobe::Request& a, const reqprobe::Request& b) {
  if (a.method != b.method || a.target != b.target || a.body != b.body || a.headers.size() != b.headers.size())
    return false;
  for (std::size_t i = 0; i < a.headers.size(); ++i)
    if (a.headers[i].name != b.headers[i].name || a.headers[i].value != b.headers[i].value) return false;
  return true;
}

// The request in split_request's format, when the format can carry it exactly.
bool add_request(SeedWriter& out, const std::string& target, const reqprobe::Request& request) {
  const std::string text = reqprobe::fuzz::join_request(request);
  reqprobe::fuzz::SplitRequest back;
  reqprobe::fuzz::split_request(text, true, back);
  if (!same_split(back.request, request)) return false;
  out.add(target, text);
  return true;
}

int write_corpus(const fs::path& root) {
  const auto contract = reqprobe::fuzz::embedded_contract();
  const reqprobe::gen::Suite suite = reqprobe::gen::generate_suite(contract, {.seed = 1, .limits = {}});
  SeedWriter out(root);
  std::size_t unrepresentable = 0;
  for (const reqprobe::gen::GeneratedCase& generated : suite.cases) {
    const reqprobe::Case& kase = generated.kase;
    if (kase.body) {
      out.add("body_fuzzer", *kase.body);
      out.add("differential_fuzzer", *kase.body);
    }
    const reqprobe::CaseRequest view(kase);
    reqprobe::Request request = view.request();
    if (!add_request(out, "request_fuzzer", request)) ++unrepresentable;
    request.body.reset();
    (void)add_request(out, "request_target_fuzzer", request);
    out.add("case_file_fuzzer", reqprobe::write_case(kase));
  }
  out.add("contract_load_fuzzer", reqprobe::embedded_contract_text());
  out.summary();
  std::printf("%zu cases, %zu not representable in the request format\n", suite.cases.size(), unrepresentable);
  return 0;
}

// Every operation's cases of each document, at most kPerDocument of them spread over the suite (a document's seeds
// all carry the whole document, so a few hundred per document keep the corpus small).
int write_document_corpus(const fs::path& root, const std::vector<std::string>& files) {
  constexpr std::size_t kPerDocument = 300;
  SeedWriter out(root);
  int status = 0;
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    reqprobe::LoadOptions options;
    options.name = file;
    const reqprobe::LoadResult loaded = reqprobe::load_contract(text, options);
    if (!loaded.ok()) {
      std::fprintf(stderr, "%s: does not load (%s)\n", file.c_str(), loaded.errors.front().message.c_str());
      status = 1;
      continue;
    }
    const reqprobe::gen::Suite suite = reqprobe::gen::generate_suite(loaded.contract, {.seed = 1, .limits = {}});
    const std::size_t step = suite.cases.size() / kPerDocument + 1;
    std::size_t written = 0;
    for (std::size_t i = 0; i < suite.cases.size(); i += step) {
      const reqprobe::CaseRequest view(suite.cases[i].kase);  // owns what the request's views point into
      const reqprobe::Request request = view.request();
      const std::string joined = reqprobe::fuzz::join_request(request);
      reqprobe::fuzz::SplitRequest back;
      reqprobe::fuzz::split_request(joined, true, back);
      if (!same_split(back.request, request)) continue;
      out.add("document_request_fuzzer", text + std::string(1, '\0') + joined);
      ++written;
    }
    std::printf("%s: %zu cases, %zu seeds\n", file.c_str(), suite.cases.size(), written);
  }
  out.summary();
  return status;
}

// ---- one-edit variants of JSON documents ------------------------------------------------------------------------

std::string write_json(const Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  v.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

void strip_annotations(Value& v) {
  if (v.IsObject()) {
    v.RemoveMember("description");
    v.RemoveMember("summary");
    for (rapidjson::SizeType i = 0; i < v.MemberCount(); ++i) strip_annotations((v.MemberBegin() + i)->value);
  } else if (v.IsArray()) {
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i) strip_annotations(v[i]);
  }
}

// Calls edit(value, parent, index in parent) for every value, depth first.
void each_value(Value& v, Value* parent, rapidjson::SizeType index,
                const std::function<void(Value&, Value*, rapidjson::SizeType)>& edit) {
  edit(v, parent, index);
  if (v.IsObject()) {
    for (rapidjson::SizeType i = 0; i < v.MemberCount(); ++i) each_value((v.MemberBegin() + i)->value, &v, i, edit);
  } else if (v.IsArray()) {
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i) each_value(v[i], &v, i, edit);
  }
}

// For the n-th value: the document without it, with its type changed, and with an addition (an unknown member, a
// repeated item, an out-of-range or unknown scalar).
std::vector<std::string> variants(const Value& original) {
  std::vector<std::string> out;
  for (int kind = 0; kind < 3; ++kind) {
    for (std::size_t n = 0;; ++n) {
      rapidjson::Document copy;
      copy.CopyFrom(original, copy.GetAllocator());
      auto& a = copy.GetAllocator();
      std::size_t at = 0;
      bool done = false;
      each_value(copy, nullptr, 0, [&](Value& v, Value* parent, rapidjson::SizeType i) {
        if (at++ != n || done) return;
        done = true;
        if (kind == 0 && parent != nullptr) {
          parent->IsObject() ? (void)parent->EraseMember(parent->MemberBegin() + i)
                             : (void)parent->Erase(parent->Begin() + i);
        } else if (kind == 1) {  // another type, a different one from value to value
          const rapidjson::Type type = v.GetType();
          for (std::size_t k = n;; ++k) {
            const int pick = static_cast<int>(k % 6);
            if (pick == 0) v.SetNull();
            if (pick == 1) v.SetBool(true);
            if (pick == 2) v.SetString("x");
            if (pick == 3) v.SetInt(7);
            if (pick == 4) v.SetArray();
            if (pick == 5) v.SetObject();
            if (v.GetType() != type && !(type == rapidjson::kFalseType && v.IsBool())) break;
          }
        } else if (kind == 2) {
          if (v.IsObject()) {
            v.AddMember("x-reqprobe-unknown", 1, a).AddMember("unknown", true, a);
          } else if (v.IsArray() && !v.Empty()) {
            v.PushBack(Value(v[0], a), a);
          } else if (v.IsString()) {
            v.SetString("unknown");
          } else if (v.IsNumber()) {
            v.SetInt64(-1);
          } else if (v.IsBool()) {
            v.SetBool(!v.GetBool());
          }
        }
      });
      if (!done) break;
      if (kind == 0 && n == 0) continue;  // removing the root is not an edit
      std::string text = write_json(copy);
      if (kind == 2 && n == 0) text += " x";  // and once, bytes after the root
      out.push_back(std::move(text));
    }
  }
  return out;
}

// The first value under `v` (depth first) that `match` accepts.
Value* find_value(Value& v, const std::function<bool(const Value&)>& match) {
  if (match(v)) return &v;
  if (v.IsObject())
    for (rapidjson::SizeType i = 0; i < v.MemberCount(); ++i)
      if (Value* found = find_value((v.MemberBegin() + i)->value, match)) return found;
  if (v.IsArray())
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i)
      if (Value* found = find_value(v[i], match)) return found;
  return nullptr;
}

bool has(const Value& v, const char* key) {
  return v.IsObject() && v.HasMember(key);
}
bool is_schema(const Value& v, const char* type) {
  return has(v, "type") && v["type"].IsString() && std::string_view(v["type"].GetString()) == type;
}

// Contract features the embedded contract does not use, each added to it once: OpenAPI keywords and shapes the
// loader reads (or rejects), found by structure, never by field name.
std::vector<std::string> feature_variants(const rapidjson::Document& base) {
  using Alloc = rapidjson::Document::AllocatorType;
  std::vector<std::string> out;
  auto edit = [&](const std::function<void(Value&, Alloc&)>& change) {
    rapidjson::Document copy;
    copy.CopyFrom(base, copy.GetAllocator());
    change(copy, copy.GetAllocator());
    out.push_back(write_json(copy));
  };
  auto parameters = [](Value& d) { return find_value(d, [](const Value& v) { return has(v, "parameters"); }); };
  auto content = [](Value& d) { return find_value(d, [](const Value& v) { return has(v, "content"); }); };
  auto array_schema = [](Value& d) { return find_value(d, [](const Value& v) { return is_schema(v, "array"); }); };
  auto object_schema = [](Value& d) {  // the object schema with the most properties
    Value* best = nullptr;
    each_value(d, nullptr, 0, [&](Value& v, Value*, rapidjson::SizeType) {
      if (is_schema(v, "object") && has(v, "properties") && v["properties"].IsObject() &&
          (best == nullptr || v["properties"].MemberCount() > (*best)["properties"].MemberCount()))
        best = &v;
    });
    return best;
  };
  edit(
      [&](Value& d, Alloc& a) { (*parameters(d))["parameters"][0].AddMember("$ref", "#/components/parameters/P", a); });
  edit([&](Value& d, Alloc& a) {
    Value p(rapidjson::kObjectType);
    p.AddMember("name", "Content-Type", a).AddMember("in", "header", a);
    p.AddMember("schema", Value(rapidjson::kObjectType).AddMember("type", "string", a), a);
    (*parameters(d))["parameters"].PushBack(p, a);
  });
  for (const bool same : {true, false}) {
    edit([&](Value& d, Alloc& a) {
      Value& media = (*content(d))["content"];
      Value schema(rapidjson::kObjectType);
      if (same) schema.CopyFrom(media.MemberBegin()->value["schema"], a);
      if (!same) schema.AddMember("type", "object", a);
      media.AddMember("application/problem+json", Value(rapidjson::kObjectType).AddMember("schema", schema, a), a);
    });
  }
  edit([&](Value& d, Alloc& a) { content(d)->AddMember("required", true, a); });
  for (const auto& bounds : {std::pair{1, 3}, std::pair{3, 1}}) {
    // Plain copies: clang 14 cannot capture structured bindings in a lambda.
    const int min = bounds.first;
    const int max = bounds.second;
    edit([&](Value& d, Alloc& a) { array_schema(d)->AddMember("minItems", min, a).AddMember("maxItems", max, a); });
  }
  edit([&](Value& d, Alloc& a) {  // more properties than an object may have
    Value& properties = (*object_schema(d))["properties"];
    for (int i = 0; i < 65; ++i) {
      Value schema(rapidjson::kObjectType);
      schema.AddMember("type", "boolean", a);
      properties.AddMember(Value(("p" + std::to_string(i)).c_str(), a), schema, a);
    }
  });
  for (const bool wide : {false, true}) {
    edit([&](Value& d, Alloc& a) {  // a rule on an integer's value, or one reading more properties than it may
      Value& object = *object_schema(d);
      Value terms(rapidjson::kArrayType);
      for (auto m = object["properties"].MemberBegin(); m < object["properties"].MemberEnd(); ++m) {
        if (!wide && !is_schema(m->value, "integer")) continue;
        Value term(rapidjson::kObjectType);
        term.AddMember("property", Value(m->name, a), a);
        if (wide) term.AddMember("present", true, a);
        if (!wide) term.AddMember("const", 5, a);
        terms.PushBack(term, a);
        if (!wide || terms.Size() == 9) break;
      }
      Value rule(rapidjson::kObjectType);
      rule.AddMember("id", "F1", a).AddMember("severity", "error", a).AddMember("message", "m", a);
      rule.AddMember("anyOf", terms, a);
      if (!has(object, "x-reqprobe-rules")) object.AddMember("x-reqprobe-rules", Value(rapidjson::kArrayType), a);
      object["x-reqprobe-rules"].PushBack(rule, a);
    });
  }
  return out;
}

int write_variants(const fs::path& root) {
  SeedWriter out(root);
  rapidjson::Document contract;
  contract.Parse(reqprobe::embedded_contract_text().data(), reqprobe::embedded_contract_text().size());
  strip_annotations(contract);
  out.add("contract_load_fuzzer", write_json(contract));
  for (const std::string& v : variants(contract)) out.add("contract_load_fuzzer", v);
  for (const std::string& v : feature_variants(contract)) out.add("contract_load_fuzzer", v);

  const auto suite = reqprobe::gen::generate_suite(reqprobe::fuzz::embedded_contract(), {.seed = 1, .limits = {}});
  // A few small cases with every part of the format: headers, a body (text or base64), violations expected.
  std::set<std::string> shapes;
  for (const auto& generated : suite.cases) {
    const std::string text = reqprobe::write_case(generated.kase);
    if (text.size() > 1024) continue;
    const std::string shape = std::string(generated.kase.body ? "b" : "-") +
                              (text.find("body_base64") != std::string::npos ? "64" : "") +
                              std::to_string(generated.kase.expect.violations.size() > 0);
    if (!shapes.insert(shape).second) continue;
    rapidjson::Document doc;
    doc.Parse(text.c_str());
    for (const std::string& v : variants(doc)) out.add("case_file_fuzzer", v);
    if (generated.kase.body && doc["request"].HasMember("body")) {  // both body forms at once
      doc["request"].AddMember("body_base64", "e30=", doc.GetAllocator());
      out.add("case_file_fuzzer", write_json(doc));
    }
  }
  out.summary();
  return 0;
}

// ---- dictionaries ------------------------------------------------------------------------------------------------

class Dictionary {
 public:
  void add(std::string_view token) {
    if (!token.empty() && token.size() <= 64) tokens_.insert(std::string(token));
  }
  void add_json_string(std::string_view s) {
    add("\"" + std::string(s) + "\"");
    add("\"" + std::string(s) + "\":");
  }
  bool write(const fs::path& file) const {
    std::ofstream out(file, std::ios::binary);
    out << "# Generated by fuzz/make_seeds.sh from the contract and the generator; do not edit.\n";
    for (const std::string& token : tokens_) {
      out << '"';
      for (const char c : token) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
          out << '\\' << c;
        } else if (u < 0x20 || u >= 0x7f) {
          char hex[8];
          std::snprintf(hex, sizeof hex, "\\x%02X", u);
          out << hex;
        } else {
          out << c;
        }
      }
      out << "\"\n";
    }
    return static_cast<bool>(out);
  }

 private:
  std::set<std::string> tokens_;
};

// Tokens of the formats themselves: JSON (escapes, edge lexemes and bytes), the request format, case files.
// clang-format off
constexpr std::string_view kJsonAndHttpTokens[] = {
    "{", "}", "[", "]", ",", ":", "true", "false", "null", "-0", "1.0", "1e2", "\\u0000", "\\ud800", "\\udc00",
    "\\ud83d\\ude00", "\\u00e9", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\xC0\xAF", "\xED\xA0\x80",
    "\xF4\x90\x80\x80", "\xC3\xA9", "\xF0\x9F\x98\x80", "?", "&", "%2F", "%00", "%C3%A9", "%", ";charset=utf-8",
    ";charset=\"utf-8\"", "; charset=UTF-8", "\x0A\x0A", "\x0D\x0A"};
// clang-format on
constexpr std::string_view kCaseFileKeys[] = {"id",         "description", "request",     "method",  "target",
                                              "headers",    "body",        "body_base64", "expect",  "verdict",
                                              "violations", "code",        "location",    "pointer", "severity",
                                              "valid",      "invalid",     "error",       "warning"};

void add_integer_edges(Dictionary& d, std::int64_t value) {
  d.add(std::to_string(value));
  if (value > INT64_MIN) d.add(std::to_string(value - 1));
  if (value < INT64_MAX) d.add(std::to_string(value + 1));
}

int write_dictionaries(const fs::path& dir) {
  const auto contract = reqprobe::fuzz::embedded_contract();
  const reqprobe::Plan& plan = contract->plan();
  Dictionary d;
  for (const reqprobe::Property& p : plan.properties) d.add_json_string(p.name);
  for (const std::string& s : plan.enum_strings) d.add_json_string(s);
  for (const std::int64_t v : plan.enum_integers) add_integer_edges(d, v);
  for (const reqprobe::MaskUnion& m : plan.mask_unions)
    for (const std::int64_t mask : m.masks) add_integer_edges(d, mask);
  for (const reqprobe::SchemaNode& n : plan.nodes) {
    if (n.kind == reqprobe::NodeKind::integer) {
      add_integer_edges(d, n.minimum);
      add_integer_edges(d, n.maximum);
    }
  }
  d.add("9223372036854775808");
  d.add("-9223372036854775809");
  for (const reqprobe::Operation& op : plan.operations) {
    d.add(op.method);
    d.add(op.method + " ");
    for (const reqprobe::PathSegment& s : op.segments)
      if (s.parameter == reqprobe::kNone) d.add("/" + s.literal);
    for (const reqprobe::Parameter& p : op.parameters) {
      if (p.in == reqprobe::Location::query) d.add(p.name + "=");
      if (p.in == reqprobe::Location::header) d.add(p.name + ": ");
    }
    for (const reqprobe::AuthAlternative& alt : op.auth_alternatives) {
      for (const auto& need : alt.needs) {
        d.add(need.header + ": ");
        d.add(need.prefix);
        d.add(need.shape);
      }
    }
    for (const std::string& type : op.media_types) {
      d.add(type);
      d.add("content-type: " + type);
    }
  }
  for (const std::string_view token : kJsonAndHttpTokens) d.add(token);
  // Case files: the format's keys and the stable names of codes and locations.
  for (const std::string_view key : kCaseFileKeys) d.add_json_string(key);
  for (std::size_t i = 0; i < reqprobe::kCodeCount; ++i)
    d.add_json_string(reqprobe::code_name(static_cast<reqprobe::Code>(i)));
  for (std::size_t i = 0; i < reqprobe::kLocationCount; ++i)
    d.add_json_string(reqprobe::location_name(static_cast<reqprobe::Location>(i)));
  if (!d.write(dir / "reqprobe.dict")) return 1;

  // The contract loader: every key and string of the embedded contract, plus the JSON tokens.
  Dictionary c;
  rapidjson::Document doc;
  doc.Parse(reqprobe::embedded_contract_text().data(), reqprobe::embedded_contract_text().size());
  strip_annotations(doc);
  each_value(doc, nullptr, 0, [&](Value& v, Value*, rapidjson::SizeType) {
    if (v.IsObject())
      for (rapidjson::SizeType i = 0; i < v.MemberCount(); ++i)
        c.add_json_string((v.MemberBegin() + i)->name.GetString());
    if (v.IsString()) c.add_json_string(v.GetString());
  });
  for (const std::string_view token :
       {"{", "}", "[", "]", "true", "false", "null", "-1", "0", "4294967295", "9223372036854775807", "\"3.0.3\"",
        "\"nullable\":", "\"$ref\":", "\"#/components/schemas/\""})
    c.add(token);
  // YAML and OpenAPI 3.1: the loader reads both, and fuzz/make_schema_seeds.py adds YAML seeds.
  for (const std::string_view token : {"openapi: 3.1.0",
                                       "openapi: 3.0.3",
                                       "\n  ",
                                       "- ",
                                       ": ",
                                       "---",
                                       "&a ",
                                       "*a",
                                       "<<: ",
                                       "!!str ",
                                       "'",
                                       "|",
                                       ">-",
                                       "$ref: ",
                                       "\"$dynamicRef\":",
                                       "\"$dynamicAnchor\":",
                                       "\"jsonSchemaDialect\":",
                                       "\"webhooks\":",
                                       "\"style\":",
                                       "\"explode\":",
                                       "\"deepObject\"",
                                       "\"securitySchemes\":",
                                       "\"servers\":",
                                       "\"multipart/form-data\"",
                                       "\"application/x-www-form-urlencoded\""})
    c.add(token);
  return c.write(dir / "contract_load.dict") ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string_view mode = argc > 1 ? argv[1] : "";
  if (mode == "documents" && argc > 3)
    return write_document_corpus(argv[2], std::vector<std::string>(argv + 3, argv + argc));
  if (argc != 3) {
    std::fprintf(
        stderr,
        "usage: reqprobe_fuzz_seeds corpus|variants|dict DIR\n       reqprobe_fuzz_seeds documents DIR FILE...\n");
    return 2;
  }
  if (mode == "corpus") return write_corpus(argv[2]);
  if (mode == "variants") return write_variants(argv[2]);
  if (mode == "dict") return write_dictionaries(argv[2]);
  std::fprintf(stderr, "unknown mode %s\n", argv[1]);
  return 2;
}
