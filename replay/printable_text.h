// Text safe to print. Every text line validate, replay and probe write to a terminal or a log goes through
// printable_text(): request bytes (pointers, messages, targets) and an endpoint's answers (error_msg) may carry
// control characters, and written raw they move the cursor, clear the screen or forge a line of output.
//
//     out << printable_text(result.input) << ": " << verdict << "\n";   // one field at a time, then the newline
#pragma once

#include <string>
#include <string_view>

namespace reqprobe::replay {

/// The bytes with every character a terminal would act on made visible: C0 controls as \t, \n, \r or \xHH (tab and
/// newline included, so one field can never start a new line), DEL as \x7f, C1 controls (U+0080-U+009F) as
/// \u0085, and each byte of an invalid UTF-8 sequence as \xHH. Printable ASCII and valid UTF-8 above U+009F stay
/// as they are; a backslash stays a backslash (so "\x1b" in the output may also have been those four characters).
[[nodiscard]] std::string printable_text(std::string_view bytes);

/// True when printable_text(bytes) == bytes.
[[nodiscard]] bool is_printable_text(std::string_view bytes) noexcept;

/// Length of the valid UTF-8 sequence starting at bytes[at], or 0 when none starts there (RFC 3629: no overlongs,
/// no surrogates, nothing above U+10FFFF). `code_point` is set when it returns non-zero.
[[nodiscard]] std::size_t utf8_sequence(std::string_view bytes, std::size_t at, char32_t& code_point) noexcept;

}  // namespace reqprobe::replay
