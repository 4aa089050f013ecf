// Security requirements: does a request carry the credentials of at least one alternative? Presence (and, for
// reqprobe's extensions, a prefix and a fixed shape) is all that can be checked without the secrets.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reqprobe/plan.h"
#include "reqprobe/request.h"

namespace reqprobe::detail {

/// Where the credentials may be: the request's headers, its decoded query names, its cookies.
struct CredentialSources {
  std::span<const Header> headers;
  std::span<const std::string_view> query_names;  ///< decoded names of the query parameters present
  std::span<const std::pair<std::string_view, std::string_view>> cookies;
};

/// The verdict on an operation's security: met, or where the first alternative's first missing credential is.
struct SecurityVerdict {
  bool met = true;
  Location location = Location::header;
  std::string pointer;  ///< the credential's header (lowercased), query or cookie name
  std::string message;
};

[[nodiscard]] SecurityVerdict check_security(const Plan& plan, const Operation& op, const CredentialSources& sources);

/// True when the scheme's credential is present (and well-formed, for http and reqprobe's prefix/shape).
[[nodiscard]] bool scheme_met(const SecurityScheme& scheme, const CredentialSources& sources);

}  // namespace reqprobe::detail
