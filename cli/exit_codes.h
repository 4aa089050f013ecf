// The exit codes of every reqprobe command (shared/DESIGN.md): scripts and CI jobs branch on them.
#pragma once

namespace reqprobe::cli {

inline constexpr int kExitOk = 0;       ///< success: all valid, every expectation met, no findings
inline constexpr int kExitInvalid = 1;  ///< something invalid, an expectation not met, or findings
inline constexpr int kExitError = 2;    ///< usage, I/O or contract error

/// The exit code of a run that had outcomes a and b: errors win over invalid, invalid over ok.
[[nodiscard]] inline int worst_exit(int a, int b) noexcept {
  return a > b ? a : b;
}

}  // namespace reqprobe::cli
