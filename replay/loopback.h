// Loopback checks: the mock listens only on loopback unless told otherwise, and replay sends valid cases (which
// create real scan tasks on a live service) only to loopback unless told otherwise.
#pragma once

#include <string>
#include <string_view>

namespace reqprobe::replay {

/// True for "localhost", 127.0.0.0/8 and ::1 (with or without brackets). Names other than localhost are not
/// resolved: they count as remote.
[[nodiscard]] bool is_loopback_host(std::string_view host) noexcept;

/// A listen address "HOST:PORT" ("127.0.0.1:8080", "[::1]:0", "localhost:0"). Port 0 picks a free port.
struct ListenAddress {
  std::string host;
  int port = 0;
};

/// Parses "HOST:PORT". Returns false with `error` set on anything else.
[[nodiscard]] bool parse_listen_address(std::string_view text, ListenAddress& out, std::string& error);

}  // namespace reqprobe::replay
