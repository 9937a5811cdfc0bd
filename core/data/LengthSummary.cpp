#include "core/data/LengthSummary.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace megatoken {

LengthSummary summarizeLengths(std::vector<std::uint32_t>& lengths)
{
    LengthSummary s;
    s.count = lengths.size();
    if (lengths.empty()) return s;
    std::sort(lengths.begin(), lengths.end());
    const auto rank = [&](double p) {
        const auto index = static_cast<std::size_t>(std::ceil(p * static_cast<double>(lengths.size()))) - 1;
        return lengths[std::min(index, lengths.size() - 1)];
    };
    s.mean = std::accumulate(lengths.begin(), lengths.end(), 0.0) / static_cast<double>(lengths.size());
    s.min = lengths.front();
    s.max = lengths.back();
    s.p50 = rank(0.50);
    s.p90 = rank(0.90);
    s.p95 = rank(0.95);
    s.p99 = rank(0.99);
    return s;
}

}  // namespace megatoken
