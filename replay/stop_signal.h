// SIGINT and SIGTERM as a flag: the mock stops serving and replay stops sending (and still writes its reports)
// instead of dying mid-write. A second signal ends the process at once, for a user who really means it.
#pragma once

#include <atomic>

namespace reqprobe::replay {

/// Installs the handlers (idempotent) and returns the flag they set.
[[nodiscard]] const std::atomic<bool>& install_stop_signals();

}  // namespace reqprobe::replay
