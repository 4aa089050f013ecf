#include "apig_signer.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <map>

namespace reqprobe::replay {
namespace {

std::string hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 15];
  }
  return out;
}

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Lenient percent-decoding, like the published signers: a malformed escape stays as it is.
std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int high = hex_value(text[i + 1]), low = hex_value(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::string percent_encode(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kDigits[byte >> 4];
      out += kDigits[byte & 15];
    }
  }
  return out;
}

std::string trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return std::string(text);
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string canonical_uri(std::string_view path) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path.find('/', start);
    out += percent_encode(percent_decode(path.substr(start, slash - start)));
    if (slash == std::string_view::npos) break;
    out += '/';
    start = slash + 1;
  }
  if (out.empty() || out.back() != '/') out += '/';
  return out;
}

std::string canonical_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> parameters;
  std::size_t start = 0;
  while (start <= query.size()) {
    const std::size_t amp = std::min(query.find('&', start), query.size());
    const std::string_view item = query.substr(start, amp - start);
    if (!item.empty()) {
      const std::size_t equals = item.find('=');
      parameters.emplace_back(
          percent_encode(percent_decode(item.substr(0, equals))),
          equals == std::string_view::npos ? "" : percent_encode(percent_decode(item.substr(equals + 1))));
    }
    start = amp + 1;
  }
  std::sort(parameters.begin(), parameters.end());
  std::string out;
  for (const auto& [name, value] : parameters) {
    if (!out.empty()) out += '&';
    out += name + "=" + value;
  }
  return out;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr);
  return hex(digest, size);
}

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(message.data()),
       message.size(), digest, &size);
  return hex(digest, size);
}

std::string canonical_request(const SigningRequest& request) {
  const std::size_t question = request.target.find('?');
  const std::string_view path = request.target.substr(0, question);
  const std::string_view query =
      question == std::string_view::npos ? std::string_view() : request.target.substr(question + 1);
  std::map<std::string, std::string> headers;  // sorted by lowercase name; a repeat keeps its last value
  if (request.headers)
    for (const auto& [name, value] : *request.headers) headers[lowercase(name)] = trim(value);
  std::string canonical_headers, signed_headers;
  for (const auto& [name, value] : headers) {
    canonical_headers += name + ":" + value + "\n";
    if (!signed_headers.empty()) signed_headers += ';';
    signed_headers += name;
  }
  std::string out;
  for (const char c : request.method) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  out += "\n" + canonical_uri(path) + "\n" + canonical_query(query) + "\n" + canonical_headers + "\n" + signed_headers +
         "\n" + sha256_hex(request.body.value_or(std::string_view()));
  return out;
}

std::string sign_authorization(const SigningRequest& request, std::string_view access_key, std::string_view secret_key,
                               std::string_view sdk_date) {
  std::string signed_headers;
  std::map<std::string, bool> names;
  if (request.headers)
    for (const auto& header : *request.headers) names[lowercase(header.first)] = true;
  for (const auto& entry : names) {
    if (!signed_headers.empty()) signed_headers += ';';
    signed_headers += entry.first;
  }
  const std::string string_to_sign =
      "SDK-HMAC-SHA256\n" + std::string(sdk_date) + "\n" + sha256_hex(canonical_request(request));
  return "SDK-HMAC-SHA256 Access=" + std::string(access_key) + ", SignedHeaders=" + signed_headers +
         ", Signature=" + hmac_sha256_hex(secret_key, string_to_sign);
}

std::string sdk_date_now() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
  return text;
}

}  // namespace reqprobe::replay
