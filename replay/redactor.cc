#include "redactor.h"

#include <algorithm>
#include <cstring>

#include "report_escape.h"

namespace reqprobe::replay {
namespace {

std::uint32_t prefix_of(const char* bytes) noexcept {
  std::uint32_t prefix = 0;
  std::memcpy(&prefix, bytes, sizeof prefix);
  return prefix;
}

std::size_t pair_of(const char* bytes) noexcept {
  return static_cast<std::size_t>(static_cast<unsigned char>(bytes[0])) << 8 | static_cast<unsigned char>(bytes[1]);
}

}  // namespace

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
  std::sort(secrets_.begin(), secrets_.end());
  secrets_.erase(std::unique(secrets_.begin(), secrets_.end()), secrets_.end());
  starts_.assign(65536 / 64, 0);
  for (std::size_t i = 0; i < secrets_.size(); ++i) {
    entries_.push_back({prefix_of(secrets_[i].data()), static_cast<std::uint32_t>(i)});
    const std::size_t pair = pair_of(secrets_[i].data());
    starts_[pair / 64] |= std::uint64_t{1} << (pair % 64);
  }
  std::sort(entries_.begin(), entries_.end(), [&](const Entry& a, const Entry& b) {
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    return secrets_[a.index].size() > secrets_[b.index].size();
  });
}

std::string Redactor::apply(std::string_view text) const {
  if (secrets_.empty() || text.size() < 4) return std::string(text);
  std::string out;
  out.reserve(text.size());
  std::size_t copied = 0;  // text[copied, at) is still to be copied
  for (std::size_t at = 0; at + 4 <= text.size();) {
    const std::size_t pair = pair_of(text.data() + at);
    if ((starts_[pair / 64] >> (pair % 64) & 1) == 0) {
      ++at;
      continue;
    }
    const std::uint32_t prefix = prefix_of(text.data() + at);
    auto candidate = std::lower_bound(entries_.begin(), entries_.end(), prefix,
                                      [](const Entry& entry, std::uint32_t value) { return entry.prefix < value; });
    std::size_t matched = 0;
    for (; candidate != entries_.end() && candidate->prefix == prefix; ++candidate) {
      const std::string& secret = secrets_[candidate->index];
      if (text.substr(at).starts_with(secret)) {
        matched = secret.size();
        break;
      }
    }
    if (matched == 0) {
      ++at;
      continue;
    }
    out.append(text.substr(copied, at - copied));
    out += "[REDACTED]";
    at += matched;
    copied = at;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace reqprobe::replay
