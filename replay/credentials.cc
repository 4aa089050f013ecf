#include "credentials.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace reqprobe::replay {
namespace {

std::optional<std::string> environment(const std::string& variable) {
  const char* value = std::getenv(variable.c_str());
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

// Single-quoted for a POSIX shell.
std::string shell_quoted(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::vector<std::string> Credentials::secrets() const {
  std::vector<std::string> out;
  for (const auto* secret : {&token, &access_key, &secret_key})
    if (*secret) out.push_back(**secret);
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

bool token_from_file(const std::string& path, Credentials& out, std::string& error) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  if (!file) {
    error = "--token-file: cannot read " + path;
    return false;
  }
  std::string token = text.str();
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
  if (token.empty()) {
    error = "--token-file: " + path + " is empty";
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
