#include "scheme_credentials.h"

#include <sys/wait.h>
#include <algorithm>
#include <cstdio>

#include "../generator/http_encoding.h"
#include "prepared_case.h"
#include "reqprobe/case_file.h"

namespace reqprobe::replay {
namespace {

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
           return lower(x) == lower(y);
         });
}

// The command's standard output (at most 64 KiB: a credential, not a stream). Its exit status must be 0.
bool run_command(const std::string& command, std::string& value, std::string& error) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    error = "cannot run the command";
    return false;
  }
  value.clear();
  char buffer[4096];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0 && value.size() < (64u << 10))
    value.append(buffer, got);
  const int status = ::pclose(pipe);
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    error = "the command failed (exit status " +
            std::to_string(status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")";
    return false;
  }
  while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) value.pop_back();
  if (value.empty()) {
    error = "the command printed nothing";
    return false;
  }
  return true;
}

const SchemeCredential* credential_for(const Credentials& credentials, const SecurityScheme& scheme) {
  for (const SchemeCredential& c : credentials.schemes)
    if (c.scheme == scheme.id) return &c;
  return nullptr;
}

// Where a scheme's credential travels, and under what name.
struct Carrier {
  Location in = Location::header;
  std::string name;  ///< header (as sent), query parameter or cookie name
};
Carrier carrier_of(const SecurityScheme& scheme) {
  if (scheme.type == SecurityScheme::Type::api_key) return {scheme.in, scheme.name};
  return {Location::header, "Authorization"};
}

// The credential as it goes on the wire, and the shell text that rebuilds it for a reproduction command.
std::pair<std::string, std::string> wire_value(const SecurityScheme& scheme, const SchemeCredential& credential) {
  switch (scheme.type) {
    case SecurityScheme::Type::http_basic:
      return {"Basic " + base64_encode(credential.value),
              "Basic $(printf %s \"" + credential.reference + "\" | base64 -w0)"};
    case SecurityScheme::Type::http_bearer:
    case SecurityScheme::Type::oauth2:
    case SecurityScheme::Type::open_id_connect:
      return {"Bearer " + credential.value, "Bearer " + credential.reference};
    case SecurityScheme::Type::http_other: {
      std::string word = scheme.http_scheme;
      if (!word.empty()) word[0] = static_cast<char>(word[0] >= 'a' && word[0] <= 'z' ? word[0] - 32 : word[0]);
      return {word + " " + credential.value, word + " " + credential.reference};
    }
    case SecurityScheme::Type::api_key:
    case SecurityScheme::Type::mutual_tls:
      break;
  }
  return {credential.value, credential.reference};
}

void put_header(PreparedCase& kase, const std::string& name, const std::pair<std::string, std::string>& value) {
  bool found = false;
  for (std::size_t i = 0; i < kase.headers.size(); ++i) {
    if (!iequal(kase.headers[i].first, name)) continue;
    kase.headers[i].second = value.first;
    kase.roles[i].run_credential = kase.roles[i].credential = true;
    kase.roles[i].reference = value.second;
    found = true;
  }
  if (found) return;
  kase.headers.emplace_back(name, value.first);
  HeaderRole role;
  role.run_credential = role.credential = true;
  role.reference = value.second;
  kase.roles.push_back(std::move(role));
}

// name=value in the query, replacing the case's own (its raw name written plain or percent-encoded).
void put_query(PreparedCase& kase, const std::string& name, const std::string& value) {
  const std::size_t question = kase.target.find('?');
  const std::string path = kase.target.substr(0, question);
  const std::string query = question == std::string::npos ? std::string() : kase.target.substr(question + 1);
  const std::string encoded = gen::percent_encode(name);
  std::string kept;
  for (std::size_t begin = 0; begin <= query.size() && !query.empty();) {
    const std::size_t end = std::min(query.find('&', begin), query.size());
    const std::string pair = query.substr(begin, end - begin);
    const std::string raw_name = pair.substr(0, pair.find('='));
    if (raw_name != name && raw_name != encoded && !pair.empty()) kept += (kept.empty() ? "" : "&") + pair;
    begin = end + 1;
  }
  kase.target = path + "?" + kept + (kept.empty() ? "" : "&") + encoded + "=" + gen::percent_encode(value);
}

// name=value in the Cookie field, replacing the case's own pair of that name.
void put_cookie(PreparedCase& kase, const std::string& name, const std::string& value) {
  for (std::size_t i = 0; i < kase.headers.size(); ++i) {
    if (!iequal(kase.headers[i].first, "cookie")) continue;
    std::string rebuilt;
    const std::string& field = kase.headers[i].second;
    for (std::size_t begin = 0; begin < field.size();) {
      const std::size_t end = std::min(field.find(';', begin), field.size());
      std::string pair = field.substr(begin, end - begin);
      while (!pair.empty() && pair.front() == ' ') pair.erase(0, 1);
      if (!pair.empty() && pair.substr(0, pair.find('=')) != name) rebuilt += (rebuilt.empty() ? "" : "; ") + pair;
      begin = end + 1;
    }
    kase.headers[i].second = rebuilt + (rebuilt.empty() ? "" : "; ") + name + "=" + value;
    kase.roles[i].credential = true;
    return;
  }
  kase.headers.emplace_back("Cookie", name + "=" + value);
  HeaderRole role;
  role.credential = true;
  kase.roles.push_back(std::move(role));
}

}  // namespace

bool scheme_credential_from(const std::string& spec, Credentials& out, std::string& error) {
  const std::size_t equals = spec.find('=');
  const std::size_t colon = equals == std::string::npos ? std::string::npos : spec.find(':', equals + 1);
  if (equals == 0 || colon == std::string::npos || colon + 1 == spec.size()) {
    error =
        "--credential takes NAME=env:VAR, NAME=file:PATH or NAME=command:CMD (NAME: a security scheme of the "
        "document), not '" +
        spec.substr(0, equals) + "=...'";
    return false;
  }
  SchemeCredential credential;
  credential.scheme = spec.substr(0, equals);
  const std::string kind = spec.substr(equals + 1, colon - equals - 1);
  const std::string source = spec.substr(colon + 1);
  bool ok = true;
  if (kind == "env") {
    const std::optional<std::string> value = environment(source);
    ok = value.has_value();
    if (ok) credential.value = *value;
    if (!ok) error = "environment variable " + source + " is unset or empty";
    credential.reference = "${" + source + "}";
  } else if (kind == "file") {
    ok = secret_from_file(source, credential.value, error);
    credential.reference = "$(cat " + shell_quoted(source) + ")";
  } else if (kind == "apig-sign") {  // AK_VAR:SK_VAR, both environment variables
    const std::size_t colon2 = source.find(':');
    const std::optional<std::string> ak = environment(source.substr(0, colon2));
    const std::optional<std::string> sk =
        colon2 == std::string::npos ? std::nullopt : environment(source.substr(colon2 + 1));
    ok = ak.has_value() && sk.has_value();
    if (ok) {
      credential.value = *ak;
      credential.secret_key = *sk;
    } else {
      error = "apig-sign takes AK_VAR:SK_VAR, two environment variables, both set and not empty";
    }
    credential.reference = "${APIG_AUTHORIZATION:?sign the request with your AK/SK}";
  } else if (kind == "command") {
    ok = run_command(source, credential.value, error);
    credential.reference = "$(" + source + ")";
    credential.command = source;
  } else {
    error = "the source must be env:, file:, command: or apig-sign:, not '" + kind + ":'";
    ok = false;
  }
  if (!ok) {
    error = "--credential " + credential.scheme + ": " + error;
    return false;
  }
  for (const SchemeCredential& existing : out.schemes)
    if (existing.scheme == credential.scheme) {
      error = "--credential " + credential.scheme + " is given twice";
      return false;
    }
  out.schemes.push_back(std::move(credential));
  return true;
}

bool refresh_scheme_credentials(Credentials& credentials, std::string& error) {
  std::vector<SchemeCredential> refreshed = credentials.schemes;
  for (SchemeCredential& credential : refreshed) {
    if (credential.command.empty()) continue;
    if (!run_command(credential.command, credential.value, error)) {
      error = "--credential " + credential.scheme + ": refreshing after a 401: " + error;
      return false;
    }
  }
  credentials.schemes = std::move(refreshed);
  return true;
}

bool check_scheme_credentials(const Plan& plan, const Credentials& credentials, std::string& error) {
  for (const SchemeCredential& credential : credentials.schemes) {
    const auto scheme = std::find_if(plan.schemes.begin(), plan.schemes.end(),
                                     [&](const SecurityScheme& s) { return s.id == credential.scheme; });
    if (scheme != plan.schemes.end() && scheme->type != SecurityScheme::Type::mutual_tls) continue;
    std::string known;
    for (const SecurityScheme& s : plan.schemes)
      if (s.type != SecurityScheme::Type::mutual_tls) known += (known.empty() ? "" : ", ") + s.id;
    error = "--credential " + credential.scheme + ": " +
            (scheme != plan.schemes.end() ? std::string("a mutualTLS scheme takes a client certificate, not a value")
                                          : std::string("the document has no such security scheme")) +
            "; its schemes: " + (known.empty() ? std::string("none") : known);
    return false;
  }
  return true;
}

bool tests_scheme_credentials(const Plan& plan, const Operation& operation, const std::vector<Violation>& violations) {
  for (const auto& alternative : operation.security)
    for (const std::uint32_t s : alternative) {
      const Carrier carrier = carrier_of(plan.schemes[s]);
      for (const Violation& v : violations)
        if (v.location == carrier.in && iequal(v.pointer, carrier.name)) return true;
    }
  return false;
}

bool apply_scheme_credentials(const Plan& plan, const Operation& operation, const Credentials& credentials,
                              PreparedCase& kase) {
  for (const auto& alternative : operation.security) {
    if (alternative.empty()) continue;  // "no credentials" is an alternative too, but not what the user asked for
    // An AK/SK signer in the alternative also writes the date its shaped companion (x-reqprobe-shape) asks for.
    const SchemeCredential* signer = nullptr;
    for (const std::uint32_t s : alternative)
      if (const SchemeCredential* c = credential_for(credentials, plan.schemes[s]); c && !c->secret_key.empty())
        signer = c;
    const auto written_by_signer = [&](const SecurityScheme& scheme) {
      return signer != nullptr && scheme.type == SecurityScheme::Type::api_key && scheme.in == Location::header &&
             !scheme.shape.empty();
    };
    const bool satisfiable = std::all_of(alternative.begin(), alternative.end(), [&](std::uint32_t s) {
      const SecurityScheme& scheme = plan.schemes[s];
      return scheme.type == SecurityScheme::Type::mutual_tls || credential_for(credentials, scheme) != nullptr ||
             written_by_signer(scheme);
    });
    if (!satisfiable) continue;
    for (const std::uint32_t s : alternative) {
      const SecurityScheme& scheme = plan.schemes[s];
      const SchemeCredential* credential = credential_for(credentials, scheme);
      if (credential == nullptr || !credential->secret_key.empty()) continue;  // mutualTLS, or the signer's (below)
      const Carrier carrier = carrier_of(scheme);
      kase.refreshable = kase.refreshable || !credential->command.empty();
      if (carrier.in == Location::header) put_header(kase, carrier.name, wire_value(scheme, *credential));
      if (carrier.in == Location::query) put_query(kase, carrier.name, credential->value);
      if (carrier.in == Location::cookie) put_cookie(kase, carrier.name, credential->value);
    }
    if (signer != nullptr) {
      // Signed last, over everything that goes out; the header credentials of the other alternatives (the token an
      // AK/SK signature replaces) and this alternative's own placeholders are dropped first.
      std::vector<std::string> drop;
      for (const auto& other : operation.security)
        for (const std::uint32_t s : other) {
          const Carrier carrier = carrier_of(plan.schemes[s]);
          if (carrier.in != Location::header) continue;
          std::string lower = carrier.name;
          for (char& c : lower) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
          if (std::find(drop.begin(), drop.end(), lower) == drop.end()) drop.push_back(lower);
        }
      sign_case(kase, signer->value, signer->secret_key, drop);
    }
    return true;
  }
  return false;
}

}  // namespace reqprobe::replay
