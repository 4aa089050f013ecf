#include "curl_command.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "reqprobe/case_file.h"

namespace reqprobe::replay {
namespace {

bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// For printf %b: a bash word cannot hold a NUL byte, so bodies with one are written as \0ooo escapes.
std::string printf_escaped(std::string_view bytes) {
  std::string out;
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\\') {
      out += "\\\\";
    } else if (byte >= 0x20 && byte < 0x7f) {
      out += c;
    } else {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\0%03o", static_cast<unsigned>(byte));
      out += escape;
    }
  }
  return out;
}

}  // namespace

std::string shell_word(std::string_view bytes) {
  const bool plain = std::all_of(bytes.begin(), bytes.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x20 && byte < 0x7f;
  });
  if (plain) {
    std::string out = "'";
    for (const char c : bytes) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
  }
  std::string out = "$'";
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\\' || c == '\'') {
      out += '\\';
      out += c;
    } else if (byte >= 0x20 && byte < 0x7f) {
      out += c;
    } else {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\x%02x", static_cast<unsigned>(byte));
      out += escape;
    }
  }
  return out + "'";
}

std::string curl_command(const PreparedCase& kase, const TargetUrl& target, const Credentials& credentials,
                         bool insecure) {
  std::string command = "curl -sS -i --http1.1";
  if (insecure) command += " -k";
  if (kase.method == "HEAD")
    command += " --head";
  else
    command += " -X " + shell_word(kase.method);
  command += " --request-target " + shell_word(target.prefix + kase.target);
  for (std::size_t i = 0; i < kase.headers.size(); ++i) {
    const auto& [name, value] = kase.headers[i];
    if (kase.secret_header[i]) {
      // Double quotes so the shell expands the reference; the name is a header token, safe inside them.
      const std::string reference = credentials.signing()
                                        ? std::string("${APIG_AUTHORIZATION:?sign the request with your AK/SK}")
                                        : credentials.token_reference;
      command += " -H \"" + name + ": " + reference + "\"";
    } else {
      command += " -H " + shell_word(value.empty() ? name + ";" : name + ": " + value);
    }
  }
  for (const char* own : {"Accept", "Expect", "Content-Type"}) {
    const bool given = std::any_of(kase.headers.begin(), kase.headers.end(),
                                   [&](const auto& header) { return iequals(header.first, own); });
    if (!given) command += " -H '" + std::string(own) + ":'";
  }
  if (kase.body && kase.method != "HEAD") {
    const std::string& body = *kase.body;
    if (kase.source.empty() || body.size() <= kMaxInlineBody) {
      command += body.find('\0') == std::string::npos
                     ? " --data-binary " + shell_word(body)
                     : " --data-binary @<(printf %b " + shell_word(printf_escaped(body)) + ")";
    } else if (is_valid_utf8(body)) {
      command += " --data-binary @<(jq -j .request.body " + shell_word(kase.source) + ")";
    } else {
      command += " --data-binary @<(jq -j .request.body_base64 " + shell_word(kase.source) + " | base64 -d)";
    }
  }
  command += " " + shell_word(target.url);
  return command;
}

}  // namespace reqprobe::replay
