#include "core/data/LengthBucketedBatches.h"

#include <algorithm>
#include <numeric>
#include <random>
#include <stdexcept>

namespace megatoken {
namespace {

template <typename T>
void shuffleInPlace(std::vector<T>& items, std::mt19937_64& rng)
{
    for (std::size_t i = items.size(); i > 1; --i) {
        const std::size_t j = static_cast<std::size_t>(rng() % i);
        std::swap(items[i - 1], items[j]);
    }
}

}  // namespace

std::vector<Batch> makeBatches(const std::vector<std::size_t>& lengths, const BatchingOptions& options,
                               std::uint64_t epoch)
{
    if (options.batchSize == 0) throw std::invalid_argument("batching: batch size must be at least 1");
    std::mt19937_64 rng(options.seed * 0x9E3779B97F4A7C15ULL + epoch);

    std::vector<std::size_t> order(lengths.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    shuffleInPlace(order, rng);

    if (options.bucketByLength) {
        const std::size_t pool = options.batchSize * std::max<std::size_t>(1, options.poolBatches);
        for (std::size_t begin = 0; begin < order.size(); begin += pool) {
            const auto first = order.begin() + static_cast<std::ptrdiff_t>(begin);
            const auto last = order.begin() + static_cast<std::ptrdiff_t>(std::min(order.size(), begin + pool));
            std::stable_sort(first, last, [&](std::size_t a, std::size_t b) { return lengths[a] < lengths[b]; });
        }
    }

    std::vector<Batch> batches;
    batches.reserve(order.size() / options.batchSize + 1);
    for (std::size_t begin = 0; begin < order.size(); begin += options.batchSize) {
        const std::size_t end = std::min(order.size(), begin + options.batchSize);
        if (options.dropLast && end - begin < options.batchSize) break;
        batches.emplace_back(order.begin() + static_cast<std::ptrdiff_t>(begin),
                             order.begin() + static_cast<std::ptrdiff_t>(end));
    }
    // Sorted pools yield batches in rising length; shuffle so training does not see a length ramp.
    if (options.bucketByLength) shuffleInPlace(batches, rng);
    return batches;
}

double paddingFraction(const std::vector<Batch>& batches, const std::vector<std::size_t>& lengths)
{
    std::size_t padded = 0;
    std::size_t total = 0;
    for (const Batch& batch : batches) {
        std::size_t longest = 0;
        std::size_t used = 0;
        for (std::size_t index : batch) {
            longest = std::max(longest, lengths.at(index));
            used += lengths[index];
        }
        total += longest * batch.size();
        padded += longest * batch.size() - used;
    }
    return total == 0 ? 0.0 : static_cast<double>(padded) / static_cast<double>(total);
}

}  // namespace megatoken
