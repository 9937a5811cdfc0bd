#pragma once
// A model small enough for exact comparisons in milliseconds: vocabulary 60, d_model 32, 2 heads,
// 4 encoder blocks with gates after blocks 1 and 3, 2 decoder blocks, no dropout, no gate noise,
// no calibration. And padded batches of texts with known lengths.

#include <torch/torch.h>

#include <vector>

#include "core/config/ModelConfig.h"

namespace megatoken::testing {

inline ModelConfig smallModelConfig()
{
    ModelConfig c;
    c.vocabSize = 60;
    c.dModel = 32;
    c.numHeads = 2;
    c.dKv = 16;
    c.dFf = 64;
    c.encoderLayers = 4;
    c.decoderLayers = 2;
    c.dropout = 0.0;
    c.maxPositions = 64;
    c.gates.every = 2;  // gates after blocks 1 and 3
    c.gates.first = 1;
    c.gates.noise = GateNoise::None;
    c.gates.calibrationRate = 0.0;
    return c;
}

// [rows, longest + 1] ids: row r holds lengths[r] random ids in [2, vocab), then EOS (1), then
// padding (0). Seeded, so every call with the same arguments gives the same batch.
inline torch::Tensor paddedBatch(const std::vector<std::int64_t>& lengths, std::uint64_t seed, std::int64_t vocab = 60)
{
    torch::manual_seed(seed);
    std::int64_t longest = 0;
    for (const auto length : lengths) longest = std::max(longest, length);
    const auto rows = static_cast<std::int64_t>(lengths.size());
    auto ids = torch::zeros({rows, longest + 1}, torch::kLong);
    for (std::int64_t r = 0; r < rows; ++r) {
        ids[r].narrow(0, 0, lengths[r]).copy_(torch::randint(2, vocab, {lengths[r]}, torch::kLong));
        ids[r][lengths[r]] = 1;
    }
    return ids;
}

}  // namespace megatoken::testing
