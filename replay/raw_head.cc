#include "raw_head.h"

#include <algorithm>
#include <cctype>

namespace reqprobe::replay {
namespace {

bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim_ows(std::string_view text) noexcept {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Header lines longer than this are never framing headers; httplib is not shown them.
constexpr std::size_t kFramingLineMax = 1024;

}  // namespace

void RawHead::assign(std::string_view head) {
  bytes_.assign(head.data(), head.size());
  method = target = version = {};
  headers.clear();
  has_content_length = chunked = false;

  std::string_view rest = bytes_;
  const auto next_line = [&rest]() {
    const std::size_t end = rest.find("\r\n");
    std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 2);
    return line;
  };
  const std::string_view request_line = next_line();
  const std::size_t first_space = request_line.find(' ');
  const std::size_t last_space = request_line.rfind(' ');
  if (first_space == std::string_view::npos || first_space == last_space) {
    method = request_line.substr(0, first_space);  // no target: the validator reports the empty target
  } else {
    method = request_line.substr(0, first_space);
    target = request_line.substr(first_space + 1, last_space - first_space - 1);
    version = request_line.substr(last_space + 1);
  }
  while (!rest.empty()) {
    const std::string_view line = next_line();
    const std::size_t colon = line.find(':');
    // Lines without a colon and obsolete line folding are not header fields (RFC 9112 5.2 lets a server reject or
    // drop them); httplib drops them too.
    if (colon == std::string_view::npos || colon == 0 || line.front() == ' ' || line.front() == '\t') continue;
    const std::string_view name = line.substr(0, colon);
    headers.push_back({name, trim_ows(line.substr(colon + 1))});
    if (iequals(name, "content-length")) has_content_length = true;
    if (iequals(name, "transfer-encoding")) chunked = true;
  }
}

std::string RawHead::canonical_head() const {
  const bool head_method = method == "HEAD";
  std::string out = head_method ? "HEAD / " : "POST / ";
  out += version == "HTTP/1.0" ? "HTTP/1.0\r\n" : "HTTP/1.1\r\n";
  for (const Header& header : headers) {
    if (header.name.size() + header.value.size() > kFramingLineMax) continue;
    if (iequals(header.name, "content-length") || iequals(header.name, "transfer-encoding") ||
        iequals(header.name, "connection") || iequals(header.name, "expect")) {
      out.append(header.name).append(": ").append(header.value).append("\r\n");
    }
  }
  if (!head_method && !frames_body()) out += "Content-Length: 0\r\n";
  out += "\r\n";
  return out;
}

}  // namespace reqprobe::replay
