// Exporting a contract as a standard OpenAPI 3.0 document: the contract's own text, with what its reqprobe
// extensions mean written in plain OpenAPI wherever OpenAPI can say it, so that other tools (mock servers, client
// generators, validators) that ignore `x-` keys still see those constraints.
//
//     auto loaded = reqprobe::load_embedded_contract();
//     reqprobe::OpenApiExport exported =
//         reqprobe::export_openapi(*loaded.contract, reqprobe::embedded_contract_text());
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "reqprobe/contract.h"

namespace reqprobe {

struct [[nodiscard]] OpenApiExport {
  std::string text;                ///< the document, 2-space indented, ending in a newline; empty on error
  std::string error;               ///< why there is no text
  std::vector<std::string> notes;  ///< what could not be expressed and stays only in the extensions
  [[nodiscard]] bool ok() const noexcept { return error.empty(); }
};

/// `contract_text` must be the document `contract` was loaded from. What is added:
/// - each cross-field rule of severity error (x-reqprobe-rules, form anyOf) as one "allOf" entry of its schema:
///   "anyOf" over its terms, a `when` W as [{"not": W}, terms...] (the same schemas as export_json_schema);
/// - each x-reqprobe-auth-alternatives entry as alternative "security" requirements: an apiKey scheme for the
///   header it replaces, OR one apiKey scheme per header of the alternative (all of them together); the replaced
///   header parameter becomes optional, since "security" now requires it or the alternative;
/// - "required": true on a request body whose absent form (x-reqprobe-absent-as) the contract itself rejects, so an
///   absent or empty body is refused as reqprobe refuses it.
/// The extensions stay in place. Not expressible, listed in `notes`: warnings, ordered rules, and an alternative
/// header's prefix and shape (an apiKey scheme only names the header).
[[nodiscard]] OpenApiExport export_openapi(const Contract& contract, std::string_view contract_text);

}  // namespace reqprobe
