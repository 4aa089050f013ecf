#include "credentials.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "report_files.h"
#include "reqprobe/case_file.h"

namespace reqprobe::replay {
std::optional<std::string> environment(const std::string& variable) {
  const char* value = std::getenv(variable.c_str());
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

std::string shell_quoted(std::string_view text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::vector<std::string> Credentials::secrets() const {
  std::vector<std::string> out;
  for (const auto* secret : {&token, &access_key, &secret_key})
    if (*secret) out.push_back(**secret);
  for (const SchemeCredential& credential : schemes) {
    out.push_back(credential.value);
    out.push_back(base64_encode(credential.value));  // http basic sends it so
    if (!credential.secret_key.empty()) out.push_back(credential.secret_key);
  }
  return out;
}

bool token_from_env(const std::string& variable, Credentials& out, std::string& error) {
  out.token = environment(variable);
  if (!out.token) {
    error = "--token-env: environment variable " + variable + " is unset or empty";
    return false;
  }
  out.token_reference = "${" + variable + "}";
  return true;
}

bool secret_from_file(const std::string& path, std::string& value, std::string& error) {
  if (!read_whole_file(path, value, error)) return false;
  while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) value.pop_back();
  if (value.empty()) {
    error = path + " is empty";
    return false;
  }
  return true;
}

bool token_from_file(const std::string& path, Credentials& out, std::string& error) {
  std::string token;
  if (!secret_from_file(path, token, error)) {
    error = "--token-file: " + error;
    return false;
  }
  out.token = std::move(token);
  out.token_reference = "$(cat " + shell_quoted(path) + ")";
  return true;
}

bool aksk_from_env(const std::string& ak_variable, const std::string& sk_variable, Credentials& out,
                   std::string& error) {
  out.access_key = environment(ak_variable);
  out.secret_key = environment(sk_variable);
  if (!out.access_key || !out.secret_key) {
    error = "--ak-env/--sk-env: environment variables " + ak_variable + " and " + sk_variable +
            " must both be set and not empty";
    return false;
  }
  return true;
}

}  // namespace reqprobe::replay
