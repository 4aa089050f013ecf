// Known-good values of each asserted `format`, and near misses: values a careless producer writes that the
// format refuses (a day that does not exist, an octet over 255, a UUID one digit short). The validator has the last
// word: the generator keeps a sample only when the validator agrees with it.
#pragma once

#include <string>
#include <vector>

#include "reqprobe/plan.h"

namespace reqprobe::gen {

/// JSON lexemes (strings quoted, numbers bare) of valid values of the format, best first; empty when none is known.
[[nodiscard]] std::vector<std::string> format_samples(Format format);

/// JSON lexemes of near misses of the format, each with a short reason ("February 30th").
struct NearMiss {
  std::string lexeme;
  std::string why;
};
[[nodiscard]] std::vector<NearMiss> format_near_misses(Format format);

/// The format's name as documents write it ("date-time").
[[nodiscard]] std::string format_name(Format format);

}  // namespace reqprobe::gen
