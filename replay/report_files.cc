#include "report_files.h"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>

#include "report_escape.h"

namespace reqprobe::replay {
namespace {

// JUnit's classname groups cases in CI views: the first segment of the id ("body", "header", "limit"...).
std::string group_of(const std::string& id) {
  return id.substr(0, id.find('.'));
}

std::string_view rule_help(Outcome outcome) {
  switch (outcome) {
    case Outcome::accepted_invalid:
      return "The endpoint accepted (2xx) a request the contract forbids.";
    case Outcome::rejected_valid:
      return "The endpoint refused a request the contract allows.";
    case Outcome::server_error:
      return "The endpoint answered 5xx.";
    case Outcome::wrong_status:
      return "The endpoint refused an invalid request, but with another status than the documented one.";
    case Outcome::wrong_error_body:
      return "The endpoint refused an invalid request with the documented status, but not with the documented error "
             "(the body is not {\"error_code\",\"error_msg\"}, the error_code differs, or X-Request-Id is missing).";
    case Outcome::timeout:
      return "The endpoint did not answer within the timeout.";
    case Outcome::transport_error:
      return "The endpoint could not be reached or closed the connection without answering.";
    case Outcome::not_sent:
      return "HTTP/1.1 cannot carry the case as written, so it was not sent (not a finding).";
    case Outcome::undocumented_status:
      return "The endpoint accepted a valid request with a 2xx status the operation does not document.";
    case Outcome::content_type_mismatch:
      return "The answer's Content-Type is not one of the media types the response documents (or a documented body "
             "is missing).";
    case Outcome::response_schema_mismatch:
      return "The answer's JSON body is not valid against the documented response schema, or a required response "
             "header is missing.";
    case Outcome::ok:
      break;
  }
  return "The endpoint answered as documented.";
}

}  // namespace

std::string utc_timestamp() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

// Through a temporary file in the same directory and a rename, so a reader (a CI artifact upload, a browser) never
// sees half a page, and an old page stays whole when writing fails.
bool write_whole_file(const std::string& path, const std::string& bytes, std::string& error) {
  const std::string temporary = path + ".tmp";
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  if (file == nullptr) {
    error = "cannot write " + path + ": " + std::strerror(errno);
    return false;
  }
  const bool written = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
  const int write_errno = errno;
  const bool closed = std::fclose(file) == 0;
  const int close_errno = errno;
  if (!written || !closed || std::rename(temporary.c_str(), path.c_str()) != 0) {
    const int reason = !written ? write_errno : !closed ? close_errno : errno;
    std::remove(temporary.c_str());
    error = "cannot write " + path + ": " + std::strerror(reason);
    return false;
  }
  return true;
}

JsonlReport::~JsonlReport() {
  if (file_) std::fclose(file_);
}

bool JsonlReport::open(const std::string& path, bool append, const Redactor& redactor, std::string& error) {
  file_ = std::fopen(path.c_str(), append ? "ab" : "wb");
  if (!file_) {
    error = "cannot open " + path + ": " + std::strerror(errno);
    return false;
  }
  redactor_ = &redactor;
  return true;
}

bool JsonlReport::write(const CaseResult& result) {
  return write_line(jsonl_line(result));
}

bool JsonlReport::write_line(std::string_view text) {
  if (!file_ || failed_) return false;
  const std::string line = redactor_->apply(text) + "\n";
  failed_ = std::fwrite(line.data(), 1, line.size(), file_) != line.size() || std::fflush(file_) != 0;
  return !failed_;
}

bool read_whole_file(const std::string& path, std::string& text, std::string& error) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream content;
  content << file.rdbuf();
  if (!file) {
    error = "cannot read " + path;
    return false;
  }
  text = content.str();
  return true;
}

bool read_jsonl_report(const std::string& path, std::vector<ReportLine>& out, std::size_t& skipped,
                       std::string& error) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    error = "cannot read " + path;
    return false;
  }
  std::string line;
  skipped = 0;
  while (std::getline(file, line)) {
    if (line.empty()) continue;
    std::optional<CaseResult> result = parse_jsonl_line(line);
    if (result)
      out.push_back({std::move(*result), line});
    else
      ++skipped;
  }
  return true;
}

bool rewrite_jsonl_report(const std::string& path, std::span<const ReportLine> lines, std::string& error) {
  std::string text;
  for (const ReportLine& line : lines) text += line.text + "\n";
  return write_whole_file(path, text, error);
}

bool write_junit(const std::string& path, std::span<const CaseResult> results, double seconds, const Redactor& redactor,
                 std::string& error) {
  std::size_t failures = 0, errors = 0, skipped = 0;
  for (const CaseResult& r : results) {
    if (is_no_answer(r.outcome))
      ++errors;
    else if (r.outcome == Outcome::not_sent)
      ++skipped;
    else if (is_finding(r.outcome))
      ++failures;
  }
  std::ostringstream xml;
  xml << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  xml << "<testsuites name=\"reqprobe replay\" tests=\"" << results.size() << "\" failures=\"" << failures
      << "\" errors=\"" << errors << "\" skipped=\"" << skipped << "\" time=\"" << fixed3(seconds) << "\">\n";
  xml << "  <testsuite name=\"reqprobe replay\" tests=\"" << results.size() << "\" failures=\"" << failures
      << "\" errors=\"" << errors << "\" skipped=\"" << skipped << "\" time=\"" << fixed3(seconds) << "\">\n";
  for (const CaseResult& r : results) {
    xml << "    <testcase classname=\"" << xml_escape(group_of(r.id)) << "\" name=\"" << xml_escape(r.id)
        << "\" time=\"" << fixed3(r.total_ms / 1000.0) << "\"";
    if (r.outcome == Outcome::not_sent) {
      xml << ">\n      <skipped message=\"" << xml_escape(r.detail) << "\"/>\n    </testcase>\n";
      continue;
    }
    if (!is_finding(r.outcome)) {
      xml << "/>\n";
      continue;
    }
    const bool is_error = is_no_answer(r.outcome);
    const char* element = is_error ? "error" : "failure";
    xml << ">\n      <" << element << " type=\"" << outcome_name(r.outcome) << "\" message=\"" << xml_escape(r.detail)
        << "\">" << xml_escape(r.detail);
    if (!r.reproduce.empty()) xml << "\nreproduce: " << xml_escape(r.reproduce);
    xml << "</" << element << ">\n    </testcase>\n";
  }
  xml << "  </testsuite>\n</testsuites>\n";
  return write_whole_file(path, redactor.apply(xml.str()), error);
}

bool write_sarif(const std::string& path, std::span<const CaseResult> results, std::string_view version,
                 const Redactor& redactor, std::string& error) {
  std::string json =
      "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n";
  json += "  \"runs\": [{\n    \"tool\": {\"driver\": {\"name\": \"reqprobe\", \"version\": " + json_quote(version) +
          ", \"rules\": [";
  // Rules: every outcome but ok, in enum order, so an outcome's rule index is its value minus one.
  for (std::size_t i = 1; i < kOutcomeCount; ++i) {
    const auto outcome = static_cast<Outcome>(i);
    json += i > 1 ? ",\n      " : "\n      ";
    json += "{\"id\": " + json_quote(outcome_name(outcome)) +
            ", \"shortDescription\": {\"text\": " + json_quote(rule_help(outcome)) + "}}";
  }
  json += "\n    ]}},\n    \"results\": [";
  bool first = true;
  for (const CaseResult& r : results) {
    if (r.outcome == Outcome::ok) continue;
    json += first ? "\n      " : ",\n      ";
    first = false;
    json += "{\"ruleId\": " + json_quote(outcome_name(r.outcome)) +
            ", \"ruleIndex\": " + std::to_string(static_cast<int>(r.outcome) - 1);
    if (r.outcome == Outcome::not_sent)
      json += ", \"kind\": \"notApplicable\", \"level\": \"none\"";
    else
      json += std::string(", \"level\": ") + (is_no_answer(r.outcome) ? "\"warning\"" : "\"error\"");
    json += ", \"message\": {\"text\": " + json_quote(r.id + ": " + r.detail) + "}";
    if (!r.source.empty())
      json +=
          ", \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": " + json_quote(r.source) + "}}}]";
    json += ", \"properties\": {\"caseId\": " + json_quote(r.id) + ", \"expected\": " + json_quote(r.expected) +
            ", \"status\": " + std::to_string(r.status) + ", \"reproduce\": " + json_quote(r.reproduce) + "}}";
  }
  json += first ? "]\n  }]\n}\n" : "\n    ]\n  }]\n}\n";
  return write_whole_file(path, redactor.apply(json), error);
}

}  // namespace reqprobe::replay
