#pragma once
// Length-bucketed batching: shuffle, then sort by length inside pools of many batches, so each
// batch holds texts of similar length and pads little, while the batch order stays random.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace megatoken {

struct BatchingOptions {
    std::size_t batchSize = 64;
    // Texts sorted together: poolBatches * batchSize. Larger pools pad less but mix less.
    std::size_t poolBatches = 50;
    bool bucketByLength = true;  // false gives plain random batches (the baseline)
    bool dropLast = false;       // drop a final batch smaller than batchSize
    std::uint64_t seed = 42;
};

using Batch = std::vector<std::size_t>;  // indices into the corpus

// The batches of one epoch. Deterministic for (lengths, options, epoch) on every platform:
// the shuffles use our own Fisher-Yates over mt19937_64, not std::shuffle.
std::vector<Batch> makeBatches(const std::vector<std::size_t>& lengths, const BatchingOptions& options,
                               std::uint64_t epoch = 0);

// Padded positions / all positions, when each batch is padded to its longest text.
double paddingFraction(const std::vector<Batch>& batches, const std::vector<std::size_t>& lengths);

}  // namespace megatoken
