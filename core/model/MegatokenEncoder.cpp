#include "core/model/MegatokenEncoder.h"

#include <algorithm>
#include <cmath>

#include <stdexcept>

#include "core/model/AttentionBias.h"
#include "core/model/StackInputs.h"

namespace megatoken {

MegatokenEncoderImpl::MegatokenEncoderImpl(const ModelConfig& config, torch::nn::Embedding sharedEmbedding)
    : config_(config) {
    // Shared with the model, which registers it: registering it here too would list the same
    // tensor three times in parameters(), and the optimizer would update it three times.
    embedding = std::move(sharedEmbedding);
    if (config.absolutePositions) positions = register_module("positions", makeAbsolutePositions(config));
    relativeBias = register_module("relative_bias", makeRelativeBias(config, /*bidirectional=*/true));
    blocks = register_module("blocks", torch::nn::ModuleList());
    gates = register_module("gates", torch::nn::ModuleList());
    for (std::int64_t b = 0; b < config.encoderLayers; ++b) {
        blocks->push_back(EncoderBlock(config));
        if (config.isGatedBlock(b)) {
            gatedBlocks_.push_back(b);
            gates->push_back(TokenGate(config.gates, config.dModel, config.layerNormEpsilon));
        }
    }
    finalNorm = register_module("final_norm", RMSNorm(config.dModel, config.layerNormEpsilon));
}

EncoderOutput MegatokenEncoderImpl::forward(const torch::Tensor& inputIds, MaskMode mode) {
    const std::int64_t length = inputIds.size(1);
    if (config_.absolutePositions && length > config_.maxPositions)
        throw std::invalid_argument("encoder: sequence of " + std::to_string(length) +
                                    " tokens exceeds model.max_positions = " + std::to_string(config_.maxPositions));
    EncoderOutput out;
    out.padMask = inputIds.eq(config_.padId);
    const auto neverDrop = out.padMask | inputIds.eq(config_.eosId);

    auto x = embedding->forward(inputIds);
    if (positions) x = x + positions->forward(torch::arange(length, inputIds.options())).unsqueeze(0);
    x = torch::dropout(x, config_.dropout, is_training());

    const auto positionBias = relativeBias->forward(length, length);  // once per stack
    const auto paddingBias = bias::padding(out.padMask);
    const auto baseBias = positionBias + paddingBias;

    // g: accumulated ln alpha as the masks see it (soft, thresholded or straight-through).
    auto g = torch::zeros({inputIds.size(0), length}, x.options());
    auto gSoft = g;
    auto kept = out.padMask.logical_not();
    torch::Tensor resetElement0;
    if (config_.gates.resetElement0) {
        resetElement0 = torch::ones({config_.dModel}, x.options());
        resetElement0[0] = 0.0;
    }
    const double threshold = config_.gates.threshold;

    std::size_t gateIndex = 0;
    for (std::int64_t b = 0; b < config_.encoderLayers; ++b) {
        const bool gated = gateIndex < gatedBlocks_.size() && gatedBlocks_[gateIndex] == b;
        if (gated && resetElement0.defined()) x = x * resetElement0;  // every gate starts from a neutral score
        const auto blockBias = gateIndex == 0 ? baseBias : baseBias + bias::gatePairs(g);
        x = blocks[b]->as<EncoderBlock>()->forward(x, blockBias);
        if (!gated) continue;

        const auto logAlpha = gates[gateIndex]->as<TokenGate>()->forward(x, neverDrop, kept);
        gSoft = gSoft + logAlpha;
        switch (mode) {
            case MaskMode::Soft: g = g + logAlpha; break;
            case MaskMode::Threshold: g = g + bias::thresholdLogAlpha(logAlpha, threshold); break;
            case MaskMode::StraightThrough: g = g + bias::straightThroughLogAlpha(logAlpha, threshold); break;
        }
        kept = kept & (logAlpha > threshold);
        out.gates.push_back(GateTrace{b, logAlpha, gSoft, kept});
        ++gateIndex;
    }
    out.hidden = torch::dropout(finalNorm->forward(x), config_.dropout, is_training());
    out.crossBias = g.unsqueeze(1).unsqueeze(1) + paddingBias;
    return out;
}

void MegatokenEncoderImpl::setKeepTarget(double overall) {
    if (gates->size() == 0) return;
    const double perGate = std::pow(std::clamp(overall, 1e-6, 1.0), 1.0 / static_cast<double>(gates->size()));
    for (std::size_t g = 0; g < gates->size(); ++g) gates[g]->as<TokenGate>()->setKeepTarget(perGate);
}

void MegatokenEncoderImpl::setRecordAttention(bool record) {
    for (const auto& block : *blocks) block->as<EncoderBlock>()->selfAttention->setRecordWeights(record);
}

std::vector<torch::Tensor> MegatokenEncoderImpl::lastAttention() const {
    std::vector<torch::Tensor> weights;
    for (const auto& block : *blocks) weights.push_back(block->as<EncoderBlock>()->selfAttention->lastWeights());
    return weights;
}

}  // namespace megatoken
