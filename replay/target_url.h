// The endpoint replay sends to: "--target URL" split into what libcurl, the Host header and the loopback check
// need.
#pragma once

#include <string>
#include <string_view>

namespace reqprobe::replay {

struct TargetUrl {
  std::string url;          ///< scheme://host[:port]/, what libcurl connects to
  std::string scheme;       ///< "http" or "https"
  std::string host;         ///< without brackets
  std::string host_header;  ///< the Host header libcurl sends: host, plus ":port" when not the scheme's default
  std::string prefix;       ///< the URL's path without its trailing '/', prepended to every case's target
};

/// Parses an http or https URL without user info, query or fragment. Returns false with `error` set otherwise.
[[nodiscard]] bool parse_target_url(std::string_view text, TargetUrl& out, std::string& error);

}  // namespace reqprobe::replay
