// Answers checked against the operation's documented responses (issue 13): a 2xx to a valid case must be a status
// the operation documents, carry a Content-Type the response documents, a JSON body valid against the response's
// schema (the same engine as requests, pointers into the body), and every header the response marks required.
// Error answers are judged by their status alone (outcome.h) in the default profile, their bodies being the
// server's own; with --check-errors, a 4xx is held to its documented response the same way.
#pragma once

#include <string>

#include "http_client.h"
#include "outcome.h"
#include "prepared_case.h"
#include "reqprobe/validator.h"

namespace reqprobe::replay {

struct ResponseVerdict {
  Outcome outcome = Outcome::ok;
  std::string detail;  ///< what differs, e.g. "response-schema: required at /items/0/name: ..."
};

/// True when `got` (type/subtype, lowercased, no parameters) is `documented` or falls in it as a range: */*,
/// type/*, or a structured-syntax suffix range such as application/*+json.
[[nodiscard]] bool media_type_matches(std::string_view documented, std::string_view got);

/// The documented response an answer's status selects: the exact code, else its range ("2XX"), else "default";
/// nullptr when the operation documents none of them.
[[nodiscard]] const Response* documented_response(const Operation& operation, int status);

/// Checks `exchange` (the answer to `kase`) against the documented responses of the operation the case routes to:
/// a 2xx to a valid case always, a 4xx to an invalid one too when `check_errors` (--check-errors: the stricter
/// profile, where a server's error bodies must be the documented ones). `validator` must be built on the contract
/// the case was prepared with.
[[nodiscard]] ResponseVerdict check_response(Validator& validator, const PreparedCase& kase, const Exchange& exchange,
                                             bool check_errors = false);

/// The whole verdict on an answer, as replay, probe and fuzz give it: classify() first, then, when that finds
/// nothing, check_response().
[[nodiscard]] Classification judge_answer(Validator& validator, const PreparedCase& kase, const Exchange& exchange,
                                          bool check_errors);

}  // namespace reqprobe::replay
