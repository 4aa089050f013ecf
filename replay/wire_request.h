// What HTTP/1.1, as libcurl writes it, can carry. Replay computes a case's expected answer on the request it
// sends, so a case whose bytes would not arrive as written (a CR or LF that starts a second header field, a
// Transfer-Encoding that makes libcurl chunk the body, a Content-Length that frames another body...) is not sent
// at all: it is reported as `not-sent` with the reason from unsendable_reason().
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reqprobe::replay {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

/// RFC 9110 5.6.2 token: one or more of !#$%&'*+-.^_`|~ digits and letters. Methods and field names are tokens.
[[nodiscard]] bool is_http_token(std::string_view text) noexcept;

/// Why HTTP/1.1 cannot carry this request exactly as written, or "" when it can. `headers` are the fields as they
/// will go out (Host and Content-Length included), `body` the body that goes out. Whitespace around a value is
/// carried (the recipient strips it, and so does the validator), and so are other control bytes and obs-text (the
/// validator reports them as `encoding`). The reasons, in this order:
///   - the method is not a token;
///   - the request-target is empty or holds whitespace (SP, HTAB, VT, FF), CR, LF or NUL, which end it;
///   - a field name is not a token;
///   - a field value holds CR, LF or NUL (which would end the field: the rest becomes another field);
///   - more than one Host field (libcurl sends only the first);
///   - a Transfer-Encoding field (libcurl would chunk the body and the expectation would describe other bytes);
///   - a Content-Length field that is repeated, is not the body's size, or comes with no body.
[[nodiscard]] std::string unsendable_reason(std::string_view method, std::string_view target, const HeaderList& headers,
                                            std::optional<std::string_view> body);

}  // namespace reqprobe::replay
