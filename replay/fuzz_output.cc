#include "fuzz_output.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>

#include "constraint_coverage.h"
#include "html_report.h"
#include "printable_text.h"
#include "report_files.h"

namespace reqprobe::replay {
namespace {

constexpr int kStateVersion = 1;
constexpr std::size_t kMaxStateBytes = 64 * 1024 * 1024;

std::string bucket_name(std::size_t index) {
  char name[32];
  std::snprintf(name, sizeof name, "bucket-%03zu", index + 1);
  return name;
}

// The reproducer as a case file that replay checks again: its `expect` is what the validator finds in it.
std::string case_file_text(Validator& validator, const Bucket& bucket) {
  Case kase = bucket.kase;
  const CaseRequest request(kase);
  Report report = validator.validate(request.request());
  kase.has_expect = true;
  kase.expect.verdict = report.valid() ? "valid" : "invalid";
  kase.expect.violations = std::move(report.violations);
  if (kase.description.empty()) kase.description = "fuzz bucket: " + bucket.key;
  return write_case(kase);
}

std::string state_json(const FuzzRun& run, const FuzzReportContext& context) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  const auto text = [&](const std::string& s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); };
  w.StartObject();
  w.Key("version");
  w.Int(kStateVersion);
  w.Key("requests");
  w.Uint64(context.requests);
  w.Key("seed");
  w.Uint64(context.options.seed);
  w.Key("buckets");
  w.StartArray();
  for (std::size_t i = 0; i < run.buckets.size(); ++i) {
    const Bucket& b = run.buckets[i];
    w.StartObject();
    w.Key("key");
    text(b.key);
    w.Key("hits");
    w.Uint64(b.hits);
    w.Key("first_seen");
    w.Uint64(b.first_seen);
    w.Key("case_file");
    text(bucket_name(i) + ".json");
    w.Key("curl_file");
    text(bucket_name(i) + ".sh");
    w.Key("edits");
    text(b.edits);
    w.Key("minimised");
    w.Bool(b.minimised);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%g s", seconds);
  return text;
}

bool write_html(const FuzzRun& run, const FuzzReportContext& context, std::string& error) {
  const FuzzOptions& o = context.options;
  HtmlReportInput page;
  page.command = "fuzz";
  page.version = o.replay.version;
  page.started = utc_timestamp();
  page.seconds = run.seconds;
  page.parameters = {{"target", context.target.url},
                     {"duration", o.duration_seconds > 0 ? seconds_text(o.duration_seconds) : "none"},
                     {"requests limit", o.max_requests > 0 ? std::to_string(o.max_requests) : "none"},
                     {"seed", std::to_string(o.seed)},
                     {"requests sent", std::to_string(run.sent)},
                     {"valid sent", std::to_string(run.valid_sent)},
                     {"mutants sent", std::to_string(run.mutants)},
                     {"seeds at the end", std::to_string(run.seeds)},
                     {"answer shapes", std::to_string(run.answer_buckets)},
                     {"check errors", o.replay.check_errors ? "yes" : "no"},
                     {"out", o.out_dir}};
  page.results = context.results;
  for (std::size_t i = 0; i < run.buckets.size(); ++i)
    page.buckets.push_back(HtmlBucket{run.buckets[i].key, run.buckets[i].hits, run.buckets[i].result,
                                      (std::filesystem::path(o.out_dir) / (bucket_name(i) + ".json")).string()});
  page.constraints = constraint_coverage(o.replay.manifest, context.results);
  return write_html_report(o.replay.html, page, context.redactor, error);
}

}  // namespace

bool write_fuzz_outputs(const FuzzRun& run, const FuzzReportContext& context, std::ostream& out, std::ostream& err) {
  const FuzzOptions& o = context.options;
  const Redactor& redactor = context.redactor;
  bool ok = true;
  const auto failed = [&](const std::string& message) {
    err << "reqprobe: " << printable_text(redactor.apply(message)) << "\n";
    ok = false;
  };
  std::error_code ec;
  std::filesystem::create_directories(o.out_dir, ec);
  if (ec) failed("cannot create " + o.out_dir + ": " + ec.message());
  std::string error;
  std::vector<CaseResult> reproducers;
  Validator validator(context.contract, o.replay.validator);
  for (std::size_t i = 0; ok && i < run.buckets.size(); ++i) {
    const Bucket& b = run.buckets[i];
    const std::filesystem::path base = std::filesystem::path(o.out_dir) / bucket_name(i);
    if (!write_whole_file(base.string() + ".json", redactor.apply(case_file_text(validator, b)), error) ||
        !write_whole_file(base.string() + ".sh", redactor.apply("#!/bin/sh\n" + b.result.reproduce + "\n"), error))
      failed(error);
    reproducers.push_back(b.result);
  }
  const auto path_in = [&](const char* name) { return (std::filesystem::path(o.out_dir) / name).string(); };
  if (ok) {
    JsonlReport jsonl;
    if (!jsonl.open(path_in("report.jsonl"), false, redactor, error)) failed(error);
    for (const CaseResult& r : reproducers)
      if (jsonl.is_open() && !jsonl.write(r)) failed("cannot write " + path_in("report.jsonl"));
  }
  if (ok && !write_junit(path_in("junit.xml"), reproducers, run.seconds, redactor, error)) failed(error);
  if (ok && !write_sarif(path_in("report.sarif"), reproducers, o.replay.version, redactor, error)) failed(error);
  if (ok && !write_whole_file(path_in("buckets.json"), redactor.apply(state_json(run, context)), error)) failed(error);
  // The user's own report paths get the same reproducers.
  if (!o.replay.report.empty()) {
    JsonlReport jsonl;
    if (!jsonl.open(o.replay.report, false, redactor, error)) failed(error);
    for (const CaseResult& r : reproducers)
      if (jsonl.is_open()) (void)jsonl.write(r);
  }
  if (!o.replay.junit.empty() && !write_junit(o.replay.junit, reproducers, run.seconds, redactor, error)) failed(error);
  if (!o.replay.sarif.empty() && !write_sarif(o.replay.sarif, reproducers, o.replay.version, redactor, error))
    failed(error);
  if (!o.replay.html.empty() && !write_html(run, context, error)) failed(error);

  std::string text;
  text += "fuzz: " + std::to_string(run.sent) + " requests (" + std::to_string(run.mutants) + " mutants, " +
          std::to_string(run.valid_sent) + " valid) in " + std::to_string(static_cast<long>(run.seconds)) + " s; " +
          std::to_string(run.answer_buckets) + " answer shapes, " + std::to_string(run.seeds) + " seeds\n";
  text += "fuzz: " + std::to_string(run.buckets.size()) + " buckets" +
          (run.buckets.empty() ? std::string() : " in " + printable_text(o.out_dir)) + "\n";
  const std::size_t shown = std::min(run.buckets.size(), o.replay.show_findings);
  for (std::size_t i = 0; i < shown; ++i) {
    const Bucket& b = run.buckets[i];
    text += "BUCKET " + bucket_name(i) + " " + printable_text(b.key) + " (" + std::to_string(b.hits) + " hits" +
            (b.minimised ? ", minimised" : "") + ")\n";
    text += "  " + printable_text(b.result.detail) + "\n";
    text += "  replay: reqprobe replay " + printable_text(path_in((bucket_name(i) + ".json").c_str())) + "\n";
  }
  if (shown < run.buckets.size())
    text += "... " + std::to_string(run.buckets.size() - shown) + " more buckets in " +
            printable_text(path_in("buckets.json")) + "\n";
  if (run.interrupted) text += "fuzz: interrupted; continue with --resume " + printable_text(o.out_dir) + "\n";
  if (run.endpoint_dead) text += "fuzz: the endpoint stopped answering; the run ended early\n";
  out << redactor.apply(text) << std::flush;
  return ok;
}

bool read_fuzz_dir(const std::string& dir, FuzzState& out, std::string& error) {
  const std::string state_path = (std::filesystem::path(dir) / "buckets.json").string();
  std::string text;
  if (!read_whole_file(state_path, text, error)) return false;
  if (text.size() > kMaxStateBytes) {
    error = state_path + " is larger than a fuzz run writes";
    return false;
  }
  rapidjson::Document doc;
  if (doc.Parse<rapidjson::kParseIterativeFlag>(text.data(), text.size()).HasParseError() || !doc.IsObject() ||
      !doc.HasMember("version") || !doc["version"].IsInt() || doc["version"].GetInt() != kStateVersion ||
      !doc.HasMember("requests") || !doc["requests"].IsUint64() || !doc.HasMember("buckets") ||
      !doc["buckets"].IsArray()) {
    error = state_path + " is not the buckets.json of a reqprobe fuzz run";
    return false;
  }
  out.requests = doc["requests"].GetUint64();
  std::vector<ReportLine> lines;
  std::size_t skipped = 0;
  const std::string report_path = (std::filesystem::path(dir) / "report.jsonl").string();
  if (!read_jsonl_report(report_path, lines, skipped, error)) return false;
  const rapidjson::Value& buckets = doc["buckets"];
  for (rapidjson::SizeType i = 0; i < buckets.Size(); ++i) {
    const rapidjson::Value& b = buckets[i];
    const auto string_member = [&](const char* name) {
      return b.IsObject() && b.HasMember(name) && b[name].IsString()
                 ? std::string(b[name].GetString(), b[name].GetStringLength())
                 : std::string();
    };
    Bucket bucket;
    bucket.key = string_member("key");
    bucket.edits = string_member("edits");
    const std::string file = string_member("case_file");
    if (bucket.key.empty() || file.empty() || file.find('/') != std::string::npos || !b.HasMember("hits") ||
        !b["hits"].IsUint64()) {
      error = state_path + ": bucket " + std::to_string(i + 1) + " is malformed";
      return false;
    }
    bucket.hits = b["hits"].GetUint64();
    bucket.first_seen = b.HasMember("first_seen") && b["first_seen"].IsUint64() ? b["first_seen"].GetUint64() : 0;
    bucket.minimised = b.HasMember("minimised") && b["minimised"].IsBool() && b["minimised"].GetBool();
    std::string case_text;
    const std::string case_path = (std::filesystem::path(dir) / file).string();
    if (!read_whole_file(case_path, case_text, error)) return false;
    CaseParseResult parsed = parse_case(case_text);
    if (!parsed.ok()) {
      error = case_path + ": " + parsed.error.describe();
      return false;
    }
    bucket.kase = std::move(*parsed.kase);
    bucket.kase.has_expect = false;
    if (i < lines.size()) bucket.result = lines[i].result;
    out.buckets.push_back(std::move(bucket));
  }
  return true;
}

}  // namespace reqprobe::replay
