#include "prepared_case.h"

#include <algorithm>
#include <cctype>

#include "apig_signer.h"

namespace reqprobe::replay {
namespace {

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), lowercase(name)) != names.end();
}

}  // namespace

CasePreparer::CasePreparer(std::shared_ptr<const Contract> contract, ValidatorOptions options, Credentials credentials,
                           std::string host_header)
    : validator_(contract, options),
      credentials_(std::move(credentials)),
      host_header_(std::move(host_header)),
      credential_headers_(credential_headers(contract->plan())) {
  for (const Operation& operation : contract->plan().operations)
    for (const AuthAlternative& alternative : operation.auth_alternatives)
      for (const AuthAlternative::Need& need : alternative.needs) alternative_headers_.push_back(need.header);
}

bool CasePreparer::credential_neutral(const Case& kase, const Report& report) const {
  for (const Violation& v : report.violations)
    if (on_credential_header(v, credential_headers_)) return false;
  return std::none_of(kase.headers.begin(), kase.headers.end(),
                      [&](const auto& header) { return contains(alternative_headers_, header.first); });
}

void CasePreparer::sign(PreparedCase& prepared) const {
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<bool> secret;
  for (std::size_t i = 0; i < prepared.headers.size(); ++i) {
    if (contains(credential_headers_, prepared.headers[i].first)) continue;  // AK/SK replaces the token
    headers.push_back(prepared.headers[i]);
    secret.push_back(false);
  }
  const bool has_host =
      std::any_of(headers.begin(), headers.end(), [](const auto& header) { return lowercase(header.first) == "host"; });
  if (!has_host) {  // the Host header is signed, so send exactly the value that was signed
    headers.emplace_back("Host", host_header_);
    secret.push_back(false);
  }
  headers.emplace_back("X-Sdk-Date", sdk_date_now());
  secret.push_back(false);
  const SigningRequest request{prepared.method, prepared.target, &headers, prepared.body};
  const std::string authorization =
      sign_authorization(request, *credentials_.access_key, *credentials_.secret_key, headers.back().second);
  headers.emplace_back("Authorization", authorization);
  secret.push_back(true);
  prepared.headers = std::move(headers);
  prepared.secret_header = std::move(secret);
}

PreparedCase CasePreparer::prepare(const Case& kase, std::string source) {
  PreparedCase prepared;
  prepared.id = kase.id;
  prepared.source = std::move(source);
  prepared.method = kase.method;
  prepared.target = kase.target;
  prepared.headers = kase.headers;
  prepared.secret_header.assign(kase.headers.size(), false);
  prepared.body = kase.body;
  if (kase.method == "HEAD" && prepared.body) {
    prepared.body.reset();
    prepared.body_dropped = true;
  }

  if (credentials_.token || credentials_.signing()) {
    const CaseRequest original(kase);
    const Report report = validator_.validate(original.request());
    if (credential_neutral(kase, report)) {
      if (credentials_.signing()) {
        sign(prepared);
      } else {
        for (std::size_t i = 0; i < prepared.headers.size(); ++i) {
          if (!contains(credential_headers_, prepared.headers[i].first)) continue;
          prepared.headers[i].second = *credentials_.token;
          prepared.secret_header[i] = true;
        }
      }
    }
  }

  std::vector<Header> headers;
  headers.reserve(prepared.headers.size());
  for (const auto& [name, value] : prepared.headers) headers.push_back({name, value});
  std::optional<std::string_view> body;
  if (prepared.body) body = *prepared.body;
  Report report = validator_.validate(Request{prepared.method, prepared.target, headers, body});
  for (Violation& v : report.violations)
    if (v.severity == Severity::error) prepared.violations.push_back(std::move(v));
  prepared.expected_valid = prepared.violations.empty();
  prepared.expected = expected_response(prepared.violations, credential_headers_);
  return prepared;
}

}  // namespace reqprobe::replay
