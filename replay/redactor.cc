#include "redactor.h"

#include <algorithm>

#include "json_text.h"

namespace reqprobe::replay {

Redactor::Redactor(std::vector<std::string> secrets) {
  for (std::string& secret : secrets) {
    if (secret.size() < 4) continue;
    // A secret with characters JSON or XML escape would appear escaped in reports: redact those spellings too.
    std::string in_json = json_quote(secret);
    in_json = in_json.substr(1, in_json.size() - 2);
    std::string in_xml = xml_escape(secret);
    for (std::string* spelling : {&in_json, &in_xml})
      if (*spelling != secret) secrets_.push_back(std::move(*spelling));
    secrets_.push_back(std::move(secret));
  }
  // Longest first, so a secret that contains another is replaced whole.
  std::sort(secrets_.begin(), secrets_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string Redactor::apply(std::string_view text) const {
  std::string out(text);
  for (const std::string& secret : secrets_) {
    std::size_t at = 0;
    while ((at = out.find(secret, at)) != std::string::npos) {
      out.replace(at, secret.size(), "[REDACTED]");
      at += 10;
    }
  }
  return out;
}

}  // namespace reqprobe::replay
