// A case made ready to send: the run's credentials put in (only where the case does not test the credentials
// themselves), and the answer the contract requires computed by the validator on exactly the bytes that will go
// out.
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

namespace reqprobe::replay {

struct PreparedCase {
  std::string id;
  std::string source;  ///< the case file, or empty for generated cases
  std::string method;
  std::string target;
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<bool> secret_header;  ///< per header: its value carries the run's credentials
  std::optional<std::string> body;
  bool body_dropped = false;  ///< a HEAD case's body is not sent (libcurl sends HEAD without a body)
  bool expected_valid = true;
  ExpectedResponse expected;
  std::vector<Violation> violations;  ///< the errors the validator finds in what is sent
};

/// Prepares cases for one run. Not thread-safe (it owns a Validator).
class CasePreparer {
 public:
  /// `host_header` is the Host value libcurl will send (it is signed with AK/SK).
  CasePreparer(std::shared_ptr<const Contract> contract, ValidatorOptions options, Credentials credentials,
               std::string host_header);

  [[nodiscard]] PreparedCase prepare(const Case& kase, std::string source);

 private:
  /// True when the case does not test credentials: no error on a credential header and no alternative
  /// credential header (Authorization, X-Sdk-Date) of its own. Only such cases get the run's credentials.
  [[nodiscard]] bool credential_neutral(const Case& kase, const Report& report) const;
  void sign(PreparedCase& prepared) const;

  Validator validator_;
  Credentials credentials_;
  std::string host_header_;
  std::vector<std::string> credential_headers_;   ///< lowercased, e.g. x-auth-token
  std::vector<std::string> alternative_headers_;  ///< lowercased, e.g. authorization, x-sdk-date
};

}  // namespace reqprobe::replay
