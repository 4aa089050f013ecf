// A case made ready to send: the run's credentials put in (only where the case does not test the credentials
// themselves), the header fields exactly as libcurl will put them on the wire, and the answer the contract requires
// computed by the validator on exactly those bytes. A case HTTP/1.1 cannot carry as written is marked, not sent.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "credentials.h"
#include "error_response.h"
#include "reqprobe/case_file.h"
#include "reqprobe/validator.h"
#include "wire_request.h"

namespace reqprobe::replay {

/// What a header field of a prepared case is, for sending and for printing.
struct HeaderRole {
  bool run_credential = false;  ///< its value is the run's token or AK/SK signature
  bool credential = false;      ///< a credential header (credential_header_names()): its value is never printed
  bool implicit = false;        ///< Host or Content-Length the case did not have: what curl would add by itself
  std::string reference = {};   ///< a run credential's value as shell text (--credential), for reproductions
};

struct PreparedCase {
  std::string id;
  std::string source;  ///< the case file, or empty for generated cases
  std::string method;
  std::string target;
  /// The header fields exactly as they go out, in order: Host first (the case's own, spelt "Host", or the target's,
  /// where libcurl writes it), the case's other fields in order (the run's credentials put in), then Content-Length
  /// when a body goes out and the case has none. A value of only spaces and tabs goes out empty (libcurl would drop
  /// the field; the recipient strips them anyway). The expectation counts all of them (Limits::max_headers).
  HeaderList headers;
  std::vector<HeaderRole> roles;  ///< per header
  std::optional<std::string> body;
  bool body_dropped = false;  ///< a HEAD case's body is not sent (libcurl sends HEAD without a body)
  std::string not_sendable;   ///< why HTTP/1.1 cannot carry the case as written; "" when it is sent
  bool expected_valid = true;
  ExpectedResponse expected;
  std::vector<Violation> violations;  ///< the errors the validator finds in what is sent
  bool refreshable = false;           ///< it carries a --credential read from a command, which a 401 runs again
  std::optional<std::size_t> operation_index;  ///< index in Plan::operations of the operation it routes to
  std::string operation;  ///< the operation the request routes to (operationId, else "METHOD /path"); "" if none
};

/// Lowercased names of the headers whose values are credentials, never printed or written by replay: the contract's
/// credential headers (credential_headers()), the headers of its auth alternatives that carry secrets (those whose
/// value has no fixed shape: Authorization, not X-Sdk-Date), and always authorization, proxy-authorization, cookie.
[[nodiscard]] std::vector<std::string> credential_header_names(const Plan& plan);

/// The secrets a case carries, for value redaction: each credential field's value of 4 bytes or more, and the
/// parts an endpoint might echo alone (the credentials after an Authorization scheme, each cookie's value).
[[nodiscard]] std::vector<std::string> case_secrets(const PreparedCase& kase);

/// Signs a prepared case with AK/SK (APIG's SDK-HMAC-SHA256, apig_signer.h): the fields named in `drop`
/// (lowercased; the credentials the signature replaces, and any earlier date or signature) removed, then X-Sdk-Date
/// (now) and Authorization appended, the signature covering every field, the target and the body as they go out.
void sign_case(PreparedCase& prepared, std::string_view access_key, std::string_view secret_key,
               const std::vector<std::string>& drop);

/// Prepares cases for one run. Not thread-safe (it owns a Validator).
class CasePreparer {
 public:
  /// `host_header` is the Host value libcurl sends when the case has none (it is signed with AK/SK).
  CasePreparer(std::shared_ptr<const Contract> contract, ValidatorOptions options, Credentials credentials,
               std::string host_header);

  [[nodiscard]] PreparedCase prepare(const Case& kase, std::string source);
  /// The user's expected statuses (--expect-statuses); null: none. Must outlive the preparer.
  void set_status_overrides(const StatusOverrides* overrides) noexcept { overrides_ = overrides; }

 private:
  /// True when the case does not test credentials: no error on a credential header and no alternative
  /// credential header (Authorization, X-Sdk-Date) of its own. Only such cases get the run's credentials.
  [[nodiscard]] bool credential_neutral(const Case& kase, const Report& report) const;
  void put_host_first(PreparedCase& prepared) const;
  void sign(PreparedCase& prepared) const;
  void put_scheme_credentials(const Case& kase, PreparedCase& prepared);
  [[nodiscard]] bool valid_within_lifted_limits(const PreparedCase& prepared, const std::vector<Header>& headers,
                                                std::optional<std::string_view> body);

  std::shared_ptr<const Contract> contract_;
  Validator validator_;
  Credentials credentials_;
  std::string host_header_;
  std::vector<std::string> credential_headers_;   ///< lowercased, e.g. x-auth-token
  std::vector<std::string> alternative_headers_;  ///< lowercased, e.g. authorization, x-sdk-date
  std::vector<std::string> secret_headers_;       ///< lowercased, credential_header_names()
  const StatusOverrides* overrides_ = nullptr;
};

}  // namespace reqprobe::replay
