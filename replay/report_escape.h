// Text escaping for the reports replay writes: JSON strings (JSONL, SARIF, error bodies) and XML (JUnit).
#pragma once

#include <string>
#include <string_view>

namespace reqprobe::replay {

/// A JSON string lexeme, quotes included. Bytes that are not valid UTF-8 become U+FFFD, so the output is always
/// valid JSON whatever an endpoint sent back; C0 controls, DEL and C1 controls (U+0080-U+009F) are written as
/// escapes, so a report shown in a terminal (cat, less -R, a CI log) carries no control character.
[[nodiscard]] std::string json_quote(std::string_view bytes);

/// XML 1.0 character data or attribute text: &<>"' escaped, invalid UTF-8 replaced by U+FFFD; tab, newline and
/// carriage return, DEL and C1 controls written as character references (so attributes keep them and no raw
/// control reaches a terminal); the characters XML 1.0 cannot carry at all (other C0 controls, U+FFFE, U+FFFF)
/// written as the visible text \xHH or \uFFFE.
[[nodiscard]] std::string xml_escape(std::string_view bytes);

/// A number with at most three decimals, for millisecond timings ("12.345").
[[nodiscard]] std::string fixed3(double value);

}  // namespace reqprobe::replay
