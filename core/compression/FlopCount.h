#pragma once
// Analytic floating-point operations of the Megatoken model (a multiply-add counts 2), from its
// shape and sequence lengths: the yardstick for achieved GFLOP/s and for the speed-up that hard
// removal should give. Plain arithmetic: no torch.

#include <cstdint>
#include <vector>

#include "core/config/ModelConfig.h"

namespace megatoken {

// One text (or one padded batch row) through the model, forward only.
// encoderLengths: the sequence length each encoder block runs at (all equal without removal);
// decoderLength: the decoder's length; memoryLength: the encoder states the cross-attention reads.
double forwardFlops(const ModelConfig& config, const std::vector<std::int64_t>& encoderLengths,
                    std::int64_t decoderLength, std::int64_t memoryLength);

// The lengths every encoder block runs at when each gate keeps keptAfterGate[g] tokens of the
// text's `length` (the gate's block itself runs at the length before the gate).
std::vector<std::int64_t> encoderLengthsWithRemoval(const ModelConfig& config, std::int64_t length,
                                                    const std::vector<std::int64_t>& keptAfterGate);

}  // namespace megatoken
