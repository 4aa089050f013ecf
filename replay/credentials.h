// The run's credentials: a token (--token-env / --token-file), an AK/SK pair (--ak-env / --sk-env), or one per
// security scheme of the document (--credential, scheme_credentials.h). They are
// secrets: nothing replay prints or writes may contain them (redactor.h), so reproduction commands refer to them
// by shell text that fetches them again instead.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reqprobe::replay {

/// A credential for one security scheme of the document (scheme_credentials.h).
struct SchemeCredential {
  std::string scheme;        ///< its name under components/securitySchemes
  std::string value;         ///< the key, the token, or "user:password" for http basic
  std::string reference;     ///< shell text that yields the value again, e.g. ${API_KEY} or $(cat 'key.txt')
  std::string command = {};  ///< command:CMD's command, run again after a 401 (a token refresh); "" for env and file
  /// apig-sign:AK_VAR:SK_VAR: the value is the access key and this the secret key; the scheme's credential is
  /// then APIG's AK/SK signature of each request (sign_case()), with the date it writes.
  std::string secret_key = {};
};

struct Credentials {
  std::optional<std::string> token;
  std::string token_reference;  ///< shell text that yields the token, e.g. ${HSS_TOKEN} or $(cat 'token.txt')
  std::optional<std::string> access_key;
  std::optional<std::string> secret_key;
  std::vector<SchemeCredential> schemes;  ///< --credential, in the order given

  [[nodiscard]] bool signing() const noexcept { return access_key.has_value() && secret_key.has_value(); }
  /// Every secret value, for redaction.
  [[nodiscard]] std::vector<std::string> secrets() const;
};

/// An environment variable's value; nullopt when it is unset or empty.
[[nodiscard]] std::optional<std::string> environment(const std::string& variable);
/// A file's content without its trailing newlines. False with `error` (naming the file) when unreadable or empty.
[[nodiscard]] bool secret_from_file(const std::string& path, std::string& value, std::string& error);
/// Single-quoted for a POSIX shell.
[[nodiscard]] std::string shell_quoted(std::string_view text);

/// Reads the token from an environment variable. False with `error` when it is unset or empty.
[[nodiscard]] bool token_from_env(const std::string& variable, Credentials& out, std::string& error);
/// Reads the token from a file (a trailing newline is dropped). False with `error` when unreadable or empty.
[[nodiscard]] bool token_from_file(const std::string& path, Credentials& out, std::string& error);
/// Reads an access key and a secret key from two environment variables.
[[nodiscard]] bool aksk_from_env(const std::string& ak_variable, const std::string& sk_variable, Credentials& out,
                                 std::string& error);

}  // namespace reqprobe::replay
