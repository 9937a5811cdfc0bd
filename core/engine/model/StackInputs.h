#pragma once
// The input-side modules every T5 stack of ours builds the same way.

#include <torch/torch.h>

#include "core/config/ModelConfig.h"
#include "core/engine/model/RelativePositionBias.h"

namespace megatoken {

// Learned absolute positions, N(0, 1) like the token embedding.
torch::nn::Embedding makeAbsolutePositions(const ModelConfig& config);
// T5's relative bias, initialised N(0, d_model^-1/2).
RelativePositionBias makeRelativeBias(const ModelConfig& config, bool bidirectional);

}  // namespace megatoken
