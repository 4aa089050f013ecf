// B0: copying the body is the least any validator must do (read every byte once).
#include <cstring>

#include "baselines.h"

namespace reqprobe_bench {

bool MemcpyBaseline::accepts(const Input& input) {
  if (buffer_.size() < input.body.size()) buffer_.resize(input.body.size());  // grows during warm-up only
  std::memcpy(buffer_.data(), input.body.data(), input.body.size());
  return true;
}

}  // namespace reqprobe_bench
