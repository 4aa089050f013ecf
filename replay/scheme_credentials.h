// Credentials for any document's security schemes (components/securitySchemes), given per scheme with
// `--credential NAME=SOURCE`: an apiKey's key (header, query or cookie), a bearer token (http bearer, oauth2,
// openIdConnect), http basic's "user:password", another http scheme's credentials. Each case that does not itself
// test credentials gets those of the first security alternative of its operation that the run can satisfy; the
// expectation is then computed on exactly what is sent (prepared_case.h).
#pragma once

#include <string>
#include <vector>

#include "credentials.h"
#include "reqprobe/plan.h"
#include "reqprobe/violation.h"

namespace reqprobe::replay {

struct PreparedCase;

/// Reads one `--credential NAME=SOURCE`. SOURCE is env:VAR, file:PATH or command:CMD (run once by /bin/sh; its
/// standard output, a trailing newline dropped, is the value). False with `error` (never the value) when the text
/// is malformed, the source is empty or unreadable, or the command fails.
[[nodiscard]] bool scheme_credential_from(const std::string& spec, Credentials& out, std::string& error);

/// Runs every command source again (after a 401: the token may have expired). False with `error` when one fails;
/// the credentials are then unchanged.
[[nodiscard]] bool refresh_scheme_credentials(Credentials& credentials, std::string& error);

/// Every credential names a scheme the document declares (and not mutualTLS). False with `error` naming the
/// document's schemes otherwise.
[[nodiscard]] bool check_scheme_credentials(const Plan& plan, const Credentials& credentials, std::string& error);

/// True when `violations` (the case as written) include one on a credential of the operation's schemes: the case
/// tests credentials and keeps its own.
[[nodiscard]] bool tests_scheme_credentials(const Plan& plan, const Operation& operation,
                                            const std::vector<Violation>& violations);

/// Puts the run's credentials for the first security alternative of `operation` whose every scheme has one into
/// `kase` (header fields, the query, the Cookie field). False when no alternative can be satisfied.
bool apply_scheme_credentials(const Plan& plan, const Operation& operation, const Credentials& credentials,
                              PreparedCase& kase);

}  // namespace reqprobe::replay
