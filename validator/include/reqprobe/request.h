// An HTTP request as reqprobe sees it: exact bytes, nothing normalised.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace reqprobe {

/// One header field as sent: order and repeats are kept by the caller's array.
struct Header {
  std::string_view name;
  std::string_view value;
};

/// A request by reference: the caller owns every byte for the duration of the call.
struct Request {
  std::string_view method;               ///< e.g. "POST"; compared case-sensitively (RFC 9110)
  std::string_view target;               ///< raw request-target: path plus query, percent-encoded
  std::span<const Header> headers;       ///< in the order sent
  std::optional<std::string_view> body;  ///< nullopt: no body at all
};

}  // namespace reqprobe
