// The run's credentials: a token (--token-env / --token-file) or an AK/SK pair (--ak-env / --sk-env). They are
// secrets: nothing replay prints or writes may contain them (redactor.h), so reproduction commands refer to them
// by shell text that fetches them again instead.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace reqprobe::replay {

struct Credentials {
  std::optional<std::string> token;
  std::string token_reference;  ///< shell text that yields the token, e.g. ${HSS_TOKEN} or $(cat 'token.txt')
  std::optional<std::string> access_key;
  std::optional<std::string> secret_key;

  [[nodiscard]] bool signing() const noexcept { return access_key.has_value() && secret_key.has_value(); }
  /// Every secret value, for redaction.
  [[nodiscard]] std::vector<std::string> secrets() const;
};

/// Reads the token from an environment variable. False with `error` when it is unset or empty.
[[nodiscard]] bool token_from_env(const std::string& variable, Credentials& out, std::string& error);
/// Reads the token from a file (a trailing newline is dropped). False with `error` when unreadable or empty.
[[nodiscard]] bool token_from_file(const std::string& path, Credentials& out, std::string& error);
/// Reads an access key and a secret key from two environment variables.
[[nodiscard]] bool aksk_from_env(const std::string& ak_variable, const std::string& sk_variable, Credentials& out,
                                 std::string& error);

}  // namespace reqprobe::replay
