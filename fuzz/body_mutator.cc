// The libFuzzer targets' custom mutator (body_fuzzer, differential_fuzzer): three calls in four go to the
// structure-aware mutator the fuzz command shares (generator/body_mutator.h), the fourth, input that does not parse
// and output that would not fit to libFuzzer's own byte-level mutator.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "body_mutator.h"
#include "fuzz_utils.h"

extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t max_size);

extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size, std::size_t max_size,
                                               unsigned int seed) {
  if (seed % 4 == 0) return LLVMFuzzerMutate(data, size, max_size);
  static std::string out;
  static const reqprobe::Plan& plan = reqprobe::fuzz::embedded_contract()->plan();
  static auto* mutator = new reqprobe::gen::BodyMutator(plan);
  const std::uint32_t body_node =
      plan.operations.empty() || plan.operations[0].body == reqprobe::kNone ? 0 : plan.operations[0].body;
  if (!mutator->mutate(seed, std::string_view(reinterpret_cast<const char*>(data), size), body_node, out) ||
      out.size() > max_size)
    return LLVMFuzzerMutate(data, size, max_size);
  std::memcpy(data, out.data(), out.size());
  return out.size();
}
