// Text escaping for the reports replay writes: JSON strings (JSONL, SARIF, error bodies) and XML (JUnit).
#pragma once

#include <string>
#include <string_view>

namespace reqprobe::replay {

/// A JSON string lexeme, quotes included. Bytes that are not valid UTF-8 become U+FFFD, so the output is always
/// valid JSON whatever an endpoint sent back.
[[nodiscard]] std::string json_quote(std::string_view bytes);

/// XML character data or attribute text: &<>"' escaped, invalid UTF-8 replaced, and the control characters XML 1.0
/// cannot carry at all replaced by U+FFFD.
[[nodiscard]] std::string xml_escape(std::string_view bytes);

/// A number with at most three decimals, for millisecond timings ("12.345").
[[nodiscard]] std::string fixed3(double value);

}  // namespace reqprobe::replay
