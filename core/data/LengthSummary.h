#pragma once
// Count, mean and percentiles of a list of lengths (characters or tokens per text).

#include <cstdint>
#include <vector>

namespace megatoken {

struct LengthSummary {
    std::uint64_t count = 0;
    double mean = 0.0;
    std::uint32_t min = 0, p50 = 0, p90 = 0, p95 = 0, p99 = 0, max = 0;
};

// Nearest-rank percentiles. Reorders `lengths`.
LengthSummary summarizeLengths(std::vector<std::uint32_t>& lengths);

}  // namespace megatoken
