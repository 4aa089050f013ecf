#include "prepared_case.h"

#include <algorithm>
#include <cctype>

#include "apig_signer.h"
#include "scheme_credentials.h"
#include "status_overrides.h"

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

void add_unique(std::vector<std::string>& names, std::string name) {
  if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
}

// Shorter values are not redacted: they would hide ordinary text, and are no secret anyway.
void add_secret(std::vector<std::string>& out, std::string_view value) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (value.size() >= 4) out.emplace_back(value);
}

}  // namespace

std::vector<std::string> credential_header_names(const Plan& plan) {
  std::vector<std::string> names = credential_headers(plan);
  for (const Operation& operation : plan.operations)
    for (const AuthAlternative& alternative : operation.auth_alternatives)
      for (const AuthAlternative::Need& need : alternative.needs)
        if (need.shape.empty()) add_unique(names, need.header);  // a shaped value (a date) is no secret
  for (const char* always : {"authorization", "proxy-authorization", "cookie"}) add_unique(names, always);
  return names;
}

std::vector<std::string> case_secrets(const PreparedCase& kase) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < kase.headers.size(); ++i) {
    if (!kase.roles[i].credential) continue;
    const std::string_view value = kase.headers[i].second;
    add_secret(out, value);
    const std::size_t space = value.find(' ');  // "Bearer abc", "SDK-HMAC-SHA256 Access=..."
    if (space != std::string_view::npos) add_secret(out, value.substr(space + 1));
    for (std::size_t begin = 0; begin < value.size();) {  // "a=1; session=abc"
      const std::size_t end = std::min(value.find(';', begin), value.size());
      const std::string_view pair = value.substr(begin, end - begin);
      const std::size_t equals = pair.find('=');
      if (equals != std::string_view::npos) add_secret(out, pair.substr(equals + 1));
      begin = end + 1;
    }
  }
  return out;
}

CasePreparer::CasePreparer(std::shared_ptr<const Contract> contract, ValidatorOptions options, Credentials credentials,
                           std::string host_header)
    : contract_(contract),
      validator_(contract, options),
      credentials_(std::move(credentials)),
      host_header_(std::move(host_header)),
      credential_headers_(credential_headers(contract->plan())),
      secret_headers_(credential_header_names(contract->plan())) {
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

// libcurl writes the Host field right after the request line: the case's own first one (renamed "Host", its value
// kept), or the target's. Later Host fields of the case stay where they are; unsendable_reason() refuses them.
void CasePreparer::put_host_first(PreparedCase& prepared) const {
  auto& headers = prepared.headers;
  const auto host = std::find_if(headers.begin(), headers.end(),
                                 [](const auto& header) { return lowercase(header.first) == "host"; });
  if (host == headers.end()) {
    headers.insert(headers.begin(), {"Host", host_header_});
    prepared.roles.insert(prepared.roles.begin(), HeaderRole{false, false, true});
    return;
  }
  const auto index = host - headers.begin();
  std::rotate(headers.begin(), host, host + 1);
  std::rotate(prepared.roles.begin(), prepared.roles.begin() + index, prepared.roles.begin() + index + 1);
  headers.front().first = "Host";
}

void sign_case(PreparedCase& prepared, std::string_view access_key, std::string_view secret_key,
               const std::vector<std::string>& drop) {
  HeaderList headers;
  std::vector<HeaderRole> roles;
  for (std::size_t i = 0; i < prepared.headers.size(); ++i) {
    if (contains(drop, prepared.headers[i].first)) continue;  // AK/SK replaces the token
    headers.push_back(prepared.headers[i]);
    roles.push_back(prepared.roles[i]);
  }
  headers.emplace_back("X-Sdk-Date", sdk_date_now());
  roles.emplace_back();
  const SigningRequest request{prepared.method, prepared.target, &headers, prepared.body};
  const std::string authorization = sign_authorization(request, access_key, secret_key, headers.back().second);
  headers.emplace_back("Authorization", authorization);
  HeaderRole role{true, true, false};
  role.reference = "${APIG_AUTHORIZATION:?sign the request with your AK/SK}";  // reproductions never carry it
  roles.push_back(std::move(role));
  prepared.headers = std::move(headers);
  prepared.roles = std::move(roles);
}

void CasePreparer::sign(PreparedCase& prepared) const {
  sign_case(prepared, *credentials_.access_key, *credentials_.secret_key, credential_headers_);
}

// The document's schemes: the case's operation (as written) gets the run's credentials unless the case tests them.
void CasePreparer::put_scheme_credentials(const Case& kase, PreparedCase& prepared) {
  const std::optional<std::size_t> routed = validator_.route(kase.method, kase.target);
  if (!routed) return;
  const Plan& plan = validator_.contract().plan();
  const Operation& op = plan.operations[*routed];
  if (op.security.empty()) return;
  const CaseRequest original(kase);
  if (tests_scheme_credentials(plan, op, validator_.validate(original.request()).violations)) return;
  (void)apply_scheme_credentials(plan, op, credentials_, prepared);
}

// Past reqprobe's own limits only? Validated again with every limit 16 times larger (still bounded: the case is
// already in memory), the request must have no error at all.
bool CasePreparer::valid_within_lifted_limits(const PreparedCase& prepared, const std::vector<Header>& headers,
                                              std::optional<std::string_view> body) {
  ValidatorOptions lifted = validator_.options();
  Limits& l = lifted.limits;
  l.max_body_bytes *= 16;
  l.max_depth *= 16;
  l.max_string_bytes *= 16;
  l.max_items *= 16;
  l.max_members *= 16;
  l.max_target_bytes *= 16;
  l.max_query_params *= 16;
  l.max_headers *= 16;
  l.max_header_bytes *= 16;
  Validator relaxed(contract_, lifted);
  return relaxed.is_valid(Request{prepared.method, prepared.target, headers, body});
}

PreparedCase CasePreparer::prepare(const Case& kase, std::string source) {
  PreparedCase prepared;
  prepared.id = kase.id;
  prepared.source = std::move(source);
  prepared.method = kase.method;
  prepared.target = kase.target;
  prepared.headers = kase.headers;
  prepared.roles.assign(kase.headers.size(), HeaderRole{});
  prepared.body = kase.body;
  if (kase.method == "HEAD" && prepared.body) {
    prepared.body.reset();
    prepared.body_dropped = true;
  }
  put_host_first(prepared);  // first: the Host field is signed with AK/SK

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
          prepared.roles[i].run_credential = true;
        }
      }
    }
  }
  if (!credentials_.schemes.empty()) put_scheme_credentials(kase, prepared);
  // libcurl drops a field whose value is only spaces and tabs. Sent empty, it reaches the recipient as the same
  // value (whitespace around a value is not part of it, RFC 9110 5.5), and the expectation is computed on that.
  for (auto& header : prepared.headers)
    if (!header.second.empty() && header.second.find_first_not_of(" \t") == std::string::npos) header.second.clear();
  const bool has_length = std::any_of(prepared.headers.begin(), prepared.headers.end(),
                                      [](const auto& header) { return lowercase(header.first) == "content-length"; });
  if (prepared.body && !has_length) {  // what libcurl adds for a body; the case's own is sent as given
    prepared.headers.emplace_back("Content-Length", std::to_string(prepared.body->size()));
    prepared.roles.push_back(HeaderRole{false, false, true});
  }
  for (std::size_t i = 0; i < prepared.headers.size(); ++i)
    prepared.roles[i].credential = prepared.roles[i].credential || contains(secret_headers_, prepared.headers[i].first);
  std::optional<std::string_view> body;
  if (prepared.body) body = *prepared.body;
  prepared.not_sendable = unsendable_reason(prepared.method, prepared.target, prepared.headers, body);

  std::vector<Header> headers;
  headers.reserve(prepared.headers.size());
  for (const auto& [name, value] : prepared.headers) headers.push_back({name, value});
  Report report = validator_.validate(Request{prepared.method, prepared.target, headers, body});
  for (Violation& v : report.violations)
    if (v.severity == Severity::error) prepared.violations.push_back(std::move(v));
  prepared.expected_valid = prepared.violations.empty();
  const std::optional<std::size_t> routed = validator_.route(prepared.method, prepared.target);
  prepared.expected =
      expected_answer(validator_.contract().plan(), routed, prepared.violations, credential_headers_, overrides_);
  if (prepared.expected.either && !valid_within_lifted_limits(prepared, headers, body))
    prepared.expected.either = false;  // invalid for another reason too: refusing is the only right answer
  prepared.operation_index = routed;
  if (routed) {
    const Operation& op = validator_.contract().plan().operations[*routed];
    prepared.operation = operation_name(op);
  }
  return prepared;
}

}  // namespace reqprobe::replay
