#include "stop_signal.h"

#include <signal.h>
#include <unistd.h>

namespace reqprobe::replay {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_stop_signal(int signal_number) {
  if (g_stop.exchange(true)) {
    ::signal(signal_number, SIG_DFL);  // second signal: the default action, which ends the process
    ::raise(signal_number);
  }
}

}  // namespace

const std::atomic<bool>& install_stop_signals() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGINT, &action, nullptr);
  ::sigaction(SIGTERM, &action, nullptr);
  return g_stop;
}

}  // namespace reqprobe::replay
