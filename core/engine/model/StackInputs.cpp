#include "core/engine/model/StackInputs.h"

#include <cmath>

namespace megatoken {

torch::nn::Embedding makeAbsolutePositions(const ModelConfig& config)
{
    torch::nn::Embedding positions(config.maxPositions, config.dModel);
    torch::NoGradGuard noGrad;
    positions->weight.normal_(0.0, 1.0);
    return positions;
}

RelativePositionBias makeRelativeBias(const ModelConfig& config, bool bidirectional)
{
    RelativePositionBias bias(config.numHeads, config.relativeBuckets, config.relativeMaxDistance, bidirectional);
    torch::NoGradGuard noGrad;
    bias->embedding->weight.normal_(0.0, 1.0 / std::sqrt(static_cast<double>(config.dModel)));
    return bias;
}

}  // namespace megatoken
