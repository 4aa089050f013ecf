// One row of a `format` table (formats_test.cc, format_grammar_test.cc): the format, a value, the verdict and why.
#pragma once

#include <ostream>
#include <string>

#include "engine/formats.h"

namespace reqprobe::detail::test {

struct Row {
  Format format;
  std::string value;
  bool valid;
  const char* why;
};

inline std::ostream& operator<<(std::ostream& out, const Row& row) {
  return out << format_name(row.format) << " '" << row.value << "' (" << row.why << ")";
}

}  // namespace reqprobe::detail::test
