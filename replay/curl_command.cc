#include "curl_command.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "printable_text.h"

namespace reqprobe::replay {
namespace {

bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// The argument of printf %b (POSIX): printable ASCII as it is, a backslash doubled, every other byte \0ooo.
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

// -H with a value the shell expands (a ${VAR} reference): double quotes around it. A token may hold '$' and '`',
// which double quotes would expand too, so such a name goes in single quotes next to the reference.
std::string header_with_reference(std::string_view name, std::string_view reference) {
  if (name.find_first_of("$`") == std::string_view::npos)
    return " -H \"" + std::string(name) + ": " + std::string(reference) + "\"";
  return " -H " + shell_quoted(std::string(name) + ": ") + "\"" + std::string(reference) + "\"";
}

}  // namespace

bool needs_body_file(const PreparedCase& kase) noexcept {
  return kase.body && kase.method != "HEAD" && kase.body->size() > kMaxInlineBody;
}

std::string shell_word(std::string_view bytes) {
  if (is_printable_text(bytes)) return shell_quoted(bytes);
  return "\"$(printf '%b' " + shell_quoted(printf_escaped(bytes)) + ")\"";
}

std::string credential_variable(std::string_view header_name) {
  std::string name = "CASE_";
  for (const char c : header_name)
    name += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
                                                        : '_';
  return name;
}

std::string curl_command(const PreparedCase& kase, const TargetUrl& target, const Credentials& credentials,
                         bool insecure, const std::string& body_file) {
  std::string pipe;  // "printf ... | " when the body comes from standard input
  std::string data;
  if (kase.body && kase.method != "HEAD") {
    const std::string& body = *kase.body;
    if (!body_file.empty()) {
      data = " --data-binary " + shell_word("@" + body_file);
    } else if (is_printable_text(body) && !body.starts_with('@')) {  // curl reads "@name" as a file name
      data = " --data-binary " + shell_word(body);
    } else {
      pipe = "printf '%b' " + shell_quoted(printf_escaped(body)) + " | ";
      data = " --data-binary @-";
    }
  }
  std::string command = pipe + "curl -sS -i --http1.1";
  if (insecure) command += " -k";
  if (kase.method == "HEAD")
    command += " --head";
  else
    command += " -X " + shell_word(kase.method);
  command += " --request-target " + shell_word(target.prefix + kase.target);
  for (std::size_t i = 0; i < kase.headers.size(); ++i) {
    const auto& [name, value] = kase.headers[i];
    const HeaderRole& role = kase.roles[i];
    if (role.implicit) continue;  // Host or Content-Length as curl sends them by itself
    if (role.run_credential && !role.reference.empty()) {
      command += header_with_reference(name, role.reference);
    } else if (role.run_credential) {
      command += header_with_reference(
          name, credentials.signing() ? std::string("${APIG_AUTHORIZATION:?sign the request with your AK/SK}")
                                      : credentials.token_reference);
    } else if (role.credential && !value.empty()) {
      command += header_with_reference(name, "${" + credential_variable(name) + ":?set it to the value in the case}");
    } else {
      command += " -H " + shell_word(value.empty() ? name + ";" : name + ": " + value);
    }
  }
  for (const char* own : {"Accept", "Expect", "Content-Type", "User-Agent"}) {
    const bool given = std::any_of(kase.headers.begin(), kase.headers.end(),
                                   [&](const auto& header) { return iequals(header.first, own); });
    if (!given) command += " -H '" + std::string(own) + ":'";
  }
  command += data + " " + shell_word(target.url);
  return command;
}

}  // namespace reqprobe::replay
