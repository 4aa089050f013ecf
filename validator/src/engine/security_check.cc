#include "security_check.h"

#include "../http_text.h"
#include "../placement.h"

namespace reqprobe::detail {
namespace {

// The first field with this name, as the recipient sees it; nullptr when absent.
const Header* first_header(std::span<const Header> headers, std::string_view name) {
  for (const Header& h : headers)
    if (iequals(h.name, name)) return &h;
  return nullptr;
}

bool starts_with_scheme(std::string_view value, std::string_view scheme) {
  // "Bearer <token>": the scheme is case-insensitive (RFC 9110 11.1), then one space and a non-empty credential.
  return value.size() > scheme.size() + 1 && iequals(value.substr(0, scheme.size()), scheme) &&
         value[scheme.size()] == ' ' && !trim_ows(value.substr(scheme.size() + 1)).empty();
}

std::string describe(const SecurityScheme& s) {
  switch (s.type) {
    case SecurityScheme::Type::api_key:
      return std::string(location_name(s.in)) + " " + s.name;
    case SecurityScheme::Type::http_basic:
      return "Authorization: Basic";
    case SecurityScheme::Type::http_bearer:
    case SecurityScheme::Type::oauth2:
    case SecurityScheme::Type::open_id_connect:
      return "Authorization: Bearer";
    case SecurityScheme::Type::http_other:
      return "Authorization: " + s.http_scheme;
    case SecurityScheme::Type::mutual_tls:
      return "a client certificate";
  }
  return s.id;
}

}  // namespace

REQPROBE_HOT bool scheme_met(const SecurityScheme& scheme, const CredentialSources& sources) {
  switch (scheme.type) {
    case SecurityScheme::Type::mutual_tls:
      return true;  // the TLS layer's business
    case SecurityScheme::Type::http_basic:
    case SecurityScheme::Type::http_bearer:
    case SecurityScheme::Type::http_other:
    case SecurityScheme::Type::oauth2:
    case SecurityScheme::Type::open_id_connect: {
      const Header* h = first_header(sources.headers, "authorization");
      if (h == nullptr) return false;
      const std::string_view word = scheme.type == SecurityScheme::Type::http_basic ? "basic"
                                    : scheme.type == SecurityScheme::Type::http_other
                                        ? std::string_view(scheme.http_scheme)
                                        : "bearer";
      return starts_with_scheme(trim_ows(h->value), word);
    }
    case SecurityScheme::Type::api_key:
      break;
  }
  std::string_view value;
  bool present = false;
  if (scheme.in == Location::header) {
    if (const Header* h = first_header(sources.headers, scheme.name)) {
      value = trim_ows(h->value);  // a malformed value is the header's own `encoding` error; presence counts here
      present = true;
    }
  } else if (scheme.in == Location::query) {
    for (const std::string_view name : sources.query_names) present = present || name == scheme.name;
    return present;
  } else {
    for (const auto& [name, v] : sources.cookies) {
      if (name == scheme.name) {
        value = v;
        present = true;
        break;
      }
    }
  }
  if (!present) return false;
  if (value.substr(0, scheme.prefix.size()) != scheme.prefix) return false;
  return scheme.shape.empty() || matches_shape(value, scheme.shape);
}

REQPROBE_HOT SecurityVerdict check_security(const Plan& plan, const Operation& op, const CredentialSources& sources) {
  SecurityVerdict verdict;
  if (op.security.empty()) return verdict;
  for (const std::vector<std::uint32_t>& alternative : op.security) {
    bool all = true;
    for (const std::uint32_t s : alternative) all = all && scheme_met(plan.schemes[s], sources);
    if (all) return verdict;
  }
  // Reported at the first alternative's first missing credential; the message names every alternative.
  verdict.met = false;
  const std::vector<std::uint32_t>& first = op.security.front();
  for (const std::uint32_t s : first) {
    if (scheme_met(plan.schemes[s], sources)) continue;
    const SecurityScheme& scheme = plan.schemes[s];
    verdict.location = scheme.type == SecurityScheme::Type::api_key ? scheme.in : Location::header;
    verdict.pointer = scheme.type == SecurityScheme::Type::api_key ? scheme.name : "authorization";
    break;
  }
  std::string alternatives;
  for (const std::vector<std::uint32_t>& alternative : op.security) {
    std::string all;
    for (const std::uint32_t s : alternative) all += (all.empty() ? "" : " with ") + describe(plan.schemes[s]);
    alternatives += (alternatives.empty() ? "" : ", or ") + all;
  }
  verdict.message = "credentials missing: the operation needs " + alternatives;
  return verdict;
}

}  // namespace reqprobe::detail
