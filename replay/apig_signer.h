// AK/SK request signing, SDK-HMAC-SHA256: the scheme Huawei Cloud's API Gateway publishes for its SDKs.
//
//   CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n
//                      hex(sha256(body))
//   StringToSign     = "SDK-HMAC-SHA256" \n X-Sdk-Date \n hex(sha256(CanonicalRequest))
//   Authorization    = "SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=" hex(hmac_sha256(SK, StringToSign))
//
// CanonicalURI: the path percent-decoded, each segment re-encoded (only A-Z a-z 0-9 - _ . ~ kept), ending in '/'.
// CanonicalQuery: parameters decoded, sorted by name then value, re-encoded, joined with '&'.
// CanonicalHeaders: every header (Host and X-Sdk-Date included), names lowercased, values trimmed, sorted by name,
// each "name:value\n"; a repeated name keeps its last value.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reqprobe::replay {

struct SigningRequest {
  std::string_view method;
  std::string_view target;                                                    ///< raw request-target, path plus query
  const std::vector<std::pair<std::string, std::string>>* headers = nullptr;  ///< must include Host and X-Sdk-Date
  std::optional<std::string_view> body;
};

/// The canonical request (exposed for tests and for explaining a signature mismatch).
[[nodiscard]] std::string canonical_request(const SigningRequest& request);

/// The Authorization header value for `request`, signed with the secret key at `sdk_date` (YYYYMMDDTHHMMSSZ).
[[nodiscard]] std::string sign_authorization(const SigningRequest& request, std::string_view access_key,
                                             std::string_view secret_key, std::string_view sdk_date);

/// The current UTC time as X-Sdk-Date wants it: YYYYMMDDTHHMMSSZ.
[[nodiscard]] std::string sdk_date_now();

/// Lowercase hex of SHA-256 and of HMAC-SHA256 (OpenSSL's libcrypto).
[[nodiscard]] std::string sha256_hex(std::string_view bytes);
[[nodiscard]] std::string hmac_sha256_hex(std::string_view key, std::string_view message);

}  // namespace reqprobe::replay
