// reqprobe itself as a benchmark subject: body or whole request, fail-fast or exhaustive.
#pragma once

#include <memory>

#include "inputs.h"
#include "reqprobe/validator.h"

namespace reqprobe_bench {

/// One Validator (so its scratch memory is warm and private to one benchmark) and one way of calling it.
/// accepts() is the exact call the timed loop repeats; it returns the verdict.
class ReqprobeSubject {
 public:
  enum class Mode { body_fast, body_exhaustive, request_fast, request_exhaustive };

  ReqprobeSubject(std::shared_ptr<const reqprobe::Contract> contract, Mode mode)
      : validator_(std::move(contract)), mode_(mode) {}

  [[nodiscard]] bool accepts(const Input& input);
  [[nodiscard]] bool whole_request() const { return mode_ == Mode::request_fast || mode_ == Mode::request_exhaustive; }

 private:
  reqprobe::Validator validator_;
  Mode mode_;
};

}  // namespace reqprobe_bench
