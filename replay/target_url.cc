#include "target_url.h"

#include <curl/curl.h>

#include <memory>

namespace reqprobe::replay {
namespace {

struct UrlDeleter {
  void operator()(CURLU* url) const noexcept { curl_url_cleanup(url); }
};
struct PartDeleter {
  void operator()(char* part) const noexcept { curl_free(part); }
};

bool part(CURLU* url, CURLUPart which, std::string& out, unsigned flags = 0) {
  char* text = nullptr;
  if (curl_url_get(url, which, &text, flags) != CURLUE_OK) return false;
  std::unique_ptr<char, PartDeleter> owned(text);
  out = text;
  return true;
}

}  // namespace

bool parse_target_url(std::string_view text, TargetUrl& out, std::string& error) {
  std::unique_ptr<CURLU, UrlDeleter> url(curl_url());
  const std::string given(text);
  if (!url || curl_url_set(url.get(), CURLUPART_URL, given.c_str(), 0) != CURLUE_OK) {
    error = "--target '" + given + "' is not a URL (expected e.g. http://127.0.0.1:8080)";
    return false;
  }
  std::string ignored;
  if (!part(url.get(), CURLUPART_SCHEME, out.scheme) || (out.scheme != "http" && out.scheme != "https")) {
    error = "--target '" + given + "' must be an http or https URL";
    return false;
  }
  if (part(url.get(), CURLUPART_USER, ignored) || part(url.get(), CURLUPART_QUERY, ignored) ||
      part(url.get(), CURLUPART_FRAGMENT, ignored)) {
    error = "--target '" + given + "' must not carry user info, a query or a fragment";
    return false;
  }
  if (!part(url.get(), CURLUPART_HOST, out.host)) {
    error = "--target '" + given + "' has no host";
    return false;
  }
  std::string port;
  const bool explicit_port = part(url.get(), CURLUPART_PORT, port);
  std::string path;
  if (!part(url.get(), CURLUPART_PATH, path)) path = "/";
  while (!path.empty() && path.back() == '/') path.pop_back();
  out.prefix = path;
  out.host_header = out.host;
  if (explicit_port) out.host_header += ":" + port;
  std::string host = out.host;
  if (host.size() >= 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  out.host = host;
  out.url = out.scheme + "://" + out.host_header + "/";
  return true;
}

}  // namespace reqprobe::replay
