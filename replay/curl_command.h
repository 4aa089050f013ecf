// A curl command line (for bash) that sends a case exactly as replay did, printed with every finding. Credentials
// are never in it: a token becomes the shell text that fetched it (${HSS_TOKEN}, $(cat 'token.txt')), and an AK/SK
// signature a variable the user fills by signing again.
#pragma once

#include <string>
#include <string_view>

#include "credentials.h"
#include "prepared_case.h"
#include "target_url.h"

namespace reqprobe::replay {

/// Bodies larger than this are not written into the command; it reads them from the case file instead.
inline constexpr std::size_t kMaxInlineBody = 16 * 1024;

[[nodiscard]] std::string curl_command(const PreparedCase& kase, const TargetUrl& target,
                                       const Credentials& credentials, bool insecure);

/// A word for bash: 'single-quoted', or $'ANSI-C quoted' when it holds bytes outside printable ASCII.
[[nodiscard]] std::string shell_word(std::string_view bytes);

}  // namespace reqprobe::replay
