#include "reqprobe_subjects.h"

namespace reqprobe_bench {

bool ReqprobeSubject::accepts(const Input& input) {
  switch (mode_) {
    case Mode::body_fast:
      return validator_.is_valid_body(input.body);
    case Mode::body_exhaustive:
      // The Report (and its violations, messages and pointers) is built and destroyed inside the loop: that is
      // what a caller of validate_body() pays.
      return validator_.validate_body(input.body).valid();
    case Mode::request_fast:
      return validator_.is_valid(input.request);
    case Mode::request_exhaustive:
      return validator_.validate(input.request).valid();
  }
  return false;
}

}  // namespace reqprobe_bench
