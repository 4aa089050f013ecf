// Hash flooding (issue 10, item 1): bodies whose undeclared member names were chosen to collide in the table that
// finds duplicate names, timed beside random names of the same length and count.
#pragma once

namespace reqprobe_bench {

/// Registers BM_HashFlood_<Key>_<Names>: exhaustive validation (and fail-fast with unknown members as warnings)
/// of {"is_all":true,"bulk":{...4,096 names...}} with the validator's per-process random key and with a fixed,
/// known key, for random names, names colliding under FNV-1a (the hash before this issue) and names colliding
/// under SipHash-1-3 with the fixed key.
void register_hash_flooding_benchmarks();

}  // namespace reqprobe_bench
