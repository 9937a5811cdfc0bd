#include "core/engine/model/MegatokenDecoder.h"
#include "core/engine/model/Dropout.h"

#include <cmath>
#include <stdexcept>

#include "core/engine/model/AttentionBias.h"
#include "core/engine/model/StackInputs.h"

namespace megatoken {

MegatokenDecoderImpl::MegatokenDecoderImpl(const ModelConfig& config, torch::nn::Embedding sharedEmbedding)
    : config_(config)
{
    // Shared with the model, which registers it: registering it here too would list the same
    // tensor three times in parameters(), and the optimizer would update it three times.
    embedding = std::move(sharedEmbedding);
    if (config.absolutePositions) positions = register_module("positions", makeAbsolutePositions(config));
    relativeBias = register_module("relative_bias", makeRelativeBias(config, /*bidirectional=*/false));
    blocks = register_module("blocks", torch::nn::ModuleList());
    for (std::int64_t b = 0; b < config.decoderLayers; ++b) blocks->push_back(DecoderBlock(config));
    finalNorm = register_module("final_norm", RMSNorm(config.dModel, config.layerNormEpsilon));
}

torch::Tensor MegatokenDecoderImpl::forward(const torch::Tensor& decoderInput, const torch::Tensor& memory,
                                            const torch::Tensor& crossBias, std::int64_t firstPosition,
                                            const torch::Tensor& crossScale)
{
    const std::int64_t length = decoderInput.size(1);
    if (config_.absolutePositions && firstPosition + length > config_.maxPositions)
        throw std::invalid_argument("decoder: sequence of " + std::to_string(length) +
                                    " tokens exceeds model.max_positions = " + std::to_string(config_.maxPositions));
    auto y = embedding->forward(decoderInput);
    if (positions)
        y = y + positions->forward(torch::arange(firstPosition, firstPosition + length, decoderInput.options()))
                    .unsqueeze(0);
    y = megatoken::dropout(y, config_.dropout, is_training());
    const auto selfBias = relativeBias->forward(length, length) +
                          bias::windowedCausal(length, config_.decoderWindow, decoderInput.device());
    for (const auto& block : *blocks)
        y = block->as<DecoderBlock>()->forward(y, selfBias, memory, crossBias, crossScale);
    return megatoken::dropout(finalNorm->forward(y), config_.dropout, is_training());
}

void MegatokenDecoderImpl::setRecordCrossAttention(bool record)
{
    for (const auto& block : *blocks) block->as<DecoderBlock>()->crossAttention->setRecordWeights(record);
}

std::vector<torch::Tensor> MegatokenDecoderImpl::lastCrossAttention() const
{
    std::vector<torch::Tensor> weights;
    for (const auto& block : *blocks) weights.push_back(block->as<DecoderBlock>()->crossAttention->lastWeights());
    return weights;
}

}  // namespace megatoken
