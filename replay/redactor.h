// The last line of defence for secrets: every line replay prints or writes passes through a Redactor, which
// replaces each occurrence of a secret (the token, the AK, the SK) with "[REDACTED]" - also where a secret would
// only appear by accident, such as an endpoint echoing the token in its error message.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace reqprobe::replay {

class Redactor {
 public:
  Redactor() = default;
  explicit Redactor(std::vector<std::string> secrets);

  /// `text` with every secret replaced. Secrets shorter than 4 bytes are ignored: they would redact ordinary text
  /// and are no secret anyway.
  [[nodiscard]] std::string apply(std::string_view text) const;

 private:
  std::vector<std::string> secrets_;
};

}  // namespace reqprobe::replay
