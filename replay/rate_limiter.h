// A token bucket of depth one: sends are spaced 1/rate apart, so a run holds its --rate within a few percent
// instead of bursting. A slot missed by a little (a thread scheduled late) is made up at once, so jitter does not
// lower the rate; falling far behind (a slow endpoint) does not earn a catch-up burst.
#pragma once

#include <chrono>

namespace reqprobe::replay {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  /// `per_second` <= 0: no limit.
  explicit RateLimiter(double per_second) noexcept
      : unlimited_(per_second <= 0),
        interval_(unlimited_
                      ? Clock::duration::zero()
                      : std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / per_second))),
        catch_up_(interval_ > kMinCatchUp ? interval_ : Clock::duration(kMinCatchUp)) {}

  /// Takes a token when one is due at `now`.
  [[nodiscard]] bool try_take(Clock::time_point now) noexcept {
    if (unlimited_) return true;
    if (now < next_) return false;
    // Scheduled slots keep the long-run rate exact; slots missed by more than the catch-up window are dropped.
    next_ = (now - next_ > catch_up_) ? now + interval_ : next_ + interval_;
    return true;
  }

  /// When the next token is due (now for an unlimited limiter).
  [[nodiscard]] Clock::time_point next_due() const noexcept { return next_; }
  [[nodiscard]] bool unlimited() const noexcept { return unlimited_; }

 private:
  bool unlimited_;
  Clock::duration interval_;
  static constexpr std::chrono::milliseconds kMinCatchUp{50};
  Clock::duration catch_up_;  ///< lateness made up for: one interval, at least 50 ms
  Clock::time_point next_{};
};

}  // namespace reqprobe::replay
