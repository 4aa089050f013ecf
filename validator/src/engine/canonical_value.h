// The canonical text of a JSON value read from a request (compile/canonical.h writes the same form for the
// contract's values): enum, const and uniqueItems compare these texts.
#pragma once

#include <string>
#include <string_view>

namespace reqprobe::detail {

/// Writes the canonical form of `json`, one well-formed JSON value (the body engine has read it already), to `out`.
void canonical_value(std::string_view json, std::string& out);

/// A canonical text (from either side) as ordinary JSON with the same meaning: its numbers in plain_number's form.
/// For messages and exports: canonical numbers ("25e3" for 250) read as other values in JSON.
[[nodiscard]] std::string plain_json(std::string_view canonical);

}  // namespace reqprobe::detail
