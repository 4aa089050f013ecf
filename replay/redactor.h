// The last line of defence for secrets: every line replay prints or writes passes through a Redactor, which
// replaces each occurrence of a secret with "[REDACTED]" - also where a secret would only appear by accident, such
// as an endpoint echoing a token in its error message. The secrets are the run's credentials (the token, the AK,
// the SK) and every case's own credential values (case_secrets()), so it holds hundreds of them: apply() looks
// them up by their first four bytes instead of searching the text once per secret.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace reqprobe::replay {

class Redactor {
 public:
  Redactor() = default;
  explicit Redactor(std::vector<std::string> secrets);

  /// `text` with every secret replaced, scanning left to right and taking the longest secret that starts at each
  /// position. Secrets shorter than 4 bytes are ignored: they would redact ordinary text and are no secret anyway.
  [[nodiscard]] std::string apply(std::string_view text) const;

  [[nodiscard]] bool empty() const noexcept { return secrets_.empty(); }

 private:
  struct Entry {
    std::uint32_t prefix;  ///< the secret's first four bytes
    std::uint32_t index;   ///< into secrets_
  };
  std::vector<std::string> secrets_;
  std::vector<Entry> entries_;         ///< sorted by prefix, then longest secret first
  std::vector<std::uint64_t> starts_;  ///< bit per first two bytes of any secret: most positions end at this test
};

}  // namespace reqprobe::replay
