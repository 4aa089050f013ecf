// Request bodies that are not plain JSON: choosing the declared media type a Content-Type selects, and reading
// application/x-www-form-urlencoded and multipart/form-data bodies into what their schemas check.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "../http_text.h"
#include "reqprobe/plan.h"

namespace reqprobe::detail {

/// The declared media type a request's parsed Content-Type selects (exact type/subtype first, then a suffix range
/// such as application/*+json, then type/*, then */*), and how the body is read. index is kNone when none matches.
struct MediaChoice {
  std::uint32_t index = kNone;
  BodyKind kind = BodyKind::other;
};
[[nodiscard]] MediaChoice choose_media(const Operation& op, const MediaType& type);

/// How a media type's body is read: JSON for application/json and */*+json, and so on.
[[nodiscard]] BodyKind body_kind_of(std::string_view type, std::string_view subtype);

/// A form body as the JSON object its schema checks: names and values percent-decoded ('+' is a space, as form
/// encoding says), values typed by the property's schema, a property whose schema is an array collecting its
/// repeats (explode, the default) or splitting one value (explode: false, by its encoding's style). Repeats of any
/// other property are listed in `repeated`. False (with `error`) when a name or value has a malformed escape.
[[nodiscard]] bool form_to_json(const Plan& plan, const MediaBody& media, std::string_view body, std::string& json,
                                std::vector<std::string>& repeated, std::string& error);

/// One part of a multipart body.
struct Part {
  std::string name;          ///< from Content-Disposition
  std::string content_type;  ///< lowercased type/subtype; empty when the part has none
  std::string_view body;
};
/// Parses a multipart body (RFC 2046, RFC 7578). False (with `error`) when it does not follow the form.
[[nodiscard]] bool parse_multipart(std::string_view body, std::string_view boundary, std::vector<Part>& parts,
                                   std::string& error);

}  // namespace reqprobe::detail
