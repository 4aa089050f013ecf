// A curl command line for a POSIX shell (sh, dash, bash) that sends a case exactly as replay did, printed with every
// finding and written into every report. It is self-contained: no bash process substitution, no jq, no case file.
// A body larger than kMaxInlineBody is read from a file replay wrote (body_files.h) by its absolute path; a smaller
// one with bytes a shell word cannot carry or a terminal would act on is piped in from printf.
//
// Credentials are never in it: the run's token becomes the shell text that fetched it (${HSS_TOKEN},
// $(cat 'token.txt')), an AK/SK signature a variable the user fills by signing again, and a case's own credential
// value (X-Auth-Token, Authorization, Cookie...) a variable such as ${CASE_X_AUTH_TOKEN}.
#pragma once

#include <string>
#include <string_view>

#include "credentials.h"
#include "prepared_case.h"
#include "target_url.h"

namespace reqprobe::replay {

/// Bodies larger than this are not written into the command: replay writes them to a file the command reads.
inline constexpr std::size_t kMaxInlineBody = 16 * 1024;

/// True when curl_command() needs the case's body in a file: a body goes out and it is larger than kMaxInlineBody.
[[nodiscard]] bool needs_body_file(const PreparedCase& kase) noexcept;

/// The command. `body_file` is the absolute path of a file holding the body, or empty to put the body in the
/// command itself.
[[nodiscard]] std::string curl_command(const PreparedCase& kase, const TargetUrl& target,
                                       const Credentials& credentials, bool insecure,
                                       const std::string& body_file = {});

/// A word for a POSIX shell that is also printable text (printable_text.h): 'single-quoted' when every byte is
/// printable, else "$(printf '%b' '...')" with octal escapes. It cannot carry NUL, and command substitution drops
/// trailing newlines: neither occurs in a method, a request-target, a header field or a path replay uses.
[[nodiscard]] std::string shell_word(std::string_view bytes);

/// The variable a command reads a case's own credential value from: CASE_ and the header name, uppercased, every
/// other byte '_' (X-Auth-Token: CASE_X_AUTH_TOKEN).
[[nodiscard]] std::string credential_variable(std::string_view header_name);

}  // namespace reqprobe::replay
