// The parse flags of every RapidJSON baseline (B1, B2, B3).
#pragma once

#include <rapidjson/reader.h>

namespace reqprobe_bench {

/// Strict, like reqprobe: validate UTF-8, iterate instead of recursing (no stack overflow on a depth bomb), and
/// no kParseStopWhenDoneFlag, so bytes after the root value are an error.
inline constexpr unsigned kRapidjsonStrictFlags =
    rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag;

}  // namespace reqprobe_bench
